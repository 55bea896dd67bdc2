#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A covariate's population distribution, sampled by inversion from one uniform number, so each
/// covariate uses exactly one draw of the counter stream.
public enum CovariateDistribution: Sendable, Equatable {
    /// The same value for every subject.
    case fixed(Double)
    /// Uniform on [low, high].
    case uniform(low: Double, high: Double)
    /// Normal, optionally truncated to [low, high] (by inversion of the truncated CDF, no rejection).
    case normal(mean: Double, sd: Double, low: Double?, high: Double?)
    /// exp of a normal with mean `mu` and SD `sigma` of the log, optionally truncated to [low, high].
    case lognormal(mu: Double, sigma: Double, low: Double?, high: Double?)
    /// 1 with probability p, else 0.
    case bernoulli(p: Double)

    /// Checks the numbers; the message names the field ("sd", "low", …) at fault.
    public func validate() throws {
        func finite(_ x: Double?, _ name: String) throws {
            if let x, !x.isFinite { throw SimulationError("\(name) must be finite (got \(x))") }
        }
        switch self {
        case .fixed(let v): try finite(v, "value")
        case .uniform(let lo, let hi):
            try finite(lo, "low"); try finite(hi, "high")
            guard hi >= lo else { throw SimulationError("uniform needs low ≤ high (got \(lo), \(hi))") }
        case .normal(let m, let s, let lo, let hi), .lognormal(let m, let s, let lo, let hi):
            try finite(m, "mean"); try finite(s, "sd"); try finite(lo, "low"); try finite(hi, "high")
            guard s >= 0 else { throw SimulationError("sd must be ≥ 0 (got \(s))") }
            if case .lognormal = self, let lo, lo <= 0 { throw SimulationError("lognormal low must be > 0 (got \(lo))") }
            if let lo, let hi, hi < lo { throw SimulationError("needs low ≤ high (got \(lo), \(hi))") }
            if s > 0 {
                let (a, b) = window
                guard b - a > 1e-12 else { throw SimulationError("truncation [\(lo ?? -.infinity), \(hi ?? .infinity)] holds no probability") }
            }
        case .bernoulli(let p):
            guard p.isFinite, p >= 0, p <= 1 else { throw SimulationError("bernoulli p must be in [0, 1] (got \(p))") }
        }
    }

    /// CDF bounds of the truncation window on the standard normal scale.
    var window: (Double, Double) {
        switch self {
        case .normal(let m, let s, let lo, let hi):
            return (lo.map { StandardNormal.cdf(($0 - m) / s) } ?? 0, hi.map { StandardNormal.cdf(($0 - m) / s) } ?? 1)
        case .lognormal(let m, let s, let lo, let hi):
            return (lo.map { StandardNormal.cdf((log($0) - m) / s) } ?? 0, hi.map { StandardNormal.cdf((log($0) - m) / s) } ?? 1)
        default: return (0, 1)
        }
    }

    /// The value for the uniform number u in (0, 1).
    public func sample(_ u: Double) -> Double {
        switch self {
        case .fixed(let v): return v
        case .uniform(let lo, let hi): return lo + u * (hi - lo)
        case .bernoulli(let p): return u < p ? 1 : 0
        case .normal(let m, let s, let lo, let hi):
            if s == 0 { return m }
            let (a, b) = window
            let x = m + s * StandardNormal.quantile(a + u * (b - a))
            return Swift.min(Swift.max(x, lo ?? -.infinity), hi ?? .infinity)
        case .lognormal(let m, let s, let lo, let hi):
            if s == 0 { return exp(m) }
            let (a, b) = window
            let x = exp(m + s * StandardNormal.quantile(a + u * (b - a)))
            return Swift.min(Swift.max(x, lo ?? 0), hi ?? .infinity)
        }
    }
}

/// Draws eta vectors η = L·z from Ω = L·Lᵀ. Etas whose row and column of Ω are all zero are fixed
/// at 0 and left out of the factorisation; every other eta must make Ω positive definite.
public struct EtaSampler: Sendable {
    /// Number of etas (the size of Ω), including the fixed ones.
    public let count: Int
    /// Indices of the etas that vary.
    public let active: [Int]
    let factor: Cholesky

    /// Factorises the active block of `omega` (symmetric; variances on the diagonal). Throws
    /// `CholeskyError` with `index` in the numbering of `omega` (`.notSquare` at index 0).
    public init(omega: Matrix) throws {
        guard omega.isSquare else { throw CholeskyError(kind: .notSquare, index: 0, pivot: 0) }
        count = omega.rows
        var act: [Int] = []
        for i in 0..<count where (0..<count).contains(where: { omega[i, $0] != 0 || omega[$0, i] != 0 }) { act.append(i) }
        active = act
        var sub = Matrix(rows: act.count, cols: act.count)
        for (a, i) in act.enumerated() { for (b, j) in act.enumerated() { sub[a, b] = omega[i, j] } }
        do { factor = try Cholesky(sub) } catch let e as CholeskyError {
            throw CholeskyError(kind: e.kind, index: act.isEmpty ? 0 : act[e.index], pivot: e.pivot)
        }
    }

