import Foundation
import Testing
import TestSupport
@testable import PKCore

/// The one-pass batch add of the sketch and the block-wise band filling against the reference:
/// the same values added one at a time with `add(_:)`.
@Suite("Percentile bands: batch filling equals one value at a time")
struct BandFillTests {
    /// Awkward values: NaN, ±∞, ±0, subnormals, values just around ±zeroBelow, both signs over many
    /// decades, the largest finite magnitudes; `scale` widens the range from batch to batch.
    static func awkward(_ n: Int, _ g: inout SplitMix64, zeroBelow z: Double, scale: Double) -> [Double] {
        (0..<n).map { _ in
            switch g.below(20) {
            case 0: return .nan
            case 1: return g.below(2) == 0 ? .infinity : -.infinity
            case 2: return g.below(2) == 0 ? 0.0 : -0.0
            case 3: return z * g.uniform(0, 1)                      // below zeroBelow
            case 4: return -z * g.uniform(0, 1)
            case 5: return g.pick([z, -z, z.nextUp, z.nextDown, -z.nextUp, -z.nextDown])
            case 6: return g.pick([Double.leastNonzeroMagnitude, -Double.leastNormalMagnitude, Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude])
            default:
                let x = exp(g.normal() * 3 * scale)
                return g.below(4) == 0 ? -x : x
            }
        }
    }

    static func bits(_ s: QuantileSketch) -> [UInt64] {
        [s.count, s.zeroCount, s.count == 0 ? 0 : s.min.bitPattern, s.count == 0 ? 0 : s.max.bitPattern,
         UInt64(bitPattern: Int64(s.positive.offset)), s.positive.total, UInt64(bitPattern: Int64(s.negative.offset)), s.negative.total]
    }

