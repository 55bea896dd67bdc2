import Foundation
import Testing
import TestSupport

/// The built `ketasim` executable beside the test bundle (swift build builds it with the tests).
func ketasimBinary() -> String? {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<3 {
        let candidate = dir.appendingPathComponent("ketasim").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    let fallback = SharedData.repositoryRoot.appendingPathComponent(".build/debug/ketasim").path
    return FileManager.default.isExecutableFile(atPath: fallback) ? fallback : nil
}

/// Runs a shell command line; returns the exit status and standard error.
func shell(_ command: String) throws -> (code: Int32, err: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = ["-c", command]
    let err = Pipe()
    p.standardError = err
    try p.run()
    let data = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Issue 16, part 5: writing to a full device or a closed pipe never traps.
@Suite("Standard output errors")
struct StandardStreamTests {
    /// A fresh folder with a data set whose `nm --sim 20000` table (40 million rows) takes minutes.
    static func longRun() throws -> (dir: URL, data: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ketasim-sig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let data = dir.appendingPathComponent("d.csv").path
        var csv = "ID,TIME,EVID,AMT,CMT\n1,0,1,35,1\n"
        for i in 1...2000 { csv += "1,\(Double(i) / 100),0,0,1\n" }
        try csv.write(toFile: data, atomically: true, encoding: .utf8)
        return (dir, data)
    }

    @Test("> /dev/full: exit 1, one line on stderr naming the error")
    func fullDevice() throws {
        let bin = try #require(ketasimBinary(), "ketasim executable not built")
        let r = try shell("'\(bin)' simulate --route iv --dose 35mg > /dev/full")
        #expect(r.code == 1, "\(r.err)")
        #expect(r.err == "ketasim: cannot write standard output: No space left on device\n", "\(r.err)")
    }

    @Test("| head: the closed pipe ends the process quietly with status 141")
    func closedPipe() throws {
        let bin = try #require(ketasimBinary(), "ketasim executable not built")
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("ketasim-pipe-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        var csv = "ID,TIME,EVID,AMT,CMT\n1,0,1,100,1\n"
        for i in 1...20000 { csv += "1,\(Double(i) / 100),0,0,1\n" }
        try csv.write(toFile: data, atomically: true, encoding: .utf8)
        let r = try shell("set -o pipefail; '\(bin)' nm '\(data)' --model 1cmt-iv | head -c 10 > /dev/null")
        #expect(r.code == 141, "\(r.err)")
        // No error message: at most the CSV's one provenance line ("ketasim nm: ..."), never "ketasim: ...".
        #expect(!r.err.contains("ketasim: ") && r.err.split(separator: "\n").count <= 1, "\(r.err)")
    }

    @Test("an interrupted nm --sim --out (SIGTERM, as Ctrl-C or a batch scheduler sends) leaves no temporary file beside the target")
    func interruptedStreamLeavesNoTemporaryFile() throws {
        let bin = try #require(ketasimBinary(), "ketasim executable not built")
        let (dir, data) = try Self.longRun()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("big.csv").path
        // 40 million rows take minutes: stopped once the temporary file exists (SIGINT would be
        // ignored by a background job of a non-interactive shell until ketasim installs its handler).
        let r = try shell("""
            '\(bin)' nm '\(data)' --profile herd-2007 --sim 20000 --threads 1 --out '\(out)' 2>/dev/null & pid=$!
            for i in $(seq 1 600); do
              if ls -a '\(dir.path)' | grep -q 'ketasim-.*tmp'; then echo seen >&2; break; fi
              sleep 0.05
            done
            sleep 0.5; kill -TERM $pid
            for i in $(seq 1 100); do kill -0 $pid 2>/dev/null || break; sleep 0.05; done
            kill -KILL $pid 2>/dev/null; wait $pid; exit 0
            """)
        #expect(r.code == 0 && r.err.contains("seen"), "the temporary file never appeared: \(r.err)")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(left.sorted() == ["d.csv"], "left behind: \(left) \(r.err)")
    }

    @Test("a signal the parent ignores stays ignored (nohup's SIGHUP): the run goes on; SIGTERM still cleans up")
    func ignoredSignalStaysIgnored() throws {
        let bin = try #require(ketasimBinary(), "ketasim executable not built")
        let (dir, data) = try Self.longRun()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try shell("""
            trap '' HUP
            '\(bin)' nm '\(data)' --profile herd-2007 --sim 20000 --threads 1 --out '\(dir.path)/big.csv' 2>/dev/null & pid=$!
            for i in $(seq 1 600); do
              if ls -a '\(dir.path)' | grep -q 'ketasim-.*tmp'; then break; fi
              sleep 0.05
            done
            kill -HUP $pid; sleep 0.5
            if kill -0 $pid 2>/dev/null; then echo alive >&2; fi
            kill -TERM $pid
            for i in $(seq 1 100); do kill -0 $pid 2>/dev/null || break; sleep 0.05; done
            kill -KILL $pid 2>/dev/null; wait $pid; exit 0
            """)
        #expect(r.err.contains("alive"), "SIGHUP ended the run: \(r.err)")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(left.sorted() == ["d.csv"], "left behind: \(left)")
    }
}

@Suite("Signal dispositions after a run")
struct SignalDispositionTests {
    /// Whether `s` is ignored now, read without changing it.
    static func ignored(_ s: Int32) -> Bool {
        var old = sigaction()
        sigaction(s, nil, &old)
        return unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    @Test("a batch run in this process leaves SIGINT and SIGTERM as it found them (not ignored)")
    func notLeftIgnored() throws {
        try #require(!Self.ignored(SIGINT) && !Self.ignored(SIGTERM), "the test process starts with them ignored")
        let out = tempDir().appendingPathComponent("b.json").path
        #expect(ketasim("batch", "--n", "4", "--duration", "2h", "--out", out, "--per-subject", out + ".csv").code == 0)
        #expect(!Self.ignored(SIGINT) && !Self.ignored(SIGTERM))
    }
}
