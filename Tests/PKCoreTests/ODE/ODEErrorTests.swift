import Testing
@testable import PKCore

/// Every failure is a named `ODEError`, never a trap or a silent NaN.
@Suite("ODE error paths")
struct ODEErrorTests {
    static let pk = ODELinearSystem.threeCompartmentOral()

    static func solvePK(_ options: ODEOptions, t0: Double = 0, tEnd: Double = 24, outputTimes: [Double] = [],
                        x0: [Double] = [100, 0, 0, 0]) throws {
        var workspace = ODEWorkspace(dimension: 4)
        _ = try ODESolver.solve(pk, t0: t0, x0: x0, tEnd: tEnd, outputTimes: outputTimes, options: options,
                                workspace: &workspace)
    }

    @Test(arguments: [ODEMethod.dormandPrince54, .rodas4, .automatic])
    func nanRightHandSideIsNonFiniteState(method: ODEMethod) {
        var workspace = ODEWorkspace(dimension: 2)
        let error = #expect(throws: ODEError.self) {
            _ = try ODESolver.solve(ODENaNSystem(), t0: 0, x0: [1, 1], tEnd: 1, outputTimes: [0.5],
                                    options: ODEOptions(method: method), workspace: &workspace)
        }
        guard case let .nonFiniteState(t, index)? = error else {
            Issue.record("expected nonFiniteState, got \(String(describing: error))")
            return
        }
        #expect(t == 0)
        #expect(index == 1)
    }

    @Test func nanInitialStateIsNonFiniteState() {
        #expect(throws: ODEError.nonFiniteState(t: 2, index: 3)) {
            try Self.solvePK(ODEOptions(), t0: 2, tEnd: 3, x0: [1, 0, 0, .nan])
        }
    }

    @Test func tinyMaxStepsIsMaxStepsExceeded() {
        let error = #expect(throws: ODEError.self) { try Self.solvePK(ODEOptions(maxSteps: 5)) }
        guard case let .maxStepsExceeded(t, steps)? = error else {
            Issue.record("expected maxStepsExceeded, got \(String(describing: error))")
            return
        }
        #expect(steps == 5)
        #expect(t > 0 && t < 24)
    }

    @Test(arguments: [
        ODEOptions(rtol: -1e-6),
        ODEOptions(rtol: .nan),
        ODEOptions(rtol: 1e-6, atol: .infinity),
        ODEOptions(rtol: 0, atol: 0),
        ODEOptions(rtol: 1e-17),
        ODEOptions(rtol: [1e-6, 1e-6], atol: [1e-9]),
        ODEOptions(rtol: [1e-6], atol: [1e-9, 1e-9, 1e-9]),
        ODEOptions(maxSteps: 0),
    ])
    func invalidToleranceIsNamed(options: ODEOptions) {
        let error = #expect(throws: ODEError.self) { try Self.solvePK(options) }
        guard case let .invalidTolerance(reason)? = error else {
            Issue.record("expected invalidTolerance, got \(String(describing: error))")
            return
        }
        #expect(!reason.isEmpty)
    }

    /// Per-state tolerances are taken and honoured: the result meets the loosest of them (1e-5) against
    /// the exact solution expm(K·24)·x0 (10× for accumulation, as in ODEPKAccuracyTests).
    @Test func perStateTolerancesAreAccepted() throws {
        var workspace = ODEWorkspace(dimension: 4)
        let x0: [Double] = [100, 0, 0, 0]
        let r = try ODESolver.solve(Self.pk, t0: 0, x0: x0, tEnd: 24, outputTimes: [],
                                    options: ODEOptions(rtol: [1e-6, 1e-6, 1e-5, 1e-5], atol: [1e-9, 0, 1e-9, 1e-9]),
                                    workspace: &workspace)
        let exact = Self.pk.exact(24, x0: x0)
        for i in 1..<4 { #expect(abs(r.final[i] - exact[i]) <= 1e-4 * exact[i], "state \(i): \(r.final[i]) vs \(exact[i])") }
        #expect(r.stats.acceptedSteps > 0)
    }

    @Test func invalidIntervalsAreNamed() {
        let cases: [() throws -> Void] = [
            { try Self.solvePK(ODEOptions(), t0: 5, tEnd: 1) },
            { try Self.solvePK(ODEOptions(), tEnd: .infinity) },
            { try Self.solvePK(ODEOptions(), outputTimes: [1, 25]) },
            { try Self.solvePK(ODEOptions(), outputTimes: [-1]) },
            { try Self.solvePK(ODEOptions(), outputTimes: [2, 1]) },
            { try Self.solvePK(ODEOptions(initialStepH: 0)) },
            { try Self.solvePK(ODEOptions(maxStepH: -1)) },
        ]
        for c in cases {
            let error = #expect(throws: ODEError.self) { try c() }
            guard case .invalidInterval? = error else {
                Issue.record("expected invalidInterval, got \(String(describing: error))")
                continue
            }
        }
    }

    /// y′ = y² from y(0) = 1 blows up at t = 1: the solve must stop there with a named error.
    @Test(arguments: [ODEMethod.dormandPrince54, .rodas4, .automatic])
    func blowUpStopsNearTheSingularity(method: ODEMethod) {
        var workspace = ODEWorkspace(dimension: 1)
        let error = #expect(throws: ODEError.self) {
            _ = try ODESolver.solve(ODEBlowUp(), t0: 0, x0: [1], tEnd: 2, outputTimes: [],
                                    options: ODEOptions(method: method), workspace: &workspace)
        }
        switch error {
        case let .stepSizeUnderflow(t, h)?:
            #expect(abs(t - 1) < 1e-3)
            #expect(h < 1e-12)
        case let .nonFiniteState(t, _)?:
            #expect(abs(t - 1) < 1e-3)
        default:
            Issue.record("expected stepSizeUnderflow or nonFiniteState, got \(String(describing: error))")
        }
    }

    @Test func descriptionsNameTheReason() {
        #expect(ODEError.stepSizeUnderflow(t: 1, h: 1e-16).description.contains("step size underflow"))
        #expect(ODEError.maxStepsExceeded(t: 3, steps: 10).description.contains("maximum of 10 steps"))
        #expect(ODEError.nonFiniteState(t: 0, index: 2).description.contains("component 2"))
        #expect(ODEError.invalidTolerance("rtol < 0").description.contains("rtol < 0"))
        #expect(ODEError.invalidInterval("tEnd < t0").description.contains("tEnd < t0"))
        for e in [ODEError.stepSizeUnderflow(t: 1, h: 1e-16), .maxStepsExceeded(t: 3, steps: 10)] {
            #expect(!e.description.contains("\n"))
        }
    }
}
