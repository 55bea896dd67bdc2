/// The running summary of one quantity over subjects: count, exact sums (mean, SD), exact min and
/// max, and quantiles, either exact (every value kept: used when the study's total count is at most
/// `exactLimit`, decided up front so every shard agrees) or from a `QuantileSketch`. NaN values
/// (e.g. "not reached") are counted apart; infinities are not expected and count as NaN.
///
/// Everything is integer counts, exact sums, extrema or a multiset of values, so `merge` is
/// associative and commutative and the summary is bit-identical for any split of the subjects.
public struct DistributionAccumulator: Sendable, Equatable, Codable {
    /// Number of finite values added.
    public private(set) var count: UInt64 = 0
    /// Number of non-finite values (NaN: e.g. "not reached"), counted apart.
    public private(set) var missing: UInt64 = 0
    var sum: ExactSum?
    var sumSquares: ExactSum?
    /// Smallest finite value (`.infinity` while empty), in the quantity's unit.
    public private(set) var min: Double = .infinity
    /// Largest finite value (`-.infinity` while empty), in the quantity's unit.
    public private(set) var max: Double = -.infinity
    /// All values, when exact.
    var values: [Double]?
    var sketch: QuantileSketch?

    /// `exact`: keep every value (exact quantiles); else a sketch of accuracy `alpha`.
    /// `moments`: keep exact sums for the mean and SD.
    public init(exact: Bool, alpha: Double, zeroBelow: Double = 1e-9, moments: Bool) {
        if exact { values = [] } else { sketch = QuantileSketch(alpha: alpha, zeroBelow: zeroBelow) }
        if moments { sum = ExactSum(); sumSquares = ExactSum() }
    }

    /// True when every value is kept (exact quantiles), false for a sketch.
    public var isExact: Bool { values != nil }

    /// Adds one value; a non-finite value counts as missing.
    public mutating func add(_ x: Double) {
        guard x.isFinite else { missing += 1; return }
        count += 1
        if x < min { min = x }
        if x > max { max = x }
        sum?.add(x)
        sumSquares?.add(x * x)
        values?.append(x)
        sketch?.add(x)
    }

    /// Adds values in one pass: the same state as adding them one at a time with `add`.
    public mutating func add(contentsOf xs: UnsafeBufferPointer<Double>) {
        // The sketch counts the finite values and skips the rest (the missing ones), in one pass.
        // (Without moments a sketched accumulator keeps no values; `sketch?.` mutates in place.)
        guard sum == nil, let skipped = sketch?.add(skippingNonFinite: xs) else {
            for x in xs { add(x) }
            return
        }
        missing &+= skipped
        count &+= UInt64(xs.count) &- skipped
        let lo = sketch!.min, hi = sketch!.max
        if lo < min { min = lo }
        if hi > max { max = hi }
    }

    /// Adds one grid time's coded values (`BandCodeFormat`; exceptional codes are skipped, their
    /// values added apart with `add(contentsOf:)`), `lo` and `hi` the coded values' extrema:
    /// the same state as `add(contentsOf:)` on the coded values. Sketched, without moments only.
    mutating func add(codes: UnsafePointer<UInt16>, count n: Int, format: BandCodeFormat, lo: Double, hi: Double, anyExceptional: Bool) {
        precondition(sum == nil && sketch != nil, "codes are for sketched accumulators without moments")
        let counted = sketch!.add(codes: codes, count: n, format: format, lo: lo, hi: hi, anyExceptional: anyExceptional)
        count &+= UInt64(counted)
        let a = sketch!.min, b = sketch!.max
        if a < min { min = a }
        if b > max { max = b }
    }

    /// `QuantileSketch.noteCodes` on the sketch, and the count and extrema here (sketched,
    /// without moments only).
    mutating func noteCodes(count n: Int, lo: Double, hi: Double) {
        precondition(sum == nil && sketch != nil, "codes are for sketched accumulators without moments")
        sketch!.noteCodes(count: n, lo: lo, hi: hi)
        count &+= UInt64(n)
        let a = sketch!.min, b = sketch!.max
        if a < min { min = a }
        if b > max { max = b }
    }

    /// `QuantileSketch.addCodeCounts` on the sketch.
    mutating func addCodeCounts(_ counts: UnsafePointer<BandCodeCounter>, first: Int, length: Int, format: BandCodeFormat) {
        precondition(sum == nil && sketch != nil, "codes are for sketched accumulators without moments")
        sketch!.addCodeCounts(counts, first: first, length: length, format: format)
    }

