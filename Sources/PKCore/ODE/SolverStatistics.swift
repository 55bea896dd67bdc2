/// Work counters of one or more ODE solves (SUNDIALS-style: every solve reports its cost).
public struct SolverStatistics: Sendable, Equatable {
    /// Steps whose error estimate met the tolerance.
    public var acceptedSteps: Int = 0
    /// Steps rejected by the error test, for non-finite stages, or for a singular iteration matrix.
    public var rejectedSteps: Int = 0
    /// Calls of `ODESystem.derivatives`, including those for the initial step guess and for
    /// finite-difference Jacobians and ∂f/∂t.
    public var rhsEvaluations: Int = 0
    /// Jacobian evaluations (analytic or by finite differences), Rosenbrock only.
    public var jacobianEvaluations: Int = 0
    /// LU factorisations of the Rosenbrock iteration matrix I/(γh) − J.
    public var luFactorizations: Int = 0
    /// Method that took the steps: `.dormandPrince54` or `.rodas4` when only one was used,
    /// `.automatic` when a solve (or a sum of solves) used both.
    public var methodUsed: ODEMethod

    /// Zero counts for a solve by `methodUsed`.
    public init(methodUsed: ODEMethod) {
        self.methodUsed = methodUsed
    }

    /// Counts of a solve (steps, right-hand sides, Jacobians, LU factorizations) and its method.
    public init(acceptedSteps: Int, rejectedSteps: Int, rhsEvaluations: Int, jacobianEvaluations: Int,
                luFactorizations: Int, methodUsed: ODEMethod) {
        self.acceptedSteps = acceptedSteps
        self.rejectedSteps = rejectedSteps
        self.rhsEvaluations = rhsEvaluations
        self.jacobianEvaluations = jacobianEvaluations
        self.luFactorizations = luFactorizations
        self.methodUsed = methodUsed
    }

    /// Accumulates the counters of another solve (e.g. the next inter-dose segment).
    /// `methodUsed` becomes `.automatic` when the two differ (both methods were used).
    public mutating func add(_ other: SolverStatistics) {
        acceptedSteps += other.acceptedSteps
        rejectedSteps += other.rejectedSteps
        rhsEvaluations += other.rhsEvaluations
        jacobianEvaluations += other.jacobianEvaluations
        luFactorizations += other.luFactorizations
        methodUsed = SolverStatistics.combine(methodUsed, other.methodUsed)
    }

    @usableFromInline
    static func combine(_ a: ODEMethod, _ b: ODEMethod) -> ODEMethod {
        a == b ? a : .automatic
    }
}
