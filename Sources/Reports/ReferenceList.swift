import Foundation
import PKCore
import PKProfiles
import Planner
import Studies
/// The references an output relies on, resolved from the citations (`[key]`, `[key Table 1]`) in its
/// source strings against `Profiles/references.json`: a numbered list at the end of text output, a
/// section of the HTML reports, full entries in JSON.
///
/// Numbering follows the order of first citation in the text given; an entry is listed once.
public enum ReferenceList {
    public static var bibliography: Bibliography { .builtin }

    /// The entries cited in `texts`, in order of first citation (unknown keys are left out; a test
    /// keeps every built-in citation resolvable).
    public static func references(citedIn texts: [String]) -> [Reference] {
        bibliography.references(citedIn: texts)
    }

    // MARK: - Text

    /// "References:" and one wrapped, numbered entry per cited key; empty when nothing is cited.
    /// Lines stay within `width` columns except for a single word (a long URL) that is wider.
    public static func text(citedIn texts: [String], width: Int = 80) -> String {
        text(references(citedIn: texts), width: width)
    }

    public static func text(_ refs: [Reference], width: Int = 80) -> String {
        guard !refs.isEmpty else { return "" }
        var s = "\nReferences (cited as [key] above):\n"
        let numberWidth = String(refs.count).count
        for (i, r) in refs.enumerated() {
            let number = "[\(i + 1)]"
            let head = "  " + number + String(repeating: " ", count: numberWidth + 3 - number.count)
            s += wrap(r.key + ": " + r.formatted, width: width, first: head, rest: String(repeating: " ", count: head.count))
        }
        return s
    }

    /// `text` followed by the references it cites (for help texts that cite sources).
    public static func appendingReferences(to text: String) -> String {
        text + ReferenceList.text(citedIn: [text])
    }

    /// Greedy word wrap: `first` before the first line, `rest` before the others.
    public static func wrap(_ text: String, width: Int, first: String, rest: String) -> String {
        var lines: [String] = []
        var line = first
        var empty = true
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !empty && line.count + 1 + word.count > width {
                lines.append(line)
                line = rest
                empty = true
            }
            line += (empty ? "" : " ") + word
            empty = false
        }
        lines.append(line)
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - HTML

    /// The "References" section of an HTML report for the citations in its text (sources, findings,
    /// inputs, notes, table cells); empty when nothing is cited. Plain text, no links.
    public static func html(_ report: HTMLReport) -> String {
        var texts = report.citations + report.inputs.map(\.value)
        texts += (report.findings ?? []).flatMap { [$0.message, $0.source] }
        for s in report.sections { texts += s.notes + s.tables.flatMap { $0.rows.flatMap { $0 } } }
        let refs = references(citedIn: texts)
        guard !refs.isEmpty else { return "" }
        let e = XMLText.escape
        var h = "<section class=\"citations references\">\n<h2>References</h2>\n<ol>\n"
        for r in refs { h += "<li id=\"ref-\(e(r.key))\"><strong>[\(e(r.key))]</strong> \(e(r.formatted))</li>\n" }
        return h + "</ol>\n</section>\n"
    }

    // MARK: - JSON documents that carry their references

    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        enc.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try enc.encode(value), as: UTF8.self) + "\n"
    }

    public struct ProfileDocument: Encodable {
        var tool: String
        var disclaimer: String
        var profile: Profile
        var references: [Reference]
    }

    /// `profiles show NAME --format json`: the profile as stored, and the references it cites.
    public static func profileJSON(_ p: Profile) throws -> String {
        try encode(ProfileDocument(tool: "ketasim \(Product.version)", disclaimer: Product.disclaimer, profile: p,
                                   references: references(citedIn: Bibliography.strings(in: p))))
    }

    public struct ValidationRow: Encodable {
        var validationCase: ValidationCase
        var predicted: Double
        var relativeDifference: Double
        var passed: Bool
        var asExpected: Bool
    }

    public struct ValidationDocument: Encodable {
        var tool: String
        var disclaimer: String
        var results: [ValidationRow]
        /// Per profile and route, independent figures only (count, within tolerance, GMFE, within 2-fold).
        var summaries: [RouteEvidence]
        /// Effect (PD) figures (`Profiles/pd-validation.json`).
        var effectResults: [EffectValidationRow]
        var references: [Reference]
    }

    public struct EffectValidationRow: Encodable {
        var validationCase: PDValidationCase
        var predicted: Double
        var relativeDifference: Double
        var passed: Bool
        var asExpected: Bool
    }

    /// `validate --format json`: every case with its result, and the references the cases cite.
    public static func validationJSON(_ results: [ValidationResult], effects: [PDValidation.Result] = []) throws -> String {
        let rows = results.map {
            ValidationRow(validationCase: $0.validationCase, predicted: $0.predicted, relativeDifference: $0.relativeDifference,
                          passed: $0.passed, asExpected: $0.asExpected)
        }
        return try encode(ValidationDocument(tool: "ketasim \(Product.version)", disclaimer: Product.disclaimer, results: rows,
                                             summaries: Validation.summaries(results),
                                             effectResults: effects.map {
                                                 EffectValidationRow(validationCase: $0.validationCase, predicted: $0.predicted,
                                                                     relativeDifference: $0.relativeDifference, passed: $0.passed, asExpected: $0.asExpected)
                                             },
                                             references: references(citedIn: Bibliography.strings(in: results.map(\.validationCase))
                                                                     + Bibliography.strings(in: effects.map(\.validationCase)))))
    }

    public struct CatalogDocument: Encodable {
        var tool: String
        var disclaimer: String
        var catalog: ProtocolCatalog
        var references: [Reference]
    }

    /// `plan --list --format json`: the protocol library, and the references it cites.
    public static func catalogJSON(_ c: ProtocolCatalog) throws -> String {
        try encode(CatalogDocument(tool: "ketasim \(Product.version)", disclaimer: Product.disclaimer, catalog: c,
                                   references: references(citedIn: Bibliography.strings(in: c))))
    }
}
