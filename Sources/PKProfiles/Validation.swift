import PKCore

/// A published PK figure and how to reproduce it: the regimen, the metric, the published value and
/// the tolerance (relative) with its justification. Stored in `Profiles/validation.json`.
/// `expect` records whether the profile is known to reproduce the figure ("pass") or to miss it
/// ("miss", with the reason): a test checks that the verdict matches, so no profile number can be
/// tuned silently and no miss can disappear unnoticed.
public struct ValidationCase: Sendable, Codable, Equatable {
    public var id: String
    public var profile: String
    public var description: String
    public var route: String
    public var doseMg: Double?
    public var doseMgPerKg: Double?
    public var infusionMin: Double?
    public var weightKg: Double?
    /// "cmax", "tmax" (h), "auc" (0 to `untilH`), "aucinf", "c" (at `atH`).
    public var metric: String
    public var output: String?
    public var atH: Double?
    public var untilH: Double?
    public var published: Double
    public var unit: String
    /// Relative tolerance, e.g. 0.3 for ±30 %.
    public var tolerance: Double
    public var toleranceReason: String
    public var source: String
    public var expect: String
    public var missReason: String?
}

/// The outcome of one validation case.
public struct ValidationResult: Sendable {
    public var validationCase: ValidationCase
    public var predicted: Double
    public var relativeDifference: Double
    public var passed: Bool
    /// True when the verdict is what the case file expects.
    public var asExpected: Bool { passed == (validationCase.expect == "pass") }
}

public enum Validation {
    /// Simulates one case on its profile (typical parameters).
    public static func run(_ c: ValidationCase) throws -> ValidationResult {
        guard let p = ProfileLibrary.named(c.profile) else { throw ProfileError("validation \(c.id): unknown profile '\(c.profile)'") }
        let model = try ProfileModel(p)
        let w = c.weightKg ?? 70
        let cov = model.covariates(weightKg: w)
        let params = model.parameters(covariates: cov)
        guard let route = Route(text: c.route) ?? Route(rawValue: c.route) else { throw ProfileError("validation \(c.id): unknown route '\(c.route)'") }
        let mg = c.doseMg ?? (c.doseMgPerKg.map { $0 * w } ?? 0)
        guard mg > 0 else { throw ProfileError("validation \(c.id): needs doseMg or doseMgPerKg") }
        var regimen = Regimen()
        if route == .ivInfusion {
            guard let m = c.infusionMin, m > 0 else { throw ProfileError("validation \(c.id): an IV infusion needs infusionMin") }
            regimen = regimen.infusion(amountMg: mg, overH: m / 60)
        } else {
            regimen = regimen.dose(amountMg: mg, route: route)
        }
        let compiled = try regimen.compile(on: model.dosing, parameters: params)
        let horizon = Swift.max(48, (c.untilH ?? 0), (c.atH ?? 0))
        let res = try Simulator.simulate(model: compiled.model, records: compiled.records, timesH: try Simulator.grid(endH: horizon, stepH: 0.25))
        guard let o = compiled.model.outputIndex(c.output ?? "CP") else { throw ProfileError("validation \(c.id): profile has no output '\(c.output ?? "CP")'") }
        let predicted: Double
        switch c.metric {
        case "cmax": predicted = CurveAnalysis(trajectory: res.trajectory, output: o).peak().cmax
        case "tmax": predicted = CurveAnalysis(trajectory: res.trajectory, output: o).peak().tmaxH
        case "auc":
            guard let u = c.untilH else { throw ProfileError("validation \(c.id): metric 'auc' needs untilH") }
            predicted = CurveAnalysis(trajectory: res.trajectory, output: o, startH: 0, endH: u).area()
        case "aucinf":
            guard let a = CurveAnalysis(trajectory: res.trajectory, output: o).metrics().aucInfinity else {
                throw ProfileError("validation \(c.id): AUC to infinity not available")
            }
            predicted = a
        case "c":
            guard let t = c.atH else { throw ProfileError("validation \(c.id): metric 'c' needs atH") }
            predicted = res.trajectory.output(o, atH: t)
        default: throw ProfileError("validation \(c.id): unknown metric '\(c.metric)' (cmax, tmax, auc, aucinf, c)")
        }
        let rel = (predicted - c.published) / c.published
        return ValidationResult(validationCase: c, predicted: predicted, relativeDifference: rel, passed: abs(rel) <= c.tolerance)
    }

    /// The built-in validation cases.
    public static func builtinCases() throws -> [ValidationCase] {
        guard let text = EmbeddedProfiles.files["validation.json"] else { return [] }
        do {
            return try StrictJSON.decode([ValidationCase].self, from: text)
        } catch let e as DecodingError {
            throw ProfileError("validation.json: \(JSONErrors.describe(e))")
        } catch let e as StrictJSONError {
            throw ProfileError("validation.json: \(e)")
        }
    }
}

import Foundation
