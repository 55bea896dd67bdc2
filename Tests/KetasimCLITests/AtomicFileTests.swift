import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import KetasimCLI

private func p(_ dir: URL, _ name: String) -> String { dir.appendingPathComponent(name).path }

private func fileType(_ path: String) -> mode_t? {
    var st = stat()
    guard lstat(path, &st) == 0 else { return nil }
    return st.st_mode & S_IFMT
}

private func isRegular(_ path: String) -> Bool { fileType(path) == S_IFREG }
private func isSymlink(_ path: String) -> Bool { fileType(path) == S_IFLNK }

private func permissions(_ path: String) -> mode_t {
    var st = stat()
    guard lstat(path, &st) == 0 else { return 0o7777 }
    return st.st_mode & 0o777
}

/// The umask, read independently of the code under test (set and restored at once).
private func testUmask() -> mode_t {
    let m = umask(0o077)
    _ = umask(m)
    return m
}

private func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

/// ketasim's temporary files left in `dir`.
private func temporaries(_ dir: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter(OutputFile.isTemporaryName).sorted()
}

/// The pid of a process that has exited (and been reaped).
private func deadPID() throws -> pid_t {
    let t = Process()
    t.executableURL = URL(fileURLWithPath: "/bin/sh")
    t.arguments = ["-c", "exit 0"]
    try t.run()
    t.waitUntilExit()
    return t.processIdentifier
}

