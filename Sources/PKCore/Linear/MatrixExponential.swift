/// Matrix exponential by scaling and squaring with Padé approximants.
///
/// Method: N. J. Higham, "The scaling and squaring method for the matrix exponential revisited",
/// *SIAM J. Matrix Anal. Appl.* 26(4):1179–1193, 2005 (Algorithm 2.3): the Padé degree m ∈
/// {3, 5, 7, 9, 13} is the smallest whose θ_m bounds ‖A‖₁, else m = 13 with A scaled by 2^−s so that
/// ‖A/2^s‖₁ ≤ θ₁₃, followed by s squarings. Backward error ≤ unit roundoff in exact arithmetic.
///
/// No eigen-decomposition and no closed-form special cases, so repeated eigenvalues (KA = k) and
/// near-coincident ones are handled like any other matrix.
///
/// Widely separated rates (a depot with KA = 1e12 /h next to an elimination of 0.1 /h): the scaling
/// is set by the fast rate, so the slow states' blocks of e^{A/2^s} sit within rounding of the
/// identity and plain squaring amplifies their rounding 2^s-fold (2e-6 relative at KA = 1e9, 100 h).
/// When A is reducible (flows between groups of states go one way, as depot → central → out, or the
/// zero rows of a Van Loan block matrix), the exponential of every diagonal block (strongly connected
/// component of the flow graph) is recomputed after each squaring from that block alone at that
/// scale: a scalar exp for single states, Padé with the block's own (smaller) scaling otherwise —
/// the block generalisation of A. H. Al-Mohy and N. J. Higham, "A new scaling and squaring
/// algorithm for the matrix exponential", *SIAM J. Matrix Anal. Appl.* 31(3):970–989, 2009, §5
/// (exact diagonal of triangular matrices). Entries that are structurally zero (no path of flows)
/// are kept exactly zero. The off-diagonal blocks then keep their relative accuracy: each squaring
/// multiplies them by accurate diagonal blocks.
///
/// Supported range: finite entries and ‖A‖₁ ≤ `maxNorm1` (1e18; rate constants up to 1e12 /h over
/// steps up to 5e5 h). `checkRange` throws beyond it; `exp` returns a matrix of NaN there, never a
/// wrong finite number. Within a strongly connected group of states (exchange between central and
/// peripheral compartments), widely separated rates are not separated further: the accuracy there is
/// that of plain scaling and squaring.
public enum MatrixExponential {
    /// The largest ‖A‖₁ accepted (see the type's documentation).
    public static let maxNorm1 = 1e18
    /// The largest first-order rate constant a model may have (1/h); models refuse larger ones.
    public static let maxRateConstant = 1e12

    /// A matrix outside the supported range.
    public struct RangeError: Error, Sendable, Equatable, CustomStringConvertible {
        /// ‖K·Δt‖₁ of the rejected matrix (dimensionless); +∞ when an entry is not finite.
        public let norm1: Double
        /// One line: the norm found and the supported limit.
        public var description: String {
            if !norm1.isFinite {
                return "exact solver: the rate matrix × step has a non-finite entry (a rate constant or step is infinite or NaN)"
            }
            return "exact solver: ‖K‖₁·Δt = \(norm1) exceeds the supported \(MatrixExponential.maxNorm1) "
                + "(rate constants up to 1e12 /h over steps up to 5e5 h)"
        }
    }

    /// Throws `RangeError` unless every entry of `a` is finite and ‖a‖₁ ≤ `maxNorm1`.
    public static func checkRange(_ a: Matrix) throws(RangeError) {
        let norm = a.norm1
        guard norm.isFinite, a.isFinite else { throw RangeError(norm1: .infinity) }
        guard norm <= maxNorm1 else { throw RangeError(norm1: norm) }
    }

