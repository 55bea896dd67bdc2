import Foundation

/// One benchmark run: machine, commit, thread count and every figure printed.
struct Report: Codable {
    var date = ISO8601DateFormatter().string(from: Date())
    var commit: String = Report.shell("git", ["rev-parse", "--short", "HEAD"]) ?? "unknown"
    var machine: String = Report.machineDescription()
    var threads: Int
    var figures: [String: Double] = [:]

    init(threads: Int) { self.threads = threads }

    static func shell(_ cmd: String, _ args: [String]) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [cmd] + args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func machineDescription() -> String {
        var cpu = "unknown CPU"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }) {
            cpu = line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? cpu
        }
        let mem = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        return "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(String(format: "%.0f", mem)) GiB"
    }
}

enum Recorder {
    static func append(_ r: Report, to path: String) {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        guard let line = try? enc.encode(r) else { return }
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        guard let h = FileHandle(forWritingAtPath: path) else { print("cannot write \(path)"); return }
        h.seekToEndOfFile()
        h.write(line + Data("\n".utf8))
        h.closeFile()
        print("\nrecorded to \(path)")
    }

    /// Compares the last records of two files. A change is flagged as a regression only beyond the
    /// noise: 10% plus twice the larger best-to-median spread of the two runs (results.md saw up to
    /// 1.54x between identical runs on this machine, so a single run pair proves little).
    static func compare(oldPath: String, newPath: String) {
        func last(_ p: String) -> Report? {
            guard let t = try? String(contentsOfFile: p, encoding: .utf8), let l = t.split(separator: "\n").last else { return nil }
            return try? JSONDecoder().decode(Report.self, from: Data(l.utf8))
        }
        guard let a = last(oldPath), let b = last(newPath) else {
            FileHandle.standardError.write(Data("ketasim-bench: cannot read a record from \(oldPath) or \(newPath)\n".utf8))
            exit(1)
        }
        print("old: \(a.commit) \(a.date) (\(a.threads) threads)\nnew: \(b.commit) \(b.date) (\(b.threads) threads)")
        func spread(_ r: Report, _ w: String) -> Double {
            guard let best = r.figures["\(w)_best_s"], let med = r.figures["\(w)_median_s"], best > 0 else { return 0 }
            return (med - best) / best
        }
        let noise = 0.10 + 2 * max(spread(a, "w2"), spread(b, "w2"))
        for key in a.figures.keys.sorted() {
            guard let x = a.figures[key], let y = b.figures[key] else { continue }
            let change = x == 0 ? 0 : (y - x) / abs(x)
            var mark = ""
            if key.hasSuffix("subjects_per_s") && change < -noise { mark = "  REGRESSION (beyond noise \(String(format: "%.0f", noise * 100))%)" }
            if (key.hasSuffix("_us") || key.hasSuffix("_ms") || key.hasSuffix("us_per_subject")) && change > noise { mark = "  REGRESSION (beyond noise \(String(format: "%.0f", noise * 100))%)" }
            if key.contains("err") && y > max(x * 10, 1e-9) { mark = "  ACCURACY REGRESSION" }
            print("\(key.padding(toLength: 36, withPad: " ", startingAt: 0)) \(String(format: "%14.6g", x)) -> \(String(format: "%14.6g", y))  \(String(format: "%+7.1f%%", change * 100))\(mark)")
        }
    }

