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

/// Two-compartment mammillary model (central volume V1; micro-constants k10, k12, k21 in 1/h) in
/// closed form from its macro constants (Gibaldi & Perrier, *Pharmacokinetics*, 2nd ed., ch. 2):
/// α, β = [s ± √(s² − 4·k10·k21)]/2 with s = k10 + k12 + k21, the roots of
/// λ² − sλ + k10·k21 = 0. A unit bolus gives C(t) = a·e^{−αt} + b·e^{−βt} with
/// a = (α − k21)/(V1(α − β)) and b = (k21 − β)/(V1(α − β)). Written without any code under test.
public struct TwoCompartment: Sendable {
    public let v1L: Double, k10: Double, k12: Double, k21: Double

    public init(v1L: Double, k10: Double, k12: Double, k21: Double) {
        self.v1L = v1L; self.k10 = k10; self.k12 = k12; self.k21 = k21
    }

    /// From clearances and volumes: k10 = CL/V1, k12 = Q/V1, k21 = Q/V2.
    public init(clLPerH cl: Double, v1L: Double, qLPerH q: Double, v2L: Double) {
        self.init(v1L: v1L, k10: cl / v1L, k12: q / v1L, k21: q / v2L)
    }

    /// Clements 1981 (250 µg/kg set, opentiva transcription) for a patient of `weightKg`:
    /// V1 = 1.7522 L/kg, k10 = 0.0109, k12 = 0.0186, k21 = 0.0137 per minute.
    public static func clements(weightKg: Double = 70) -> TwoCompartment {
        TwoCompartment(v1L: 1.7522 * weightKg, k10: 0.0109 * 60, k12: 0.0186 * 60, k21: 0.0137 * 60)
    }

    /// The two disposition rate constants (1/h), fast first.
    public var rates: (alpha: Double, beta: Double) {
        let s = k10 + k12 + k21
        let d = (s * s - 4 * k10 * k21).squareRoot()
        return ((s + d) / 2, (s - d) / 2)
    }

    /// (coefficient per mg in 1/L, rate in 1/h) of the unit-bolus response.
    var terms: [(c: Double, l: Double)] {
        let (a, b) = rates
        return [((a - k21) / (v1L * (a - b)), a), ((k21 - b) / (v1L * (a - b)), b)]
    }

    /// Central concentration (mg/L) at `t` h after a bolus of `doseMg` at 0.
    public func bolus(doseMg d: Double, t: Double) -> Double {
        t < 0 ? 0 : terms.reduce(0) { $0 + d * $1.c * exp(-$1.l * t) }
    }

    /// Central concentration (mg/L) at `t` h during and after a zero-order infusion of `doseMg` over
    /// `durationH` started at 0: Σ R·c/λ·(1 − e^{−λ·min(t, T)})·e^{−λ·max(0, t − T)}, R = D/T.
    public func infusion(doseMg d: Double, durationH tInf: Double, t: Double) -> Double {
        guard t > 0 else { return 0 }
        let r = d / tInf, tau = min(t, tInf)
        return terms.reduce(0) { $0 + r * $1.c / $1.l * -expm1(-$1.l * tau) * exp(-$1.l * max(0, t - tInf)) }
    }

    /// Area (mg·h/L) under `infusion(doseMg:durationH:t:)` from 0 to `t`: during the infusion
    /// ∫₀^τ (1 − e^{−λs}) ds = τ − (1 − e^{−λτ})/λ; after it (1 − e^{−λT})(1 − e^{−λ(t−T)})/λ.
    public func infusionArea(doseMg d: Double, durationH tInf: Double, to t: Double) -> Double {
        guard t > 0 else { return 0 }
        let r = d / tInf, tau = min(t, tInf)
        return terms.reduce(0) { acc, term in
            let (c, l) = term
            var area = tau + expm1(-l * tau) / l
            if t > tInf { area += -expm1(-l * tInf) * -expm1(-l * (t - tInf)) / l }
            return acc + r * c / l * area
        }
    }

    /// Central concentration (mg/L) at `t` h after `doseMg` with bioavailability `f` into a depot
    /// absorbed at `kaPerH` (first order) into the central compartment. By residues of
    /// A(s) = F·D·ka·(s + k21)/((s + ka)(s + α)(s + β)): C(t) = F·D·ka/V1 · Σᵢ (k21 − λᵢ)/Πⱼ≠ᵢ(λⱼ − λᵢ)·e^{−λᵢt}
    /// over λ ∈ {ka, α, β} (ka distinct from α and β). `derivative` gives dC/dt instead.
    public func firstOrder(doseMg d: Double, f: Double = 1, kaPerH ka: Double, t: Double, derivative: Bool = false) -> Double {
        guard t > 0 else { return derivative ? f * d * ka / v1L : 0 }
        let (a, b) = rates
        let lambdas = [ka, a, b]
        var sum = 0.0
        for (i, l) in lambdas.enumerated() {
            var denominator = 1.0
            for (j, m) in lambdas.enumerated() where j != i { denominator *= m - l }
            sum += (k21 - l) / denominator * (derivative ? -l : 1) * exp(-l * t)
        }
        return f * d * ka / v1L * sum
    }

    /// AUC from 0 to ∞ (mg·h/L) of any dose D into the central compartment: D / CL = D / (V1·k10).
    public func areaToInfinity(doseMg d: Double) -> Double { d / (v1L * k10) }
}

/// The time in [lo, hi] where `f` crosses `level`, by bisection to the last bit (f − level must
/// change sign over the interval; it is monotone there in every use).
public func crossing(_ f: (Double) -> Double, level: Double, lo: Double, hi: Double) -> Double {
    var lo = lo, hi = hi
    let rising = f(lo) < level
    for _ in 0..<200 {
        let m = 0.5 * (lo + hi)
        if m == lo || m == hi { break }
        if (f(m) < level) == rising { lo = m } else { hi = m }
    }
    return 0.5 * (lo + hi)
}