    /// Adds another accumulator of the same kind (exact or sketched, with or without moments):
    /// associative and commutative, so any split of the subjects gives the same result.
    public mutating func merge(_ o: DistributionAccumulator) {
        precondition(isExact == o.isExact && (sum == nil) == (o.sum == nil), "merging different kinds of accumulators")
        count += o.count
        missing += o.missing
        min = Swift.min(min, o.min)
        max = Swift.max(max, o.max)
        if let s = o.sum { sum!.add(s) }
        if let s = o.sumSquares { sumSquares!.add(s) }
        if let v = o.values { values!.append(contentsOf: v) }
        if let s = o.sketch { sketch!.merge(s) }
    }

    /// Exact sum of the values rounded once, over the count; nil without moments or values.
    public var mean: Double? {
        guard let s = sum, count > 0 else { return nil }
        if min == max { return min }
        return s.value / Double(count)
    }

    /// Sample SD from the exact sums: √((Σx² − (Σx)²/n)/(n − 1)). Each sum is exact and rounded
    /// once, so the relative error is about 1e-16·(mean/SD)², negligible for any real spread; a
    /// spread below that rounding (SD under ~2e-8 of the mean) is reported as 0.
    public var standardDeviation: Double? {
        guard let s = sum?.value, let q = sumSquares?.value, count > 1 else { return nil }
        if min == max { return 0 }
        let n = Double(count)
        // q and s²/n are each correct to a few ulps of q, so a difference below 4 ulps of q is
        // rounding, not spread (values that differ only in their last bits): the SD is 0 then.
        let d = q - s * s / n
        if d <= 4 * q.ulp { return 0 }
        return (d / (n - 1)).squareRoot()
    }

    /// The q-quantiles (type 7: linear between order statistics at h = (n − 1)q), exact or sketched.
    public func quantiles(_ qs: [Double]) -> [Double] {
        guard count > 0 else { return qs.map { _ in .nan } }
        if let v = values {
            let s = v.sorted()
            return qs.map { q in
                let h = Double(s.count - 1) * q
                let lo = Int(h.rounded(.down)), hi = Swift.min(lo + 1, s.count - 1)
                let w = h - Double(lo)
                return w == 0 ? s[lo] : s[lo] + w * (s[hi] - s[lo])
            }
        }
        return qs.map { sketch!.quantile($0) }
    }

    /// "exact", or the sketch's stated error.
    public var method: String {
        if let s = sketch { return "sketch (relative error <= \(s.alpha * 100)%, or \(s.zeroBelow) absolute below that)" }
        return "exact"
    }

    // Canonical encoding: values sorted, so equal multisets encode equally.
    enum CodingKeys: String, CodingKey { case count, missing, sum, sumSquares, min, max, values, sketch }
    /// Canonical encoding (values sorted, so equal multisets encode equally).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(count, forKey: .count)
        try c.encode(missing, forKey: .missing)
        try c.encodeIfPresent(sum, forKey: .sum)
        try c.encodeIfPresent(sumSquares, forKey: .sumSquares)
        if count > 0 {
            try c.encode(min, forKey: .min)
            try c.encode(max, forKey: .max)
        }
        try c.encodeIfPresent(values.map { CountList.text($0.sorted()) }, forKey: .values)
        try c.encodeIfPresent(sketch, forKey: .sketch)
    }
    /// Decodes and checks that the counts add up (exactly one of values and sketch, of `count` values).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        count = try c.decode(UInt64.self, forKey: .count)
        missing = try c.decode(UInt64.self, forKey: .missing)
        sum = try c.decodeIfPresent(ExactSum.self, forKey: .sum)
        sumSquares = try c.decodeIfPresent(ExactSum.self, forKey: .sumSquares)
        if count > 0 {
            min = try c.decode(Double.self, forKey: .min)
            max = try c.decode(Double.self, forKey: .max)
        }
        if let text = try c.decodeIfPresent(String.self, forKey: .values) {
            guard let v = CountList.doubles(text) else {
                throw DecodingError.dataCorruptedError(forKey: .values, in: c, debugDescription: "values must be comma-separated finite numbers")
            }
            values = v
        }
        sketch = try c.decodeIfPresent(QuantileSketch.self, forKey: .sketch)
        guard (values == nil) != (sketch == nil), values.map({ UInt64($0.count) == count }) ?? true,
              sketch.map({ $0.count == count }) ?? true else {
            throw DecodingError.dataCorruptedError(forKey: .count, in: c, debugDescription: "accumulator counts do not add up")
        }
    }
    /// Equal counts, sums, extrema (when not empty) and multisets of values or sketches.
    public static func == (a: DistributionAccumulator, b: DistributionAccumulator) -> Bool {
        a.count == b.count && a.missing == b.missing && a.sum == b.sum && a.sumSquares == b.sumSquares
            && (a.count == 0 || (a.min == b.min && a.max == b.max)) && a.values?.sorted() == b.values?.sorted() && a.sketch == b.sketch
    }
}

