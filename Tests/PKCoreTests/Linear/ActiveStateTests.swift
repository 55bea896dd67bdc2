import Foundation
import Testing
@testable import PKCore
import TestSupport

@Suite("Simulation on the dosed part of a model")
struct ActiveStateTests {
    /// Two depots into one central compartment; only depot B is dosed.
    static let model: LinearModel = {
        let spec = LinearModelSpec(
            name: "two depots", parameters: [.init(name: "KA", value: 2), .init(name: "KB", value: 0.5), .init(name: "CL", value: 5), .init(name: "V", value: 50)],
            compartments: [.init(name: "A"), .init(name: "B"), .init(name: "central", volume: "V")],
            flows: [.init(from: "A", to: "central", rate: "KA"), .init(from: "B", to: "central", rate: "KB"), .init(from: "central", to: nil, rate: "CL/V")],
            outputs: [.init(name: "CP", compartment: "central", scale: 1), .init(name: "DA", compartment: "A", scale: 1)])
        let c = try! CompiledModel(spec)
        return try! c.build(c.defaultParameters)
    }()

    @Test("undosed branches are left out, and results come back full-size with zeros there")
    func reduced() throws {
        let records = [Models.bolus(0, 100, cmt: 1)]
        #expect(Simulator.activeStates([ActiveStateTests.model], records) == [1, 2])
        let times = [0.0, 1, 2, 5]
        let r = try Simulator.simulate(model: ActiveStateTests.model, records: records, timesH: times)
        #expect(r.stateNames == ["A", "B", "central"])
        #expect(r.states.count == 12)
        for (i, t) in times.enumerated() {
            #expect(r.states[i * 3] == 0)
            #expect(isClose(r.series("CP")![i], ClosedForm.oral1(doseMg: 100, vL: 50, ka: 0.5, k: 0.1, t: t), rtol: 1e-12, atol: 1e-15))
            #expect(r.series("DA")![i] == 0)
        }
        // Between grid points the trajectory is exact too.
        #expect(isClose(r.trajectory.output(0, atH: 3.7), ClosedForm.oral1(doseMg: 100, vL: 50, ka: 0.5, k: 0.1, t: 3.7), rtol: 1e-12))
    }
}
