import Testing
@testable import PKCore

/// Order conditions of the coefficient tables (scipy `test_rk.py` practice), checked on the same
/// constants the steppers use.
@Suite("ODE tableau order conditions")
struct ODETableauTests {
    // Small vector helpers (tests only).
    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
    static func times(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 * $1 } }
    static func apply(_ m: [[Double]], _ v: [Double]) -> [Double] {
        m.map { row in zip(row, v).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    /// (elementary weight vector Φ(t), 1/γ(t)) for the rooted trees up to order 5: Σ b_i Φ_i = 1/γ.
    static func explicitTrees(_ a: [[Double]], _ c: [Double], maxOrder: Int) -> [(order: Int, phi: [Double], value: Double)] {
        let ones = [Double](repeating: 1, count: c.count)
        let c2 = times(c, c), c3 = times(c2, c)
        let ac = apply(a, c), ac2 = apply(a, c2), aac = apply(a, ac)
        var trees: [(Int, [Double], Double)] = [
            (1, ones, 1),
            (2, c, 1.0 / 2),
            (3, c2, 1.0 / 3), (3, ac, 1.0 / 6),
            (4, c3, 1.0 / 4), (4, times(c, ac), 1.0 / 8), (4, ac2, 1.0 / 12), (4, aac, 1.0 / 24),
        ]
        if maxOrder >= 5 {
            trees += [
                (5, times(c3, c), 1.0 / 5), (5, times(c2, ac), 1.0 / 10), (5, times(ac, ac), 1.0 / 20),
                (5, times(c, ac2), 1.0 / 15), (5, times(c, aac), 1.0 / 30), (5, apply(a, c3), 1.0 / 20),
                (5, apply(a, times(c, ac)), 1.0 / 40), (5, apply(a, ac2), 1.0 / 60), (5, apply(a, aac), 1.0 / 120),
            ]
        }
        return trees.filter { $0.0 <= maxOrder }
    }

    /// DOPRI5's stage matrix padded to 7 × 7.
    static var dopriA: [[Double]] {
        ButcherTableau.dormandPrince54.a.map { $0 + [Double](repeating: 0, count: 7 - $0.count) }
    }

    @Test func dormandPrinceRowsSumToNodes() {
        let t = ButcherTableau.dormandPrince54
        #expect(t.stages == 7)
        for i in 0..<7 { #expect(abs(t.a[i].reduce(0, +) - t.c[i]) <= 1e-15) }
        #expect(abs(t.b.reduce(0, +) - 1) <= 1e-15)
        #expect(abs(t.bHat.reduce(0, +) - 1) <= 1e-15)
        // FSAL: the last stage row is the weight vector.
        for j in 0..<6 { #expect(t.a[6][j] == t.b[j]) }
    }

    @Test func dormandPrinceWeightsHaveOrderFive() {
        let t = ButcherTableau.dormandPrince54
        let trees = Self.explicitTrees(Self.dopriA, t.c, maxOrder: 5)
        #expect(trees.count == 17)
        for tree in trees {
            #expect(abs(Self.dot(t.b, tree.phi) - tree.value) <= 1e-14, "order \(tree.order), 1/γ = \(tree.value)")
        }
    }

    @Test func dormandPrinceEmbeddedHasOrderFourNotFive() {
        let t = ButcherTableau.dormandPrince54
        for tree in Self.explicitTrees(Self.dopriA, t.c, maxOrder: 4) {
            #expect(abs(Self.dot(t.bHat, tree.phi) - tree.value) <= 1e-14, "order \(tree.order)")
        }
        // At least one order-5 condition fails for the embedded weights (it is a genuine 4th-order estimate).
        let fifth = Self.explicitTrees(Self.dopriA, t.c, maxOrder: 5).filter { $0.order == 5 }
        #expect(fifth.contains { abs(Self.dot(t.bHat, $0.phi) - $0.value) > 1e-6 })
    }

    /// The continuous extension is of order 4 for every θ: Σ b_i(θ) Φ_i(t) = θ^ρ(t)/γ(t), and b(1) = b.
    @Test(arguments: [0.1, 0.3, 0.5, 0.77, 1.0])
    func dormandPrinceDenseOutputHasOrderFour(theta: Double) {
        let t = ButcherTableau.dormandPrince54
        let w = t.denseWeights(theta)
        for tree in Self.explicitTrees(Self.dopriA, t.c, maxOrder: 4) {
            let expected = tree.value * pow(theta, Double(tree.order))
            #expect(abs(Self.dot(w, tree.phi) - expected) <= 1e-13, "θ = \(theta), order \(tree.order)")
        }
        if theta == 1 { for i in 0..<7 { #expect(abs(w[i] - t.b[i]) <= 1e-14) } }
    }

    // MARK: Rodas4

    /// Undoes the transformation of HNW II (7.25): Γ⁻¹ = diag(1/γ) − C, α = A Γ, b = m Γ.
    struct ClassicalRosenbrock {
        let gammaMatrix: [[Double]]  // Γ, lower triangular with diagonal γ
        let alpha: [[Double]]        // strictly lower
        let b: [Double], bHat: [Double]
    }

    static func classical(_ t: RosenbrockTableau) -> ClassicalRosenbrock {
        let s = t.c.count
        var gInv = [[Double]](repeating: [Double](repeating: 0, count: s), count: s)
        for i in 0..<s {
            for j in 0..<s { gInv[i][j] = (i == j ? 1 / t.gamma : 0) - t.cCoupling[i][j] }
        }
        // Γ = (Γ⁻¹)⁻¹ by forward substitution, column by column.
        var g = [[Double]](repeating: [Double](repeating: 0, count: s), count: s)
        for col in 0..<s {
            for i in 0..<s {
                var v = i == col ? 1.0 : 0.0
                for k in 0..<i { v -= gInv[i][k] * g[k][col] }
                g[i][col] = v / gInv[i][i]
            }
        }
        func rowTimes(_ v: [Double]) -> [Double] { (0..<s).map { j in (0..<s).reduce(0) { $0 + v[$1] * g[$1][j] } } }
        let alpha = t.a.map(rowTimes)
        return ClassicalRosenbrock(gammaMatrix: g, alpha: alpha, b: rowTimes(t.m), bHat: rowTimes(t.mHat))
    }

    @Test func rodas4NodesAndGammaSums() {
        let t = RosenbrockTableau.rodas4
        let r = Self.classical(t)
        for i in 0..<6 {
            #expect(abs(r.gammaMatrix[i][i] - t.gamma) <= 1e-14)
            #expect(abs(r.alpha[i].reduce(0, +) - t.c[i]) <= 1e-12, "c_\(i + 1)")
            #expect(abs(r.gammaMatrix[i].reduce(0, +) - t.gammaSums[i]) <= 1e-12, "γ_\(i + 1)")
        }
        #expect(abs(r.b.reduce(0, +) - 1) <= 1e-13)
        #expect(abs(r.bHat.reduce(0, +) - 1) <= 1e-13)
    }

    /// Rosenbrock order conditions (HNW II §IV.7, Table 7.1), β = α + Γ strictly below the diagonal,
    /// β′_i = Σ_j β_ij: order 4 for the solution, order 3 for the embedded one.
    @Test func rodas4OrderConditions() {
        let t = RosenbrockTableau.rodas4
        let r = Self.classical(t)
        let g = t.gamma
        var beta = [[Double]](repeating: [Double](repeating: 0, count: 6), count: 6)
        for i in 0..<6 {
            for j in 0..<i { beta[i][j] = r.alpha[i][j] + r.gammaMatrix[i][j] }
        }
        let betaP = beta.map { $0.reduce(0, +) }
        let c = t.c, c2 = Self.times(c, c)
        let g2: Double = g * g, g3: Double = g2 * g
        let ones = [Double](repeating: 1, count: 6)
        let betaBetaP = Self.apply(beta, betaP)
        var conditions: [(order: Int, phi: [Double], value: Double)] = []
        conditions.append((1, ones, 1))
        conditions.append((2, betaP, 0.5 - g))
        conditions.append((3, c2, 1.0 / 3))
        conditions.append((3, betaBetaP, 1.0 / 6 - g + g2))
        conditions.append((4, Self.times(c2, c), 1.0 / 4))
        conditions.append((4, Self.times(c, Self.apply(r.alpha, betaP)), 1.0 / 8 - g / 3))
        conditions.append((4, Self.apply(beta, c2), 1.0 / 12 - g / 3))
        conditions.append((4, Self.apply(beta, betaBetaP), 1.0 / 24 - g / 2 + 1.5 * g2 - g3))
        for cond in conditions {
            #expect(abs(Self.dot(r.b, cond.phi) - cond.value) <= 1e-11, "order \(cond.order) (solution)")
            if cond.order <= 3 {
                #expect(abs(Self.dot(r.bHat, cond.phi) - cond.value) <= 1e-11, "order \(cond.order) (embedded)")
            }
        }
    }

    /// L-stability: R(z) = 1 + z bᵀ (I − z B)⁻¹ 𝟙 with B = α + Γ satisfies |R(z)| ≤ 1 on the
    /// negative real axis and R(z) → 0 as z → −∞ (stiffly accurate).
    @Test func rodas4IsLStableOnTheNegativeAxis() {
        let t = RosenbrockTableau.rodas4
        let r = Self.classical(t)
        func stability(_ z: Double) -> Double {
            var k = [Double](repeating: 0, count: 6)  // k = (I − zB)⁻¹ 𝟙, B lower triangular
            for i in 0..<6 {
                var v = 1.0
                for j in 0..<i { v += z * (r.alpha[i][j] + r.gammaMatrix[i][j]) * k[j] }
                k[i] = v / (1 - z * r.gammaMatrix[i][i])
            }
            return 1 + z * Self.dot(r.b, k)
        }
        for e in stride(from: -2.0, through: 8.0, by: 0.25) {
            #expect(abs(stability(-pow(10, e))) <= 1 + 1e-12, "z = −1e\(e)")
        }
        #expect(abs(stability(-1e8)) <= 1e-6)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
