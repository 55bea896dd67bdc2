import Foundation
import Testing
@testable import Studies
@testable import Reports
import PKCore
import PKProfiles
import Planner
import TestSupport
@testable import KetasimCLI

/// Issue 16, part 2: every JSON file kind refuses unknown keys (naming the key, the file and the
/// path, with the nearest known key) and duplicate keys, in one line.
@Suite("Strict JSON for every file kind")
struct StrictJSONTests {
    static func repoFile(_ name: String) throws -> String {
        try String(contentsOf: SharedData.repositoryRoot.appendingPathComponent(name), encoding: .utf8)
    }

    static func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return "(no error)"
    }

    static func oneLine(_ s: String) -> Bool { !s.contains("\n") && !s.isEmpty }

    @Test("the layer: unknown key with path and suggestion, duplicate key, syntax error with line")
    func layer() throws {
        struct Inner: Codable { var covariateEffects: [Double]?; var name: String }
        struct Outer: Codable { var items: [Inner] }
        let ok = try StrictJSON.decode(Outer.self, from: #"{"items": [{"name": "a", "covariateEffects": [1, 2]}]}"#)
        #expect(ok.items[0].covariateEffects == [1, 2])
        let unknown = Self.message { _ = try StrictJSON.decode(Outer.self, from: #"{"items": [{"name": "a"}, {"name": "b", "covariateEffect": []}]}"#) }
        #expect(unknown == "unknown key 'covariateEffect' at items[1].covariateEffect (did you mean 'covariateEffects'?)")
        let dup = Self.message { _ = try StrictJSON.decode(Outer.self, from: #"{"items": [{"name": "a", "name": "b"}]}"#) }
        #expect(dup == "duplicate key 'name' at items[0].name")
        let syntax = Self.message { _ = try StrictJSON.decode(Outer.self, from: "{\"items\": [\n  {\"name\": \"a\",}]}") }
        #expect(syntax.hasPrefix("not valid JSON:") && syntax.contains("line 2"), "\(syntax)")
        let far = Self.message { _ = try StrictJSON.decode(Outer.self, from: #"{"items": [], "zzzzzzzz": 1}"#) }
        #expect(far == "unknown key 'zzzzzzzz' at zzzzzzzz (known keys: items)")
        // Dictionaries keep arbitrary keys; nesting is bounded.
        #expect(try StrictJSON.decode([String: Int].self, from: #"{"x": 1, "y": 2}"#) == ["x": 1, "y": 2])
        let deep = Self.message { _ = try StrictJSON.parse(String(repeating: "[", count: 100_000)) }
        #expect(deep.contains("nesting deeper"))
        #expect(try StrictJSON.decode([Double].self, from: #"["inf", "nan"]"#, nonConformingFloats: true)[0] == .infinity)
    }

    @Test("profile files (--profile)")
    func profiles() throws {
        let text = try Self.repoFile("Profiles/herd-2007.profile.json")
        _ = try ProfileLibrary.decode(text, origin: "herd.json")
        let bad = text.replacingOccurrences(of: "\"covariateEffects\"", with: "\"covariateEffect\"")
        let m = Self.message { _ = try ProfileLibrary.decode(bad, origin: "my.profile.json") }
        #expect(m == "my.profile.json: unknown key 'covariateEffect' at covariateEffect (did you mean 'covariateEffects'?)", "\(m)")
        let dup = text.replacingOccurrences(of: "\"name\": \"herd-2007\"", with: "\"name\": \"herd-2007\", \"name\": \"x\"")
        #expect(dup != text)
        #expect(Self.message { _ = try ProfileLibrary.decode(dup, origin: "my.profile.json") } == "my.profile.json: duplicate key 'name' at name")
        // A nested unknown key: in a parameter.
        let nested = text.replacingOccurrences(of: "\"unit\":", with: "\"units\":")
        let n = Self.message { _ = try ProfileLibrary.decode(nested, origin: "p.json") }
        #expect(n.hasPrefix("p.json: unknown key 'units' at parameters[0].units (did you mean 'unit'?)"), "\(n)")
        #expect(Self.oneLine(n))
    }

    @Test("protocol catalog and protocol files (--protocol)")
    func protocols() throws {
        let text = try Self.repoFile("Profiles/protocols.json")
        _ = try ProtocolCatalog.decode(text, origin: "protocols.json")
        let bad = text.replacingOccurrences(of: "\"tierOrder\"", with: "\"tierorder\"")
        let m = Self.message { _ = try ProtocolCatalog.decode(bad, origin: "protocols.json") }
        #expect(m == "protocols.json: unknown key 'tierorder' at tierorder (did you mean 'tierOrder'?)", "\(m)")
        // One protocol file, plain and wrapped.
        let catalog = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let first = (catalog["protocols"] as! [[String: Any]])[0]
        let plain = String(decoding: try JSONSerialization.data(withJSONObject: first), as: UTF8.self)
        _ = try ProtocolTemplate.decodeFile(plain, origin: "p.json")
        var extra = first
        extra["sesions"] = 3
        let e1 = Self.message { _ = try ProtocolTemplate.decodeFile(String(decoding: try JSONSerialization.data(withJSONObject: extra), as: UTF8.self), origin: "p.json") }
        #expect(e1.hasPrefix("p.json: unknown key 'sesions' at sesions"), "\(e1)")
        let wrapped = String(decoding: try JSONSerialization.data(withJSONObject: ["protocols": [extra]]), as: UTF8.self)
        let e2 = Self.message { _ = try ProtocolTemplate.decodeFile(wrapped, origin: "w.json") }
        #expect(e2.hasPrefix("w.json: unknown key 'sesions' at protocols[0].sesions"), "\(e2)")
    }

    @Test("bands and validation cases")
    func bandsAndValidation() throws {
        #expect(!ProfileLibrary.bands.isEmpty)
        _ = try Validation.builtinCases()
        let bands = try Self.repoFile("Profiles/bands.json").replacingOccurrences(of: "\"highNgPerML\"", with: "\"highNgPerMl\"")
        let b = Self.message { _ = try StrictJSON.decode([ConcentrationBand].self, from: bands) }
        #expect(b == "unknown key 'highNgPerMl' at [0].highNgPerMl (did you mean 'highNgPerML'?)", "\(b)")
        let cases = try Self.repoFile("Profiles/validation.json").replacingOccurrences(of: "\"tolerance\":", with: "\"tolerence\":")
        let v = Self.message { _ = try StrictJSON.decode([ValidationCase].self, from: cases) }
        #expect(v.hasPrefix("unknown key 'tolerence' at [0].tolerence (did you mean 'tolerance'"), "\(v)")
    }

    @Test("JSON models (--model file.json)")
    func models() throws {
        let dir = tempDir()
        let spec = try #require(BuiltinModels.spec(named: "1cmt-oral"))
        let enc = JSONEncoder()
        var obj = try JSONSerialization.jsonObject(with: try enc.encode(spec)) as! [String: Any]
        let good = dir.appendingPathComponent("m.json")
        try JSONSerialization.data(withJSONObject: obj).write(to: good)
        #expect(try ModelLoader.load(good.path) == spec)
        obj["output"] = obj["outputs"]
        let bad = dir.appendingPathComponent("bad.json")
        try JSONSerialization.data(withJSONObject: obj).write(to: bad)
        let m = Self.message { _ = try ModelLoader.load(bad.path) }
        #expect(m.contains("--model \(bad.path): unknown key 'output' at output (did you mean 'outputs'?)"), "\(m)")
        try "{\"name\": \"a\", \"name\": \"b\"}".write(to: bad, atomically: true, encoding: .utf8)
        #expect(Self.message { _ = try ModelLoader.load(bad.path) }.contains("duplicate key 'name' at name"))
    }

    @Test("batch documents read back by merge")
    func mergeInputs() throws {
        let dir = tempDir()
        let part = dir.appendingPathComponent("p1.json").path
        let r = ketasim("batch", "--n", "8", "--seed", "3", "--shard", "1/2", "--out", part, "--quiet")
        #expect(r.code == 0, "\(r.err)")
        let text = try String(contentsOfFile: part, encoding: .utf8)
        _ = try BatchReport.document(text, origin: part)
        let bad = text.replacingOccurrences(of: "\"shard\"", with: "\"shards\"")
        #expect(bad != text)
        try bad.write(toFile: part, atomically: true, encoding: .utf8)
        let m = ketasim("merge", part)
        #expect(m.code == 1)
        #expect(m.err.contains("merge: \(part): unknown key 'shards' at shards (did you mean 'shard'?)"), "\(m.err)")
        #expect(m.err.split(separator: "\n").count == 1)
    }
}
