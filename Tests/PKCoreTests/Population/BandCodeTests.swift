import Dispatch
import Foundation
import Testing
import TestSupport
@testable import PKCore

/// Band codes (16-bit buckets written where the values are made) against the reference: the same
/// values added one at a time with `add(_:)` to each grid time's accumulator.
@Suite("Percentile bands: codes equal the values one at a time")
struct BandCodeTests {
    /// Awkward values for codes: those of `BandFillTests.awkward`, plus bucket edges (a bucket's
    /// first bit pattern and the one before), values whose high word is zeroBelow's (the low word
    /// decides), values at the top of the code range, and tiny negatives.
    static func column(_ n: Int, _ g: inout SplitMix64, sketch s: QuantileSketch, scale: Double) -> [Double] {
        let z = s.zeroBelow, zb = z.bitPattern >> s.shift
        return (0..<n).map { _ in
            switch g.below(12) {
            case 0:
                let b = (zb + UInt64(g.below(3000))) << s.shift
                return g.pick([Double(bitPattern: b), Double(bitPattern: b - 1), Double(bitPattern: b + 1)])
            case 1:
                let hiWord = z.bitPattern & 0xFFFF_FFFF_0000_0000
                return Double(bitPattern: hiWord | UInt64(g.below(1 << 32)))
            case 2:
                // Around the top code (32766) and past it.
                let top = (zb - 1 + 0x7FFE) << s.shift
                let x = Double(bitPattern: Swift.min(top, 0x7FEF_FFFF_FFFF_FFFF))
                return g.pick([x, x.nextUp, x.nextDown, Double(bitPattern: Swift.min(top + (1 << s.shift), 0x7FEF_FFFF_FFFF_FFFF))])
            case 3: return -1e-20 * g.uniform(0, 1)
            case 4: return g.pick([0.0, -0.0])
            default: return BandFillTests.awkward(1, &g, zeroBelow: z, scale: scale)[0]
            }
        }
    }

    /// Writes `curves` (subject-major: curves[i][t]) as codes the way a study's worker does:
    /// full lane groups through the vector write, the rest of a group one value at a time.
    static func writeCodes(_ curves: [[Double]], times: Int, state: BandCodeState, into buffer: UnsafeMutablePointer<UInt16>) {
        let W = Lanes.scalarCount
        var c = 0
        while c < curves.count {
            let lanes = Swift.min(W, curves.count - c)
            let writer = BandCodeWriter(codes: buffer + (c / W) * (times * W), stride: W, state: state)
            if lanes == W {
                for t in 0..<times {
                    var v = Lanes()
                    for l in 0..<W { v[l] = curves[c + l][t] }
                    writer.write(v, time: t, lo: state.lo, hi: state.hi)
                }
            } else {
                for l in 0..<lanes {
                    let w = writer.shifted(by: l)
                    for t in 0..<times { w.write(curves[c + l][t], lane: 0, time: t) }
                }
            }
            c += W
        }
    }

    /// Rows of codes (time-major, `subjects` wide) from the lane-slot layout.
    static func rows(_ buffer: UnsafeMutablePointer<UInt16>, subjects n: Int, times: Int) -> [UInt16] {
        let W = Lanes.scalarCount
        var out = [UInt16](repeating: 0, count: max(1, n * times))
        for i in 0..<n { for t in 0..<times { out[t * n + i] = buffer[(i / W) * (times * W) + t * W + i % W] } }
        return out
    }

