/// One band-code counter (see `BandCodeCounts`): 16 bits, half the memory traffic of a flush's
/// counting of 32-bit ones (measured, W2 on one thread: the flush ~5-9 % faster).
public typealias BandCodeCounter = UInt16

/// A worker's band codes counted per grid time and code, before they reach the sketches: the
/// band flush counts every code straight into these (`BandCodeCounter`s over a code range with
/// room to grow, code 0 included), and `PopulationAccumulator.addStagedBandCodes(_:)` adds them
/// to the sketches at the end of a run, or earlier when another flush could overflow a counter
/// (every 65,535 values per grid time: 16 or more flushes of at most 4,096 subjects). The sketches then hold exactly what
/// counting the codes into them flush by flush would have given (counts add up; a sketch store
/// covers the smallest to the largest bucket counted either way), without growing each store,
/// or zeroing and adding a scratch of counts, at every flush: a flush whose cost is the counting
/// itself. (Counters are 2 bytes against a store's 8, but a grid time with zeros among its
/// codes covers code 0 up.)
///
/// Until the counts are added, the accumulator's bands hold the counts and extrema of the
/// counted values but not their buckets: they must not be read, merged or encoded before.
public final class BandCodeCounts: @unchecked Sendable {
    /// Number of grid times.
    public let times: Int
    /// Per grid time: its counters (nil before the first code), the code of the first, how many.
    private let base: UnsafeMutablePointer<UnsafeMutablePointer<BandCodeCounter>?>
    private let first: UnsafeMutablePointer<Int>, length: UnsafeMutablePointer<Int>
    /// Values counted per grid time since the counts were last taken, at most (every subject
    /// of each flush; grid times whose values took a row count fewer): kept at most
    /// `BandCodeCounter.max`, so no counter can overflow (see `room(for:)`).
    public internal(set) var staged = 0

    /// No counts, for `times` grid times.
    public init(times: Int) {
        self.times = times
        let n = Swift.max(1, times)
        base = .allocate(capacity: n)
        base.initialize(repeating: nil, count: n)
        first = .allocate(capacity: n)
        first.initialize(repeating: 0, count: n)
        length = .allocate(capacity: n)
        length.initialize(repeating: 0, count: n)
    }
    deinit {
        for t in 0..<Swift.max(1, times) { base[t]?.deallocate() }
        base.deallocate()
        first.deallocate()
        length.deallocate()
    }

    /// True when `n` more values per grid time can be counted without a counter overflowing.
    public func room(for n: Int) -> Bool { staged <= Int(BandCodeCounter.max) &- n }

    /// `n` more values per grid time were counted (at most: grid times whose codes are all 0 or
    /// exceptional count none here).
    func counted(_ n: Int) { staged &+= n }

    /// The place of grid time `t`'s counters, covering codes `lo...hi` (0 ≤ lo ≤ hi ≤ 32766; the
    /// exceptional code 32767 is never counted): code c's counter is `[c]` (an address computed
    /// from the counters' address as an integer, so that it may lie before them: only codes the
    /// range covers may be counted). A range grows with room to spare (an eighth of its width and 8
    /// codes each side), so the counters of a grid time move only a few times in a run.
    @inline(__always) func place(_ t: Int, covering lo: Int, _ hi: Int) -> UnsafeMutablePointer<BandCodeCounter> {
        let f = first[t]
        if base[t] == nil || lo < f || hi >= f &+ length[t] { grow(t, lo, hi) }
        return UnsafeMutablePointer<BandCodeCounter>(bitPattern: Int(bitPattern: base[t].unsafelyUnwrapped) &- first[t] &* MemoryLayout<BandCodeCounter>.stride).unsafelyUnwrapped
    }

    private func grow(_ t: Int, _ lo: Int, _ hi: Int) {
        let old = base[t], oldFirst = first[t], oldLength = length[t]
        let a = old == nil ? lo : Swift.min(lo, oldFirst), b = old == nil ? hi : Swift.max(hi, oldFirst &+ oldLength &- 1)
        let slack = (b &- a) / 8 &+ 8
        let newFirst = Swift.max(0, a &- slack), newEnd = Swift.min(Int(BandCodeFormat.exceptional), b &+ slack) &+ 1
        let p = UnsafeMutablePointer<BandCodeCounter>.allocate(capacity: newEnd &- newFirst)
        p.initialize(repeating: 0, count: newEnd &- newFirst)
        if let old {
            (p + (oldFirst &- newFirst)).update(from: old, count: oldLength)
            old.deallocate()
        }
        base[t] = p
        first[t] = newFirst
        length[t] = newEnd &- newFirst
    }

    /// Grid time `t`'s counters (code `first + i` at `[i]`), for reading them out; empty when none.
    func counts(_ t: Int) -> (codes: UnsafeMutablePointer<BandCodeCounter>?, first: Int, count: Int) { (base[t], first[t], length[t]) }

    /// Back to no counts (after they were added to the sketches): the counters zeroed, their
    /// ranges kept.
    func clear() {
        for t in 0..<times { if let p = base[t] { p.update(repeating: 0, count: length[t]) } }
        staged = 0
    }

    /// Grid time `t`'s counters freed (after they were added to the sketches, at the end of a
    /// run; set `staged` to 0 once every grid time's are).
    func release(_ t: Int) {
        base[t]?.deallocate()
        base[t] = nil
        length[t] = 0
    }
}
