/// Band values as small bucket codes: the percentile bands of a large study are `QuantileSketch`es
/// whose bucket index is fixed (a value's bucket is its bit pattern shifted right), so the bucket
/// of each grid value can be found where the value is made and stored in 16 bits instead of 64.
///
/// A code is computed from the high 32 bits of the value (the sketch keeps at most 20 mantissa
/// bits, so they hold the bucket): 0 when |x| is surely below `zeroBelow` (counts as 0), 1...32766
/// for a positive value surely at or above `zeroBelow`: its bucket minus the one below
/// `zeroBelow`'s, and `exceptional` (32767) for everything else (negative values at or below
/// −`zeroBelow`, NaN, ±∞, values past the code range, and the rare values whose high word equals
/// `zeroBelow`'s, so that the low word decides): those take an exact side path (the value itself).
/// The sketch's exact min and max are kept apart (see `BandCodeState`).
public struct BandCodeFormat: Sendable, Equatable {
    /// Values with |x| below this count as 0 (the sketch's `zeroBelow`).
    public let zeroBelow: Double
    /// Bucket = high word >> k.
    let k: Int32
    /// High word of zeroBelow's bit pattern.
    let zHi: Int32
    /// Code = (high word >> k) − base; base = bucket(zeroBelow) − 1.
    let base: Int32
    /// High words at or above this are exceptional (codes past 32766, ∞, NaN).
    let limit: Int32
    /// The sketch's bucket of code 1 (zeroBelow's bucket).
    let firstBucket: Int
    /// The code-range test zHi < h < limit as one signed compare: h &+ `rangeShift` < `rangeTop`
    /// (the unsigned test h − (zHi + 1) < limit − zHi − 1 with the sign bit flipped on both sides).
    let rangeShift: Int32, rangeTop: Int32

    /// The code of a value that takes the exact side path.
    public static let exceptional: UInt16 = 0x7FFF

    /// The format for a sketch like `sketch`; nil when its parameters do not allow codes (a zero
    /// threshold that is not a positive normal number, or more than 20 mantissa bits kept).
    public init?(sketch: QuantileSketch) {
        let z = sketch.zeroBelow
        guard z > 0, z.isFinite, sketch.shift >= 32, sketch.shift < 64 else { return nil }
        let zh = Int64(z.bitPattern >> 32)
        guard zh >= 1 else { return nil }
        zeroBelow = z
        k = Int32(sketch.shift - 32)
        zHi = Int32(zh)
        let zb = Int64(z.bitPattern >> sketch.shift)
        base = Int32(zb - 1)
        firstBucket = Int(zb)
        limit = Int32(Swift.min((zb - 1 + 0x7FFF) << Int64(k), 0x7FF0_0000))
        guard limit > zHi else { return nil }
        rangeShift = Int32.max &- zHi
        rangeTop = (limit &- zHi &- 1) &+ Int32.min
    }

    /// The code of one value (the same as the lanes' codes).
    @inline(__always) public func code(_ x: Double) -> UInt16 {
        let h = Int32(truncatingIfNeeded: Int64(bitPattern: x.bitPattern) >> 32)
        if h > zHi && h < limit { return UInt16(truncatingIfNeeded: (h >> k) &- base) }
        return (h & 0x7FFF_FFFF) < zHi ? 0 : BandCodeFormat.exceptional
    }

    /// The codes of a lane vector, and whether some lane needs the careful path (an exceptional
    /// code, or a zero or subnormal value: high word 0). Plain integer vector operations (SSE2 has
    /// no 64-bit compares: everything is on the high words).
    @inline(__always) func codes(_ v: Lanes) -> (codes: LaneCodes, rare: Bool) {
        let h = LaneWords(truncatingIfNeeded: unsafeBitCast(v, to: LaneBits.self) &>> 32)
        let hm = h & 0x7FFF_FFFF
        // Positive in code range: zHi < h < limit, one unsigned compare of h − (zHi + 1).
        let pos = unsafeBitCast(LaneUWords(truncatingIfNeeded: h &- (zHi &+ 1)) .< UInt32(truncatingIfNeeded: limit &- zHi &- 1), to: LaneWords.self)
        let zero = unsafeBitCast(hm .< zHi, to: LaneWords.self)
        let exc = ~(pos | zero)
        let c = (pos & ((h &>> k) &- base)) | (exc & 0x7FFF)
        let rare = any((exc | unsafeBitCast(hm .== 0, to: LaneWords.self)) .!= 0)
        return (LaneCodes(truncatingIfNeeded: c), rare)
    }
}

