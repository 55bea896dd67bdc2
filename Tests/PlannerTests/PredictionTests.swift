import Foundation
import Testing
@testable import Reports
import PKCore
import PKProfiles
import TestSupport
@testable import Planner

@Suite("Per-session predictions on the exact model")
struct PredictionTests {
    @Test("IV 0.5 mg/kg over 40 min: peak, Tmax, band minutes, discharge and residue match the 2-compartment closed form")
    func ivClosedForm() throws {
        let p = try plan("murrough-2013", start: "2026-11-30")
        let s = p.dosingSessions.map { $0.prediction! }
        let tInf = 40.0 / 60
        #expect(isClose(s[0].peakNgPerML, clementsInfusion(mg: 35, tInfH: tInf, t: tInf), rtol: 1e-8))
        #expect(isClose(s[0].tmaxMin, 40, rtol: 1e-8))
        // Band 70-250 (psycholytic) within the 90 min window: the rise crosses 70 and the fall stays above
        // 70 until some time; find both crossings on the closed form by bisection.
        func cross(_ lo0: Double, _ hi0: Double, _ level: Double) -> Double {
            var lo = lo0, hi = hi0
            let up = clementsInfusion(mg: 35, tInfH: tInf, t: lo) < level
            for _ in 0..<200 {
                let m = 0.5 * (lo + hi)
                if (clementsInfusion(mg: 35, tInfH: tInf, t: m) < level) == up { lo = m } else { hi = m }
            }
            return 0.5 * (lo + hi)
        }
        let tUp = cross(0, tInf, 70)
        let endWindow = 1.5
        let tDown = clementsInfusion(mg: 35, tInfH: tInf, t: endWindow) >= 70 ? endWindow : cross(tInf, endWindow, 70)
        #expect(isClose(s[0].minutesInBand, (tDown - tUp) * 60, rtol: 1e-7))
        #expect(isClose(s[0].dischargeMin!, cross(tInf, 12, 100) * 60, rtol: 1e-7))
        // Residue at the next session (48 h later) and the one after a weekend (72 h): superposed closed forms.
        #expect(isClose(s[0].residualAtNextNgPerML!, clementsInfusion(mg: 35, tInfH: tInf, t: 48), rtol: 1e-6))
        let at72 = clementsInfusion(mg: 35, tInfH: tInf, t: 96 + 72) + clementsInfusion(mg: 35, tInfH: tInf, t: 48 + 72) + clementsInfusion(mg: 35, tInfH: tInf, t: 72)
        #expect(isClose(s[2].residualAtNextNgPerML!, at72, rtol: 1e-6))
        #expect(s[5].residualAtNextNgPerML == nil)
        #expect(s[1].residualAtStartNgPerML == s[0].residualAtNextNgPerML)
    }

    @Test("IV-equivalent dose: dose x the route's bioavailability from the profile (F_IM 0.93, F_SL 0.29)")
    func ivEquivalent() throws {
        let im = try plan("im-kap") { $0.sessions = 1 }.dosingSessions[0]
        #expect(isClose(im.prediction!.ivEquivalentMg, 35 * 0.93, rtol: 1e-6))
        let sl = try plan("sl-lozenge") { $0.sessions = 1 }.dosingSessions[0]
        #expect(isClose(sl.prediction!.ivEquivalentMg, 100 * 0.29, rtol: 1e-6))
        let iv = try plan("murrough-2013") { $0.sessions = 1 }.dosingSessions[0]
        #expect(iv.prediction!.ivEquivalentMg == 35)
        // With a planned top-up the session's IV equivalent covers both doses.
        let top = try plan("im-kap") { $0.sessions = 1; $0.topUpMg = 30 }.dosingSessions[0]
        #expect(isClose(top.prediction!.ivEquivalentMg, 65 * 0.93, rtol: 1e-6))
        #expect(top.prediction!.rolling7DayMg == 65)
    }

    @Test("Reported times and amounts are the decimals they stand for, in every session and in the CSV (no float noise)")
    func reportedPrecision() throws {
        // A 40-min IV infusion of a linear model peaks as it ends: 40 min after every session's
        // start, though the course clock puts the later ones at 48.67 h, 96.67 h, ...
        let iv = try plan("murrough-2013")
        #expect(iv.dosingSessions.count == 6)
        for e in iv.dosingSessions { #expect(e.prediction!.tmaxMin == 40) }
        // 35 mg x F_IM 0.93 and 100 mg x F_SL 0.29 (the profile's values) as decimals.
        let im = try plan("im-kap")
        for e in im.dosingSessions { #expect(e.prediction!.ivEquivalentMg == 32.55) }
        let sl = try plan("sl-lozenge") { $0.sessions = 1 }.dosingSessions[0].prediction!
        #expect(sl.ivEquivalentMg == 29)
        #expect(sl.rolling7DayIVEquivalentMg == 29)
        // No field of the CSV carries a run of six 9s or 0s after the decimal point.
        for p in [iv, im] {
            let csv = PlanRender.csv(p, tool: "test")
            let noisy = csv.split(whereSeparator: { $0 == "," || $0 == "\n" }).filter { f in
                guard let dot = f.firstIndex(of: ".") else { return false }
                let frac = f[f.index(after: dot)...]
                return frac.contains("999999") || frac.contains("000000")
            }
            #expect(noisy.isEmpty, "float noise: \(noisy.prefix(3))")
        }
    }

    @Test("esketamine: racemic equivalent uses the potency factor; rolling weekly totals in mg")
    func esketamine() throws {
        let p = try plan("esketamine-label", start: "2026-11-30") { $0.sessions = 3 }
        let s = p.dosingSessions.map { $0.prediction! }
        // Both amounts are reported to 1e-9 mg (`ReportedPrecision`): within 2e-9 mg of each other's product.
        #expect(abs(s[0].racemicEquivalentIVMg! - s[0].ivEquivalentMg * catalog.potency.sKetamineToRacemic) <= 2e-9)
        #expect(s[0].ivEquivalentMg > 0 && s[0].ivEquivalentMg < 56)
        #expect(s.map(\.rolling7DayMg) == [56, 112, 112])   // Mon, Thu, Mon: the first Monday drops out of the third window
        #expect(p.profile == "perez-ruixo-2021")
    }

    @Test("exposure tier follows the predicted peak; the band used is the dose tier's")
    func tiers() throws {
        let k = try plan("krupitsky-2002").dosingSessions[0]
        #expect(k.doseTier == "high" && k.prediction!.exposureTier == "high" && k.prediction!.bandTier == "high")
        #expect(k.prediction!.bandLowNgPerML == 640 && k.prediction!.bandHighNgPerML == 1200)
    }

    @Test("no profile: the calendar and rules without predictions, with the note in the plan")
    func noProfile() throws {
        var r = request("esketamine-label")
        r.profile = nil
        r.profileNote = "profile not available"
        let p = try Planner.plan(r)
        #expect(p.dosingSessions.count == 16 && p.dosingSessions.allSatisfy { $0.prediction == nil })
        #expect(p.profileNote == "profile not available")
        #expect(PlanRender.table(p, tool: "t").contains("Profile note: profile not available"))
    }

    @Test("a profile of the wrong analyte is refused")
    func wrongAnalyte() {
        var r = request("esketamine-label")
        r.profile = clements
        #expect(throws: PlanError.self) { try Planner.plan(r) }
    }
}
