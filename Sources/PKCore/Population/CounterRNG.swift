#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Philox4x64-10, the counter-based generator of Salmon, Moraes, Dror & Shaw, "Parallel random
/// numbers: as easy as 1, 2, 3", SC'11 (Random123). A keyed bijection of a 256-bit counter: the
/// output for a counter depends on nothing else, so any draw can be computed directly, in any
/// order, on any thread. Checked against the Random123 known-answer vectors (and NumPy's
/// `Philox`, which is the same function).
public enum Philox4x64 {
    /// Round multiplier for counter word 0 (Random123 PHILOX_M4x64_0).
    public static let m0: UInt64 = 0xD2E7_470E_E14C_6C93
    /// Round multiplier for counter word 2 (Random123 PHILOX_M4x64_1).
    public static let m1: UInt64 = 0xCA5A_8263_9512_1157
    /// Weyl increment added to key word 0 between rounds (PHILOX_W64_0).
    public static let w0: UInt64 = 0x9E37_79B9_7F4A_7C15   // golden ratio
    /// Weyl increment added to key word 1 between rounds (PHILOX_W64_1).
    public static let w1: UInt64 = 0xBB67_AE85_84CA_A73B   // sqrt(3) - 1

    /// The 10-round block function: four 64-bit outputs for a counter and a key.
    @inlinable
    public static func block(
        _ c: (UInt64, UInt64, UInt64, UInt64), key k: (UInt64, UInt64)
    ) -> (UInt64, UInt64, UInt64, UInt64) {
        var c = c
        var k = k
        for round in 0..<10 {
            if round > 0 { k.0 &+= w0; k.1 &+= w1 }
            let p0 = m0.multipliedFullWidth(by: c.0)
            let p1 = m1.multipliedFullWidth(by: c.2)
            c = (p1.high ^ c.1 ^ k.0, p1.low, p0.high ^ c.3 ^ k.1, p0.low)
        }
        return c
    }
}

/// Random draws keyed by (seed, subject index, stream, draw index): the counter is
/// (draw / 4, subject, stream, "keta"), the key (seed, 0), and draw d is lane d mod 4 of that block.
/// A subject's draws therefore never depend on which thread or shard simulates it, nor on how many
/// draws other subjects used.
///
/// Streams used by `ketasim batch`: 0 covariates (draw = covariate index), 1 etas (draw = eta index),
/// 2 residual error (draw = output time index).
public struct CounterRNG: Sendable, Equatable {
    /// The seed: word 0 of the Philox key (word 1 is 0).
    public let seed: UInt64
    /// A generator for `seed`.
    public init(seed: UInt64) { self.seed = seed }

    /// Stream of covariate draws (draw = covariate index).
    public static let covariateStream: UInt64 = 0
    /// Stream of eta draws (draw = eta index).
    public static let etaStream: UInt64 = 1
    /// Stream of residual-error draws (draw = output time index).
    public static let residualStream: UInt64 = 2
    /// Constant fourth counter word: ASCII "keta".
    public static let tag: UInt64 = 0x6B65_7461   // "keta"

    /// The 64 random bits of draw `draw` of `stream` for subject `subject`.
    @inlinable
    public func bits(subject: UInt64, stream: UInt64, draw: UInt64) -> UInt64 {
        let b = Philox4x64.block((draw >> 2, subject, stream, CounterRNG.tag), key: (seed, 0))
        switch draw & 3 {
        case 0: return b.0
        case 1: return b.1
        case 2: return b.2
        default: return b.3
        }
    }

    /// A uniform number in the open interval (0, 1): the top 53 bits, offset by half a step, so
    /// u = (k + ½)·2⁻⁵³ with k uniform on 0..<2⁵³ (never 0 or 1, safe for the inverse normal CDF).
    @inlinable
    public static func uniform(_ bits: UInt64) -> Double {
        (Double(bits >> 11) + 0.5) * 0x1p-53
    }

