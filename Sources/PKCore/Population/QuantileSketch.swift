#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mergeable quantile sketch with a relative-error guarantee (the design of DDSketch, Masson,
/// Rim & Lee, VLDB 2019, with its log-linear "binary" index mapping). A value x > 0 goes to the
/// bucket i = ⌊bits(x) / 2^(52−p)⌋: the exponent of x and the top p bits of its mantissa, so a bucket
/// covers [L, H) with H/L ≤ 1 + 2^−p, and stands for 2LH/(L + H), within relative error
/// 1/(2^(p+1) + 1) of every value in it. p is the smallest precision with that error ≤ α (α = 1 %:
/// p = 6, error ≤ 0.78 %; α = 0.1 %: p = 9, error ≤ 0.098 %). The index is integer arithmetic on
/// the IEEE 754 bits (no logarithm), so every platform puts a value in the same bucket. Negative
/// values are mirrored, and values with |x| < `zeroBelow` are counted as 0.
///
/// Error statement: for any rank r, `value(rank: r)` differs from the exact r-th smallest value
/// x₍ᵣ₎ by at most α·|x₍ᵣ₎| (or `zeroBelow` when |x₍ᵣ₎| < `zeroBelow`); `quantile(q)` interpolates
/// two such ranks like the exact type-7 quantile, so its error is at most α times the larger
/// magnitude of the two bracketing values. min, max and count are exact.
///
/// The counts are integers in buckets fixed by α alone, so merging is exact, associative and
/// commutative: a sketch built from shards equals, count for count, the one built in one pass. The
/// memory is one counter per occupied bucket range, independent of the number of values
/// (2^p · log₂(x_max/x_min) buckets: about 213 per decade for α = 1 %).
public struct QuantileSketch: Sendable, Equatable, Codable {
    /// Relative accuracy α, in (0, 1) (0.01 = 1 %).
    public let alpha: Double
    /// Magnitude below which values count as 0 (in the values' own unit; should be > 0).
    public let zeroBelow: Double
    /// Mantissa bits kept by the index (p); a bucket is 2^(52−p) consecutive bit patterns.
    let precisionBits: Int
    let shift: UInt64

    /// Counts of a contiguous bucket range starting at `offset`.
    struct Store: Sendable, Equatable, Codable {
        var offset: Int = 0
        var counts: [UInt64] = []
        var total: UInt64 = 0

        init() {}

