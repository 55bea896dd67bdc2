#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PKCore

/// A published pharmacodynamic (PK-PD) model of one endpoint, stored in `Profiles/pd.json`
/// (schema in `Profiles/README.md`): the effect-site link (ke0), the concentration–effect model
/// (sigmoid Emax or linear), the population and sampling site it was fitted on, and the sources.
///
/// Numbers the sources did not give (γ, Emax, variability are in full texts that were not reached)
/// are `null` in the file with a source saying so: they are never assumed. A model predicts only
/// when its ke0 and its potency (C50 or slope) are known (`isPredictive`).
public struct PDModel: Sendable, Codable, Equatable {
    public var name: String
    /// The endpoint, e.g. "external perception", "drug high".
    public var endpoint: String
    /// The instrument or scale the endpoint was measured on.
    public var scale: String
    /// The concentration driving the effect; "S-ketamine" for every model so far.
    public var analyte: String
    /// Fraction of a racemic concentration that is S-ketamine (0.5), with its source.
    public var racemicSFraction: PDNumber
    /// "sigmoidEmax" (E = Emax·Ce^γ/(C50^γ + Ce^γ)) or "linear" (E = slope·Ce).
    public var model: String
    /// Effect-site equilibration rate constant (1/h).
    public var ke0: PDNumber
    /// Ce at half the maximal effect (ng/mL of S-ketamine); sigmoid Emax models.
    public var c50: PDNumber?
    /// Effect per ng/mL (linear models), in the endpoint's unit per ng/mL.
    public var slope: PDNumber?
    /// Shape parameter γ of the sigmoid Emax model (dimensionless).
    public var gamma: PDNumber
    /// Maximal effect in the scale's unit.
    public var emax: PDNumber
    /// Between-subject variability where published (empty when not reached).
    public var variability: [PDVariability]
    public var variabilityNote: String
    /// The metabolite (S-norketamine) term: what the source says and whether it is modelled.
    public var metaboliteTerm: String
    public var population: String
    /// "arterial", "venous" or "unknown": the plasma the model was fitted to.
    public var sampling: String
    public var samplingSource: String
    public var routesStudied: String
    /// True when the model as a whole is seen only second-hand.
    public var unconfirmed: Bool

    /// True when the model can predict an effect-site concentration and an effect: ke0 and the
    /// potency (C50 for sigmoid Emax, slope for linear) are known.
    public var isPredictive: Bool {
        guard ke0.value != nil else { return false }
        return model == "linear" ? slope?.value != nil : c50?.value != nil
    }

    /// The fraction of a profile's parent concentration that drives this model: 1 for S-ketamine
    /// profiles, `racemicSFraction` for racemic ones.
    public func sFraction(forAnalyte analyte: String) -> Double {
        analyte.lowercased() == "racemic" ? (racemicSFraction.value ?? 0.5) : 1
    }

    /// E/Emax at effect-site concentration `ce` (ng/mL S-ketamine) for a sigmoid Emax model:
    /// Ce^γ/(C50^γ + Ce^γ). nil when γ or C50 is not known, or for linear models.
    public func fractionOfEmax(ceNgPerML ce: Double) -> Double? {
        guard model == "sigmoidEmax", let c50 = c50?.value, let g = gamma.value, ce >= 0 else { return nil }
        if ce == 0 { return 0 }
        // (Ce/C50)^γ / (1 + (Ce/C50)^γ), written to stay finite for large ratios.
        let r = pow(ce / c50, g)
        return r.isInfinite ? 1 : r / (1 + r)
    }

    /// The effect at `ce` in the scale's unit: Emax·E/Emax (sigmoid) or slope·Ce (linear); nil
    /// when a needed number is not known.
    public func effect(ceNgPerML ce: Double) -> Double? {
        if model == "linear" { return slope?.value.map { $0 * ce } }
        guard let f = fractionOfEmax(ceNgPerML: ce), let e = emax.value else { return nil }
        return e * f
    }

    /// The effect-site concentration (ng/mL) at which E/Emax equals `f` (0 < f < 1):
    /// C50·(f/(1−f))^(1/γ). At f = 0.5 this is C50 whatever γ is, so it is known even when γ is not.
    public func concentration(atFractionOfEmax f: Double) -> Double? {
        guard model == "sigmoidEmax", f > 0, f < 1, let c50 = c50?.value else { return nil }
        if f == 0.5 { return c50 }
        guard let g = gamma.value else { return nil }
        return c50 * pow(f / (1 - f), 1 / g)
    }

    /// One line naming the model, its potency and ke0 with their published values.
    public var summary: String {
        var parts = ["\(endpoint) (\(name))"]
        if let c = c50, let v = c.value { parts.append("C50 \(NumberFormat.sig(v, 3)) ng/mL S-ketamine\(c.published.map { " (\($0))" } ?? "")") }
        if let v = ke0.value { parts.append("ke0 \(NumberFormat.sig(v, 3))/h\(ke0.published.map { " (\($0))" } ?? "")") }
        parts.append("gamma " + (gamma.value.map { NumberFormat.sig($0, 3) } ?? "not known"))
        parts.append("\(sampling) plasma")
        return parts.joined(separator: ", ")
    }
}

