import Foundation
import Testing
import PKCore
import PKProfiles
import TestSupport

/// Guard for the population lane path (`LaneRegimenKernel` behind
/// `RegimenSubjectSimulator.simulateLanes`): on random subjects (weights and etas drawn from each
/// profile's Ω) and random regimens (every route of every built-in profile, repeats at intervals
/// off the grid, infusions, grid steps that do and do not divide the dose times) its metrics and
/// curves must equal the event engine's (`simulate`, root finding on the exact trajectory).
struct LaneRegimenGuardTests {

    /// Relative difference with a floor for quantities that may be near zero (`floor` in their unit).
    static func close(_ a: Double, _ b: Double, _ tol: Double, floor: Double = 0) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        return abs(a - b) <= tol * Swift.max(abs(a), abs(b), floor)
    }

    @Test func laneKernelMatchesEventEngineOnRandomSubjectsAndRegimens() throws {
        var rng = SplitMix64(state: 20261201)
        var cases = 0, worst: [String: Double] = [:]
        for profile in ProfileLibrary.builtin {
            let pm = try ProfileModel(profile)
            let wt = pm.covariateNames.firstIndex(of: "WT")
            for route in pm.dosing.routeNames {
                guard let r = Route(rawValue: route) else { continue }
                for _ in 0..<2 {
                    let step = rng.pick([1.0 / 60, 5.0 / 60, 0.13, 0.25])
                    let count = rng.pick([1, 1, 2, 3, 4])
                    let every = rng.pick([rng.uniform(0.7, 12), 6.0, 24.0])
                    let inf = rng.uniform(0.05, 0.6)
                    let mgPerKg = rng.uniform(0.1, 1.5)
                    let duration = Double(count - 1) * every + rng.uniform(3, 30)
                    let times = try Simulator.grid(endH: duration, stepH: step)
                    let options = MetricOptions(bandLow: rng.uniform(20, 150), bandHigh: rng.uniform(200, 600),
                                                windowStartH: rng.pick([0, 0.2]), windowEndH: rng.pick([1.5, 6, duration]),
                                                dischargeLevel: rng.uniform(30, 120))
                    var sim = try RegimenSubjectSimulator(model: pm.dosing, timesH: times, options: options) { s in
                        let mg = mgPerKg * (wt.map { s.covariates[$0] } ?? 70)
                        return r == .ivInfusion ? Regimen().infusion(amountMg: mg, overH: inf, every: every, count: count)
                                                : Regimen().dose(amountMg: mg, route: r, every: every, count: count)
                    }
                    let subjects: [Subject] = (0..<Lanes.scalarCount).map { i in
                        let etas = pm.etaNames.indices.map { k in rng.normal() * pm.omega[k, k].squareRoot() }
                        return Subject(index: i, id: "\(i + 1)", covariates: pm.covariates(weightKg: rng.uniform(40, 110)), etas: etas)
                    }
                    let params = subjects.map { pm.parameters(covariates: $0.covariates, etas: $0.etas) }
                    let lanes = try #require(sim.simulateLanes(subjects, parameters: params, wantCurve: true),
                                             "\(profile.name) \(route): the lane path declined the group")
                    sim.useLanes = false
                    let where_ = "\(profile.name) \(route) count \(count) every \(every) step \(step)"
                    for (k, s) in subjects.enumerated() {
                        let e = try sim.simulate(s, parameters: params[k], wantCurve: true)
                        let l = lanes[k]
                        let cmax = e.metrics.cmax
                        let checks: [(String, Double, Double, Double)] = [
                            ("cmax", e.metrics.cmax, l.metrics.cmax, 0), ("auc", e.metrics.auc, l.metrics.auc, 0),
                            ("band_h", e.metrics.hoursInBand, l.metrics.hoursInBand, 1), ("discharge_h", e.metrics.dischargeH, l.metrics.dischargeH, 1),
                        ]
                        for (name, a, b, floor) in checks {
                            #expect(Self.close(a, b, 1e-9, floor: floor), "\(where_) subject \(k): \(name) engine \(a) lanes \(b)")
                            if a.isFinite && b.isFinite { worst[name] = Swift.max(worst[name] ?? 0, abs(a - b) / Swift.max(abs(a), abs(b), floor, 1e-300)) }
                        }
                        // Tmax: equal, unless repeated doses give peaks equal to rounding (then either is the peak).
                        let tmaxOK = Self.close(e.metrics.tmaxH, l.metrics.tmaxH, 1e-9, floor: 1)
                            || (count > 1 && Self.close(e.metrics.cmax, l.metrics.cmax, 1e-12))
                        #expect(tmaxOK, "\(where_) subject \(k): tmax engine \(e.metrics.tmaxH) lanes \(l.metrics.tmaxH)")
                        #expect(e.curve.count == l.curve.count)
                        for (a, b) in zip(e.curve, l.curve) {
                            #expect(Self.close(a, b, 1e-9, floor: 1e-6 * cmax), "\(where_) subject \(k): curve \(a) vs \(b)")
                        }
                        // A lane's numbers are its own: the subject alone gives identical bits.
                        let alone = try #require(sim.useLanes ? nil : { var s2 = sim; s2.useLanes = true
                            return s2.simulateLanes([s], parameters: [params[k]], wantCurve: true) }())
                        #expect(alone[0].metrics.values.map(\.bitPattern) == l.metrics.values.map(\.bitPattern))
                        #expect(alone[0].curve == l.curve)
                        cases += 1
                    }
                }
            }
        }
        #expect(cases >= 100)
        print("lane guard: \(cases) subjects, worst relative differences \(worst.sorted { $0.key < $1.key })")
    }
}
