/// One step of Rodas4 (coefficients in `Rodas4Coefficients`; Hairer & Wanner II §VI.4, rodas.f).
///
/// Per step: one Jacobian (analytic, or n forward-difference RHS calls), ∂f/∂t unless the system
/// is autonomous, one LU of W = I/(γh) − J, and 6 RHS calls — the first, f(t, y), is kept in
/// `b.k1` and reused when a step is rejected, as are J and ∂f/∂t.
@usableFromInline
enum Rosenbrock {
    /// Error-estimator order + 1 used by the step-size controller: the embedded solution is of
    /// order 3, so err = O(h⁴).
    @inlinable static var controllerExponentBase: Double { 4 }

    /// J(t, y) into `b.jac` and, for non-autonomous systems, ∂f/∂t into `b.fx`. Requires
    /// `b.k1` = f(t, y); uses `b.stage` and `b.k2` as scratch. Returns the RHS calls spent.
    /// Finite differences follow rodas.f: δ_j = √(ε · max(10⁻⁵, |y_j|)).
    @inlinable
    static func evaluateJacobian<S: ODESystem>(_ system: S, t: Double, _ b: ODEBuffers) -> Int {
        let n = b.n
        var calls = 0
        let analytic = system.jacobian(t: t, state: UnsafeBufferPointer(start: b.y, count: n),
                                       into: UnsafeMutableBufferPointer(start: b.jac, count: n * n))
        if !analytic {
            for i in 0..<n { b.stage[i] = b.y[i] }
            for j in 0..<n {
                let yj = b.y[j]
                b.stage[j] = yj + (Double.ulpOfOne * Swift.max(1e-5, Swift.abs(yj))).squareRoot()
                let delta = b.stage[j] - yj  // the increment actually represented
                system.evaluate(t, b.stage, into: b.k2, count: n)
                calls += 1
                for i in 0..<n { b.jac[i * n + j] = (b.k2[i] - b.k1[i]) / delta }
                b.stage[j] = yj
            }
        }
        if !system.isAutonomous {
            let given = system.timeDerivative(t: t, state: UnsafeBufferPointer(start: b.y, count: n),
                                              into: UnsafeMutableBufferPointer(start: b.fx, count: n))
            if !given {
                let tDelta = t + (Double.ulpOfOne * Swift.max(1e-5, Swift.abs(t))).squareRoot()
                let delta = tDelta - t
                system.evaluate(tDelta, b.y, into: b.k2, count: n)
                calls += 1
                for i in 0..<n { b.fx[i] = (b.k2[i] - b.k1[i]) / delta }
            }
        }
        return calls
    }

    /// Index of the first row of J (or ∂f/∂t) holding a non-finite entry, or nil.
    @inlinable
    static func firstNonFiniteRow(autonomous: Bool, _ b: ODEBuffers) -> Int? {
        let n = b.n
        for i in 0..<n {
            if !autonomous && !b.fx[i].isFinite { return i }
            for j in 0..<n where !b.jac[i * n + j].isFinite { return i }
        }
        return nil
    }

    /// Forms W = I/(γh) − J in `b.lu` and factorises it. False when W is singular.
    @inlinable
    static func factor(h: Double, _ b: ODEBuffers) -> Bool {
        let n = b.n
        let fac = 1 / (h * Rodas4Coefficients.gamma)
        for idx in 0..<(n * n) { b.lu[idx] = -b.jac[idx] }
        for i in 0..<n { b.lu[i * n + i] += fac }
        return InPlaceLU.factor(b.lu, n: n, pivots: b.pivots)
    }

