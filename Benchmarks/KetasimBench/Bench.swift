import Foundation
import KetasimWorkloads
import PKCore

/// Peer figures from ../shared/bench/peers/results.md (same machine kind, 2026-11-20), subjects/s.
enum Peers {
    static let w2CKernel4x4OneThread = 210_504.0
    static let w2CKernel4x4TwoThreads = 381_456.0
    static let w2CKernelDenseOneThread = 138_519.0
    static let w3BestLSODA = 1_242.0
    static let w3CVODE = 313.1
}

/// Wall time of `body`, best and median of `runs` (ContinuousClock).
func timed(_ runs: Int, _ body: () throws -> Void) rethrows -> (best: Double, median: Double) {
    var times: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<runs {
        let d = try clock.measure(body)
        times.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
    }
    times.sort()
    return (times[0], times[times.count / 2])
}

/// Wall times of `a` and `b` run alternately `runs` times (a, b, a, b, ...): each pair meets the
/// same machine load, so the ratio within a pair is steadier than best against best on a shared
/// machine (ContinuousClock).
func timedPairs(_ runs: Int, _ a: () throws -> Void, _ b: () throws -> Void) rethrows -> (a: [Double], b: [Double]) {
    let clock = ContinuousClock()
    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
    var ta: [Double] = [], tb: [Double] = []
    for _ in 0..<runs {
        ta.append(seconds(try clock.measure(a)))
        tb.append(seconds(try clock.measure(b)))
    }
    return (ta, tb)
}

/// Best and median of `times`.
func bestAndMedian(_ times: [Double]) -> (best: Double, median: Double) {
    let s = times.sorted()
    return (s[0], s[s.count / 2])
}

/// A value the optimiser cannot drop.
nonisolated(unsafe) var sink = 0.0

enum Bench {
    static func f(_ x: Double, _ d: Int = 1) -> String { String(format: "%.\(d)f", x) }
    static func e(_ x: Double) -> String { String(format: "%.2e", x) }
    static func thousands(_ x: Double) -> String {
        let s = String(Int(x.rounded()))
        var out = ""
        for (i, c) in s.reversed().enumerated() { if i > 0 && i % 3 == 0 { out.append(",") }; out.append(c) }
        return String(out.reversed())
    }

    static func subjects(_ n: Int) throws -> [BenchSubject] {
        try BenchSubjects.load(first: n) ?? BenchSubjects.generate(n)
    }

