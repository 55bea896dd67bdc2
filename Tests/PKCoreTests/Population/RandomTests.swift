import Foundation
import Testing
import TestSupport
@testable import PKCore

@Suite("Population random numbers")
struct RandomTests {
    @Test("Philox4x64-10 matches the Random123 known-answer vectors and NumPy's Philox")
    func philoxKnownAnswers() {
        let z = Philox4x64.block((0, 0, 0, 0), key: (0, 0))
        #expect(z.0 == 0x16554d9eca36314c && z.1 == 0xdb20fe9d672d0fdc && z.2 == 0xd7e772cee186176b && z.3 == 0x7e68b68aec7ba23b)
        let f = Philox4x64.block((.max, .max, .max, .max), key: (.max, .max))
        #expect(f.0 == 0x87b092c3013fe90b && f.1 == 0x438c3c67be8d0224 && f.2 == 0x9cc7d7c69cd777b6 && f.3 == 0xa09caebf594f0ba0)
        let pi = Philox4x64.block((0x243f6a8885a308d3, 0x13198a2e03707344, 0xa4093822299f31d0, 0x082efa98ec4e6c89),
                                  key: (0x452821e638d01377, 0xbe5466cf34e90c6c))
        #expect(pi.0 == 0xa528f45403e61d95 && pi.1 == 0x38c72dbd566e9788 && pi.2 == 0xa5a1610e72fd18b5 && pi.3 == 0x57bd43b5e52b7fe6)
        // numpy.random.Philox(counter=2**256-1, key=[12345, 0]).random_raw(4): the block of counter 0.
        let np = Philox4x64.block((0, 0, 0, 0), key: (12345, 0))
        #expect(np.0 == 0x6681025cb1976839 && np.1 == 0x5444c93035872143 && np.2 == 0x064d74c66002b100 && np.3 == 0x556bd3ff99807fe9)
    }

    @Test("sequential streams equal direct draws keyed by (seed, subject, stream, draw); keys are independent")
    func streamsAreKeyed() {
        let rng = CounterRNG(seed: 20261120)
        for subject in [0, 1, 999_999] as [UInt64] {
            var s = CounterRNG.Stream(rng, subject: subject, stream: CounterRNG.etaStream)
            for d in 0..<11 as Range<UInt64> {
                #expect(s.nextBits() == rng.bits(subject: subject, stream: CounterRNG.etaStream, draw: d))
            }
            var late = CounterRNG.Stream(rng, subject: subject, stream: CounterRNG.etaStream, startingAt: 6)
            #expect(late.nextBits() == rng.bits(subject: subject, stream: CounterRNG.etaStream, draw: 6))
        }
        let a = rng.bits(subject: 5, stream: 1, draw: 0)
        #expect(a != rng.bits(subject: 6, stream: 1, draw: 0))
        #expect(a != rng.bits(subject: 5, stream: 2, draw: 0))
        #expect(a != rng.bits(subject: 5, stream: 1, draw: 1))
        #expect(a != CounterRNG(seed: 20261121).bits(subject: 5, stream: 1, draw: 0))
        #expect(CounterRNG.uniform(0) == 0x1p-54 && CounterRNG.uniform(.max) == 1 - 0x1p-54)
    }

