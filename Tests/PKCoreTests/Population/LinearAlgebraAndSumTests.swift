import Foundation
import Testing
import TestSupport
@testable import PKCore

@Suite("Population Cholesky and exact sums")
struct LinearAlgebraAndSumTests {
    @Test("Cholesky of a known matrix: L = [[2,0,0],[6,1,0],[-8,5,3]]; solve round-trips")
    func knownFactor() throws {
        let a = Matrix([[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
        let c = try Cholesky(a)
        #expect(c.lower == Matrix([[2, 0, 0], [6, 1, 0], [-8, 5, 3]]))
        let x = c.solve([1, 2, 3])
        // A·x must give back b.
        for i in 0..<3 { #expect(isClose((0..<3).reduce(0) { $0 + a[i, $1] * x[$1] }, Double(i + 1), rtol: 1e-12, atol: 1e-12)) }
        #expect(c.multiply([1, 0, 0]) == [2, 6, -8])
    }

    @Test("a matrix that is not positive definite names its row and pivot; asymmetry and NaN are errors")
    func notPositiveDefinite() {
        #expect(throws: CholeskyError(kind: .notPositiveDefinite, index: 1, pivot: -3)) { try Cholesky(Matrix([[1, 2], [2, 1]])) }
        #expect(throws: CholeskyError(kind: .notSymmetric, index: 1, pivot: 0)) { try Cholesky(Matrix([[1, 0.5], [0.4, 1]])) }
        #expect(throws: CholeskyError(kind: .notFinite, index: 0, pivot: 0)) { try Cholesky(Matrix([[.nan, 0], [0, 1]])) }
        let e = CholeskyError(kind: .notPositiveDefinite, index: 1, pivot: -3)
        #expect(e.description.contains("not positive definite") && e.description.contains("row 2"))
        // A correlation above 1 between two etas: the second pivot is ω₂²(1 − r²) < 0, named in Ω's numbering.
        var om = Matrix(rows: 3, cols: 3)
        om[0, 0] = 0.1; om[2, 2] = 0.2; om[0, 2] = 1.2 * (0.1 * 0.2).squareRoot(); om[2, 0] = om[0, 2]
        let err = #expect(throws: CholeskyError.self) { try EtaSampler(omega: om) }
        #expect(err?.index == 2 && err?.kind == .notPositiveDefinite, "\(String(describing: err))")
        // The pivot is ω₂²(1 − r²) = 0.2·(1 − 1.44) = −0.088.
        #expect(isClose(err?.pivot ?? .nan, 0.2 * (1 - 1.44), rtol: 1e-12), "\(String(describing: err))")
    }

    @Test("eta draws reproduce Omega within statistical bounds; all-zero rows stay 0")
    func etaCovariance() throws {
        var om = Matrix(rows: 3, cols: 3)
        om[0, 0] = 0.09; om[1, 1] = 0.25; om[0, 1] = 0.6 * 0.3 * 0.5; om[1, 0] = om[0, 1]
        let sampler = try EtaSampler(omega: om)
        #expect(sampler.active == [0, 1])
        let gen = SubjectGenerator(rng: CounterRNG(seed: 11), covariates: [], etas: .draw(sampler))
        let n = 20_000
        var s00 = 0.0, s11 = 0.0, s01 = 0.0
        for i in 0..<n {
            let e = gen.subject(i).etas
            #expect(e[2] == 0)
            s00 += e[0] * e[0]; s11 += e[1] * e[1]; s01 += e[0] * e[1]
        }
        let dn = Double(n)
        // SE of a sample (co)variance of normals: √((σᵢ²σⱼ² + σᵢⱼ²)/n); bounds at 5 SE.
        #expect(abs(s00 / dn - 0.09) < 5 * (2 * 0.09 * 0.09 / dn).squareRoot())
        #expect(abs(s11 / dn - 0.25) < 5 * (2 * 0.25 * 0.25 / dn).squareRoot())
        #expect(abs(s01 / dn - 0.09) < 5 * ((0.09 * 0.25 + 0.09 * 0.09) / dn).squareRoot())
        // A subject's draws do not depend on which other subjects were drawn.
        #expect(gen.subject(12345) == SubjectGenerator(rng: CounterRNG(seed: 11), covariates: [], etas: .draw(sampler)).subject(12345))
    }

    @Test("exact sums: correctly rounded, independent of order and grouping, round-trip through JSON")
    func exactSum() throws {
        func sum(_ xs: [Double]) -> ExactSum { var s = ExactSum(); for x in xs { s.add(x) }; return s }
        #expect(sum([1e100, 1, -1e100]).value == 1)
        #expect(sum(Array(repeating: 0.1, count: 10)).value == 1)   // naive summation gives 0.9999999999999999
        #expect(sum([0x1p-1074, 0x1p-1074]).value == 0x1p-1073)
        #expect(sum([.greatestFiniteMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]).value == .greatestFiniteMagnitude)
        #expect(sum([1, 0x1p-53]).value == 1)                            // tie, to even
        #expect(sum([1, 0x1p-53, 0x1p-1000]).value == 1 + 0x1p-52)       // just above the tie
        #expect(sum([-3.5, 1.25]).value == -2.25)
        #expect(sum([1, .nan]).value.isNaN && sum([1, .infinity]).value == .infinity)
        // Reproducible inputs (a fixed seed): a failure can be rerun.
        var g = SplitMix64(state: 0x5EED_5005)
        let xs = (0..<3000).map { _ in Double.random(in: -1...1, using: &g) * pow(10, Double(Int.random(in: -30...30, using: &g))) }
        let whole = sum(xs)
        for _ in 0..<5 {
            let shuffled = xs.shuffled(using: &g)
            let cut = Int.random(in: 0...xs.count, using: &g)
            var merged = sum(Array(shuffled[..<cut]))
            merged.add(sum(Array(shuffled[cut...])))
            #expect(merged == whole && merged.value.bitPattern == whole.value.bitPattern)
        }
        // Against a compensated reference: within one rounding.
        let sorted = xs.sorted { abs($0) < abs($1) }
        var s = 0.0, c = 0.0
        for x in sorted { let y = x - c; let t = s + y; c = (t - s) - y; s = t }
        #expect(isClose(whole.value, s, rtol: 1e-15, atol: 1e-300))
        let data = try JSONEncoder().encode(whole)
        #expect(try JSONDecoder().decode(ExactSum.self, from: data) == whole)
    }
}

