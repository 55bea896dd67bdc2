/// Coefficients of an explicit embedded Runge–Kutta pair with a continuous extension, as data.
///
/// Steppers use unrolled literal constants for speed; this value type exposes the same numbers as
/// arrays so tests can check the order conditions (the scipy `test_rk.py` practice).
public struct ButcherTableau: Sendable {
    /// Nodes c_i (fractions of the step h).
    public let c: [Double]
    /// Strictly lower-triangular stage matrix, `a[i][j]` for j < i.
    public let a: [[Double]]
    /// Weights of the propagated solution.
    public let b: [Double]
    /// Weights of the embedded solution (error estimate = h Σ (b_i − bHat_i) k_i).
    public let bHat: [Double]
    /// Order of the propagated solution and of the embedded one.
    public let order: Int, embeddedOrder: Int
    /// Continuous-extension weights b_i(θ) for 0 ≤ θ ≤ 1, so that
    /// y(t + θh) ≈ y + h Σ b_i(θ) k_i.
    public let denseWeights: @Sendable (Double) -> [Double]

    /// A tableau from its nodes `c`, matrix `a`, weights `b` and embedded weights `bHat` (Butcher
    /// 2016), the two orders, and the dense-output weights b_i(θ).
    public init(c: [Double], a: [[Double]], b: [Double], bHat: [Double], order: Int, embeddedOrder: Int,
                denseWeights: @escaping @Sendable (Double) -> [Double]) {
        self.c = c
        self.a = a
        self.b = b
        self.bHat = bHat
        self.order = order
        self.embeddedOrder = embeddedOrder
        self.denseWeights = denseWeights
    }

    /// Number of stages s.
    public var stages: Int { c.count }
}