/// What a population summary keeps: the metrics' distributions, counts of Cmax at or above named
/// thresholds, and the output's distribution at every grid time (the percentile bands).
public struct SummaryPlan: Sendable, Equatable, Codable {
    /// A named concentration level; subjects with Cmax at or above it are counted.
    public struct Threshold: Sendable, Equatable, Codable {
        /// The threshold's name (e.g. "anaesthesia").
        public var name: String
        /// The level (ng/mL).
        public var level: Double
        /// A threshold `name` at `level` (ng/mL).
        public init(name: String, level: Double) { self.name = name; self.level = level }
    }
    /// The Cmax thresholds counted.
    public var thresholds: [Threshold]
    /// The grid times of the percentile bands (h).
    public var timesH: [Double]
    /// A metric kept after `SubjectMetrics.names`: its name (CSV column and summary key) and unit.
    public struct ExtraMetric: Sendable, Equatable, Codable {
        /// CSV column and summary key, e.g. `ce_max_ngml_olofsen-2022-perception`.
        public var name: String
        /// Unit of the values (ng/mL, h, min, or empty when dimensionless).
        public var unit: String
        /// A metric named `name` in `unit`.
        public init(name: String, unit: String) { self.name = name; self.unit = unit }
    }
    /// Metrics kept after `SubjectMetrics.names`, in `SubjectResult.effectValues` order (the effect
    /// sites' metrics); nil: none (and nothing of it in the encoded plan).
    public var extraMetrics: [ExtraMetric]? = nil
    /// Total subjects of the whole study (all shards): decides exact vs sketched quantiles.
    public var totalSubjects: Int
    /// Metric quantiles are exact up to this many subjects, then sketched with `metricAlpha`.
    public var metricExactLimit: Int = 100_000
    /// Relative accuracy of the sketched metric quantiles (0.001 = 0.1 %).
    public var metricAlpha: Double = 0.001
    /// Band quantiles are exact while subjects × times ≤ this many values, then sketched with
    /// `bandAlpha`: 2 million values (e.g. 6,920 subjects on a 24 h grid of 5 min, 16 MB of values).
    public var bandExactValues: Int = 2_000_000
    /// Relative accuracy of the sketched band quantiles (0.01 = 1 %).
    public var bandAlpha: Double = 0.01
    /// Sketched band values below this (ng/mL) count as 0: the absolute error there.
    public var bandZeroBelow: Double = 1e-3

    /// A plan with the default exact limits and sketch accuracies.
    public init(thresholds: [Threshold], timesH: [Double], totalSubjects: Int) {
        self.thresholds = thresholds
        self.timesH = timesH
        self.totalSubjects = totalSubjects
    }

    /// True when the metric quantiles are exact (`totalSubjects` ≤ `metricExactLimit`).
    public var metricsExact: Bool { totalSubjects <= metricExactLimit }
    /// True when the band quantiles are exact (subjects × grid times ≤ `bandExactValues`).
    public var bandsExact: Bool {
        let (values, overflow) = totalSubjects.multipliedReportingOverflow(by: Swift.max(1, timesH.count))
        return !overflow && values <= bandExactValues
    }
}

/// The mergeable state of a population run (or of a shard of it).
public struct PopulationAccumulator: Sendable, Equatable, Codable {
    /// Number of subjects added.
    public private(set) var subjects: UInt64 = 0
    /// One per `SubjectMetrics.names`.
    public private(set) var metrics: [DistributionAccumulator]
    /// Subjects with Cmax ≥ each threshold.
    public private(set) var thresholdCounts: [UInt64]
    /// One per grid time; empty when bands are not kept.
    public private(set) var bands: [DistributionAccumulator]

