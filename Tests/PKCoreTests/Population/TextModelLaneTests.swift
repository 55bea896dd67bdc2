import Foundation
import Testing
@testable import PKCore
import TestSupport

/// `TextModelSubjectSimulator`: the lane Dormand-Prince path against the event engine, both at
/// rtol 1e-6 / atol 1e-9, and both against the event engine at rtol 1e-12 / atol 1e-15 (the
/// reference), on seeded random subjects and regimens (issue 13).
@Suite("Text-model populations on lanes")
struct TextModelLaneTests {
    static let k6mm = try! SharedData.k6mmModel()

    /// A linear two-compartment model with first-order absorption (the engine solves it exactly).
    static let linear = """
        [parameters]
        CL = 20
        V1 = 30
        Q = 40
        V2 = 80
        KA = 2
        [odes]
        d/dt(depot) = -KA * depot
        d/dt(central) = KA * depot - (CL + Q) / V1 * central + Q / V2 * periph
        d/dt(periph) = Q / V1 * central - Q / V2 * periph
        [outputs]
        CP = 1000 * central / V1
        """

    /// Metrics equal bit for bit (NaN discharge included).
    static func same(_ a: SubjectMetrics, _ b: SubjectMetrics) -> Bool {
        zip(a.values, b.values).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    static let metrics = MetricOptions(bandLow: 100, bandHigh: 250, windowStartH: 0, windowEndH: 12, dischargeLevel: 100)

    /// Random individual parameters: each default times exp(0.3 z), WT (if any) uniform 45-120 kg.
    static func parameters(_ tm: TextModel, _ rng: inout SplitMix64) -> [Double] {
        tm.parameterNames.indices.map { i in
            tm.parameterNames[i] == "WT" ? rng.uniform(45, 120) : tm.defaultParameters[i] * exp(0.3 * rng.normal())
        }
    }

    static func simulator(_ tm: TextModel, _ dosing: TextModelDosing, times: [Double]) throws -> TextModelSubjectSimulator {
        try TextModelSubjectSimulator(model: tm, timesH: times, options: metrics, dosing: dosing) { s in 0.5 * (s.covariates.first ?? 70) * 10 }
    }

    /// Three regimens: repeated IM-like doses into depot off the grid, a repeated infusion into
    /// central whose ends fall between grid points, IV boluses into central on grid points.
    static func dosings(_ tm: TextModel, _ rng: inout SplitMix64) -> [TextModelDosing] {
        let depot = tm.compartmentNames.firstIndex(of: "depot")!, central = tm.compartmentNames.firstIndex(of: "central")!
        return [
            TextModelDosing(compartment: depot, bioavailability: 0.93, infusionH: nil, intervalH: rng.uniform(5.5, 13), count: 3),
            TextModelDosing(compartment: central, bioavailability: 1, infusionH: 37.0 / 60, intervalH: rng.uniform(9, 14), count: 2),
            TextModelDosing(compartment: central, bioavailability: 1, infusionH: nil, intervalH: 8, count: 3),
        ]
    }

    static func close(_ a: SubjectResult, _ ref: SubjectResult, tol: Double, _ what: String) {
        let peak = ref.curve.max()!
        let worst = zip(a.curve, ref.curve).map { abs($0 - $1) }.max()! / peak
        #expect(worst <= tol, "\(what): curve error \(worst) of the peak")
        #expect(abs(a.metrics.cmax - ref.metrics.cmax) <= tol * ref.metrics.cmax, "\(what): Cmax \(a.metrics.cmax) vs \(ref.metrics.cmax)")
        #expect(abs(a.metrics.auc - ref.metrics.auc) <= tol * ref.metrics.auc, "\(what): AUC \(a.metrics.auc) vs \(ref.metrics.auc)")
        // Crossing times: a concentration error e moves a crossing by e / |slope|; bounded here in hours.
        #expect(abs(a.metrics.hoursInBand - ref.metrics.hoursInBand) <= 1e-3, "\(what): band h \(a.metrics.hoursInBand) vs \(ref.metrics.hoursInBand)")
        #expect(a.metrics.dischargeH.isNaN == ref.metrics.dischargeH.isNaN, "\(what): discharge \(a.metrics.dischargeH) vs \(ref.metrics.dischargeH)")
        if !a.metrics.dischargeH.isNaN { #expect(abs(a.metrics.dischargeH - ref.metrics.dischargeH) <= 1e-3, "\(what): discharge") }
    }

    @Test("lanes and the event engine agree with a rtol 1e-12 reference to the ODE tolerance (k6-mm.model, a linear model; random subjects and regimens)",
          arguments: ["k6-mm", "linear"])
    func guardAgainstReference(name: String) throws {
        var rng = SplitMix64(state: name == "k6-mm" ? 2026 : 77)
        let source = name == "k6-mm" ? Self.k6mm : Self.linear
        let tm = try TextModel(source: source, options: ODEOptions(rtol: 1e-6, atol: 1e-9))
        let tight = try TextModel(source: source, options: ODEOptions(rtol: 1e-12, atol: 1e-15, method: .dormandPrince54))
        let times = try Simulator.grid(endH: 36, stepH: 5.0 / 60)
        var lanesChecked = 0
        for dosing in Self.dosings(tm, &rng) {
            let lane = try Self.simulator(tm, dosing, times: times), engine = try Self.simulator(tm, dosing, times: times)
            let reference = try Self.simulator(tight, dosing, times: times)
            for groupSize in [Lanes.scalarCount, 1 + rng.below(Lanes.scalarCount)] {
                let subjects = (0..<groupSize).map { Subject(index: $0, id: "\($0 + 1)", covariates: [], etas: []) }
                let params = subjects.map { _ in Self.parameters(tm, &rng) }
                let lanes = try #require(lane.simulateLanes(subjects, parameters: params, wantCurve: true))
                #expect(lanes.count == groupSize)
                for (k, s) in subjects.enumerated() {
                    let ref = try reference.simulate(s, parameters: params[k], wantCurve: true)
                    let one = try engine.simulate(s, parameters: params[k], wantCurve: true)
                    // 1e-6 local tolerance; the global error over a 36 h course stays within 20x.
                    Self.close(lanes[k], ref, tol: 2e-5, "\(name) lanes, dosing \(dosing), subject \(k)")
                    Self.close(one, ref, tol: 2e-5, "\(name) engine, dosing \(dosing), subject \(k)")
                    lanesChecked += 1
                }
            }
        }
        #expect(lanesChecked >= 6)
    }

    @Test("a lane group run twice gives the same digits (the lane path is a pure function of its group)")
    func repeatable() throws {
        var rng = SplitMix64(state: 5)
        let tm = try TextModel(source: Self.k6mm)
        let times = try Simulator.grid(endH: 24, stepH: 0.25)
        let sim = try Self.simulator(tm, Self.dosings(tm, &rng)[0], times: times)
        let subjects = (0..<Lanes.scalarCount).map { Subject(index: $0, id: "\($0)", covariates: [], etas: []) }
        let params = subjects.map { _ in Self.parameters(tm, &rng) }
        let a = try #require(sim.simulateLanes(subjects, parameters: params, wantCurve: true))
        let b = try #require(sim.simulateLanes(subjects, parameters: params, wantCurve: true))
        #expect(zip(a, b).allSatisfy { $0.curve == $1.curve && Self.same($0.metrics, $1.metrics) })
    }

    @Test("a stiff group (a fast binding equilibrium) is detected and rerun subject by subject on Rodas4, bit for bit")
    func stiffFallback() throws {
        let stiff = """
            [parameters]
            KON = 2e5
            KOFF = 1e5
            CL = 10
            V = 20
            [odes]
            d/dt(central) = -CL / V * central - KON * central + KOFF * bound
            d/dt(bound) = KON * central - KOFF * bound
            [outputs]
            CP = 1000 * central / V
            """
        let tm = try TextModel(source: stiff, options: ODEOptions(rtol: 1e-6, atol: 1e-9))
        let times = try Simulator.grid(endH: 12, stepH: 0.5)
        let dosing = TextModelDosing(compartment: 0, bioavailability: 1, infusionH: nil, intervalH: 6, count: 2)
        let sim = try Self.simulator(tm, dosing, times: times)
        let subjects = (0..<2).map { Subject(index: $0, id: "\($0)", covariates: [], etas: []) }
        let params = [tm.defaultParameters, tm.defaultParameters.enumerated().map { $0.offset == 2 ? 15 : $0.element }]
        let lanes = try #require(sim.simulateLanes(subjects, parameters: params, wantCurve: true))
        for k in 0..<2 {
            let rodas = try sim.simulate(subjects[k], parameters: params[k], wantCurve: true, method: .rodas4)
            #expect(lanes[k].curve == rodas.curve && Self.same(lanes[k].metrics, rodas.metrics))
        }
        // The stiff solve is right: one third of the amount is free (KOFF/(KON+KOFF)), eliminated at CL/V
        // times that fraction (the fast equilibrium), so CP(t) = 1000·(D/V)/3·exp(-(CL/V)/3·t) before the second dose.
        let d = 0.5 * 70 * 10, k = 0.5 / 3
        for (i, t) in times.enumerated() where t > 0.5 && t < 6 {
            let exact = 1000 * d / 20 / 3 * exp(-k * t)
            #expect(abs(lanes[0].curve[i] - exact) <= 1e-4 * exact, "t \(t): \(lanes[0].curve[i]) vs \(exact)")
        }
    }
}