    /// Reference metrics (id → Cmax, AUC, T100) and subject 1's curve, when ../shared is present.
    static func reference(_ w: String) throws -> (rows: [[Double]], curve: [Double])? {
        guard let m = BenchSubjects.sharedFile("peers/reference_\(w).csv"), let c = BenchSubjects.sharedFile("peers/reference_\(w)_subject1.csv") else { return nil }
        let rows = try String(contentsOf: m, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
        let curve = try String(contentsOf: c, encoding: .utf8).split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[1])! }
        return (rows, curve)
    }

    static func maxRel(_ a: [Double], _ ref: [Double], above: Double = 1) -> Double {
        var w = 0.0
        for (x, r) in zip(a, ref) where r > above { w = max(w, abs(x - r) / r) }
        return w
    }

    // MARK: W1

    static func w1(_ report: inout Report, runs: Int) {
        print("\n== W1: the whole `ketasim compare` process (start to exit), default arms, 24 h on a 1-min grid")
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let bin = dir.appendingPathComponent("ketasim")
        guard FileManager.default.isExecutableFile(atPath: bin.path) else {
            print("   skipped: \(bin.path) not built (swift build -c release --product ketasim)")
            return
        }
        // posix_spawn + waitpid: Foundation's Process.waitUntilExit polls on Linux and would add
        // tens of milliseconds to every measurement.
        var times: [Double] = []
        let devnull = open("/dev/null", O_WRONLY)
        defer { close(devnull) }
        for _ in 0..<runs {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_adddup2(&actions, devnull, 1)
            defer { posix_spawn_file_actions_destroy(&actions) }
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup(bin.path), strdup("compare"), strdup("--no-chart"), nil]
            defer { for a in argv { free(a) } }
            var pid: pid_t = 0
            let start = ContinuousClock.now
            guard posix_spawn(&pid, bin.path, &actions, nil, argv, environ) == 0 else { print("   cannot run \(bin.path)"); return }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            let d = ContinuousClock.now - start
            times.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
        }
        times.sort()
        let best = times[0] * 1000, median = times[times.count / 2] * 1000
        print("   wall: best \(f(best)) ms, median \(f(median)) ms over \(runs) runs (target < 50 ms)")
        report.figures["w1_best_ms"] = best
        report.figures["w1_median_ms"] = median
    }

    // MARK: W2

    static func w2(_ report: inout Report, n: Int, threads: Int, repeats: Int) throws {
        print("\n== W2: linear K6, 6 IM doses every 84 h, Cp every 5 min over 504 h (6049 points), N = \(n)")
        let subs = try subjects(n)
        var metrics: [Workload.Metrics] = []
        // The kernel and the same course through PopulationStudy (what `ketasim batch` runs), in
        // the same process, alternating: kernel, study, kernel, study, ...
        let nStudy = min(n, 20_000)
        var acc: PopulationAccumulator? = nil
        let pairs = try timedPairs(repeats, { metrics = Workload.w2Fast(subs, threads: threads) },
                                   { acc = try StudyBench.w2Study(Array(subs.prefix(nStudy)), threads: threads).0 })
        let t = bestAndMedian(pairs.a), ts = bestAndMedian(pairs.b)
        let rate = Double(n) / t.best
        let meanCmax = metrics.map(\.cmax).reduce(0, +) / Double(n)
        let meanAUC = metrics.map(\.auc).reduce(0, +) / Double(n)
        let peer = threads >= 2 ? Peers.w2CKernel4x4TwoThreads : Peers.w2CKernel4x4OneThread
        print("   fast path (SIMD lanes of \(Lanes.scalarCount), 4 Cp-relevant states): best \(f(t.best, 3)) s [median \(f(t.median, 3))], \(thousands(rate)) subjects/s, \(f(t.best / Double(n) * 1e6, 2)) us/subject")
        print("   vs the peers' C kernel best variant (AVX-512 x16, 4x4 block, \(threads >= 2 ? 2 : 1) thread(s), \(thousands(peer))/s from results.md): \(f(rate / peer, 2))x")
        print("   checksums over N: mean Cmax \(f(meanCmax, 4)) ng/mL, mean AUC \(f(meanAUC, 3)) ng*h/mL")
        report.figures["w2_best_s"] = t.best
        report.figures["w2_median_s"] = t.median
        report.figures["w2_subjects_per_s"] = rate
        report.figures["w2_ratio_to_c_kernel"] = rate / peer
        report.figures["w2_mean_cmax"] = meanCmax
        report.figures["w2_mean_auc"] = meanAUC
        report.figures["w2_n"] = Double(n)
        // W2-study: best against the kernel's best (both a best of --repeat), and the ratio within
        // each kernel/study pair.
        let studyRate = Double(nStudy) / ts.best
        let studyCmax = acc?.metrics[0].mean ?? .nan
        let paired = zip(pairs.a, pairs.b).map { (Double(nStudy) / $1) / (Double(n) / $0) }.sorted()
        print("   W2-study (PopulationStudy, Benchmarks/k6.profile.json, exact metrics + bands, rows to /dev/null), N = \(nStudy): best \(f(ts.best, 3)) s [median \(f(ts.median, 3))], \(thousands(studyRate)) subjects/s = \(f(studyRate / rate, 3))x the W2 kernel above (medians: \(f((Double(nStudy) / ts.median) / (Double(n) / t.median), 3))x; within each of the \(paired.count) kernel/study pairs: median \(f(paired[paired.count / 2], 3))x, \(f(paired[0], 3))-\(f(paired[paired.count - 1], 3))x); mean Cmax \(f(studyCmax, 4))")
        report.figures["w2_study_subjects_per_s"] = studyRate
        report.figures["w2_study_ratio_to_kernel"] = studyRate / rate
        report.figures["w2_study_median_ratio_to_kernel"] = (Double(nStudy) / ts.median) / (Double(n) / t.median)
        report.figures["w2_study_paired_median_ratio_to_kernel"] = paired[paired.count / 2]
        report.figures["w2_study_n"] = Double(nStudy)
        // Accuracy against the exact reference and the plain exact path.
        let first = min(200, n)
        if let ref = try reference("w2") {
            let m200 = Array(metrics.prefix(first))
            let cmaxErr = zip(m200, ref.rows).map { abs($0.cmax - $1[1]) / $1[1] }.max() ?? 0
            let aucErr = zip(m200, ref.rows).map { abs($0.auc - $1[3]) / $1[3] }.max() ?? 0
            let curve = Workload.w2FastBatch(subs[0..<1], storeCurves: true).curves[0]
            let cpErr = maxRel(curve, ref.curve)
            print("   first \(first): mean Cmax \(f(m200.map(\.cmax).reduce(0, +) / Double(first), 4)), mean AUC \(f(m200.map(\.auc).reduce(0, +) / Double(first), 3)) (reference 490.1199 / 2638.353)")
            print("   max relative error: Cp of subject 1 (all points, Cp > 1 ng/mL) \(e(cpErr)); Cmax \(e(cmaxErr)), AUC \(e(aucErr)) over \(first) subjects (target <= 1e-10)")
            report.figures["w2_max_rel_err_cp"] = cpErr
            report.figures["w2_max_rel_err_auc"] = aucErr
        } else {
            print("   reference files not found: accuracy against the peers' reference not measured")
        }
        // Plain exact path (general event engine, full 6-state model): cost and agreement.
        let k = min(50, n)
        var worst = 0.0
        let tp = try timed(1) {
            for s in subs.prefix(k) { sink += try Workload.w2Plain(s).last ?? 0 }
        }
        for s in subs.prefix(8) {
            let fast = Workload.w2FastBatch([s][...], storeCurves: true).curves[0]
            worst = max(worst, maxRel(fast, try Workload.w2Plain(s), above: 1e-3))
        }
        print("   plain exact path (event engine, 6 states, curve kept): \(f(tp.best / Double(k) * 1e6, 1)) us/subject; fast vs plain max relative difference \(e(worst))")
        report.figures["w2_plain_us_per_subject"] = tp.best / Double(k) * 1e6
        report.figures["w2_fast_us_per_subject"] = t.best / Double(n) * 1e6 * Double(threads)
    }

    // MARK: W3

    static func w3(_ report: inout Report, n: Int, threads: Int, repeats: Int, quick: Bool) throws {
        print("\n== W3: K6 with Michaelis-Menten elimination (ODE path), rtol 1e-6, atol 1e-9, N = \(n)")
        let subs = try subjects(n)
        // For instruction counts (callgrind): KETASIM_BENCH_W3_ONLY=lanes, study or study6 runs that figure once, alone.
        if let only = ProcessInfo.processInfo.environment["KETASIM_BENCH_W3_ONLY"] {
            let t = try timed(1) {
                switch only {
                case "lanes": sink += try Workload.w3LaneMetrics(subs[...], rtol: 1e-6, atol: 1e-9, threads: threads).metrics[0].auc
                case "study", "study6": sink += try StudyBench.w3Study(subs, threads: threads, allStates: only == "study6").metrics[2].mean ?? 0
                default: fail("KETASIM_BENCH_W3_ONLY: lanes, study or study6")
                }
            }
            print("   \(only) alone: \(f(t.best, 3)) s, \(thousands(Double(n) / t.best)) subjects/s")
            return
        }
        let ref = try reference("w3")
        var bestRate = 0.0, bestMethod = ""
        for method in [ODEMethod.automatic, .dormandPrince54, .rodas4] {
            let options = ODEOptions(rtol: 1e-6, atol: 1e-9, method: method)
            var result: (metrics: [Workload.Metrics], stats: SolverStatistics, curves: [[Double]])!
            let t = try timed(repeats) { result = try Workload.w3Metrics(subs[...], options: options, threads: threads, keepCurvesOfFirst: 1) }
            let rate = Double(n) / t.best
            let s = result.stats   // statistics of the last timed run
            let runs = 1.0
            var line = "   \(method.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)): best \(f(t.best, 3)) s, \(thousands(rate)) subjects/s (\(f(rate / Peers.w3BestLSODA, 2))x LSODA/numba), steps/subject \(f(Double(s.acceptedSteps) / Double(n) / runs, 0)), RHS/subject \(f(Double(s.rhsEvaluations) / Double(n) / runs, 0))"
            if let ref {
                let cpErr = maxRel(result.curves[0], ref.curve)
                let first = min(200, n)
                let aucErr = zip(result.metrics.prefix(first), ref.rows).map { abs($0.auc - $1[3]) / $1[3] }.max() ?? 0
                line += ", max rel err Cp(subject 1) \(e(cpErr)), AUC(\(first)) \(e(aucErr))"
                report.figures["w3_\(method.rawValue)_max_rel_err_cp"] = cpErr
            }
            print(line)
            report.figures["w3_\(method.rawValue)_subjects_per_s"] = rate
            if rate > bestRate { bestRate = rate; bestMethod = method.rawValue }
        }
        // The same DOPRI5 on several subjects in lock-step (SIMD lanes, common step size from the worst lane).
        do {
            var result: (metrics: [Workload.Metrics], stats: SolverStatistics, curves: [[Double]])!
            let t = try timed(repeats) { result = try Workload.w3LaneMetrics(subs[...], rtol: 1e-6, atol: 1e-9, threads: threads, keepCurvesOfFirst: 1) }
            let rate = Double(n) / t.best
            var line = "   \("dopri5 x\(Lanes.scalarCount) lanes".padding(toLength: 15, withPad: " ", startingAt: 0)): best \(f(t.best, 3)) s, \(thousands(rate)) subjects/s (\(f(rate / Peers.w3BestLSODA, 2))x LSODA/numba), steps per \(Lanes.scalarCount) subjects \(f(Double(result.stats.acceptedSteps) / Double((n + Lanes.scalarCount - 1) / Lanes.scalarCount), 0))"
            if let ref {
                let cpErr = maxRel(result.curves[0], ref.curve)
                let first = min(200, n)
                let aucErr = zip(result.metrics.prefix(first), ref.rows).map { abs($0.auc - $1[3]) / $1[3] }.max() ?? 0
                line += ", max rel err Cp(subject 1) \(e(cpErr)), AUC(\(first)) \(e(aucErr))"
                report.figures["w3_lanes_max_rel_err_cp"] = cpErr
            }
            print(line)
            report.figures["w3_lanes_subjects_per_s"] = rate
            if rate > bestRate { bestRate = rate; bestMethod = "dopri5 x\(Lanes.scalarCount) lanes" }
            // The same course through PopulationStudy as `ketasim batch --model Profiles/models/k6-mm.model` runs it:
            // the 4 states CP depends on (as the lanes above), then all 6 (norketamine and Ce too).
            for allStates in [false, true] {
                var acc: PopulationAccumulator? = nil
                let ts = try timed(repeats) { acc = try StudyBench.w3Study(subs, threads: threads, allStates: allStates) }
                let studyRate = Double(n) / ts.best
                let what = allStates ? "W3-study, all 6 states integrated" : "W3-study (PopulationStudy, batch --model Profiles/models/k6-mm.model: the 4 of 6 states CP depends on, as the lanes above; grid metrics + bands, rows to /dev/null)"
                var line = "   \(what), N = \(n): best \(f(ts.best, 3)) s, \(thousands(studyRate)) subjects/s = \(f(studyRate / rate, 3))x the W3 lanes above (\(f(studyRate / Peers.w3BestLSODA, 2))x LSODA/numba); mean Cmax \(f(acc?.metrics[0].mean ?? .nan, 4)), mean AUC \(f(acc?.metrics[2].mean ?? .nan, 3))"
                if let ref {
                    let cpErr = maxRel(try StudyBench.w3Curve1(subs, allStates: allStates), ref.curve)
                    line += ", max rel err Cp(subject 1) \(e(cpErr))"
                    report.figures[allStates ? "w3_study_all_states_max_rel_err_cp" : "w3_study_max_rel_err_cp"] = cpErr
                }
                print(line)
                report.figures[allStates ? "w3_study_all_states_subjects_per_s" : "w3_study_subjects_per_s"] = studyRate
                report.figures[allStates ? "w3_study_all_states_ratio_to_lanes" : "w3_study_ratio_to_lanes"] = studyRate / rate
            }
        }
        let meanAUC = try Workload.w3LaneMetrics(subs[...], rtol: 1e-6, atol: 1e-9, threads: threads).metrics.map(\.auc).reduce(0, +) / Double(n)
        print("   best: \(bestMethod) at \(thousands(bestRate)) subjects/s = \(f(bestRate / Peers.w3BestLSODA, 2))x the best peer (LSODA/numba 1,242/s; target >= 3x at max rel err <= 1e-5); mean AUC \(f(meanAUC, 3))")
        report.figures["w3_best_subjects_per_s"] = bestRate
        report.figures["w3_ratio_to_lsoda"] = bestRate / Peers.w3BestLSODA
        report.figures["w3_mean_auc"] = meanAUC
        // Work-precision table (subject 1 curve error and time per subject on a small set).
        print("\n   work-precision, W3 (error: max rel Cp of subject 1 where Cp > 1 ng/mL vs Radau rtol 1e-12; time: us/subject, 1 thread)")
        print("   rtol     " + ["automatic", "dormandPrince54", "rodas4", "dopri5 lanes"].map { $0.padding(toLength: 26, withPad: " ", startingAt: 0) }.joined())
        let small = subs.prefix(quick ? 20 : 200)
        for exp in 3...10 {
            let rtol = pow(10, -Double(exp))
            var line = "   1e-\(exp)".padding(toLength: 9, withPad: " ", startingAt: 0)
            for method in [ODEMethod.automatic, .dormandPrince54, .rodas4] {
                let o = ODEOptions(rtol: rtol, atol: rtol * 1e-3, method: method, maxSteps: 1_000_000)
                var r: (metrics: [Workload.Metrics], stats: SolverStatistics, curves: [[Double]])!
                let t = try timed(1) { r = try Workload.w3Metrics(small, options: o, threads: 1, keepCurvesOfFirst: 1) }
                let err = ref.map { maxRel(r.curves[0], $0.curve) }
                line += "\(err.map { e($0) } ?? "   -    ") \(f(t.best / Double(small.count) * 1e6, 0)) us".padding(toLength: 26, withPad: " ", startingAt: 0)
                report.figures["w3_wp_\(method.rawValue)_1e-\(exp)_us"] = t.best / Double(small.count) * 1e6
                if let err { report.figures["w3_wp_\(method.rawValue)_1e-\(exp)_err"] = err }
            }
            var rl: (metrics: [Workload.Metrics], stats: SolverStatistics, curves: [[Double]])!
            let tl = try timed(1) { rl = try Workload.w3LaneMetrics(small, rtol: rtol, atol: rtol * 1e-3, threads: 1, keepCurvesOfFirst: 1) }
            let errL = ref.map { maxRel(rl.curves[0], $0.curve) }
            line += "\(errL.map { e($0) } ?? "   -    ") \(f(tl.best / Double(small.count) * 1e6, 0)) us"
            report.figures["w3_wp_lanes_1e-\(exp)_us"] = tl.best / Double(small.count) * 1e6
            if let errL { report.figures["w3_wp_lanes_1e-\(exp)_err"] = errL }
            print(line)
        }
        // Per-subject cost: exact (linear W2) vs ODE (W3), one thread.
        let one = subs.prefix(quick ? 20 : 200)
        let te = timed(3) { for b in stride(from: 0, to: one.count, by: Lanes.scalarCount) { sink += Workload.w2FastBatch(one[b..<min(one.count, b + Lanes.scalarCount)]).metrics[0].auc } }
        let to = try timed(1) { _ = try Workload.w3Metrics(one, options: ODEOptions(rtol: 1e-6, atol: 1e-9), threads: 1) }
        print("\n   per subject, 1 thread: exact path (W2 kernel) \(f(te.best / Double(one.count) * 1e6, 2)) us; ODE path (W3, automatic) \(f(to.best / Double(one.count) * 1e6, 1)) us")
        report.figures["exact_us_per_subject"] = te.best / Double(one.count) * 1e6
        report.figures["ode_us_per_subject"] = to.best / Double(one.count) * 1e6
    }
}
