import Foundation
import Testing
@testable import KetasimCLI

/// A CSV's provenance sidecar (`FILE.meta.json`) must not outlive the CSV: writing a table or JSON
/// to the same path removes it, and a file there that is not ketasim's sidecar of it is kept.
@Suite("Stale provenance sidecars")
struct StaleSidecarTests {
    /// (command and arguments, file name, the format written second).
    static let cases: [([String], String, String)] = [
        (["simulate", "--route", "im", "--dose", "35mg"], "arm.csv", "table"),
        (["batch", "--n", "8", "--duration", "6h"], "b.out", "json"),
    ]

    @Test("CSV then another format to the same --out removes the CSV's sidecar", arguments: cases)
    func csvThenOther(args: [String], name: String, second: String) throws {
        func run(_ a: [String]) -> (code: Int32, err: String) {
            let c = Captured()
            return (Ketasim.run(a, console: c.console), c.err)
        }
        let out = tempDir().appendingPathComponent(name).path
        let side = out + ".meta.json"
        let csv = run(args + ["--format", "csv", "--out", out])
        #expect(csv.code == 0, "\(csv.err)")
        #expect(FileManager.default.fileExists(atPath: side))
        let other = run(args + ["--format", second, "--out", out])
        #expect(other.code == 0, "\(other.err)")
        #expect(!FileManager.default.fileExists(atPath: side), "the sidecar of the old CSV is still there")
        #expect(try !String(contentsOfFile: out, encoding: .utf8).isEmpty)
    }

    @Test("a .meta.json that is not ketasim's sidecar of this file is left alone")
    func foreignFileKept() throws {
        let dir = tempDir()
        let out = dir.appendingPathComponent("arm.txt").path
        let side = out + ".meta.json"
        let foreign = #"{"note": "mine", "file": "arm.txt"}"# + "\n"
        try foreign.write(toFile: side, atomically: true, encoding: .utf8)
        let r = ketasim("simulate", "--route", "im", "--dose", "35mg", "--format", "table", "--out", out)
        #expect(r.code == 0, "\(r.err)")
        #expect(try String(contentsOfFile: side, encoding: .utf8) == foreign)
        // A ketasim sidecar of another file (its "file" names something else) stays too.
        let other = #"{"ketasim": "0.1.0", "file": "other.csv"}"# + "\n"
        try other.write(toFile: side, atomically: true, encoding: .utf8)
        #expect(ketasim("simulate", "--route", "im", "--dose", "35mg", "--format", "table", "--out", out).code == 0)
        #expect(try String(contentsOfFile: side, encoding: .utf8) == other)
    }
}
