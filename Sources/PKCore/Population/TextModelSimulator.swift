import ModelLanguage

/// The dosing of a text-model population: `count` doses every `intervalH` into one state, each a
/// bolus or a zero-order infusion over `infusionH`, F times the subject's amount entering (a bolus
/// adds F·AMT; an infusion runs at F·AMT/duration, as the event engine does).
public struct TextModelDosing: Sendable, Equatable {
    /// Receiving state, 0-based.
    public var compartment: Int
    /// F: the fraction of each dose that enters (0-1).
    public var bioavailability: Double
    /// Infusion duration (h); nil for a bolus.
    public var infusionH: Double?
    /// Interval between doses (h); unused for a single dose.
    public var intervalH: Double
    /// Number of doses (≥ 1).
    public var count: Int

    /// Memberwise; the event engine checks the values.
    public init(compartment: Int, bioavailability: Double, infusionH: Double?, intervalH: Double, count: Int) {
        self.compartment = compartment
        self.bioavailability = bioavailability
        self.infusionH = infusionH
        self.intervalH = intervalH
        self.count = count
    }
}

/// A text model (`.model`, usually nonlinear) through one dosing regimen, for population runs.
///
/// - `simulate`: one subject on the event engine (`TextModel.makeEngine`: the ODE solvers with
///   `model.options`, or the exact path when the model is linear); the reference path.
/// - `simulateLanes`: `Lanes.scalarCount` subjects in lock-step on `LaneDormandPrince` (rtol and atol
///   of `model.options`, one shared step size, the largest scaled error over the lanes deciding),
///   integrated piecewise between dose and infusion-end times with the events applied exactly at
///   their times (doses before an observation at the same time, as the engine does). When Hairer's
///   stiffness test fires and the piece between two events needs more than 2,000 steps (a stiff
///   problem, not the mild stiffness of a washout at the stability boundary), or the lane solve
///   fails, the group's subjects are rerun one by one on the
///   event engine with Rodas4 at the same tolerances. Results depend on the whole lane group
///   (`lanesCoupled`), so callers form groups by absolute subject index.
///
/// Both paths integrate only the states the analysed output depends on (`neededStates`, e.g. 4 of
/// k6-mm.model's 6: norketamine and the effect site feed no CP), unless `integrateNeededStatesOnly`
/// is false; doses into a state outside them are dropped (they reach no reported value).
///
/// Metrics are those of a curve known on the grid (`GridMetrics`, linear between points) on both
/// paths, so they agree to the ODE tolerance.
public struct TextModelSubjectSimulator: SubjectSimulator {
    /// The text model, with the ODE options (rtol, atol; method of the event-engine path).
    public let model: TextModel
    /// The output grid (h).
    public let timesH: [Double]
    /// Band (in the output's unit), window (h) and discharge level of the metrics.
    public let options: MetricOptions
    /// Where, how and how often each subject is dosed.
    public let dosing: TextModelDosing
    /// The amount of each dose for a subject (mg, before F).
    public let doseMg: @Sendable (Subject) -> Double
    /// Run lane groups on `LaneDormandPrince` (default); false: the event engine only.
    public var useLanes = true
    /// Index of the analysed output in `model.outputNames`.
    public let outputIndex: Int
    /// Integrate only `neededStates` (default true); false: every state of the model. A
    /// `SubjectResult` holds the analysed output alone, which the other states do not reach, so both
    /// agree to the ODE tolerance; they differ in the step sizes (the error norm is over the
    /// states integrated). When every state is needed, both are the same computation, bit for bit.
    public var integrateNeededStatesOnly = true
    /// The states the analysed output depends on (`ModelProgram.statesFeeding`), 0-based, ascending.
    public let neededStates: [Int]
    /// The model restricted to `neededStates` with the analysed output alone (output 0); nil when
    /// every state is needed (or none is: then the model is integrated whole).
    let reducedProgram: ModelProgram?

