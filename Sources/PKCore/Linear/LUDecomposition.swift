/// LU factorisation with partial pivoting (Golub & Van Loan, *Matrix Computations*, alg. 3.4.1).
///
/// Used to solve the Padé system in the matrix exponential and the linear systems of exact steady
/// state. Small dense matrices only.
public struct LUDecomposition: Sendable {
    /// L (unit lower, below the diagonal) and U (on and above), packed.
    public private(set) var lu: Matrix
    /// Row permutation: row `i` of the factorised matrix is row `pivots[i]` of the original.
    public private(set) var pivots: [Int]
    /// Reciprocal condition estimate proxy: smallest |U_ii| / largest |U_ii|.
    public private(set) var pivotRatio: Double

    /// Factorises a square matrix; returns nil when a pivot is exactly zero or not finite.
    /// Callers that need a conditioning check read `pivotRatio`.
    public init?(_ a: Matrix) {
        precondition(a.isSquare, "LU needs a square matrix")
        let n = a.rows
        var m = a
        var piv = Array(0..<n)
        var minPivot = Double.infinity, maxPivot = 0.0
        for k in 0..<n {
            var p = k
            var best = abs(m[k, k])
            for i in (k + 1)..<n where abs(m[i, k]) > best {
                best = abs(m[i, k]); p = i
            }
            if best == 0 || !best.isFinite { return nil }
            if p != k {
                for j in 0..<n { let t = m[k, j]; m[k, j] = m[p, j]; m[p, j] = t }
                piv.swapAt(k, p)
            }
            let pivot = m[k, k]
            minPivot = Swift.min(minPivot, abs(pivot)); maxPivot = Swift.max(maxPivot, abs(pivot))
            for i in (k + 1)..<n {
                let f = m[i, k] / pivot
                m[i, k] = f
                if f != 0 { for j in (k + 1)..<n { m[i, j] -= f * m[k, j] } }
            }
        }
        self.lu = m
        self.pivots = piv
        self.pivotRatio = n == 0 ? 1 : minPivot / maxPivot
    }

    /// Solves A x = b.
    public func solve(_ b: [Double]) -> [Double] {
        let n = lu.rows
        precondition(b.count == n, "right-hand side has the wrong length")
        var x = [Double](repeating: 0, count: n)
        for i in 0..<n { x[i] = b[pivots[i]] }
        for i in 0..<n { for j in 0..<i { x[i] -= lu[i, j] * x[j] } }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in (i + 1)..<n { x[i] -= lu[i, j] * x[j] }
            x[i] /= lu[i, i]
        }
        return x
    }

    /// Solves A X = B column by column.
    public func solve(_ b: Matrix) -> Matrix {
        precondition(b.rows == lu.rows, "right-hand side has the wrong number of rows")
        var x = Matrix(rows: b.rows, cols: b.cols)
        var col = [Double](repeating: 0, count: b.rows)
        for j in 0..<b.cols {
            for i in 0..<b.rows { col[i] = b[i, j] }
            let s = solve(col)
            for i in 0..<b.rows { x[i, j] = s[i] }
        }
        return x
    }
}
