#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import PKCore
import TestSupport

/// The effect-site metrics of a population run (`RegimenSubjectSimulator.effectSites`), on the lane
/// kernel and on the event engine, against the closed form of an IV bolus into one compartment
/// with an effect site: Cp = D/V·e^{−kt}, Ce = D/V·ke0/(ke0 − k)·(e^{−kt} − e^{−ke0·t}), peak at
/// ln(ke0/k)/(ke0 − k).
@Suite("Effect site in population runs")
struct EffectSiteOutputTests {
    /// One compartment (CL, V) dosed by IV bolus, or with `depot` by route im into a depot that
    /// empties into it at KA (parameters KA, CL, V); with `effect`, an effect site on it (KE0 last).
    static func model(effect: Bool, depot: Bool = false, transit: Bool = false) throws -> DosingModel {
        var cmts: [LinearModelSpec.Compartment] = [.init(name: "central", volume: "V")]
        var params: [LinearModelSpec.Parameter] = [.init(name: "CL", value: 10), .init(name: "V", value: 50)]
        var outputs: [LinearModelSpec.Output] = [.init(name: "CP", compartment: "central", scale: 1000)]
        var flows: [LinearModelSpec.Flow] = [.init(from: "central", to: nil, rate: "CL/V")]
        if depot {
            cmts.insert(.init(name: "depot"), at: 0)
            params.insert(.init(name: "KA", value: 3), at: 0)
            flows.insert(.init(from: "depot", to: "central", rate: "KA"), at: 0)
            if transit {
                // A second depot before the first: Cp and Cp' are 0 at the dose, Ce and Ce', Ce'' too.
                cmts.insert(.init(name: "transit"), at: 0)
                flows.insert(.init(from: "transit", to: "depot", rate: "KA"), at: 0)
            }
        }
        if effect {
            cmts.append(.init(name: "effect", effect: .init(source: "central", ke0: "KE0")))
            params.append(.init(name: "KE0", value: 1))
            outputs.append(.init(name: "CE", compartment: "effect", scale: 1000))
        }
        let spec = LinearModelSpec(name: depot ? "depot-1cmt" : "1cmt-bolus", parameters: params, compartments: cmts, flows: flows, outputs: outputs)
        let route = depot ? ["im": RouteDefinition(inputs: [RouteInput(compartment: transit ? "transit" : "depot", fraction: "1")])]
                          : ["iv-bolus": RouteDefinition(inputs: [RouteInput(compartment: "central", fraction: "1")])]
        return try DosingModel(spec: spec, routes: route)
    }

    /// Ce (ng/mL) of the closed form.
    static func ce(_ d: Double, v: Double, k: Double, ke0: Double, _ t: Double) -> Double {
        1000 * d / v * ke0 / (ke0 - k) * (exp(-k * t) - exp(-ke0 * t))
    }

    /// A root of f in [a, b] by bisection (f(a), f(b) of opposite signs).
    static func bisect(_ f: (Double) -> Double, _ a0: Double, _ b0: Double) -> Double {
        var (a, b) = (a0, b0)
        let fa = f(a)
        for _ in 0..<200 {
            let m = 0.5 * (a + b)
            if (f(m) > 0) == (fa > 0) { a = m } else { b = m }
        }
        return 0.5 * (a + b)
    }