    @Test("the one-pass sketch add equals add(_:) per finite value: buckets, counts, zeros, min/max bits, skipped non-finite",
          arguments: [(0.01, 1e-3), (0.001, 1e-9), (0.05, 2.5), (0.01, 0.0), (0.01, -1.0), (0.01, .infinity)])
    func sketchBatch(alpha: Double, zeroBelow: Double) throws {
        var g = SplitMix64(state: 0x5eed ^ UInt64(alpha * 1e6))
        var one = QuantileSketch(alpha: alpha, zeroBelow: zeroBelow), batch = one
        var skippedOne: UInt64 = 0, skippedBatch: UInt64 = 0
        for round in 0..<60 {
            let xs = BandFillTests.awkward(g.pick([0, 1, 2, 5, 32, 100, 700]), &g, zeroBelow: Swift.max(zeroBelow, 1e-6), scale: 0.05 + Double(round) / 20)
            for x in xs { if x.isFinite { one.add(x) } else { skippedOne += 1 } }
            skippedBatch += xs.withUnsafeBufferPointer { batch.add(skippingNonFinite: $0) }
            #expect(batch == one)
            #expect(BandFillTests.bits(batch) == BandFillTests.bits(one))
            #expect(batch.positive.counts == one.positive.counts && batch.negative.counts == one.negative.counts)
            #expect(skippedBatch == skippedOne)
        }
        #expect(one.count > 1000 && skippedOne > 50)
        if zeroBelow > 0 && zeroBelow.isFinite { #expect(one.zeroCount > 0 && one.positive.total > 0 && one.negative.total > 0) }
        let enc = JSONEncoder()
        enc.outputFormatting = .sortedKeys
        enc.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        #expect(try enc.encode(batch) == enc.encode(one))
    }

    /// Batches for the fast paths of the batch add (sign bit clear, finite): only positives at or
    /// above zeroBelow, positives mixed with values that count as 0 (+0, subnormals, just below
    /// zeroBelow), only such zeros; now and then one value (−0, a negative, NaN, ±∞) that sends the
    /// batch down the general path. Ranges widen and shift from batch to batch, both ways.
    static func concentrations(_ n: Int, _ g: inout SplitMix64, zeroBelow z: Double, round: Int, positiveOnly: Bool = false) -> [Double] {
        let kind = positiveOnly ? g.pick([0, 1, 4]) : g.below(6)
        let centre = exp(g.normal() * 4), spread = 0.05 + Double(round % 7) / 3
        var xs: [Double] = (0..<n).map { _ in
            let x = centre * exp(g.normal() * spread)
            switch kind {
            case 0, 1: return Swift.max(x, z)                       // all ≥ zeroBelow (z itself too)
            case 2:                                                   // positives and zeros
                switch g.below(8) {
                case 0: return 0.0
                case 1: return z.nextDown
                case 2: return z * g.uniform(0, 1)
                case 3: return Double.leastNonzeroMagnitude * Double(1 + g.below(1000))
                default: return Swift.max(x, z)
                }
            case 3: return g.pick([0.0, z.nextDown, z * g.uniform(0, 1), Double.leastNonzeroMagnitude])   // only zeros
            case 4: return g.pick([z, z.nextUp, Double.greatestFiniteMagnitude, 1e300 * g.uniform(0, 1) + z])  // extremes
            default: return x * 1e-6 * Double(1 + g.below(3))
            }
        }
        if !xs.isEmpty && g.below(5) == 0 {
            xs[g.below(xs.count)] = positiveOnly ? g.pick([.nan, .infinity, -.infinity])
                : g.pick([-0.0, -x0(&g), .nan, .infinity, -.infinity, -Double.leastNonzeroMagnitude])
        }
        return xs
    }
    static func x0(_ g: inout SplitMix64) -> Double { exp(g.normal() * 3) }

    @Test("the fast paths of the batch add (positives, positives with zeros, only zeros) equal add(_:) per value",
          arguments: [(0.01, 1e-3), (0.001, 1e-9), (0.05, 2.5), (0.01, Double.leastNonzeroMagnitude), (0.2, 1e300)])
    func fastPaths(alpha: Double, zeroBelow: Double) throws {
        var g = SplitMix64(state: 0xba5d ^ UInt64(alpha * 1e6))
        var one = QuantileSketch(alpha: alpha, zeroBelow: zeroBelow), batch = one
        var skippedOne: UInt64 = 0, skippedBatch: UInt64 = 0
        for round in 0..<200 {
            let xs = BandFillTests.concentrations(g.pick([1, 2, 3, 17, 64, 173, 256, 1000]), &g, zeroBelow: zeroBelow, round: round)
            for x in xs { if x.isFinite { one.add(x) } else { skippedOne += 1 } }
            skippedBatch += xs.withUnsafeBufferPointer { batch.add(skippingNonFinite: $0) }
            #expect(BandFillTests.bits(batch) == BandFillTests.bits(one))
            #expect(batch.positive.offset == one.positive.offset && batch.negative.offset == one.negative.offset)
            #expect(batch.positive.counts == one.positive.counts && batch.negative.counts == one.negative.counts)
            #expect(batch == one && skippedBatch == skippedOne)
        }
        #expect(one.count > 10_000 && one.zeroCount > 100 && one.positive.total > 10_000)
        let enc = JSONEncoder()
        enc.outputFormatting = .sortedKeys
        enc.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        #expect(try enc.encode(batch) == enc.encode(one))
    }

    @Test("a sketch of positive values only (its steady state: runs within [min, max] counted at once) equals add(_:) per value",
          arguments: [(0.01, 1e-3), (0.001, 1e-9), (0.05, 2.5)])
    func positiveSteadyState(alpha: Double, zeroBelow: Double) {
        var g = SplitMix64(state: 0x57ead ^ UInt64(alpha * 1e6))
        var one = QuantileSketch(alpha: alpha, zeroBelow: zeroBelow), batch = one
        var skippedOne: UInt64 = 0, skippedBatch: UInt64 = 0
        for round in 0..<300 {
            let xs = BandFillTests.concentrations(g.pick([1, 2, 7, 64, 192, 500]), &g, zeroBelow: zeroBelow, round: round, positiveOnly: true)
            for x in xs { if x.isFinite { one.add(x) } else { skippedOne += 1 } }
            skippedBatch += xs.withUnsafeBufferPointer { batch.add(skippingNonFinite: $0) }
            #expect(BandFillTests.bits(batch) == BandFillTests.bits(one))
            #expect(batch.positive.offset == one.positive.offset && batch.positive.counts == one.positive.counts)
            #expect(skippedBatch == skippedOne)
        }
        #expect(one.zeroCount == 0 && one.negative.total == 0 && one.positive.total > 20_000 && skippedOne > 10)
    }

    @Test("±0 order across batches: min and max keep the first of equal zeros, as add(_:) does")
    func signedZerosAcrossBatches() {
        let batches: [[[Double]]] = [
            [[-0.0], [0.0, 1e-12], [0.0]], [[0.0], [-0.0, 0.0]], [[-0.0, -0.0], [1e-12, 0.0]], [[1e-12], [0.0], [-0.0]],
            [[-0.0], [5.0, 0.0]], [[-3.0], [0.0, 2.0]], [[0.0], [-1e-12, 0.0]],
        ]
        for seq in batches {
            var one = QuantileSketch(alpha: 0.01, zeroBelow: 1e-3), batch = one
            for xs in seq {
                for x in xs { one.add(x) }
                _ = xs.withUnsafeBufferPointer { batch.add(skippingNonFinite: $0) }
                #expect(BandFillTests.bits(batch) == BandFillTests.bits(one))
                #expect(batch.positive.counts == one.positive.counts && batch.negative.counts == one.negative.counts)
            }
        }
    }

    @Test("a batch whose values sweep outward (each one in a new bucket) and one of only ±0: the same state as one at a time")
    func sweeps() {
        var sweep: [Double] = []
        for k in 0..<400 {
            let sign: Double = k % 2 == 0 ? 1 : -1
            let scale: Double = k % 3 == 0 ? 1 : 1e-2
            sweep.append(sign * scale * pow(1.05, Double(k / 2)))
        }
        let cases: [[Double]] = [sweep, Array(sweep.reversed()), [-0.0, 0.0, -0.0], [0.0, -0.0]]
        for xs in cases {
            var one = QuantileSketch(alpha: 0.01, zeroBelow: 1e-3), batch = one
            for x in xs { one.add(x) }
            let skipped = xs.withUnsafeBufferPointer { batch.add(skippingNonFinite: $0) }
            #expect(skipped == 0)
            #expect(BandFillTests.bits(batch) == BandFillTests.bits(one))
            #expect(batch.positive.counts == one.positive.counts && batch.negative.counts == one.negative.counts)
        }
    }

    @Test("bands from time-major rows (whole grid, or blocks of times with spare columns) and one curve at a time encode byte for byte alike (sketched and exact)")
    func bandsThreeWays() throws {
        var g = SplitMix64(state: 77)
        let times = 301
        for exact in [false, true] {
            var plan = SummaryPlan(thresholds: [], timesH: (0..<times).map(Double.init), totalSubjects: 250)
            plan.bandExactValues = exact ? 1_000_000 : 10
            var perCurve = PopulationAccumulator(plan: plan), curvesAtOnce = perCurve, flat = perCurve
            // curvesAtOnce: rows of n values with 3 spare columns, added 37 times at a time (as the
            // population worker's buffer); flat: rows exactly n wide, the whole grid at once.
            // Uneven groups (1 subject; many; more than one block of gathered values).
            for (round, n) in [1, 32, 5, 200, 12].enumerated() {
                let curves = (0..<n).map { _ in
                    round % 2 == 0 ? BandFillTests.awkward(times, &g, zeroBelow: plan.bandZeroBelow, scale: 0.3 + Double(round))
                        : BandFillTests.concentrations(times, &g, zeroBelow: plan.bandZeroBelow, round: round)
                }
                for c in curves { perCurve.addBands(c) }
                let wide = n + 3
                var spare = [Double](repeating: .nan, count: wide * times)
                for (i, c) in curves.enumerated() { for k in 0..<times { spare[k * wide + i] = c[k] } }
                spare.withUnsafeBufferPointer { rows in
                    var t0 = 0
                    while t0 < times {
                        let t1 = Swift.min(times, t0 + 37)
                        curvesAtOnce.addBands(rows: rows.baseAddress! + t0 * wide, stride: wide, subjects: n, times: t0..<t1)
                        t0 = t1
                    }
                }
                var timeMajor = [Double](repeating: 0, count: n * times)
                for (i, c) in curves.enumerated() { for k in 0..<times { timeMajor[k * n + i] = c[k] } }
                timeMajor.withUnsafeBufferPointer { flat.addBands(rows: $0.baseAddress!, stride: n, subjects: n) }
            }
            let enc = JSONEncoder()
            enc.outputFormatting = .sortedKeys
            enc.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            let reference = try enc.encode(perCurve)
            #expect(try enc.encode(curvesAtOnce) == reference)
            #expect(try enc.encode(flat) == reference)
            #expect(curvesAtOnce == perCurve && flat == perCurve)
            for k in [0, 150, times - 1] {
                #expect(perCurve.bands[k].count + perCurve.bands[k].missing == 250)
                #expect(flat.bands[k].min.bitPattern == perCurve.bands[k].min.bitPattern && flat.bands[k].max.bitPattern == perCurve.bands[k].max.bitPattern)
            }
            #expect(perCurve.bands[0].isExact == exact)
        }
    }
}
