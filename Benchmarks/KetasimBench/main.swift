// ketasim-bench: speed and accuracy of the exact and ODE paths on workloads W1–W3
// (../shared/bench/WORKLOADS.md) and W4 (nm --sim on a NONMEM data set, issue 15). Prints figures; asserts nothing about speed.
//
//   swift run -c release ketasim-bench [W1|W2|W3|W4|all] [--n N] [--threads N] [--repeat R]
//        [--record FILE] [--write-readme] [--compare OLD.jsonl NEW.jsonl] [--quick]
import Foundation
import KetasimWorkloads
import PKCore

var args = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    let v = args[i + 1]
    args.removeSubrange(i...(i + 1))
    return v
}
@MainActor func flag(_ name: String) -> Bool {
    guard let i = args.firstIndex(of: name) else { return false }
    args.remove(at: i)
    return true
}
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ketasim-bench: \(message)\n".utf8))
    exit(64)
}

if flag("--help") || flag("-h") {
    print("""
    Usage: ketasim-bench [W1|W2|W3|W4|all] [--n N] [--threads N] [--repeat R] [--record FILE] [--write-readme]
           ketasim-bench --compare OLD.jsonl NEW.jsonl
    Runs the workloads of ../shared/bench/WORKLOADS.md on the shared subjects and prints wall time (best of
    R runs), subjects/s, checksums, errors against the exact references, a W3 work-precision table and the
    per-subject cost of the exact and ODE paths; W4: nm --sim rows/s next to the single nm run.
    --quick uses small N for a smoke run.
    """)
    exit(0)
}
if let old = option("--compare") {
    guard let new = args.first else { fail("--compare needs OLD.jsonl NEW.jsonl") }
    Recorder.compare(oldPath: old, newPath: new)
    exit(0)
}
let quick = flag("--quick")
let writeReadme = flag("--write-readme")
let recordPath = option("--record")
let threads = option("--threads").map { Int($0) ?? -1 } ?? ProcessInfo.processInfo.activeProcessorCount
guard threads >= 1 else { fail("--threads must be a whole number ≥ 1") }
let repeats = option("--repeat").map { Int($0) ?? -1 } ?? (quick ? 2 : 5)
guard repeats >= 1 else { fail("--repeat must be a whole number ≥ 1") }
let nOption = option("--n").map { Int($0) ?? -1 }
if let n = nOption, n < 1 { fail("--n must be a whole number ≥ 1") }
let which = (args.first ?? "all").uppercased()
guard ["W1", "W2", "W3", "W4", "ALL"].contains(which) else { fail("unknown workload '\(args.first!)' (W1, W2, W3, W4, all)") }

var report = Report(threads: threads)
report.figures["lanes"] = Double(Lanes.scalarCount)
print("ketasim-bench on \(report.machine) — \(threads) thread(s), best of \(repeats)")
if BenchSubjects.sharedFile("subjects.csv") == nil {
    print("note: ../shared/bench/subjects.csv not found: subjects generated in code (same distributions, other draws); checksums are not comparable with the peer references")
}
if which == "W1" || which == "ALL" { Bench.w1(&report, runs: quick ? 5 : 30) }
if which == "W2" || which == "ALL" { try Bench.w2(&report, n: nOption ?? (quick ? 2000 : 100_000), threads: threads, repeats: repeats) }
if which == "W3" || which == "ALL" { try Bench.w3(&report, n: nOption.map { min($0, 20_000) } ?? (quick ? 200 : 5000), threads: threads, repeats: repeats, quick: quick) }
if which == "W4" || which == "ALL" { try Bench.w4(&report, ids: quick ? 100 : 1000, replicates: quick ? 10 : 100, threads: threads, repeats: repeats) }
if let recordPath { Recorder.append(report, to: recordPath) }
if writeReadme { Recorder.writeReadme(report) }
