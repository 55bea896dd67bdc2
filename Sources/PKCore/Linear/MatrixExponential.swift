/// Matrix exponential by scaling and squaring with Padé approximants.
///
/// Method: N. J. Higham, "The scaling and squaring method for the matrix exponential revisited",
/// *SIAM J. Matrix Anal. Appl.* 26(4):1179–1193, 2005 (Algorithm 2.3): the Padé degree m ∈
/// {3, 5, 7, 9, 13} is the smallest whose θ_m bounds ‖A‖₁, else m = 13 with A scaled by 2^−s so that
/// ‖A/2^s‖₁ ≤ θ₁₃, followed by s squarings. Backward error ≤ unit roundoff in exact arithmetic.
///
/// No eigen-decomposition and no closed-form special cases, so repeated eigenvalues (KA = k) and
/// near-coincident ones are handled like any other matrix.
public enum MatrixExponential {
    // θ_m from Higham (2005), Table 2.3 (double precision).
    public static let theta3 = 1.495585217958292e-2
    public static let theta5 = 2.539398330063230e-1
    public static let theta7 = 9.504178996162932e-1
    public static let theta9 = 2.097847961257068e0
    public static let theta13 = 5.371920351148152e0

    // Padé coefficients b_0 … b_m (Higham 2005, eq. 2.2 / Algorithm 2.3).
    public static let b3: [Double] = [120, 60, 12, 1]
    public static let b5: [Double] = [30240, 15120, 3360, 420, 30, 1]
    public static let b7: [Double] = [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1]
    public static let b9: [Double] = [
        17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1,
    ]
    public static let b13: [Double] = [
        64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800,
        129060195264000, 10559470521600, 670442572800, 33522128640, 1323241920,
        40840800, 960960, 16380, 182, 1,
    ]

    /// e^A for a square matrix A. Entries must be finite.
    public static func exp(_ a: Matrix) -> Matrix {
        precondition(a.isSquare, "expm needs a square matrix")
        precondition(a.isFinite, "expm needs finite entries")
        let n = a.rows
        if n == 0 { return a }
        let norm = a.norm1
        if norm == 0 { return .identity(n) }
        let ident = Matrix.identity(n)
        if norm <= theta9 {
            let coefficients: [Double]
            if norm <= theta3 { coefficients = b3 }
            else if norm <= theta5 { coefficients = b5 }
            else if norm <= theta7 { coefficients = b7 }
            else { coefficients = b9 }
            return padeLowDegree(a, coefficients, ident)
        }
        // Degree 13 with scaling.
        let s = Swift.max(0, Int((log2(norm / theta13)).rounded(.up)))
        let scaled = s == 0 ? a : Double(sign: .plus, exponent: -s, significand: 1) * a
        var r = pade13(scaled, ident)
        if s > 0 { for _ in 0..<s { r = r * r } }
        return r
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
        guard let lu = LUDecomposition(v - u) else {
            preconditionFailure("Padé denominator singular: cannot happen for ‖A‖ within θ_m")
        }
        return lu.solve(v + u)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
