import PKCore

/// A published effect figure (time of peak effect, effect duration, a concentration–effect point)
/// and how to reproduce it with a PD model on a profile: `Profiles/pd-validation.json`. The metric
/// is taken of the effect-site output `CE_S` of the profile augmented by the PD model
/// (`EffectSite.augment`), so "tmax" is the time of peak effect. Like `ValidationCase`, `expect`
/// records the verdict and a test checks it, so nothing is tuned silently.
public struct PDValidationCase: Sendable, Codable, Equatable {
    public var id: String
    public var profile: String
    public var pdModel: String
    public var description: String
    public var route: String
    public var doseMg: Double?
    public var doseMgPerKg: Double?
    public var infusionMin: Double?
    public var weightKg: Double?
    /// "tmax" (h, time of peak effect), "cmax" (ng/mL S-ketamine at the effect site), "c" (at `atH`).
    public var metric: String
    public var atH: Double?
    public var published: Double
    public var unit: String
    public var tolerance: Double
    public var toleranceReason: String
    public var source: String
    public var expect: String
    public var missReason: String?
    /// "independent": the figure was not used to fit the PK profile or the PD model.
    public var basis: String
}

public enum PDValidation {
    /// The outcome of one case: predicted value, relative difference, verdict.
    public struct Result: Sendable {
        public var validationCase: PDValidationCase
        public var predicted: Double
        public var relativeDifference: Double
        public var passed: Bool
        public var asExpected: Bool { passed == (validationCase.expect == "pass") }
    }

    /// Simulates one case (typical parameters at `weightKg`, default 70 kg).
    public static func run(_ c: PDValidationCase) throws -> Result {
        guard let p = ProfileLibrary.named(c.profile) else { throw ProfileError("pd validation \(c.id): unknown profile '\(c.profile)'") }
        guard let pd = PDLibrary.builtin.model(named: c.pdModel) else { throw ProfileError("pd validation \(c.id): unknown PD model '\(c.pdModel)'") }
        let model = try ProfileModel(try EffectSite.augment(p, with: pd))
        let params = model.parameters(covariates: model.covariates(weightKg: c.weightKg ?? 70))
        let figure = Validation.Figure(route: c.route, doseMg: c.doseMg, doseMgPerKg: c.doseMgPerKg, infusionMin: c.infusionMin,
                                       weightKg: c.weightKg, metric: c.metric, output: EffectSite.outputName, atH: c.atH)
        let predicted = try Validation.predict(model: model, parameters: params, figure: figure, label: "pd validation \(c.id)")
        let rel = (predicted - c.published) / c.published
        return Result(validationCase: c, predicted: predicted, relativeDifference: rel, passed: abs(rel) <= c.tolerance)
    }

    /// The built-in cases (`Profiles/pd-validation.json`).
    public static func builtinCases() throws -> [PDValidationCase] {
        guard let text = EmbeddedProfiles.files["pd-validation.json"] else { return [] }
        do {
            return try StrictJSON.decode([PDValidationCase].self, from: text)
        } catch let e as DecodingError {
            throw ProfileError("pd-validation.json: \(JSONErrors.describe(e))")
        } catch let e as StrictJSONError {
            throw ProfileError("pd-validation.json: \(e)")
        }
    }
}