        // The counts travel as one string of comma-separated decimals ("0,3,12"): a summary holds
        // thousands of stores, and one JSON string per store instead of one JSON number per bucket
        // keeps writing and reading a shard's state fast and small in memory.
        enum CodingKeys: String, CodingKey { case offset, counts, total }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(offset, forKey: .offset)
            try c.encode(CountList.text(counts), forKey: .counts)
            try c.encode(total, forKey: .total)
        }
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            offset = try c.decode(Int.self, forKey: .offset)
            total = try c.decode(UInt64.self, forKey: .total)
            guard let list = CountList.counts(try c.decode(String.self, forKey: .counts)) else {
                throw DecodingError.dataCorruptedError(forKey: .counts, in: c, debugDescription: "bucket counts must be comma-separated whole numbers")
            }
            counts = list
            guard counts.reduce(0, { $0 &+ $1 }) == total else {
                throw DecodingError.dataCorruptedError(forKey: .total, in: c, debugDescription: "bucket counts do not add up to their total")
            }
        }

        @inline(__always) mutating func add(_ i: Int) {
            let k = i &- offset
            if k >= 0 && k < counts.count {
                counts[k] &+= 1
                total &+= 1
            } else {
                grow(i, 1)
            }
        }

        mutating func grow(_ i: Int, _ n: UInt64) {
            if counts.isEmpty {
                offset = i
                counts = [n]
            } else if i < offset {
                counts.insert(contentsOf: [UInt64](repeating: 0, count: offset - i), at: 0)
                offset = i
                counts[0] += n
            } else if i >= offset + counts.count {
                counts.append(contentsOf: [UInt64](repeating: 0, count: i - offset - counts.count + 1))
                counts[i - offset] += n
            } else {
                counts[i - offset] += n
            }
            total += n
        }

        /// Extends the bucket range to cover lo...hi (new buckets count 0): zeros appended in place
        /// when the range grows upward into spare capacity, else one new array (with a quarter
        /// more capacity for later upward growth; the capacity is not part of the state) holding
        /// the old counts copied in at their place.
        mutating func cover(_ lo: Int, _ hi: Int) {
            let n = counts.count, end = offset &+ n
            if n > 0 && lo >= offset && hi < end { return }
            let newLo = n == 0 ? lo : Swift.min(lo, offset), newEnd = n == 0 ? hi &+ 1 : Swift.max(hi &+ 1, end)
            let size = newEnd &- newLo
            if n > 0 && newLo == offset && counts.capacity >= size {
                var k = newEnd &- end
                while k > 0 {
                    let m = Swift.min(k, Store.zeros.count)
                    counts.append(contentsOf: Store.zeros[0..<m])
                    k &-= m
                }
                return
            }
            let at = n == 0 ? 0 : offset &- newLo
            let c = [UInt64](unsafeUninitializedCapacity: size &+ size / 4) { d, initialized in
                let p = d.baseAddress!
                p.initialize(repeating: 0, count: at)
                counts.withUnsafeBufferPointer { s in
                    if let from = s.baseAddress { (p + at).initialize(from: from, count: n) }
                }
                (p + at + n).initialize(repeating: 0, count: size &- at &- n)
                initialized = size
            }
            counts = c
            offset = newLo
        }
        /// Zeros to append from (a copy, not one element at a time).
        static let zeros = [UInt64](repeating: 0, count: 512)

        mutating func merge(_ o: Store) {
            guard !o.counts.isEmpty else { return }
            if counts.isEmpty { self = o; return }
            let lo = Swift.min(offset, o.offset), hi = Swift.max(offset + counts.count, o.offset + o.counts.count)
            var c = [UInt64](repeating: 0, count: hi - lo)
            for (k, v) in counts.enumerated() { c[offset - lo + k] += v }
            for (k, v) in o.counts.enumerated() { c[o.offset - lo + k] += v }
            offset = lo
            counts = c
            total += o.total
        }

        /// Bucket index holding the r-th (0-based) count in ascending index order.
        func index(ofRank r: UInt64) -> Int {
            var seen: UInt64 = 0
            for (k, v) in counts.enumerated() {
                seen += v
                if r < seen { return offset + k }
            }
            return offset + counts.count - 1
        }
    }

    var positive = Store()
    var negative = Store()
    /// Number of values with |x| < `zeroBelow`.
    public private(set) var zeroCount: UInt64 = 0
    /// Number of values added (exact).
    public private(set) var count: UInt64 = 0
    /// Smallest value added (exact); +∞ when empty.
    public private(set) var min: Double = .infinity
    /// Largest value added (exact); −∞ when empty.
    public private(set) var max: Double = -.infinity

    /// A sketch with relative accuracy `alpha` (0 < α < 1) for values with |x| ≥ `zeroBelow`.
    public init(alpha: Double, zeroBelow: Double = 1e-9) {
        precondition(alpha > 0 && alpha < 1, "sketch accuracy must be in (0, 1)")
        self.alpha = alpha
        self.zeroBelow = zeroBelow
        precisionBits = QuantileSketch.precisionBits(alpha: alpha)
        shift = UInt64(52 - precisionBits)
    }

    /// The smallest p (≤ 52) with 1/(2^(p+1) + 1) ≤ α.
    static func precisionBits(alpha: Double) -> Int {
        var p = 0
        while p < 52 && 1 / (Double(1 << (p + 1)) + 1) > alpha { p += 1 }
        return p
    }

    /// The largest relative error of a bucket's representative: 1/(2^(p+1) + 1) ≤ α.
    public var relativeError: Double { 1 / (Double(1 << (precisionBits + 1)) + 1) }

    @inline(__always) func bucket(_ magnitude: Double) -> Int { Int(truncatingIfNeeded: magnitude.bitPattern >> shift) }

    /// The value a bucket stands for: 2LH/(L + H) for the bucket [L, H).
    func representative(_ i: Int) -> Double {
        let lo = Double(bitPattern: UInt64(i) << shift), hi = Double(bitPattern: UInt64(i + 1) << shift)
        guard hi.isFinite else { return lo }
        return 2 * lo * (hi / (lo + hi))
    }

    /// Adds a finite value (non-finite values are the caller's to count).
    public mutating func add(_ x: Double) {
        precondition(x.isFinite, "sketch values must be finite")
        count += 1
        if x < min { min = x }
        if x > max { max = x }
        if x >= zeroBelow { positive.add(bucket(x)) }
        else if x <= -zeroBelow { negative.add(bucket(-x)) }
        else { zeroCount += 1 }
    }

    /// Adds the finite values of `xs` and skips the others (NaN, ±∞): the same state as `add(_:)`
    /// on each finite value in order. Returns how many values were skipped.
    mutating func add(skippingNonFinite xs: UnsafeBufferPointer<Double>) -> UInt64 {
        guard let first = xs.baseAddress, !xs.isEmpty else { return 0 }
        guard zeroBelow > 0, zeroBelow.isFinite else {
            // Unusual zero thresholds (0, negative, ∞): one value at a time.
            var skipped: UInt64 = 0
            for x in xs { if x.isFinite { add(x) } else { skipped &+= 1 } }
            return skipped
        }
        // Values are classified by their IEEE 754 bits: for x ≥ 0 (sign bit clear) the bit patterns
        // order like the values, and distinct patterns are distinct values, so with the sign bit
        // clear |x| ≥ zeroBelow ⇔ bits(x) ≥ bits(zeroBelow), and the extrema of the bits are the
        // extrema of the values. One cheap pass takes the smallest and largest value; when it
        // shows no sign bit and nothing non-finite (the usual case: concentrations), the positive
        // store grows once to the batch's bucket range (the range one-at-a-time adds reach: the
        // store always spans the lowest to the highest bucket ever added) and a second pass only
        // counts, without a test per value. Anything else takes the general two passes.
        let sh = shift, zBits = zeroBelow.bitPattern
        var base = first, n = xs.count
        // The steady state: every value so far was positive and ≥ zeroBelow (min ≥ zeroBelow), so
        // the store spans min's to max's bucket. A run of values within [min, max] changes neither
        // and is counted at once, one unsigned test a value; the first value outside ends the run
        // and the rest of the batch takes the passes below (in order, so the state is the same).
        if count > 0 && min >= zeroBelow && max < .infinity {
            let wLo = min.bitPattern, width = max.bitPattern &- wLo, off = positive.offset
            if Int(truncatingIfNeeded: wLo &>> sh) >= off && Int(truncatingIfNeeded: max.bitPattern &>> sh) < off &+ positive.counts.count {
                let run = positive.counts.withUnsafeMutableBufferPointer { pc in
                    let p = pc.baseAddress.unsafelyUnwrapped
                    var k = 0
                    while k < n {
                        let b = base[k].bitPattern
                        if b &- wLo > width { break }
                        p[Int(truncatingIfNeeded: b &>> sh) &- off] &+= 1
                        k &+= 1
                    }
                    return k
                }
                positive.total &+= UInt64(run)
                count &+= UInt64(run)
                if run == n { return 0 }
                base += run
                n &-= run
            }
        }
        // Pass 1, two values a step: the smallest and largest as doubles (replaced only by a
        // smaller or larger value, so a NaN never wins), whether any value is NaN, and the OR of
        // all bit patterns (its sign bit: a negative value or −0 somewhere).
        var lo2 = SIMD2<Double>(repeating: .infinity), hi2 = SIMD2<Double>(repeating: -.infinity)
        var nan2 = SIMDMask<SIMD2<Int64>>(repeating: false), or2 = SIMD2<UInt64>(repeating: 0)
        let raw = UnsafeRawPointer(base)
        var j = 0
        while j &+ 1 < n {
            let x = raw.loadUnaligned(fromByteOffset: j &* 8, as: SIMD2<Double>.self)
            lo2.replace(with: x, where: x .< lo2)
            hi2.replace(with: x, where: x .> hi2)
            nan2 .|= x .!= x
            or2 |= unsafeBitCast(x, to: SIMD2<UInt64>.self)
            j &+= 2
        }
        var loX = lo2[0] < lo2[1] ? lo2[0] : lo2[1], hiX = hi2[0] > hi2[1] ? hi2[0] : hi2[1]
        var anyNaN = nan2[0] || nan2[1], bitsOr = or2[0] | or2[1]
        if j < n {
            let x = base[j]
            if x < loX { loX = x }
            if x > hiX { hiX = x }
            anyNaN = anyNaN || x.isNaN
            bitsOr |= x.bitPattern
        }
        // A NaN, a sign bit (negative values, −0, −∞) or +∞: the general passes.
        guard !anyNaN, bitsOr >> 63 == 0, hiX < .infinity else { return addGeneral(base, n) }
        // Every value is finite with its sign bit clear: the extrema's bit patterns are the
        // extrema of the bit patterns.
        let lo = loX.bitPattern, hi = hiX.bitPattern
        var zeros = 0
        if lo >= zBits {
            // Every value is positive, finite and ≥ zeroBelow.
            positive.cover(Int(truncatingIfNeeded: lo &>> sh), Int(truncatingIfNeeded: hi &>> sh))
            let off = positive.offset
            positive.counts.withUnsafeMutableBufferPointer { pc in
                let p = pc.baseAddress.unsafelyUnwrapped
                for k in 0..<n { p[Int(truncatingIfNeeded: base[k].bitPattern &>> sh) &- off] &+= 1 }
            }
        } else if hi >= zBits {
            // Some values count as 0 (+0 or below zeroBelow), the others are positive.
            let zb = Int(truncatingIfNeeded: zBits &>> sh)
            if !positive.counts.isEmpty && positive.offset <= zb {
                // The store reaches down to zeroBelow's bucket already, so it need only reach the
                // batch's top. One pass without branches: a value that counts as 0 adds 0 to
                // zeroBelow's bucket (its bits raised to zeroBelow's), the others 1 to their own.
                positive.cover(zb, Int(truncatingIfNeeded: hi &>> sh))
                let off = positive.offset
                var positives = 0
                positive.counts.withUnsafeMutableBufferPointer { pc in
                    let p = pc.baseAddress.unsafelyUnwrapped
                    for k in 0..<n {
                        let b = base[k].bitPattern
                        let one = b >= zBits ? 1 : 0
                        p[Int(truncatingIfNeeded: Swift.max(b, zBits) &>> sh) &- off] &+= UInt64(one)
                        positives &+= one
                    }
                }
                zeros = n &- positives
            } else {
                var pLo = UInt64.max
                for k in 0..<n {
                    let b = base[k].bitPattern
                    if b < zBits { zeros &+= 1 } else if b < pLo { pLo = b }
                }
                positive.cover(Int(truncatingIfNeeded: pLo &>> sh), Int(truncatingIfNeeded: hi &>> sh))
                let off = positive.offset
                positive.counts.withUnsafeMutableBufferPointer { pc in
                    let p = pc.baseAddress.unsafelyUnwrapped
                    for k in 0..<n {
                        let b = base[k].bitPattern
                        if b >= zBits { p[Int(truncatingIfNeeded: b &>> sh) &- off] &+= 1 }
                    }
                }
            }
        } else {
            zeros = n
        }
        zeroCount &+= UInt64(zeros)
        positive.total &+= UInt64(n &- zeros)
        count &+= UInt64(n)
        // One at a time, x < min replaces min: with the sign bit clear the batch's smallest value
        // is the only candidate (+0 does not replace a −0, as with `<`), and likewise for max.
        let a = Double(bitPattern: lo), b = Double(bitPattern: hi)
        if a < min { min = a }
        if b > max { max = b }
        return 0
    }

    /// The general batch add (negative values, ±0 of either sign, NaN, ±∞): one pass in order for
    /// the extrema (compared as `add(_:)` does), the counts that need no bucket and the bucket
    /// ranges, each store grown once, then one pass counting into the buckets.
    private mutating func addGeneral(_ base: UnsafePointer<Double>, _ n: Int) -> UInt64 {
        let sh = shift, zBits = zeroBelow.bitPattern
        var lo = min, hi = max
        var zeros: UInt64 = 0, negatives: UInt64 = 0, skipped: UInt64 = 0
        var pLo = UInt64.max, pHi: UInt64 = 0, nLo = UInt64.max, nHi: UInt64 = 0
        for k in 0..<n {
            let x = base[k], b = x.bitPattern, m = b & QuantileSketch.magnitudeMask
            if m >= QuantileSketch.infBits { skipped &+= 1; continue }
            if x < lo { lo = x }
            if x > hi { hi = x }
            if m < zBits {
                zeros &+= 1
            } else if b == m {
                if m < pLo { pLo = m }
                if m > pHi { pHi = m }
            } else {
                negatives &+= 1
                if m < nLo { nLo = m }
                if m > nHi { nHi = m }
            }
        }
        let finite = UInt64(n) &- skipped
        let positives = finite &- zeros &- negatives
        if positives > 0 { positive.cover(Int(truncatingIfNeeded: pLo &>> sh), Int(truncatingIfNeeded: pHi &>> sh)) }
        if negatives > 0 { negative.cover(Int(truncatingIfNeeded: nLo &>> sh), Int(truncatingIfNeeded: nHi &>> sh)) }
        if positives > 0 || negatives > 0 {
            let pOff = positive.offset, nOff = negative.offset
            positive.counts.withUnsafeMutableBufferPointer { pc in
                negative.counts.withUnsafeMutableBufferPointer { nc in
                    for k in 0..<n {
                        let b = base[k].bitPattern, m = b & QuantileSketch.magnitudeMask
                        guard m < QuantileSketch.infBits, m >= zBits else { continue }
                        let i = Int(truncatingIfNeeded: m &>> sh)
                        if b == m { pc[i &- pOff] &+= 1 } else { nc[i &- nOff] &+= 1 }
                    }
                }
            }
        }
        positive.total &+= positives
        negative.total &+= negatives
        zeroCount &+= zeros
        count &+= finite
        min = lo
        max = hi
        return skipped
    }

    /// Adds one grid time's coded values (`BandCodeFormat`), skipping exceptional codes (their
    /// values are added apart, exactly), with `lo` and `hi` the smallest and largest of the coded
    /// values (±∞ when none): the same state as `add(_:)` on each coded value. `anyExceptional`
    /// false promises there is none. Returns how many values were counted.
    mutating func add(codes: UnsafePointer<UInt16>, count n: Int, format f: BandCodeFormat, lo: Double, hi: Double,
                      anyExceptional: Bool) -> Int {
        guard n > 0 else { return 0 }
        let exc = BandCodeFormat.exceptional
        // Pass 1: zeros, exceptional codes, the smallest non-zero and the largest code.
        var zeros = 0, skipped = 0
        var cLo = Int(UInt16.max), cHi = 0
        if anyExceptional {
            for k in 0..<n {
                let c = codes[k]
                if c == exc { skipped &+= 1; continue }
                if c == 0 { zeros &+= 1; continue }
                if Int(c) < cLo { cLo = Int(c) }
                if Int(c) > cHi { cHi = Int(c) }
            }
        } else {
            var mn = SIMD8<UInt16>(repeating: .max), mx = SIMD8<UInt16>()
            let raw = UnsafeRawPointer(codes)
            var k = 0
            while k &+ 8 <= n {
                // Zeros counted per lane in 16 bits, so at most 65535 steps at a time.
                // Codes are at most 0x7FFE here, so c − 1 has its top bit set exactly for c = 0.
                var z = SIMD8<UInt16>()
                let end = Swift.min(n &- 7, k &+ 8 &* 65535)
                while k < end {
                    let v = raw.loadUnaligned(fromByteOffset: k &* 2, as: SIMD8<UInt16>.self)
                    let m = v &- 1
                    z &+= m &>> 15
                    mn = pointwiseMin(mn, m)
                    mx = pointwiseMax(mx, v)
                    k &+= 8
                }
                for l in 0..<8 { zeros &+= Int(z[l]) }
            }
            let m1 = mn.min(), m2 = mx.max()
            cLo = m1 == .max ? Int(UInt16.max) : Int(m1) + 1
            cHi = Int(m2)
            while k < n {
                let c = codes[k]
                if c == 0 { zeros &+= 1 } else {
                    if Int(c) < cLo { cLo = Int(c) }
                    if Int(c) > cHi { cHi = Int(c) }
                }
                k &+= 1
            }
        }
        let counted = n &- skipped
        let positives = counted &- zeros
        if positives > 0 {
            // Code c is bucket firstBucket + c − 1.
            let b0 = f.firstBucket &- 1
            positive.cover(b0 &+ cLo, b0 &+ cHi)
            let d = b0 &- positive.offset
            positive.counts.withUnsafeMutableBufferPointer { pc in
                let p = pc.baseAddress.unsafelyUnwrapped
                var k = 0
                if zeros == 0 && skipped == 0 {
                    while k &+ 4 <= n {
                        let c0 = Int(codes[k]), c1 = Int(codes[k &+ 1]), c2 = Int(codes[k &+ 2]), c3 = Int(codes[k &+ 3])
                        p[c0 &+ d] &+= 1
                        p[c1 &+ d] &+= 1
                        p[c2 &+ d] &+= 1
                        p[c3 &+ d] &+= 1
                        k &+= 4
                    }
                    while k < n { p[Int(codes[k]) &+ d] &+= 1; k &+= 1 }
                } else if skipped == 0 {
                    // Zeros add 1 to the store's first bucket (always inside), taken back after.
                    while k &+ 4 <= n {
                        let c0 = Int(codes[k]), c1 = Int(codes[k &+ 1]), c2 = Int(codes[k &+ 2]), c3 = Int(codes[k &+ 3])
                        p[c0 == 0 ? 0 : c0 &+ d] &+= 1
                        p[c1 == 0 ? 0 : c1 &+ d] &+= 1
                        p[c2 == 0 ? 0 : c2 &+ d] &+= 1
                        p[c3 == 0 ? 0 : c3 &+ d] &+= 1
                        k &+= 4
                    }
                    while k < n {
                        let c = Int(codes[k])
                        p[c == 0 ? 0 : c &+ d] &+= 1
                        k &+= 1
                    }
                    p[0] &-= UInt64(zeros)
                } else {
                    for k in 0..<n {
                        let c = codes[k]
                        if c != 0 && c != exc { p[Int(c) &+ d] &+= 1 }
                    }
                }
            }
        }
        zeroCount &+= UInt64(zeros)
        positive.total &+= UInt64(positives)
        count &+= UInt64(counted)
        if lo < min { min = lo }
        if hi > max { max = hi }
        return counted
    }

    /// `n` coded values (zeros and positive codes, whose counts come apart with `addCodeCounts`)
    /// with extrema `lo` and `hi`: the count and the extrema. Until their counts are added the
    /// sketch is incomplete (its count exceeds its buckets' totals): not to be read before.
    mutating func noteCodes(count n: Int, lo: Double, hi: Double) {
        count &+= UInt64(n)
        if lo < min { min = lo }
        if hi > max { max = hi }
    }

    /// Counts of coded values per code (`BandCodeFormat`; `counts[i]` values of code `first + i`,
    /// code 0 counting as 0, none exceptional): the zero count, the buckets of the positive codes
    /// (the store grown to the smallest and largest code counted) and their total. The count
    /// and extrema come with `noteCodes`. Together: the same state as
    /// `add(codes:count:format:lo:hi:anyExceptional:)` on those codes.
    mutating func addCodeCounts(_ counts: UnsafePointer<BandCodeCounter>, first: Int, length: Int, format f: BandCodeFormat) {
        var lo = 0, hi = length &- 1
        if first == 0 && length > 0 {
            zeroCount &+= UInt64(counts[0])
            lo = 1
        }
        while lo <= hi && counts[lo] == 0 { lo &+= 1 }
        while hi >= lo && counts[hi] == 0 { hi &-= 1 }
        guard lo <= hi else { return }
        // Code c is bucket firstBucket + c − 1.
        let b0 = f.firstBucket &- 1
        positive.cover(b0 &+ first &+ lo, b0 &+ first &+ hi)
        let d = b0 &+ first &- positive.offset
        var total: UInt64 = 0
        positive.counts.withUnsafeMutableBufferPointer { pc in
            let p = pc.baseAddress.unsafelyUnwrapped
            for k in lo...hi {
                let c = UInt64(counts[k])
                p[k &+ d] &+= c
                total &+= c
            }
        }
        positive.total &+= total
    }

    static let magnitudeMask: UInt64 = 0x7FFF_FFFF_FFFF_FFFF
    /// Bits of +∞: magnitudes at or above are not finite.
    static let infBits: UInt64 = 0x7FF0_0000_0000_0000

    /// Adds the counts of `o` (exact, order-independent). Precondition: same `alpha` and `zeroBelow`.
    public mutating func merge(_ o: QuantileSketch) {
        precondition(o.alpha == alpha && o.zeroBelow == zeroBelow, "sketches with different accuracy")
        positive.merge(o.positive)
        negative.merge(o.negative)
        zeroCount += o.zeroCount
        count += o.count
        min = Swift.min(min, o.min)
        max = Swift.max(max, o.max)
    }

    /// Estimate of the r-th smallest value (0-based), clamped to [min, max].
    public func value(rank r: UInt64) -> Double {
        precondition(count > 0 && r < count, "rank out of range")
        if r == 0 { return min }
        if r == count - 1 { return max }
        let v: Double
        if r < negative.total {
            // Negative values in ascending order are descending magnitudes.
            v = -representative(negative.index(ofRank: negative.total - 1 - r))
        } else if r < negative.total + zeroCount {
            v = 0
        } else {
            v = representative(positive.index(ofRank: r - negative.total - zeroCount))
        }
        return Swift.min(Swift.max(v, min), max)
    }

    /// The q-quantile (0 ≤ q ≤ 1) by type-7 interpolation (h = (n − 1)q) between estimated ranks.
    /// NaN when empty; q outside [0, 1] traps.
    public func quantile(_ q: Double) -> Double {
        guard count > 0 else { return .nan }
        let h = Double(count - 1) * q
        let lo = UInt64(h.rounded(.down)), hi = Swift.min(lo + 1, count - 1)
        let a = value(rank: lo)
        let w = h - Double(lo)
        return w == 0 ? a : a + w * (value(rank: hi) - a)
    }

    enum CodingKeys: String, CodingKey { case alpha, zeroBelow, mapping, positive, negative, zero, count, min, max }

    /// The index mapping, written with the counts: buckets of another mapping cannot be merged.
    var mapping: String { "binary-\(precisionBits)" }

    /// Decodes the form written by `encode(to:)`; throws when the bucket counts do not add up to `count`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(alpha: try c.decode(Double.self, forKey: .alpha), zeroBelow: try c.decode(Double.self, forKey: .zeroBelow))
        let m = try c.decodeIfPresent(String.self, forKey: .mapping)
        guard m == mapping else {
            throw DecodingError.dataCorruptedError(forKey: .mapping, in: c, debugDescription:
                "sketch buckets of mapping '\(m ?? "logarithmic (ketasim before 2026-12)")', expected '\(mapping)': re-run that shard with this version")
        }
        positive = try c.decode(Store.self, forKey: .positive)
        negative = try c.decode(Store.self, forKey: .negative)
        zeroCount = try c.decode(UInt64.self, forKey: .zero)
        count = try c.decode(UInt64.self, forKey: .count)
        if count > 0 {
            min = try c.decode(Double.self, forKey: .min)
            max = try c.decode(Double.self, forKey: .max)
        }
        guard positive.total + negative.total + zeroCount == count else {
            throw DecodingError.dataCorruptedError(forKey: .count, in: c, debugDescription: "sketch counts do not add up")
        }
    }

    /// Encodes alpha, zeroBelow, both bucket stores, the zero count, count, and min/max when non-empty.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(alpha, forKey: .alpha)
        try c.encode(zeroBelow, forKey: .zeroBelow)
        try c.encode(mapping, forKey: .mapping)
        try c.encode(positive, forKey: .positive)
        try c.encode(negative, forKey: .negative)
        try c.encode(zeroCount, forKey: .zero)
        try c.encode(count, forKey: .count)
        if count > 0 {
            try c.encode(min, forKey: .min)
            try c.encode(max, forKey: .max)
        }
    }

    /// Equal parameters and counts (and min/max unless empty).
    public static func == (a: QuantileSketch, b: QuantileSketch) -> Bool {
        a.alpha == b.alpha && a.zeroBelow == b.zeroBelow && a.positive == b.positive && a.negative == b.negative
            && a.zeroCount == b.zeroCount && a.count == b.count && (a.count == 0 || (a.min == b.min && a.max == b.max))
    }
}