    @Test("IV bolus into one compartment + effect site: peak Ce, its time, delay, Ce/C50, minutes >= C50 and the time below C50 equal the closed form on lanes and engine")
    func closedForm() throws {
        let base = try Self.model(effect: false), augmented = try Self.model(effect: true)
        let ke0 = 5.0107   // t½ke0 8.3 min
        let c50 = 170.0
        let dose = 10.0
        let times = try Simulator.grid(endH: 12, stepH: 0.25)
        var sim = try RegimenSubjectSimulator(model: base, timesH: times,
                                              options: MetricOptions(bandLow: 100, bandHigh: 400, windowStartH: 0, windowEndH: 2, dischargeLevel: 50)) { _ in
            Regimen().dose(amountMg: dose, route: .ivBolus)
        }
        sim.effectSites = [try EffectSiteOutput(model: augmented, output: "CE", extraParameters: [ke0], level: c50)]
        // Subjects differing in CL and V (k from 0.1 to 0.6 /h); lanes share a group.
        let pk: [(cl: Double, v: Double)] = [(5, 50), (10, 50), (20, 40), (8, 80), (12, 30), (6, 60), (15, 25), (9, 45)]
        let subjects = pk.indices.map { Subject(index: $0, id: "\($0 + 1)", covariates: [], etas: []) }
        let params = pk.map { [$0.cl, $0.v] }
        let lanes = try #require(sim.simulateLanes(Array(subjects.prefix(Lanes.scalarCount)), parameters: Array(params.prefix(Lanes.scalarCount)), wantCurve: false))
        var engine = sim
        engine.useLanes = false
        for (i, p) in pk.enumerated() {
            let k = p.cl / p.v
            let tPeak = log(ke0 / k) / (ke0 - k)
            let ceMax = Self.ce(dose, v: p.v, k: k, ke0: ke0, tPeak)
            var results = [try engine.simulate(subjects[i], parameters: params[i], wantCurve: false)]
            if i < lanes.count { results.append(lanes[i]) }
            for r in results {
                let e = try #require(r.effects.first)
                #expect(r.effects.count == 1 && r.effectValues.count == EffectSiteMetrics.count)
                #expect(isClose(e.ceMax, ceMax, rtol: 1e-10), "subject \(i + 1): Ce max \(e.ceMax) vs \(ceMax)")
                #expect(isClose(e.ceTmaxH, tPeak, rtol: 1e-8), "subject \(i + 1): Ce peak at \(e.ceTmaxH) vs \(tPeak) h")
                // The plasma peak of a bolus is at the dose (t = 0).
                #expect(isClose(e.delayMin, tPeak * 60, rtol: 1e-8))
                #expect(isClose(e.peakOverLevel, ceMax / c50, rtol: 1e-10))
                if ceMax >= c50 {
                    let f = { (t: Double) in Self.ce(dose, v: p.v, k: k, ke0: ke0, t) - c50 }
                    let up = Self.bisect(f, 0, tPeak), down = Self.bisect(f, tPeak, 200)   // may be after the grid's end
                    #expect(isClose(e.minutesAtOrAboveLevel, (down - up) * 60, rtol: 1e-8), "subject \(i + 1): \(e.minutesAtOrAboveLevel) vs \((down - up) * 60) min")
                    #expect(isClose(e.belowLevelH, down, rtol: 1e-8), "subject \(i + 1): below C50 from \(e.belowLevelH) vs \(down) h")
                } else {
                    #expect(e.minutesAtOrAboveLevel == 0 && e.belowLevelH.isNaN)
                }
            }
        }
        // Both branches occur among the subjects.
        let peaks = pk.map { p -> Double in let k = p.cl / p.v; return Self.ce(dose, v: p.v, k: k, ke0: ke0, log(ke0 / k) / (ke0 - k)) }
        #expect(peaks.contains { $0 >= c50 } && peaks.contains { $0 < c50 })
    }