    /// Throws `SimulationError` when the model has no output `options.output`, the tolerances are
    /// not single numbers, or the grid is empty.
    public init(model: TextModel, timesH: [Double], options: MetricOptions, dosing: TextModelDosing,
                doseMg: @escaping @Sendable (Subject) -> Double) throws {
        guard let o = model.outputNames.firstIndex(where: { $0.lowercased() == options.output.lowercased() }) else {
            throw SimulationError("model has no output '\(options.output)' (outputs: \(model.outputNames.joined(separator: ", ")))")
        }
        guard !timesH.isEmpty else { throw SimulationError("no output times") }
        guard model.options.rtol.count == 1, model.options.atol.count == 1 else { throw SimulationError("lane path: one rtol and one atol for all states") }
        guard dosing.compartment >= 0, dosing.compartment < model.compartmentNames.count else {
            throw SimulationError("dosing state \(dosing.compartment) out of range")
        }
        self.model = model
        self.timesH = timesH
        self.options = options
        self.dosing = dosing
        self.doseMg = doseMg
        outputIndex = o
        let needed = model.program.statesFeeding(outputs: [o])
        neededStates = needed
        reducedProgram = needed.isEmpty || needed.count == model.program.stateCount ? nil : model.program.restricted(toStates: needed, outputs: [o])
    }

    /// What the solvers integrate: the program, the analysed output's index in it, and each model
    /// state's index in it (nil: not integrated).
    var integrated: (program: ModelProgram, output: Int, stateIndex: [Int?]) {
        if integrateNeededStatesOnly, let reducedProgram {
            var index = [Int?](repeating: nil, count: model.program.stateCount)
            for (k, j) in neededStates.enumerated() { index[j] = k }
            return (reducedProgram, 0, index)
        }
        return (model.program, outputIndex, model.program.stateNames.indices.map { $0 })
    }

    /// True: a lane group shares one step size, so callers group subjects by absolute index.
    public var lanesCoupled: Bool { true }

    /// How the lane path runs, for run metadata.
    public var solverDescription: String {
        let r = model.options.rtol[0], a = model.options.atol[0]
        let n = model.program.stateCount
        let states = integrateNeededStatesOnly && reducedProgram != nil
            ? " the \(neededStates.count) of \(n) states that \(model.outputNames[outputIndex]) depends on (\(neededStates.map { model.compartmentNames[$0] }.joined(separator: ", ")))"
            : " all \(n) states"
        return "lanes of \(Lanes.scalarCount) subjects on Dormand-Prince 5(4), rtol \(r), atol \(a),\(states), piecewise between doses;"
            + " a group that turns stiff (Hairer's test, and more than 2000 steps between two doses) reruns subject by subject on Rodas4, rtol \(r), atol \(a)"
    }

    /// The event records of one subject's regimen, then an observation at each grid time; the
    /// doses go to state `compartment` of the integrated system (none when nil: not integrated).
    func records(_ subject: Subject, compartment: Int?) -> [EventRecord] {
        let d = dosing
        let observations = timesH.map { EventRecord(timeH: $0, action: .observe) }
        guard let compartment else { return observations }
        let inst = DoseInstruction(compartment: compartment, amountMg: doseMg(subject), bioavailability: d.bioavailability,
                                   input: d.infusionH.map { .duration($0) } ?? .bolus,
                                   intervalH: d.count > 1 ? d.intervalH : 0, additionalDoses: d.count - 1)
        return [EventRecord(timeH: 0, action: .dose(inst))] + observations
    }

    /// One subject on the event engine with the model's method and tolerances (the reference path).
    public func simulate(_ subject: Subject, parameters: [Double], wantCurve: Bool) throws -> SubjectResult {
        try simulate(subject, parameters: parameters, wantCurve: wantCurve, method: model.options.method)
    }

