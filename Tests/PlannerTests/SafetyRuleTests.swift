import Testing
import PKProfiles
@testable import Planner

@Suite("Safety rules: each fires when it should and not otherwise")
struct SafetyRuleTests {
    @Test("the built-in templates plan cleanly at their published doses (no block or warn except Al Shirawi's weekly total)")
    func builtinsClean() throws {
        for t in catalog.protocols {
            let p = try plan(t.id)
            #expect(!p.refused, "\(t.id): \(p.refusalReasons)")
            let serious = p.findings.filter { $0.level != "info" }.map(\.rule)
            #expect(serious == (t.id == "al-shirawi-2017" ? ["weekly-total"] : []), "\(t.id): \(serious)")
        }
    }

    @Test("max single dose IV: 0.8 mg/kg is allowed, above it warns")
    func maxSingleIV() throws {
        #expect(finding(try plan("murrough-2013") { $0.startDose = Amount(mgPerKg: 0.8); $0.sessions = 1 }, "max-single-dose-iv") == nil)
        let f = try #require(finding(try plan("murrough-2013") { $0.startDose = Amount(mgPerKg: 0.81); $0.sessions = 1 }, "max-single-dose-iv"))
        #expect(f.level == "warn" && f.sessions == [1])
    }

    @Test("IM: warn above 2.0 mg/kg; block from the Ketalar IM induction floor 6.5 mg/kg")
    func imLimits() throws {
        let two = try plan("krupitsky-2002")
        #expect(finding(two, "max-single-dose-im") == nil && finding(two, "im-anaesthetic-dose") == nil)
        let p = try plan("krupitsky-2002") { $0.startDose = Amount(mgPerKg: 6.5); $0.overrides = [Override(rule: "anaesthetic-exposure", reason: "test")] }
        #expect(finding(p, "max-single-dose-im")?.level == "warn")
        #expect(finding(p, "im-anaesthetic-dose")?.level == "block")
        #expect(p.refused)
    }

    @Test("SL, PO and esketamine single-dose ceilings")
    func otherCeilings() throws {
        #expect(finding(try plan("sl-lozenge") { $0.startDose = Amount(mg: 400) }, "max-single-dose-sl") == nil)
        #expect(finding(try plan("sl-lozenge") { $0.startDose = Amount(mg: 450) }, "max-single-dose-sl")?.level == "warn")
        #expect(finding(try plan("al-shirawi-2017") { $0.startDose = Amount(mg: 325); $0.sessions = 1 }, "max-single-dose-po")?.level == "warn")
        #expect(finding(try plan("al-shirawi-2017", weightKg: 40) { $0.startDose = Amount(mg: 290); $0.sessions = 1 }, "max-single-dose-po")?.message.contains("mg/kg") == true)
        let esk = try plan("esketamine-label") { $0.startDose = Amount(mg: 112); $0.sessions = 1 }
        #expect(finding(esk, "max-single-dose-esketamine")?.level == "warn")
    }

    @Test("esketamine dose must be whole 28 mg devices (block)")
    func deviceStep() throws {
        let p = try plan("esketamine-label") { $0.startDose = Amount(mg: 70); $0.sessions = 1 }
        #expect(finding(p, "esketamine-device-step")?.level == "block")
        #expect(p.refused)
        #expect(finding(try plan("esketamine-label") { $0.sessions = 1 }, "esketamine-device-step") == nil)
    }

    @Test("minimum interval: 48 h apart is fine, 24 h apart warns")
    func minInterval() throws {
        #expect(finding(try plan("murrough-2013"), "min-interval") == nil)   // Mon/Wed/Fri: 48 h and 72 h
        let p = try plan("murrough-2013", start: "2026-11-30") { $0.weekdays = [.mon, .tue, .wed]; $0.sessions = 3 }
        let fs = p.findings.filter { $0.rule == "min-interval" }
        #expect(fs.map(\.level) == ["warn", "warn"] && fs.flatMap(\.sessions) == [2, 3])
        #expect(fs[0].message.hasPrefix("24 h after session 1"))
        #expect(!p.refused)
    }