    @Test("first-order absorption: Ce starts flat (dCe/dt = 0 at the dose); its peak equals the closed form on lanes and engine, on a 24 h step as on a 15 min one",
          arguments: [24.0, 0.25])
    func flatStart(stepH: Double) throws {
        let base = try Self.model(effect: false, depot: true), augmented = try Self.model(effect: true, depot: true)
        let (ka, ke0, dose) = (3.0, 2.0, 100.0)
        var sim = try RegimenSubjectSimulator(model: base, timesH: try Simulator.grid(endH: 24, stepH: stepH),
                                              options: MetricOptions(bandLow: 100, bandHigh: 400, windowStartH: 0, windowEndH: 2, dischargeLevel: 50)) { _ in
            Regimen().dose(amountMg: dose, route: .intramuscular)
        }
        sim.effectSites = [try EffectSiteOutput(model: augmented, output: "CE", extraParameters: [ke0], level: 100)]
        let pk: [(cl: Double, v: Double)] = [(5, 50), (10, 50), (20, 40), (8, 80)]
        let n = Swift.min(pk.count, Lanes.scalarCount)
        let subjects = pk.indices.map { Subject(index: $0, id: "\($0 + 1)", covariates: [], etas: []) }
        let params = pk.map { [ka, $0.cl, $0.v] }
        let lanes = try #require(sim.simulateLanes(Array(subjects.prefix(n)), parameters: Array(params.prefix(n)), wantCurve: false))
        var engine = sim
        engine.useLanes = false
        for (i, p) in pk.enumerated() {
            let k = p.cl / p.v
            // Cp = D·ka/(V(ka − k))·(e^{−kt} − e^{−ka·t}); Ce = ke0 ∫ Cp(s) e^{−ke0(t−s)} ds (ng/mL).
            let ce = { (t: Double) in
                1000 * dose * ka * ke0 / (p.v * (ka - k)) * ((exp(-k * t) - exp(-ke0 * t)) / (ke0 - k) - (exp(-ka * t) - exp(-ke0 * t)) / (ke0 - ka))
            }
            let cp = { (t: Double) in 1000 * dose * ka / (p.v * (ka - k)) * (exp(-k * t) - exp(-ka * t)) }
            let tPeak = Self.bisect({ cp($0) - ce($0) }, 1e-6, 24)
            var results = [try engine.simulate(subjects[i], parameters: params[i], wantCurve: false)]
            if i < lanes.count { results.append(lanes[i]) }
            for r in results {
                let e = try #require(r.effects.first)
                #expect(isClose(e.ceMax, ce(tPeak), rtol: 1e-10), "subject \(i + 1) step \(stepH): Ce max \(e.ceMax) vs \(ce(tPeak))")
                #expect(isClose(e.ceTmaxH, tPeak, rtol: 1e-8), "subject \(i + 1) step \(stepH): Ce peak at \(e.ceTmaxH) vs \(tPeak) h")
                #expect(isClose(r.metrics.tmaxH, log(ka / k) / (ka - k), rtol: 1e-9))
                // Minutes at or above the level (100 ng/mL) and the time Ce stays below it, after
                // the flat start (review: the lanes' below-for-good skipped a flat start).
                if ce(tPeak) >= 100 {
                    let up = Self.bisect({ ce($0) - 100 }, 1e-9, tPeak), down = Self.bisect({ ce($0) - 100 }, tPeak, 200)
                    #expect(isClose(e.minutesAtOrAboveLevel, (Swift.min(down, 24) - up) * 60, rtol: 1e-8), "subject \(i + 1) step \(stepH): \(e.minutesAtOrAboveLevel) min")
                    #expect(isClose(e.belowLevelH, down, rtol: 1e-8), "subject \(i + 1) step \(stepH): below from \(e.belowLevelH) vs \(down) h")
                } else {
                    #expect(e.minutesAtOrAboveLevel == 0)
                }
            }
        }
    }