    /// One subject on the event engine with `method` (the model's tolerances).
    public func simulate(_ subject: Subject, parameters: [Double], wantCurve: Bool, method: ODEMethod) throws -> SubjectResult {
        let system = integrated
        var tm = TextModel(model, program: system.program)
        tm.options.method = method
        let made = try tm.makeEngine(parameterSets: [parameters])
        var engine = made.engine
        let events = records(subject, compartment: system.stateIndex[dosing.compartment])
        let flat = try engine.run(events)
        // One state row per record: the dose record (if any), then one per grid time.
        let n = system.program.stateCount, first = events.count - timesH.count
        var curve = [Double](repeating: 0, count: timesH.count)
        for k in timesH.indices { curve[k] = made.outputs(0, Array(flat[((k + first) * n)..<((k + first + 1) * n)]), timesH[k])[system.output] }
        return SubjectResult(metrics: GridMetrics.metrics(timesH: timesH, values: curve, options: options), curve: wantCurve ? curve : [])
    }

    /// Up to `Lanes.scalarCount` subjects in lock-step on `LaneDormandPrince` (see the type's
    /// comment); nil when the output is not one state times a factor, or a Rodas4 rerun fails.
    public func simulateLanes(_ subjects: [Subject], parameters: [[Double]], wantCurve: Bool) -> [SubjectResult]? {
        guard useLanes, !subjects.isEmpty, subjects.count <= Lanes.scalarCount else { return nil }
        do {
            let curves = try laneCurves(subjects, parameters: parameters)
            return curves.map { SubjectResult(metrics: GridMetrics.metrics(timesH: timesH, values: $0, options: options), curve: wantCurve ? $0 : []) }
        } catch is LaneUnavailable {
            return nil
        } catch {
            // Stiff (or failing) group: every subject alone on Rodas4; nil lets the caller report a failure.
            var out: [SubjectResult] = []
            for (s, p) in zip(subjects, parameters) {
                guard let r = try? simulate(s, parameters: p, wantCurve: wantCurve, method: .rodas4) else { return nil }
                out.append(r)
            }
            return out
        }
    }

    struct LaneUnavailable: Error {}

    /// The analysed output on the grid for each subject, from one lock-step lane solve.
    func laneCurves(_ subjects: [Subject], parameters: [[Double]]) throws -> [[Double]] {
        let system = integrated
        let program = system.program, outputIndex = system.output
        let width = Lanes.scalarCount
        let n = program.stateCount
        // The output must be scale × one state (the same state in every lane).
        var outState = -1
        var scale = Lanes.zero
        for l in 0..<width {
            let p = parameters[Swift.min(l, parameters.count - 1)]
            guard let s = program.linearOutputs(parameters: p) else { throw LaneUnavailable() }
            let row = Array(s[(outputIndex * n)..<((outputIndex + 1) * n)])
            let nz = row.indices.filter { row[$0] != 0 }
            guard nz.count == 1, outState == -1 || outState == nz[0] else { throw LaneUnavailable() }
            outState = nz[0]
            scale[l] = row[nz[0]]
        }
        var x = [Lanes](repeating: .zero, count: n)
        var amount = Lanes.zero
        for l in 0..<width {
            let k = Swift.min(l, subjects.count - 1)
            let x0 = program.initialState(parameters: parameters[k])
            for i in 0..<n { x[i][l] = x0[i] }
            amount[l] = doseMg(subjects[k]) * dosing.bioavailability
        }
        for v in amount.indices where !(amount[v].isFinite && amount[v] >= 0) { throw LaneUnavailable() }
        let evaluator = LaneModelEvaluator(program, parameters: (0..<width).map { parameters[Swift.min($0, parameters.count - 1)] })
        // Event times: dose starts (bolus or infusion on) and infusion ends, applied in that order
        // at equal times after the ends (ends first, as the engine's scheduled events).
        struct Event { var t: Double; var start: Bool }
        var events: [Event] = []
        let end = timesH.last!
        // Doses into a state that is not integrated reach nothing reported: none.
        let dosed = system.stateIndex[dosing.compartment]
        for k in 0..<(dosed == nil ? 0 : dosing.count) {
            let t = Double(k) * (dosing.count > 1 ? dosing.intervalH : 0)
            guard t <= end else { break }
            events.append(Event(t: t, start: true))
            if let d = dosing.infusionH, d > 0 { events.append(Event(t: t + d, start: false)) }
        }
        events.sort { $0.t != $1.t ? $0.t < $1.t : (!$0.start && $1.start) }
        let c = dosed ?? 0
        let rate = dosing.infusionH.map { $0 > 0 ? amount / Lanes(repeating: $0) : .zero }
        var active = 0
        // Every grid point is written by a solve before it is read (checked below: nextOut reaches
        // the end), so the curve buffer is not zeroed first (a memset of 32 bytes per grid point).
        var out = [Lanes](unsafeUninitializedCapacity: timesH.count) { _, count in count = timesH.count }
        var stats = SolverStatistics(methodUsed: .dormandPrince54)
        let rtol = model.options.rtol[0], atol = model.options.atol[0], maxSteps = model.options.maxSteps
        var t = Swift.min(0, timesH[0])
        var e = 0, nextOut = 0
        try timesH.withUnsafeBufferPointer { times in
            try out.withUnsafeMutableBufferPointer { ob in
                while true {
                    // Apply every event at t.
                    while e < events.count && events[e].t <= t {
                        let ev = events[e]
                        if rate != nil {
                            active += ev.start ? 1 : -1
                        } else if ev.start {
                            x[c] += amount
                        }
                        e += 1
                    }
                    let tNext = e < events.count ? Swift.min(events[e].t, end) : end
                    var last = nextOut
                    while last < times.count && (times[last] < tNext || (tNext >= end && times[last] <= tNext)) { last += 1 }
                    let system = TextLaneSystem(evaluator: evaluator, rateState: c, rate: active > 0 ? Lanes(repeating: Double(active)) * rate! : .zero,
                                                hasRate: active > 0)
                    x = try LaneDormandPrince.solve(
                        system, t0: t, x0: x, tEnd: tNext, outputTimes: UnsafeBufferPointer(rebasing: times[nextOut..<last]), outputState: outState,
                        rtol: rtol, atol: atol, maxSteps: maxSteps, detectStiffness: true, into: ob.baseAddress! + nextOut, stats: &stats)
                    nextOut = last
                    t = tNext
                    if e >= events.count || tNext >= end { break }
                }
            }
        }
        guard nextOut == timesH.count else { throw LaneUnavailable() }
        return (0..<subjects.count).map { l in out.map { $0[l] * scale[l] } }
    }
}