/// A number of a PD model: its value in the model's unit (or null when the source did not give it),
/// the value as published, and the source that says so.
public struct PDNumber: Sendable, Codable, Equatable {
    public var value: Double?
    public var unit: String?
    /// The value as printed in the source, with its unit and interval.
    public var published: String?
    public var source: String
    /// Our own arithmetic (unit conversion).
    public var calc: Bool?
    public var unconfirmed: Bool?
}

/// Between-subject variability of one PD parameter: ω (SD of the log for exponential etas).
public struct PDVariability: Sendable, Codable, Equatable {
    public var parameter: String
    public var omega: Double
    public var source: String
}

/// A population figure from a label (incidence of dissociation, BP rise by age band): shown next
/// to a session as a population figure, never as an individual prediction.
public struct LabelFigure: Sendable, Codable, Equatable {
    public var drug: String
    /// Route key ("in").
    public var route: String
    public var measure: String
    public var population: String
    /// Percent of patients, as printed (a value or a range); nil for timing statements.
    public var percent: String?
    public var placeboPercent: String?
    public var source: String
}

/// The contents of `Profiles/pd.json`.
public struct PDLibrary: Sendable, Codable, Equatable {
    /// The unit conventions and the molar-mass conversion with its source.
    public var units: String
    public var models: [PDModel]
    public var labelFigures: [LabelFigure]

    /// Decodes and checks a PD file; errors name the file, the model and the field.
    public static func decode(_ text: String, origin: String) throws -> PDLibrary {
        let lib: PDLibrary
        do {
            lib = try StrictJSON.decode(PDLibrary.self, from: text)
        } catch let e as DecodingError {
            throw ProfileError("\(origin): \(JSONErrors.describe(e))")
        } catch let e as StrictJSONError {
            throw ProfileError("\(origin): \(e)")
        } catch {
            throw ProfileError("\(origin): not valid JSON")
        }
        try lib.check(origin: origin)
        return lib
    }

    func check(origin: String) throws {
        var seen = Set<String>()
        for (i, m) in models.enumerated() {
            let at = "\(origin): models[\(i)]"
            guard !m.name.isEmpty, seen.insert(m.name).inserted else { throw ProfileError("\(at).name: empty or duplicate '\(m.name)'") }
            guard m.analyte == "S-ketamine" else { throw ProfileError("\(at).analyte: '\(m.analyte)' (only S-ketamine models)") }
            guard ["sigmoidEmax", "linear"].contains(m.model) else {
                throw ProfileError("\(at).model: unknown model '\(m.model)' (sigmoidEmax, linear)")
            }
            guard ["arterial", "venous", "unknown"].contains(m.sampling) else {
                throw ProfileError("\(at).sampling: '\(m.sampling)' (arterial, venous, unknown)")
            }
            func number(_ n: PDNumber?, _ field: String, unit: String?, positive: Bool = true) throws {
                guard let n else { return }
                guard !n.source.trimmedSpaces.isEmpty else { throw ProfileError("\(at).\(field).source: empty (every number needs its source, a missing one says so)") }
                if let u = unit, n.unit != u { throw ProfileError("\(at).\(field).unit: '\(n.unit ?? "")' (expected \(u))") }
                if let v = n.value, !(v.isFinite && (!positive || v > 0)) {
                    throw ProfileError("\(at).\(field).value: \(v) must be finite\(positive ? " and > 0" : "")")
                }
            }
            try number(m.ke0, "ke0", unit: "1/h")
            try number(m.c50, "c50", unit: "ng/mL")
            try number(m.slope, "slope", unit: m.slope?.unit, positive: false)
            try number(m.gamma, "gamma", unit: nil)
            try number(m.emax, "emax", unit: nil, positive: false)
            try number(m.racemicSFraction, "racemicSFraction", unit: nil)
            if let f = m.racemicSFraction.value, f > 1 { throw ProfileError("\(at).racemicSFraction.value: \(f) must be ≤ 1") }
            if m.model == "sigmoidEmax" && m.c50 == nil { throw ProfileError("\(at).c50: required for a sigmoidEmax model (value null when not known)") }
            if m.model == "linear" && m.slope == nil { throw ProfileError("\(at).slope: required for a linear model (value null when not known)") }
            for (k, v) in m.variability.enumerated() where !(v.omega.isFinite && v.omega >= 0) || v.source.trimmedSpaces.isEmpty {
                throw ProfileError("\(at).variability[\(k)]: omega must be ≥ 0 with a source")
            }
        }
        for (i, f) in labelFigures.enumerated() where f.source.trimmedSpaces.isEmpty {
            throw ProfileError("\(origin): labelFigures[\(i)].source: empty")
        }
    }

    /// The built-in PD models (`Profiles/pd.json`, embedded at build time and checked by a test).
    public static let builtin: PDLibrary = {
        guard let text = EmbeddedProfiles.files["pd.json"] else { return PDLibrary(units: "", models: [], labelFigures: []) }
        return try! decode(text, origin: "pd.json")
    }()

    /// A model by name.
    public func model(named name: String) -> PDModel? { models.first { $0.name == name } }

    /// The models that can predict (ke0 and potency known).
    public var predictive: [PDModel] { models.filter(\.isPredictive) }

    /// Label figures for a drug ("esketamine") and route key.
    public func labelFigures(drug: String, route: String) -> [LabelFigure] {
        labelFigures.filter { $0.drug == drug && $0.route == route }
    }
}
