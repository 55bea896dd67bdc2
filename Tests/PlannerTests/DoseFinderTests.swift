import Foundation
import Testing
import PKCore
import PKProfiles
import TestSupport
@testable import Planner

@Suite("Dose finding")
struct DoseFinderTests {
    let finder = DoseFinder(profile: clements, weightKg: 70)

    @Test("IV bolus to a target peak: dose = target x V1 (closed form)")
    func bolus() throws {
        let r = try finder.doseForPeak(route: "iv-bolus", targetNgPerML: 50)
        #expect(r.reachable)
        #expect(isClose(r.doseMg, 0.050 * 1.7522 * 70, rtol: 1e-8))
    }

    @Test("IM to a target peak: the dose hits it, and doubling the target doubles the dose (linear model)")
    func imPeak() throws {
        let a = try finder.doseForPeak(route: "im", targetNgPerML: 150)
        let b = try finder.doseForPeak(route: "im", targetNgPerML: 300)
        #expect(isClose(a.peakNgPerML, 150, rtol: 1e-8))
        #expect(isClose(b.doseMg, 2 * a.doseMg, rtol: 1e-8))
        // Independent: IM into the Clements disposition (F_IM 0.93, KA_IM 14.8 /h, no lag) in closed form;
        // the peak is where dC/dt = 0 (found by bisection), and the dose that gives 150 ng/mL scales it.
        let m = TwoCompartment.clements(weightKg: 70)
        let tmax = crossing({ m.firstOrder(doseMg: 1, f: 0.93, kaPerH: 14.8, t: $0, derivative: true) }, level: 0, lo: 1e-6, hi: 12)
        let peakPerMg = 1000 * m.firstOrder(doseMg: 1, f: 0.93, kaPerH: 14.8, t: tmax)
        #expect(isClose(a.doseMg, 150 / peakPerMg, rtol: 1e-8), "\(a.doseMg) mg vs \(150 / peakPerMg) mg")
        #expect(isClose(1000 * m.firstOrder(doseMg: a.doseMg, f: 0.93, kaPerH: 14.8, t: tmax), 150, rtol: 1e-8))
    }

    @Test("with a solution strength: the measured dose (0.1 mL steps) gets its own prediction, the closed-form IM peak of that dose")
    func measuredDose() throws {
        var f = finder
        f.concentrationMgPerML = 50
        let r = try f.doseForPeak(route: "im", targetNgPerML: 150)
        // 0.1 mL of 50 mg/mL = 5 mg steps: the exact dose rounds to the nearest step.
        let measured = try #require(r.measuredDoseMg)
        #expect(measured == (r.doseMg / 5).rounded() * 5 && measured != r.doseMg)
        let m = TwoCompartment.clements(weightKg: 70)
        let tmax = crossing({ m.firstOrder(doseMg: 1, f: 0.93, kaPerH: 14.8, t: $0, derivative: true) }, level: 0, lo: 1e-6, hi: 12)
        let peak = 1000 * m.firstOrder(doseMg: measured, f: 0.93, kaPerH: 14.8, t: tmax)
        #expect(isClose(try #require(r.measuredAchieved), peak, rtol: 1e-8))
        #expect(isClose(try #require(r.measuredPeakNgPerML), peak, rtol: 1e-8))
        // Without a strength there is no step: nothing measured.
        #expect(try finder.doseForPeak(route: "im", targetNgPerML: 150).measuredDoseMg == nil)
    }

    @Test("no safe dose: the answer is the ceiling, marked unreachable")
    func unreachable() throws {
        let r = try finder.doseForPeak(route: "im", targetNgPerML: 1000)
        #expect(!r.reachable)
        #expect(isClose(r.doseMg, 2.0 * 70, rtol: 1e-12))
        #expect(r.achieved < 1000 && r.message.hasPrefix("no safe dose"))
    }