    // θ_m from Higham (2005), Table 2.3 (double precision).
    /// θ₃: largest ‖A‖₁ for which the [3/3] Padé approximant is used unscaled (Higham 2005, Table 2.3).
    public static let theta3 = 1.495585217958292e-2
    /// θ₅: largest ‖A‖₁ for the [5/5] approximant (Higham 2005, Table 2.3).
    public static let theta5 = 2.539398330063230e-1
    /// θ₇: largest ‖A‖₁ for the [7/7] approximant (Higham 2005, Table 2.3).
    public static let theta7 = 9.504178996162932e-1
    /// θ₉: largest ‖A‖₁ for the [9/9] approximant (Higham 2005, Table 2.3).
    public static let theta9 = 2.097847961257068e0
    /// θ₁₃: largest ‖A/2^s‖₁ for the [13/13] approximant; sets the scaling s (Higham 2005, Table 2.3).
    public static let theta13 = 5.371920351148152e0

    // Padé coefficients b_0 … b_m (Higham 2005, eq. 2.2 / Algorithm 2.3).
    /// Coefficients b₀…b₃ of the [3/3] Padé approximant to e^x (Higham 2005, Algorithm 2.3).
    public static let b3: [Double] = [120, 60, 12, 1]
    /// Coefficients b₀…b₅ of the [5/5] Padé approximant (Higham 2005, Algorithm 2.3).
    public static let b5: [Double] = [30240, 15120, 3360, 420, 30, 1]
    /// Coefficients b₀…b₇ of the [7/7] Padé approximant (Higham 2005, Algorithm 2.3).
    public static let b7: [Double] = [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1]
    /// Coefficients b₀…b₉ of the [9/9] Padé approximant (Higham 2005, Algorithm 2.3).
    public static let b9: [Double] = [
        17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1,
    ]
    /// Coefficients b₀…b₁₃ of the [13/13] Padé approximant (Higham 2005, Algorithm 2.3).
    public static let b13: [Double] = [
        64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800,
        129060195264000, 10559470521600, 670442572800, 33522128640, 1323241920,
        40840800, 960960, 16380, 182, 1,
    ]

    /// e^A for a square matrix A. Outside the supported range (`checkRange`) every entry is NaN.
    public static func exp(_ a: Matrix) -> Matrix {
        precondition(a.isSquare, "expm needs a square matrix")
        let n = a.rows
        if n == 0 { return a }
        let norm = a.norm1
        guard norm.isFinite, norm <= maxNorm1, a.isFinite else { return Matrix(rows: n, cols: n, repeating: .nan) }
        if norm == 0 { return .identity(n) }
        if n <= SmallExponential.maxSize && scalingExponent(norm) <= plainSquaringMaxExponent {
            return SmallExponential.exp(a, norm: norm)
        }
        return general(a, norm: norm)
    }

    /// ‖a‖₁ of the n×n row-major matrix at a, summed as `Matrix.norm1` sums it (column by
    /// column, rows ascending), so the same double.
    static func norm1(_ a: UnsafePointer<Double>, n: Int) -> Double {
        var norm = 0.0
        for j in 0..<n {
            var s = 0.0
            for i in 0..<n { s += abs(a[i &* n &+ j]) }
            norm = Swift.max(norm, s)
        }
        return norm
    }

    /// Bytes of scratch `exp(_:n:into:work:)` needs for an n×n matrix.
    static func workBytes(_ n: Int) -> Int { SmallExponential.workBytes(n) }