    @Test("codes, extrema and side values give the sketch state of add(_:) per value, over several flushes",
          arguments: [(0.01, 1e-3), (0.001, 1e-9), (0.05, 2.5), (0.01, 1e-300)])
    func codesEqualValues(alpha: Double, zeroBelow: Double) throws {
        let times = 7
        var plan = SummaryPlan(thresholds: [], timesH: (0..<times).map(Double.init), totalSubjects: 10_000_000)
        plan.bandAlpha = alpha
        plan.bandZeroBelow = zeroBelow
        var expected = PopulationAccumulator(plan: plan), actual = expected, slotted = expected
        let format = try #require(actual.bandCodeFormat)
        let state = BandCodeState(times: times, format: format)
        var g = SplitMix64(state: 0xc0de ^ UInt64(alpha * 1e6))
        let sketch = expected.bands[0].sketch!
        var sawSide = false
        for round in 0..<40 {
            let n = g.pick([1, 2, 3, 4, 5, 7, 8, 13, 64, 101])
            var curves = (0..<n).map { _ in BandCodeTests.column(times, &g, sketch: sketch, scale: 0.05 + Double(round) / 10) }
            if round % 5 == 1 {
                // Mostly ordinary values (the vector fast path), one group now and then with a zero of either sign.
                curves = (0..<n).map { _ in (0..<times).map { _ in exp(g.normal() * 2) } }
                if n > 4 { curves[g.below(n)][g.below(times)] = g.pick([0.0, -0.0]) }
            }
            for curve in curves { expected.addBands(curve) }
            let W = Lanes.scalarCount
            let buffer = UnsafeMutablePointer<UInt16>.allocate(capacity: ((n + W - 1) / W) * W * times)
            defer { buffer.deallocate() }
            BandCodeTests.writeCodes(curves, times: times, state: state, into: buffer)
            sawSide = sawSide || !state.side.isEmpty
            let rows = BandCodeTests.rows(buffer, subjects: n, times: times)
            rows.withUnsafeBufferPointer { r in
                actual.addBandCodes(rows: r.baseAddress!, stride: n, subjects: n, times: 0..<times, state: state)
            }
            actual.addBandSideValues(state)
            slotted.addBandCodes(slots: buffer, slotStride: times * W, lanes: BandCodeTests.lanes(n), state: state)
            slotted.addBandSideValues(state)
            slotted.addStagedBandCodes(state)
            state.reset()
            for k in 0..<times {
                #expect(slotted.bands[k] == expected.bands[k], "round \(round) time \(k)")
                let a = actual.bands[k], e = expected.bands[k]
                #expect(a == e, "round \(round) time \(k)")
                #expect(BandFillTests.bits(a.sketch!) == BandFillTests.bits(e.sketch!), "round \(round) time \(k)")
                #expect(a.sketch!.positive.counts == e.sketch!.positive.counts && a.sketch!.negative.counts == e.sketch!.negative.counts)
                #expect(a.count == e.count && a.missing == e.missing)
                #expect(a.count == 0 || (a.min.bitPattern == e.min.bitPattern && a.max.bitPattern == e.max.bitPattern))
            }
        }
        #expect(sawSide)
        #expect(try BandCodeTests.encoded(actual) == BandCodeTests.encoded(expected))
        #expect(try BandCodeTests.encoded(slotted) == BandCodeTests.encoded(expected))
    }

