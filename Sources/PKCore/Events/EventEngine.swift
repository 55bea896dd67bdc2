/// Runs an event schedule on linear models exactly, following NONMEM 7.5 PREDPP event rules.
///
/// The rules (each pinned against NONMEM 7.5.1 output in `Tests/Conformance`):
/// 1. ADDL: a dose record with ADDL = n gives doses at T + j·II, j = 0…n, each with the record's own
///    F, ALAG, rate and duration.
/// 2. F scales the amount. A bolus enters F·AMT; an infusion with a data RATE keeps that rate and lasts
///    F·AMT/RATE; one with a modelled duration D lasts D at rate F·AMT/D.
/// 3. ALAG moves the whole dose (bolus or infusion start) to T + ALAG.
/// 4. At equal times, doses already scheduled (lagged or additional) and infusion ends are applied
///    before any record at that time: an observation sees a lagged dose that lands on it.
/// 5. A record reports the state after its own action (reset, steady state, un-lagged bolus).
/// 6. EVID 3 sets every compartment to zero and cancels pending doses and running infusions;
///    EVID 4 does that, then doses.
/// 7. SS=1 resets, then sets the exact steady state of the record's dose (see `SteadyState`),
///    including infusion tails that keep running after T; the record's own dose then enters at
///    T + ALAG, followed by its ADDL doses. SS=2 adds the steady state to the current state.
/// 8. SS=1 with AMT = 0, RATE > 0, II = 0 sets the constant-infusion steady state; the infusion does
///    not continue after the record.
/// 9. EVID 2 with a negative CMT empties that compartment.
/// 10. Parameters are NOCB: the model of a record applies over the interval that ends at it.
public struct EventEngine: Sendable {
    /// The models (parameter sets) that records refer to by index.
    public let models: [LinearModel]
    /// Current state (amounts in mg; effect sites in mg/L).
    public private(set) var state: [Double]
    /// Current time (h).
    public private(set) var timeH: Double
    /// Knots of the piecewise solution, when `recordKnots` is on: enough to evaluate the exact
    /// solution at any time (see `Trajectory`).
    public private(set) var knots: Knots

    /// Whether `knots` records the state at every input change and output time (for `Trajectory`).
    public var recordKnots: Bool
    /// The general ODE path (text models); nil for the exact linear path.
    public private(set) var ode: ODEBackend?
    let modelCount: Int

    @usableFromInline var caches: [TransitionCache]
    @usableFromInline var rates: [Double]
    @usableFromInline var activeInfusions: [Int]
    @usableFromInline var activeCount = 0
    @usableFromInline var pending: [Pending] = []   // sorted by (time, seq) descending: last is next
    @usableFromInline var sequence = 0
    @usableFromInline var currentModel = 0

    /// The points where the input changes or the state was recorded.
    public struct Knots: Sendable {
        /// Knot times (h), ascending.
        public var timesH: [Double] = []
        /// Flattened states, `stateCount` per knot.
        public var states: [Double] = []
        /// Flattened input rates (mg/h) in force after each knot.
        public var rates: [Double] = []
        /// Model in force over the interval that ends at each knot.
        public var modelIndex: [Int] = []
    }

    @usableFromInline
    struct Pending: Sendable {
        enum Kind: Sendable {
            case bolus(Int, Double)
            case infusionStart(Int, Double, Double)   // compartment, rate, duration
            case infusionEnd(Int, Double)             // compartment, rate
            /// An additional (ADDL) dose; on landing it schedules the next one, II later, while
            /// `remaining` > 0. Lazy, so a large ADDL costs nothing up front.
            case repeatDose(Int, Double, Double?, Double, Int)   // compartment, amount, infusion duration, II, remaining
        }
        var timeH: Double
        var sequence: Int
        var kind: Kind
    }

    /// An engine over one linear model per parameter set (rate constants 1/h, amounts mg); `recordKnots`
    /// keeps the exact piecewise solution for metrics between grid points.
    public init(models: [LinearModel], recordKnots: Bool = false) {
        precondition(!models.isEmpty, "at least one model")
        let n = models[0].stateCount
        precondition(models.allSatisfy { $0.stateCount == n }, "all models need the same states")
        self.models = models
        self.modelCount = models.count
        self.caches = models.map { TransitionCache(rateMatrix: $0.rateMatrix) }
        self.state = [Double](repeating: 0, count: n)
        self.rates = [Double](repeating: 0, count: n)
        self.activeInfusions = [Int](repeating: 0, count: n)
        self.timeH = 0
        self.knots = Knots()
        self.recordKnots = recordKnots
    }

    /// An engine on the ODE path: a text model with one parameter vector per model index. States
    /// start at the program's initial conditions for the first parameter set.
    public init(ode backend: ODEBackend) {
        precondition(!backend.parameterSets.isEmpty, "at least one parameter set")
        let n = backend.program.stateCount
        models = []
        modelCount = backend.parameterSets.count
        caches = []
        state = backend.program.initialState(parameters: backend.parameterSets[0])
        rates = [Double](repeating: 0, count: n)
        activeInfusions = [Int](repeating: 0, count: n)
        timeH = 0
        knots = Knots()
        recordKnots = false
        ode = backend
    }