    /// An empty accumulator for `plan`; `keepBands` false: no percentile bands (metrics only).
    public init(plan: SummaryPlan, bands keepBands: Bool = true) {
        metrics = (0..<(SubjectMetrics.names.count + (plan.extraMetrics?.count ?? 0))).map { _ in
            DistributionAccumulator(exact: plan.metricsExact, alpha: plan.metricAlpha, moments: true)
        }
        thresholdCounts = plan.thresholds.map { _ in 0 }
        bands = keepBands ? plan.timesH.map { _ in DistributionAccumulator(exact: plan.bandsExact, alpha: plan.bandAlpha, zeroBelow: plan.bandZeroBelow, moments: false) } : []
    }

    /// One subject's metrics and its curve on the grid (ng/mL at `plan.timesH`).
    public mutating func add(_ m: SubjectMetrics, curve: [Double], plan: SummaryPlan) {
        add(m, plan: plan)
        addBands(curve)
    }

    /// One subject's metrics (the bands are added apart, with `addBands`).
    public mutating func add(_ m: SubjectMetrics, plan: SummaryPlan) {
        add(m, extra: [], plan: plan)
    }

    /// One subject's metrics and the values of the plan's `extraMetrics` (as many, in order).
    public mutating func add(_ m: SubjectMetrics, extra: [Double], plan: SummaryPlan) {
        precondition(SubjectMetrics.names.count + extra.count == metrics.count, "extra metrics differ from the plan")
        subjects += 1
        for (k, v) in m.values.enumerated() { metrics[k].add(v) }
        for (k, v) in extra.enumerated() { metrics[SubjectMetrics.names.count + k].add(v) }
        for (k, t) in plan.thresholds.enumerated() where m.cmax >= t.level { thresholdCounts[k] += 1 }
    }

    /// One subject's curve on the grid (ignored when bands are not kept).
    public mutating func addBands(_ curve: [Double]) {
        guard !bands.isEmpty else { return }
        precondition(curve.count == bands.count, "curve length differs from the grid")
        for (k, v) in curve.enumerated() { bands[k].add(v) }
    }

    /// Many subjects' curves on the grid in a time-major block with room for more: subject i at
    /// grid time k is `values[k · stride + i]` for i < `subjects` ≤ `stride`, every grid time
    /// (ignored when bands are not kept). The same state as `addBands` per subject's curve.
    public mutating func addBands(rows values: UnsafePointer<Double>, stride: Int, subjects n: Int) {
        addBands(rows: values, stride: stride, subjects: n, times: bands.indices)
    }

    /// `addBands(rows:stride:subjects:)` for the grid times of `times` only: subject i at grid
    /// time k is `values[(k − times.lowerBound) · stride + i]`.
    public mutating func addBands(rows values: UnsafePointer<Double>, stride: Int, subjects n: Int, times: Range<Int>) {
        guard !bands.isEmpty, n > 0 else { return }
        precondition(n <= stride && times.clamped(to: bands.indices) == times, "rows outside the grid or narrower than the subjects")
        for k in times {
            bands[k].add(contentsOf: UnsafeBufferPointer(start: values + (k - times.lowerBound) * stride, count: n))
        }
    }

    /// The code format the percentile bands take (`BandCodeFormat`), or nil when they take values:
    /// exact bands, no bands, or a sketch the codes cannot serve.
    public var bandCodeFormat: BandCodeFormat? {
        guard let first = bands.first, first.sum == nil, let s = first.sketch else { return nil }
        return BandCodeFormat(sketch: s)
    }

    /// Adds the coded band values of `state` at the grid times `times`: row k − `times.lowerBound`
    /// of `rows` (`stride` codes apart) holds the codes of the `n` subjects at grid time k, in
    /// subject order. The same state as `addBands(rows:stride:subjects:times:)` on the values.
    /// The exceptional values of `state` are added by `addBandSideValues(_:)`.
    public mutating func addBandCodes(rows: UnsafePointer<UInt16>, stride: Int, subjects n: Int, times: Range<Int>,
                                      state: BandCodeState) {
        guard !bands.isEmpty, n > 0 else { return }
        precondition(n <= stride && times.clamped(to: bands.indices) == times, "rows outside the grid or narrower than the subjects")
        let f = state.format
        for k in times {
            let (lo, hi) = state.extrema(k)
            bands[k].add(codes: rows + (k - times.lowerBound) * stride, count: n, format: f, lo: lo, hi: hi, anyExceptional: state.hasSide[k])
        }
    }