#if KETASIM_WIDE_LANES
/// One code per lane.
public typealias LaneCodes = SIMD8<UInt16>
typealias LaneWords = SIMD8<Int32>
typealias LaneUWords = SIMD8<UInt32>
typealias LaneBits = SIMD8<UInt64>
#else
/// One code per lane.
public typealias LaneCodes = SIMD4<UInt16>
typealias LaneWords = SIMD4<Int32>
typealias LaneUWords = SIMD4<UInt32>
typealias LaneBits = SIMD4<UInt64>
#endif

/// A worker's running state of coded band values, per grid time: the smallest and largest coded
/// value per lane (compared as `QuantileSketch.add` does: a value replaces only a strictly smaller
/// or larger one), the sign of the first exact zero in subject order (the one extremum that
/// comparisons cannot place: +0 and −0 compare equal), and the exceptional values with their
/// grid time, to be added exactly. Columns must be written in subject order.
public final class BandCodeState: @unchecked Sendable {
    /// Number of grid times.
    public let times: Int
    /// The format of the codes.
    public let format: BandCodeFormat
    let lo: UnsafeMutablePointer<Lanes>, hi: UnsafeMutablePointer<Lanes>
    /// 0: no exact zero yet; 1: the first was +0; 2: −0.
    let firstZero: UnsafeMutablePointer<UInt8>
    /// Grid times that have (or had, before a `truncateSide`) exceptional values.
    let hasSide: UnsafeMutablePointer<Bool>
    /// Exceptional values (grid time, value), in the order written.
    public internal(set) var side: [(time: Int32, value: Double)] = []
    /// The codes counted at the band flushes, until they reach the sketches (kept by `reset`).
    public let counts: BandCodeCounts

    /// Empty state for `times` grid times.
    public init(times: Int, format: BandCodeFormat) {
        self.times = times
        self.format = format
        lo = .allocate(capacity: Swift.max(1, times))
        hi = .allocate(capacity: Swift.max(1, times))
        firstZero = .allocate(capacity: Swift.max(1, times))
        lo.initialize(repeating: Lanes(repeating: .infinity), count: Swift.max(1, times))
        hi.initialize(repeating: Lanes(repeating: -.infinity), count: Swift.max(1, times))
        firstZero.initialize(repeating: 0, count: Swift.max(1, times))
        hasSide = .allocate(capacity: Swift.max(1, times))
        hasSide.initialize(repeating: false, count: Swift.max(1, times))
        counts = BandCodeCounts(times: times)
    }
    deinit {
        lo.deallocate()
        hi.deallocate()
        firstZero.deallocate()
        hasSide.deallocate()
    }

    /// Back to empty (after the values were added to the bands), the staged `counts` aside.
    public func reset() {
        lo.update(repeating: Lanes(repeating: .infinity), count: Swift.max(1, times))
        hi.update(repeating: Lanes(repeating: -.infinity), count: Swift.max(1, times))
        firstZero.update(repeating: 0, count: Swift.max(1, times))
        hasSide.update(repeating: false, count: Swift.max(1, times))
        side.removeAll(keepingCapacity: true)
    }

    /// Drops the exceptional values written after the first `count` (a group whose results were
    /// not taken: it is written again).
    public func truncateSide(to count: Int) {
        if side.count > count { side.removeSubrange(count...) }
    }

    /// The smallest and largest coded value at grid time `t` (±∞ when none), as one-at-a-time
    /// `<` and `>` comparisons in subject order would find them.
    public func extrema(_ t: Int) -> (min: Double, max: Double) {
        let a = lo[t], b = hi[t]
        var mn = a[0], mx = b[0]
        for l in 1..<Lanes.scalarCount {
            if a[l] < mn { mn = a[l] }
            if b[l] > mx { mx = b[l] }
        }
        let zero: Double = firstZero[t] == 2 ? -0.0 : 0.0
        if mn == 0 { mn = zero }
        if mx == 0 { mx = zero }
        return (mn, mx)
    }

    /// One value of lane `l` (any lane: the extrema are reduced over lanes) at grid time `t`
    /// with code `c`: the exact side path for exceptional codes, else the extrema and first zero.
    @inline(__always) func note(_ x: Double, code c: UInt16, lane l: Int, time t: Int) {
        if c == BandCodeFormat.exceptional {
            side.append((Int32(truncatingIfNeeded: t), x))
            hasSide[t] = true
            return
        }
        if x < lo[t][l] { lo[t][l] = x }
        if x > hi[t][l] { hi[t][l] = x }
        if x == 0 && firstZero[t] == 0 { firstZero[t] = x.sign == .minus ? 2 : 1 }
    }
}

/// Where one subject column (or a lane group of columns) of band codes goes: the code of grid
/// time t of the column's lane l at `codes[t · stride + l]`, and the worker's `BandCodeState`.
public struct BandCodeWriter: @unchecked Sendable {
    /// Code of lane 0 at grid time 0.
    public let codes: UnsafeMutablePointer<UInt16>
    /// Codes between consecutive grid times of one column.
    public let stride: Int
    /// The worker's running extrema and side values.
    public let state: BandCodeState
    let format: BandCodeFormat

