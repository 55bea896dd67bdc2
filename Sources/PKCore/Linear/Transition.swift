/// The exact transition of a linear system dA/dt = K·A + r over a step of length Δt with the input
/// rate vector r held constant:
///
///     A(t + Δt) = Φ·A(t) + Γ·r,   Φ = e^{KΔt},   Γ = ∫₀^Δt e^{Ks} ds.
///
/// Both blocks come from one exponential of the augmented matrix [[K, I], [0, 0]]·Δt
/// (C. F. Van Loan, "Computing integrals involving the matrix exponential", *IEEE Trans. Autom.
/// Control* 23(3):395–404, 1978), so zero-order infusions are exact and K need not be invertible.
public struct Transition: Sendable {
    /// Step length (h).
    public let dtH: Double
    /// Φ = e^{KΔt}.
    public let phi: Matrix
    /// Γ = ∫₀^Δt e^{Ks} ds (h).
    public let gamma: Matrix

    /// Throws `MatrixExponential.RangeError` unless K·Δt (and so the Van Loan block matrix, whose
    /// 1-norm is at most ‖K‖₁·Δt + Δt) is in the exact solver's supported range.
    public static func checkRange(rateMatrix k: Matrix, dtH: Double) throws(MatrixExponential.RangeError) {
        guard dtH.isFinite, k.isFinite else { throw MatrixExponential.RangeError(norm1: .infinity) }
        let norm = (k.norm1 + 1) * dtH
        guard norm <= MatrixExponential.maxNorm1 else { throw MatrixExponential.RangeError(norm1: norm) }
    }

    /// Computes Φ and Γ for the rate matrix `k` (per h) over `dtH` hours. Outside the supported
    /// range (`checkRange`) Φ and Γ are NaN.
    public init(rateMatrix k: Matrix, dtH: Double) {
        precondition(k.isSquare, "rate matrix must be square")
        precondition(dtH >= 0 && dtH.isFinite, "step must be finite and non-negative")
        let n = k.rows
        self.dtH = dtH
        if dtH == 0 {
            phi = .identity(n)
            gamma = Matrix(rows: n, cols: n)
            return
        }
        var aug = Matrix(rows: 2 * n, cols: 2 * n)
        for i in 0..<n {
            for j in 0..<n { aug[i, j] = k[i, j] * dtH }
            aug[i, n + i] = dtH
        }
        let e = MatrixExponential.exp(aug)
        phi = e.block(row: 0, col: 0, rowCount: n, colCount: n)
        gamma = e.block(row: 0, col: n, rowCount: n, colCount: n)
    }

    /// Applies the transition to `state` (n amounts, mg) in place: A ← Φ·A + Γ·r, with `rate` the n
    /// input rates (mg/h), or nil when no input is running.
    @inlinable
    public func apply(_ state: inout [Double], rate: [Double]?) {
        let n = state.count
        var out = [Double](repeating: 0, count: n)
        phi.elements.withUnsafeBufferPointer { p in
            for i in 0..<n {
                var s = 0.0
                for j in 0..<n { s += p[i * n + j] * state[j] }
                out[i] = s
            }
        }
        if let rate {
            gamma.elements.withUnsafeBufferPointer { g in
                for i in 0..<n {
                    var s = 0.0
                    for j in 0..<n where rate[j] != 0 { s += g[i * n + j] * rate[j] }
                    out[i] += s
                }
            }
        }
        state = out
    }
}

/// A cache of transitions for one rate matrix, keyed by step length. A uniform output grid needs
/// only one entry; events off the grid add a few more.
public struct TransitionCache: Sendable {
    /// The rate matrix (per h) the cached transitions belong to.
    public let rateMatrix: Matrix
    private var entries: [UInt64: Transition] = [:]

    /// An empty cache for `rateMatrix` (square, 1/h).
    public init(rateMatrix: Matrix) { self.rateMatrix = rateMatrix }

    /// The transition over `dtH` hours, computed once. Throws `MatrixExponential.RangeError` when
    /// ‖K‖₁·Δt is outside the exact solver's supported range.
    public mutating func transition(_ dtH: Double) throws -> Transition {
        let key = dtH.bitPattern
        if let t = entries[key] { return t }
        try Transition.checkRange(rateMatrix: rateMatrix, dtH: dtH)
        let t = Transition(rateMatrix: rateMatrix, dtH: dtH)
        if entries.count > 4096 { entries.removeAll(keepingCapacity: true) }
        entries[key] = t
        return t
    }
}

/// Exact integrals over a step of length Δt with constant input r:
///
///     ∫₀^Δt A(s) ds = Γ·A(0) + Ψ·r,   Γ = ∫₀^Δt e^{Ks} ds,   Ψ = ∫₀^Δt ∫₀^s e^{Ku} du ds,
///
/// from one exponential of the block matrix [[K, I, 0], [0, 0, I], [0, 0, 0]]·Δt (Van Loan 1978).
/// Gives exact areas under the curve without integrator states.
public struct IntegralTransition: Sendable {
    /// Step length (h).
    public let dtH: Double
    /// Φ = e^{KΔt} (dimensionless).
    public let phi: Matrix
    /// Γ = ∫₀^Δt e^{Ks} ds (h): maps the start state to its AUC contribution.
    public let gamma: Matrix
    /// Ψ = ∫₀^Δt ∫₀^s e^{Ku} du ds (h²): maps constant input rates to their AUC contribution.
    public let psi: Matrix

    /// Computes Φ, Γ and Ψ for the square rate matrix `k` (1/h) over `dtH` ≥ 0 hours. Nothing is checked:
    /// outside `MatrixExponential`'s supported range the blocks are NaN.
    public init(rateMatrix k: Matrix, dtH: Double) {
        let n = k.rows
        self.dtH = dtH
        var aug = Matrix(rows: 3 * n, cols: 3 * n)
        for i in 0..<n {
            for j in 0..<n { aug[i, j] = k[i, j] * dtH }
            aug[i, n + i] = dtH
            aug[n + i, 2 * n + i] = dtH
        }
        let e = MatrixExponential.exp(aug)
        phi = e.block(row: 0, col: 0, rowCount: n, colCount: n)
        gamma = e.block(row: 0, col: n, rowCount: n, colCount: n)
        psi = e.block(row: 0, col: 2 * n, rowCount: n, colCount: n)
    }

    /// Row `i` of ∫₀^Δt A(s) ds (mg·h for an amount state) from the start state `a` (n values, mg)
    /// and input rates `r` (n values, mg/h).
    public func integral(row i: Int, state a: ArraySlice<Double>, rate r: ArraySlice<Double>) -> Double {
        let n = gamma.cols
        var s = 0.0
        for j in 0..<n {
            s += gamma[i, j] * a[a.startIndex + j]
            let rj = r[r.startIndex + j]
            if rj != 0 { s += psi[i, j] * rj }
        }
        return s
    }
}