    @Test("a transit chain (Ce, Ce' and Ce'' all 0 at the dose): the Ce peak on a 24 h step equals the exact solution's maximum, on lanes and engine")
    func transitFlatStart() throws {
        let base = try Self.model(effect: false, depot: true, transit: true), augmented = try Self.model(effect: true, depot: true, transit: true)
        let (ka, cl, v, ke0, dose) = (3.0, 10.0, 50.0, 2.0, 100.0)
        var sim = try RegimenSubjectSimulator(model: base, timesH: try Simulator.grid(endH: 24, stepH: 24),
                                              options: MetricOptions(bandLow: 100, bandHigh: 400, windowStartH: 0, windowEndH: 2, dischargeLevel: 50)) { _ in
            Regimen().dose(amountMg: dose, route: .intramuscular)
        }
        sim.effectSites = [try EffectSiteOutput(model: augmented, output: "CE", extraParameters: [ke0], level: 100)]
        // The maximum of the exact solution, found apart from the metrics: Ce on a 1-min scan,
        // then golden-section search around the best point.
        let compiled = try Regimen().dose(amountMg: dose, route: .intramuscular).compile(on: augmented, parameters: [ka, cl, v, ke0])
        let exact = try Simulator.simulate(model: compiled.model, records: compiled.records, timesH: [0, 24])
        let ceIndex = try #require(exact.trajectory.models[0].outputIndex("CE"))
        let f = { (t: Double) in exact.trajectory.output(ceIndex, atH: t) }
        let best = stride(from: 0.0, through: 24, by: 1.0 / 60).max { f($0) < f($1) }!
        var (lo, hi) = (best - 1.0 / 60, best + 1.0 / 60)
        let g = (5.0.squareRoot() - 1) / 2
        for _ in 0..<200 {
            let a = hi - g * (hi - lo), b = lo + g * (hi - lo)
            if f(a) < f(b) { lo = a } else { hi = b }
        }
        let tPeak = (lo + hi) / 2
        let subject = Subject(index: 0, id: "1", covariates: [], etas: [])
        let lanes = try #require(sim.simulateLanes([subject], parameters: [[ka, cl, v]], wantCurve: false))
        var engine = sim
        engine.useLanes = false
        for r in [lanes[0], try engine.simulate(subject, parameters: [ka, cl, v], wantCurve: false)] {
            let e = try #require(r.effects.first)
            #expect(isClose(e.ceMax, f(tPeak), rtol: 1e-10), "Ce max \(e.ceMax) vs \(f(tPeak))")
            #expect(isClose(e.ceTmaxH, tPeak, rtol: 1e-6), "Ce peak at \(e.ceTmaxH) vs \(tPeak) h")
        }
    }

    @Test("repeated sessions: the delay is the effect peak after the plasma peak of the same session, NaN when the highest peaks fall in different sessions")
    func delayWithinOneSession() throws {
        let base = try Self.model(effect: false), augmented = try Self.model(effect: true)
        let ke0 = 5.0107
        // A second, larger bolus 120 h later (the first is washed out to e^-24): both highest peaks
        // follow it, and the delay is the single-bolus closed form.
        let times = try Simulator.grid(endH: 144, stepH: 0.25)
        var sim = try RegimenSubjectSimulator(model: base, timesH: times,
                                              options: MetricOptions(bandLow: 100, bandHigh: 400, windowStartH: 0, windowEndH: 2, dischargeLevel: 50)) { _ in
            Regimen().dose(amountMg: 10, route: .ivBolus).dose(amountMg: 20, route: .ivBolus, atH: 120)
        }
        sim.effectSites = [try EffectSiteOutput(model: augmented, output: "CE", extraParameters: [ke0], level: 170)]
        let subject = Subject(index: 0, id: "1", covariates: [], etas: [])
        let k = 10.0 / 50
        let tPeak = log(ke0 / k) / (ke0 - k)
        var engine = sim
        engine.useLanes = false
        for r in [try engine.simulate(subject, parameters: [10, 50], wantCurve: false),
                  try #require(sim.simulateLanes([subject], parameters: [[10, 50]], wantCurve: false)?.first)] {
            let e = try #require(r.effects.first)
            #expect(isClose(r.metrics.tmaxH, 120, rtol: 1e-12) && isClose(e.ceTmaxH, 120 + tPeak, rtol: 1e-8))
            #expect(isClose(e.delayMin, tPeak * 60, rtol: 1e-7), "delay \(e.delayMin) vs \(tPeak * 60) min")
        }
        // Peaks in different sessions: the plasma peak is the first bolus (it is a bolus on an empty
        // body, the second one is smaller), the effect-site peak the second (it builds on the residue).
        let delays = EffectSiteMetrics(peak: (100, 24.5), hoursAtOrAbove: 0, belowForGood: nil, level: 170, plasmaTmaxH: 0, doseTimesH: [0, 24])
        #expect(delays.delayMin.isNaN)
        let same = EffectSiteMetrics(peak: (100, 24.5), hoursAtOrAbove: 0, belowForGood: nil, level: 170, plasmaTmaxH: 24, doseTimesH: [0, 24])
        #expect(isClose(same.delayMin, 30, rtol: 1e-12))
    }

