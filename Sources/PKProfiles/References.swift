import Foundation

/// One entry of the bibliography (`Profiles/references.json`): a publication, label, trial record or
/// web page that a source string cites by its key, with how much of it was read.
///
/// Source strings cite entries as `[key]` or `[key locator]` (e.g. `[zanos-2018 Table 1]`); several
/// entries share one bracket separated by `;` (`[dakwar-2020; grabski-2022]`). A key is lower-case
/// letters and digits in at least two hyphen-separated parts, so marks such as `[calc]` or `[V]` are
/// not citations.
public struct Reference: Sendable, Equatable, Encodable {
    /// How much of the source was read.
    public enum ReadKind: String, Sendable, Equatable, Codable, CaseIterable {
        /// The full text (or the named tables and pages of it, see `note`).
        case fullText = "full-text"
        /// The abstract (or the opening part of the page) only.
        case abstract
        /// A product label or prescribing information (or an extract of it).
        case label
        /// Numbers taken from someone's transcription of the source, named in `where` (e.g. nlmixr2lib).
        case transcription
        /// Only seen cited in another source, named in `where`; the source itself was not read.
        case secondary

        /// Short description for output.
        public var text: String {
            switch self {
            case .fullText: return "full text"
            case .abstract: return "abstract only"
            case .label: return "label"
            case .transcription: return "transcription"
            case .secondary: return "secondary"
            }
        }
    }

    public var key: String
    /// "Surname AB, Surname CD" (or an organisation); "et al." where the rest was not recorded.
    public var authors: String
    /// Four-digit year, or "n.d." for undated web pages and records.
    public var year: String
    /// The title; a title in square brackets is a description, used where the title was not recorded.
    public var title: String
    public var journal: String?
    public var volume: String?
    public var issue: String?
    public var pages: String?
    public var publisher: String?
    public var doi: String?
    public var url: String?
    public var read: ReadKind
    /// For `transcription` and `secondary`: where the numbers or the citation were seen.
    public var `where`: String?
    public var note: String?

    public init(key: String, authors: String, year: String, title: String, journal: String? = nil, volume: String? = nil,
                issue: String? = nil, pages: String? = nil, publisher: String? = nil, doi: String? = nil, url: String? = nil,
                read: ReadKind, where: String? = nil, note: String? = nil) {
        self.key = key
        self.authors = authors
        self.year = year
        self.title = title
        self.journal = journal
        self.volume = volume
        self.issue = issue
        self.pages = pages
        self.publisher = publisher
        self.doi = doi
        self.url = url
        self.read = read
        self.where = `where`
        self.note = note
    }

    /// Journal, volume(issue):pages, or the publisher; nil when neither is known.
    public var container: String? {
        if let j = journal {
            var s = j
            if let v = volume { s += " " + v + (issue.map { "(\($0))" } ?? "") }
            if let p = pages { s += (volume == nil ? " " : ":") + p }
            return s
        }
        return publisher
    }

    /// Authors for a reference list: up to four in full, else the first three and "et al.".
    public var shortAuthors: String {
        let parts = authors.components(separatedBy: ", ")
        guard parts.count > 4, !authors.hasSuffix("et al.") else { return authors }
        return parts.prefix(3).joined(separator: ", ") + ", et al."
    }

    /// How it was read, with the transcription or review it was seen in.
    public var readText: String {
        switch read {
        case .transcription: return "Read: transcription in \(self.where ?? "?")."
        case .secondary: return "Read: secondary, seen in \(self.where ?? "?")."
        default: return "Read: \(read.text)."
        }
    }

    /// One plain-text entry: "Authors. Year. Title. Journal 70(3):621-660. doi:... Read: ... Note".
    public var formatted: String {
        func end(_ s: String) -> String { s.hasSuffix(".") || s.hasSuffix("?") ? s : s + "." }
        var parts = [end(shortAuthors), end(year), end(title)]
        if let c = container { parts.append(end(c)) }
        if let d = doi { parts.append("doi:\(d).") } else if let u = url { parts.append(u) }
        parts.append(readText)
        if let n = note { parts.append(end(n)) }
        return parts.joined(separator: " ")
    }

    /// A link for the entry: the DOI resolver, else the URL.
    public var link: String? { doi.map { "https://doi.org/\($0)" } ?? url }
}