    static func writeReadme(_ r: Report) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("README.md")
        let fig = r.figures
        func g(_ k: String, _ fmt: String = "%.3g") -> String { fig[k].map { String(format: fmt, $0) } ?? "–" }
        let text = """
        # Benchmarks

        Speed lives here, never in timed unit tests. `ketasim-bench` runs workloads W1–W3 of
        `../shared/bench/WORKLOADS.md` on the shared virtual subjects (`../shared/bench/subjects.csv`; generated in
        code with the same distributions when absent, and then not comparable) and prints wall time (best of
        several runs), subjects per second, checksums, errors against the exact references, a W3 work-precision
        table and the per-subject cost of the exact and ODE paths.

            swift run -c release ketasim-bench [W1|W2|W3|all] [--n N] [--threads N] [--repeat R]
            swift run -c release ketasim-bench all --record bench.jsonl     # append one JSON line per run
            swift run -c release ketasim-bench --compare old.jsonl new.jsonl  # change per figure, regression flags
            swift run -c release ketasim-bench all --write-readme           # rewrite this file

        The release build targets baseline x86-64 (SSE2): SIMD work runs two doubles per instruction, with
        4 subjects per lane vector. A CPU-specific build is opt-in (the binary then runs only on CPUs like this
        one); with AVX-512, 8 subjects per vector pay off:

            swift build -c release -Xswiftc -target-cpu -Xswiftc native -Xswiftc -DKETASIM_WIDE_LANES

        This run: \(r.figures["lanes"].map { "\(Int($0))" } ?? "?") subjects per lane vector.

        ## Last results (written by `ketasim-bench --write-readme`, not by hand)

        Machine: \(r.machine); commit \(r.commit); \(r.date); \(r.threads) thread(s).
        The machine is shared and noisy (the peers saw up to 1.54x between identical runs): read ratios, not times.

        | workload | figure | value | target / peer |
        |---|---|---|---|
        | W1 | `ketasim compare` process, best of 30 | \(g("w1_best_ms", "%.1f")) ms (median \(g("w1_median_ms", "%.1f"))) | < 50 ms |
        | W2 | fast exact path, N = \(g("w2_n", "%.0f")) | \(g("w2_subjects_per_s", "%.0f")) subjects/s | \(g("w2_ratio_to_c_kernel", "%.2f"))x the C kernel's best (AVX-512) from results.md; target >= 0.5x |
        | W2 | max relative error, Cp subject 1 / AUC 200 subjects | \(g("w2_max_rel_err_cp", "%.1e")) / \(g("w2_max_rel_err_auc", "%.1e")) | <= 1e-10 |
        | W2 | checksums mean Cmax / mean AUC over N | \(g("w2_mean_cmax", "%.4f")) / \(g("w2_mean_auc", "%.3f")) | peers over 100,000: 506.5627 / 2580.525 |
        | W2-study | the W2 course through `PopulationStudy` (what `ketasim batch` runs: Benchmarks/k6.profile.json, exact metrics, bands, rows to /dev/null), N = \(g("w2_study_n", "%.0f")) | \(g("w2_study_subjects_per_s", "%.0f")) subjects/s | \(g("w2_study_ratio_to_kernel", "%.3f"))x the W2 kernel in the same run (best against best; median within kernel/study pairs \(g("w2_study_paired_median_ratio_to_kernel", "%.3f"))x); target >= 0.5x |
        | W2 | plain exact path (event engine, curve kept) | \(g("w2_plain_us_per_subject", "%.1f")) us/subject | |
        | W3 | best ODE method | \(g("w3_best_subjects_per_s", "%.0f")) subjects/s | \(g("w3_ratio_to_lsoda", "%.2f"))x LSODA/numba (1,242/s); target >= 3x at <= 1e-5 |
        | W3 | automatic / DOPRI5 / Rodas4 / DOPRI5 on lanes | \(g("w3_automatic_subjects_per_s", "%.0f")) / \(g("w3_dormandPrince54_subjects_per_s", "%.0f")) / \(g("w3_rodas4_subjects_per_s", "%.0f")) / \(g("w3_lanes_subjects_per_s", "%.0f")) subjects/s | |
        | W3 | max relative error Cp subject 1 (auto / DOPRI5 / Rodas4 / lanes) | \(g("w3_automatic_max_rel_err_cp", "%.1e")) / \(g("w3_dormandPrince54_max_rel_err_cp", "%.1e")) / \(g("w3_rodas4_max_rel_err_cp", "%.1e")) / \(g("w3_lanes_max_rel_err_cp", "%.1e")) | <= 1e-5 |
        | W4 | `nm` on \(g("w4_ids", "%.0f")) IDs x 20 records: single run / `--sim \(g("w4_replicates", "%.0f"))` (study + $TABLE API) | \(g("w4_single_rows_per_s", "%.0f")) / \(g("w4_sim_rows_per_s", "%.0f")) rows/s | |
        | both | per subject, 1 thread: exact / ODE | \(g("exact_us_per_subject", "%.2f")) / \(g("ode_us_per_subject", "%.1f")) us | |

        "DOPRI5 on lanes" is the same Dormand–Prince 5(4) integrating several subjects in lock-step on SIMD lanes
        (`LaneDormandPrince`): one step size for all, set by the lane with the largest error, so no lane
        is less accurate than alone.

        ### W3 work-precision (max relative error of Cp, subject 1; µs per subject, 1 thread)

        | rtol | automatic | DOPRI5 | Rodas4 | DOPRI5 on lanes |
        |---|---|---|---|---|
        \((3...10).map { e in "| 1e-\(e) | " + ["automatic", "dormandPrince54", "rodas4", "lanes"].map { m in "\(g("w3_wp_\(m)_1e-\(e)_err", "%.1e")), \(g("w3_wp_\(m)_1e-\(e)_us", "%.0f")) µs" }.joined(separator: " | ") + " |" }.joined(separator: "\n"))

        """
        do {
            try text.write(to: path, atomically: true, encoding: .utf8)
            print("wrote \(path.path)")
        } catch { print("cannot write \(path.path): \(error)") }
    }
}
