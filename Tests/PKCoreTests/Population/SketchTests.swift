import Foundation
import Testing
import TestSupport
@testable import PKCore

@Suite("Population quantile sketch and summaries")
struct SketchTests {
    /// Values spanning many decades, both signs and zeros, from a fixed seed.
    static func values(_ n: Int, seed: UInt64) -> [Double] {
        let rng = CounterRNG(seed: seed)
        return (0..<n).map { i in
            let z = rng.normal(subject: UInt64(i), stream: 0, draw: 0)
            let u = rng.uniform(subject: UInt64(i), stream: 0, draw: 1)
            if u < 0.05 { return 0 }
            let x = exp(3 + 2.5 * z)
            return u < 0.15 ? -x : x
        }
    }

    @Test("every rank is within the stated error of the exact order statistic: alpha relative, or zeroBelow absolute",
          arguments: [(0.01, 1e-9), (0.001, 1e-9), (0.01, 1.0)])
    func errorBound(alpha: Double, zeroBelow: Double) {
        let xs = SketchTests.values(30_000, seed: 9)
        var sk = QuantileSketch(alpha: alpha, zeroBelow: zeroBelow)
        for x in xs { sk.add(x) }
        let sorted = xs.sorted()
        var worst = 0.0
        for r in stride(from: 0, to: sorted.count, by: 7) + [sorted.count - 1] {
            let est = sk.value(rank: UInt64(r)), exact = sorted[r]
            let err = abs(est - exact)
            #expect(err <= max(alpha * abs(exact) * (1 + 1e-12), abs(exact) < zeroBelow ? zeroBelow : 0), "rank \(r): \(est) vs \(exact)")
            if exact != 0 { worst = max(worst, err / abs(exact)) }
        }
        #expect(worst > alpha / 4, "the bound is not vacuous: worst \(worst)")
        for q in [0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1] {
            let h = Double(sorted.count - 1) * q
            let lo = Int(h), hi = min(lo + 1, sorted.count - 1)
            let exact = sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
            #expect(abs(sk.quantile(q) - exact) <= max(alpha * max(abs(sorted[lo]), abs(sorted[hi])) * (1 + 1e-12), zeroBelow))
        }
        #expect(sk.min == sorted.first! && sk.max == sorted.last! && sk.count == UInt64(xs.count))
    }

    @Test("adding a batch of values gives the same state as adding them one at a time (sketched and exact, NaN counted apart)")
    func batchAddEqualsSingleAdds() {
        var xs = SketchTests.values(3000, seed: 11)
        xs[17] = .nan
        xs[2500] = .infinity
        for exact in [false, true] {
            var one = DistributionAccumulator(exact: exact, alpha: 0.01, zeroBelow: 1e-3, moments: false)
            var batch = one
            for x in xs { one.add(x) }
            // Uneven batches, so stores grow both ways between them.
            var k = 0
            for size in [1, 7, 500, 1, 1200, 1291] {
                xs[k..<(k + size)].withUnsafeBufferPointer { batch.add(contentsOf: $0) }
                k += size
            }
            #expect(k == xs.count)
            #expect(batch == one)
            #expect(batch.count == 2998 && batch.missing == 2)
            #expect([0.05, 0.5, 0.95].map { batch.quantiles([$0])[0] } == [0.05, 0.5, 0.95].map { one.quantiles([$0])[0] })
        }
    }

    @Test("the bucket of a value is within the stated relative error; the stated error is at most alpha", arguments: [0.01, 0.001, 0.05])
    func bucketError(alpha: Double) {
        let sk = QuantileSketch(alpha: alpha)
        #expect(sk.relativeError <= alpha && sk.relativeError > alpha / 4)
        for x in [1e-9, 0.0123, 1, 1.5, 99.99, 123456.7, 3e300] {
            let r = sk.representative(sk.bucket(x))
            #expect(abs(r - x) <= sk.relativeError * x * (1 + 1e-12), "x \(x) -> \(r)")
        }
    }

    @Test("sketches merge exactly: any split gives the same counts and quantiles as one pass")
    func mergeExact() throws {
        let xs = SketchTests.values(5000, seed: 4)
        var whole = QuantileSketch(alpha: 0.01)
        for x in xs { whole.add(x) }
        for cut in [0, 1, 1234, 4999, 5000] {
            var a = QuantileSketch(alpha: 0.01), b = QuantileSketch(alpha: 0.01)
            for x in xs[..<cut] { a.add(x) }
            for x in xs[cut...].reversed() { b.add(x) }
            b.merge(a)
            #expect(b == whole)
            #expect([0.05, 0.5, 0.95].map(b.quantile) == [0.05, 0.5, 0.95].map(whole.quantile))
        }
        let decoded = try JSONDecoder().decode(QuantileSketch.self, from: try JSONEncoder().encode(whole))
        #expect(decoded == whole && decoded.quantile(0.37) == whole.quantile(0.37))
    }

