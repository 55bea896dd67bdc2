/// Output of a simulation on a time grid, with the exact trajectory behind it.
public struct SimulationResult: Sendable {
    /// Output times (h).
    public var timesH: [Double]
    /// Output names and units, in the order of `outputs`.
    public var outputNames: [String]
    public var outputUnits: [String]
    /// outputs[o][i]: output `o` at `timesH[i]` (ng/mL for concentrations).
    public var outputs: [[Double]]
    /// Amounts: `stateCount` values per time, flattened (mg; effect sites mg/L).
    public var states: [Double]
    public var stateNames: [String]
    /// The exact solution, for metrics between grid points.
    public var trajectory: Trajectory

    /// The series of output `name` (case-insensitive).
    public func series(_ name: String) -> [Double]? {
        outputNames.firstIndex { $0.lowercased() == name.lowercased() }.map { outputs[$0] }
    }
}

/// Exact simulation of event records on a linear model over an output grid.
public enum Simulator {
    /// A uniform grid from `startH` to `endH` inclusive with step `stepH`.
    public static func grid(startH: Double = 0, endH: Double, stepH: Double) throws -> [Double] {
        guard stepH.isFinite, stepH > 0 else { throw SimulationError("step must be > 0 h (got \(stepH))") }
        guard endH.isFinite, endH >= startH else { throw SimulationError("duration must be ≥ 0 h (got \(endH - startH))") }
        let n = Int(((endH - startH) / stepH * (1 + 1e-12)).rounded(.down))
        guard n <= 10_000_000 else { throw SimulationError("grid of \(n + 1) points is too large; use a coarser step") }
        var t = (0...n).map { startH + Double($0) * stepH }
        if let last = t.last, endH - last > stepH * 1e-9 { t.append(endH) }
        return t
    }

    /// Simulates `records` (doses) and observes on `timesH` (sorted). At equal times, doses come
    /// first, so an output at a bolus time shows the post-dose value.
    public static func simulate(model: LinearModel, records: [EventRecord], timesH: [Double]) throws -> SimulationResult {
        try simulate(models: [model], records: records, timesH: timesH)
    }

    public static func simulate(models: [LinearModel], records: [EventRecord], timesH: [Double]) throws -> SimulationResult {
        guard !timesH.isEmpty else { throw SimulationError("no output times") }
        for i in 1..<timesH.count where !(timesH[i] >= timesH[i - 1]) {
            throw SimulationError("output times must be increasing (\(timesH[i]) after \(timesH[i - 1]))")
        }
        var merged: [EventRecord] = []
        merged.reserveCapacity(records.count + timesH.count)
        var i = 0
        for t in timesH {
            while i < records.count && records[i].timeH <= t { merged.append(records[i]); i += 1 }
            merged.append(EventRecord(timeH: t, action: .observe))
        }
        while i < records.count { merged.append(records[i]); i += 1 }
        let start = Swift.min(timesH[0], records.first?.timeH ?? timesH[0])
        var engine = EventEngine(models: models, recordKnots: true)
        engine.start(atH: start)
        let n = models[0].stateCount
        var states: [Double] = []
        states.reserveCapacity(timesH.count * n)
        for r in merged {
            try engine.process(r)
            if case .observe = r.action { states.append(contentsOf: engine.state) }
        }
        let m = models[0]
        var outputs = [[Double]](repeating: [], count: m.outputs.count)
        for k in 0..<timesH.count {
            let x = Array(states[(k * n)..<((k + 1) * n)])
            for o in 0..<m.outputs.count { outputs[o].append(m.outputValue(o, x)) }
        }
        return SimulationResult(
            timesH: timesH, outputNames: m.outputs.map(\.name), outputUnits: m.outputs.map(\.unit),
            outputs: outputs, states: states, stateNames: m.stateNames,
            trajectory: Trajectory(models: models, knots: engine.knots, finalModelIndex: merged.last?.modelIndex ?? 0))
    }
}