    /// `exp` of the n×n row-major matrix at a into out (n×n row-major), every entry the same
    /// double as `exp(Matrix)` gives, without arrays on the small path. work: `workBytes(n)` bytes
    /// aligned for `SIMD8<Double>`.
    static func exp(_ a: UnsafePointer<Double>, n: Int, into out: UnsafeMutablePointer<Double>, work: UnsafeMutableRawPointer) {
        let nn = n * n
        if n == 0 { return }
        let norm = norm1(a, n: n)
        var finite = true
        for i in 0..<nn where !a[i].isFinite { finite = false; break }
        guard norm.isFinite, norm <= maxNorm1, finite else { out.update(repeating: .nan, count: nn); return }
        if norm == 0 {
            out.update(repeating: 0, count: nn)
            for i in 0..<n { out[i &* n &+ i] = 1 }
            return
        }
        if n <= SmallExponential.maxSize && scalingExponent(norm) <= plainSquaringMaxExponent {
            SmallExponential.exp(a, n: n, norm: norm, into: out, work: work)
            return
        }
        var m = Matrix(rows: n, cols: n)
        m.elements.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: a, count: nn) }
        let e = general(m, norm: norm)
        e.elements.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: nn) }
    }

    /// `exp` on `Matrix` values (one array per intermediate): the reference for
    /// `SmallExponential`, which must agree with it bit for bit. `norm` = ‖a‖₁ > 0, finite.
    static func general(_ a: Matrix, norm: Double) -> Matrix {
        let n = a.rows
        let ident = Matrix.identity(n)
        if norm <= theta9 { return padeLowDegree(a, lowDegreeCoefficients(norm), ident) }
        // Degree 13 with scaling.
        let s = scalingExponent(norm)
        if s == 0 { return pade13(a, ident) }
        // Plain squaring amplifies the Padé rounding about 2^s-fold: up to s = 16 (‖A‖₁ ≤ 3.5e5) that
        // stays below 1e-11 relative, so the block recomputation (which doubles the cost of a typical
        // PK transition) is kept for the widely separated rates that need it.
        let blocks = s > plainSquaringMaxExponent ? ReducibleStructure(a) : nil
        var r = pade13(Double(sign: .plus, exponent: -s, significand: 1) * a, ident)
        guard let blocks else {
            for _ in 0..<s { r = r * r }
            return r
        }
        blocks.fix(&r, a, level: s)
        for level in stride(from: s - 1, through: 0, by: -1) {
            r = r * r
            blocks.fix(&r, a, level: level)
        }
        return r
    }

    /// The largest number of squarings done without recomputing diagonal blocks.
    static let plainSquaringMaxExponent = 16

    /// The number of squarings s with ‖A/2^s‖₁ ≤ θ₁₃ (norm finite).
    static func scalingExponent(_ norm: Double) -> Int {
        let e = log2(norm / theta13).rounded(.up)
        return e > 0 ? Int(e) : 0
    }

    static func lowDegreeCoefficients(_ norm: Double) -> [Double] {
        if norm <= theta3 { return b3 }
        if norm <= theta5 { return b5 }
        if norm <= theta7 { return b7 }
        return b9
    }

    /// e^B for ‖B‖₁ ≤ θ₁₃ without scaling.
    static func unscaled(_ b: Matrix) -> Matrix {
        let norm = b.norm1
        let ident = Matrix.identity(b.rows)
        if norm == 0 { return ident }
        if norm <= theta9 { return padeLowDegree(b, lowDegreeCoefficients(norm), ident) }
        return pade13(b, ident)
    }

    static func padeLowDegree(_ a: Matrix, _ b: [Double], _ ident: Matrix) -> Matrix {
        let a2 = a * a
        // U = A · Σ b_{2k+1} A^{2k},  V = Σ b_{2k} A^{2k}
        var power = ident
        var uInner = b[1] * ident
        var v = b[0] * ident
        var k = 2
        while k < b.count {
            power = power * a2
            v = v + b[k] * power
            if k + 1 < b.count { uInner = uInner + b[k + 1] * power }
            k += 2
        }
        let u = a * uInner
        return solvePade(u: u, v: v)
    }

    static func pade13(_ a: Matrix, _ ident: Matrix) -> Matrix {
        let b = b13
        let a2 = a * a, a4 = a2 * a2, a6 = a4 * a2
        let uInner = a6 * (b[13] * a6 + b[11] * a4 + b[9] * a2)
            + b[7] * a6 + b[5] * a4 + b[3] * a2 + b[1] * ident
        let u = a * uInner
        let v = a6 * (b[12] * a6 + b[10] * a4 + b[8] * a2)
            + b[6] * a6 + b[4] * a4 + b[2] * a2 + b[0] * ident
        return solvePade(u: u, v: v)
    }

    /// r_m(A) = (V − U)⁻¹ (V + U).
    static func solvePade(u: Matrix, v: Matrix) -> Matrix {
        // V − U is close to e^{−A/2} for ‖A‖ within θ_m, never singular; NaN rather than a trap.
        guard let lu = LUDecomposition(v - u) else { return Matrix(rows: u.rows, cols: u.cols, repeating: .nan) }
        return lu.solve(v + u)
    }
}

