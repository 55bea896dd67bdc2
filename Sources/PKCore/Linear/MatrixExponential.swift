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

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
