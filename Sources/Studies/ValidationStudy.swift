import PKCore
import PKProfiles

/// `ketasim validate`: every built-in published figure (PK in `Profiles/validation.json`, effect
/// timing in `Profiles/pd-validation.json`) reproduced with its profile at typical parameters, with
/// the verdicts and the per-route summaries (GMFE on independent figures only).
public enum ValidationStudy {
    /// Everything `validate` reports, as values.
    public struct Result: Sendable {
        /// PK figures in table order.
        public var pk: [ValidationResult]
        /// Effect-site (PD) figures in table order.
        public var pd: [PDValidation.Result]
        /// Per profile and route, on independent PK figures (`Validation.summaries`).
        public var summaries: [RouteEvidence]
        /// Figures whose verdict differs from the one recorded in the data (`expect`).
        public var unexpected: Int { pk.filter { !$0.asExpected }.count + pd.filter { !$0.asExpected }.count }
        /// PK figures within their published tolerance.
        public var withinTolerance: Int { pk.filter(\.passed).count }
    }

    /// Runs the built-in table. Throws `StudyError` (field "validation") when a case cannot be read or run.
    public static func run() throws -> Result {
        do {
            let pk = try Validation.builtinCases().map(Validation.run)
            let pd = try PDValidation.builtinCases().map(PDValidation.run)
            return Result(pk: pk, pd: pd, summaries: Validation.summaries(pk))
        } catch let e as ProfileError {
            throw StudyError("validation", e.message, isUsage: false)
        }
    }
}