    /// A sketched plan of `times` grid times (1 % buckets, values below `zeroBelow` count as 0),
    /// an empty accumulator for it and a worker's empty code state.
    static func sketched(times: Int, zeroBelow: Double) throws -> (plan: SummaryPlan, accumulator: PopulationAccumulator, state: BandCodeState) {
        var plan = SummaryPlan(thresholds: [], timesH: (0..<times).map(Double.init), totalSubjects: 10_000_000)
        plan.bandAlpha = 0.01
        plan.bandZeroBelow = zeroBelow
        let accumulator = PopulationAccumulator(plan: plan)
        return (plan, accumulator, BandCodeState(times: times, format: try #require(accumulator.bandCodeFormat)))
    }

    /// The accumulator's encoded state (keys sorted, non-finite numbers as text).
    static func encoded(_ a: PopulationAccumulator) throws -> Data {
        let enc = JSONEncoder()
        enc.outputFormatting = .sortedKeys
        enc.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try enc.encode(a)
    }

    /// One band flush of `curves` as a worker makes it: codes written to lane slots, counted
    /// into `state.counts` (extrema and counts into `actual`), the exceptional values added.
    static func flushSlots(_ curves: [[Double]], times: Int, state: BandCodeState, into actual: inout PopulationAccumulator) {
        let W = Lanes.scalarCount, n = curves.count
        let buffer = UnsafeMutablePointer<UInt16>.allocate(capacity: ((n + W - 1) / W) * W * times)
        defer { buffer.deallocate() }
        BandCodeTests.writeCodes(curves, times: times, state: state, into: buffer)
        actual.addBandCodes(slots: buffer, slotStride: times * W, lanes: BandCodeTests.lanes(n), state: state)
        actual.addBandSideValues(state)
    }

    /// Subjects per slot of n subjects written by `writeCodes`: full slots, then the rest.
    static func lanes(_ n: Int) -> [Int] {
        let W = Lanes.scalarCount
        return stride(from: 0, to: n, by: W).map { Swift.min(W, n - $0) }
    }

    @Test("codes counted straight from the lane slots, blocks of times at once, give the state of add(_:) per value",
          arguments: [1, 4, 9, 37, 130])
    func slotsEqualValues(subjects n: Int) throws {
        // More grid times than one block, most of them all positive, some with zeros, tiny or
        // negative values (counted a row at a time), over several flushes.
        let times = 75
        let (_, empty, state) = try BandCodeTests.sketched(times: times, zeroBelow: 1e-6)
        var expected = empty, actual = empty
        var g = SplitMix64(state: 0x5107 &+ UInt64(n))
        let W = Lanes.scalarCount
        for round in 0..<4 {
            var curves = (0..<n).map { _ in (0..<times).map { t in t == 0 ? 0.0 : exp(g.normal() * 3) * Double(round + 1) } }
            for _ in 0..<3 {
                curves[g.below(n)][1 + g.below(times - 1)] = g.pick([0.0, -0.0, 1e-9, -1e-9, -2.5, 1e300, .infinity, .nan])
            }
            for curve in curves { expected.addBands(curve) }
            let buffer = UnsafeMutablePointer<UInt16>.allocate(capacity: ((n + W - 1) / W) * W * times)
            defer { buffer.deallocate() }
            BandCodeTests.writeCodes(curves, times: times, state: state, into: buffer)
            if round == 2 {
                // As if BandCodeCounter.max − n/2 values per time were counted already: these do not fit, so the
                // counts so far reach the sketches first (the counters never overflow).
                let staged = state.counts.staged
                state.counts.counted(Int(BandCodeCounter.max) - n / 2 - staged)
                #expect(!state.counts.room(for: n))
                actual.addBandCodes(slots: buffer, slotStride: times * W, lanes: BandCodeTests.lanes(n), state: state)
                #expect(state.counts.staged == n)
            } else {
                actual.addBandCodes(slots: buffer, slotStride: times * W, lanes: BandCodeTests.lanes(n), state: state)
            }
            actual.addBandSideValues(state)
            if round != 1 { actual.addStagedBandCodes(state) }
            state.reset()
            // (Round 1's counts stay staged: they reach the sketches with round 2's.)
            for k in 0..<times where round != 1 {
                let a = actual.bands[k], e = expected.bands[k]
                #expect(a == e, "round \(round) time \(k)")
                #expect(a.sketch!.positive.counts == e.sketch!.positive.counts && a.sketch!.positive.offset == e.sketch!.positive.offset)
                #expect(a.count == 0 || (a.min.bitPattern == e.min.bitPattern && a.max.bitPattern == e.max.bitPattern))
            }
        }
        #expect(try BandCodeTests.encoded(actual) == BandCodeTests.encoded(expected))
    }

    @Test("codes kept in the counters over several flushes while their ranges widen, then added and freed at once, give the state of add(_:) per value",
          arguments: [3, 9, 130])
    func stagedOverFlushes(subjects n: Int) throws {
        let times = 21
        let (_, empty, state) = try BandCodeTests.sketched(times: times, zeroBelow: 1e-3)
        var expected = empty, actual = empty
        var g = SplitMix64(state: 0x57a9 &+ UInt64(n))
        func flush(spread: Double) {
            // Every third grid time has values below zeroBelow among the others (codes 0 and positive).
            let curves = (0..<n).map { _ in
                (0..<times).map { t in t % 3 == 1 && g.below(2) == 0 ? 1e-5 * g.uniform(0, 1) : exp(g.normal() * spread) }
            }
            for curve in curves { expected.addBands(curve) }
            BandCodeTests.flushSlots(curves, times: times, state: state, into: &actual)
            state.reset()
        }
        // Each flush spreads wider than the last, both ways: the counters of every grid time
        // move while they hold counts.
        for round in 0..<5 {
            flush(spread: 0.3 + 2.0 * Double(round))
            #expect(state.counts.staged == n * (round + 1))
        }
        actual.addStagedBandCodes(state, release: true)
        #expect(state.counts.staged == 0)
        for t in 0..<times { #expect(state.counts.counts(t).codes == nil) }
        // Counted again after the release: the counters start anew.
        flush(spread: 1)
        actual.addStagedBandCodes(state)
        for k in 0..<times {
            let a = actual.bands[k], e = expected.bands[k]
            #expect(a == e, "time \(k)")
            #expect(a.sketch!.positive.counts == e.sketch!.positive.counts && a.sketch!.positive.offset == e.sketch!.positive.offset)
            #expect(a.sketch!.zeroCount == e.sketch!.zeroCount && a.sketch!.zeroCount > 0 || k % 3 != 1)
            #expect(a.min.bitPattern == e.min.bitPattern && a.max.bitPattern == e.max.bitPattern)
        }
        #expect(try BandCodeTests.encoded(actual) == BandCodeTests.encoded(expected))
    }

    @Test("several workers' staged codes added at once to their merged accumulator, grid times split in parts, give the state of add(_:) per value",
          arguments: [(1, false), (2, false), (3, false), (5, false), (40, false), (2, true), (7, true)])
    func stagedFromWorkers(parts: Int, concurrent: Bool) throws {
        // Three workers with different subjects (and one with none); one's bands took values as
        // rows too (a grid time with negative values) and had its counts added mid-run.
        let times = 23
        let (plan, empty, _) = try BandCodeTests.sketched(times: times, zeroBelow: 1e-3)
        let format = try #require(empty.bandCodeFormat)
        var expected = empty
        var g = SplitMix64(state: 0x3e1d &+ UInt64(parts))
        var workers: [(accumulator: PopulationAccumulator, state: BandCodeState)] = []
        for (w, n) in [13, 0, 7].enumerated() {
            var actual = PopulationAccumulator(plan: plan)
            let state = BandCodeState(times: times, format: format)
            for flush in 0..<2 where n > 0 {
                let curves = (0..<n).map { _ in
                    (0..<times).map { t in t == 5 && w == 0 ? -1.5 : t % 4 == 1 && g.below(2) == 0 ? 1e-5 : exp(g.normal() * Double(1 + w + flush)) }
                }
                for curve in curves { expected.addBands(curve) }
                BandCodeTests.flushSlots(curves, times: times, state: state, into: &actual)
                if w == 0 && flush == 0 { actual.addStagedBandCodes(state) }
                state.reset()
            }
            workers.append((actual, state))
        }
        var total = workers[0].accumulator
        for worker in workers.dropFirst() { total.merge(worker.accumulator) }
        var ran: [Int] = []
        total.addStagedBandCodes(workers.map(\.state), parts: parts) { n, body in
            // Concurrently as PopulationStudy runs it, or one part after another.
            if concurrent {
                final class Parts: @unchecked Sendable { let lock = NSLock(); var done: [Int] = [] }
                let parts = Parts()
                DispatchQueue.concurrentPerform(iterations: n) { i in
                    body(i)
                    parts.lock.lock(); parts.done.append(i); parts.lock.unlock()
                }
                ran = parts.done.sorted()
            } else { for i in 0..<n { ran.append(i); body(i) } }
        }
        #expect(ran == Array(0..<Swift.min(parts, times)))
        for (_, state) in workers {
            #expect(state.counts.staged == 0)
            for t in 0..<times { #expect(state.counts.counts(t).codes == nil) }
        }
        for k in 0..<times {
            let a = total.bands[k], e = expected.bands[k]
            #expect(a == e, "time \(k)")
            #expect(a.sketch!.positive.counts == e.sketch!.positive.counts && a.sketch!.positive.offset == e.sketch!.positive.offset)
            #expect(a.min.bitPattern == e.min.bitPattern && a.max.bitPattern == e.max.bitPattern)
        }
        #expect(try BandCodeTests.encoded(total) == BandCodeTests.encoded(expected))
    }

    @Test("the first exact zero in subject order decides the sign of a zero minimum or maximum, across lanes and flushes")
    func zeroSigns() throws {
        let times = 2
        let plan = SummaryPlan(thresholds: [], timesH: [0, 1], totalSubjects: 10_000_000)
        for pattern in 0..<64 {
            // Six subjects (a full group and a partial one): each value +0, −0, or a positive value.
            var g = SplitMix64(state: UInt64(pattern) &* 0x9E37_79B9)
            let curves = (0..<6).map { _ in (0..<times).map { _ in g.pick([0.0, -0.0, 0.0, -0.0, 1.5]) } }
            var expected = PopulationAccumulator(plan: plan), actual = expected
            for c in curves { expected.addBands(c) }
            let state = BandCodeState(times: times, format: try #require(actual.bandCodeFormat))
            let buffer = UnsafeMutablePointer<UInt16>.allocate(capacity: 8 * times)
            defer { buffer.deallocate() }
            BandCodeTests.writeCodes(curves, times: times, state: state, into: buffer)
            BandCodeTests.rows(buffer, subjects: 6, times: times).withUnsafeBufferPointer { r in
                actual.addBandCodes(rows: r.baseAddress!, stride: 6, subjects: 6, times: 0..<times, state: state)
            }
            actual.addBandSideValues(state)
            for k in 0..<times {
                #expect(actual.bands[k].min.bitPattern == expected.bands[k].min.bitPattern, "pattern \(pattern)")
                #expect(actual.bands[k].max.bitPattern == expected.bands[k].max.bitPattern, "pattern \(pattern)")
                #expect(actual.bands[k] == expected.bands[k])
            }
        }
    }

    @Test("a value's code is its sketch bucket relative to zeroBelow's, 0 below zeroBelow, exceptional otherwise")
    func codeMeaning() throws {
        let s = QuantileSketch(alpha: 0.01, zeroBelow: 1e-3)
        let f = try #require(BandCodeFormat(sketch: s))
        var g = SplitMix64(state: 42)
        for _ in 0..<20_000 {
            let x = BandFillTests.awkward(1, &g, zeroBelow: 1e-3, scale: 3)[0]
            let c = f.code(x)
            if c == BandCodeFormat.exceptional { continue }
            if c == 0 { #expect(abs(x) < 1e-3) } else {
                #expect(x >= 1e-3 && x.isFinite)
                #expect(Int(c) == s.bucket(x) - s.bucket(1e-3) + 1)
            }
        }
        #expect(f.code(1) != BandCodeFormat.exceptional && f.code(-1) == BandCodeFormat.exceptional && f.code(.nan) == BandCodeFormat.exceptional)
        #expect(BandCodeFormat(sketch: QuantileSketch(alpha: 0.01, zeroBelow: 0)) == nil)
        #expect(BandCodeFormat(sketch: QuantileSketch(alpha: 1e-9, zeroBelow: 1e-3)) == nil)
    }
}
