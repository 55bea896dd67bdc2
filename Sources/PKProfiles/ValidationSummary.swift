import Foundation
import PKCore

/// What the validation table says about one route of one profile: how many independent published
/// figures it was checked against, how many are within their published spread, the geometric mean fold
/// error (GMFE = exp(mean |ln(predicted/published)|)) and the fraction within 2-fold. Fitted figures
/// (used to derive a parameter) are counted separately and never enter the GMFE.
public struct RouteEvidence: Sendable, Equatable, Codable {
    public var profile: String
    /// "iv" (bolus and infusion together), "im", "in", "po", "sl" or "pr".
    public var route: String
    /// Analytes covered by the independent figures ("CP", "CM").
    public var outputs: [String]
    public var independent: Int
    public var withinTolerance: Int
    public var fitted: Int
    public var gmfe: Double?
    public var withinTwoFold: Double?

    /// e.g. "IN: 6 independent figures (parent, norketamine), 4 within tolerance, GMFE 1.32, 83% within 2-fold"
    /// ("S-norketamine" for a built-in S-ketamine profile);
    /// "SL: unvalidated (no independent published figure; 3 fitted)".
    public var text: String {
        let name = Validation.routeLabel(route)
        guard independent > 0, let g = gmfe, let w = withinTwoFold else {
            return "\(name): unvalidated (no independent published figure\(fitted > 0 ? "; \(fitted) fitted" : ""))"
        }
        // The metabolite of an S-ketamine profile is S-norketamine (not the racemic norketamine).
        let esketamine = ProfileLibrary.named(profile)?.analyte.lowercased().hasPrefix("s-") == true
        let metabolite = esketamine ? "S-norketamine" : "norketamine"
        let analytes = outputs.map { $0 == "CP" ? "parent" : $0 == "CM" ? metabolite : $0 }.joined(separator: ", ")
        return "\(name): \(independent) independent figure\(independent == 1 ? "" : "s") (\(analytes)), \(withinTolerance) within tolerance, "
            + "GMFE \(String(format: "%.2f", g)), \(String(format: "%.0f", 100 * w))% within 2-fold"
    }
}

extension Validation {
    /// Route key of a case for the summaries: IV bolus and infusion share the disposition, so they are one row.
    public static func routeGroup(_ route: String) -> String {
        let r = Route(text: route) ?? Route(rawValue: route)
        switch r {
        case .ivBolus?, .ivInfusion?: return "iv"
        case let x?: return x.rawValue
        case nil: return route
        }
    }

    public static func routeLabel(_ group: String) -> String {
        group == "iv" ? "IV" : (Route(rawValue: group)?.displayName ?? group.uppercased())
    }

    static let routeOrder = ["iv", "im", "in", "po", "sl", "pr"]

    /// Per profile and route: independent figures, within tolerance, GMFE and fraction within 2-fold.
    /// Profiles in the order they first appear in `results`, routes in the order IV, IM, IN, PO, SL, PR.
    public static func summaries(_ results: [ValidationResult]) -> [RouteEvidence] {
        var profiles: [String] = []
        for r in results where !profiles.contains(r.validationCase.profile) { profiles.append(r.validationCase.profile) }
        var out: [RouteEvidence] = []
        for p in profiles {
            let mine = results.filter { $0.validationCase.profile == p }
            let groups = Set(mine.map { routeGroup($0.validationCase.route) })
            for g in routeOrder.filter(groups.contains) + groups.subtracting(routeOrder).sorted() {
                let rs = mine.filter { routeGroup($0.validationCase.route) == g }
                let ind = rs.filter { $0.validationCase.basis == "independent" }
                let folds = ind.map { abs(Foundation.log($0.predicted / $0.validationCase.published)) }
                var outputs: [String] = []
                for r in ind where !outputs.contains(r.validationCase.output ?? "CP") { outputs.append(r.validationCase.output ?? "CP") }
                out.append(RouteEvidence(
                    profile: p, route: g, outputs: outputs, independent: ind.count, withinTolerance: ind.filter(\.passed).count,
                    fitted: rs.count - ind.count,
                    gmfe: folds.isEmpty ? nil : Foundation.exp(folds.reduce(0, +) / Double(folds.count)),
                    withinTwoFold: folds.isEmpty ? nil : Double(folds.filter { $0 <= Foundation.log(2) + 1e-12 }.count) / Double(folds.count)))
            }
        }
        return out
    }

    /// The summaries of the built-in validation table (computed once per process).
    public static func builtinSummaries() -> [RouteEvidence] { cachedBuiltinSummaries }

    /// One line on the evidence behind a route of a profile, for the tables of `compare` and `simulate`:
    /// "IN: 4 independent figures ..., GMFE 1.30, ..." or "SL: unvalidated (...)". A profile that is not
    /// built in (a user's file) has no validation table: "unvalidated (not a built-in profile)".
    public static func evidence(profile: String, route: Route) -> String {
        let g = routeGroup(route.rawValue)
        // Only this profile's cases of this route are run (a command shows a few routes of one
        // profile; running the whole table cost ~0.1 s per command), memoized per process.
        // The built-in table's lines are generated into EmbeddedEvidence.swift (a test keeps it
        // current), so a command does not re-run validation cases; the memo is the fallback.
        if let text = EmbeddedEvidence.lines[profile + " " + g] { return text }
        if let e = EvidenceMemo.shared.summary(profile: profile, group: g) { return e.text }
        let builtin = ProfileLibrary.named(profile) != nil
        return "\(routeLabel(g)): unvalidated (\(builtin ? "no published figure in the validation table" : "not a built-in profile"))"
    }

    /// As `evidence(profile:route:)` for a loaded profile: a file that only shares a built-in name (any
    /// number changed) has no validation table of its own.
    public static func evidence(for profile: Profile, route: Route) -> String {
        guard ProfileLibrary.named(profile.name) == profile else {
            return "\(routeLabel(routeGroup(route.rawValue))): unvalidated (not a built-in profile)"
        }
        return evidence(profile: profile.name, route: route)
    }
}

private let cachedBuiltinSummaries: [RouteEvidence] = {
    guard let cases = try? Validation.builtinCases() else { return [] }
    return Validation.summaries(cases.compactMap { try? Validation.run($0) })
}()

/// Route evidence computed on demand, per (profile, route group), once per process.
final class EvidenceMemo: @unchecked Sendable {
    static let shared = EvidenceMemo()
    private let lock = NSLock()
    private var done: [String: RouteEvidence?] = [:]
    private lazy var cases: [ValidationCase] = (try? Validation.builtinCases()) ?? []

    func summary(profile: String, group: String) -> RouteEvidence? {
        lock.lock(); defer { lock.unlock() }
        let key = profile + "\u{0}" + group
        if let e = done[key] { return e }
        let mine = cases.filter { $0.profile == profile && Validation.routeGroup($0.route) == group }
        let e = Validation.summaries(mine.compactMap { try? Validation.run($0) }).first
        done[key] = e
        return e
    }
}
