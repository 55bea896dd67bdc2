// ketasim-fuzz: mutates the valid inputs of the repository (CSV data sets, JSON models, profiles,
// protocols, text models, argument lists) for a given time and runs each case through the
// `ketasim` executable built beside it (the CLI's own entry point, Ketasim.main), one process per
// case so that a trap cannot stop the harness. Findings:
//
//   crash      the process died of a signal (a trap, a force unwrap, an out-of-range index, ...)
//   hang       the case ran longer than --timeout seconds (killed)
//   exit       an exit status other than 0, 1 or 64
//   multiline  a failing case whose standard error is not exactly one line
//
// Each finding gets a folder under --out with the input files, the standard error and a `repro.sh`.
// The exit status is 1 when there is any finding, so CI fails on it.
//
//   ketasim-fuzz [--seconds 60] [--seed N] [--timeout 10] [--out fuzz-findings] [--root .] [--ketasim PATH]
import Foundation
import KetasimCLI

struct Options {
    var seconds = 60.0
    var seed: UInt64 = UInt64(Date().timeIntervalSince1970)
    var timeout = 10.0
    var out = "fuzz-findings"
    var root = "."
    var ketasim: String? = nil
}

func parseOptions() -> Options {
    var o = Options()
    var args = Array(CommandLine.arguments.dropFirst())
    func fail(_ m: String) -> Never { FileHandle.standardError.write(Data("ketasim-fuzz: \(m)\n".utf8)); exit(64) }
    while !args.isEmpty {
        let a = args.removeFirst()
        guard !args.isEmpty else { fail("\(a): missing value") }
        let v = args.removeFirst()
        switch a {
        case "--seconds": guard let x = Double(v), x > 0 else { fail("--seconds: '\(v)'") }; o.seconds = x
        case "--seed": guard let x = UInt64(v) else { fail("--seed: '\(v)'") }; o.seed = x
        case "--timeout": guard let x = Double(v), x > 0 else { fail("--timeout: '\(v)'") }; o.timeout = x
        case "--out": o.out = v
        case "--root": o.root = v
        case "--ketasim": o.ketasim = v
        default: fail("unknown option '\(a)'")
        }
    }
    return o
}

/// SplitMix64: a small deterministic generator, so a seed reproduces a run.
struct Rng {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
    mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
}

enum Kind: String { case dataSet = "csv", jsonModel = "model.json", textModel = "model", profile = "profile.json", protocolFile = "protocol.json", args }

struct Seed { var kind: Kind; var text: String }

let extremes = ["0", "-1", "1e308", "-1e308", "1e-320", "2147483648", "9223372036854775807", "4294967296", "NaN", "inf",
                "-0", "1e12", "0.000001", "", "\"\"", "null", "[]", "{}", "1e20", "999999999"]

