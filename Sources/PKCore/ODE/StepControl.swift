#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// PI step-size controller (K. Gustafsson, ACM TOMS 17, 1991; HNW II §IV.2, PI control):
///
///     h_new = h · clamp(safety · err^(−0.7/k) · errOld^(0.4/k), minFactor, maxFactor),
///
/// k = q + 1 with q the order of the embedded (error-estimating) solution: k = 5 for DOPRI5, 4 for
/// Rodas4. After a rejection the plain I-controller err^(−1/k) shrinks the step, and the next
/// accepted step may not grow (Hairer's dopri5/rodas convention).
@usableFromInline
struct PIStepController {
    @usableFromInline let integralExponent: Double
    @usableFromInline let proportionalExponent: Double
    @usableFromInline let rejectExponent: Double
    @usableFromInline var errOld: Double = 1e-4
    /// log(errOld), kept so an accepted step costs one log and one exp instead of two pow calls.
    @usableFromInline var logErrOld: Double = log(1e-4)
    @usableFromInline var lastRejected = false

    @inlinable static var safety: Double { 0.9 }
    @inlinable static var minFactor: Double { 0.2 }
    @inlinable static var maxFactor: Double { 10 }

    /// `k` = embedded order + 1.
    @inlinable
    init(k: Double) {
        integralExponent = 0.7 / k
        proportionalExponent = 0.4 / k
        rejectExponent = 1 / k
    }

    /// Next step after accepting a step of size h with scaled error `err` ≤ 1.
    @inlinable
    mutating func accepted(err: Double, h: Double) -> Double {
        let logE = log(Swift.max(err, 1e-10))
        // safety · e^(−α) · errOld^β, as one exponential of the logs.
        var fac = PIStepController.safety * exp(-integralExponent * logE + proportionalExponent * logErrOld)
        fac = Swift.min(PIStepController.maxFactor, Swift.max(PIStepController.minFactor, fac))
        if lastRejected { fac = Swift.min(fac, 1) }
        errOld = Swift.max(err, 1e-4)
        logErrOld = err >= 1e-4 ? logE : log(1e-4)
        lastRejected = false
        return h * fac
    }

    /// Next trial step after rejecting a step of size h with scaled error `err` > 1.
    @inlinable
    mutating func rejected(err: Double, h: Double) -> Double {
        let fac = Swift.max(PIStepController.minFactor, PIStepController.safety * pow(err, -rejectExponent))
        lastRejected = true
        return h * Swift.min(fac, 1)
    }

    /// Records a rejection for reasons other than the error test (non-finite stage, singular W).
    @inlinable
    mutating func forcedRejection() { lastRejected = true }
}

/// Starting step size of HNW I §II.4 (dopri5.f `hinit`): balances ‖f₀‖ against ‖y₀‖ and a
/// difference estimate of ‖y″‖ so that the first local error is about the tolerance.
/// Requires `b.k1` = f(t, y); uses `b.stage`/`b.k2` as scratch; makes one RHS call.
@usableFromInline
enum InitialStep {
    @inlinable
    static func estimate<S: ODESystem>(_ system: S, t: Double, order: Double, hMax: Double, _ b: ODEBuffers) -> Double {
        let n = b.n
        var dnf = 0.0, dny = 0.0
        for i in 0..<n {
            let sk = Swift.max(b.atol[i] + b.rtol[i] * Swift.abs(b.y[i]), .leastNormalMagnitude)
            let f = b.k1[i] / sk, y = b.y[i] / sk
            dnf += f * f
            dny += y * y
        }
        var h = (dnf <= 1e-10 || dny <= 1e-10) ? 1e-6 : (dny / dnf).squareRoot() * 0.01
        h = Swift.min(h, hMax)
        for i in 0..<n { b.stage[i] = b.y[i] + h * b.k1[i] }
        system.evaluate(t + h, b.stage, into: b.k2, count: n)
        var der2 = 0.0
        for i in 0..<n {
            let sk = Swift.max(b.atol[i] + b.rtol[i] * Swift.abs(b.y[i]), .leastNormalMagnitude)
            let d = (b.k2[i] - b.k1[i]) / sk
            der2 += d * d
        }
        der2 = der2.squareRoot() / h
        let der12 = Swift.max(Swift.abs(der2), dnf.squareRoot())
        let h1 = der12 <= 1e-15 ? Swift.max(1e-6, h * 1e-3) : pow(0.01 / der12, 1 / order)
        let result = Swift.min(100 * h, h1, hMax)
        return result.isFinite && result > 0 ? result : Swift.min(1e-6, hMax)
    }
}
