#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// True when |a − b| ≤ atol + rtol·max(|a|, |b|).
public func isClose(_ a: Double, _ b: Double, rtol: Double = 1e-10, atol: Double = 0) -> Bool {
    abs(a - b) <= atol + rtol * max(abs(a), abs(b))
}

/// Relative difference |a − b| / max(|a|, |b|) (0 when both are 0).
public func relativeError(_ a: Double, _ b: Double) -> Double {
    let m = max(abs(a), abs(b))
    return m == 0 ? 0 : abs(a - b) / m
}

/// Independent closed-form references for linear PK models (Gibaldi & Perrier, *Pharmacokinetics*,
/// 2nd ed.), written without any code under test.
public enum ClosedForm {
    /// One compartment, IV bolus: C = D/V·e^{−kt}.
    public static func bolus1(doseMg d: Double, vL v: Double, k: Double, t: Double) -> Double {
        t < 0 ? 0 : d / v * exp(-k * t)
    }

    /// One compartment, first-order absorption (Bateman), stable for ka ≈ k:
    /// C = F·D·ka/V · e^{−kt}·(1 − e^{−(ka−k)t})/(ka − k), with the last factor → t when ka = k.
    public static func oral1(doseMg d: Double, f: Double = 1, vL v: Double, ka: Double, k: Double, t: Double) -> Double {
        guard t > 0 else { return 0 }
        let delta = ka - k
        let x = delta * t
        let factor = x == 0 ? t : -expm1(-x) / delta
        return f * d * ka / v * exp(-k * t) * factor
    }

    /// One compartment, zero-order infusion at rate R for T hours.
    public static func infusion1(rateMgPerH r: Double, durationH tInf: Double, vL v: Double, k: Double, t: Double) -> Double {
        if t <= 0 { return 0 }
        if t <= tInf { return r / (k * v) * (1 - exp(-k * t)) }
        return r / (k * v) * (1 - exp(-k * tInf)) * exp(-k * (t - tInf))
    }

    /// Two compartments, IV bolus, from macro constants α, β.
    public static func bolus2(doseMg d: Double, v1L v: Double, k10: Double, k12: Double, k21: Double, t: Double) -> Double {
        let s = k10 + k12 + k21
        let disc = (s * s - 4 * k10 * k21).squareRoot()
        let alpha = (s + disc) / 2, beta = (s - disc) / 2
        let a = d / v * (alpha - k21) / (alpha - beta)
        let b = d / v * (k21 - beta) / (alpha - beta)
        return a * exp(-alpha * t) + b * exp(-beta * t)
    }
}