    /// The uniform number in (0, 1) of draw `draw` of `stream` for `subject` (see `uniform(_:)`).
    public func uniform(subject: UInt64, stream: UInt64, draw: UInt64) -> Double {
        CounterRNG.uniform(bits(subject: subject, stream: stream, draw: draw))
    }

    /// A standard normal number by inversion: Φ⁻¹(u) of the uniform draw (Wichura's AS241).
    public func normal(subject: UInt64, stream: UInt64, draw: UInt64) -> Double {
        StandardNormal.quantile(uniform(subject: subject, stream: stream, draw: draw))
    }

    /// Sequential draws of one subject's stream, computing each Philox block once for four draws.
    /// Equal, draw for draw, to `uniform(subject:stream:draw:)` with draw = 0, 1, 2, …
    public struct Stream {
        let rng: CounterRNG
        let subject: UInt64
        let stream: UInt64
        /// Index of the next draw.
        public private(set) var draw: UInt64 = 0
        var block: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        /// Starts `subject`'s `stream` at draw index `draw`.
        public init(_ rng: CounterRNG, subject: UInt64, stream: UInt64, startingAt draw: UInt64 = 0) {
            self.rng = rng
            self.subject = subject
            self.stream = stream
            self.draw = draw
            block = Philox4x64.block((draw >> 2, subject, stream, CounterRNG.tag), key: (rng.seed, 0))
        }

        /// The 64 bits of the next draw; equal to `rng.bits(subject:stream:draw:)`.
        public mutating func nextBits() -> UInt64 {
            if draw & 3 == 0 && draw > 0 {
                block = Philox4x64.block((draw >> 2, subject, stream, CounterRNG.tag), key: (rng.seed, 0))
            }
            let lane = draw & 3
            draw += 1
            switch lane {
            case 0: return block.0
            case 1: return block.1
            case 2: return block.2
            default: return block.3
            }
        }

        /// The next draw as a uniform number in (0, 1).
        public mutating func nextUniform() -> Double { CounterRNG.uniform(nextBits()) }
        /// The next draw as a standard normal number by inversion (one uniform per normal).
        public mutating func nextNormal() -> Double { StandardNormal.quantile(nextUniform()) }
    }
}

/// The standard normal distribution: CDF and quantile.
public enum StandardNormal {
    /// Φ(x) = ½·erfc(−x/√2), accurate in both tails.
    public static func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// Φ⁻¹(p) for 0 < p < 1 by Wichura's algorithm AS241 (PPND16), Applied Statistics 37:477–484
    /// (1988): rational approximations with relative error about 1e-16. −∞/+∞ at 0/1, NaN outside.
    public static func quantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return p == 0 ? -.infinity : p == 1 ? .infinity : .nan }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num = (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r
                + 4.5921953931549871457e4) * r + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
                + 1.3314166789178437745e2) * r + 3.3871328727963666080e0)
            let den = (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r + 3.9307895800092710610e4) * r
                + 2.1213794301586595867e4) * r + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
                + 4.2313330701600911252e1) * r + 1.0)
            return q * num / den
        }
        var r = q < 0 ? p : 1 - p
        r = (-log(r)).squareRoot()
        let x: Double
        if r <= 5 {
            r -= 1.6
            let num = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1) * r
                + 1.27045825245236838258e0) * r + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
                + 4.63033784615654529590e0) * r + 1.42343711074968357734e0)
            let den = (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2) * r
                + 1.48103976427480074590e-1) * r + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
                + 2.05319162663775882187e0) * r + 1.0)
            x = num / den
        } else {
            r -= 5
            let num = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3) * r
                + 2.65321895265761230930e-2) * r + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
                + 5.46378491116411436990e0) * r + 6.65790464350110377720e0)
            let den = (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5) * r
                + 7.86869131145613259100e-4) * r + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                + 5.99832206555887937690e-1) * r + 1.0)
            x = num / den
        }
        return q < 0 ? -x : x
    }
}
