import Foundation
import Testing
import PKCore
import KetasimWorkloads
import TestSupport

/// Guards the fast population path (not timed): it must agree with the plain exact path, and the
/// W2 results must match the peers' reference file when ../shared is present.
@Suite("W2 fast path guard")
struct FastPathGuardTests {
    /// ../shared/bench/subjects.csv as read (nil when absent), or the error reading it: a reference
    /// test fails on that error instead of silently comparing generated subjects with the file.
    static let loaded: Result<[BenchSubject]?, any Error> = Result { try BenchSubjects.load(first: 100) }
    static let subjects: [BenchSubject] = ((try? loaded.get()) ?? nil) ?? BenchSubjects.generate(100)

    @Test("fast SIMD kernel and the plain event engine agree to 1e-12 on every grid point (Cp > 1e-3 ng/mL)")
    func fastEqualsPlain() throws {
        let batch = FastPathGuardTests.subjects[0..<Lanes.scalarCount]
        let fast = Workload.w2FastBatch(batch, storeCurves: true)
        for (lane, s) in batch.enumerated() where lane % 2 == 0 {
            let plain = try Workload.w2Plain(s)
            var worst = 0.0
            for (a, b) in zip(fast.curves[lane], plain) where b > 1e-3 { worst = max(worst, abs(a - b) / b) }
            #expect(worst <= 1e-12, "subject \(s.id): max relative difference \(worst)")
        }
    }

    @Test("a partial batch pads lanes without changing the real subjects' results")
    func partialBatch() {
        let s = FastPathGuardTests.subjects
        let full = Workload.w2FastBatch(s[0..<Lanes.scalarCount]).metrics
        let part = Workload.w2FastBatch(s[0..<(Lanes.scalarCount - 1)]).metrics
        for i in 0..<(Lanes.scalarCount - 1) { #expect(full[i].cmax == part[i].cmax && full[i].auc == part[i].auc) }
    }

    @Test("W2 on 100 subjects matches reference_w2.csv (Cmax, AUC to 1e-10; hours above 100 ng/mL exactly)",
          .enabled(if: SharedData.shouldRun(BenchSubjects.sharedFile("peers/reference_w2.csv"), BenchSubjects.sharedFile("subjects.csv"))))
    func reference() throws {
        let rows = try SharedData.csvRows(try #require(BenchSubjects.sharedFile("peers/reference_w2.csv"), "../shared/bench/peers/reference_w2.csv is missing")).prefix(100)
        try #require(try FastPathGuardTests.loaded.get() != nil, "../shared/bench/subjects.csv is missing")
        #expect(rows.count == 100)
        let got = Workload.w2Fast(FastPathGuardTests.subjects, threads: 2)
        for (i, r) in rows.enumerated() {
            let cmax = Double(r[1])!, auc = Double(r[3])!, t100 = Double(r[4])!
            #expect(isClose(got[i].cmax, cmax, rtol: 1e-10), "subject \(i + 1) Cmax")
            #expect(isClose(got[i].auc, auc, rtol: 1e-10), "subject \(i + 1) AUC")
            #expect(got[i].hoursAbove == t100, "subject \(i + 1) T>100")
        }
        let meanCmax = got.map(\.cmax).reduce(0, +) / 100
        let refMean = rows.map { Double($0[1])! }.reduce(0, +) / 100
        #expect(isClose(meanCmax, refMean, rtol: 1e-10))
    }
}

@Suite("W3 lane solver guard")
struct W3LaneGuardTests {
    @Test("the lock-step lane solver agrees with the scalar DOPRI5 per subject within the tolerance")
    func lanesEqualScalar() throws {
        let n = Lanes.scalarCount
        let subs = FastPathGuardTests.subjects[0..<n]
        var st = SolverStatistics(methodUsed: .dormandPrince54)
        let lanes = try Workload.w3LaneBatch(subs, rtol: 1e-8, atol: 1e-11, stats: &st)
        let scalar = try Workload.w3Metrics(subs, options: ODEOptions(rtol: 1e-8, atol: 1e-11, method: .dormandPrince54), threads: 1, keepCurvesOfFirst: n)
        for i in 0..<n {
            var worst = 0.0
            for (a, b) in zip(lanes[i], scalar.curves[i]) where b > 1 { worst = max(worst, abs(a - b) / b) }
            #expect(worst <= 1e-6, "subject \(i + 1): \(worst)")
        }
    }

    @Test("W3 subject 1 on the lane solver matches the Radau reference to 1e-5 where Cp > 1 ng/mL at rtol 1e-6",
          .enabled(if: SharedData.shouldRun(BenchSubjects.sharedFile("peers/reference_w3_subject1.csv"), BenchSubjects.sharedFile("subjects.csv"))))
    func reference() throws {
        let ref = try SharedData.csvRows(try #require(BenchSubjects.sharedFile("peers/reference_w3_subject1.csv"), "../shared/bench/peers/reference_w3_subject1.csv is missing")).map { Double($0[1])! }
        try #require(try FastPathGuardTests.loaded.get() != nil, "../shared/bench/subjects.csv is missing")
        var st = SolverStatistics(methodUsed: .dormandPrince54)
        let cp = try Workload.w3LaneBatch(FastPathGuardTests.subjects[0..<Lanes.scalarCount], rtol: 1e-6, atol: 1e-9, stats: &st)[0]
        #expect(!ref.isEmpty && cp.count == ref.count, "\(cp.count) points vs \(ref.count) in the reference")
        var worst = 0.0
        for (a, b) in zip(cp, ref) where b > 1 { worst = max(worst, abs(a - b) / b) }
        #expect(worst <= 1e-5, "\(worst)")
    }
}