    @Test("a target in the anaesthetic band is an error")
    func anaestheticTarget() {
        #expect(throws: PlanError.self) { try finder.doseForPeak(route: "im", targetNgPerML: 1200) }
    }

    @Test("route equivalence by AUC: dose = IV dose / F (IM 0.93, SL 0.29); by peak: same peak as the IV infusion")
    func equivalence() throws {
        let im = try finder.routeEquivalent(route: "im", referenceMg: 35, metric: "auc")
        #expect(isClose(im.doseMg, 35 / 0.93, rtol: 1e-7))
        let sl = try finder.routeEquivalent(route: "sl", referenceMg: 35, metric: "auc")
        #expect(isClose(sl.doseMg, 35 / 0.29, rtol: 1e-7))
        let pk = try finder.routeEquivalent(route: "im", referenceMg: 35, metric: "peak")
        #expect(isClose(pk.achieved, clementsInfusion(mg: 35, tInfH: 40.0 / 60, t: 40.0 / 60), rtol: 1e-7))
    }

    @Test("band holding: the smallest dose keeps the window minimum at LOW, the largest peaks at HIGH")
    func band() throws {
        let r = try finder.doseForBand(route: "im", low: 100, high: 250, fromH: 10.0 / 60, toH: 1)
        #expect(r.holds)
        let pr = try CoursePredictor(profile: clements, weightKg: 70, route: "im")
        let atMin = try pr.single(doseMg: r.minDoseMg!)
        #expect(isClose(atMin.hoursAtOrAbove(100, from: 10.0 / 60, to: 1) * 60, 50, rtol: 1e-6))
        #expect(isClose(try pr.single(doseMg: r.maxDoseMg!).peak().cmax, 250, rtol: 1e-7))
        #expect(isClose(r.minutesInBand, 50, rtol: 1e-6))
        // A band no single dose holds: narrow, over a long window.
        let no = try finder.doseForBand(route: "im", low: 150, high: 200, fromH: 10.0 / 60, toH: 2)
        #expect(!no.holds && no.minutesInBand > 0 && no.minutesInBand < 110)
    }

    @Test("IV TCI: bolus = target x V1, concentration back at target at every step end, inside the band throughout")
    func tci() throws {
        let s = try finder.tciScheme(low: 100, high: 250, target: 150, durationH: 1, stepH: 1.0 / 6)
        #expect(isClose(s.bolusMg, 0.150 * 1.7522 * 70, rtol: 1e-8))
        var reg = Regimen().dose(amountMg: s.bolusMg, route: .ivBolus)
        for st in s.steps where st.rateMgPerH > 0 {
            reg = reg.infusion(amountMg: st.rateMgPerH * (st.endMin - st.startMin) / 60, overH: (st.endMin - st.startMin) / 60, atH: st.startMin / 60)
        }
        let c = try reg.compile(on: clements.dosing, parameters: clements.parameters(covariates: clements.covariates(weightKg: 70)))
        let ends = s.steps.map { $0.endMin / 60 }
        let res = try Simulator.simulate(model: c.model, records: c.records, timesH: ends)
        for v in res.series("CP")! { #expect(isClose(v, 150, rtol: 1e-7)) }
        #expect(s.withinCeiling && s.minNgPerML >= 100 && s.maxNgPerML < 250)
        #expect(isClose(s.minutesInBand, 60, rtol: 1e-9))
    }

    @Test("esketamine: the continuous dose and the 28 mg device doses around it")
    func esketamineUnits() throws {
        let f = DoseFinder(profile: try ProfileLibrary.load("perez-ruixo-2021"), weightKg: 70)
        let r = try f.doseForPeak(route: "in", targetNgPerML: 90)
        #expect(r.reachable && isClose(r.achieved, 90, rtol: 1e-7))
        #expect(r.unitDoses.map(\.doseMg) == [56, 84])
        #expect(r.unitDoses[0].achieved < 90 && r.unitDoses[1].achieved > 90)
    }
}
