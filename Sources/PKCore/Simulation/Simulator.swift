/// Output of a simulation on a time grid, with the exact trajectory behind it.
public struct SimulationResult: Sendable {
    /// Output times (h).
    public var timesH: [Double]
    /// Output names and units, in the order of `outputs`.
    public var outputNames: [String]
    /// Unit of each output (e.g. "ng/mL"), in `outputNames` order.
    public var outputUnits: [String]
    /// outputs[o][i]: output `o` at `timesH[i]` (ng/mL for concentrations).
    public var outputs: [[Double]]
    /// Amounts: `stateCount` values per time, flattened (mg; effect sites mg/L).
    public var states: [Double]
    /// State (compartment) names, in the order of each time's `states` values.
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
        let count = ((endH - startH) / stepH * (1 + 1e-12)).rounded(.down)
        guard count.isFinite, count <= Double(InputLimits.maxGridPoints) else {
            throw SimulationError("a grid from \(startH) to \(endH) h every \(stepH) h has too many points (over 10 million); use a coarser step")
        }
        let n = Int(count)
        // Every point is computed in one operation (never accumulated). A step that is a whole number
        // of milliseconds (every step the CLI parses: 5min, 0.5h, 30s) gives point i as the one
        // correctly rounded quotient (i · step in ms) / 3,600,000: the double nearest the true time,
        // so a CSV prints 0.4166666666666667 for 25 min, never the float noise of i × (a rounded
        // step), e.g. 5 × (5 min in h) = 0.41666666666666663. Other steps: i × step.
        let stepMs = (stepH * 3_600_000).rounded()
        let wholeMs = stepMs >= 1 && abs(stepH * 3_600_000 - stepMs) <= 1e-9 * stepMs && stepMs * Double(n) < 0x1p53
        let point: (Int) -> Double = wholeMs ? { Double($0) * stepMs / 3_600_000 } : { Double($0) * stepH }
        var t = (0...n).map { startH == 0 ? point($0) : startH + point($0) }
        if let last = t.last, endH - last > stepH * 1e-9 { t.append(endH) }
        return t
    }

    /// Simulates `records` (doses) and observes on `timesH` (sorted). At equal times, doses come
    /// first, so an output at a bolus time shows the post-dose value.
    public static func simulate(model: LinearModel, records: [EventRecord], timesH: [Double]) throws -> SimulationResult {
        try simulate(models: [model], records: records, timesH: timesH)
    }

    /// States that can ever hold drug: those reachable through the flows from a dosed compartment.
    /// The others stay zero, so the simulation steps only these (a profile with depots for every
    /// route then costs no more than a model with one).
    static func activeStates(_ models: [LinearModel], _ records: [EventRecord]) -> [Int] {
        let n = models[0].stateCount
        var keep = [Bool](repeating: false, count: n)
        var stack: [Int] = []
        for r in records {
            switch r.action {
            case .dose(let d), .resetAndDose(let d):
                if d.compartment >= 0 && d.compartment < n && !keep[d.compartment] { keep[d.compartment] = true; stack.append(d.compartment) }
            default: break
            }
        }
        while let j = stack.popLast() {
            for m in models {
                for i in 0..<n where !keep[i] && m.rateMatrix[i, j] != 0 { keep[i] = true; stack.append(i) }
            }
        }
        return (0..<n).filter { keep[$0] }
    }

    /// The model restricted to `states` (outputs on other states read a constant zero).
    static func restricted(_ m: LinearModel, to states: [Int]) -> LinearModel {
        let k = states.count
        var mat = Matrix(rows: k, cols: k)
        for (a, i) in states.enumerated() { for (b, j) in states.enumerated() { mat[a, b] = m.rateMatrix[i, j] } }
        let outputs = m.outputs.map { o -> ModelOutput in
            if let a = states.firstIndex(of: o.state) { return ModelOutput(name: o.name, state: a, scale: o.scale, unit: o.unit) }
            return ModelOutput(name: o.name, state: 0, scale: 0, unit: o.unit)
        }
        return LinearModel(stateNames: states.map { m.stateNames[$0] }, rateMatrix: mat, isMassState: states.map { m.isMassState[$0] },
                           outputs: outputs, eliminationRatePerH: states.map { m.eliminationRatePerH[$0] })
    }

    /// Simulates the event records on `models` (the records select one by index; amounts mg, rates
    /// 1/h) with outputs at `timesH` (h), exact between events (matrix exponential, Higham's scaling
    /// and squaring). Throws `SimulationError` on unusable times or records.
    public static func simulate(models fullModels: [LinearModel], records fullRecords: [EventRecord], timesH: [Double]) throws -> SimulationResult {
        let nFull = fullModels[0].stateCount
        for r in fullRecords {
            switch r.action {
            case .dose(let d), .resetAndDose(let d):
                guard d.compartment >= 0 && d.compartment < nFull else {
                    throw SimulationError("CMT: compartment \(d.compartment + 1) does not exist (model has \(nFull))")
                }
            case .emptyCompartment(let c):
                guard c >= 0 && c < nFull else { throw SimulationError("CMT: compartment \(c + 1) does not exist (model has \(nFull))") }
            default: break
            }
        }
        let active = activeStates(fullModels, fullRecords)
        let reduce = !active.isEmpty && active.count < nFull
        let models = reduce ? fullModels.map { restricted($0, to: active) } : fullModels
        var records = fullRecords
        if reduce {
            var map = [Int](repeating: -1, count: nFull)
            for (a, i) in active.enumerated() { map[i] = a }
            for k in records.indices {
                switch records[k].action {
                case .dose(var d): d.compartment = map[d.compartment]; records[k].action = .dose(d)
                case .resetAndDose(var d): d.compartment = map[d.compartment]; records[k].action = .resetAndDose(d)
                case .emptyCompartment(let c): records[k].action = map[c] >= 0 ? .emptyCompartment(map[c]) : .other
                default: break
                }
            }
        }
        var result = try simulateAll(models: models, records: records, timesH: timesH)
        if reduce {
            // Back to the full state vector: inactive states are zero throughout.
            let n = models[0].stateCount
            var full = [Double](repeating: 0, count: timesH.count * nFull)
            for t in 0..<timesH.count { for (a, i) in active.enumerated() { full[t * nFull + i] = result.states[t * n + a] } }
            result.states = full
            result.stateNames = fullModels[0].stateNames
        }
        return result
    }

    static func simulateAll(models: [LinearModel], records: [EventRecord], timesH: [Double]) throws -> SimulationResult {
        guard !timesH.isEmpty else { throw SimulationError("no output times") }
        for i in 1..<timesH.count where !(timesH[i] >= timesH[i - 1]) {
            throw SimulationError("output times must be increasing (\(timesH[i]) after \(timesH[i - 1]))")
        }
        var merged: [EventRecord] = []
        merged.reserveCapacity(records.count + timesH.count)
        // An observation takes the model of the next record (NOCB), or of the last one after it.
        var i = 0
        for t in timesH {
            while i < records.count && records[i].timeH <= t { merged.append(records[i]); i += 1 }
            let m = i < records.count ? records[i].modelIndex : (records.last?.modelIndex ?? 0)
            merged.append(EventRecord(timeH: t, action: .observe, modelIndex: m))
        }
        while i < records.count { merged.append(records[i]); i += 1 }
        let start = Swift.min(timesH[0], records.first?.timeH ?? timesH[0])
        var engine = EventEngine(models: models, recordKnots: true)
        engine.start(atH: start)
        let n = models[0].stateCount
        var states: [Double] = []
        states.reserveCapacity(timesH.count * n)
        var observedModel: [Int] = []
        for r in merged {
            try engine.process(r)
            if case .observe = r.action { states.append(contentsOf: engine.state); observedModel.append(r.modelIndex) }
        }
        let m = models[0]
        var outputs = [[Double]](repeating: [], count: m.outputs.count)
        for k in 0..<timesH.count {
            let x = Array(states[(k * n)..<((k + 1) * n)])
            let mk = models[observedModel[k]]
            for o in 0..<m.outputs.count { outputs[o].append(mk.outputValue(o, x)) }
        }
        return SimulationResult(
            timesH: timesH, outputNames: m.outputs.map(\.name), outputUnits: m.outputs.map(\.unit),
            outputs: outputs, states: states, stateNames: m.stateNames,
            trajectory: Trajectory(models: models, knots: engine.knots, finalModelIndex: merged.last?.modelIndex ?? 0))
    }
}