/// A citation in a source string: the key and an optional locator (table, figure, page).
public struct Citation: Sendable, Equatable {
    public var key: String
    public var locator: String?
    public init(key: String, locator: String? = nil) {
        self.key = key
        self.locator = locator
    }
}

/// The references of `Profiles/references.json`, looked up by key, and the citations in source text.
public struct Bibliography: Sendable {
    public let entries: [String: Reference]

    public init(_ references: [Reference]) {
        var d: [String: Reference] = [:]
        for r in references { d[r.key] = r }
        entries = d
    }

    /// The built-in bibliography (embedded from `Profiles/references.json`).
    public static let builtin: Bibliography = {
        guard let text = EmbeddedProfiles.files["references.json"] else { return Bibliography([]) }
        // Checked by a test; a decoding failure here is a build defect.
        return try! decode(text, origin: "references.json")
    }()

    /// All keys, sorted.
    public var keys: [String] { entries.keys.sorted() }

    /// The entry for `key`, or nil.
    public func reference(_ key: String) -> Reference? { entries[key] }

    public subscript(key: String) -> Reference? { entries[key] }

    /// The entries cited in `texts`, in order of first citation, each once, followed by entries that
    /// those cite in turn (a secondary source names the review it was seen in); unknown keys are
    /// skipped.
    public func references(citedIn texts: [String]) -> [Reference] {
        var keys = Bibliography.citedKeys(in: texts).filter { entries[$0] != nil }
        var i = 0
        while i < keys.count {
            let r = entries[keys[i]]!
            for k in Bibliography.citedKeys(in: [r.where, r.note].compactMap { $0 }) where entries[k] != nil && !keys.contains(k) {
                keys.append(k)
            }
            i += 1
        }
        return keys.compactMap { entries[$0] }
    }

    /// Keys cited in `texts` that have no entry.
    public func unresolvedKeys(in texts: [String]) -> [String] {
        Bibliography.citedKeys(in: texts).filter { entries[$0] == nil }
    }

    // MARK: - Decoding

    /// Decodes a bibliography: an object mapping each key to an entry. Unknown fields, a bad key, a
    /// missing author, year or title, or a `where` that does not match the `read` kind are errors.
    public static func decode(_ text: String, origin: String) throws -> Bibliography {
        let raw: [String: Entry]
        do {
            raw = try JSONDecoder().decode([String: Entry].self, from: Data(text.utf8))
        } catch let e as DecodingError {
            throw ProfileError("\(origin): \(JSONErrors.describe(e))")
        } catch let e as ProfileError {
            throw ProfileError("\(origin): \(e.message)")
        } catch {
            throw ProfileError("\(origin): not valid JSON")
        }
        var refs: [Reference] = []
        for (key, e) in raw.sorted(by: { $0.key < $1.key }) {
            func bad(_ m: String) -> ProfileError { ProfileError("\(origin): \(key): \(m)") }
            guard isKey(key) else { throw bad("key must be lower-case letters and digits in hyphen-separated parts, e.g. zanos-2018") }
            for (name, value) in [("authors", e.authors), ("title", e.title)] where value.trimmingCharacters(in: .whitespaces).isEmpty {
                throw bad("field '\(name)' is empty")
            }
            guard e.year == "n.d." || (e.year.count == 4 && e.year.allSatisfy(\.isASCII) && e.year.allSatisfy(\.isNumber)) else {
                throw bad("field 'year': '\(e.year)' is not a four-digit year or n.d.")
            }
            let needsWhere = e.read == .transcription || e.read == .secondary
            if needsWhere && (e.where ?? "").isEmpty { throw bad("read '\(e.read.rawValue)' needs 'where' (the transcription or review it was seen in)") }
            if !needsWhere && e.where != nil { throw bad("'where' is only for read 'transcription' or 'secondary'") }
            refs.append(Reference(key: key, authors: e.authors, year: e.year, title: e.title, journal: e.journal, volume: e.volume,
                                  issue: e.issue, pages: e.pages, publisher: e.publisher, doi: e.doi, url: e.url,
                                  read: e.read, where: e.where, note: e.note))
        }
        return Bibliography(refs)
    }

