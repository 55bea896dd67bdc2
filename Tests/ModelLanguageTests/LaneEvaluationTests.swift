import Testing
import TestSupport
@testable import ModelLanguage

@Suite("Lane evaluation of model programs")
struct LaneEvaluationTests {
    /// Every operator and function of the language, with parameters that differ per lane.
    static let source = """
        [parameters]
        a = 1.5
        b = 0.25
        c = 3
        [derived]
        g = if(x > b, exp(-a * t), log(1 + abs(y))) + pow(c, b) - min(x, y) * max(a, c) + sqrt(c + x * x)
        h = (x <= a) + (y >= b) + (x == y) + (x != a) + (y < c) + 2^-b
        [odes]
        d/dt(x) = -a * x + b * y / c + g
        d/dt(y) = a * x - (b + c) * y - h
        [outputs]
        Y = 1000 * y / c
        Z = x + h
        """

    @Test("every lane equals the scalar right-hand side and outputs bit for bit (random parameters, states, times)")
    func lanesEqualScalar() throws {
        let m = try ModelProgram(source: Self.source)
        var rng = SplitMix64(state: 13)
        for _ in 0..<50 {
            let w = ModelLanes.scalarCount
            let sets = (0..<rng.below(w) + 1).map { _ in [rng.uniform(0.1, 3), rng.uniform(0, 1), rng.uniform(0.5, 5)] }
            let ev = LaneModelEvaluator(m, parameters: sets)
            let t = rng.uniform(0, 24)
            var x = [ModelLanes](repeating: .zero, count: 2)
            for l in 0..<w { x[0][l] = rng.pick([rng.uniform(-2, 2), 0.25, 1.5]); x[1][l] = rng.pick([rng.uniform(-2, 2), x[0][l]]) }
            var dx = [ModelLanes](repeating: .zero, count: 2), y = [ModelLanes](repeating: .zero, count: 2)
            x.withUnsafeBufferPointer { xp in
                dx.withUnsafeMutableBufferPointer { ev.derivatives(t: t, state: xp.baseAddress!, into: $0.baseAddress!) }
                y.withUnsafeMutableBufferPointer { ev.outputs(t: t, state: xp.baseAddress!, into: $0.baseAddress!) }
            }
            for l in 0..<w {
                let p = sets[min(l, sets.count - 1)]
                let xs = [x[0][l], x[1][l]]
                let d = rhs(m, t: t, x: xs, p: p), o = outs(m, t: t, x: xs, p: p)
                #expect(d[0].bitPattern == dx[0][l].bitPattern && d[1].bitPattern == dx[1][l].bitPattern, "lane \(l): \(d) vs \(dx)")
                #expect(o[0].bitPattern == y[0][l].bitPattern && o[1].bitPattern == y[1][l].bitPattern)
            }
        }
    }
}