    /// `addBandCodes(rows:stride:subjects:times:state:)` for every grid time, with the codes in
    /// the lane-slot layout the lane kernel writes them in: slot s holds `lanes[s]` subjects
    /// (1...W, W = `Lanes.scalarCount`, in subject order), the code of its lane l at grid time t at
    /// `codes[s · slotStride + t · W + l]`. Grid times whose codes are all zeros or positive (the
    /// usual case: known from their extrema) are counted into `state.counts`, a block of times
    /// at a time (each slot's codes of the block read in one sequential stretch), and reach the
    /// sketches with `addStagedBandCodes(_:)`; their count and extrema are added now. The others
    /// (with exceptional values) take a row each, straight into the sketch. Once the staged
    /// codes are added: the same state as the rows (counts do not depend on the order the
    /// values come in; the extrema come from `state`).
    public mutating func addBandCodes(slots codes: UnsafePointer<UInt16>, slotStride: Int, lanes: [Int], state: BandCodeState) {
        let W = Lanes.scalarCount
        let n = lanes.reduce(0, +)
        guard !bands.isEmpty, n > 0 else { return }
        precondition(state.times == bands.count && lanes.allSatisfy { $0 >= 1 && $0 <= W }, "slots outside the grid")
        let f = state.format, times = bands.count, exc = Int(BandCodeFormat.exceptional)
        let stage = state.counts
        precondition(n <= Int(BandCodeCounter.max), "more subjects in one band flush than a band-code counter holds")
        // Counters of `BandCodeCounter.max`: taken into the sketches before any could overflow.
        if !stage.room(for: n) { addStagedBandCodes(state) }
        let full = lanes.indices.filter { lanes[$0] == W }.map { $0 &* slotStride }
        let partial = lanes.indices.filter { lanes[$0] < W }
        // Grid times per pass: 8 (measured, W2 on two threads: 32 times at once, ~1 MB of counts
        // touched together, was ~15 % slower in wall time for the same instructions).
        let block = 8
        // The block's counted times: where code c of the i-th is counted ([c]) and where its
        // codes are in a slot (codes after the block's first).
        let places = UnsafeMutablePointer<UnsafeMutablePointer<BandCodeCounter>>.allocate(capacity: block)
        let offsets = UnsafeMutablePointer<Int>.allocate(capacity: block)
        let counted = UnsafeMutablePointer<Bool>.allocate(capacity: block)
        // The codes each place may receive (checked in debug builds: the places are written
        // unchecked, sized from the extrema's codes).
        let ranges = UnsafeMutablePointer<(low: Int, high: Int)>.allocate(capacity: block)
        var row: [UInt16] = []
        defer {
            places.deallocate()
            offsets.deallocate()
            counted.deallocate()
            ranges.deallocate()
        }
        var t0 = 0
        while t0 < times {
            let b = Swift.min(block, times &- t0)
            var m = 0
            for j in 0..<b {
                let k = t0 &+ j
                let (lo, hi) = state.extrema(k)
                // Codes order like the values they stand for (exceptional values aside): the codes
                // of the extrema are the smallest and largest code. Codes 0 (counted as 0) and
                // positive codes are counted; a time with exceptional values takes a row.
                let cLo = Int(f.code(lo)), cHi = Int(f.code(hi))
                counted[j] = !(state.hasSide[k] || cLo == exc || cHi == exc)
                guard counted[j] else { continue }
                if cHi == 0 {
                    // Every code 0: their number.
                    stage.place(k, covering: 0, 0)[0] &+= BandCodeCounter(truncatingIfNeeded: n)
                    continue
                }
                places[m] = stage.place(k, covering: cLo, cHi)
                ranges[m] = (cLo, cHi)
                offsets[m] = j &* W
                m &+= 1
            }
            let from = codes + t0 &* W
            for off in full {
                let s = from + off
                var i = 0
                while i < m {
                    let q = places[i], c = s + offsets[i]
                    for l in 0..<W {
                        assert(Int(c[l]) >= ranges[i].low && Int(c[l]) <= ranges[i].high, "band code outside its time's extrema")
                        q[Int(c[l])] &+= 1
                    }
                    i &+= 1
                }
            }
            for p in partial {
                let s = from + p &* slotStride
                for i in 0..<m {
                    let q = places[i], c = s + offsets[i]
                    for l in 0..<lanes[p] {
                        assert(Int(c[l]) >= ranges[i].low && Int(c[l]) <= ranges[i].high, "band code outside its time's extrema")
                        q[Int(c[l])] &+= 1
                    }
                }
            }
            for j in 0..<b {
                let k = t0 &+ j
                let (lo, hi) = state.extrema(k)
                if counted[j] {
                    bands[k].noteCodes(count: n, lo: lo, hi: hi)
                } else {
                    // This time's codes as one row, in subject order.
                    row.removeAll(keepingCapacity: true)
                    for (p, c) in lanes.enumerated() {
                        let r = from + p &* slotStride + j &* W
                        for l in 0..<c { row.append(r[l]) }
                    }
                    row.withUnsafeBufferPointer {
                        bands[k].add(codes: $0.baseAddress!, count: n, format: f, lo: lo, hi: hi, anyExceptional: state.hasSide[k])
                    }
                }
            }
            t0 &+= b
        }
        stage.counted(n)
    }