    @Test("without a level the level metrics are NaN; a bad level or output is refused")
    func noLevel() throws {
        let augmented = try Self.model(effect: true)
        let times = try Simulator.grid(endH: 6, stepH: 0.5)
        var sim = try RegimenSubjectSimulator(model: try Self.model(effect: false), timesH: times,
                                              options: MetricOptions(bandLow: 100, bandHigh: 400, windowStartH: 0, windowEndH: 2, dischargeLevel: 50)) { _ in
            Regimen().dose(amountMg: 40, route: .ivBolus)
        }
        sim.effectSites = [try EffectSiteOutput(model: augmented, output: "CE", extraParameters: [2], level: nil)]
        let s = Subject(index: 0, id: "1", covariates: [], etas: [])
        let lanes = try #require(sim.simulateLanes([s], parameters: [[10, 50]], wantCurve: false))
        sim.useLanes = false
        for r in [lanes[0], try sim.simulate(s, parameters: [10, 50], wantCurve: false)] {
            let e = try #require(r.effects.first)
            #expect(isClose(e.ceMax, Self.ce(40, v: 50, k: 0.2, ke0: 2, log(10) / 1.8), rtol: 1e-10))
            #expect(e.peakOverLevel.isNaN && e.minutesAtOrAboveLevel.isNaN && e.belowLevelH.isNaN)
        }
        #expect(throws: SimulationError.self) { try EffectSiteOutput(model: augmented, output: "CX", extraParameters: [2], level: 1) }
        #expect(throws: SimulationError.self) { try EffectSiteOutput(model: augmented, output: "CE", extraParameters: [2], level: 0) }
    }

    @Test("a summary plan with extra metrics: kept after the standard ones, merged exactly, absent from the encoded plan without them")
    func summaryExtras() throws {
        var plan = SummaryPlan(thresholds: [], timesH: [0, 1], totalSubjects: 4)
        let plain = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
        #expect(!plain.contains("extraMetrics"))
        plan.extraMetrics = [.init(name: "ce_max_ngml_x", unit: "ng/mL"), .init(name: "ce_tmax_h_x", unit: "h")]
        let m = SubjectMetrics(cmax: 1, tmaxH: 1, auc: 1, hoursInBand: 0, dischargeH: 1)
        var one = PopulationAccumulator(plan: plan), a = PopulationAccumulator(plan: plan), b = PopulationAccumulator(plan: plan)
        let extras: [[Double]] = [[10, 0.5], [30, 0.75], [20, .nan], [40, 1]]
        for (i, x) in extras.enumerated() {
            one.add(m, extra: x, plan: plan)
            if i % 2 == 0 { a.add(m, extra: x, plan: plan) } else { b.add(m, extra: x, plan: plan) }
        }
        b.merge(a)
        #expect(b == one)
        let s = one.summary(plan: plan, percentiles: [50])
        #expect(s.metrics.map(\.name) == SubjectMetrics.names + ["ce_max_ngml_x", "ce_tmax_h_x"])
        let ce = s.metrics[SubjectMetrics.names.count], t = s.metrics[SubjectMetrics.names.count + 1]
        #expect(ce.unit == "ng/mL" && ce.n == 4 && ce.mean == 25 && ce.percentiles == [25] && ce.min == 10 && ce.max == 40)
        #expect(t.n == 3 && t.notReached == 1 && t.percentiles == [0.75])
        let decoded = try JSONDecoder().decode(SummaryPlan.self, from: try JSONEncoder().encode(plan))
        #expect(decoded == plan)
    }
}
