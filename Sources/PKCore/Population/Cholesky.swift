/// Why a matrix has no Cholesky factor: it is not square, not symmetric, not finite, or not
/// positive definite (the pivot of row `index` is ≤ 0). The message names the row.
public struct CholeskyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the matrix.
    public enum Kind: Sendable, Equatable { case notSquare, notSymmetric, notFinite, notPositiveDefinite }
    /// What is wrong.
    public let kind: Kind
    /// The row (0-based) at fault.
    public let index: Int
    /// The pivot value for `.notPositiveDefinite` (the variance left after the earlier rows).
    public let pivot: Double
    /// One line naming the fault and the 1-based row.
    public var description: String {
        switch kind {
        case .notSquare: return "matrix is not square"
        case .notSymmetric: return "matrix is not symmetric (row \(index + 1))"
        case .notFinite: return "matrix has a non-finite entry (row \(index + 1))"
        case .notPositiveDefinite:
            return "matrix is not positive definite (row \(index + 1): pivot \(pivot) after the earlier rows)"
        }
    }
}

/// The Cholesky factor L of a symmetric positive-definite matrix A = L·Lᵀ (lower triangular,
/// row-major), by the Cholesky–Banachiewicz recurrence (Golub & Van Loan, Matrix Computations,
/// 4th ed., Algorithm 4.2.1). Used to draw correlated etas: η = L·z with z standard normal.
public struct Cholesky: Sendable, Equatable {
    /// The lower-triangular factor L (n×n, row-major `elements`; zeros above the diagonal).
    public let lower: Matrix
    /// n, the order of A.
    public var dimension: Int { lower.rows }

    /// Factors `a`. Symmetry is checked to a relative 1e-12; a pivot ≤ 0 (or below 1e-14 of the
    /// largest diagonal entry, i.e. singular to working precision) is not positive definite.
    public init(_ a: Matrix) throws {
        guard a.isSquare else { throw CholeskyError(kind: .notSquare, index: 0, pivot: 0) }
        let n = a.rows
        var scale = 0.0
        for i in 0..<n {
            for j in 0..<n {
                guard a[i, j].isFinite else { throw CholeskyError(kind: .notFinite, index: i, pivot: 0) }
                let tol = 1e-12 * Swift.max(abs(a[i, j]), abs(a[j, i]))
                guard abs(a[i, j] - a[j, i]) <= tol else { throw CholeskyError(kind: .notSymmetric, index: Swift.max(i, j), pivot: 0) }
            }
            scale = Swift.max(scale, abs(a[i, i]))
        }
        var l = Matrix(rows: n, cols: n)
        for i in 0..<n {
            for j in 0...i {
                var s = a[i, j]
                for k in 0..<j { s -= l[i, k] * l[j, k] }
                if i == j {
                    guard s > 1e-14 * scale, s > 0 else { throw CholeskyError(kind: .notPositiveDefinite, index: i, pivot: s) }
                    l[i, i] = s.squareRoot()
                } else {
                    l[i, j] = s / l[j, j]
                }
            }
        }
        lower = l
    }

    /// L·z, written into `out` (z and out of length `dimension`).
    @inlinable
    public func multiply(_ z: [Double], into out: inout [Double]) {
        let n = lower.rows
        for i in 0..<n {
            var s = 0.0
            for k in 0...i { s += lower.elements[i * n + k] * z[k] }
            out[i] = s
        }
    }

    /// L·z as a new array of `z.count` values (z of length `dimension`).
    public func multiply(_ z: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: z.count)
        multiply(z, into: &out)
        return out
    }

    /// Solves A·x = b (forward then back substitution).
    public func solve(_ b: [Double]) -> [Double] {
        let n = lower.rows
        var y = b
        for i in 0..<n {
            var s = y[i]
            for k in 0..<i { s -= lower[i, k] * y[k] }
            y[i] = s / lower[i, i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<n { s -= lower[k, i] * y[k] }
            y[i] = s / lower[i, i]
        }
        return y
    }
}