    @Test("same day: a second dosing session that day blocks; the override is recorded")
    func sameDay() throws {
        let extra = (date: date("2026-12-02"), timeMin: 15 * 60)
        let p = try plan("murrough-2013") { $0.extraDoses = [extra] }
        let f = try #require(finding(p, "same-day"))
        #expect(f.level == "block" && f.sessions == [2])
        #expect(p.refused && p.refusalReasons.contains { $0.contains("--override same-day") })
        let o = try plan("murrough-2013") { $0.extraDoses = [extra]; $0.overrides = [Override(rule: "same-day", reason: "rescue dose agreed with patient")] }
        #expect(!o.refused)
        #expect(finding(o, "same-day")?.overridden == true && finding(o, "same-day")?.overrideReason == "rescue dose agreed with patient")
        #expect(o.overrides == [Override(rule: "same-day", reason: "rescue dose agreed with patient", matched: true)])
        // A planned in-session top-up is not a second session.
        #expect(finding(try plan("im-kap") { $0.topUpMg = 40 }, "same-day") == nil)
    }

    @Test("weekly total above the densest published schedule warns (IV 1.5 mg/kg a week)")
    func weeklyTotal() throws {
        #expect(finding(try plan("murrough-2013"), "weekly-total") == nil)   // 3 x 0.5 mg/kg = the limit itself
        let p = try plan("murrough-2013", start: "2026-11-30") { $0.startDose = Amount(mgPerKg: 0.6) }
        let f = try #require(finding(p, "weekly-total"))
        #expect(f.level == "warn" && f.sessions == [3, 4, 5, 6])   // 3 x 0.6 = 1.8 mg/kg from the third session on
        #expect(p.dosingSessions[2].prediction!.rolling7DayMg == 3 * 42)
    }

    @Test("predicted anaesthetic exposure blocks (racemic >= 1200 ng/mL), also via the largest optional top-up")
    func anaesthetic() throws {
        #expect(finding(try plan("krupitsky-2002"), "anaesthetic-exposure") == nil)
        let p = try plan("krupitsky-2002") { $0.startDose = Amount(mgPerKg: 3.0) }
        let f = try #require(finding(p, "anaesthetic-exposure"))
        #expect(f.level == "block" && p.refused)
        // Peak is linear in dose for this linear model: 3.0 mg/kg gives 1.5 x the 2.0 mg/kg peak.
        let peak2 = try plan("krupitsky-2002").dosingSessions[0].prediction!.peakNgPerML
        #expect(abs(p.dosingSessions[0].prediction!.peakNgPerML - 1.5 * peak2) < 1e-6 * peak2)
        #expect(1.5 * peak2 >= Planner.anaesthesiaFloor(analyte: "racemic")!)
        // IM KAP at 2.95 mg/kg: the dose alone stays below, the 40 mg optional top-up would cross.
        let k = try plan("im-kap") { $0.startDose = Amount(mgPerKg: 2.95); $0.sessions = 1 }
        let pr = k.dosingSessions[0].prediction!
        #expect(pr.peakNgPerML < 1200 && pr.peakWithMaxTopUpNgPerML! >= 1200)
        #expect(finding(k, "anaesthetic-exposure")?.message.contains("largest optional top-up") == true)
    }

    @Test("blood pressure: esketamine > 140/90 warns and needs acknowledgement; > 180 systolic blocks")
    func bloodPressure() throws {
        let ok = try plan("esketamine-label") { $0.patient.systolic = 140; $0.patient.diastolic = 90; $0.sessions = 1 }
        #expect(finding(ok, "bp-esketamine") == nil && !ok.refused)
        let high = try plan("esketamine-label") { $0.patient.systolic = 150; $0.patient.diastolic = 85; $0.sessions = 1 }
        let f = try #require(finding(high, "bp-esketamine"))
        #expect(f.level == "warn" && f.requiresAcknowledgement && !f.acknowledged)
        #expect(high.refused)
        let ack = try plan("esketamine-label") { $0.patient.systolic = 150; $0.patient.diastolic = 85; $0.sessions = 1; $0.acknowledgements = ["bp-esketamine"] }
        #expect(!ack.refused && finding(ack, "bp-esketamine")!.acknowledged)
        let racemic = try plan("murrough-2013") { $0.patient.systolic = 150; $0.patient.diastolic = 95 }
        #expect(finding(racemic, "bp-caution")?.level == "info" && finding(racemic, "bp-esketamine") == nil && !racemic.refused)
        let crisis = try plan("murrough-2013") { $0.patient.systolic = 190; $0.patient.diastolic = 100 }
        #expect(finding(crisis, "bp-hard-limit")?.level == "block" && crisis.refused)
    }

