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
        for n in [1, 2, 3, 4, 5, 6, 8, 12] {
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
}