/// Every ketasim command that writes files, with its arguments (into `dir`) and the names of the
/// outputs it writes there. Merge first writes its shards into a subfolder.
private func writer(_ name: String, in dir: URL) throws -> (args: [String], outputs: [String]) {
    switch name {
    case "simulate":
        return (["simulate", "--route", "im", "--dose", "35mg", "--format", "csv", "--out", p(dir, "o.csv"),
                 "--svg", p(dir, "o.svg"), "--html", p(dir, "o.html")], ["o.csv", "o.svg", "o.html"])
    case "compare":
        return (["compare", "--out", p(dir, "c.txt"), "--svg", p(dir, "c.svg"), "--html", p(dir, "c.html")], ["c.txt", "c.svg", "c.html"])
    case "nm":
        let data = dir.appendingPathComponent("data").appendingPathComponent("d.csv")
        try FileManager.default.createDirectory(at: data.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "ID,TIME,EVID,AMT,CMT\n1,0,1,100,1\n1,1,0,0,1\n".write(to: data, atomically: true, encoding: .utf8)
        return (["nm", data.path, "--model", "1cmt-iv", "--out", p(dir, "n.csv")], ["n.csv"])
    case "plan":
        return (["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--weight", "70kg", "--out", p(dir, "p.txt"),
                 "--svg", p(dir, "p.svg"), "--html", p(dir, "p.html")], ["p.txt", "p.svg", "p.html"])
    case "batch":
        return (batchArgs + ["--out", p(dir, "b.json"), "--curves", p(dir, "b.curves.csv"), "--svg", p(dir, "b.svg"), "--html", p(dir, "b.html")],
                ["b.json", "b.subjects.csv", "b.curves.csv", "b.svg", "b.html"])
    case "merge":
        let shards = dir.appendingPathComponent("shards")
        try FileManager.default.createDirectory(at: shards, withIntermediateDirectories: true)
        var parts: [String] = []
        for k in 1...2 {
            let out = p(shards, "part-\(k).json")
            let r = ketasim(batchArgs + ["--shard", "\(k)/2", "--out", out, "--curves", p(shards, "part-\(k).curves.csv")])
            #expect(r.code == 0, "\(r.err)")
            parts.append(out)
        }
        return (["merge"] + parts + ["--out", p(dir, "m.json"), "--curves", p(dir, "m.curves.csv"), "--svg", p(dir, "m.svg"), "--html", p(dir, "m.html")],
                ["m.json", "m.subjects.csv", "m.curves.csv", "m.svg", "m.html"])
    default:
        fatalError(name)
    }
}

private let batchArgs = ["batch", "--profile", "herd-2007", "--n", "20", "--seed", "3", "--dose", "0.5mg/kg", "--route", "iv",
                         "--duration", "4h", "--step", "20min", "--quiet"]

private func ketasim(_ args: [String]) -> (code: Int32, out: String, err: String) {
    let c = Captured()
    let code = Ketasim.run(args, console: c.console)
    return (code, c.out, c.err)
}

private let writers = ["simulate", "compare", "nm", "plan", "batch", "merge"]

@Suite("output files (exclusive temporary files, fsync, rename)")
struct AtomicFileTests {
    @Test("a symbolic link planted under the old predictable temporary name is ignored: its target is untouched, the output is a regular file", arguments: writers)
    func oldTemporaryNameIgnored(command: String) throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (args, outputs) = try writer(command, in: dir)
        let victims = dir.appendingPathComponent("victims")
        try FileManager.default.createDirectory(at: victims, withIntermediateDirectories: true)
        for name in outputs {
            // What ketasim used to open: .<name>.tmp-<pid>, following symbolic links.
            let victim = p(victims, name)
            try "precious \(name)\n".write(toFile: victim, atomically: false, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: p(dir, ".\(name).tmp-\(getpid())"), withDestinationPath: victim)
        }
        let r = ketasim(args)
        #expect(r.code == 0, "\(r.err)")
        for name in outputs {
            #expect(read(p(victims, name)) == "precious \(name)\n", "\(command): \(name)'s victim was written")
            #expect(isRegular(p(dir, name)), "\(command): \(name) is not a regular file")
            #expect((read(p(dir, name)) ?? "").count > 0)
            #expect(isSymlink(p(dir, ".\(name).tmp-\(getpid())")), "the planted link is left alone")
        }
        #expect(temporaries(dir).isEmpty)
    }

    @Test("an existing output that is a symbolic link is replaced by a regular file; the link's target is untouched", arguments: writers)
    func outputSymlinkReplaced(command: String) throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (args, outputs) = try writer(command, in: dir)
        let targets = dir.appendingPathComponent("targets")
        try FileManager.default.createDirectory(at: targets, withIntermediateDirectories: true)
        for name in outputs {
            try "precious \(name)\n".write(toFile: p(targets, name), atomically: false, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: p(dir, name), withDestinationPath: p(targets, name))
        }
        let r = ketasim(args)
        #expect(r.code == 0, "\(r.err)")
        for name in outputs {
            #expect(read(p(targets, name)) == "precious \(name)\n", "\(command): written through the link \(name)")
            #expect(isRegular(p(dir, name)), "\(command): \(name) is still a link")
            #expect(read(p(dir, name)) != "precious \(name)\n")
        }
        #expect(temporaries(dir).isEmpty)
    }

    @Test("the create function never opens an existing path: a symbolic link (to a file or dangling) or a file under the chosen name fails with EEXIST")
    func exclusiveCreate() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let victim = p(dir, "victim")
        try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
        let forced = ".o.csv.ketasim-\(getpid())-0123456789abcdef.tmp"
        try FileManager.default.createSymbolicLink(atPath: p(dir, forced), withDestinationPath: victim)
        #expect(throws: CLIError.failure("--out: cannot write '\(p(dir, "o.csv"))': \(String(cString: strerror(EEXIST)))")) {
            _ = try OutputFile(path: p(dir, "o.csv"), tempName: forced)
        }
        #expect(read(victim) == "precious\n" && isSymlink(p(dir, forced)))

        let dangling = ".d.csv.ketasim-\(getpid())-0123456789abcdef.tmp"
        try FileManager.default.createSymbolicLink(atPath: p(dir, dangling), withDestinationPath: p(dir, "created-through-link"))
        #expect(throws: CLIError.self) { _ = try OutputFile(path: p(dir, "d.csv"), flag: "--curves", tempName: dangling) }
        #expect(!FileManager.default.fileExists(atPath: p(dir, "created-through-link")))

        let plain = ".e.csv.ketasim-\(getpid())-0123456789abcdef.tmp"
        try "someone else's\n".write(toFile: p(dir, plain), atomically: false, encoding: .utf8)
        #expect(throws: CLIError.self) { _ = try OutputFile(path: p(dir, "e.csv"), tempName: plain) }
        #expect(read(p(dir, plain)) == "someone else's\n")

        // A free forced name works, with mode 0600 while writing.
        let free = ".f.csv.ketasim-\(getpid())-0123456789abcdef.tmp"
        let f = try OutputFile(path: p(dir, "f.csv"), tempName: free)
        #expect(f.tempPath == p(dir, free) && isRegular(f.tempPath))
        #expect(permissions(f.tempPath) == 0o600 & ~testUmask())
        try f.write(Data("ok\n".utf8))
        try f.commit()
        #expect(read(p(dir, "f.csv")) == "ok\n" && !FileManager.default.fileExists(atPath: p(dir, free)))
    }

    @Test("temporary names: .<name>.ketasim-<pid>-<16 hex>.tmp, random, recognised; other names are not")
    func names() {
        let a = OutputFile.temporaryName(for: "study.json", pid: 4242), b = OutputFile.temporaryName(for: "study.json", pid: 4242)
        #expect(a != b)
        #expect(a.hasPrefix(".study.json.ketasim-4242-") && a.hasSuffix(".tmp") && a.count == ".study.json.ketasim-4242-".count + 16 + 4)
        #expect(OutputFile.owner(of: a, target: "study.json") == 4242)
        #expect(OutputFile.owner(of: a, target: "other.json") == nil)
        #expect(OutputFile.isTemporaryName(a))
        for n in ["study.json", ".study.json.tmp-4242", ".study.json.ketasim-0-0123456789abcdef.tmp", ".study.json.ketasim--1-0123456789abcdef.tmp",
                  ".study.json.ketasim-12-0123456789abcde.tmp", ".study.json.ketasim-12-0123456789abcdeg.tmp", ".x.ketasim-12-0123456789abcdef.csv"] {
            #expect(!OutputFile.isTemporaryName(n), "\(n)")
            #expect(OutputFile.owner(of: n, target: "study.json") == nil, "\(n)")
        }
        // A long name is shortened in its temporary names, which stay within 255 bytes.
        let long = String(repeating: "é", count: 127) + ".csv"
        let t = OutputFile.temporaryName(for: long, pid: 99999)
        #expect(t.utf8.count <= 255 && OutputFile.owner(of: t, target: long) == 99999)
    }

    @Test("a long output name still writes (its temporary name is shortened)")
    func longName() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = String(repeating: "n", count: 250) + ".csv"
        try AtomicFile.write("x\n", to: p(dir, name))
        #expect(read(p(dir, name)) == "x\n" && temporaries(dir).isEmpty)
    }

    @Test("two concurrent writers of one path leave one whole output, never a mix (whole files and streams)")
    func concurrentWriters() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = p(dir, "same.txt")
        let size = 1 << 20
        let texts = ["A", "B"].map { String(repeating: $0, count: size - 1) + "\n" }
        let bytes = texts.map { Array($0.utf8) }
        final class Failures: @unchecked Sendable {
            let lock = NSLock()
            var list: [String] = []
            func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
        }
        let failures = Failures()
        @Sendable func whole(_ s: String?) -> Bool { s.map { texts.contains($0) } ?? false }
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            for i in 0..<10 {
                do {
                    if i % 2 == 0 {
                        try AtomicFile.write(texts[k], to: path)
                    } else {
                        let s = try StreamingFile(path: path, flag: "--curves")
                        for chunk in stride(from: 0, to: size, by: 4096) {
                            s.write(Data(bytes[k][chunk..<Swift.min(size, chunk + 4096)]))
                            try s.flushIfLarge()
                        }
                        try s.commit()
                    }
                } catch { failures.add("writer \(k): \(error)") }
                if !whole(read(path)) { failures.add("writer \(k), round \(i): a partial or mixed file") }
            }
        }
        #expect(failures.list.isEmpty, "\(failures.list)")
        #expect(whole(read(path)) && isRegular(path))
        #expect(temporaries(dir).isEmpty)

        // Two runs of one command with different outputs into the same --out: one of the two, whole.
        let out = p(dir, "sim.csv")
        let args = ["simulate", "--route", "im", "--format", "csv", "--out", out]
        var expected: [String] = []
        for dose in ["20mg", "35mg"] {
            #expect(ketasim(args + ["--dose", dose]).code == 0)
            expected.append(read(out) ?? "")
        }
        #expect(expected[0] != expected[1])
        for _ in 0..<3 {
            DispatchQueue.concurrentPerform(iterations: 2) { k in _ = ketasim(args + ["--dose", ["20mg", "35mg"][k]]) }
            #expect(expected.contains(read(out) ?? ""))
        }
        #expect(temporaries(dir).isEmpty)
    }

    @Test("a stale temporary file of a dead process is removed by the next write of that target; a live process's is kept")
    func staleTemporaries() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dead = try deadPID()
        let signalled = kill(dead, 0), error = errno
        try #require(signalled != 0 && error == ESRCH, "pid \(dead) was reused")
        let live = Process()
        live.executableURL = URL(fileURLWithPath: "/bin/sleep")
        live.arguments = ["60"]
        try live.run()
        // SIGKILL: a child spawned from a Dispatch worker thread inherits its blocked SIGTERM.
        defer { kill(live.processIdentifier, SIGKILL); live.waitUntilExit() }
        let livePID = live.processIdentifier
        for target in ["o.csv", "b.json", "b.subjects.csv"] {
            let deadTemp = ".\(target).ketasim-\(dead)-00000000000000aa.tmp"
            let liveTemp = ".\(target).ketasim-\(livePID)-00000000000000bb.tmp"
            let ownTemp = ".\(target).ketasim-\(getpid())-00000000000000cc.tmp"
            let otherTarget = ".x\(target).ketasim-\(dead)-00000000000000dd.tmp"
            for n in [deadTemp, liveTemp, ownTemp, otherTarget] { try "partial\n".write(toFile: p(dir, n), atomically: false, encoding: .utf8) }
        }
        try AtomicFile.write("x\n", to: p(dir, "o.csv"))
        #expect(ketasim(batchArgs + ["--out", p(dir, "b.json")]).code == 0)
        let left = temporaries(dir)
        for target in ["o.csv", "b.json", "b.subjects.csv"] {
            #expect(!left.contains(".\(target).ketasim-\(dead)-00000000000000aa.tmp"), "\(target): the dead process's file is left")
            #expect(left.contains(".\(target).ketasim-\(livePID)-00000000000000bb.tmp"), "\(target): the live process's file was removed")
            #expect(left.contains(".\(target).ketasim-\(getpid())-00000000000000cc.tmp"), "\(target): this process's file was removed")
            #expect(left.contains(".x\(target).ketasim-\(dead)-00000000000000dd.tmp"), "\(target): another target's file was removed")
        }
        #expect(left.count == 9)
    }

    @Test("outputs get mode 0666 & ~umask (whole files, streams, batch outputs)")
    func mode() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let expected = 0o666 & ~testUmask()
        try AtomicFile.write("x\n", to: p(dir, "a.txt"))
        let s = try StreamingFile(path: p(dir, "s.csv"), flag: "--curves")
        #expect(permissions(s.tempPath) == 0o600 & expected)
        s.write("y\n")
        try s.commit()
        #expect(ketasim(batchArgs + ["--out", p(dir, "b.json")]).code == 0)
        for name in ["a.txt", "s.csv", "b.json", "b.subjects.csv"] {
            #expect(permissions(p(dir, name)) == expected, "\(name): \(String(permissions(p(dir, name)), radix: 8))")
        }
    }

    @Test("a write error is one line naming the flag and path and leaves no temporary file (whole files and streams)")
    func writeErrors() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Outputs whose names are taken by non-empty folders: rename(2) fails.
        for name in ["o.csv", "b.curves.csv"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(name).appendingPathComponent("inner"), withIntermediateDirectories: true)
        }
        let r = ketasim(["simulate", "--route", "im", "--dose", "35mg", "--format", "csv", "--out", p(dir, "o.csv")])
        #expect(r.code == 1 && r.err.hasPrefix("ketasim: --out: cannot write '\(p(dir, "o.csv"))': "), "\(r.err)")
        #expect(r.err.split(separator: "\n").count == 1)
        let b = ketasim(batchArgs + ["--out", p(dir, "b.json"), "--curves", p(dir, "b.curves.csv")])
        #expect(b.code == 1 && b.err.hasPrefix("ketasim: --curves: cannot write '\(p(dir, "b.curves.csv"))': "), "\(b.err)")
        #expect(b.err.split(separator: "\n").count == 1)
        // --out is put in place last, so a failed run never looks finished to --resume.
        #expect(!FileManager.default.fileExists(atPath: p(dir, "b.json")))
        #expect(temporaries(dir).isEmpty)
        // Writing after the end is an error, not silence.
        let f = try OutputFile(path: p(dir, "late.txt"))
        f.abort()
        #expect(throws: CLIError.self) { try f.write(Data("x".utf8)) }
        #expect(temporaries(dir).isEmpty && !FileManager.default.fileExists(atPath: p(dir, "late.txt")))
    }

    @Test("--resume trusts only regular files under the outputs' names: a symbolic link or a temporary file is not a finished run")
    func resumeTrustsOnlyCompletedFiles() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let elsewhere = dir.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        // A finished run elsewhere, linked under the output's names.
        #expect(ketasim(batchArgs + ["--out", p(elsewhere, "r.json")]).code == 0)
        let finished = read(p(elsewhere, "r.json"))
        for n in ["r.json", "r.subjects.csv"] {
            try FileManager.default.createSymbolicLink(atPath: p(dir, n), withDestinationPath: p(elsewhere, n))
        }
        let linked = ketasim(batchArgs.filter { $0 != "--quiet" } + ["--out", p(dir, "r.json"), "--resume"])
        #expect(linked.code == 0 && !linked.err.contains("nothing to do"), "\(linked.err)")
        #expect(isRegular(p(dir, "r.json")) && isRegular(p(dir, "r.subjects.csv")))
        #expect(read(p(elsewhere, "r.json")) == finished && isRegular(p(elsewhere, "r.subjects.csv")))
        // Now finished here: --resume does nothing.
        let again = ketasim(batchArgs.filter { $0 != "--quiet" } + ["--out", p(dir, "r.json"), "--resume"])
        #expect(again.code == 0 && again.err.contains("nothing to do"), "\(again.err)")

        #expect(AtomicFile.isCompleted(p(dir, "r.json")))
        #expect(!AtomicFile.isCompleted(p(dir, "missing.json")))
        #expect(!AtomicFile.isCompleted(dir.path))
        try FileManager.default.createSymbolicLink(atPath: p(dir, "link.json"), withDestinationPath: p(dir, "r.json"))
        #expect(!AtomicFile.isCompleted(p(dir, "link.json")))
        let temp = p(dir, ".r.json.ketasim-\(getpid())-0123456789abcdef.tmp")
        try FileManager.default.copyItem(atPath: p(dir, "r.json"), toPath: temp)
        #expect(!AtomicFile.isCompleted(temp))
    }
}
