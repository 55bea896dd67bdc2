import Foundation
import Testing
import PKCore
import TestSupport

/// The exact linear solver against closed forms written independently (TestSupport.ClosedForm).
@Suite("Exact linear solutions")
struct ExactSolutionTests {
    let times = stride(from: 0.0, through: 24.0, by: 0.25).map { $0 }

    @Test("1-compartment IV bolus")
    func bolus() throws {
        let m = Models.oneCompartment(cl: 5, v: 50)
        let cp = try Models.cp(m, [Models.bolus(0, 100)], times)
        for (t, c) in zip(times, cp) {
            #expect(isClose(c, ClosedForm.bolus1(doseMg: 100, vL: 50, k: 0.1, t: t), rtol: 1e-12))
        }
    }

    @Test("1-compartment oral (Bateman), including KA = k and KA = k(1 ± 1e-9)",
          arguments: [1.5, 0.1, 0.1 * (1 + 1e-9), 0.1 * (1 - 1e-9), 0.1 * (1 + 1e-6), 40.0])
    func oral(ka: Double) throws {
        let m = Models.oneCompartment(cl: 5, v: 50, ka: ka)
        let cp = try Models.cp(m, [Models.bolus(0, 100, f: 0.8)], times)
        for (t, c) in zip(times, cp) where t > 0 {
            let ref = ClosedForm.oral1(doseMg: 100, f: 0.8, vL: 50, ka: ka, k: 0.1, t: t)
            #expect(isClose(c, ref, rtol: 1e-10), "t=\(t) ka=\(ka): \(c) vs \(ref)")
        }
    }

    @Test("2-compartment IV bolus against macro constants")
    func twoCompartment() throws {
        // Micro-constants of the Clements 250 µg/kg set (per h), 70 kg.
        let v1 = 1.7522 * 70, k10 = 0.0109 * 60, k12 = 0.0186 * 60, k21 = 0.0137 * 60
        let disp = Disposition(k10PerH: k10, k12PerH: k12, k21PerH: k21, centralVolumeL: v1)
        let m = try MammillaryModel(disposition: disp).linearModel()
        let records = [EventRecord(timeH: 0, action: .dose(DoseInstruction(compartment: 0, amountMg: 35)))]
        let cp = try Models.cp(m, records, times)
        for (t, c) in zip(times, cp) {
            let ref = 1000 * ClosedForm.bolus2(doseMg: 35, v1L: v1, k10: k10, k12: k12, k21: k21, t: t)
            #expect(isClose(c, ref, rtol: 1e-10), "t=\(t)")
        }
    }

    @Test("zero-order infusion, during and after (Van Loan form)")
    func infusion() throws {
        let m = Models.oneCompartment(cl: 5, v: 50)
        let fine = stride(from: 0.0, through: 12.0, by: 1.0 / 12).map { $0 }
        let cp = try Models.cp(m, [Models.bolus(0, 40, input: .duration(2))], fine)
        for (t, c) in zip(fine, cp) {
            #expect(isClose(c, ClosedForm.infusion1(rateMgPerH: 20, durationH: 2, vL: 50, k: 0.1, t: t), rtol: 1e-11, atol: 1e-15))
        }
    }

    @Test("repeated doses are the superposition of single doses")
    func superposition() throws {
        let m = Models.oneCompartment(cl: 5, v: 50, ka: 1.2)
        let repeated = try Models.cp(m, [Models.bolus(0, 100, ii: 6, addl: 3)], times)
        for (t, c) in zip(times, repeated) {
            var ref = 0.0
            for j in 0..<4 { ref += ClosedForm.oral1(doseMg: 100, vL: 50, ka: 1.2, k: 0.1, t: t - 6 * Double(j)) }
            #expect(isClose(c, ref, rtol: 1e-10, atol: 1e-14), "t=\(t)")
        }
    }

    @Test("mass balance: amounts plus eliminated equal F·dose to 1e-12")
    func massBalance() throws {
        // Depot → central ⇄ peripheral, central → metabolite (yield 0.7) → sink, rest of CL → sink.
        let spec = LinearModelSpec(
            name: "balance",
            parameters: [.init(name: "KA", value: 3), .init(name: "CL", value: 80), .init(name: "V1", value: 120),
                         .init(name: "Q", value: 130), .init(name: "V2", value: 170), .init(name: "FM", value: 0.7),
                         .init(name: "KM", value: 0.4), .init(name: "NF", value: 0.3)],
            compartments: [.init(name: "depot"), .init(name: "central", volume: "V1"), .init(name: "periph", volume: "V2"),
                           .init(name: "metab"), .init(name: "sink")],
            flows: [.init(from: "depot", to: "central", rate: "KA"), .init(from: "central", to: "periph", rate: "Q/V1"),
                    .init(from: "periph", to: "central", rate: "Q/V2"), .init(from: "central", to: "metab", rate: "CL/V1", yield: "FM"),
                    .init(from: "metab", to: "sink", rate: "KM")],
            outputs: [.init(name: "CP", compartment: "central")])
        let c = try CompiledModel(spec)
        let m = try c.build(c.defaultParameters)
        let res = try Simulator.simulate(model: m, records: [Models.bolus(0, 100, f: 0.6), Models.bolus(1, 50, cmt: 1, input: .duration(3))],
                                         timesH: times)
        let n = m.stateCount
        for (i, t) in times.enumerated() {
            let a = res.states[(i * n)..<((i + 1) * n)]
            // Everything not in the system left it through the (1 − FM) part of CL: track that with the integral.
            let given = 60.0 + 50 * min(max(t - 1, 0), 3) / 3
            let inside = a.reduce(0, +)
            let analysis = CurveAnalysis(trajectory: res.trajectory, output: 0, startH: 0, endH: t)
            let lostViaCL = 0.3 * (80.0 / 120.0) * (analysis.area() * 120.0 / 1000.0)
            #expect(isClose(inside + lostViaCL, given, rtol: 1e-12, atol: 1e-13), "t=\(t)")
        }
    }

    @Test("a uniform grid reuses one transition: same values as a grid with an off-grid event")
    func gridIndependence() throws {
        let m = Models.oneCompartment(cl: 5, v: 50, ka: 2)
        let coarse = try Models.cp(m, [Models.bolus(0.37, 100)], [0, 1, 2, 3, 4])
        let fine = try Models.cp(m, [Models.bolus(0.37, 100)], stride(from: 0.0, through: 4, by: 0.01).map { $0 })
        for (i, t) in [0.0, 1, 2, 3, 4].enumerated() {
            #expect(isClose(coarse[i], fine[Int(t * 100)], rtol: 1e-12, atol: 1e-15))
            #expect(isClose(coarse[i], ClosedForm.oral1(doseMg: 100, vL: 50, ka: 2, k: 0.1, t: t - 0.37), rtol: 1e-10, atol: 1e-15))
        }
    }
}
