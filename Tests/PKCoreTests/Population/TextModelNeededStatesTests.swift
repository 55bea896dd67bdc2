import Foundation
import Testing
@testable import PKCore
import TestSupport

/// `TextModelSubjectSimulator` integrates only the states its output depends on (issue 13): on a
/// model with dead states the results agree with the whole system to the ODE tolerance (and both
/// with a rtol 1e-12 reference); on a model whose output needs every state nothing changes.
@Suite("Text-model populations: only the needed states")
struct TextModelNeededStatesTests {
    static let k6mm = try! SharedData.k6mmModel()

    /// Nonlinear, three states, CP needs all of them (depot feeds central, periph feeds back).
    static let allNeeded = """
        [parameters]
        VMAX = 300
        KM = 4
        V1 = 25
        Q = 50
        V2 = 70
        KA = 3
        [derived]
        C = central / V1
        [odes]
        d/dt(depot) = -KA * depot
        d/dt(central) = KA * depot - VMAX * C / (KM + C) - Q / V1 * central + Q / V2 * periph
        d/dt(periph) = Q / V1 * central - Q / V2 * periph
        [outputs]
        CP = 1000 * C
        """

    static let metrics = MetricOptions(bandLow: 100, bandHigh: 250, windowStartH: 0, windowEndH: 12, dischargeLevel: 100)

    static func simulator(_ tm: TextModel, _ dosing: TextModelDosing, times: [Double], reduced: Bool) throws -> TextModelSubjectSimulator {
        var sim = try TextModelSubjectSimulator(model: tm, timesH: times, options: metrics, dosing: dosing) { s in 0.5 * 70 * (1 + Double(s.index % 3)) }
        sim.integrateNeededStatesOnly = reduced
        return sim
    }

    static func parameters(_ tm: TextModel, _ rng: inout SplitMix64) -> [Double] {
        tm.parameterNames.indices.map { i in tm.parameterNames[i] == "WT" ? rng.uniform(45, 120) : tm.defaultParameters[i] * exp(0.3 * rng.normal()) }
    }