/// `MatrixExponential.exp` for small matrices without block recomputation (n ≤ `maxSize`, at
/// most `plainSquaringMaxExponent` squarings): the same operations in the same order as the
/// `Matrix` code (products skipping zero entries of the left factor, sums left to right, partial
/// pivoting, one right-hand column at a time), so every entry is the same double, on one scratch
/// buffer instead of an array per intermediate. Up to 8×8 (`rows`) each matrix row is one SIMD
/// vector and the size a compile-time constant, so a row operation serves every column at once;
/// larger sizes take `scratchExp`. The lane kernel computes one per subject and step length (on
/// its own buffers: `MatrixExponential.exp(_:n:into:work:)`); the event engine one per distinct step.
enum SmallExponential {
    static let maxSize = 12

    /// e^a for a ≤ 8×8 matrix whose rows are SIMD vectors (`V` of 4 or 8 lanes, n ≤ lane count):
    /// per entry the same operations in the same order as `scratchExp` (so the same doubles),
    /// each row operation on every column at once. a and out n×n row-major; work `workBytes(n)`
    /// bytes aligned for `SIMD8<Double>`. False when the Padé denominator is singular or not
    /// finite (out then untouched).
    static func rows<V: SIMD, N: FixedSize>(_: V.Type, _: N.Type, _ a: UnsafePointer<Double>, _ norm: Double, _ out: UnsafeMutablePointer<Double>,
                                             _ work: UnsafeMutableRawPointer) -> Bool where V.Scalar == Double {
        let n = N.n
        let w = work.bindMemory(to: V.self, capacity: 11 * n)
        let am = w, a2 = w + n, a4 = w + 2 * n, a6 = w + 3 * n, t = w + 4 * n
        let u = w + 5 * n, v = w + 6 * n, lu = w + 7 * n, x = w + 8 * n
        var q = w + 9 * n, pw = w + 10 * n
        /// c = a·b: per entry +0, then aᵢₖ·bₖⱼ added for k ascending where aᵢₖ ≠ 0 (`product`).
        @inline(__always) func mul(_ a: UnsafeMutablePointer<V>, _ b: UnsafeMutablePointer<V>, _ c: UnsafeMutablePointer<V>) {
            for i in 0..<n {
                let ai = a[i]
                var acc = V()
                for k in 0..<n {
                    let f = ai[k]
                    if f != 0 { acc = acc + f * b[k] }
                }
                c[i] = acc
            }
        }
        @inline(__always) func unit(_ i: Int, _ s: Double) -> V { var e = V(); e[i] = s; return e }
        for i in 0..<n {
            var row = V()
            for j in 0..<n { row[j] = a[i &* n &+ j] }
            am[i] = row
        }
        var squarings = 0
        if norm <= MatrixExponential.theta9 {
            let b = MatrixExponential.lowDegreeCoefficients(norm)
            mul(am, am, a2)
            // power = I, uInner (in t) = b₁·I, v = b₀·I; then power·A² and the sums.
            for i in 0..<n { pw[i] = unit(i, 1); t[i] = unit(i, b[1] * 1); v[i] = unit(i, b[0] * 1) }
            var k = 2
            while k < b.count {
                mul(pw, a2, q)
                swap(&pw, &q)
                let bk = b[k]
                for i in 0..<n { v[i] = v[i] + bk * pw[i] }
                if k + 1 < b.count { let b1 = b[k + 1]; for i in 0..<n { t[i] = t[i] + b1 * pw[i] } }
                k += 2
            }
            mul(am, t, u)
        } else {
            let s = MatrixExponential.scalingExponent(norm)
            if s > 0 {
                let f = Double(sign: .plus, exponent: -s, significand: 1)
                for i in 0..<n { am[i] = f * am[i] }
            }
            squarings = s
            let b = MatrixExponential.b13
            mul(am, am, a2)
            mul(a2, a2, a4)
            mul(a4, a2, a6)
            // out = A⁶(c₆A⁶ + c₄A⁴ + c₂A²) + d₆A⁶ + d₄A⁴ + d₂A² + d₀I, summed as `pade13` does.
            @inline(__always) func combine(_ o: UnsafeMutablePointer<V>, _ c6: Double, _ c4: Double, _ c2: Double,
                                           _ d6: Double, _ d4: Double, _ d2: Double, _ d0: Double) {
                for i in 0..<n {
                    var y = c6 * a6[i]
                    y = y + c4 * a4[i]
                    q[i] = y + c2 * a2[i]
                }
                mul(a6, q, o)
                for i in 0..<n {
                    var y = o[i]
                    y = y + d6 * a6[i]
                    y = y + d4 * a4[i]
                    y = y + d2 * a2[i]
                    o[i] = y + d0 * unit(i, 1)
                }
            }
            combine(t, b[13], b[11], b[9], b[7], b[5], b[3], b[1])   // the odd part, before A
            mul(am, t, u)
            combine(v, b[12], b[10], b[8], b[6], b[4], b[2], b[0])   // the even part
        }
        // r = (V − U)⁻¹(V + U): LU of V − U with partial pivoting, as `LUDecomposition`; the
        // right-hand sides V + U solved together, column c in lane c.
        let rhs = a4
        for i in 0..<n { lu[i] = v[i] - u[i]; rhs[i] = v[i] + u[i] }
        // The multipliers of row i in lanes 0..<i of l[i] (`LUDecomposition` keeps them in the
        // lower triangle of lu; here lu's lanes left of the diagonal are not read after their step).
        let l = t
        var piv = SIMD8<Int32>()
        for i in 0..<n { piv[i] = Int32(i); l[i] = V() }
        for k in 0..<n {
            var p = k
            var best = abs(lu[k][k])
            var i = k + 1
            while i < n { let y = abs(lu[i][k]); if y > best { best = y; p = i }; i += 1 }
            if best == 0 || !best.isFinite { return false }
            if p != k {
                let y = lu[k]; lu[k] = lu[p]; lu[p] = y
                let z = l[k]; l[k] = l[p]; l[p] = z
                let e = piv[k]; piv[k] = piv[p]; piv[p] = e
            }
            let pivotRow = lu[k], pivot = pivotRow[k]
            i = k + 1
            while i < n {
                let row = lu[i]
                let f = row[k] / pivot
                if f != 0 { lu[i] = row - f * pivotRow }
                l[i][k] = f
                i += 1
            }
        }
        for i in 0..<n {
            var y = rhs[Int(piv[i])]
            let li = l[i]
            for j in 0..<i { y = y - li[j] * x[j] }
            x[i] = y
        }
        var i = n - 1
        while i >= 0 {
            var y = x[i]
            let ui = lu[i]
            var j = i + 1
            while j < n { y = y - ui[j] * x[j]; j += 1 }
            x[i] = y / ui[i]
            i -= 1
        }
        var r = x, spare = a2
        for _ in 0..<squarings {
            mul(r, r, spare)
            swap(&r, &spare)
        }
        for i in 0..<n {
            let row = r[i]
            for j in 0..<n { out[i &* n &+ j] = row[j] }
        }
        return true
    }

