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
    /// "fitted" (the figure was used to derive a parameter of this profile, by the profile's authors or in
    /// `Profiles/derivations/`) or "independent" (not used for any parameter): only independent figures
    /// count in the per-route summaries (`Validation.summaries`).
    public var basis: String
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
        let params = model.parameters(covariates: model.covariates(weightKg: w))
        let predicted = try predict(model: model, parameters: params, figure: Figure(c), label: "validation \(c.id)")
        let rel = (predicted - c.published) / c.published
        return ValidationResult(validationCase: c, predicted: predicted, relativeDifference: rel, passed: abs(rel) <= c.tolerance)
    }

    /// What a published figure asks of a simulation: one dose by a route, and a metric of one output.
    public struct Figure: Sendable, Codable, Equatable {
        public var route: String
        public var doseMg: Double?
        public var doseMgPerKg: Double?
        public var infusionMin: Double?
        public var weightKg: Double?
        public var metric: String
        public var output: String?
        public var atH: Double?
        public var untilH: Double?

        public init(route: String, doseMg: Double? = nil, doseMgPerKg: Double? = nil, infusionMin: Double? = nil, weightKg: Double? = nil,
                    metric: String, output: String? = nil, atH: Double? = nil, untilH: Double? = nil) {
            self.route = route; self.doseMg = doseMg; self.doseMgPerKg = doseMgPerKg; self.infusionMin = infusionMin
            self.weightKg = weightKg; self.metric = metric; self.output = output; self.atH = atH; self.untilH = untilH
        }

        public init(_ c: ValidationCase) {
            self.init(route: c.route, doseMg: c.doseMg, doseMgPerKg: c.doseMgPerKg, infusionMin: c.infusionMin, weightKg: c.weightKg,
                      metric: c.metric, output: c.output, atH: c.atH, untilH: c.untilH)
        }
    }

    /// The metric of `figure` on `model` with the given parameter values (model units).
    /// Metrics: `cmax`, `tmax` (h), `auc` (0 to `untilH`), `aucinf`, `c` (at `atH`), `thalf` (terminal half-life, h).
    public static func predict(model: ProfileModel, parameters params: [Double], figure c: Figure, label: String) throws -> Double {
        let w = c.weightKg ?? 70
        guard let route = Route(text: c.route) ?? Route(rawValue: c.route) else { throw ProfileError("\(label): unknown route '\(c.route)'") }
        let mg = c.doseMg ?? (c.doseMgPerKg.map { $0 * w } ?? 0)
        guard mg > 0 else { throw ProfileError("\(label): needs doseMg or doseMgPerKg") }
        var regimen = Regimen()
        if route == .ivInfusion {
            guard let m = c.infusionMin, m > 0 else { throw ProfileError("\(label): an IV infusion needs infusionMin") }
            regimen = regimen.infusion(amountMg: mg, overH: m / 60)
        } else {
            regimen = regimen.dose(amountMg: mg, route: route)
        }
        let compiled = try regimen.compile(on: model.dosing, parameters: params)
        let horizon = Swift.max(48, (c.untilH ?? 0), (c.atH ?? 0))
        let res = try Simulator.simulate(model: compiled.model, records: compiled.records, timesH: try Simulator.grid(endH: horizon, stepH: 0.25))
        guard let o = compiled.model.outputIndex(c.output ?? "CP") else { throw ProfileError("\(label): profile has no output '\(c.output ?? "CP")'") }
        switch c.metric {
        case "cmax": return CurveAnalysis(trajectory: res.trajectory, output: o).peak().cmax
        case "tmax": return CurveAnalysis(trajectory: res.trajectory, output: o).peak().tmaxH
        case "auc":
            guard let u = c.untilH else { throw ProfileError("\(label): metric 'auc' needs untilH") }
            return CurveAnalysis(trajectory: res.trajectory, output: o, startH: 0, endH: u).area()
        case "aucinf":
            guard let a = CurveAnalysis(trajectory: res.trajectory, output: o).metrics().aucInfinity else {
                throw ProfileError("\(label): AUC to infinity not available")
            }
            return a
        case "thalf":
            guard let t = CurveAnalysis(trajectory: res.trajectory, output: o).metrics().terminalHalfLifeH else {
                throw ProfileError("\(label): terminal half-life not available")
            }
            return t
        case "c":
            guard let t = c.atH else { throw ProfileError("\(label): metric 'c' needs atH") }
            return res.trajectory.output(o, atH: t)
        default: throw ProfileError("\(label): unknown metric '\(c.metric)' (cmax, tmax, auc, aucinf, c, thalf)")
        }
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