    /// Advances (t, `b.y`) to `b.y1` over h with the factorised W; `b.k1` = f(t, y) on entry.
    /// Increments U1…U6 are left in k2…k7 (U6 is the error estimate). Returns the scaled RMS
    /// error (accept when ≤ 1). Makes 5 RHS calls.
    @inlinable
    static func step<S: ODESystem>(_ system: S, t: Double, h: Double, autonomous: Bool, _ b: ODEBuffers) -> Double {
        typealias R = Rodas4Coefficients
        let n = b.n
        let y = b.y, s = b.stage, f0 = b.k1, fx = b.fx
        let u1 = b.k2, u2 = b.k3, u3 = b.k4, u4 = b.k5, u5 = b.k6, u6 = b.k7
        let lu = b.lu, piv = b.pivots
        let hInv = 1 / h
        // Stage 1.
        if autonomous {
            for i in 0..<n { u1[i] = f0[i] }
        } else {
            for i in 0..<n { u1[i] = f0[i] + (h * R.d1) * fx[i] }
        }
        InPlaceLU.solve(lu, n: n, pivots: piv, u1)
        // Stage 2.
        for i in 0..<n { s[i] = y[i] + R.a21 * u1[i] }
        system.evaluate(t + R.c2 * h, s, into: u2, count: n)
        for i in 0..<n { u2[i] += hInv * (R.c21 * u1[i]) }
        if !autonomous { for i in 0..<n { u2[i] += (h * R.d2) * fx[i] } }
        InPlaceLU.solve(lu, n: n, pivots: piv, u2)
        // Stage 3.
        for i in 0..<n { s[i] = y[i] + R.a31 * u1[i] + R.a32 * u2[i] }
        system.evaluate(t + R.c3 * h, s, into: u3, count: n)
        for i in 0..<n { u3[i] += hInv * (R.c31 * u1[i] + R.c32 * u2[i]) }
        if !autonomous { for i in 0..<n { u3[i] += (h * R.d3) * fx[i] } }
        InPlaceLU.solve(lu, n: n, pivots: piv, u3)
        // Stage 4.
        for i in 0..<n { s[i] = y[i] + R.a41 * u1[i] + R.a42 * u2[i] + R.a43 * u3[i] }
        system.evaluate(t + R.c4 * h, s, into: u4, count: n)
        for i in 0..<n { u4[i] += hInv * (R.c41 * u1[i] + R.c42 * u2[i] + R.c43 * u3[i]) }
        if !autonomous { for i in 0..<n { u4[i] += (h * R.d4) * fx[i] } }
        InPlaceLU.solve(lu, n: n, pivots: piv, u4)
        // Stage 5 (c5 = 1, d5 = 0).
        let tNew = t + h
        for i in 0..<n { s[i] = y[i] + R.a51 * u1[i] + R.a52 * u2[i] + R.a53 * u3[i] + R.a54 * u4[i] }
        system.evaluate(tNew, s, into: u5, count: n)
        for i in 0..<n { u5[i] += hInv * (R.c51 * u1[i] + R.c52 * u2[i] + R.c53 * u3[i] + R.c54 * u4[i]) }
        InPlaceLU.solve(lu, n: n, pivots: piv, u5)
        // Stage 6 at the embedded solution (c6 = 1, d6 = 0).
        for i in 0..<n { s[i] += u5[i] }
        system.evaluate(tNew, s, into: u6, count: n)
        for i in 0..<n {
            u6[i] += hInv * (R.c61 * u1[i] + R.c62 * u2[i] + R.c63 * u3[i] + R.c64 * u4[i] + R.c65 * u5[i])
        }
        InPlaceLU.solve(lu, n: n, pivots: piv, u6)
        for i in 0..<n { b.y1[i] = s[i] + u6[i] }
        return b.errorNorm(u6)
    }

    /// Fills `b.dense` with (y, y_new, Σ d2j U_j, Σ d3j U_j) for the step just taken.
    @inlinable
    static func prepareDense(_ b: ODEBuffers) {
        typealias R = Rodas4Coefficients
        let n = b.n, d = b.dense
        let u1 = b.k2, u2 = b.k3, u3 = b.k4, u4 = b.k5, u5 = b.k6
        for i in 0..<n {
            d[i] = b.y[i]
            d[n + i] = b.y1[i]
            d[2 * n + i] = R.d21 * u1[i] + R.d22 * u2[i] + R.d23 * u3[i] + R.d24 * u4[i] + R.d25 * u5[i]
            d[3 * n + i] = R.d31 * u1[i] + R.d32 * u2[i] + R.d33 * u3[i] + R.d34 * u4[i] + R.d35 * u5[i]
        }
    }
}
