import Foundation
import PKProfiles
import Testing
@testable import Reports
@testable import KetasimCLI

/// Outputs end with the references their sources cite, resolved against Profiles/references.json.
@Suite("Reference lists in outputs")
struct ReferenceListTests {
    /// The numbered list at the end of `out`: (number, key) per entry, and the text above it.
    static func referenceBlock(_ out: String) -> (entries: [(Int, String)], body: String, block: String)? {
        guard let r = out.range(of: "\nReferences (cited as [key] above):\n", options: .backwards) else { return nil }
        let block = String(out[r.upperBound...])
        var entries: [(Int, String)] = []
        for line in block.split(separator: "\n") where line.hasPrefix("  [") {
            let t = line.dropFirst(3)
            guard let close = t.firstIndex(of: "]"), let n = Int(t[..<close]) else { continue }
            let rest = t[t.index(after: close)...].drop { $0 == " " }
            guard let colon = rest.firstIndex(of: ":") else { continue }
            entries.append((n, String(rest[..<colon])))
        }
        return (entries, String(out[..<r.lowerBound]), block)
    }

    /// The list holds exactly the keys cited above it, numbered 1... in order of first citation,
    /// every one resolved, and ends the output.
    static func expectResolvedList(_ out: String, _ what: String) {
        guard let (entries, body, block) = referenceBlock(out) else {
            Issue.record("\(what): no reference list")
            return
        }
        let flat = block.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let cited = Bibliography.citedKeys(in: [body])
        #expect(!cited.isEmpty, "\(what): nothing cited")
        // The keys cited, in order, then the sources those entries name (a review a citation was seen in).
        #expect(Array(entries.map(\.1).prefix(cited.count)) == cited, "\(what): list \(entries.map(\.1)) vs cited \(cited)")
        #expect(entries.map(\.1) == Bibliography.builtin.references(citedIn: [body]).map(\.key), "\(what)")
        #expect(entries.map(\.0) == Array(1...max(1, entries.count)), "\(what): numbering")
        for (_, key) in entries {
            let r = Bibliography.builtin[key]
            #expect(r != nil, "\(what): \(key) unresolved")
            if let r { #expect(flat.contains("\(key): \(r.shortAuthors)"), "\(what): \(key) entry text") }
        }
        for line in block.split(separator: "\n") where line.count > 80 {
            #expect(!line.contains(" ") || line.trimmingCharacters(in: .whitespaces).split(separator: " ").count == 1,
                    "\(what): line over 80 columns: \(line)")
        }
        #expect(out.hasSuffix("\n") && !out.hasSuffix("\n\n"), "\(what): the list ends the output")
    }

    @Test("profiles show clements-1981 ends with a resolved, numbered reference list")
    func profilesShow() {
        let r = ketasim("profiles", "show", "clements-1981")
        #expect(r.code == 0, "\(r.err)")
        Self.expectResolvedList(r.out, "profiles show")
        let (entries, _, block) = Self.referenceBlock(r.out)!
        let flat = block.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(entries.first?.0 == 1 && entries.first?.1 == "clements-1981", "the citation comes first")
        #expect(flat.contains("clements-1981: Clements JA, Nimmo WS. 1981."))
        #expect(flat.contains("doi:10.1093/bja/53.1.27"))
        #expect(flat.contains("Read: transcription in opentiva ketamine.py"))
        for key in ["chong-2006", "rolan-2014", "malinovsky-1996", "yanagihara-2003", "otto-2021", "olofsen-2012"] {
            #expect(entries.contains { $0.1 == key }, "missing \(key)")
        }
    }

    @Test("profiles show --format json carries the cited entries in full")
    func profilesShowJSON() throws {
        let r = ketasim("profiles", "show", "perez-ruixo-2021", "--format", "json")
        #expect(r.code == 0, "\(r.err)")
        let obj = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        let refs = obj["references"] as! [[String: Any]]
        let profile = try JSONDecoder().decode(Profile.self, from: JSONSerialization.data(withJSONObject: obj["profile"]!))
        #expect(refs.map { $0["key"] as! String } == Bibliography.builtin.references(citedIn: Bibliography.strings(in: profile)).map(\.key))
        let first = refs[0]
        #expect(first["key"] as? String == "perez-ruixo-2021")
        #expect(first["read"] as? String == "transcription" && (first["where"] as? String)?.contains("nlmixr2lib") == true)
        #expect(first["doi"] as? String == "10.1007/s40262-020-00953-4" && first["year"] as? String == "2021")
        #expect(ketasim("profiles", "show", "clements-1981", "--format", "xml").code == 64)
    }