    @Test("contraindication flags: label contraindications block, cautions warn")
    func flags() throws {
        let p = try plan("esketamine-label") { $0.patient.flags = ["aneurysmal-vascular-disease", "psychosis"]; $0.sessions = 1 }
        #expect(finding(p, "contraindication-aneurysmal-vascular-disease")?.level == "block")
        #expect(finding(p, "contraindication-psychosis")?.level == "warn")
        #expect(p.refused)
        #expect(throws: PlanError.self) { try plan("murrough-2013") { $0.patient.flags = ["not-a-flag"] } }
    }

    @Test("fast IV: 1 mg/kg over <= 5 min blocks; an infusion under 40 min is info")
    func fastIV() throws {
        let fast = try plan("murrough-2013") { $0.startDose = Amount(mgPerKg: 1.0); $0.infusionMin = 3; $0.sessions = 1
            $0.overrides = [Override(rule: "anaesthetic-exposure", reason: "test")] }
        #expect(finding(fast, "iv-fast-bolus")?.level == "block")
        let slow = try plan("murrough-2013") { $0.infusionMin = 20; $0.sessions = 1 }
        #expect(finding(slow, "iv-fast-bolus") == nil)
        #expect(finding(slow, "iv-short-infusion")?.level == "info")
        #expect(finding(try plan("murrough-2013"), "iv-short-infusion") == nil)
    }

    @Test("setting and age rules")
    func settingAndAge() throws {
        var t = template("sl-lozenge")
        t.setting = "home-unsupervised"
        var r = request("sl-lozenge")
        r.template = t
        #expect(finding(try Planner.plan(r), "unsupervised-home")?.level == "warn")
        #expect(finding(try plan("sl-lozenge"), "unsupervised-home") == nil)
        #expect(finding(try plan("esketamine-label") { $0.patient.ageYears = 17; $0.sessions = 1 }, "esketamine-age")?.level == "warn")
        #expect(finding(try plan("esketamine-label") { $0.patient.ageYears = 18; $0.sessions = 1 }, "esketamine-age") == nil)
    }

    @Test("overrides of unknown rules and overrides without reasons are errors; unmatched overrides are kept")
    func overrideChecks() throws {
        #expect(throws: PlanError.self) { try plan("murrough-2013") { $0.overrides = [Override(rule: "nope", reason: "x")] } }
        #expect(throws: PlanError.self) { try plan("murrough-2013") { $0.overrides = [Override(rule: "same-day", reason: "  ")] } }
        let p = try plan("murrough-2013") { $0.overrides = [Override(rule: "same-day", reason: "just in case")] }
        #expect(p.overrides == [Override(rule: "same-day", reason: "just in case", matched: false)])
    }

    @Test("every rule and flag names a source and a valid level")
    func rulesHaveSources() {
        for r in catalog.rules { #expect(!r.source.isEmpty && ["block", "warn", "info"].contains(r.level), "\(r.id)") }
        for c in catalog.contraindications { #expect(!c.source.isEmpty && c.levels.values.allSatisfy { ["block", "warn", "info"].contains($0) }) }
        for p in catalog.protocols {
            #expect(!p.source.isEmpty && ["V", "U", "S", "derived"].contains(p.evidence), "\(p.id)")
            #expect(p.schedule.allSatisfy { !$0.source.isEmpty }, "\(p.id)")
            #expect(ProfileLibrary.named(p.profile ?? "") != nil, "\(p.id): profile \(p.profile ?? "-")")
        }
    }
}