func mutateText(_ text: String, _ r: inout Rng) -> String {
    var t = Array(text.utf8)
    let rounds = 1 + r.int(4)
    for _ in 0..<rounds {
        switch r.int(7) {
        case 0 where !t.isEmpty:   // replace a number with an extreme
            let digits = t.indices.filter { (0x30...0x39).contains(t[$0]) }
            guard let i = digits.isEmpty ? nil : r.pick(digits) else { continue }
            var s = i, e = i
            while s > 0, (0x30...0x39).contains(t[s - 1]) || t[s - 1] == 0x2E || t[s - 1] == 0x2D || t[s - 1] == 0x65 { s -= 1 }
            while e + 1 < t.count, (0x30...0x39).contains(t[e + 1]) || t[e + 1] == 0x2E || t[e + 1] == 0x65 { e += 1 }
            t.replaceSubrange(s...e, with: Array(r.pick(extremes).utf8))
        case 1 where !t.isEmpty:   // flip a byte
            t[r.int(t.count)] = UInt8(truncatingIfNeeded: r.next())
        case 2 where !t.isEmpty:   // delete a chunk
            let i = r.int(t.count), n = Swift.min(t.count - i, 1 + r.int(40))
            t.removeSubrange(i..<(i + n))
        case 3 where !t.isEmpty:   // duplicate a chunk
            let i = r.int(t.count), n = Swift.min(t.count - i, 1 + r.int(80))
            t.insert(contentsOf: t[i..<(i + n)], at: r.int(t.count))
        case 4:                    // duplicate or drop a line
            var lines = String(decoding: t, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard !lines.isEmpty else { continue }
            let i = r.int(lines.count)
            if r.chance(0.5) { lines.insert(lines[i], at: i) } else { lines.remove(at: i) }
            t = Array(lines.joined(separator: "\n").utf8)
        case 5 where !t.isEmpty:   // truncate
            t = Array(t.prefix(r.int(t.count)))
        default:                   // insert a random token
            t.insert(contentsOf: Array(r.pick(extremes + [",", "\"k\":", "-", "=", "(", ")", "\n", "#"]).utf8), at: r.int(t.count + 1))
        }
    }
    return String(decoding: t, as: UTF8.self)
}

/// Argument lists of valid commands; values are mutated, options dropped, duplicated or added.
let argumentSeeds: [[String]] = [
    ["simulate", "--route", "iv", "--dose", "35mg", "--infusion", "40min"],
    ["simulate", "--route", "im", "--dose", "0.5mg/kg", "--weight", "70kg", "--duration", "12h", "--format", "csv"],
    ["simulate", "--route", "po", "--dose", "100mg", "--every", "8h", "--count", "3", "--ka", "1/h", "--lag", "10min"],
    ["compare", "--no-chart", "--routes", "iv,im", "--doses", "35mg,50mg"],
    ["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--weight", "70kg", "--response", "1:none"],
    ["plan", "--find-dose", "--route", "im", "--target-peak", "150ng/mL", "--weight", "70kg"],
    ["batch", "--n", "20", "--seed", "3", "--duration", "6h", "--step", "30min", "--percentiles", "5,50,95"],
    ["batch", "--n", "12", "--route", "im", "--dose", "0.5mg/kg", "--threshold", "100", "--format", "csv"],
    ["validate"], ["profiles", "show", "herd-2007"], ["models"],
]

func mutateArgs(_ a: [String], _ r: inout Rng) -> [String] {
    var args = a
    for _ in 0..<(1 + r.int(3)) {
        switch r.int(5) {
        case 0 where args.count > 1:
            let i = 1 + r.int(args.count - 1)
            if args[i - 1] == "--n" { continue }   // the subject count scales the work by design
            args[i] = r.chance(0.5) ? r.pick(extremes) : mutateText(args[i], &r)
        case 1 where args.count > 1: args.remove(at: 1 + r.int(args.count - 1))
        case 2 where args.count > 1: let i = 1 + r.int(args.count - 1); args.insert(args[i], at: i)
        case 3: args.append(r.pick(["--format", "--weight", "--duration", "--step", "--site", "--window", "--band", "--every"]))
            args.append(r.pick(extremes + ["json", "effect", "70kg", "1h", "1s", "100-250ng/mL"]))
        default: args.insert(r.pick(["--help", "-h", "--", "-", "--=", "--out", "-1"]), at: 1 + r.int(args.count))
        }
    }
    return args
}

let defaultDataSet = "ID,TIME,EVID,AMT,CMT,RATE,II,ADDL,SS\n1,0,1,100,1,0,12,2,0\n1,1,0,0,1,0,0,0,0\n1,6,0,0,1,0,0,0,0\n1,30,0,0,1,0,0,0,0\n2,0,1,50,1,25,0,0,0\n2,4,0,0,1,0,0,0,0\n"

func collectSeeds(_ root: String) -> [Seed] {
    var seeds: [Seed] = [Seed(kind: .dataSet, text: defaultDataSet),
                         Seed(kind: .dataSet, text: "ID,TIME,EVID,AMT,CMT,II,SS\n1,0,1,100,1,24,1\n1,2,0,0,1,0,0\n")]
    let fm = FileManager.default
    for dir in ["Tests", "Profiles"] {
        guard let e = fm.enumerator(atPath: "\(root)/\(dir)") else { continue }
        for case let rel as String in e {
            let path = "\(root)/\(dir)/\(rel)"
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), text.utf8.count < 400_000 else { continue }
            if rel.hasSuffix(".profile.json") { seeds.append(Seed(kind: .profile, text: text)) }
            else if rel.hasSuffix("protocols.json"),
                    let o = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                    let ps = o["protocols"] as? [[String: Any]] {
                for p in ps { if let d = try? JSONSerialization.data(withJSONObject: p, options: [.prettyPrinted]) { seeds.append(Seed(kind: .protocolFile, text: String(decoding: d, as: UTF8.self))) } }
            } else if rel.hasSuffix(".model.json") { seeds.append(Seed(kind: .jsonModel, text: text)) }
            else if rel.hasSuffix(".model") { seeds.append(Seed(kind: .textModel, text: text)) }
            else if rel.hasSuffix(".csv") { seeds.append(Seed(kind: .dataSet, text: text)) }
        }
    }
    return seeds
}

struct Outcome { var status: Int32; var signal: Int32?; var timedOut: Bool; var stderr: String }

