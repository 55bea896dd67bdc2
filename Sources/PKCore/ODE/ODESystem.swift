/// A first-order system of ordinary differential equations x′ = f(t, x), t in hours (h).
///
/// Solvers in `ODESolver` are generic over the conforming type and `@inlinable`, so calls from
/// other modules are specialised: no existential or closure sits between the solver and `f`.
/// Implementations write into the provided buffers and must not allocate.
public protocol ODESystem {
    /// Number of state variables n (≥ 1).
    var dimension: Int { get }

    /// f(t, x) into `dx` (units of state per hour). Must not allocate.
    func derivatives(t: Double, state x: UnsafeBufferPointer<Double>, into dx: UnsafeMutableBufferPointer<Double>)

    /// Analytic Jacobian ∂f/∂x at (t, x), row-major n × n: `j[i * n + k] = ∂f_i/∂x_k`.
    /// Return `false` (writing nothing) to request forward finite differences instead.
    func jacobian(t: Double, state x: UnsafeBufferPointer<Double>, into j: UnsafeMutableBufferPointer<Double>) -> Bool

    /// True when f does not depend on t explicitly (the usual PK model between events). Rosenbrock
    /// methods then skip ∂f/∂t, saving one RHS evaluation per Jacobian. Default: `false`.
    var isAutonomous: Bool { get }

    /// Analytic ∂f/∂t at (t, x) into `dfdt`; return `false` (the default) to request a forward
    /// difference. Only called when `isAutonomous` is false.
    func timeDerivative(t: Double, state x: UnsafeBufferPointer<Double>, into dfdt: UnsafeMutableBufferPointer<Double>) -> Bool
}

extension ODESystem {
    /// Default: the right-hand side depends on t (not autonomous).
    @inlinable public var isAutonomous: Bool { false }

    /// Default: no analytic Jacobian (returns false; the solver uses finite differences).
    @inlinable
    public func jacobian(t: Double, state x: UnsafeBufferPointer<Double>, into j: UnsafeMutableBufferPointer<Double>) -> Bool {
        false
    }

    /// Default: no analytic ∂f/∂t (returns false; the solver uses a finite difference).
    @inlinable
    public func timeDerivative(
        t: Double, state x: UnsafeBufferPointer<Double>, into dfdt: UnsafeMutableBufferPointer<Double>
    ) -> Bool {
        false
    }

    /// f(t, x) on raw pointers of length `dimension`: the form the steppers use.
    @inlinable @inline(__always)
    func evaluate(_ t: Double, _ x: UnsafeMutablePointer<Double>, into dx: UnsafeMutablePointer<Double>, count n: Int) {
        derivatives(t: t, state: UnsafeBufferPointer(start: x, count: n),
                    into: UnsafeMutableBufferPointer(start: dx, count: n))
    }
}
