import Testing
@testable import PKCore

/// Work counters add up exactly to what each method does per step.
@Suite("ODE solver statistics")
struct ODESolverStatisticsTests {
    static let pk = ODELinearSystem.threeCompartmentOral()

    static func run<S: ODESystem>(_ system: S, x0: [Double], tEnd: Double, _ options: ODEOptions) throws -> SolverStatistics {
        var workspace = ODEWorkspace(dimension: system.dimension)
        return try ODESolver.solve(system, t0: 0, x0: x0, tEnd: tEnd, outputTimes: [], options: options,
                                   workspace: &workspace).stats
    }

    /// DOPRI5: f(t0) + one call for the initial step guess + 6 per attempted step (FSAL supplies
    /// the 7th stage's f as the next step's first).
    @Test func dormandPrinceCountsSixPerStepWithFSAL() throws {
        let s = try Self.run(Self.pk, x0: [100, 0, 0, 0], tEnd: 24, ODEOptions(method: .dormandPrince54))
        #expect(s.acceptedSteps > 0)
        #expect(s.rhsEvaluations == 2 + 6 * (s.acceptedSteps + s.rejectedSteps))
        #expect(s.jacobianEvaluations == 0 && s.luFactorizations == 0)
        #expect(s.methodUsed == .dormandPrince54)
        // A given initial step skips the guess.
        let g = try Self.run(Self.pk, x0: [100, 0, 0, 0], tEnd: 24, ODEOptions(method: .dormandPrince54, initialStepH: 0.01))
        #expect(g.rhsEvaluations == 1 + 6 * (g.acceptedSteps + g.rejectedSteps))
    }

    /// Rodas4, analytic Jacobian, autonomous: 5 calls per attempt + f(t, y) at each new step point
    /// (not after the last) + the two initial calls; one Jacobian per step point (rejections reuse
    /// it) and one LU per attempt.
    @Test func rodasCountsWithAnalyticJacobian() throws {
        let s = try Self.run(Self.pk, x0: [100, 0, 0, 0], tEnd: 24, ODEOptions(method: .rodas4))
        let attempts = s.acceptedSteps + s.rejectedSteps
        #expect(s.rhsEvaluations == 2 + 5 * attempts + (s.acceptedSteps - 1))
        #expect(s.jacobianEvaluations == s.acceptedSteps)
        #expect(s.luFactorizations == attempts)
        #expect(s.methodUsed == .rodas4)
    }

    /// Finite-difference Jacobians add n calls each.
    @Test func rodasCountsWithFiniteDifferenceJacobian() throws {
        var system = Self.pk
        system.analyticJacobian = false
        let s = try Self.run(system, x0: [100, 0, 0, 0], tEnd: 24, ODEOptions(method: .rodas4))
        let attempts = s.acceptedSteps + s.rejectedSteps
        #expect(s.rhsEvaluations == 2 + 5 * attempts + (s.acceptedSteps - 1) + 4 * s.jacobianEvaluations)
    }

    /// Non-autonomous systems without an analytic ∂f/∂t add one call per Jacobian.
    @Test func rodasCountsForwardDifferenceTimeDerivative() throws {
        let analytic = try Self.run(ODEForcedDecay(), x0: [1], tEnd: 10, ODEOptions(method: .rodas4))
        #expect(analytic.rhsEvaluations
                == 2 + 5 * (analytic.acceptedSteps + analytic.rejectedSteps) + (analytic.acceptedSteps - 1))
        let s = try Self.run(ODEForcedDecay(analyticTimeDerivative: false), x0: [1], tEnd: 10, ODEOptions(method: .rodas4))
        #expect(s.rhsEvaluations == 2 + 5 * (s.acceptedSteps + s.rejectedSteps) + (s.acceptedSteps - 1) + s.jacobianEvaluations)
    }

    @Test func addAccumulatesAndMarksMixedMethods() {
        var a = SolverStatistics(acceptedSteps: 10, rejectedSteps: 1, rhsEvaluations: 68, jacobianEvaluations: 0,
                                 luFactorizations: 0, methodUsed: .dormandPrince54)
        let b = SolverStatistics(acceptedSteps: 5, rejectedSteps: 2, rhsEvaluations: 40, jacobianEvaluations: 5,
                                 luFactorizations: 7, methodUsed: .rodas4)
        a.add(a)
        #expect(a == SolverStatistics(acceptedSteps: 20, rejectedSteps: 2, rhsEvaluations: 136, jacobianEvaluations: 0,
                                      luFactorizations: 0, methodUsed: .dormandPrince54))
        a.add(b)
        #expect(a.acceptedSteps == 25 && a.rejectedSteps == 4 && a.rhsEvaluations == 176)
        #expect(a.jacobianEvaluations == 5 && a.luFactorizations == 7)
        #expect(a.methodUsed == .automatic)
    }
}
