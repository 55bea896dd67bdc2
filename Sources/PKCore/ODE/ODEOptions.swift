/// Integration method.
public enum ODEMethod: String, Sendable {
    /// Explicit Dormand–Prince 5(4) (DOPRI5) with its 4th-order continuous extension. Non-stiff.
    case dormandPrince54
    /// Rodas4: L-stable, stiffly accurate Rosenbrock method of order 4(3) with a 3rd-order
    /// stiffly accurate dense output (Hairer & Wanner, Solving ODEs II, §VI.4).
    case rodas4
    /// Start with DOPRI5 and switch to Rodas4 for the rest of the solve once Hairer's stiffness
    /// test fires (h·ρ > 3.25 on 15 accepted steps without 6 consecutive non-stiff ones).
    case automatic
}

/// Options of `ODESolver.solve`. Times and step sizes are in hours (h).
public struct ODEOptions: Sendable {
    /// Relative tolerance: one value for all states, or one per state.
    public var rtol: [Double]
    /// Absolute tolerance (state units): one value for all states, or one per state.
    public var atol: [Double]
    /// Method; `.automatic` by default.
    public var method: ODEMethod = .automatic
    /// Maximum number of step attempts (accepted + rejected) per solve.
    public var maxSteps: Int = 100_000
    /// First trial step (h); nil = Hairer's automatic initial step estimate (costs one RHS call).
    public var initialStepH: Double?
    /// Upper bound on the step size (h); nil = |tEnd − t0|.
    public var maxStepH: Double?

    /// Scalar tolerances, defaults rtol = 1e-6, atol = 1e-9.
    public init(rtol: Double = 1e-6, atol: Double = 1e-9, method: ODEMethod = .automatic, maxSteps: Int = 100_000,
                initialStepH: Double? = nil, maxStepH: Double? = nil) {
        self.init(rtol: [rtol], atol: [atol], method: method, maxSteps: maxSteps,
                  initialStepH: initialStepH, maxStepH: maxStepH)
    }

    /// Tolerance arrays of count 1 (scalar) or n (per state).
    public init(rtol: [Double], atol: [Double], method: ODEMethod = .automatic, maxSteps: Int = 100_000,
                initialStepH: Double? = nil, maxStepH: Double? = nil) {
        self.rtol = rtol
        self.atol = atol
        self.method = method
        self.maxSteps = maxSteps
        self.initialStepH = initialStepH
        self.maxStepH = maxStepH
    }
}
