import Foundation
import PKCore

/// How a profile's fitted parameters were derived (`Profiles/derivations/<profile>.json`): the published
/// mean figures used, their source and spread, and the fitted values with standard errors. A test re-runs
/// every fit with `LevenbergMarquardt` and compares the result with the numbers in the profile.
public struct Derivation: Sendable, Codable, Equatable {
    public var profile: String
    public var description: String
    public var fits: [Fit]

    /// One least-squares fit: some parameters of the profile, fitted to published figures with every
    /// other parameter at its profile value. Fits run in file order (a later fit may use an earlier result).
    public struct Fit: Sendable, Codable, Equatable {
        public var name: String
        public var note: String
        public var parameters: [FittedParameter]
        public var data: [Datum]
    }

    /// A fitted parameter in model units (h, L, mg; fractions), as the profile states it.
    public struct FittedParameter: Sendable, Codable, Equatable {
        public var name: String
        public var initial: Double
        public var value: Double
        /// Standard error (natural scale, delta method from the log-scale SE).
        public var se: Double
        public var unit: String
    }

    /// A published mean figure: what to simulate, the published value and its spread on the log scale.
    public struct Datum: Sendable, Codable, Equatable {
        public var figure: Validation.Figure
        public var published: Double
        public var unit: String
        /// SD of the log of the figure: ln(geometric SD), or √ln(1 + CV²) from a mean ± SD.
        public var sdLog: Double
        public var spread: String
        public var source: String
    }

    public static func decode(_ text: String) throws -> Derivation {
        do { return try StrictJSON.decode(Derivation.self, from: text) } catch let e as DecodingError {
            throw ProfileError("derivation: \(JSONErrors.describe(e))")
        }
    }

    /// Re-runs one fit on the built-in profile: starts from `initial`, all other parameters typical at 70 kg
    /// (or as in `overrides`, model units: used to chain fits when re-deriving from scratch).
    public func refit(_ fit: Fit, overrides: [String: Double] = [:]) throws -> LeastSquaresFit {
        guard let p = ProfileLibrary.named(profile) else { throw ProfileError("derivation: unknown profile '\(profile)'") }
        let model = try ProfileModel(p)
        var base = model.parameters(covariates: model.covariates(weightKg: 70))
        for (name, v) in overrides {
            guard let i = model.dosing.compiled.parameterIndex(name) else { throw ProfileError("derivation: no parameter \(name) in \(profile)") }
            base[i] = v
        }
        let idx = try fit.parameters.map { q -> Int in
            guard let i = model.dosing.compiled.parameterIndex(q.name) else { throw ProfileError("derivation \(fit.name): no parameter \(q.name) in \(profile)") }
            return i
        }
        for d in fit.data where (d.figure.weightKg ?? 70) != 70 {
            throw ProfileError("derivation \(fit.name): figures are simulated at the 70 kg reference weight (got \(d.figure.weightKg!))")
        }
        let y = fit.data.map { Foundation.log($0.published) }
        let w = fit.data.map { 1 / ($0.sdLog * $0.sdLog) }
        return try LevenbergMarquardt.fit(initial: fit.parameters.map(\.initial), observed: y, weights: w) { values in
            var params = base
            for (i, v) in zip(idx, values) { params[i] = v }
            return try fit.data.map { d in
                let v = try Validation.predict(model: model, parameters: params, figure: d.figure, label: "derivation \(fit.name)")
                return Foundation.log(Swift.max(v, 1e-300))
            }
        }
    }
}
