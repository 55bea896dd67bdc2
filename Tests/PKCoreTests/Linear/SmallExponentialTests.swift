import Testing
@testable import PKCore

/// `SmallExponential` must give every entry bit for bit as the `Matrix`-based reference
/// (`MatrixExponential.general`): same operations in the same order, only without the arrays.
@Suite("Matrix exponential on a scratch buffer (small matrices)")
struct SmallExponentialTests {
    /// A compartmental rate matrix (nonnegative off-diagonal flows, columns summing to ≤ 0) with
    /// some structural zeros, scaled to ‖A‖₁ ≈ `norm`, from a fixed linear congruential stream.
    static func rateMatrix(n: Int, norm: Double, seed: UInt64) -> Matrix {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var a = Matrix(rows: n, cols: n)
        for j in 0..<n {
            var out = 0.0
            for i in 0..<n where i != j {
                let x = next()
                if x < 0.4 { continue }   // no flow
                a[i, j] = x
                out += x
            }
            a[j, j] = -(out + next())     // elimination from j
        }
        let scale = norm / a.norm1
        return scale * a
    }

    @Test("every Padé degree and scaling: equal to the reference, entry by entry",
          arguments: [1e-3, 1e-2, 0.2, 0.9, 2.0, 5.0, 40.0, 3e3, 2e5])
    func sameDigits(norm: Double) {
        for n in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] {
            for seed in 0..<6 as Range<UInt64> {
                let a = Self.rateMatrix(n: n, norm: norm, seed: seed &* 31 &+ UInt64(n))
                let small = SmallExponential.exp(a, norm: a.norm1)
                let reference = MatrixExponential.general(a, norm: a.norm1)
                #expect(small.elements.map(\.bitPattern) == reference.elements.map(\.bitPattern), "n = \(n), seed \(seed)")
            }
        }
    }

    @Test("the public entry point takes the small path only where it applies")
    func dispatch() {
        let a = Self.rateMatrix(n: 5, norm: 1.5, seed: 7)
        #expect(MatrixExponential.exp(a) == MatrixExponential.general(a, norm: a.norm1))
        // Beyond 16 squarings (‖A‖₁ > 3.5e5) the block recomputation of the reference is used.
        let wide = Self.rateMatrix(n: 4, norm: 1e7, seed: 3)
        #expect(MatrixExponential.exp(wide) == MatrixExponential.general(wide, norm: wide.norm1))
    }

    @Test("the pointer entry point gives the Matrix reference's bits for Van Loan block matrices",
          arguments: [1e-3, 0.05, 0.5, 1.5, 4.0, 60.0, 1e6])
    func pointerEntry(dt: Double) {
        // [[K·dt, B·dt, 0], [0, 0, 0], [e_sᵀ·dt, 0, 0]]: zero rows and structural zeros, as the lane kernel builds them.
        for m in 1...6 {
            for seed in 0..<4 as Range<UInt64> {
                let k = Self.rateMatrix(n: m, norm: 2.0, seed: seed &* 17 &+ UInt64(m))
                for q in 0...1 {
                    let n = m + q + 1
                    var aug = Matrix(rows: n, cols: n)
                    for a in 0..<m { for b in 0..<m { aug[a, b] = k[a, b] * dt } }
                    if q == 1 { aug[0, m] = dt }
                    aug[n - 1, m - 1] = dt
                    // The Matrix-based reference (`exp` itself now takes the same SIMD-row path).
                    let norm = aug.norm1
                    let reference = norm <= MatrixExponential.maxNorm1 ? MatrixExponential.general(aug, norm: norm) : MatrixExponential.exp(aug)
                    var out = [Double](repeating: 0, count: n * n)
                    let work = UnsafeMutableRawPointer.allocate(byteCount: MatrixExponential.workBytes(n), alignment: 64)
                    defer { work.deallocate() }
                    aug.elements.withUnsafeBufferPointer { a in
                        out.withUnsafeMutableBufferPointer { MatrixExponential.exp(a.baseAddress!, n: n, into: $0.baseAddress!, work: work) }
                    }
                    #expect(out.map(\.bitPattern) == reference.elements.map(\.bitPattern), "m = \(m), q = \(q), seed \(seed)")
                }
            }
        }
        // The zero matrix and a non-finite entry, as `exp` takes them.
        let work = UnsafeMutableRawPointer.allocate(byteCount: MatrixExponential.workBytes(3), alignment: 64)
        defer { work.deallocate() }
        var out = [Double](repeating: 7, count: 9)
        let zero = [Double](repeating: 0, count: 9)
        zero.withUnsafeBufferPointer { a in out.withUnsafeMutableBufferPointer { MatrixExponential.exp(a.baseAddress!, n: 3, into: $0.baseAddress!, work: work) } }
        #expect(out == Matrix.identity(3).elements)
        var bad = zero
        bad[4] = .infinity
        bad.withUnsafeBufferPointer { a in out.withUnsafeMutableBufferPointer { MatrixExponential.exp(a.baseAddress!, n: 3, into: $0.baseAddress!, work: work) } }
        #expect(out.allSatisfy { $0.isNaN })
    }
}