func run(_ bin: String, _ args: [String], in dir: String, timeout: Double) -> Outcome {
    let errPath = "\(dir)/stderr.txt"
    guard FileManager.default.createFile(atPath: errPath, contents: nil) else {
        // The harness's own scratch folder failed, not ketasim: stop rather than report a finding.
        FileHandle.standardError.write(Data("ketasim-fuzz: cannot create \(errPath)\n".utf8))
        exit(2)
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: bin)
    p.arguments = args
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    p.standardInput = FileHandle.nullDevice
    p.standardOutput = FileHandle.nullDevice
    let errHandle = FileHandle(forWritingAtPath: errPath)!
    p.standardError = errHandle
    do { try p.run() } catch { return Outcome(status: -1, signal: nil, timedOut: false, stderr: "spawn failed: \(error)") }
    let deadline = Date().addingTimeInterval(timeout)
    var timedOut = false
    while p.isRunning {
        if Date() > deadline { kill(p.processIdentifier, SIGKILL); timedOut = true; p.waitUntilExit(); break }
        usleep(2_000)
    }
    p.waitUntilExit()
    try? errHandle.close()
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    let sig: Int32? = p.terminationReason == .uncaughtSignal ? p.terminationStatus : nil
    return Outcome(status: p.terminationStatus, signal: sig, timedOut: timedOut, stderr: err)
}

func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

let o = parseOptions()
let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
let bin = o.ketasim ?? here.appendingPathComponent("ketasim").path
guard FileManager.default.isExecutableFile(atPath: bin) else {
    FileHandle.standardError.write(Data("ketasim-fuzz: no ketasim executable at \(bin) (build it, or give --ketasim PATH)\n".utf8))
    exit(1)
}
let seeds = collectSeeds(o.root)
let work = FileManager.default.temporaryDirectory.appendingPathComponent("ketasim-fuzz-\(getpid())").path
try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: work) }
print("ketasim-fuzz: seed \(o.seed), \(Int(o.seconds)) s, \(seeds.count) seed files, timeout \(o.timeout) s per case, \(bin)")

var rng = Rng(state: o.seed)
var cases = 0, findings = 0
let start = Date()
while Date().timeIntervalSince(start) < o.seconds {
    cases += 1
    let caseDir = "\(work)/case"
    try? FileManager.default.removeItem(atPath: caseDir)
    try? FileManager.default.createDirectory(atPath: caseDir, withIntermediateDirectories: true)
    var args: [String]
    if rng.chance(0.3) {
        args = mutateArgs(rng.pick(argumentSeeds), &rng)
    } else {
        let s = rng.pick(seeds)
        let file = "input.\(s.kind.rawValue)"
        try? mutateText(s.text, &rng).write(toFile: "\(caseDir)/\(file)", atomically: false, encoding: .utf8)
        try? defaultDataSet.write(toFile: "\(caseDir)/data.csv", atomically: false, encoding: .utf8)
        switch s.kind {
        case .dataSet: args = ["nm", file, "--model", rng.pick(["1cmt-iv", "1cmt-oral", "2cmt-oral"])]
        case .jsonModel, .textModel: args = ["nm", "data.csv", "--model", file]
        case .profile:
            args = rng.chance(0.5) ? ["simulate", "--profile", file, "--route", "iv", "--dose", "35mg", "--infusion", "40min"]
                                   : ["batch", "--profile", file, "--n", "8", "--duration", "6h", "--step", "30min"]
        case .protocolFile: args = ["plan", "--protocol", file, "--start", "2026-12-01", "--weight", "70kg"]
        case .args: args = []
        }
    }
    let r = run(bin, args, in: caseDir, timeout: o.timeout)
    var kind: String? = nil
    if r.timedOut { kind = "hang" }
    else if let s = r.signal { kind = "crash-signal\(s)" }
    else if ![0, 1, 64].contains(r.status) { kind = "exit\(r.status)" }
    else if r.status != 0 && (r.stderr.filter { $0 == "\n" }.count != 1 || !r.stderr.hasSuffix("\n")) { kind = "multiline" }
    guard let kind else { continue }
    findings += 1
    let dest = "\(o.out)/\(String(format: "%03d", findings))-\(kind)"
    try? FileManager.default.createDirectory(atPath: o.out, withIntermediateDirectories: true)
    try? FileManager.default.removeItem(atPath: dest)
    try? FileManager.default.copyItem(atPath: caseDir, toPath: dest)
    let repro = "#!/bin/sh\n# ketasim-fuzz seed \(o.seed), case \(cases): \(kind)\ncd \"$(dirname \"$0\")\"\nexec \"${KETASIM:-ketasim}\" \(args.map(shellQuote).joined(separator: " "))\n"
    try? repro.write(toFile: "\(dest)/repro.sh", atomically: true, encoding: .utf8)
    chmod("\(dest)/repro.sh", 0o755)
    print("FINDING \(kind): \(dest)/repro.sh  (\(args.joined(separator: " ")))  \(r.stderr.split(separator: "\n").first ?? "")")
}
print("ketasim-fuzz: \(cases) cases in \(Int(Date().timeIntervalSince(start))) s, \(findings) finding(s)")
exit(findings == 0 ? 0 : 1)
