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

    @Test("metrics on the exact solution do not depend on the grid: a 24 h step gives the 5 min step's Cmax, band and discharge (review: the root finder crawled on long pieces)")
    func coarseGridSameMetrics() throws {
        let pm = try ProfileModel(try #require(ProfileLibrary.builtin.first { $0.name == "herd-2007" }))
        let options = MetricOptions(bandLow: 1e-5, bandHigh: 1000, windowStartH: 0, windowEndH: 480, dischargeLevel: 1e-5)
        var results: [[SubjectResult]] = []
        for step in [5.0 / 60, 24.0] {
            let sim = try RegimenSubjectSimulator(model: pm.dosing, timesH: try Simulator.grid(endH: 480, stepH: step), options: options) { s in
                Regimen().infusion(amountMg: 0.5 * s.covariates[0], overH: 40.0 / 60, every: 24, count: 1)
            }
            var rng = SplitMix64(state: 7)
            let subjects: [Subject] = (0..<Lanes.scalarCount).map { i in
                Subject(index: i, id: "\(i + 1)", covariates: pm.covariates(weightKg: rng.uniform(40, 110)),
                        etas: pm.etaNames.indices.map { k in rng.normal() * pm.omega[k, k].squareRoot() })
            }
            let params = subjects.map { pm.parameters(covariates: $0.covariates, etas: $0.etas) }
            results.append(try #require(sim.simulateLanes(subjects, parameters: params, wantCurve: false)))
        }
        for (fine, coarse) in zip(results[0], results[1]) {
            #expect(Self.close(fine.metrics.cmax, coarse.metrics.cmax, 1e-9), "cmax \(fine.metrics.cmax) vs \(coarse.metrics.cmax)")
            #expect(Self.close(fine.metrics.tmaxH, coarse.metrics.tmaxH, 1e-9), "tmax \(fine.metrics.tmaxH) vs \(coarse.metrics.tmaxH)")
            #expect(Self.close(fine.metrics.dischargeH, coarse.metrics.dischargeH, 1e-9), "discharge \(fine.metrics.dischargeH) vs \(coarse.metrics.dischargeH)")
            #expect(Self.close(fine.metrics.hoursInBand, coarse.metrics.hoursInBand, 1e-9), "band \(fine.metrics.hoursInBand) vs \(coarse.metrics.hoursInBand)")
            #expect(fine.metrics.dischargeH > 1 && fine.metrics.dischargeH < 470)
        }
    }

    @Test("sessions that wash out fully have equal peaks: Cmax/Tmax name the first session, on the lanes and in the event engine")
    func tiedSessionPeaksNameTheFirst() throws {
        let pm = try ProfileModel(try #require(ProfileLibrary.builtin.first { $0.name == "herd-2007" }))
        let options = MetricOptions(bandLow: 100, bandHigh: 250, windowStartH: 0, windowEndH: 2, dischargeLevel: 100)
        var sim = try RegimenSubjectSimulator(model: pm.dosing, timesH: try Simulator.grid(endH: 3 * 168, stepH: 5.0 / 60), options: options) { s in
            Regimen().infusion(amountMg: 0.5 * s.covariates[0], overH: 40.0 / 60, every: 168, count: 3)
        }
        var rng = SplitMix64(state: 11)
        let subjects: [Subject] = (0..<Lanes.scalarCount).map { i in
            Subject(index: i, id: "\(i + 1)", covariates: pm.covariates(weightKg: rng.uniform(40, 110)),
                    etas: pm.etaNames.indices.map { k in rng.normal() * pm.omega[k, k].squareRoot() })
        }
        let params = subjects.map { pm.parameters(covariates: $0.covariates, etas: $0.etas) }
        let lanes = try #require(sim.simulateLanes(subjects, parameters: params, wantCurve: false))
        sim.useLanes = false
        for (k, s) in subjects.enumerated() {
            let e = try sim.simulate(s, parameters: params[k], wantCurve: false)
            // The peak of an infusion is at its end: 40 min into the first session.
            #expect(abs(lanes[k].metrics.tmaxH - 40.0 / 60) < 1e-9 && abs(e.metrics.tmaxH - 40.0 / 60) < 1e-9,
                    "tmax lanes \(lanes[k].metrics.tmaxH), engine \(e.metrics.tmaxH)")
        }
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
