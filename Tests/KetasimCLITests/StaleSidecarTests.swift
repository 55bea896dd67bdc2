import Foundation
import Testing
@testable import KetasimCLI

/// A CSV's provenance sidecar (`FILE.meta.json`) must not outlive the CSV: writing a table or JSON
/// to the same path removes it, and a file there that is not ketasim's sidecar of it is kept.
@Suite("Stale provenance sidecars")
struct StaleSidecarTests {
    @Test("simulate: CSV then table to the same --out removes the CSV's sidecar")
    func simulateCSVThenTable() throws {
        let dir = tempDir()
        let out = dir.appendingPathComponent("arm.csv").path
        let side = out + ".meta.json"
        let csv = ketasim("simulate", "--route", "im", "--dose", "35mg", "--format", "csv", "--out", out)
        #expect(csv.code == 0, "\(csv.err)")
        #expect(FileManager.default.fileExists(atPath: side))
        let table = ketasim("simulate", "--route", "im", "--dose", "35mg", "--format", "table", "--out", out)
        #expect(table.code == 0, "\(table.err)")
        #expect(!FileManager.default.fileExists(atPath: side), "the sidecar of the old CSV is still there")
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("Cmax"))
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

    @Test("batch: CSV then JSON to the same --out removes the CSV's sidecar")
    func batchCSVThenJSON() throws {
        let dir = tempDir()
        let out = dir.appendingPathComponent("b.out").path
        let side = out + ".meta.json"
        let csv = ketasim("batch", "--n", "8", "--duration", "6h", "--format", "csv", "--out", out)
        #expect(csv.code == 0, "\(csv.err)")
        #expect(FileManager.default.fileExists(atPath: side))
        let json = ketasim("batch", "--n", "8", "--duration", "6h", "--format", "json", "--out", out)
        #expect(json.code == 0, "\(json.err)")
        #expect(!FileManager.default.fileExists(atPath: side))
    }
}