    /// Adds the codes counted into `state.counts` by `addBandCodes(slots:slotStride:lanes:state:)`
    /// to the sketches (their counts and extrema are in already), and clears those counts;
    /// `release`: frees their memory too (at the end of a run), else keeps it for more.
    public mutating func addStagedBandCodes(_ state: BandCodeState, release: Bool = false) {
        let stage = state.counts
        guard !bands.isEmpty, stage.staged > 0 else { return }
        precondition(stage.times == bands.count, "staged codes of another grid")
        for k in bands.indices {
            let (p, first, count) = stage.counts(k)
            if let p { bands[k].addCodeCounts(p, first: first, length: count, format: state.format) }
            // Freed as they go: the sketches grow as the counters go.
            if release { stage.release(k) }
        }
        if release { stage.staged = 0 } else { stage.clear() }
    }

    /// The codes staged in several workers' `states` added to these bands at the end of a run
    /// (after merging the workers' accumulators into this one, which brings their counts and
    /// extrema), their counters freed: the same sketches as `addStagedBandCodes(_:release:)` on
    /// each worker's own bands followed by the merge (counts add exactly, in any order), without
    /// a sketch store per worker to fill and merge. The grid times are split into `parts`
    /// contiguous ranges; `perform(parts, body)` runs `body(i)` for each i, possibly concurrently
    /// (each touches only its own range's bands and counters).
    public mutating func addStagedBandCodes(_ states: [BandCodeState], parts: Int,
                                            perform: (_ parts: Int, _ body: @Sendable (Int) -> Void) -> Void) {
        let live = states.filter { $0.counts.staged > 0 }
        guard !bands.isEmpty, !live.isEmpty else { return }
        precondition(live.allSatisfy { $0.counts.times == bands.count }, "staged codes of another grid")
        let times = bands.count, n = Swift.max(1, Swift.min(parts, times))
        /// The bands' storage, shared by the parts (each writes its own grid times only).
        struct Shared: @unchecked Sendable { let b: UnsafeMutablePointer<DistributionAccumulator> }
        bands.withUnsafeMutableBufferPointer { buffer in
            let shared = Shared(b: buffer.baseAddress.unsafelyUnwrapped)
            perform(n) { i in
                let b = shared.b
                for k in (times * i / n)..<(times * (i + 1) / n) {
                    for state in live {
                        let (p, first, count) = state.counts.counts(k)
                        if let p { b[k].addCodeCounts(p, first: first, length: count, format: state.format) }
                        state.counts.release(k)
                    }
                }
            }
        }
        for state in live { state.counts.staged = 0 }
    }

    /// Adds the exceptional values of `state` (those the codes could not carry) to their grid
    /// times' bands, exactly as values.
    public mutating func addBandSideValues(_ state: BandCodeState) {
        guard !bands.isEmpty, !state.side.isEmpty else { return }
        let sorted = state.side.enumerated().sorted { a, b in
            a.element.time != b.element.time ? a.element.time < b.element.time : a.offset < b.offset
        }.map { $0.element }
        var i = 0
        while i < sorted.count {
            let t = Int(sorted[i].time)
            var j = i
            var xs: [Double] = []
            while j < sorted.count && Int(sorted[j].time) == t { xs.append(sorted[j].value); j += 1 }
            xs.withUnsafeBufferPointer { bands[t].add(contentsOf: $0) }
            i = j
        }
    }

