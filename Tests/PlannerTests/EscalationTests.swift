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

    @Test("esketamine from age 65 starts at 28 mg under the EU/HK SmPC (default), 56 mg under the US label")
    func esketamineAge() throws {
        let p = try plan("esketamine-label") { $0.sessions = 3; $0.patient.ageYears = 70; $0.responses = [1: .noResponse, 2: .noResponse] }
        #expect(doses(p) == [28, 56, 84] && p.label == "eu")
        #expect(p.dosingSessions[0].doseTier == "psycholytic" && p.dosingSessions[2].doseTier == "psychedelic")
        let us = try plan("esketamine-label") { $0.sessions = 2; $0.patient.ageYears = 70; $0.label = "us" }
        #expect(doses(us) == [56, 56] && us.label == "us")
        #expect(throws: PlanError.self) { try plan("murrough-2013") { $0.label = "us" } }
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

    // Changed in issue 19: the paper titrates "according to response and tolerability", so the oral
    // template steps only after a recorded response short of good (it used to project steps).
    @Test("oral titration (Al Shirawi): +25 mg only after a recorded response short of good; held otherwise")
    func titration() throws {
        let p = try plan("al-shirawi-2017")
        #expect(doses(p) == [50, 50, 50, 50, 50, 50, 50, 50])
        #expect(p.dosingSessions[1].escalationNote?.contains("no response recorded") == true)
        let stepped = try plan("al-shirawi-2017") { $0.responses = [1: .partial, 2: .partial, 3: .good] }
        #expect(doses(stepped) == [50, 75, 100, 100, 100, 100, 100, 100])
        let adverse = try plan("al-shirawi-2017") { $0.responses = [1: .partial, 2: .adverse] }
        #expect(doses(adverse) == [50, 75, 50, 50, 50, 50, 50, 50])
    }

    @Test("no response after 3 completed sessions: review cue, dose held, futility finding")
    func futility() throws {
        let p = try plan("esketamine-label") { $0.sessions = 6; $0.responses = [1: .noResponse, 2: .noResponse, 3: .noResponse] }
        #expect(doses(p) == [56, 84, 84, 84, 84, 84])
        #expect(p.dosingSessions[3].review?.hasPrefix("no response after 3 sessions") == true)
        let f = try #require(finding(p, "futility-review"))
        #expect(f.level == .info && f.sessions == [4])
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