    /// A writer for `codes` with `stride`, keeping extrema and side values in `state`.
    public init(codes: UnsafeMutablePointer<UInt16>, stride: Int, state: BandCodeState) {
        self.codes = codes
        self.stride = stride
        self.state = state
        format = state.format
    }

    /// The writer of lane `k` as its lane 0.
    public func shifted(by k: Int) -> BandCodeWriter { BandCodeWriter(codes: codes + k, stride: stride, state: state) }

    /// One value of lane `l` at grid time `t`.
    @inline(__always) public func write(_ x: Double, lane l: Int, time t: Int) {
        let c = format.code(x)
        codes[t &* stride &+ l] = c
        state.note(x, code: c, lane: l & (Lanes.scalarCount - 1), time: t)
    }

    /// A full lane group's values at the grid times: grid time t's vector is `values[knots[t]]`
    /// (`values[t]` when `contiguous`: every knot is a grid time).
    @inline(never) func writeGroup(_ values: UnsafePointer<Lanes>, knots: UnsafeBufferPointer<Int>, contiguous: Bool) {
        let lo = state.lo, hi = state.hi, n = knots.count, step = stride
        var to = codes
        if contiguous {
            // One byte offset for the values and both extrema (the same layout: one vector a time).
            let v0 = UnsafeRawPointer(values), lo0 = UnsafeMutableRawPointer(lo), hi0 = UnsafeMutableRawPointer(hi)
            let size = MemoryLayout<Lanes>.stride, end = n &* size
            var o = 0
            while o < end {
                write(v0.load(fromByteOffset: o, as: Lanes.self), to: to,
                      lo: (lo0 + o).assumingMemoryBound(to: Lanes.self), hi: (hi0 + o).assumingMemoryBound(to: Lanes.self))
                to += step
                o &+= size
            }
        } else {
            for t in 0..<n {
                write(values[knots[t]], to: to, lo: lo + t, hi: hi + t)
                to += step
            }
        }
    }

    /// A full lane group's values at grid time `t` (lanes 0..<W of this writer).
    @inline(__always) func write(_ v: Lanes, time t: Int, lo: UnsafeMutablePointer<Lanes>, hi: UnsafeMutablePointer<Lanes>) {
        write(v, to: codes + t &* stride, lo: lo + t, hi: hi + t)
    }

    /// `write(_:time:lo:hi:)` with the grid time's places: its codes at `to`, its extrema at `lo`
    /// and `hi`. The usual case first: every lane positive within the code range (zHi < h < limit,
    /// one signed compare of the high words), so each code is its bucket minus `base` and the
    /// extrema take `v` per lane where it is smaller (larger): the same as the general path,
    /// which handles the rest (zeros, tiny or negative values, exceptional values).
    @inline(__always) func write(_ v: Lanes, to: UnsafeMutablePointer<UInt16>, lo: UnsafeMutablePointer<Lanes>, hi: UnsafeMutablePointer<Lanes>) {
        let h = LaneWords(truncatingIfNeeded: unsafeBitCast(v, to: LaneBits.self) &>> 32)
        let f = format
        if _fastPath(all(h &+ f.rangeShift .< f.rangeTop)) {
            // Codes 1...32766 here: clamped to 16 bits (no change) so that the narrowing is one
            // saturating pack (packssdw) rather than shuffles.
            let c = (h &>> f.k) &- f.base
            let m = c.replacing(with: 32767, where: c .> 32767)
            let z = m.replacing(with: -32768, where: m .< -32768)
            UnsafeMutableRawPointer(to).storeBytes(of: LaneCodes(truncatingIfNeeded: z), as: LaneCodes.self)
            // Per lane v < a ? v : a (one minpd per register; no NaN here), and likewise for the largest.
            let a = lo.pointee, b = hi.pointee
            var mn = a, mx = b
            for l in 0..<Lanes.scalarCount {
                mn[l] = v[l] < a[l] ? v[l] : a[l]
                mx[l] = v[l] > b[l] ? v[l] : b[l]
            }
            lo.pointee = mn
            hi.pointee = mx
            return
        }
        let t = lo - state.lo
        let (c, rare) = format.codes(v)
        UnsafeMutableRawPointer(to).storeBytes(of: c, as: LaneCodes.self)
        if !rare {
            let a = lo.pointee, b = hi.pointee
            lo.pointee = a.replacing(with: v, where: v .< a)
            hi.pointee = b.replacing(with: v, where: v .> b)
        } else {
            for l in 0..<Lanes.scalarCount { state.note(v[l], code: c[l], lane: l, time: t) }
        }
    }
}