    /// Adds another accumulator of the same plan; its bands only if it keeps them.
    public mutating func merge(_ o: PopulationAccumulator) {
        precondition(metrics.count == o.metrics.count && thresholdCounts.count == o.thresholdCounts.count
                     && (o.bands.isEmpty || bands.count == o.bands.count), "merging accumulators of different plans")
        subjects += o.subjects
        for k in metrics.indices { metrics[k].merge(o.metrics[k]) }
        for k in thresholdCounts.indices { thresholdCounts[k] += o.thresholdCounts[k] }
        for k in o.bands.indices { bands[k].merge(o.bands[k]) }
    }

    /// The finished numbers.
    public func summary(plan: SummaryPlan, percentiles: [Double]) -> PopulationSummary {
        let qs = percentiles.map { $0 / 100 }
        let extra = plan.extraMetrics ?? []
        let names = SubjectMetrics.names + extra.map(\.name), units = SubjectMetrics.units + extra.map(\.unit)
        let ms = zip(names, metrics).enumerated().map { k, nm in
            let (name, a) = nm
            return PopulationSummary.Metric(
                name: name, unit: units[k], n: a.count, notReached: a.missing, mean: a.mean,
                sd: a.standardDeviation, min: a.count > 0 ? a.min : nil, max: a.count > 0 ? a.max : nil,
                percentiles: a.quantiles(qs), method: a.method)
        }
        let ts = zip(plan.thresholds, thresholdCounts).map { t, c in
            PopulationSummary.ThresholdResult(name: t.name, levelNgPerML: t.level, count: c,
                                              probability: subjects > 0 ? Double(c) / Double(subjects) : .nan)
        }
        var band: [[Double]] = percentiles.map { _ in [] }
        for b in bands {
            let q = b.quantiles(qs)
            for k in q.indices { band[k].append(q[k]) }
        }
        return PopulationSummary(subjects: subjects, metrics: ms, thresholds: ts, percentiles: percentiles,
                                 timesH: bands.isEmpty ? [] : plan.timesH, bands: bands.isEmpty ? [] : band,
                                 bandMethod: bands.first?.method ?? "none")
    }
}

/// Summary numbers of a population run.
public struct PopulationSummary: Sendable, Equatable, Codable {
    /// The distribution of one per-subject metric over the subjects.
    public struct Metric: Sendable, Equatable, Codable {
        /// The metric's name (`SubjectMetrics.names`: cmax, tmax_h, auc, band_h, discharge_h).
        public var name: String
        /// The metric's unit (ng/mL, h, ng*h/mL).
        public var unit: String
        /// Subjects with a value; `notReached`: NaN (e.g. discharge level not reached within 30 days).
        public var n: UInt64
        /// Subjects whose value is NaN (not reached).
        public var notReached: UInt64
        /// Mean over the subjects with a value (metric unit), from exact sums; nil without values.
        public var mean: Double?
        /// Sample standard deviation (metric unit), from exact sums; nil for fewer than 2 values.
        public var sd: Double?
        /// Smallest value (metric unit); nil without values.
        public var min: Double?
        /// Largest value (metric unit); nil without values.
        public var max: Double?
        /// At `PopulationSummary.percentiles`.
        public var percentiles: [Double]
        /// How the percentiles were computed: "exact" or the sketch's stated error.
        public var method: String
    }
    /// How many subjects reached one Cmax threshold.
    public struct ThresholdResult: Sendable, Equatable, Codable {
        /// The threshold's name.
        public var name: String
        /// The threshold level (ng/mL).
        public var levelNgPerML: Double
        /// Subjects with Cmax ≥ level, and that count over all subjects.
        public var count: UInt64
        /// `count` over all subjects (0–1; NaN without subjects).
        public var probability: Double
    }
    /// Number of subjects summarised.
    public var subjects: UInt64
    /// One distribution per `SubjectMetrics.names` entry.
    public var metrics: [Metric]
    /// One result per `SummaryPlan.thresholds` entry.
    public var thresholds: [ThresholdResult]
    /// The percentiles reported (0–100).
    public var percentiles: [Double]
    /// Grid times of the bands (h); empty when bands were not kept.
    public var timesH: [Double]
    /// bands[k][i]: percentile k at timesH[i].
    public var bands: [[Double]]
    /// How the band percentiles were computed ("exact", the sketch's error, or "none").
    public var bandMethod: String
}
