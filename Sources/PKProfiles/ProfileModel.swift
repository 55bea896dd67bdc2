#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PKCore

/// An error in a profile: the message names the profile, the field and the value.
public struct ProfileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A profile compiled for simulation: units converted to h, L, mg; covariate effects and
/// random effects resolved to indices; the dosing model built once.
public struct ProfileModel: Sendable {
    public let profile: Profile
    /// The dosing model at the typical covariate values.
    public let dosing: DosingModel
    public let covariateNames: [String]
    /// Eta names in order, and the parameter each acts on.
    public let etaNames: [String]
    /// Ω: eta variance–covariance (row-major, etaNames × etaNames).
    public let omega: Matrix

    struct Conversion: Sendable { var factor: Double; var perKg: Bool }
    let conversions: [Conversion]
    let effects: [(parameter: Int, covariate: Int, effect: Effect)]
    let etaTargets: [(parameter: Int, transform: EtaTransform)]
    let weightIndex: Int?
    /// The published parameter values and the covariates' reference values, once.
    let published: [Double], references: [Double]

    /// A covariate effect resolved from its JSON kind (checked at load).
    enum Effect: Sendable {
        case power(exponent: Double), linear(slope: Double), linearAbove(slope: Double, threshold: Double), factor(level: Double, factor: Double)

        init(_ e: Profile.CovariateEffect) {
            switch e.kind {
            case "power": self = .power(exponent: e.exponent!)
            case "linear": self = .linear(slope: e.slope!)
            case "linearAbove": self = .linearAbove(slope: e.slope!, threshold: e.threshold!)
            default: self = .factor(level: e.level!, factor: e.factor!)
            }
        }
    }

    /// How an eta acts on its parameter (checked at load).
    enum EtaTransform: Sendable {
        case exponential, logit, additive
    }

    /// Factor from a published unit to h/L/mg units, and whether the value is per kg of body weight.
    static func conversion(_ unit: String) -> Conversion? {
        switch unit.trimmedSpaces {
        case "L", "L/h", "1/h", "h", "fraction", "mg/h", "mg/L", "mg", "", "-", "L/70kg", "L/h/70kg", "1", "ratio": return Conversion(factor: 1, perKg: false)
        case "%": return Conversion(factor: 0.01, perKg: false)
        case "L/min", "1/min", "L/min/70kg": return Conversion(factor: 60, perKg: false)
        case "mL/min": return Conversion(factor: 0.06, perKg: false)
        case "min": return Conversion(factor: 1.0 / 60, perKg: false)
        case "s": return Conversion(factor: 1.0 / 3600, perKg: false)
        case "mL": return Conversion(factor: 0.001, perKg: false)
        case "L/kg", "L/h/kg": return Conversion(factor: 1, perKg: true)
        case "mL/min/kg": return Conversion(factor: 0.06, perKg: true)
        case "L/min/kg": return Conversion(factor: 60, perKg: true)
        default: return nil
        }
    }