    @Test("uniform and normal moments are within statistical bounds (fixed seed, 200000 draws)")
    func moments() {
        let rng = CounterRNG(seed: 42)
        let n = 200_000
        var su = 0.0, su2 = 0.0, sz = 0.0, sz2 = 0.0, sz3 = 0.0, sz4 = 0.0
        var tail = 0
        for i in 0..<n {
            let u = rng.uniform(subject: UInt64(i / 4), stream: 7, draw: UInt64(i % 4))
            #expect(u > 0 && u < 1)
            su += u; su2 += u * u
            let z = StandardNormal.quantile(u)
            sz += z; sz2 += z * z; sz3 += z * z * z; sz4 += z * z * z * z
            if z > 1.959963984540054 { tail += 1 }
        }
        let dn = Double(n)
        // Standard errors: uniform mean 0.2887/√n; normal mean 1/√n, variance √2/√n, skewness √6/√n,
        // kurtosis √24/√n; tail count binomial(n, 0.025). Bounds at 5 standard errors.
        #expect(abs(su / dn - 0.5) < 5 * 0.2887 / dn.squareRoot())
        #expect(abs(su2 / dn - su * su / (dn * dn) - 1.0 / 12) < 5 * 0.0745 / dn.squareRoot())
        #expect(abs(sz / dn) < 5 / dn.squareRoot())
        let v = sz2 / dn - (sz / dn) * (sz / dn)
        #expect(abs(v - 1) < 5 * 2.0.squareRoot() / dn.squareRoot())
        #expect(abs(sz3 / dn) < 5 * 6.0.squareRoot() / dn.squareRoot())
        #expect(abs(sz4 / dn - 3) < 5 * 24.0.squareRoot() / dn.squareRoot())
        let expected = dn * 0.025
        #expect(abs(Double(tail) - expected) < 5 * (dn * 0.025 * 0.975).squareRoot())
    }

    @Test("AS241 normal quantile matches reference values and inverts the CDF")
    func normalQuantile() {
        // Python statistics.NormalDist().inv_cdf (also AS241), to the last bits.
        let ref: [(Double, Double)] = [(0.975, 1.9599639845400536), (0.025, -1.9599639845400538), (1e-10, -6.361340902404056),
                                       (0.3, -0.5244005127080407), (0.999, 3.090232306167813), (1 - 1e-12, 7.0344869100478356),
                                       (1e-300, -37.0470962993612), (0.08, -1.4050715603096322)]
        for (p, z) in ref { #expect(isClose(StandardNormal.quantile(p), z, rtol: 4e-16), "p = \(p)") }
        #expect(StandardNormal.quantile(0.5) == 0)
        for p in stride(from: 0.001, to: 1, by: 0.0137) { #expect(isClose(StandardNormal.cdf(StandardNormal.quantile(p)), p, rtol: 1e-14)) }
        #expect(StandardNormal.quantile(0) == -.infinity && StandardNormal.quantile(1) == .infinity && StandardNormal.quantile(2).isNaN)
    }

    @Test("covariate distributions: truncation, moments and one draw per covariate")
    func covariates() throws {
        let rng = CounterRNG(seed: 3)
        let trunc = CovariateDistribution.normal(mean: 75, sd: 15, low: 45, high: 150)
        try trunc.validate()
        var s = 0.0
        let n = 20_000
        for i in 0..<n {
            let x = trunc.sample(rng.uniform(subject: UInt64(i), stream: 0, draw: 0))
            #expect(x >= 45 && x <= 150)
            s += x
        }
        // Mean of N(75, 15²) truncated to [45, 150]: 75 + 15·(φ(−2) − φ(5))/(Φ(5) − Φ(−2)) = 75.82870…
        #expect(abs(s / Double(n) - 75.82870) < 5 * 14.12 / Double(n).squareRoot())
        #expect(CovariateDistribution.bernoulli(p: 0.25).sample(0.2) == 1 && CovariateDistribution.bernoulli(p: 0.25).sample(0.3) == 0)
        #expect(CovariateDistribution.uniform(low: 2, high: 4).sample(0.25) == 2.5)
        #expect(isClose(CovariateDistribution.lognormal(mu: log(70), sigma: 0.2, low: nil, high: nil).sample(0.5), 70, rtol: 1e-15))
        #expect(throws: SimulationError.self) { try CovariateDistribution.normal(mean: 0, sd: -1, low: nil, high: nil).validate() }
        #expect(throws: SimulationError.self) { try CovariateDistribution.normal(mean: 0, sd: 1, low: 50, high: 60).validate() }
        #expect(throws: SimulationError.self) { try CovariateDistribution.bernoulli(p: 1.5).validate() }
    }
}
