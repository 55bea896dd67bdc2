#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exact sum of any number of doubles: a fixed-point "superaccumulator" (Kulisch) covering
/// the whole double range, 2⁻¹⁰⁷⁴ … 2¹²³⁰, in 72 signed 64-bit limbs of 32 bits each. Adding is
/// integer arithmetic, so it is associative and commutative: the sum does not depend on the order
/// of the terms, the number of threads, or how shards are merged, and `value` is the exact sum
/// rounded once to the nearest double (ties to even). NaN and infinities are counted apart.
///
/// Normalised limbs are canonical (every limb but the top in [0, 2³²)), so equal sums encode equally.
public struct ExactSum: Sendable, Equatable, Codable {
    static let limbCount = 72
    var limbs: [Int64]
    /// Additions since the last carry propagation (each adds < 2³² to a limb; propagate before 2³¹).
    var pending: Int32 = 0
    /// Number of NaN terms added (kept apart from the finite sum).
    public private(set) var nanCount: UInt64 = 0
    /// Number of +∞ terms added.
    public private(set) var positiveInfinityCount: UInt64 = 0
    /// Number of −∞ terms added.
    public private(set) var negativeInfinityCount: UInt64 = 0

    /// The empty sum (0).
    public init() { limbs = [Int64](repeating: 0, count: ExactSum.limbCount) }

    /// Adds `x` exactly (±0 adds nothing; NaN and ±∞ are only counted). Integer operations only;
    /// carries are propagated every 2³⁰ additions, so no limb overflows.
    public mutating func add(_ x: Double) {
        guard x.isFinite else {
            if x.isNaN { nanCount += 1 } else if x > 0 { positiveInfinityCount += 1 } else { negativeInfinityCount += 1 }
            return
        }
        if x == 0 { return }
        let bits = x.bitPattern
        let e = Int((bits >> 52) & 0x7FF)
        var m = bits & ((1 << 52) - 1)
        let p: Int
        if e == 0 { p = 0 } else { m |= 1 << 52; p = e - 1 }   // |x| = m·2^p·2⁻¹⁰⁷⁴
        let i = p >> 5, s = p & 31
        let (hi, lo) = m.multipliedFullWidth(by: UInt64(1) << UInt64(s))
        let l0 = Int64(lo & 0xFFFF_FFFF), l1 = Int64(lo >> 32), l2 = Int64(hi)
        if x > 0 { limbs[i] += l0; limbs[i + 1] += l1; limbs[i + 2] += l2 }
        else { limbs[i] -= l0; limbs[i + 1] -= l1; limbs[i + 2] -= l2 }
        pending += 1
        if pending >= 1 << 30 { normalize() }
    }

    /// Adds another exact sum (limbs and special counts), e.g. when merging threads or shards;
    /// the result is the same in any merge order.
    public mutating func add(_ other: ExactSum) {
        var o = other
        o.normalize()
        normalize()
        for k in 0..<ExactSum.limbCount { limbs[k] += o.limbs[k] }
        nanCount += o.nanCount
        positiveInfinityCount += o.positiveInfinityCount
        negativeInfinityCount += o.negativeInfinityCount
        normalize()
    }

    /// Propagates carries so every limb but the top is in [0, 2³²).
    public mutating func normalize() {
        for k in 0..<(ExactSum.limbCount - 1) {
            let carry = limbs[k] >> 32
            limbs[k] -= carry << 32
            limbs[k + 1] += carry
        }
        pending = 0
    }

    /// The sum rounded to the nearest double (NaN if any NaN or both infinities were added).
    public var value: Double {
        if nanCount > 0 || (positiveInfinityCount > 0 && negativeInfinityCount > 0) { return .nan }
        if positiveInfinityCount > 0 { return .infinity }
        if negativeInfinityCount > 0 { return -.infinity }
        var l = limbs
        func norm() {
            for k in 0..<(ExactSum.limbCount - 1) {
                let carry = l[k] >> 32
                l[k] -= carry << 32
                l[k + 1] += carry
            }
        }
        norm()
        var negative = false
        if l[ExactSum.limbCount - 1] < 0 {
            negative = true
            for k in 0..<ExactSum.limbCount { l[k] = -l[k] }
            norm()
        }
        guard let h = l.lastIndex(where: { $0 != 0 }) else { return 0 }
        // Top 64 bits with the leading one at bit 63, plus a sticky bit for everything below, so the
        // UInt64 → Double conversion rounds the exact magnitude correctly.
        let w = (UInt64(l[h]) << 32) | (h >= 1 ? UInt64(l[h - 1]) : 0)
        let next = h >= 2 ? UInt64(l[h - 2]) : 0
        let lz = w.leadingZeroBitCount
        var top = w << UInt64(lz)
        var sticky = false
        if lz > 0 {
            top |= next >> UInt64(32 - lz)
            sticky = (next & ((UInt64(1) << UInt64(32 - lz)) - 1)) != 0
        } else {
            sticky = next != 0
        }
        if !sticky && h >= 3 { sticky = l[0..<(h - 2)].contains { $0 != 0 } }
        if sticky { top |= 1 }
        let magnitude = scalbn(Double(top), 32 * h - 32 - lz - 1074)
        return negative ? -magnitude : magnitude
    }

    // Codable: the normalised limbs from the lowest non-zero one, and the special counts.
    enum CodingKeys: String, CodingKey { case from, limbs, nan, posInf, negInf }

    /// Encodes the normalised limbs from the lowest non-zero one (`from`, `limbs`) and the non-zero
    /// special counts (`nan`, `posInf`, `negInf`).
    public func encode(to encoder: Encoder) throws {
        var s = self
        s.normalize()
        var c = encoder.container(keyedBy: CodingKeys.self)
        let first = s.limbs.firstIndex { $0 != 0 } ?? 0
        let last = s.limbs.lastIndex { $0 != 0 } ?? -1
        try c.encode(first, forKey: .from)
        try c.encode(last >= first ? Array(s.limbs[first...last]) : [], forKey: .limbs)
        if nanCount > 0 { try c.encode(nanCount, forKey: .nan) }
        if positiveInfinityCount > 0 { try c.encode(positiveInfinityCount, forKey: .posInf) }
        if negativeInfinityCount > 0 { try c.encode(negativeInfinityCount, forKey: .negInf) }
    }

    /// Decodes the exact sum written by `encode(to:)` (its partials and infinity counts).
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let from = try c.decode(Int.self, forKey: .from)
        let ls = try c.decode([Int64].self, forKey: .limbs)
        guard from >= 0, from + ls.count <= ExactSum.limbCount else {
            throw DecodingError.dataCorruptedError(forKey: .limbs, in: c, debugDescription: "exact sum out of range")
        }
        for (k, v) in ls.enumerated() { limbs[from + k] = v }
        nanCount = try c.decodeIfPresent(UInt64.self, forKey: .nan) ?? 0
        positiveInfinityCount = try c.decodeIfPresent(UInt64.self, forKey: .posInf) ?? 0
        negativeInfinityCount = try c.decodeIfPresent(UInt64.self, forKey: .negInf) ?? 0
        normalize()
    }

    /// Equal when the normalised limbs and the special counts are equal (equal exact sums).
    public static func == (a: ExactSum, b: ExactSum) -> Bool {
        var x = a, y = b
        x.normalize(); y.normalize()
        return x.limbs == y.limbs && x.nanCount == y.nanCount && x.positiveInfinityCount == y.positiveInfinityCount
            && x.negativeInfinityCount == y.negativeInfinityCount
    }
}