    @Test("profiles, profiles bands and validate end with their references")
    func listsAndValidate() throws {
        Self.expectResolvedList(ketasim("profiles").out, "profiles")
        Self.expectResolvedList(ketasim("profiles", "bands").out, "profiles bands")
        let v = ketasim("validate")
        #expect(v.code == 0, "\(v.err)")
        Self.expectResolvedList(v.out, "validate")
        let j = ketasim("validate", "--format", "json")
        #expect(j.code == 0, "\(j.err)")
        let obj = try JSONSerialization.jsonObject(with: Data(j.out.utf8)) as! [String: Any]
        let keys = (obj["references"] as! [[String: Any]]).map { $0["key"] as! String }
        #expect(keys.contains("zanos-2018") && keys.contains("perez-ruixo-2021") && keys.contains("kamp-2020"))
        #expect((obj["results"] as! [[String: Any]]).count == (try Validation.builtinCases()).count)
        // Per-route summaries on independent figures: in the table and in the JSON.
        #expect(v.out.contains("Per profile and route, independent figures only"))
        #expect(v.out.contains("clements-1981  IN: "))
        let sums = obj["summaries"] as! [[String: Any]]
        #expect(sums.contains { $0["profile"] as? String == "clements-1981" && $0["route"] as? String == "in" && ($0["gmfe"] as? Double ?? 0) > 1 })
    }

    @Test("compare and simulate print the evidence behind each route row")
    func routeEvidence() {
        let c = ketasim("compare")
        #expect(c.code == 0, "\(c.err)")
        #expect(c.out.contains("Evidence per route"))
        for route in ["IV:", "IM:", "IN:", "SL:", "PO:"] { #expect(c.out.contains("): \(route) ") || c.out.contains(": \(route) "), "\(route)") }
        let s = ketasim("simulate", "--route", "sl", "--dose", "50mg", "--profile", "simons-2022")
        #expect(s.code == 0, "\(s.err)")
        #expect(s.out.contains("SL: unvalidated"))
    }

    @Test("plan --list, a plan and find-dose end with their references; JSON carries them")
    func plan() throws {
        // A wide console: a citation wrapped across lines is not one citation to the key parser.
        let wide = Captured()
        var console = wide.console
        console.width = 1000
        let list = (code: Ketasim.run(["plan", "--list"], console: console), out: wide.out, err: wide.err)
        #expect(list.code == 0, "\(list.err)")
        Self.expectResolvedList(list.out, "plan --list")
        #expect(!list.out.contains("research/"), "the catalogue names no file outside the repository")
        let listJSON = try JSONSerialization.jsonObject(with: Data(ketasim("plan", "--list", "--format", "json").out.utf8)) as! [String: Any]
        #expect((listJSON["references"] as! [[String: Any]]).contains { $0["key"] as? String == "ketalar-label" })
        #expect(listJSON["catalog"] is [String: Any])

        let table = ketasim("plan", "--protocol", "murrough-2013", "--start", "2026-11-30")
        #expect(table.code == 0, "\(table.err)")
        Self.expectResolvedList(table.out, "plan")
        #expect(Self.referenceBlock(table.out)!.entries.contains { $0.1 == "murrough-2013" })

        let json = ketasim("plan", "--protocol", "esketamine-label", "--start", "2026-11-30", "--sessions", "2", "--format", "json")
        let obj = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as! [String: Any]
        let keys = (obj["references"] as! [[String: Any]]).map { $0["key"] as! String }
        #expect(keys.contains("esketamine-us-label-2019") && keys.contains("perez-ruixo-2021"))

        let find = ketasim("plan", "--find-dose", "--route", "im", "--target-peak", "150ng/mL")
        #expect(find.code == 0, "\(find.err)")
        Self.expectResolvedList(find.out, "find-dose")
    }

    @Test("HTML reports list the references they cite, as plain text")
    func html() throws {
        let dir = tempDir()
        let path = dir.appendingPathComponent("plan.html").path
        let r = ketasim("plan", "--protocol", "wilkinson-2017", "--start", "2026-11-30", "--html", path)
        #expect(r.code == 0, "\(r.err)")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("<h2>References</h2>"))
        #expect(html.contains("<li id=\"ref-wilkinson-2017\"><strong>[wilkinson-2017]</strong> Wilkinson et al. 2017."))
        #expect(!html.contains("href="))
        let c = dir.appendingPathComponent("compare.html").path
        #expect(ketasim("compare", "--html", c).code == 0)
        #expect(try String(contentsOfFile: c, encoding: .utf8).contains("<li id=\"ref-clements-1981\">"))
    }

    @Test("compare: text ends with the profile's references; JSON carries them")
    func compare() throws {
        let r = ketasim("compare")
        Self.expectResolvedList(r.out, "compare")
        let j = ketasim("compare", "--routes", "sl", "--doses", "100mg", "--format", "json")
        let obj = try JSONSerialization.jsonObject(with: Data(j.out.utf8)) as! [String: Any]
        let keys = (obj["references"] as! [[String: Any]]).map { $0["key"] as! String }
        #expect(keys.first == "clements-1981" && keys.contains("rolan-2014"))
    }

    @Test("wrapping keeps reference lines within 80 columns")
    func wrapping() {
        let r = Reference(key: "long-2020", authors: "A B, C D, E F, G H", year: "2020",
                          title: String(repeating: "word ", count: 40), journal: "J", read: .abstract)
        let text = ReferenceList.text([r])
        #expect(text.hasPrefix("\nReferences (cited as [key] above):\n  [1] long-2020: A B, C D, E F, G H. 2020. word"))
        for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        #expect(text.split(separator: "\n").dropFirst(2).allSatisfy { $0.hasPrefix("      ") })
        #expect(ReferenceList.text([]) == "")
    }
}