    public init(_ p: Profile) throws {
        profile = p
        let at = "profile \(p.name)"
        guard !p.parameters.isEmpty else { throw ProfileError("\(at): parameters: empty") }
        let covs = p.covariates ?? []
        covariateNames = covs.map(\.name)
        weightIndex = covariateNames.firstIndex(of: "WT")
        var conv: [Conversion] = []
        var index: [String: Int] = [:]
        for (i, q) in p.parameters.enumerated() {
            guard index[q.name] == nil else { throw ProfileError("\(at): parameters: duplicate '\(q.name)'") }
            index[q.name] = i
            guard q.value.isFinite else { throw ProfileError("\(at): parameters.\(q.name).value: not finite") }
            guard let c = ProfileModel.conversion(q.unit) else {
                throw ProfileError("\(at): parameters.\(q.name).unit: unknown unit '\(q.unit)'")
            }
            if c.perKg && weightIndex == nil {
                throw ProfileError("\(at): parameters.\(q.name).unit: '\(q.unit)' needs a WT covariate")
            }
            guard !q.source.trimmedSpaces.isEmpty else { throw ProfileError("\(at): parameters.\(q.name).source: empty (every number needs its source)") }
            conv.append(c)
        }
        conversions = conv
        // KE0 is derived from T12KE0 (ln 2 / t½ke0) where a profile gives both: a file that changes
        // one and not the other would run on the stale KE0 (only KE0 enters the model).
        if let t = index["T12KE0"], let k = index["KE0"] {
            let halfLifeH = p.parameters[t].value * conv[t].factor, ke0 = p.parameters[k].value * conv[k].factor
            let expected = log(2) / halfLifeH
            guard abs(ke0 - expected) <= 1e-9 * abs(expected) else {
                throw ProfileError("\(at): parameters.KE0: \(p.parameters[k].value) \(p.parameters[k].unit) is not ln 2 / T12KE0 "
                                   + "(\(p.parameters[t].value) \(p.parameters[t].unit) gives \(expected) 1/h); change both, or give KE0 alone")
            }
        }
        var effs: [(parameter: Int, covariate: Int, effect: Effect)] = []
        for (i, e) in (p.covariateEffects ?? []).enumerated() {
            let f = "\(at): covariateEffects[\(i)]"
            guard let pi = index[e.parameter] else { throw ProfileError("\(f).parameter: unknown parameter '\(e.parameter)'") }
            guard let ci = covariateNames.firstIndex(of: e.covariate) else { throw ProfileError("\(f).covariate: unknown covariate '\(e.covariate)'") }
            switch e.kind {
            case "power": guard e.exponent?.isFinite == true else { throw ProfileError("\(f).exponent: required for kind 'power'") }
            case "linear": guard e.slope?.isFinite == true else { throw ProfileError("\(f).slope: required for kind 'linear'") }
            case "linearAbove":
                guard e.slope?.isFinite == true, e.threshold?.isFinite == true else { throw ProfileError("\(f): 'linearAbove' needs slope and threshold") }
            case "factor":
                guard e.factor?.isFinite == true, e.level?.isFinite == true else { throw ProfileError("\(f): 'factor' needs factor and level") }
            default: throw ProfileError("\(f).kind: unknown kind '\(e.kind)' (power, linear, linearAbove, factor)")
            }
            effs.append((pi, ci, Effect(e)))
        }
        effects = effs
        let res = p.variability ?? []
        etaNames = res.map(\.name)
        var om = Matrix(rows: res.count, cols: res.count)
        var targets: [(Int, EtaTransform)] = []
        for (i, r) in res.enumerated() {
            let f = "\(at): variability.\(r.name)"
            guard let pi = index[r.parameter] else { throw ProfileError("\(f).parameter: unknown parameter '\(r.parameter)'") }
            let transform = r.transform ?? "exponential"
            guard ["exponential", "logit", "additive"].contains(transform) else {
                throw ProfileError("\(f).transform: unknown transform '\(transform)' (exponential, logit, additive)")
            }
            let variance: Double
            if let v = r.variance { variance = v }
            else if let sd = r.sd { variance = sd * sd }
            else if let cv = r.cv {
                guard transform == "exponential" else { throw ProfileError("\(f).cv: CV% only converts for exponential etas; give variance or sd") }
                variance = log(1 + (cv / 100) * (cv / 100))
            } else { throw ProfileError("\(f): give variance, sd or cv") }
            guard variance.isFinite, variance >= 0 else { throw ProfileError("\(f): variance must be ≥ 0 (got \(variance))") }
            om[i, i] = variance
            targets.append((pi, transform == "logit" ? .logit : transform == "additive" ? .additive : .exponential))
        }
        for (k, c) in (p.correlations ?? []).enumerated() {
            let f = "\(at): correlations[\(k)]"
            guard let i = etaNames.firstIndex(of: c.first) else { throw ProfileError("\(f).first: unknown eta '\(c.first)'") }
            guard let j = etaNames.firstIndex(of: c.second), j != i else { throw ProfileError("\(f).second: unknown or same eta '\(c.second)'") }
            let cov: Double
            if let v = c.covariance { cov = v } else if let r = c.correlation { cov = r * (om[i, i] * om[j, j]).squareRoot() }
            else { throw ProfileError("\(f): give covariance or correlation") }
            om[i, j] = cov
            om[j, i] = cov
        }
        omega = om
        etaTargets = targets
        for (n, c) in covs.enumerated() where !(c.reference.isFinite && c.typical.isFinite) {
            throw ProfileError("\(at): covariates[\(n)] \(c.name): reference and typical must be finite")
        }
        var spec = LinearModelSpec(name: p.name, description: p.citation, parameters: [], compartments: p.compartments, flows: p.flows, outputs: p.outputs)
        let typical = covs.map(\.typical)
        published = p.parameters.map(\.value)
        references = covs.map(\.reference)
        let values = ProfileModel.individual(published, conv, effs, targets, typical, nil, weightIndex, references: references)
        spec.parameters = zip(p.parameters, values).map { LinearModelSpec.Parameter(name: $0.name, value: $1, unit: $0.unit) }
        do { dosing = try DosingModel(spec: spec, routes: p.routes) } catch let e as ModelSpecError {
            throw ProfileError("\(at): \(e.message)")
        }
    }

