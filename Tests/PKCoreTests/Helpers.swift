import PKCore

/// Small models built through the public spec API, shared by the core tests.
enum Models {
    static func oneCompartment(cl: Double, v: Double, ka: Double? = nil) -> LinearModel {
        var cmts: [LinearModelSpec.Compartment] = [.init(name: "central", volume: "V")]
        var flows: [LinearModelSpec.Flow] = [.init(from: "central", to: nil, rate: "CL/V")]
        var params: [LinearModelSpec.Parameter] = [.init(name: "CL", value: cl), .init(name: "V", value: v)]
        if let ka {
            cmts.insert(.init(name: "depot"), at: 0)
            flows.append(.init(from: "depot", to: "central", rate: "KA"))
            params.append(.init(name: "KA", value: ka))
        }
        let spec = LinearModelSpec(name: "1cmt", parameters: params, compartments: cmts, flows: flows,
                                   outputs: [.init(name: "CP", compartment: "central", scale: 1)])
        let c = try! CompiledModel(spec)
        return try! c.build(c.defaultParameters)
    }

    /// Output CP at the given times.
    static func cp(_ model: LinearModel, _ records: [EventRecord], _ times: [Double]) throws -> [Double] {
        try Simulator.simulate(model: model, records: records, timesH: times).series("CP")!
    }

    static func bolus(_ t: Double, _ amt: Double, cmt: Int = 0, f: Double = 1, lag: Double = 0, ii: Double = 0, addl: Int = 0,
                      ss: SteadyStateMode = .none, input: DoseInput = .bolus) -> EventRecord {
        EventRecord(timeH: t, action: .dose(DoseInstruction(compartment: cmt, amountMg: amt, bioavailability: f, lagH: lag, input: input,
                                                            intervalH: ii, additionalDoses: addl, steadyState: ss)))
    }
}
