import Foundation
import Testing
@testable import Studies
@testable import Reports
@testable import KetasimCLI

/// Issue 16, part 7: --resume skips a shard only when its per-subject file is complete and unchanged.
private func ketasim(_ args: [String]) -> (code: Int32, out: String, err: String) {
    let c = Captured()
    let code = Ketasim.run(args, console: c.console)
    return (code, c.out, c.err)
}

@Suite("Resume checks the streamed files")
struct ResumeDigestTests {
    @Test("a truncated per-subject file is detected: the shard runs again and the file is whole again")
    func truncated() throws {
        let dir = tempDir()
        let out = dir.appendingPathComponent("s.json").path, rows = dir.appendingPathComponent("s.subjects.csv").path
        let args = ["batch", "--n", "200", "--seed", "5", "--shard", "1/2", "--out", out, "--quiet"]
        #expect(ketasim(args).code == 0)
        let whole = try Data(contentsOf: URL(fileURLWithPath: rows))
        let doc = try BatchReport.document(try String(contentsOfFile: out, encoding: .utf8), origin: out)
        #expect(doc.perSubjectDigest?.rows == whole.split(separator: 0x0A, omittingEmptySubsequences: false).count - 1)
        #expect(doc.perSubjectDigest == FileDigest(path: rows))
        // Intact: nothing to do.
        let skip = ketasim(Array(args.dropLast()) + ["--resume"])
        #expect(skip.code == 0 && skip.err.contains("nothing to do"), "\(skip.err)")
        // Truncated (as a killed copy would leave it): detected, rerun, whole again.
        try whole.prefix(whole.count / 3).write(to: URL(fileURLWithPath: rows))
        let again = ketasim(Array(args.dropLast()) + ["--resume"])
        #expect(again.code == 0)
        #expect(again.err.contains("--resume: \(rows) does not match") && !again.err.contains("nothing to do"), "\(again.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: rows)) == whole)
        // Same length, one byte changed: the checksum catches it.
        var flipped = whole
        flipped[flipped.count - 3] = flipped[flipped.count - 3] == 0x31 ? 0x32 : 0x31
        try flipped.write(to: URL(fileURLWithPath: rows))
        let changed = ketasim(Array(args.dropLast()) + ["--resume", "--quiet"])
        #expect(changed.code == 0 && !changed.err.contains("nothing to do"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: rows)) == whole)
    }

    @Test("merge refuses a shard whose per-subject file was truncated, naming it")
    func mergeTruncated() throws {
        let dir = tempDir()
        var parts: [String] = []
        for k in 1...2 {
            let p = dir.appendingPathComponent("p\(k).json").path
            #expect(ketasim(["batch", "--n", "40", "--shard", "\(k)/2", "--out", p, "--quiet"]).code == 0)
            parts.append(p)
        }
        let rows = dir.appendingPathComponent("p2.subjects.csv")
        let whole = try Data(contentsOf: rows)
        try whole.prefix(whole.count - 10).write(to: rows)
        let m = ketasim(["merge"] + parts + ["--out", dir.appendingPathComponent("all.json").path])
        #expect(m.code == 1)
        #expect(m.err.contains("merge: \(rows.path) does not match the line count and checksum recorded in \(parts[1])"), "\(m.err)")
    }
}

/// The subjects-file digest is FNV-1a (64 bit): the published test vectors.
struct FNV1aDigestTests {
    @Test("FNV-1a 64 of '', 'a' and 'foobar' are the reference values", arguments: [
        ("", "cbf29ce484222325"), ("a", "af63dc4c8601ec8c"), ("foobar", "85944171f73967e8"),
    ])
    func vectors(text: String, expected: String) {
        #expect(BatchJob.fnv1a(Data(text.utf8)) == expected)
    }
}