    /// A matrix size known at compile time (`rows` is specialised for each, its loops unrolled).
    protocol FixedSize { static var n: Int { get } }
    enum N1: FixedSize { static var n: Int { 1 } }
    enum N2: FixedSize { static var n: Int { 2 } }
    enum N3: FixedSize { static var n: Int { 3 } }
    enum N4: FixedSize { static var n: Int { 4 } }
    enum N5: FixedSize { static var n: Int { 5 } }
    enum N6: FixedSize { static var n: Int { 6 } }
    enum N7: FixedSize { static var n: Int { 7 } }
    enum N8: FixedSize { static var n: Int { 8 } }

    /// Bytes of scratch `exp(_:n:norm:into:work:)` needs for an n×n matrix.
    static func workBytes(_ n: Int) -> Int { 11 * Swift.max(n, 1) * MemoryLayout<SIMD8<Double>>.stride }

    /// e^a (n×n row-major at a, n ≤ `maxSize`, `norm` = ‖a‖₁ > 0 finite, at most
    /// `plainSquaringMaxExponent` squarings) into out: every entry the same double as `scratchExp`
    /// gives (all NaN when the Padé denominator is singular). work: `workBytes(n)` bytes aligned
    /// for `SIMD8<Double>`.
    static func exp(_ a: UnsafePointer<Double>, n: Int, norm: Double, into out: UnsafeMutablePointer<Double>,
                    work: UnsafeMutableRawPointer) {
        let ok: Bool
        switch n {
        case 1: ok = rows(SIMD4<Double>.self, N1.self, a, norm, out, work)
        case 2: ok = rows(SIMD4<Double>.self, N2.self, a, norm, out, work)
        case 3: ok = rows(SIMD4<Double>.self, N3.self, a, norm, out, work)
        case 4: ok = rows(SIMD4<Double>.self, N4.self, a, norm, out, work)
        case 5: ok = rows(SIMD8<Double>.self, N5.self, a, norm, out, work)
        case 6: ok = rows(SIMD8<Double>.self, N6.self, a, norm, out, work)
        case 7: ok = rows(SIMD8<Double>.self, N7.self, a, norm, out, work)
        case 8: ok = rows(SIMD8<Double>.self, N8.self, a, norm, out, work)
        default:
            var m = Matrix(rows: n, cols: n)
            m.elements.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: a, count: n * n) }
            let e = scratchExp(m, norm: norm)
            e.elements.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: n * n) }
            return
        }
        if !ok { out.update(repeating: .nan, count: n * n) }
    }

    /// e^a as `MatrixExponential.exp` takes it for small matrices (see `exp(_:n:norm:into:work:)`).
    static func exp(_ a: Matrix, norm: Double) -> Matrix {
        let n = a.rows
        var out = Matrix(rows: n, cols: n)
        withUnsafeTemporaryAllocation(byteCount: workBytes(n), alignment: MemoryLayout<SIMD8<Double>>.alignment) { work in
            a.elements.withUnsafeBufferPointer { ap in
                out.elements.withUnsafeMutableBufferPointer { op in
                    exp(ap.baseAddress!, n: n, norm: norm, into: op.baseAddress!, work: work.baseAddress!)
                }
            }
        }
        return out
    }

    /// c = a·b (n×n, row-major; c distinct from a and b).
    @inline(__always)
    static func product(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>, _ n: Int) {
        c.update(repeating: 0, count: n * n)
        for i in 0..<n {
            for k in 0..<n {
                let aik = a[i * n + k]
                if aik == 0 { continue }
                for j in 0..<n { c[i * n + j] += aik * b[k * n + j] }
            }
        }
    }

    /// x += s·y elementwise (the rounded product added, as `x + s * y` on matrices).
    @inline(__always)
    static func addScaled(_ x: UnsafeMutablePointer<Double>, _ s: Double, _ y: UnsafePointer<Double>, _ count: Int) {
        for i in 0..<count { x[i] += s * y[i] }
    }

    /// x += s·I (every entry, as `x + s * I`: an off-diagonal −0 becomes +0 there too).
    @inline(__always)
    static func addScaledIdentity(_ x: UnsafeMutablePointer<Double>, _ s: Double, _ n: Int) {
        for i in 0..<n { for j in 0..<n { x[i * n + j] += s * (i == j ? 1 : 0) } }
    }

    /// The scalar version of `exp` (any n ≤ `maxSize`): one row-major buffer per intermediate.
    static func scratchExp(_ a: Matrix, norm: Double) -> Matrix {
        let n = a.rows, nn = n * n
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 10 * nn + n) { buffer in
            let w = buffer.baseAddress!
            let am = w, a2 = w + nn, a4 = w + 2 * nn, a6 = w + 3 * nn, t = w + 4 * nn
            let u = w + 5 * nn, v = w + 6 * nn, r = w + 7 * nn, q = w + 8 * nn, pw = w + 9 * nn, col = w + 10 * nn
            a.elements.withUnsafeBufferPointer { am.update(from: $0.baseAddress!, count: nn) }
            var squarings = 0
            if norm <= MatrixExponential.theta9 {
                let b = MatrixExponential.lowDegreeCoefficients(norm)
                product(am, am, a2, n)
                // power = I, uInner (in t) = b₁·I, v = b₀·I; then power·A² and the sums.
                pw.update(repeating: 0, count: nn); for i in 0..<n { pw[i * n + i] = 1 }
                t.update(repeating: 0, count: nn); for i in 0..<n { t[i * n + i] = b[1] * 1 }
                v.update(repeating: 0, count: nn); for i in 0..<n { v[i * n + i] = b[0] * 1 }
                var k = 2
                while k < b.count {
                    product(pw, a2, q, n)
                    pw.update(from: q, count: nn)
                    addScaled(v, b[k], pw, nn)
                    if k + 1 < b.count { addScaled(t, b[k + 1], pw, nn) }
                    k += 2
                }
                product(am, t, u, n)
            } else {
                let s = MatrixExponential.scalingExponent(norm)
                if s > 0 {
                    let f = Double(sign: .plus, exponent: -s, significand: 1)
                    for i in 0..<nn { am[i] = f * am[i] }
                }
                squarings = s
                let b = MatrixExponential.b13
                product(am, am, a2, n)
                product(a2, a2, a4, n)
                product(a4, a2, a6, n)
                // out = A⁶(c₆A⁶ + c₄A⁴ + c₂A²) + d₆A⁶ + d₄A⁴ + d₂A² + d₀I, summed as `pade13` does.
                func combine(_ out: UnsafeMutablePointer<Double>, _ c6: Double, _ c4: Double, _ c2: Double,
                             _ d6: Double, _ d4: Double, _ d2: Double, _ d0: Double) {
                    for i in 0..<nn { q[i] = c6 * a6[i] }
                    addScaled(q, c4, a4, nn)
                    addScaled(q, c2, a2, nn)
                    product(a6, q, out, n)
                    addScaled(out, d6, a6, nn)
                    addScaled(out, d4, a4, nn)
                    addScaled(out, d2, a2, nn)
                    addScaledIdentity(out, d0, n)
                }
                combine(t, b[13], b[11], b[9], b[7], b[5], b[3], b[1])   // the odd part, before A
                product(am, t, u, n)
                combine(v, b[12], b[10], b[8], b[6], b[4], b[2], b[0])   // the even part
            }
            // r = (V − U)⁻¹(V + U): LU of V − U (in a2) with partial pivoting, as `LUDecomposition`.
            let lu = a2, rhs = a4
            for i in 0..<nn { lu[i] = v[i] - u[i]; rhs[i] = v[i] + u[i] }
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { pivBuffer in
                let piv = pivBuffer.baseAddress!
                for i in 0..<n { piv[i] = i }
                for k in 0..<n {
                    var p = k
                    var best = abs(lu[k * n + k])
                    for i in (k + 1)..<n where abs(lu[i * n + k]) > best {
                        best = abs(lu[i * n + k]); p = i
                    }
                    if best == 0 || !best.isFinite { return Matrix(rows: n, cols: n, repeating: .nan) }
                    if p != k {
                        for j in 0..<n { let x = lu[k * n + j]; lu[k * n + j] = lu[p * n + j]; lu[p * n + j] = x }
                        let x = piv[k]; piv[k] = piv[p]; piv[p] = x
                    }
                    let pivot = lu[k * n + k]
                    for i in (k + 1)..<n {
                        let f = lu[i * n + k] / pivot
                        lu[i * n + k] = f
                        if f != 0 { for j in (k + 1)..<n { lu[i * n + j] -= f * lu[k * n + j] } }
                    }
                }
                for c in 0..<n {
                    for i in 0..<n { col[i] = rhs[piv[i] * n + c] }
                    for i in 0..<n { for j in 0..<i { col[i] -= lu[i * n + j] * col[j] } }
                    for i in stride(from: n - 1, through: 0, by: -1) {
                        for j in (i + 1)..<n { col[i] -= lu[i * n + j] * col[j] }
                        col[i] /= lu[i * n + i]
                    }
                    for i in 0..<n { r[i * n + c] = col[i] }
                }
                for _ in 0..<squarings {
                    product(r, r, q, n)
                    r.update(from: q, count: nn)
                }
                var out = Matrix(rows: n, cols: n)
                out.elements.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: r, count: nn) }
                return out
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