    @Test("population accumulators: exact and sketched plans merge bit for bit in any grouping")
    func accumulatorMerge() throws {
        for exact in [true, false] {
            var plan = SummaryPlan(thresholds: [.init(name: "a", level: 100)], timesH: [0, 1, 2], totalSubjects: 300)
            if !exact { plan.metricExactLimit = 10; plan.bandExactValues = 10 }
            let rng = CounterRNG(seed: 5)
            let subjects: [(SubjectMetrics, [Double])] = (0..<300).map { i in
                let u = (0..<6).map { rng.uniform(subject: UInt64(i), stream: 0, draw: UInt64($0)) }
                return (SubjectMetrics(cmax: 200 * u[0], tmaxH: u[1], auc: 1000 * u[2], hoursInBand: u[3], dischargeH: u[4] < 0.1 ? .nan : 5 * u[4]),
                        [0, 100 * u[5], 50 * u[5] * u[0]])
            }
            var one = PopulationAccumulator(plan: plan)
            for (m, c) in subjects { one.add(m, curve: c, plan: plan) }
            var parts = [PopulationAccumulator(plan: plan), PopulationAccumulator(plan: plan), PopulationAccumulator(plan: plan)]
            for (i, (m, c)) in subjects.enumerated().reversed() { parts[(i * 7) % 3].add(m, curve: c, plan: plan) }
            var merged = parts[2]
            merged.merge(parts[0])
            merged.merge(parts[1])
            let enc = JSONEncoder()
            enc.outputFormatting = .sortedKeys
            enc.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            #expect(try enc.encode(merged) == enc.encode(one))
            // As `ketasim merge` does it: each part through JSON, then merged.
            let dec = JSONDecoder()
            dec.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            var viaJSON = try dec.decode(PopulationAccumulator.self, from: enc.encode(parts[1]))
            for k in [0, 2] { viaJSON.merge(try dec.decode(PopulationAccumulator.self, from: enc.encode(parts[k]))) }
            #expect(try enc.encode(viaJSON) == enc.encode(one))
            #expect(try enc.encode(merged.summary(plan: plan, percentiles: [5, 50, 95])) == enc.encode(one.summary(plan: plan, percentiles: [5, 50, 95])))
            let s = one.summary(plan: plan, percentiles: [5, 50, 95])
            let cmax = subjects.map(\.0.cmax)
            #expect(s.metrics[0].method == (exact ? "exact" : "sketch (relative error <= 0.1%, or 1e-09 absolute below that)"))
            #expect(isClose(s.metrics[0].mean!, cmax.reduce(0, +) / 300, rtol: 1e-14))
            #expect(s.metrics[4].notReached == UInt64(subjects.filter { $0.0.dischargeH.isNaN }.count))
            #expect(s.thresholds[0].count == UInt64(cmax.filter { $0 >= 100 }.count))
            let median = cmax.sorted()[149] + 0.5 * (cmax.sorted()[150] - cmax.sorted()[149])
            #expect(exact ? s.metrics[0].percentiles[1] == median : abs(s.metrics[0].percentiles[1] - median) <= 0.001 * cmax.sorted()[150])
        }
    }

    @Test("grid metrics of a data-set curve: trapezoid AUC, interpolated band and discharge")
    func gridMetrics() {
        let o = MetricOptions(bandLow: 100, bandHigh: 250, windowStartH: 0, windowEndH: 10, dischargeLevel: 100)
        let m = GridMetrics.metrics(timesH: [0, 1, 2, 3], values: [0, 300, 200, 50], options: o)
        #expect(m.cmax == 300 && m.tmaxH == 1 && m.auc == 150 + 250 + 125)
        // ≥100 from 1/3 h to 2 + 2/3 h; ≥250 from 5/6 h to 1.5 h.
        #expect(isClose(m.hoursInBand, (2 + 2.0 / 3 - 1.0 / 3) - (1.5 - 5.0 / 6), rtol: 1e-14))
        #expect(isClose(m.dischargeH, 2 + 2.0 / 3, rtol: 1e-14))
        #expect(GridMetrics.metrics(timesH: [0, 1], values: [0, 150], options: o).dischargeH.isNaN)
    }

    @Test("grid metrics: peaks equal to rounding name the first (as the exact path); a higher later peak wins")
    func gridMetricsPeakTies() {
        let o = MetricOptions(bandLow: 100, bandHigh: 250, windowStartH: 0, windowEndH: 10, dischargeLevel: 100)
        let tie = GridMetrics.metrics(timesH: [0, 1, 2, 3, 4], values: [0, 200, 10, 200 * (1 + 4e-15), 5], options: o)
        #expect(tie.cmax == 200 && tie.tmaxH == 1)
        let higher = GridMetrics.metrics(timesH: [0, 1, 2, 3, 4], values: [0, 200, 10, 200 * (1 + 1e-9), 5], options: o)
        #expect(higher.cmax == 200 * (1 + 1e-9) && higher.tmaxH == 3)
        // An infinite value is the maximum at its time (review: ∞ − ∞ made the threshold NaN).
        let infinite = GridMetrics.metrics(timesH: [0, 1, 2], values: [0, .infinity, 1e308], options: o)
        #expect(infinite.cmax == .infinity && infinite.tmaxH == 1)
    }
}
