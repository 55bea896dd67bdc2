import Testing
@testable import PKCore

/// Dense output against the exact solution of a linear 3-compartment oral PK model.
@Suite("ODE dense output on a linear PK model")
struct ODEPKAccuracyTests {
    static let system = ODELinearSystem.threeCompartmentOral()
    static let x0: [Double] = [100, 0, 0, 0]
    /// 5-minute grid over 0…24 h (289 points).
    static let grid: [Double] = (0...288).map { Double($0) * 5.0 / 60.0 }

    /// Max over grid points and states of |numeric − exact| / |exact|, counting only values above
    /// 1e-3 × that state's peak (below that, atol and relative noise dominate).
    static func maxRelativeError(_ outputs: [Double]) -> Double {
        let exact = grid.map { system.exact($0, x0: x0) }
        var worst = 0.0
        for i in 0..<4 {
            let peak = exact.map { $0[i] }.max() ?? 0
            for (k, e) in exact.enumerated() where e[i] > 1e-3 * peak {
                worst = max(worst, abs(outputs[k * 4 + i] - e[i]) / e[i])
            }
        }
        return worst
    }

    /// Asserted bound 10 × rtol = 1e-5: error control keeps each step's local error ≈ tol, the
    /// interpolant's error is of the size of that local error (O(h⁵) DOPRI5, O(h⁴) Rodas4), and the
    /// global error of this dissipative linear system does not amplify it; 10× leaves room for
    /// accumulation and for relative errors down to 1e-3 × peak. Measured: DOPRI5 2.2e-6,
    /// Rodas4 4.8e-7 (≤ 3 × rtol for either method at rtol 1e-3…1e-10 on a 1-min grid).
    @Test("dense output within 10×rtol of expm on a 5-min grid", arguments: [ODEMethod.dormandPrince54, .rodas4, .automatic])
    func denseOutputMeetsTolerance(method: ODEMethod) throws {
        var workspace = ODEWorkspace(dimension: 4)
        let options = ODEOptions(rtol: 1e-6, atol: 1e-9, method: method)
        let r = try ODESolver.solve(Self.system, t0: 0, x0: Self.x0, tEnd: 24, outputTimes: Self.grid,
                                    options: options, workspace: &workspace)
        let error = Self.maxRelativeError(r.outputs)
        #expect(error <= 1e-5)
    }
}