    /// Sets the start time and initial state (before the first record).
    public mutating func start(atH t: Double, state initial: [Double]? = nil) {
        timeH = t
        if let initial {
            precondition(initial.count == state.count, "initial state has the wrong length")
            state = initial
        }
        addKnot()
    }

    /// Clears everything (state, infusions, pending doses; ODE models back to their initial
    /// conditions) and moves the clock to `t`, which may be
    /// earlier than the current time: NONMEM allows TIME to restart on a reset record.
    public mutating func restart(atH t: Double) {
        reset()
        timeH = t
        addKnot()
    }

    /// Runs all records and returns the state after each one, flattened (`stateCount` per record).
    /// On the ODE path, consecutive observations under one parameter set and before the next pending
    /// event are filled from one integration's dense output.
    public mutating func run(_ records: [EventRecord]) throws -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(records.count * state.count)
        if let first = records.first, knots.timesH.isEmpty { start(atH: Swift.min(first.timeH, timeH)) }
        var i = 0
        while i < records.count {
            let r = records[i]
            if ode != nil, case .observe = r.action, r.timeH >= timeH, r.modelIndex >= 0, r.modelIndex < modelCount {
                let limit = pending.last?.timeH ?? .infinity
                var k = i
                while k < records.count, case .observe = records[k].action, records[k].modelIndex == r.modelIndex,
                      records[k].timeH < limit, records[k].timeH >= (k == i ? timeH : records[k - 1].timeH) {
                    k += 1
                }
                if k > i {
                    currentModel = r.modelIndex
                    let times = records[i..<k].map(\.timeH)
                    out += try ode!.integrate(&state, from: timeH, to: times.last!, rates: activeCount > 0 ? rates : nil,
                                              model: currentModel, outputTimes: times)
                    timeH = times.last!
                    i = k
                    continue
                }
            }
            try process(r)
            out.append(contentsOf: state)
            i += 1
        }
        return out
    }

    /// Advances to the record's time and applies its action.
    public mutating func process(_ r: EventRecord) throws {
        guard r.timeH.isFinite else { throw SimulationError("TIME: not finite (\(r.timeH))") }
        guard r.timeH >= timeH else {
            throw SimulationError("TIME: records must not go back in time (\(r.timeH) after \(timeH))")
        }
        guard r.modelIndex >= 0 && r.modelIndex < modelCount else {
            throw SimulationError("model index \(r.modelIndex) out of range")
        }
        currentModel = r.modelIndex
        try advance(to: r.timeH)
        switch r.action {
        case .observe, .other:
            return
        case .emptyCompartment(let c):
            try checkCompartment(c)
            state[c] = 0
        case .reset:
            reset()
        case .resetAndDose(let d):
            reset()
            try dose(d)
        case .dose(let d):
            try dose(d)
        }
        addKnot()
    }

    /// Steps to time `t`, applying every pending event due at or before `t` first (rule 4).
    public mutating func advance(to t: Double) throws {
        while let p = pending.last, p.timeH <= t {
            pending.removeLast()
            try step(to: p.timeH)
            apply(p.kind, at: p.timeH)
            addKnot()
        }
        try step(to: t)
    }

    // MARK: - Internals

    @usableFromInline
    mutating func step(to t: Double) throws {
        let dt = t - timeH
        guard dt > 0 else { return }
        if ode != nil {
            _ = try ode!.integrate(&state, from: timeH, to: t, rates: activeCount > 0 ? rates : nil, model: currentModel)
        } else {
            try caches[currentModel].transition(dt).apply(&state, rate: activeCount > 0 ? rates : nil)
        }
        timeH = t
        addKnot()
    }


    mutating func addKnot() {
        guard recordKnots else { return }
        knots.timesH.append(timeH)
        knots.states.append(contentsOf: state)
        knots.rates.append(contentsOf: rates)
        knots.modelIndex.append(currentModel)
    }

    mutating func reset() {
        for i in state.indices { state[i] = 0; rates[i] = 0; activeInfusions[i] = 0 }
        if let o = ode { state = o.program.initialState(parameters: o.parameterSets[currentModel]) }
        activeCount = 0
        pending.removeAll()
    }

    func checkCompartment(_ c: Int) throws {
        guard c >= 0 && c < state.count else {
            throw SimulationError("CMT: compartment \(c + 1) does not exist (model has \(state.count))")
        }
    }

    mutating func schedule(_ kind: Pending.Kind, at t: Double) {
        sequence += 1
        let p = Pending(timeH: t, sequence: sequence, kind: kind)
        // Keep `pending` sorted descending by (time, sequence): binary search for the slot.
        var lo = 0, hi = pending.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let q = pending[mid]
            if q.timeH > t || (q.timeH == t && q.sequence > p.sequence) { lo = mid + 1 } else { hi = mid }
        }
        pending.insert(p, at: lo)
    }

    mutating func apply(_ kind: Pending.Kind, at t: Double) {
        switch kind {
        case .bolus(let c, let a):
            state[c] += a
        case .infusionStart(let c, let r, let d):
            startInfusion(c, rate: r, durationH: d, at: t)
        case .infusionEnd(let c, let r):
            activeInfusions[c] -= 1
            activeCount -= 1
            rates[c] = activeInfusions[c] == 0 ? 0 : rates[c] - r
        case .repeatDose(let c, let amount, let duration, let ii, let remaining):
            if let d = duration { startInfusion(c, rate: amount / d, durationH: d, at: t) } else { state[c] += amount }
            if remaining > 0 { schedule(.repeatDose(c, amount, duration, ii, remaining - 1), at: t + ii) }
        }
    }

    mutating func startInfusion(_ c: Int, rate: Double, durationH: Double, at t: Double) {
        guard durationH > 0, rate > 0 else { return }
        rates[c] += rate
        activeInfusions[c] += 1
        activeCount += 1
        schedule(.infusionEnd(c, rate), at: t + durationH)
    }

    mutating func dose(_ d: DoseInstruction) throws {
        try checkCompartment(d.compartment)
        guard d.amountMg.isFinite, d.amountMg >= 0 else { throw SimulationError("AMT: must be finite and ≥ 0 (got \(d.amountMg))") }
        guard d.bioavailability.isFinite, d.bioavailability >= 0 else {
            throw SimulationError("F: bioavailability must be finite and ≥ 0 (got \(d.bioavailability))")
        }
        guard d.lagH.isFinite, d.lagH >= 0 else { throw SimulationError("ALAG: lag must be finite and ≥ 0 (got \(d.lagH))") }
        guard d.intervalH.isFinite, d.intervalH >= 0 else { throw SimulationError("II: must be finite and ≥ 0 (got \(d.intervalH))") }
        guard d.additionalDoses >= 0 else { throw SimulationError("ADDL: must be ≥ 0 (got \(d.additionalDoses))") }
        try InputLimits.check("ADDL", d.additionalDoses, max: InputLimits.maxAdditionalDoses)
        switch d.input {
        case .bolus: break
        case .rate(let r):
            guard r.isFinite, r > 0 else { throw SimulationError("RATE: must be finite and > 0 (got \(r))") }
        case .duration(let dur):
            guard dur.isFinite, dur >= 0 else { throw SimulationError("D: duration must be finite and ≥ 0 (got \(dur))") }
        }
        let t = timeH
        let c = d.compartment

        if d.steadyState != .none {
            if ode != nil {
                throw SimulationError("SS: steady state is computed exactly for linear models only; this model is nonlinear (give the doses explicitly)")
            }
            if d.steadyState == .reset { reset() }
            if d.intervalH == 0 {
                // Constant-rate steady state (rule 8).
                guard case .rate(let r) = d.input, d.amountMg == 0 else {
                    throw SimulationError("SS: steady state with II = 0 needs AMT = 0 and RATE > 0")
                }
                let s = try SteadyState.constantRate(compartment: c, rateMgPerH: r, model: models[currentModel])
                for i in state.indices { state[i] += s[i] }
                return
            }
            let sol = try SteadyState.periodic(d, cache: &caches[currentModel])
            for i in state.indices { state[i] += sol.state[i] }
            for run in sol.runningInfusions { startInfusion(run.compartment, rate: run.rateMgPerH, durationH: run.remainingH, at: t) }
            for f in sol.futureStarts {
                if let inf = f.infusion {
                    schedule(.infusionStart(c, inf.rateMgPerH, inf.durationH), at: t + f.offsetH)
                } else {
                    schedule(.bolus(c, f.amountMg), at: t + f.offsetH)
                }
            }
        }
        if d.additionalDoses > 0 && d.intervalH <= 0 {
            throw SimulationError("II: additional doses need an interval > 0 (ADDL \(d.additionalDoses), II \(d.intervalH))")
        }
        let amount = d.enteringAmountMg
        let inf = d.infusion
        // The record's own dose at T + ALAG, then its ADDL doses every II (scheduled one at a time).
        let first = t + d.lagH
        if first == t {
            if let inf { startInfusion(c, rate: inf.rateMgPerH, durationH: inf.durationH, at: t) }
            else { state[c] += amount }
            if d.additionalDoses > 0 {
                schedule(.repeatDose(c, amount, inf?.durationH, d.intervalH, d.additionalDoses - 1), at: t + d.intervalH + d.lagH)
            }
        } else {
            schedule(.repeatDose(c, amount, inf?.durationH, d.intervalH, d.additionalDoses), at: first)
        }
    }
}
