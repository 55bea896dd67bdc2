/// The exact piecewise solution left by an `EventEngine` run: between two knots the input is
/// constant, so the state at any time t in [tᵢ, tᵢ₊₁] is Φ(t − tᵢ)·Aᵢ + Γ(t − tᵢ)·rᵢ. Used for
/// metrics that must not be rounded to the output grid (peaks, threshold crossings, exact AUC).
public struct Trajectory: Sendable {
    /// The engine's models (knots refer to them by index); all have the same states.
    public let models: [LinearModel]
    /// Knot times (h), flattened states and input rates (mg/h), `stateCount` values per knot.
    public let knots: EventEngine.Knots
    /// Model in force after the last knot (for extrapolation past the end).
    public let finalModelIndex: Int

    /// Wraps a recorded run. Precondition: at least one knot.
    public init(models: [LinearModel], knots: EventEngine.Knots, finalModelIndex: Int = 0) {
        precondition(!knots.timesH.isEmpty, "a trajectory needs at least one knot")
        self.models = models
        self.knots = knots
        self.finalModelIndex = finalModelIndex
    }

    /// Number of states per knot.
    @inlinable public var stateCount: Int { models[0].stateCount }
    /// Time of the first knot (h).
    public var startH: Double { knots.timesH.first! }
    /// Time of the last knot (h).
    public var endH: Double { knots.timesH.last! }

    /// Index of the last knot with time ≤ t (the first knot when t is before the start).
    public func knotIndex(atOrBefore t: Double) -> Int {
        let ts = knots.timesH
        var lo = 0, hi = ts.count - 1
        if t < ts[0] { return 0 }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if ts[mid] <= t { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Model used after knot `i`.
    public func modelIndex(after i: Int) -> Int {
        i + 1 < knots.modelIndex.count ? knots.modelIndex[i + 1] : finalModelIndex
    }

    /// State at knot `i` (amounts mg, effect sites mg/L), a slice of the flattened `knots.states`.
    public func knotState(_ i: Int) -> ArraySlice<Double> {
        let n = stateCount
        return knots.states[(i * n)..<((i + 1) * n)]
    }

    /// Input rates (mg/h) in force after knot `i`, a slice of the flattened `knots.rates`.
    public func knotRates(_ i: Int) -> ArraySlice<Double> {
        let n = stateCount
        return knots.rates[(i * n)..<((i + 1) * n)]
    }

    /// Exact state at time `t` (h). Past the last knot, inputs are held at their last values; before
    /// the first knot, the first knot's state is returned (no backward extrapolation).
    public func state(atH t: Double) -> [Double] {
        let i = knotIndex(atOrBefore: t)
        var x = Array(knotState(i))
        let dt = t - knots.timesH[i]
        if dt > 0 {
            let r = Array(knotRates(i))
            let tr = Transition(rateMatrix: models[modelIndex(after: i)].rateMatrix, dtH: dt)
            tr.apply(&x, rate: r.contains { $0 != 0 } ? r : nil)
        }
        return x
    }

    /// Output `o` of the model in force at `t` (h), in the output's unit (e.g. ng/mL).
    public func output(_ o: Int, atH t: Double) -> Double {
        let i = knotIndex(atOrBefore: t)
        return models[modelIndex(after: i)].outputValue(o, state(atH: t))
    }
}
