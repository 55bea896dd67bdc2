import Foundation
import Testing
import PKCore
import PKProfiles
@testable import Planner

/// Issue 17: earliest discharge, the start day, volumes and practical steps, the IN volume ceiling.
@Suite("Plan: discharge, start day, preparation")
struct ClinicianPlanTests {
    @Test("esketamine: earliest discharge is the later of the level time and the label's 2 h on site, never before 2 h")
    func esketamineDischarge() throws {
        let p = try plan("esketamine-label", start: "2026-11-30")
        #expect(p.minOnSiteMin == 120)
        #expect(p.minOnSiteSource.contains("esketamine-us-label-2019"))
        #expect(p.windowMin >= 120)
        for s in p.dosingSessions {
            let level = try #require(s.prediction?.dischargeMin)
            let earliest = try #require(s.earliestDischargeMin)
            #expect(earliest >= 120)
            #expect(earliest == Swift.max(level, 120))
            #expect(s.earliestDischargeBy == (level > 120 ? .level : .onSite))
        }
        // The level alone would send the patient home before the label allows (the 1:34).
        #expect(p.dosingSessions.contains { ($0.prediction?.dischargeMin ?? 999) < 120 })
    }

    @Test("no protocol minimum: the earliest discharge is the later of the level time and the end of the session window")
    func ivDischarge() throws {
        let p = try plan("murrough-2013", start: "2026-11-30") { $0.windowMin = 30 }
        #expect(p.minOnSiteMin == 30)
        let s = p.dosingSessions[0]
        let level = try #require(s.prediction?.dischargeMin)
        #expect(level > 30)   // 0.5 mg/kg over 40 min is above 100 ng/mL past the infusion's end
        #expect(s.earliestDischargeMin == level && s.earliestDischargeBy == .level)
    }

    @Test("--start on an allowed weekday is the first dosing day when a pattern through it keeps 2 days between doses")
    func startHonoured() throws {
        // Tuesday 2026-12-01; Mon-Sat allows Tue/Thu/Sat, as spread as Mon/Wed/Fri.
        let a = try plan("murrough-2013", start: "2026-12-01") { $0.weekdays = [.mon, .tue, .wed, .thu, .fri, .sat] }
        #expect(dosingDates(a) == ["2026-12-01", "2026-12-03", "2026-12-05", "2026-12-08", "2026-12-10", "2026-12-12"])
        #expect(a.calendarNotes.isEmpty)
        // Wednesday 2026-12-02, esketamine twice weekly on Mon-Fri: Wed/Sat is not allowed, Wed/Mon (5 and 2 days) is.
        let e = try plan("esketamine-label", start: "2026-12-02") { $0.weekdays = [.mon, .tue, .wed, .thu, .fri] }
        #expect(dosingDates(e).first == "2026-12-02")
        #expect(e.calendarNotes.isEmpty)
        // Every 3-a-week pattern of Mon-Fri through Tuesday has two consecutive days: the start moves, and the plan says why.
        let m = try plan("murrough-2013", start: "2026-12-01") { $0.weekdays = [.mon, .tue, .wed, .thu, .fri] }
        #expect(dosingDates(m).first == "2026-12-02")
        #expect(m.calendarNotes.count == 1 && m.calendarNotes[0].contains("not 2026-12-01 (Tue)"))
    }

    @Test("the pattern through a given day: the largest smallest gap among patterns containing it")
    func patternIncluding() {
        let wk: Set<Weekday> = [.mon, .tue, .wed, .thu, .fri]
        let p = Scheduler.pattern(k: 3, allowed: wk, earliest: nil, anchor: .tue, including: .tue)!
        #expect(p.contains(.tue))
        #expect(Scheduler.smallestGap(p) == 1)   // no 3-of-Mon-Fri pattern through Tuesday avoids back-to-back days
        #expect(Scheduler.smallestGap([.mon, .wed, .fri]) == 2 && Scheduler.smallestGap([.thu]) == 7 && Scheduler.smallestGap([.tue, .fri]) == 3)
        #expect(Scheduler.pattern(k: 2, allowed: wk, earliest: nil, anchor: .mon, including: .sat) == nil)
    }

