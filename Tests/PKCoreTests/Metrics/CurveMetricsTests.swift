import Foundation
import Testing
import PKCore
import TestSupport

/// Metrics against hand-computed values for 1-compartment models, on a deliberately coarse grid:
/// the exact crossing times and peaks must not depend on it.
@Suite("Curve metrics")
struct CurveMetricsTests {
    // CL 5 L/h, V 50 L → k = 0.1 /h; 100 mg bolus → C0 = 2 mg/L (scale 1: concentration in mg/L).
    let k = 0.1, c0 = 2.0

    func bolusAnalysis(step: Double = 1) throws -> CurveAnalysis {
        let m = Models.oneCompartment(cl: 5, v: 50)
        let res = try Simulator.simulate(model: m, records: [Models.bolus(0, 100)], timesH: try Simulator.grid(endH: 24, stepH: step))
        return CurveAnalysis(trajectory: res.trajectory, output: 0)
    }

    @Test("bolus: Cmax, AUC(0–24), AUC(0–∞), half-life")
    func bolus() throws {
        let a = try bolusAnalysis()
        let m = a.metrics()
        #expect(m.cmax == c0 && m.tmaxH == 0)
        #expect(isClose(m.auc, c0 / k * (1 - exp(-k * 24)), rtol: 1e-12))
        #expect(isClose(m.aucInfinity!, c0 / k, rtol: 1e-12))
        #expect(isClose(m.terminalHalfLifeH!, log(2) / k, rtol: 1e-10))
    }

    @Test("threshold crossings are exact, not rounded to the grid", arguments: [1.0, 3.0, 0.1])
    func crossings(step: Double) throws {
        let a = try bolusAnalysis(step: step)
        let level = 0.7
        let tCross = log(c0 / level) / k           // 10.498… h
        #expect(isClose(a.hoursAtOrAbove(level), tCross, rtol: 1e-10))
        #expect(isClose(a.timeBelowForGood(level)!, tCross, rtol: 1e-10))
        #expect(isClose(a.hoursInBand(lower: 0.7, upper: 1.5), log(c0 / 0.7) / k - log(c0 / 1.5) / k, rtol: 1e-10))
        #expect(isClose(a.hoursAtOrAbove(level, from: 2, to: 5), 3, rtol: 1e-12))
    }

    @Test("discharge time past the end of the simulation is found by continuing the exact solution")
    func dischargeBeyondHorizon() throws {
        let a = try bolusAnalysis()
        let t = a.timeBelowForGood(0.01)!        // ln(200)/0.1 = 52.98 h > 24 h
        #expect(isClose(t, log(c0 / 0.01) / k, rtol: 1e-10))
        #expect(a.timeBelowForGood(3) == 0)       // never above
    }

    @Test("oral peak between grid points: Tmax = ln(ka/k)/(ka−k)")
    func oralPeak() throws {
        let ka = 1.3
        let m = Models.oneCompartment(cl: 5, v: 50, ka: ka)
        let res = try Simulator.simulate(model: m, records: [Models.bolus(0, 100)], timesH: try Simulator.grid(endH: 48, stepH: 1))
        let p = CurveAnalysis(trajectory: res.trajectory, output: 0).peak()
        let tmax = log(ka / k) / (ka - k)
        #expect(isClose(p.tmaxH, tmax, rtol: 1e-9))
        #expect(isClose(p.cmax, ClosedForm.oral1(doseMg: 100, vL: 50, ka: ka, k: k, t: tmax), rtol: 1e-12))
    }

    @Test("a peak and both crossings inside one grid interval are all found")
    func hiddenPeak() throws {
        // Grid step 6 h hides a fast absorption peak entirely between t = 0 and t = 6.
        let m = Models.oneCompartment(cl: 50, v: 50, ka: 3)   // k = 1
        let res = try Simulator.simulate(model: m, records: [Models.bolus(0, 100)], timesH: [0, 6, 12])
        let a = CurveAnalysis(trajectory: res.trajectory, output: 0)
        let tmax = log(3.0) / 2
        #expect(isClose(a.peak().tmaxH, tmax, rtol: 1e-9))
        let cmax = ClosedForm.oral1(doseMg: 100, vL: 50, ka: 3, k: 1, t: tmax)
        let level = cmax / 2
        let ints = a.intervalsAtOrAbove(level)
        #expect(ints.count == 1)
        for t in [ints[0].startH, ints[0].endH] {
            #expect(isClose(ClosedForm.oral1(doseMg: 100, vL: 50, ka: 3, k: 1, t: t), level, rtol: 1e-9))
        }
    }

    @Test("infusion: peak at the end of the infusion, AUC equals dose/CL at infinity")
    func infusion() throws {
        let m = Models.oneCompartment(cl: 5, v: 50)
        let res = try Simulator.simulate(model: m, records: [Models.bolus(0, 35, input: .duration(2.0 / 3))], timesH: try Simulator.grid(endH: 96, stepH: 0.25))
        let met = CurveAnalysis(trajectory: res.trajectory, output: 0).metrics()
        #expect(isClose(met.tmaxH, 2.0 / 3, rtol: 1e-9))
        #expect(isClose(met.cmax, ClosedForm.infusion1(rateMgPerH: 52.5, durationH: 2.0 / 3, vL: 50, k: 0.1, t: 2.0 / 3), rtol: 1e-12))
        #expect(isClose(met.aucInfinity!, 35.0 / 5, rtol: 1e-11))
    }
}

/// `TerminalPhase` against the closed-form roots of the 3-compartment characteristic cubic.
@Suite("Terminal phase")
struct TerminalPhaseTests {
    @Test("3-compartment mammillary with metabolite, effect site and depot: slowest root of the cubic")
    func threeCompartment() throws {
        // Micro-constants (1/h): k10 0.6, k12 1.2, k21 0.8, k13 0.3, k31 0.05 (a slow deep compartment).
        let k10 = 0.6, k12 = 1.2, k21 = 0.8, k13 = 0.3, k31 = 0.05
        let model = try MammillaryModel(
            disposition: Disposition(k10PerH: k10, k12PerH: k12, k21PerH: k21, k13PerH: k13, k31PerH: k31, centralVolumeL: 20),
            metabolite: MetaboliteDisposition(fractionFormed: 0.8, clearanceLPerH: 30, centralVolumeL: 100),
            ke0PerH: 6, depots: [Depot(name: "gut", kaPerH: 0.01)]).linearModel()
        // det(λI − K) = λ³ + a λ² + b λ + c for the central/peripheral block (monic in λ, roots −λi).
        let a = k10 + k12 + k21 + k13 + k31
        let b = k10 * k21 + k10 * k31 + k12 * k31 + k13 * k21 + k21 * k31
        let c = k10 * k21 * k31
        // Trigonometric solution of x³ + a x² + b x + c = 0 (three real roots).
        let p = b - a * a / 3, q = 2 * a * a * a / 27 - a * b / 3 + c
        let r = 2 * (-p / 3).squareRoot()
        let phi = acos(3 * q / (p * r))
        let roots = (0..<3).map { k in r * cos((phi - 2 * Double.pi * Double(k)) / 3) - a / 3 }
        let slowest = -roots.max()!
        let cp = model.outputs[model.outputIndex("CP")!].state
        let got = try #require(TerminalPhase.slowestRatePerH(model.rateMatrix, state: cp))
        #expect(isClose(got, slowest, rtol: 1e-12))
        #expect(TerminalPhase.dispositionBlock(model.rateMatrix, state: cp).count == 3)
    }
}