    /// η for the standard normal numbers `z` (one per eta, `count` of them; the fixed etas' z are unused).
    public func etas(_ z: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        let l = factor.lower
        let n = active.count
        for a in 0..<n {
            var s = 0.0
            for b in 0...a { s += l.elements[a * n + b] * z[active[b]] }
            out[active[a]] = s
        }
        return out
    }
}

/// One virtual subject: its 0-based index in the study, label, covariates and etas.
public struct Subject: Sendable, Equatable {
    /// 0-based index in the study (the RNG's subject key).
    public var index: Int
    /// Label: from the id column, else the 1-based index as text.
    public var id: String
    /// Covariate values, in the generator's covariate order (units as the profile defines them).
    public var covariates: [Double]
    /// Etas (random effects), one per Ω row; when drawn, 0 for the etas Ω fixes.
    public var etas: [Double]
    /// A subject with covariates in the profile's covariate order and etas in its eta order.
    public init(index: Int, id: String, covariates: [Double], etas: [Double]) {
        self.index = index
        self.id = id
        self.covariates = covariates
        self.etas = etas
    }
}

/// Where subjects come from: each covariate from a column of values or its distribution; the etas
/// from columns (all of them) or drawn from Ω. Subject i uses the draws keyed by (seed, i, stream,
/// draw): stream 0 draw k for covariate k, stream 1 draw j for eta j, whether or not it is used.
public struct SubjectGenerator: Sendable {
    /// A covariate's values: one per subject from a column, or drawn from a distribution.
    public enum CovariateSource: Sendable { case column([Double]), draw(CovariateDistribution) }
    /// Etas per subject: given columns (one array per eta, indexed by subject), drawn from Ω, or
    /// `count` zeros.
    public enum EtaSource: Sendable { case columns([[Double]]), draw(EtaSampler), none(count: Int) }

    /// The counter-based generator (its seed).
    public let rng: CounterRNG
    /// One source per covariate, in covariate order.
    public let covariates: [CovariateSource]
    /// Where the etas come from.
    public let etas: EtaSource
    /// Subject labels (from an id column), else the 1-based index.
    public let ids: [String]?

    /// Memberwise initializer. Column sources and `ids` must hold at least as many values as
    /// subjects requested from `subject(_:)` (not checked here).
    public init(rng: CounterRNG, covariates: [CovariateSource], etas: EtaSource, ids: [String]? = nil) {
        self.rng = rng
        self.covariates = covariates
        self.etas = etas
        self.ids = ids
    }

    /// Number of etas per subject.
    public var etaCount: Int {
        switch etas {
        case .columns(let c): return c.count
        case .draw(let s): return s.count
        case .none(let n): return n
        }
    }

    /// Subject `i` (0-based): depends only on the seed, the sources and `i`, not on other subjects.
    /// Traps if a column holds fewer than i + 1 values.
    public func subject(_ i: Int) -> Subject {
        let key = UInt64(i)
        var cov = [Double](repeating: 0, count: covariates.count)
        for (k, c) in covariates.enumerated() {
            switch c {
            case .column(let v): cov[k] = v[i]
            case .draw(let d): cov[k] = d.sample(rng.uniform(subject: key, stream: CounterRNG.covariateStream, draw: UInt64(k)))
            }
        }
        var eta: [Double]
        switch etas {
        case .columns(let cols): eta = cols.map { $0[i] }
        case .none(let n): eta = [Double](repeating: 0, count: n)
        case .draw(let s):
            var stream = CounterRNG.Stream(rng, subject: key, stream: CounterRNG.etaStream)
            var z = [Double](repeating: 0, count: s.count)
            for j in 0..<s.count { z[j] = stream.nextNormal() }
            eta = s.etas(z)
        }
        return Subject(index: i, id: ids?[i] ?? String(i + 1), covariates: cov, etas: eta)
    }
}

/// Residual error on a simulated observation: y = f + √(add² + (prop·f)²)·ε (additive, proportional
/// or combined; the combined form has the variance of NONMEM's Y = F + F·EPS(1) + EPS(2) with
/// independent epsilons), then y·exp(σ_exp·ε) for an exponential (log-additive) part. ε ~ N(0, 1)
/// from the subject's residual stream, draw = time index.
public struct ResidualError: Sendable, Equatable, Codable {
    /// Additive SD, in the output's unit (e.g. ng/mL).
    public var additive: Double
    /// Proportional SD as a fraction of the prediction (0.2 = 20 %).
    public var proportional: Double
    /// SD of the log-additive (exponential) part.
    public var exponential: Double
    /// Memberwise initializer; all zero means no residual error.
    public init(additive: Double = 0, proportional: Double = 0, exponential: Double = 0) {
        self.additive = additive
        self.proportional = proportional
        self.exponential = exponential
    }
    /// True when every component is 0 (observations equal predictions).
    public var isZero: Bool { additive == 0 && proportional == 0 && exponential == 0 }

    /// The observation for prediction f and standard normal ε.
    @inlinable
    public func observe(_ f: Double, _ eps: Double) -> Double {
        var y = f
        if additive != 0 || proportional != 0 {
            let p = proportional * f
            y += (additive * additive + p * p).squareRoot() * eps
        }
        if exponential != 0 { y *= exp(exponential * eps) }
        return y
    }
}
