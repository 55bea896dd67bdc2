import PKCore
import PKProfiles

/// How a profile's covariate distributions become the draws of a virtual population.
public enum PopulationProfile {
    /// A profile covariate's distribution, checked.
    public static func distribution(_ c: Profile.Covariate, at: String) throws -> CovariateDistribution {
        let f = "\(at): covariates.\(c.name).distribution"
        guard let d = c.distribution else { return .fixed(c.typical) }
        let dist: CovariateDistribution
        switch d.kind.lowercased() {
        case "fixed": dist = .fixed(c.typical)
        case "uniform":
            guard let lo = d.low, let hi = d.high else { throw StudyError("", "\(f): uniform needs low and high", isUsage: false) }
            dist = .uniform(low: lo, high: hi)
        case "normal":
            guard let sd = d.sd else { throw StudyError("", "\(f): normal needs sd", isUsage: false) }
            dist = .normal(mean: d.mean ?? c.typical, sd: sd, low: d.low, high: d.high)
        case "lognormal":
            guard let m = d.mean, let sd = d.sd else { throw StudyError("", "\(f): lognormal needs mean and sd (of the log)", isUsage: false) }
            dist = .lognormal(mu: m, sigma: sd, low: d.low, high: d.high)
        case "bernoulli":
            guard let pr = d.p else { throw StudyError("", "\(f): bernoulli needs p", isUsage: false) }
            dist = .bernoulli(p: pr)
        default: throw StudyError("", "\(f).kind: unknown kind '\(d.kind)' (uniform, normal, lognormal, bernoulli, fixed)", isUsage: false)
        }
        do { try dist.validate() } catch let e as SimulationError { throw StudyError("", "\(f): \(e.message)", isUsage: false) }
        return dist
    }
}
