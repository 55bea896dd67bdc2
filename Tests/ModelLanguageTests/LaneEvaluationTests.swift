import Testing
import Foundation
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

    @Test("negation keeps the sign of zero in every lane as the scalar interpreter does (-(+0) = -0, -(-0) = +0): fused state code, parameter code and outputs")
    func negatedZeros() throws {
        let m = try ModelProgram(source: """
            [parameters]
            a = 0
            [derived]
            na = -a
            [odes]
            d/dt(x) = -x
            d/dt(y) = -(a * y)
            d/dt(z) = na
            [outputs]
            Y = -x
            Z = -(a * y)
            """)
        var x = [ModelLanes](repeating: .zero, count: 3)
        for l in 0..<ModelLanes.scalarCount { x[0][l] = l % 2 == 0 ? 0.0 : -0.0; x[1][l] = l % 2 == 0 ? 2.0 : -2.0 }
        LaneEvaluationTests.expectLanesEqualScalar(m, sets: [[0]], t: 0, x: x)
        let ev = LaneModelEvaluator(m, parameters: [[0]])
        var y = [ModelLanes](repeating: .zero, count: 2)
        x.withUnsafeBufferPointer { xp in y.withUnsafeMutableBufferPointer { ev.outputs(t: 0, state: xp.baseAddress!, into: $0.baseAddress!) } }
        for l in 0..<ModelLanes.scalarCount {
            let o = outs(m, t: 0, x: x.map { $0[l] }, p: [0])
            #expect(o[0].bitPattern == y[0][l].bitPattern && o[1].bitPattern == y[1][l].bitPattern, "lane \(l): \(o) vs \(y[0][l]), \(y[1][l])")
        }
        // Independently of either evaluator: −(+0), −(0 · 2) and −a for a = +0 are −0 in IEEE 754.
        let d = rhs(m, t: 0, x: [0.0, 2.0, 0], p: [0])
        #expect(d[0].sign == .minus && d[1].sign == .minus && d[2].sign == .minus)
        #expect(y[0][0].sign == .minus && y[1][0].sign == .minus)
    }

    /// Every lane's dx/dt against the scalar interpreter, bit for bit.
    static func expectLanesEqualScalar(_ m: ModelProgram, sets: [[Double]], t: Double, x: [ModelLanes]) {
        let ev = LaneModelEvaluator(m, parameters: sets)
        var dx = [ModelLanes](repeating: .zero, count: m.stateCount)
        x.withUnsafeBufferPointer { xp in
            dx.withUnsafeMutableBufferPointer { ev.derivatives(t: t, state: xp.baseAddress!, into: $0.baseAddress!) }
        }
        for l in 0..<ModelLanes.scalarCount {
            let p = sets[min(l, sets.count - 1)]
            let d = rhs(m, t: t, x: x.map { $0[l] }, p: p)
            for i in d.indices { #expect(d[i].bitPattern == dx[i][l].bitPattern, "lane \(l), state \(i): \(d[i]) vs \(dx[i][l])") }
        }
    }

    @Test("k6-mm.model: the fused lane code is shorter than the compiled code and every lane equals the scalar right-hand side bit for bit")
    func fusedK6MM() throws {
        let source = try SharedData.k6mmModel()
        let m = try ModelProgram(source: source)
        let rhsProgram = m.rhsProgram
        let stateCode = rhsProgram.instructions[rhsProgram.parameterInstructionCount...]
        let fused = LaneInstruction.fuse(stateCode, results: rhsProgram.results)
        #expect(fused.count < stateCode.count - 4, "fused \(fused.count) of \(stateCode.count)")
        var rng = SplitMix64(state: 61)
        for _ in 0..<200 {
            let sets = (0..<ModelLanes.scalarCount).map { _ in m.parameterDefaults.map { $0 * exp(0.4 * rng.normal()) } }
            var x = [ModelLanes](repeating: .zero, count: m.stateCount)
            for i in 0..<m.stateCount { for l in 0..<ModelLanes.scalarCount { x[i][l] = rng.pick([rng.uniform(0, 50), 0, rng.uniform(-1, 1), 1e-12]) } }
            Self.expectLanesEqualScalar(m, sets: sets, t: rng.uniform(0, 500), x: x)
        }
    }

    @Test("fusion covers every pair and triple of arithmetic operators and keeps intermediates read twice; lanes equal scalar bit for bit")
    func fusedPairs() throws {
        // (state OP1 constant) feeding OP2 on the left and on the right, for every OP1, OP2 in
        // + - * / (distinct constants, so no intermediate is shared); w is
        // read twice (not fused away), and u * u reads one intermediate on both sides.
        var lines: [String] = []
        let ops = ["+", "-", "*", "/"]
        var k = 0
        for o1 in ops {
            for o2 in ops {
                lines.append("f\(k) = (x \(o1) \(k + 2)) \(o2) z")
                lines.append("g\(k) = z \(o2) (y \(o1) \(k + 2))")
                k += 1
            }
        }
        var h = 0
        for o1 in ops {
            for o2 in ops {
                for o3 in ops {
                    lines.append("h\(h) = (x \(o1) \(h + 100)) \(o2) (y \(o3) \(h + 200))")
                    h += 1
                }
            }
        }
        let sum = (0..<k).map { "f\($0) + g\($0)" }.joined(separator: " + ") + " + " + (0..<h).map { "h\($0)" }.joined(separator: " + ")
        let source = """
            [parameters]
            a = 1.25
            [derived]
            \(lines.joined(separator: "\n"))
            w = x * z
            u = y - z
            [odes]
            d/dt(x) = \(sum)
            d/dt(y) = w + w / a + u * u
            d/dt(z) = -a * z + exp(x / 4) - if(x > y, log(1 + y * y), sqrt(z * z + 1))
            """
        let m = try ModelProgram(source: source)
        let rhsProgram = m.rhsProgram
        let stateCode = rhsProgram.instructions[rhsProgram.parameterInstructionCount...]
        let fused = LaneInstruction.fuse(stateCode, results: rhsProgram.results)
        let pairOps = Set(fused.map(\.op).filter { $0 >= 32 && $0 < 64 }), tripleOps = Set(fused.map(\.op).filter { $0 >= 64 })
        #expect(pairOps.count >= 24, "fused pair opcodes used: \(pairOps.sorted())")
        #expect(tripleOps.count == 64, "fused triple opcodes used: \(tripleOps.sorted())")
        var rng = SplitMix64(state: 62)
        for _ in 0..<200 {
            let sets = (0..<ModelLanes.scalarCount).map { _ in [rng.uniform(0.1, 3)] }
            var x = [ModelLanes](repeating: .zero, count: 3)
            for i in 0..<3 { for l in 0..<ModelLanes.scalarCount { x[i][l] = rng.pick([rng.uniform(-3, 3), 0, 1, rng.uniform(1e-3, 1e3)]) } }
            Self.expectLanesEqualScalar(m, sets: sets, t: 0, x: x)
        }
    }
}
