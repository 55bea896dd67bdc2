/// Allocation-free LU factorisation with partial pivoting on a preallocated row-major n × n buffer
/// (Golub & Van Loan, *Matrix Computations*, Alg. 3.4.1; LINPACK dgefa/dgesl pivot convention:
/// `pivots[k]` is the row swapped with row k at elimination step k).
///
/// Used for the Rosenbrock iteration matrix; `Linear/LUDecomposition` allocates per call.
@usableFromInline
enum InPlaceLU {
    /// Factorises `a` in place. Returns false when a pivot is zero or not finite.
    @inlinable
    static func factor(_ a: UnsafeMutablePointer<Double>, n: Int, pivots: UnsafeMutablePointer<Int>) -> Bool {
        for k in 0..<n {
            var p = k
            var best = Swift.abs(a[k * n + k])
            for i in (k + 1)..<n {
                let v = Swift.abs(a[i * n + k])
                if v > best { best = v; p = i }
            }
            pivots[k] = p
            guard best > 0, best.isFinite else { return false }
            if p != k {
                for j in 0..<n {
                    let tmp = a[k * n + j]
                    a[k * n + j] = a[p * n + j]
                    a[p * n + j] = tmp
                }
            }
            let inv = 1 / a[k * n + k]
            for i in (k + 1)..<n {
                let f = a[i * n + k] * inv
                a[i * n + k] = f
                if f != 0 {
                    for j in (k + 1)..<n { a[i * n + j] -= f * a[k * n + j] }
                }
            }
        }
        return true
    }

    /// Solves A x = b in place (`b` becomes x) with factors from `factor`.
    @inlinable
    static func solve(_ a: UnsafeMutablePointer<Double>, n: Int, pivots: UnsafeMutablePointer<Int>,
                      _ b: UnsafeMutablePointer<Double>) {
        for k in 0..<n {
            let p = pivots[k]
            if p != k { let tmp = b[k]; b[k] = b[p]; b[p] = tmp }
        }
        for i in 1..<Swift.max(1, n) {
            var s = b[i]
            for j in 0..<i { s -= a[i * n + j] * b[j] }
            b[i] = s
        }
        var i = n - 1
        while i >= 0 {
            var s = b[i]
            for j in (i + 1)..<n { s -= a[i * n + j] * b[j] }
            b[i] = s / a[i * n + i]
            i -= 1
        }
    }
}
