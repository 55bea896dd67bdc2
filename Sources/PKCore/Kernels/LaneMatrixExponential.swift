#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Subjects simulated in lock-step, one per SIMD lane. Four lanes by default: on baseline x86-64
/// (SSE2) a 4-wide vector is two registers, and the 4×4 transition stays in registers. With AVX-512
/// (`-Xswiftc -target-cpu -Xswiftc native`), eight lanes fill one register: build with
/// `-Xswiftc -DKETASIM_WIDE_LANES` too (Benchmarks/README.md).
#if KETASIM_WIDE_LANES
/// Eight subjects per SIMD vector (AVX-512 builds with `KETASIM_WIDE_LANES`).
public typealias Lanes = SIMD8<Double>
#else
/// Four subjects per SIMD vector (the default x86-64 and arm64 build).
public typealias Lanes = SIMD4<Double>
#endif

/// The matrix exponential of small matrices for a batch of subjects at once: each entry is a
/// `Lanes` vector, one lane per subject, so every multiply-add serves `Lanes.scalarCount` subjects.
///
/// Same method as `MatrixExponential` (Higham 2005 scaling and squaring with Padé; degree and
/// scaling chosen from the largest 1-norm across lanes, which only makes lanes with smaller norms
/// more accurate). The Padé denominator V − U is solved by Gauss–Jordan elimination without
/// pivoting: for ‖A‖₁ ≤ θ₁₃ it is close to e^{−A/2}, whose diagonal dominates for the
/// compartment matrices used here; the kernel tests compare every lane with the pivoted scalar path.
public enum LaneMatrixExponential {
    /// e^{A} for an m × m matrix of lanes (row-major, `a.count == m*m`). No heap allocation
    /// beyond the result and a few temporaries of m² lanes.
    @inlinable
    public static func exp(_ a: [Lanes], m: Int) -> [Lanes] {
        precondition(a.count == m * m, "matrix size")
        var norm = Lanes(repeating: 0)
        for j in 0..<m {
            var s = Lanes(repeating: 0)
            for i in 0..<m { let e = a[i * m + j]; s += e.replacing(with: -e, where: e .< 0) }
            norm = pointwiseMax(norm, s)
        }
        let maxNorm = norm.max()
        var ident = [Lanes](repeating: .zero, count: m * m)
        for i in 0..<m { ident[i * m + i] = Lanes(repeating: 1) }
        if maxNorm == 0 { return ident }
        // Outside the scalar path's supported range (MatrixExponential.maxNorm1): NaN, never a trap.
        guard maxNorm <= MatrixExponential.maxNorm1 else { return [Lanes](repeating: Lanes(repeating: .nan), count: m * m) }
        if maxNorm <= MatrixExponential.theta9 {
            let b: [Double]
            if maxNorm <= MatrixExponential.theta3 { b = MatrixExponential.b3 }
            else if maxNorm <= MatrixExponential.theta5 { b = MatrixExponential.b5 }
            else if maxNorm <= MatrixExponential.theta7 { b = MatrixExponential.b7 }
            else { b = MatrixExponential.b9 }
            let a2 = mul(a, a, m)
            var power = ident
            var uInner = scale(ident, b[1])
            var v = scale(ident, b[0])
            var k = 2
            while k < b.count {
                power = mul(power, a2, m)
                axpy(&v, power, b[k])
                if k + 1 < b.count { axpy(&uInner, power, b[k + 1]) }
                k += 2
            }
            return solve(u: mul(a, uInner, m), v: v, m)
        }
        let s = Swift.max(0, Int((log2(maxNorm / MatrixExponential.theta13)).rounded(.up)))
        let factor = Double(sign: .plus, exponent: -s, significand: 1)
        let sa = scale(a, factor)
        let b = MatrixExponential.b13
        let a2 = mul(sa, sa, m), a4 = mul(a2, a2, m), a6 = mul(a4, a2, m)
        var t1 = scale(a6, b[13]); axpy(&t1, a4, b[11]); axpy(&t1, a2, b[9])
        var uInner = mul(a6, t1, m); axpy(&uInner, a6, b[7]); axpy(&uInner, a4, b[5]); axpy(&uInner, a2, b[3]); axpy(&uInner, ident, b[1])
        var t2 = scale(a6, b[12]); axpy(&t2, a4, b[10]); axpy(&t2, a2, b[8])
        var v = mul(a6, t2, m); axpy(&v, a6, b[6]); axpy(&v, a4, b[4]); axpy(&v, a2, b[2]); axpy(&v, ident, b[0])
        var r = solve(u: mul(sa, uInner, m), v: v, m)
        for _ in 0..<s { r = mul(r, r, m) }
        return r
    }

    @inlinable static func mul(_ x: [Lanes], _ y: [Lanes], _ m: Int) -> [Lanes] {
        var z = [Lanes](repeating: .zero, count: m * m)
        for i in 0..<m {
            for k in 0..<m {
                let xik = x[i * m + k]
                for j in 0..<m { z[i * m + j] += xik * y[k * m + j] }
            }
        }
        return z
    }

    @inlinable static func scale(_ x: [Lanes], _ c: Double) -> [Lanes] { x.map { $0 * c } }

    @inlinable static func axpy(_ y: inout [Lanes], _ x: [Lanes], _ c: Double) {
        for i in 0..<y.count { y[i] += x[i] * c }
    }

    /// (V − U)⁻¹ (V + U) by Gauss–Jordan without pivoting.
    @inlinable static func solve(u: [Lanes], v: [Lanes], _ m: Int) -> [Lanes] {
        var p = [Lanes](repeating: .zero, count: m * m)   // V − U
        var q = [Lanes](repeating: .zero, count: m * m)   // V + U, becomes the result
        for i in 0..<(m * m) { p[i] = v[i] - u[i]; q[i] = v[i] + u[i] }
        for k in 0..<m {
            let inv = 1 / p[k * m + k]
            for j in 0..<m { p[k * m + j] *= inv; q[k * m + j] *= inv }
            for i in 0..<m where i != k {
                let f = p[i * m + k]
                for j in 0..<m { p[i * m + j] -= f * p[k * m + j]; q[i * m + j] -= f * q[k * m + j] }
            }
        }
        return q
    }
}
