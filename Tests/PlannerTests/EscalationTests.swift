import Testing
@testable import Planner

@Suite("Escalation through the tiers")
struct EscalationTests {
    func doses(_ p: Plan) -> [Double] { p.dosingSessions.map { $0.doseMg! } }

    @Test("esketamine: 56 mg start under 65, 28 mg steps on no response, never above 84 mg")
    func esketamineSteps() throws {
        let none = try plan("esketamine-label") { $0.sessions = 4 }
        #expect(doses(none) == [56, 56, 56, 56])   // no responses recorded: projected holds
        #expect(none.dosingSessions[1].projected == true)
        let p = try plan("esketamine-label") { $0.sessions = 4; $0.responses = [1: .noResponse, 2: .partial] }
        #expect(doses(p) == [56, 84, 84, 84])
        #expect(p.dosingSessions[2].escalationNote?.contains("at maximum 84 mg") == true)
        #expect(p.dosingSessions[1].projected == false && p.dosingSessions[3].projected == true)
    }

    @Test("esketamine from age 65 starts at 28 mg")
    func esketamineAge() throws {
        let p = try plan("esketamine-label") { $0.sessions = 3; $0.patient.ageYears = 70; $0.responses = [1: .noResponse, 2: .noResponse] }
        #expect(doses(p) == [28, 56, 84])
        #expect(p.dosingSessions[0].doseTier == "psycholytic" && p.dosingSessions[2].doseTier == "psychedelic")
    }

    @Test("a step needs a completed session: a missed session holds the dose")
    func missedHolds() throws {
        let p = try plan("im-kap", weightKg: 80) { $0.responses = [1: .missed, 2: .noResponse] }
        #expect(doses(p) == [40, 40, 60])   // 0.5 mg/kg x 80 kg, then + 0.25 mg/kg after the completed session 2
        #expect(p.dosingSessions[1].escalationNote?.contains("not completed") == true)
    }

    @Test("good response holds, adverse steps down one step")
    func holdAndStepDown() throws {
        let p = try plan("sl-lozenge") { $0.responses = [1: .noResponse, 2: .good, 3: .adverse] }
        #expect(doses(p) == [100, 150, 150, 100])
    }

    @Test("scheduled titration (Al Shirawi): +25 mg every session until a good response")
    func titration() throws {
        let p = try plan("al-shirawi-2017")
        #expect(doses(p) == [50, 75, 100, 125, 150, 175, 200, 225])
        let held = try plan("al-shirawi-2017") { $0.responses = [2: .good] }
        #expect(doses(held) == [50, 75, 75, 100, 125, 150, 175, 200])
    }

    @Test("no response after 3 completed sessions: review cue, dose held, futility finding")
    func futility() throws {
        let p = try plan("esketamine-label") { $0.sessions = 6; $0.responses = [1: .noResponse, 2: .noResponse, 3: .noResponse] }
        #expect(doses(p) == [56, 84, 84, 84, 84, 84])
        #expect(p.dosingSessions[3].review?.hasPrefix("no response after 3 sessions") == true)
        let f = try #require(finding(p, "futility-review"))
        #expect(f.level == "info" && f.sessions == [4])
        // Two non-responses do not trigger it.
        let two = try plan("esketamine-label") { $0.sessions = 6; $0.responses = [1: .noResponse, 2: .noResponse] }
        #expect(finding(two, "futility-review") == nil)
    }

    @Test("one tier per step: a step that would skip a tier lands at the bottom of the next tier")
    func oneTierPerStep() throws {
        var t = template("murrough-2013")
        t.dose = Amount(mgPerKg: 0.2)   // IV sub-perceptual (0.1-0.3)
        t.escalation = .init(trigger: "no-response", step: Amount(mgPerKg: 1.0), max: Amount(mgPerKg: 2.0), evidence: "test", source: "test")
        let d = Escalation.doses(template: t, catalog: catalog, weightKg: 70, ageYears: nil, startOverride: nil, count: 3,
                                 responses: [1: .noResponse, 2: .noResponse])
        #expect(d.map(\.doseTier) == ["sub-perceptual", "psycholytic", "psychedelic"])
        #expect(abs(d[1].doseMg - 0.3 * 70) < 1e-9)   // bottom of psycholytic
        #expect(abs(d[2].doseMg - 1.3 * 70) < 1e-9)   // 0.3 + 1.0 mg/kg: psychedelic, one tier up
    }

    @Test("dose tiers by route: the same mg/kg is a different tier by IV and IM")
    func tiersByRoute() {
        let iv = catalog.doseTiers["iv"]!, im = catalog.doseTiers["im"]!
        #expect(Escalation.tier(of: 0.5 * 70, weightKg: 70, tiers: iv, order: catalog.tierOrder) == "psycholytic")
        #expect(Escalation.tier(of: 2.0 * 70, weightKg: 70, tiers: im, order: catalog.tierOrder) == "high")
        #expect(Escalation.tier(of: 2.0 * 70, weightKg: 70, tiers: iv, order: catalog.tierOrder) == "psychedelic")
        #expect(Escalation.tier(of: 0.05 * 70, weightKg: 70, tiers: iv, order: catalog.tierOrder) == nil)
    }
}