/// Lists of numbers as one comma-separated string (the compact JSON form of sketch counts and of
/// exact value lists): whole numbers in decimal, doubles in Swift's shortest round-trip form.
enum CountList {
    static func text(_ xs: [UInt64]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(xs.count * 3)
        var digits = [UInt8](repeating: 0, count: 20)
        for (k, x) in xs.enumerated() {
            if k > 0 { bytes.append(44) }
            var v = x, n = 0
            repeat { digits[n] = UInt8(48 + v % 10); v /= 10; n += 1 } while v > 0
            while n > 0 { n -= 1; bytes.append(digits[n]) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// nil unless every item is a whole number in decimal without sign (the empty string: none).
    static func counts(_ s: String) -> [UInt64]? {
        var out: [UInt64] = []
        if s.isEmpty { return out }
        var v: UInt64 = 0, digits = 0
        for b in s.utf8 {
            if b == 44 {
                guard digits > 0 else { return nil }
                out.append(v); v = 0; digits = 0
            } else if b >= 48 && b <= 57 {
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(b - 48))
                guard !o1, !o2 else { return nil }
                v = a; digits += 1
            } else { return nil }
        }
        guard digits > 0 else { return nil }
        out.append(v)
        return out
    }

    static func text(_ xs: [Double]) -> String { xs.map { $0.description }.joined(separator: ",") }

    /// nil unless every item is a finite decimal number.
    static func doubles(_ s: String) -> [Double]? {
        if s.isEmpty { return [] }
        var out: [Double] = []
        for part in s.split(separator: ",", omittingEmptySubsequences: false) {
            guard let x = Double(part), x.isFinite else { return nil }
            out.append(x)
        }
        return out
    }
}
