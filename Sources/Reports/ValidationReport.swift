import Foundation
import PKProfiles
import Studies

/// Renders `ValidationStudy.Result`: the figure table (text or CSV), known misses, the per-route
/// summaries and the references; JSON through `ReferenceList.validationJSON`.
public enum ValidationReport {
    static let header = ["id", "profile", "figure", "predicted", "published", "unit", "diff", "tolerance", "result", "expected", "source"]

    static func row(id: String, profile: String, figure: String, predicted: Double, published: Double, unit: String,
                    relative: Double, tolerance: Double, passed: Bool, asExpected: Bool, source: String) -> [String] {
        [id, profile, figure, NumberFormat.sig(predicted, 4), NumberFormat.g(published), unit,
         String(format: "%+.0f%%", relative * 100), String(format: "±%.0f%%", tolerance * 100),
         passed ? "pass" : "MISS", asExpected ? "yes" : "NO", source]
    }

    static func pkRows(_ r: ValidationStudy.Result) -> [[String]] {
        r.pk.map { x in
            let c = x.validationCase
            return row(id: c.id, profile: c.profile, figure: c.description, predicted: x.predicted, published: c.published, unit: c.unit,
                       relative: x.relativeDifference, tolerance: c.tolerance, passed: x.passed, asExpected: x.asExpected, source: c.source)
        }
    }

    static func pdRows(_ r: ValidationStudy.Result) -> [[String]] {
        r.pd.map { x in
            let c = x.validationCase
            return row(id: c.id, profile: "\(c.profile) + \(c.pdModel)", figure: c.description, predicted: x.predicted, published: c.published,
                       unit: c.unit, relative: x.relativeDifference, tolerance: c.tolerance, passed: x.passed, asExpected: x.asExpected, source: c.source)
        }
    }

    /// Every figure, PK then PD, one CSV row each.
    public static func csv(_ r: ValidationStudy.Result) -> String {
        CSV.table(header: header, rows: pkRows(r) + pdRows(r))
    }

    /// JSON: every result with its case, and the references cited.
    public static func json(_ r: ValidationStudy.Result) throws -> String {
        try ReferenceList.validationJSON(r.pk, effects: r.pd)
    }

    /// The text report at `width` columns, ending with the references it cites.
    public static func text(_ r: ValidationStudy.Result, width: Int) -> String {
        func table(_ rows: [[String]]) -> String { TextTable.fit(header, rows, width: width, left: Set(0..<header.count)) }
        var s = "ketasim \(Product.version) validate: \(Product.disclaimer)\n\n" + table(pkRows(r))
        let misses = r.pk.map(\.validationCase).filter { $0.expect == "miss" }
        if !misses.isEmpty {
            s += "\nKnown misses:\n" + misses.map { "  \($0.id): \($0.missReason ?? "")\n" }.joined()
        }
        s += "\n\(r.pk.count) figures, \(r.withinTolerance) within tolerance, \(r.unexpected) not as expected.\n"
        s += "\nPer profile and route, independent figures only (fitted ones derived a parameter; GMFE = geometric mean fold error):\n"
            + r.summaries.map { "  \($0.profile)  \($0.text)\n" }.joined()
        s += "\nEffect (PD) figures (Profiles/pd-validation.json): time of peak effect predicted with the PD model's effect site on the profile (typical parameters, 70 kg), against published times of peak effect; all independent:\n"
            + table(pdRows(r))
        s = TextTable.wrapProse(s, width: width)
        return s + ReferenceList.text(citedIn: [s], width: Swift.min(80, width))
    }
}