    /// An entry as stored in the file (the key is the object key); decoded strictly.
    private struct Entry: Decodable {
        var authors: String
        var year: String
        var title: String
        var journal: String?
        var volume: String?
        var issue: String?
        var pages: String?
        var publisher: String?
        var doi: String?
        var url: String?
        var read: Reference.ReadKind
        var `where`: String?
        var note: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case authors, year, title, journal, volume, issue, pages, publisher, doi, url, read, `where`, note
        }

        struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: Decoder) throws {
            let all = try decoder.container(keyedBy: AnyKey.self)
            let known = Set(CodingKeys.allCases.map(\.rawValue))
            if let unknown = all.allKeys.map(\.stringValue).filter({ !known.contains($0) }).sorted().first {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyKey(stringValue: unknown)],
                                                        debugDescription: "unknown field (fields: \(CodingKeys.allCases.map(\.rawValue).joined(separator: ", ")))"))
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            authors = try c.decode(String.self, forKey: .authors)
            year = try c.decode(String.self, forKey: .year)
            title = try c.decode(String.self, forKey: .title)
            journal = try c.decodeIfPresent(String.self, forKey: .journal)
            volume = try c.decodeIfPresent(String.self, forKey: .volume)
            issue = try c.decodeIfPresent(String.self, forKey: .issue)
            pages = try c.decodeIfPresent(String.self, forKey: .pages)
            publisher = try c.decodeIfPresent(String.self, forKey: .publisher)
            doi = try c.decodeIfPresent(String.self, forKey: .doi)
            url = try c.decodeIfPresent(String.self, forKey: .url)
            read = try c.decode(Reference.ReadKind.self, forKey: .read)
            self.where = try c.decodeIfPresent(String.self, forKey: .where)
            note = try c.decodeIfPresent(String.self, forKey: .note)
        }
    }

    // MARK: - Citations in text

    /// True for a citation key: lower-case ASCII letters and digits in two or more parts joined by
    /// single hyphens, starting with a letter (`zanos-2018`, `esketamine-us-label-2019`).
    public static func isKey(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2, let first = s.first, first.isASCII, first.isLowercase else { return false }
        return parts.allSatisfy { p in !p.isEmpty && p.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } }
    }

    /// Every citation in `text`, in order. A bracket group is a citation when its first word is a key;
    /// each `;`-separated part is then one citation (a part whose first word is not a key is returned
    /// as is, so that it shows up as unresolved).
    public static func citations(in text: String) -> [Citation] {
        var out: [Citation] = []
        var i = text.startIndex
        while let open = text[i...].firstIndex(of: "[") {
            let after = text.index(after: open)
            guard let close = text[after...].firstIndex(where: { $0 == "]" || $0 == "[" }) else { break }
            if text[close] == "[" { i = close; continue }
            let parts = text[after..<close].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            if let first = parts.first, isKey(first.split(separator: " ").first.map(String.init) ?? "") {
                for p in parts where !p.isEmpty {
                    let words = p.split(separator: " ", maxSplits: 1).map(String.init)
                    out.append(Citation(key: words[0], locator: words.count > 1 ? words[1] : nil))
                }
            }
            i = text.index(after: close)
        }
        return out
    }

    /// The keys cited in `texts`, in order of first citation, each once.
    public static func citedKeys(in texts: [String]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for t in texts {
            for c in citations(in: t) where seen.insert(c.key).inserted { out.append(c.key) }
        }
        return out
    }

    /// Every string held by `value` (struct and class properties, arrays, dictionaries, optionals),
    /// in declaration order, dictionary entries and set members sorted (so that the order does not
    /// depend on hashing): the text a value's citations can be read from.
    public static func strings(in value: Any) -> [String] {
        var out: [String] = []
        func walk(_ v: Any) {
            if let s = v as? String { out.append(s); return }
            if v is Double || v is Int || v is Bool || v is Float { return }
            let m = Mirror(reflecting: v)
            switch m.displayStyle {
            case .dictionary:
                let entries = m.children.map { Array(Mirror(reflecting: $0.value).children.map(\.value)) }
                for e in entries.sorted(by: { String(describing: $0.first ?? "") < String(describing: $1.first ?? "") }) {
                    e.forEach(walk)
                }
            case .set:
                for c in m.children.map(\.value).sorted(by: { String(describing: $0) < String(describing: $1) }) { walk(c) }
            default:
                for child in m.children { walk(child.value) }
            }
        }
        walk(value)
        return out
    }
}
