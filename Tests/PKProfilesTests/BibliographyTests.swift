import Foundation
import Testing
@testable import PKProfiles

/// The bibliography (`Profiles/references.json`) and the citations of every source string: each key
/// resolves, each entry is cited, entries are complete, and no source points at a document the
/// repository does not ship.
@Suite("Bibliography")
struct BibliographyTests {
    static let root = EmbeddedProfilesTests.root

    /// Every file under `dir` (recursively) whose name ends in one of `suffixes`, with its text.
    static func files(_ dir: String, _ suffixes: [String]) throws -> [(path: String, text: String)] {
        let base = root.appendingPathComponent(dir)
        guard let e = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var out: [(String, String)] = []
        for case let rel as String in e where suffixes.contains(where: { rel.hasSuffix($0) }) {
            out.append(("\(dir)/\(rel)", try String(contentsOf: base.appendingPathComponent(rel), encoding: .utf8)))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// The texts that carry source strings: every file in Profiles/ (JSON, the model file, the
    /// README) and the Swift sources (help texts, hard-coded notes), without the generated copy of
    /// the JSON files.
    static func sourceTexts() throws -> [(path: String, text: String)] {
        try files("Profiles", [".json", ".model", ".md"])
            + files("Sources", [".swift", ".md"]).filter { !$0.path.hasSuffix("EmbeddedProfiles.swift") }
    }

    @Test("references.json decodes; every entry has authors, year, title and a valid read kind")
    func entriesComplete() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("Profiles/references.json"), encoding: .utf8)
        let b = try Bibliography.decode(text, origin: "references.json")
        #expect(b.entries.count >= 40)
        #expect(Bibliography.builtin.keys == b.keys, "the embedded copy is the file")
        for r in b.entries.values {
            #expect(Bibliography.isKey(r.key), "\(r.key): not a key")
            #expect(!r.authors.isEmpty && !r.title.isEmpty, "\(r.key)")
            #expect(r.year == "n.d." || Int(r.year).map { (1900...2100).contains($0) } == true, "\(r.key): year \(r.year)")
            #expect(Reference.ReadKind.allCases.contains(r.read))
            if r.read == .transcription || r.read == .secondary {
                #expect(!(r.where ?? "").isEmpty, "\(r.key): \(r.read.rawValue) needs 'where'")
            } else {
                #expect(r.where == nil, "\(r.key): 'where' only for transcription or secondary")
            }
            #expect(r.doi != nil || r.url != nil || r.journal != nil || r.publisher != nil || r.where != nil || r.read == .label,
                    "\(r.key): nothing to find it by")
            #expect(r.doi.map { $0.hasPrefix("10.") } ?? true, "\(r.key): DOI \(r.doi ?? "")")
            #expect(r.url.map { $0.hasPrefix("https://") } ?? true, "\(r.key): URL \(r.url ?? "")")
        }
    }

    @Test("decoding is strict: unknown fields, bad keys, bad years and a misplaced 'where' are errors")
    func strictDecoding() throws {
        let ok = #"{"smith-2020": {"authors": "Smith A", "year": "2020", "title": "T", "read": "abstract"}}"#
        #expect(try Bibliography.decode(ok, origin: "t").entries["smith-2020"]?.title == "T")
        let bad = [
            #"{"smith-2020": {"authors": "Smith A", "year": "2020", "title": "T", "read": "abstract", "jounal": "X"}}"#,
            #"{"Smith2020": {"authors": "Smith A", "year": "2020", "title": "T", "read": "abstract"}}"#,
            #"{"smith-2020": {"authors": "Smith A", "year": "20", "title": "T", "read": "abstract"}}"#,
            #"{"smith-2020": {"authors": "", "year": "2020", "title": "T", "read": "abstract"}}"#,
            #"{"smith-2020": {"authors": "Smith A", "year": "2020", "read": "abstract"}}"#,
            #"{"smith-2020": {"authors": "Smith A", "year": "2020", "title": "T", "read": "skimmed"}}"#,
            #"{"smith-2020": {"authors": "Smith A", "year": "2020", "title": "T", "read": "secondary"}}"#,
            #"{"smith-2020": {"authors": "Smith A", "year": "2020", "title": "T", "read": "abstract", "where": "x"}}"#,
        ]
        for text in bad {
            #expect(throws: ProfileError.self, "\(text)") { try Bibliography.decode(text, origin: "t") }
        }
        do {
            _ = try Bibliography.decode(bad[0], origin: "refs.json")
        } catch let e as ProfileError {
            #expect(e.message.contains("jounal"), "\(e.message)")
        }
    }

    @Test("citation syntax: [key], [key locator], several per bracket; marks are not citations")
    func citationSyntax() {
        let s = "Zanos 2018 [zanos-2018 Table 1]; [calc] and [V]; [dakwar-2020; grabski-2022 p. 3] again [zanos-2018]"
        #expect(Bibliography.citations(in: s) == [
            Citation(key: "zanos-2018", locator: "Table 1"), Citation(key: "dakwar-2020"),
            Citation(key: "grabski-2022", locator: "p. 3"), Citation(key: "zanos-2018"),
        ])
        #expect(Bibliography.citedKeys(in: [s]) == ["zanos-2018", "dakwar-2020", "grabski-2022"])
        #expect(Bibliography.citedKeys(in: ["[calc, rough]", "[V, ED context]", "[derived]", "[mg/h]", "[1/h]", "a[i]"]).isEmpty)
        // A malformed part of a citation bracket is reported, so that it cannot pass unnoticed.
        #expect(Bibliography.citedKeys(in: ["[zanos-2018; Table 1]"]) == ["zanos-2018", "Table"])
        #expect(Bibliography.isKey("esketamine-us-label-2019") && !Bibliography.isKey("calc") && !Bibliography.isKey("Zanos-2018")
                && !Bibliography.isKey("zanos--2018") && !Bibliography.isKey("-zanos") && !Bibliography.isKey("2018-zanos"))
        let b = Bibliography([Reference(key: "zanos-2018", authors: "Z", year: "2018", title: "T", read: .abstract)])
        #expect(b.references(citedIn: ["[nobody-2000] [zanos-2018]"]).map(\.key) == ["zanos-2018"])
        #expect(b.unresolvedKeys(in: ["[nobody-2000] [zanos-2018]"]) == ["nobody-2000"])
    }

    @Test("every citation in Profiles/ and Sources/ resolves to an entry")
    func citationsResolve() throws {
        let b = Bibliography.builtin
        var count = 0
        for (path, text) in try Self.sourceTexts() {
            for c in Bibliography.citations(in: text) {
                count += 1
                #expect(b[c.key] != nil, "\(path): [\(c.key)] has no entry in Profiles/references.json")
            }
        }
        #expect(count > 300)
    }

    @Test("every bibliography entry is cited by a source outside references.json")
    func everyEntryCited() throws {
        let texts = try Self.sourceTexts().filter { !$0.path.hasSuffix("references.json") && !$0.path.hasSuffix("README.md") }
        let cited = Set(Bibliography.citedKeys(in: texts.map(\.text)))
        for key in Bibliography.builtin.keys {
            #expect(cited.contains(key), "\(key) is never cited")
        }
    }

    @Test("no source names a document outside the repository or an old-style tag")
    func noOutsideDocuments() throws {
        // Old tags of the research notes and their file names.
        // Simple word boundaries, as grep's: Unicode ones do not break "DDDT.S224553" before the S.
        let tag = try Regex(#"\bS[0-9]+\b|research notes|kap-protocols\.md|ketamine-pk\.md"#).wordBoundaryKind(.simple)
        // Paths that leave the repository.
        let outside = try Regex(#"/work/|\.\./|~/|\bresearch/|/home/|/Users/|/tmp/"#)
        // Any other file named with an extension must exist in the repository.
        let fileName = try Regex(#"\b[A-Za-z0-9_./-]+\.(md|json|model|csv)\b"#)
        for (path, text) in try Self.sourceTexts() {
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                #expect(line.firstMatch(of: tag) == nil, "\(path):\(i + 1): old-style source tag: \(line)")
                #expect(line.firstMatch(of: outside) == nil, "\(path):\(i + 1): path outside the repository: \(line)")
                guard path.hasPrefix("Profiles/") && !path.hasSuffix(".md") else { continue }
                for m in line.matches(of: fileName) {
                    let name = String(line[m.range])
                    let candidates = [name, "Profiles/" + name]
                    #expect(candidates.contains { FileManager.default.fileExists(atPath: Self.root.appendingPathComponent($0).path) },
                            "\(path):\(i + 1): names '\(name)', which is not in the repository")
                }
            }
        }
    }

    @Test("every profile, band, validation case and protocol source cites an entry or is our own [calc] or derivation")
    func sourcesCite() throws {
        func own(_ s: String) -> Bool {
            let l = s.lowercased()
            return ["[calc]", "derived", "assumption", "assumed", "f = 1", "reference 70 kg", "template default", "not a studied regimen"]
                .contains { l.contains($0) }
        }
        var uncited: [String] = []
        for p in ProfileLibrary.builtin {
            var sources = p.parameters.map(\.source) + p.routes.values.compactMap(\.source) + (p.covariates ?? []).compactMap(\.source)
            sources += (p.covariateEffects ?? []).map(\.source) + (p.variability ?? []).map(\.source)
            sources += (p.correlations ?? []).map(\.source) + (p.residualError ?? []).map(\.source) + [p.citation]
            uncited += sources.filter { Bibliography.citedKeys(in: [$0]).isEmpty && !own($0) }.map { "\(p.name): \($0)" }
        }
        uncited += ProfileLibrary.bands.map(\.source).filter { Bibliography.citedKeys(in: [$0]).isEmpty && !own($0) }
        uncited += try Validation.builtinCases().map(\.source).filter { Bibliography.citedKeys(in: [$0]).isEmpty }
        #expect(uncited.isEmpty, "sources without a citation: \(uncited)")
    }
}
