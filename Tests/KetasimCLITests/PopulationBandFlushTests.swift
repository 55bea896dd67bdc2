@testable import PKCore
import Studies
import Testing

/// A simulator whose every grid value is negative (an output below zero everywhere), different per
/// subject and time: in the band-code path each value takes the exact side path.
private struct NegativeSimulator: SubjectSimulator {
    let timesH: [Double]
    func simulate(_ subject: Subject, parameters: [Double], wantCurve: Bool) throws -> SubjectResult {
        let curve = timesH.indices.map { -1 - Double(subject.index % 97) * 0.01 - Double($0) * 1e-3 }
        return SubjectResult(metrics: SubjectMetrics(cmax: curve[0], tmaxH: 0, auc: 0, hoursInBand: 0, dischargeH: .nan), curve: curve)
    }
    func simulateLanes(_ subjects: [Subject], parameters: [[Double]], wantCurve: Bool) -> [SubjectResult]? {
        try? subjects.map { try simulate($0, parameters: [], wantCurve: true) }
    }
}

/// A simulator whose grid values are positive: 1 for every subject at time 0 (one band bucket
/// takes every subject), 1e-6 at time 1 (below the bands' zeroBelow, 1e-3: every code 0, counted
/// at once per flush), then different per subject and time.
private struct PositiveSimulator: SubjectSimulator {
    let timesH: [Double]
    func simulate(_ subject: Subject, parameters: [Double], wantCurve: Bool) throws -> SubjectResult {
        let curve = timesH.indices.map { $0 == 0 ? 1 : $0 == 1 ? 1e-6 : 2 + Double(subject.index % 89) * 0.5 + Double($0) }
        return SubjectResult(metrics: SubjectMetrics(cmax: curve.max()!, tmaxH: 0, auc: 0, hoursInBand: 0, dischargeH: .nan), curve: curve)
    }
    func simulateLanes(_ subjects: [Subject], parameters: [[Double]], wantCurve: Bool) -> [SubjectResult]? {
        try? subjects.map { try simulate($0, parameters: [], wantCurve: true) }
    }
}

/// A sink that asks for the curves, so the bands take the values themselves (no codes).
private struct CurvesSink: PopulationSink {
    func format(_ subjects: [PopulationSubject]) -> Int { subjects.count }
    func emit(_ chunk: Int, subjectsDone: Int) {}
}

@Suite("PopulationStudy band flush")
struct PopulationBandFlushTests {
    /// 1100 subjects × 1024 grid times, all negative: 1.13 million exceptional values, past the
    /// worker's limit of 2^20, so the worker flushes its band codes early (before its buffer of
    /// 4096 columns is full) at least once.
    static func study(threads: Int) -> PopulationStudy {
        let n = 1100, times = (0..<1024).map { Double($0) / 4 }
        var plan = SummaryPlan(thresholds: [], timesH: times, totalSubjects: n)
        plan.bandExactValues = 10   // sketched bands: the code path
        return PopulationStudy(parameterNames: [], individual: { _ in [] },
                               generator: SubjectGenerator(rng: CounterRNG(seed: 3), covariates: [], etas: .none(count: 0)),
                               simulator: NegativeSimulator(timesH: times), residual: nil, plan: plan, range: 0..<n, threads: threads)
    }

    @Test("an output negative everywhere flushes the band codes early and gives the bands of the values themselves")
    func negativeEverywhere() throws {
        let byValues = try Self.study(threads: 1).run(sink: CurvesSink())
        let byCodes = try Self.study(threads: 1).run(sink: SummaryOnlySink())
        let byCodes2 = try Self.study(threads: 2).run(sink: SummaryOnlySink())
        #expect(byCodes == byValues)
        #expect(byCodes2 == byValues)
        // Independently: at grid time 0 every subject's value is −1 − (index mod 97)/100, so the
        // smallest is that of index 96 and the largest −1, and all 1100 are counted.
        let b = byValues.bands[0]
        #expect(!b.isExact && b.count == 1100 && b.min == -1 - Double(96) * 0.01 && b.max == -1)
    }

    @Test("more subjects than a band-code counter holds (65,535 in one bucket): counted exactly, as the values themselves")
    func pastOneCounter() throws {
        let n = Int(BandCodeCounter.max) + 4_500, times = [0.0, 1, 2]
        var plan = SummaryPlan(thresholds: [], timesH: times, totalSubjects: n)
        plan.bandExactValues = 10   // sketched bands: the code path
        func study(_ threads: Int) -> PopulationStudy {
            PopulationStudy(parameterNames: [], individual: { _ in [] },
                            generator: SubjectGenerator(rng: CounterRNG(seed: 3), covariates: [], etas: .none(count: 0)),
                            simulator: PositiveSimulator(timesH: times), residual: nil, plan: plan, range: 0..<n, threads: threads)
        }
        let byValues = try study(1).run(sink: CurvesSink())
        let byCodes = try study(1).run(sink: SummaryOnlySink())
        #expect(byCodes == byValues)
        #expect(try study(2).run(sink: SummaryOnlySink()) == byValues)
        // Independently: every subject is 1 at time 0, one bucket of n counts; 1e-6 at time 1, n zeros.
        let b = try #require(byCodes.bands[0].sketch)
        #expect(byCodes.bands[0].count == n && b.positive.counts.filter { $0 > 0 } == [UInt64(n)])
        let z = try #require(byCodes.bands[1].sketch)
        #expect(byCodes.bands[1].count == n && z.zeroCount == UInt64(n) && z.positive.total == 0)
    }
}