    @Test("--concentration: doses rounded to the 0.1 mL syringe step (nearest, a tie down), volumes and infusion rates")
    func concentration() throws {
        // 71.3 kg x 0.5 mg/kg = 35.65 mg; at 50 mg/mL 0.713 mL -> 0.7 mL = 35 mg.
        let p = try plan("murrough-2013", start: "2026-11-30", weightKg: 71.3) { $0.concentrationMgPerML = 50 }
        let s = p.dosingSessions[0]
        #expect(abs(s.doseMg! - 35) < 1e-12)
        #expect(abs(s.prescribedDoseMg! - 35.65) < 1e-9)
        #expect(abs(s.doseVolumeML! - 0.7) < 1e-12)
        // Over 40 min: 35 mg / (2/3 h) = 52.5 mg/h; / 50 mg/mL = 1.05 mL/h; 35000 ug / 71.3 kg / 40 min.
        let r = try #require(s.infusionRates)
        #expect(abs(r.mgPerH - 52.5) < 1e-9 && abs(r.mLPerH! - 1.05) < 1e-12)
        #expect(abs(r.microgramPerKgPerMin - 35000 / 71.3 / 40) < 1e-9)
        // The prediction is of the dose given: the peak scales with the dose on the linear model.
        let q = try plan("murrough-2013", start: "2026-11-30", weightKg: 71.3)
        let ratio = s.prediction!.peakNgPerML / q.dosingSessions[0].prediction!.peakNgPerML
        #expect(abs(ratio - 35 / 35.65) < 1e-9)
        // 70 kg: 35 mg at 100 mg/mL is 0.35 mL, an exact half step: down to 0.3 mL = 30 mg.
        let t = try plan("murrough-2013", start: "2026-11-30") { $0.concentrationMgPerML = 100 }
        #expect(abs(t.dosingSessions[0].doseMg! - 30) < 1e-12 && abs(t.dosingSessions[0].doseVolumeML! - 0.3) < 1e-12)
        #expect(t.dosingSessions[0].doseText == "30 mg (0.429 mg/kg)")
    }

    @Test("practical steps: syringe at the concentration, esketamine devices, none without a concentration")
    func steps() throws {
        let syringe = try DosePreparation(route: "im", analyte: "racemic", concentrationMgPerML: 50)
        #expect(syringe.stepMg == 5)
        #expect(syringe.rounded(142.6) == 145 && syringe.rounded(142.4) == 140 && syringe.rounded(142.5) == 140 && syringe.rounded(1) == 5)
        let none = try DosePreparation(route: "sl", analyte: "racemic", concentrationMgPerML: nil)
        #expect(none.rounded(123.456) == 123.456 && none.volumeML(100) == nil)
        let device = try DosePreparation(route: "in", analyte: "S-ketamine", concentrationMgPerML: nil)
        #expect(device.stepMg == 28 && device.rounded(70) == 56 && device.rounded(71) == 84)
        #expect(throws: PlanError.self) { try DosePreparation(route: "in", analyte: "S-ketamine", concentrationMgPerML: 100) }
        #expect(throws: PlanError.self) { try DosePreparation(route: "iv", analyte: "racemic", concentrationMgPerML: 0) }
    }

    @Test("IN volume ceiling: 0.3 mL per nostril x 2 x the concentration caps racemic IN doses; esketamine devices unaffected")
    func intranasalCeiling() throws {
        var f = DoseFinder(profile: clements, weightKg: 70)
        #expect(try f.ceiling(route: "in").mg == 0.3 * 2 * 100)   // the default 100 mg/mL
        f.concentrationMgPerML = 50
        let c = try f.ceiling(route: "in")
        #expect(c.mg == 0.3 * 2 * 50 && c.reason.contains("fpnotebook-intranasal") && c.reason.contains("UNCONFIRMED"))
        #expect(try f.ceiling(route: "im").mg > 100)   // no volume rule off the nose
        let r = try f.doseForBand(route: "in", low: 100, high: 250, fromH: 10.0 / 60, toH: 1)
        #expect(r.doseMg <= 30 + 1e-9 && r.message.hasPrefix("no single IN dose"))
        #expect(!r.message.contains("mg in keep"))
        let esk = DoseFinder(profile: try ProfileLibrary.load("perez-ruixo-2021"), weightKg: 70)
        #expect(try esk.ceiling(route: "in").mg == 84)
    }

    @Test("rounding under a ceiling: 57.6 mg at a 5 mg step is 55 mg, not 60; no step fits under 3 mg")
    func roundedUnderCeiling() throws {
        let prep = try DosePreparation(route: "iv", analyte: "racemic", concentrationMgPerML: 50)   // 0.1 mL = 5 mg
        #expect(prep.rounded(57.6) == 60)                          // 11.52 steps round up
        #expect(prep.rounded(57.6, ceilingMg: 57.6) == 55)         // but not past the ceiling
        #expect(prep.rounded(31, ceilingMg: 57.6) == 30)           // below the ceiling: unchanged rule
        #expect(prep.rounded(4, ceilingMg: 3) == nil)              // one step (5 mg) exceeds 3 mg
    }
}

