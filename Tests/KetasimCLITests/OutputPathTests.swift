import Foundation
import Testing
@testable import KetasimCLI

/// Issue 16, part 4: no output path may be an input file (same path, hard link or symbolic link).
@Suite("Outputs never overwrite inputs")
struct OutputPathTests {
    static func setup() throws -> (dir: URL, data: String, model: String) {
        let dir = tempDir()
        let data = dir.appendingPathComponent("d.csv").path
        try "ID,TIME,EVID,AMT,CMT\n1,0,1,100,1\n1,1,0,0,1\n".write(toFile: data, atomically: true, encoding: .utf8)
        let model = dir.appendingPathComponent("m.model").path
        try FileManager.default.copyItem(atPath: SharedData_repo("Profiles/models/k6-mm.model"), toPath: model)
        return (dir, data, model)
    }

    static func refused(_ r: (code: Int32, out: String, err: String), _ flag: String, _ path: String, file: String) {
        #expect(r.code == 64, "\(r.err)")
        #expect(r.err.contains("\(flag): '\(path)' is the same file as the") && r.err.contains("refusing to overwrite an input"), "\(r.err)")
        #expect(r.err.split(separator: "\n").count == 1)
    }

    @Test("nm: --out equal to the data set, a hard link or a symbolic link to it; the data set is unchanged")
    func nm() throws {
        let (dir, data, _) = try Self.setup()
        let before = try Data(contentsOf: URL(fileURLWithPath: data))
        Self.refused(ketasim("nm", data, "--model", "1cmt-iv", "--out", data), "--out", data, file: data)
        let hard = dir.appendingPathComponent("hard.csv").path
        try FileManager.default.linkItem(atPath: data, toPath: hard)
        Self.refused(ketasim("nm", data, "--model", "1cmt-iv", "--out", hard), "--out", hard, file: data)
        let soft = dir.appendingPathComponent("soft.csv").path
        try FileManager.default.createSymbolicLink(atPath: soft, withDestinationPath: data)
        Self.refused(ketasim("nm", soft, "--model", "1cmt-iv", "--out", data), "--out", data, file: soft)
        #expect(try Data(contentsOf: URL(fileURLWithPath: data)) == before)
        let ok = ketasim("nm", data, "--model", "1cmt-iv", "--out", dir.appendingPathComponent("pred.csv").path)
        #expect(ok.code == 0, "\(ok.err)")
    }

    @Test("model, profile, protocol, subjects and sidecar outputs (--svg, --html, --per-subject)")
    func others() throws {
        let (dir, data, model) = try Self.setup()
        Self.refused(ketasim("nm", data, "--model", model, "--out", model), "--out", model, file: model)
        let profile = dir.appendingPathComponent("p.json").path
        try FileManager.default.copyItem(atPath: SharedData_repo("Profiles/herd-2007.profile.json"), toPath: profile)
        Self.refused(ketasim("simulate", "--profile", profile, "--dose", "35mg", "--svg", profile), "--svg", profile, file: profile)
        Self.refused(ketasim("compare", "--profile", profile, "--html", profile), "--html", profile, file: profile)
        Self.refused(ketasim("plan", "--protocol", profile, "--out", profile), "--out", profile, file: profile)
        let subjects = dir.appendingPathComponent("study.subjects.csv").path
        try "ID,WT\n1,70\n".write(toFile: subjects, atomically: true, encoding: .utf8)
        // The per-subject file batch derives from --out (study.json → study.subjects.csv).
        let r = ketasim("batch", "--subjects", subjects, "--out", dir.appendingPathComponent("study.json").path)
        Self.refused(r, "--per-subject", subjects, file: subjects)
        #expect(try String(contentsOfFile: subjects, encoding: .utf8) == "ID,WT\n1,70\n")
    }

    @Test("merge: --out equal to a shard")
    func merge() throws {
        let dir = tempDir()
        let part = dir.appendingPathComponent("p.json").path
        #expect(ketasim("batch", "--n", "4", "--shard", "1/1", "--out", part, "--quiet").code == 0)
        Self.refused(ketasim("merge", part, "--out", part), "--out", part, file: part)
    }
}

func SharedData_repo(_ relative: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(relative).path
}

/// `--out x.csv` / `--out x.json` without `--format` writes that format (as `batch` and `merge`
/// do), not the terminal table; an explicit `--format` wins.
@Suite("Output format from the --out extension")
struct OutputFormatFromExtensionTests {
    static func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
        let c = Captured()
        let code = Ketasim.run(args, console: c.console)
        return (code, c.out, c.err)
    }

    @Test("simulate, compare and plan: .csv gives CSV (header first), .json gives JSON, .txt a table",
          arguments: [["simulate", "--route", "im", "--dose", "0.5mg/kg"],
                      ["compare", "--routes", "im,in", "--doses", "0.5mg/kg,1mg/kg"],
                      ["plan", "--protocol", "murrough-2013", "--weight", "70kg", "--start", "2026-12-01"]])
    func fromExtension(_ command: [String]) throws {
        let dir = tempDir()
        let csv = dir.appendingPathComponent("out.csv").path
        let r = Self.run(command + ["--out", csv])
        #expect(r.code == 0, "\(r.err)")
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        let header = text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains(",") && !header.hasPrefix("ketasim") && !header.hasPrefix("#"), "\(header)")
        let json = dir.appendingPathComponent("out.json").path
        #expect(Self.run(command + ["--out", json]).code == 0)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json)))
        #expect(object is [String: Any])
        let txt = dir.appendingPathComponent("out.txt").path
        #expect(Self.run(command + ["--out", txt]).code == 0)
        #expect(try String(contentsOfFile: txt, encoding: .utf8).hasPrefix("ketasim"))
        // An explicit --format wins over the extension.
        #expect(Self.run(command + ["--format", "table", "--out", csv]).code == 0)
        #expect(try String(contentsOfFile: csv, encoding: .utf8).hasPrefix("ketasim"))
    }
}