    /// Largest |a − b| over the curve, relative to b's peak.
    static func curveError(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) }.max()! / b.max()!
    }

    @Test("k6-mm.model: CP from depot, central, periph2, periph3 only agrees with the 6-state solve and with a rtol 1e-12 reference (lanes and engine, bolus and infusion)")
    func deadStatesDropped() throws {
        let tm = try TextModel(source: Self.k6mm, options: ODEOptions(rtol: 1e-6, atol: 1e-9))
        let tight = try TextModel(source: Self.k6mm, options: ODEOptions(rtol: 1e-12, atol: 1e-15, method: .dormandPrince54))
        let depot = tm.compartmentNames.firstIndex(of: "depot")!, central = tm.compartmentNames.firstIndex(of: "central")!
        let times = try Simulator.grid(endH: 48, stepH: 5.0 / 60)
        var rng = SplitMix64(state: 313)
        for dosing in [TextModelDosing(compartment: depot, bioavailability: 0.93, infusionH: nil, intervalH: 12.5, count: 3),
                       TextModelDosing(compartment: central, bioavailability: 1, infusionH: 0.7, intervalH: 10, count: 2)] {
            let reduced = try Self.simulator(tm, dosing, times: times, reduced: true)
            let whole = try Self.simulator(tm, dosing, times: times, reduced: false)
            let reference = try Self.simulator(tight, dosing, times: times, reduced: false)
            #expect(reduced.neededStates.map { tm.compartmentNames[$0] } == ["depot", "central", "periph2", "periph3"])
            #expect(reduced.solverDescription.contains("the 4 of 6 states that CP depends on") && whole.solverDescription.contains("all 6 states"))
            let subjects = (0..<Lanes.scalarCount).map { Subject(index: $0, id: "\($0 + 1)", covariates: [], etas: []) }
            let params = subjects.map { _ in Self.parameters(tm, &rng) }
            let a = try #require(reduced.simulateLanes(subjects, parameters: params, wantCurve: true))
            let b = try #require(whole.simulateLanes(subjects, parameters: params, wantCurve: true))
            for k in subjects.indices {
                let ref = try reference.simulate(subjects[k], parameters: params[k], wantCurve: true)
                let engine = try reduced.simulate(subjects[k], parameters: params[k], wantCurve: true)
                let engineWhole = try whole.simulate(subjects[k], parameters: params[k], wantCurve: true)
                // rtol 1e-6 per step; the global error over two days stays well within 2e-5 of the peak.
                for (what, r) in [("lanes, 4 states", a[k]), ("lanes, 6 states", b[k]), ("engine, 4 states", engine), ("engine, 6 states", engineWhole)] {
                    #expect(Self.curveError(r.curve, ref.curve) <= 2e-5, "\(what), subject \(k): \(Self.curveError(r.curve, ref.curve))")
                    #expect(abs(r.metrics.auc - ref.metrics.auc) <= 2e-5 * ref.metrics.auc, "\(what), subject \(k): AUC")
                }
                #expect(Self.curveError(a[k].curve, b[k].curve) <= 2e-5)
                // Different step sizes (the error norm is over 4 states, not 6): not the same digits.
                #expect(a[k].curve != b[k].curve)
            }
        }
    }

    @Test("a dose into a state the output does not read is dropped: CP stays 0, as in the whole system")
    func doseIntoDeadState() throws {
        let tm = try TextModel(source: Self.k6mm, options: ODEOptions(rtol: 1e-6, atol: 1e-9))
        let norket = tm.compartmentNames.firstIndex(of: "norket")!
        let times = try Simulator.grid(endH: 24, stepH: 0.5)
        let subjects = (0..<2).map { Subject(index: $0, id: "\($0 + 1)", covariates: [], etas: []) }
        for reduced in [true, false] {
            for infusionH in [nil, 1.0] {
                let sim = try Self.simulator(tm, TextModelDosing(compartment: norket, bioavailability: 1, infusionH: infusionH, intervalH: 6, count: 3),
                                             times: times, reduced: reduced)
                let lanes = try #require(sim.simulateLanes(subjects, parameters: [tm.defaultParameters, tm.defaultParameters], wantCurve: true))
                #expect(lanes.allSatisfy { $0.curve.allSatisfy { $0 == 0 } })
                #expect(try sim.simulate(subjects[0], parameters: tm.defaultParameters, wantCurve: true).curve.allSatisfy { $0 == 0 })
            }
        }
    }

    @Test("an output that needs every state: the same computation, bit for bit, on lanes and on the engine")
    func allStatesNeededUnchanged() throws {
        let tm = try TextModel(source: Self.allNeeded, options: ODEOptions(rtol: 1e-6, atol: 1e-9))
        let times = try Simulator.grid(endH: 30, stepH: 5.0 / 60)
        var rng = SplitMix64(state: 99)
        let dosing = TextModelDosing(compartment: 0, bioavailability: 0.9, infusionH: nil, intervalH: 8, count: 3)
        let on = try Self.simulator(tm, dosing, times: times, reduced: true), off = try Self.simulator(tm, dosing, times: times, reduced: false)
        #expect(on.neededStates == [0, 1, 2] && on.reducedProgram == nil)
        #expect(on.solverDescription == off.solverDescription && on.solverDescription.contains("all 3 states"))
        let subjects = (0..<Lanes.scalarCount).map { Subject(index: $0, id: "\($0 + 1)", covariates: [], etas: []) }
        let params = subjects.map { _ in Self.parameters(tm, &rng) }
        let a = try #require(on.simulateLanes(subjects, parameters: params, wantCurve: true))
        let b = try #require(off.simulateLanes(subjects, parameters: params, wantCurve: true))
        #expect(zip(a, b).allSatisfy { x, y in x.curve.elementsEqual(y.curve) { $0.bitPattern == $1.bitPattern }
            && zip(x.metrics.values, y.metrics.values).allSatisfy { $0.bitPattern == $1.bitPattern } })
        for k in 0..<2 {
            let x = try on.simulate(subjects[k], parameters: params[k], wantCurve: true), y = try off.simulate(subjects[k], parameters: params[k], wantCurve: true)
            #expect(x.curve.elementsEqual(y.curve) { $0.bitPattern == $1.bitPattern })
        }
        // And right: against the engine at rtol 1e-12.
        let tight = try TextModel(source: Self.allNeeded, options: ODEOptions(rtol: 1e-12, atol: 1e-15, method: .dormandPrince54))
        let ref = try Self.simulator(tight, dosing, times: times, reduced: false).simulate(subjects[0], parameters: params[0], wantCurve: true)
        #expect(Self.curveError(a[0].curve, ref.curve) <= 2e-5)
    }
}