/// A text model's right-hand side on lanes, plus a constant infusion rate into one state (when
/// `hasRate`). The solver works in the evaluator's register file (`solverStorage`), so the RHS
/// calls copy no state in and no derivative out.
struct TextLaneSystem: LaneODESystem {
    let evaluator: LaneModelEvaluator
    let rateState: Int
    let rate: Lanes
    let hasRate: Bool
    let storage: UnsafeMutablePointer<Lanes>
    var dimension: Int { evaluator.stateCount }
    var solverStorage: UnsafeMutablePointer<Lanes>? { storage }

    init(evaluator: LaneModelEvaluator, rateState: Int, rate: Lanes, hasRate: Bool) {
        precondition(LaneModelEvaluator.solverBlockCount == LaneDormandPrince.storageBlockCount, "the evaluator's solver storage has the solver's layout")
        self.evaluator = evaluator
        self.rateState = rateState
        self.rate = rate
        self.hasRate = hasRate
        storage = evaluator.solverStorage
    }

    func derivatives(t: Double, state x: UnsafeMutablePointer<Lanes>, into dx: UnsafeMutablePointer<Lanes>) {
        evaluator.derivatives(t: t, state: UnsafePointer(x), into: dx)
        if hasRate { dx[rateState] += rate }
    }

    /// The stage variant straight from its index (the solver works in `storage`: x is the stage
    /// block or y1, dx the stage's k block).
    func stageDerivatives(t: Double, stage: Int, state x: UnsafeMutablePointer<Lanes>, into dx: UnsafeMutablePointer<Lanes>) {
        evaluator.stageDerivatives(t: t, stage: stage, fromY1: stage == 6)
        if hasRate { dx[rateState] += rate }
    }
}

extension TextModel {
    /// `model` with its program replaced by `program` (e.g. `ModelProgram.restricted`), the same
    /// options.
    init(_ model: TextModel, program: ModelProgram) {
        self.program = program
        options = model.options
        forceODE = model.forceODE
    }
}