    /// Typical covariate values, in `covariateNames` order.
    public var typicalCovariates: [Double] { (profile.covariates ?? []).map(\.typical) }

    /// Covariates with body weight set (other covariates typical).
    public func covariates(weightKg: Double? = nil, overrides: [String: Double] = [:]) -> [Double] {
        var c = typicalCovariates
        if let w = weightKg, let i = weightIndex { c[i] = w }
        for (k, v) in overrides { if let i = covariateNames.firstIndex(of: k) { c[i] = v } }
        return c
    }

    /// Individual parameters (model units: h, L, mg) for covariates and etas (nil: typical).
    public func parameters(covariates: [Double], etas: [Double]? = nil) -> [Double] {
        precondition(covariates.count == covariateNames.count, "covariate vector has the wrong length")
        return ProfileModel.individual(published, conversions, effects, etaTargets, covariates, etas, weightIndex, references: references)
    }

    static func individual(
        _ published: [Double], _ conv: [Conversion], _ effects: [(parameter: Int, covariate: Int, effect: Effect)],
        _ etaTargets: [(parameter: Int, transform: EtaTransform)], _ cov: [Double], _ etas: [Double]?, _ wt: Int?, references refs: [Double]
    ) -> [Double] {
        var v = published
        for (pi, ci, e) in effects {
            let x = cov[ci]
            switch e {
            case .power(let exponent): v[pi] *= pow(x / refs[ci], exponent)
            case .linear(let slope): v[pi] *= 1 + slope * (x - refs[ci])
            case .linearAbove(let slope, let threshold): v[pi] += slope * Swift.max(0, x - threshold)
            case .factor(let level, let factor): if x == level { v[pi] *= factor }
            }
        }
        for i in v.indices {
            v[i] *= conv[i].factor
            if conv[i].perKg, let wt { v[i] *= cov[wt] }
        }
        if let etas {
            for (k, (pi, t)) in etaTargets.enumerated() {
                let eta = etas[k]
                switch t {
                case .logit:
                    let p = Swift.min(Swift.max(v[pi], 1e-12), 1 - 1e-12)
                    v[pi] = 1 / (1 + exp(-(log(p / (1 - p)) + eta)))
                case .additive: v[pi] += eta
                case .exponential: v[pi] *= exp(eta)
                }
            }
        }
        return v
    }
}
