/// One step of the Dormand–Prince 5(4) pair with local extrapolation (the 5th-order solution is
/// propagated, the 4th-order embedded one estimates the error), FSAL, and dense output.
/// Coefficients: `DormandPrince54Coefficients` (Dormand & Prince 1980; HNW I §II.5–II.6).
@usableFromInline
enum DormandPrince54 {
    /// Error-estimator order + 1 used by the step-size controller: err = O(h⁵).
    @inlinable static var controllerExponentBase: Double { 5 }

    /// Advances from (t, `b.y`) with `b.k1` = f(t, y) to `b.y1` over h, using 6 RHS evaluations;
    /// on return `b.k7` = f(t + h, y1) (FSAL) and `b.stage` holds the stage-6 argument.
    /// Returns the scaled RMS error estimate (accept when ≤ 1).
    @inlinable
    static func step<S: ODESystem>(_ system: S, t: Double, h: Double, _ b: ODEBuffers) -> Double {
        typealias C = DormandPrince54Coefficients
        let n = b.n
        let y = b.y, y1 = b.y1, s = b.stage
        let k1 = b.k1, k2 = b.k2, k3 = b.k3, k4 = b.k4, k5 = b.k5, k6 = b.k6, k7 = b.k7
        for i in 0..<n { s[i] = y[i] + h * (C.a21 * k1[i]) }
        system.evaluate(t + C.c2 * h, s, into: k2, count: n)
        for i in 0..<n { s[i] = y[i] + h * (C.a31 * k1[i] + C.a32 * k2[i]) }
        system.evaluate(t + C.c3 * h, s, into: k3, count: n)
        for i in 0..<n { s[i] = y[i] + h * (C.a41 * k1[i] + C.a42 * k2[i] + C.a43 * k3[i]) }
        system.evaluate(t + C.c4 * h, s, into: k4, count: n)
        for i in 0..<n {
            s[i] = y[i] + h * (C.a51 * k1[i] + C.a52 * k2[i] + C.a53 * k3[i] + C.a54 * k4[i])
        }
        system.evaluate(t + C.c5 * h, s, into: k5, count: n)
        for i in 0..<n {
            s[i] = y[i] + h * (C.a61 * k1[i] + C.a62 * k2[i] + C.a63 * k3[i] + C.a64 * k4[i] + C.a65 * k5[i])
        }
        let tNew = t + h
        system.evaluate(tNew, s, into: k6, count: n)
        for i in 0..<n {
            y1[i] = y[i] + h * (C.b1 * k1[i] + C.b3 * k3[i] + C.b4 * k4[i] + C.b5 * k5[i] + C.b6 * k6[i])
        }
        system.evaluate(tNew, y1, into: k7, count: n)
        var sum = 0.0
        for i in 0..<n {
            let e = h * (C.e1 * k1[i] + C.e3 * k3[i] + C.e4 * k4[i] + C.e5 * k5[i] + C.e6 * k6[i] + C.e7 * k7[i])
            let sc = b.atol[i] + b.rtol[i] * Swift.max(Swift.abs(y[i]), Swift.abs(y1[i]))
            let r = e / Swift.max(sc, .leastNormalMagnitude)
            sum += r * r
        }
        return (sum / Double(n)).squareRoot()
    }

    /// Fills `b.dense` with the five coefficient vectors of the continuous extension of the step
    /// just taken (dopri5.f: rcont1…rcont5). Call before `y`/`k1` are overwritten.
    @inlinable
    static func prepareDense(h: Double, _ b: ODEBuffers) {
        typealias C = DormandPrince54Coefficients
        let n = b.n, d = b.dense
        for i in 0..<n {
            let ydiff = b.y1[i] - b.y[i]
            let bspl = h * b.k1[i] - ydiff
            d[i] = b.y[i]
            d[n + i] = ydiff
            d[2 * n + i] = bspl
            d[3 * n + i] = ydiff - h * b.k7[i] - bspl
            d[4 * n + i] = h * (C.d1 * b.k1[i] + C.d3 * b.k3[i] + C.d4 * b.k4[i] + C.d5 * b.k5[i]
                                + C.d6 * b.k6[i] + C.d7 * b.k7[i])
        }
    }

    /// h·ρ, with ρ ≈ ‖k7 − k6‖ / ‖y1 − y_stage6‖ an estimate of the dominant eigenvalue modulus
    /// along the step (both stages are at t + h). Hairer's stiffness test (HNW II §IV.2; dopri5.f).
    /// Returns 0 when the denominator vanishes.
    @inlinable
    static func stiffnessProduct(h: Double, _ b: ODEBuffers) -> Double {
        var num = 0.0, den = 0.0
        for i in 0..<b.n {
            let dk = b.k7[i] - b.k6[i], dy = b.y1[i] - b.stage[i]
            num += dk * dk
            den += dy * dy
        }
        return den > 0 ? Swift.abs(h) * (num / den).squareRoot() : 0
    }
}
