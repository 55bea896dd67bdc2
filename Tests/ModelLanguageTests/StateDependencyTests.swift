import Testing
import Foundation
import TestSupport
@testable import ModelLanguage

/// `ModelProgram.statesFeeding` (which states an output depends on) and `restricted` (the program
/// on those states alone), issue 13.
@Suite("State dependencies of outputs")
struct StateDependencyTests {
    /// Output CP reads C (derived) = b / V; d/dt(b) reads a through the derived flux F; d/dt(a)
    /// reads nothing else. d/dt(m) reads a (m feeds nothing); d/dt(e) reads m and CP's C (feeds
    /// nothing); OUT2 reads e. Every operator kind appears in a kept right-hand side.
    static let source = """
        [parameters]
        KA = 1.3
        V = 20
        VMAX = 40
        KM = 2
        K2 = 0.4
        KE = 3
        [derived]
        C = b / V
        F = KA * a
        G = if(a > 1, exp(-0.1 * t), log(1 + abs(b))) + sqrt(KM + c * c) - min(a, c) * max(b, KM) + pow(KE, 0.3)
        [states]
        a = 5
        m
        b = KM
        e
        c
        [odes]
        d/dt(a) = -F
        d/dt(m) = 0.5 * F - K2 * m
        d/dt(b) = F - VMAX * C / (KM + C) - K2 * b + K2 * c + 0.01 * G
        d/dt(e) = KE * (C + m - e)
        d/dt(c) = K2 * b - K2 * c
        [outputs]
        CP = 1000 * C
        OUT2 = e
        """

    @Test("a state is needed when the output, or the d/dt of a needed state, reads it (through derived quantities, transitively)")
    func neededStates() throws {
        let m = try ModelProgram(source: Self.source)
        #expect(m.stateNames == ["a", "m", "b", "e", "c"])
        // CP reads b (through C); d/dt(b) reads a (F), b, c (and a, b, c through G); d/dt(c) reads b, c; d/dt(a) reads a.
        #expect(m.statesFeeding(outputs: [0]) == [0, 2, 4])
        // OUT2 reads e; d/dt(e) reads b (C), m, e; then a, c as above.
        #expect(m.statesFeeding(outputs: [1]) == [0, 1, 2, 3, 4])
        #expect(m.statesFeeding(outputs: [0, 1]) == [0, 1, 2, 3, 4])
        #expect(m.statesFeeding(outputs: []) == [])
        // k6-mm.model: CP = 1000·central/V1i needs depot, central and both peripherals, not norket or ce.
        let k6 = try ModelProgram(source: SharedData.k6mmModel())
        #expect(k6.statesFeeding(outputs: [0]).map { k6.stateNames[$0] } == ["depot", "central", "periph2", "periph3"])
    }

    @Test("the restricted program gives the full program's right-hand side, outputs and initial state of the kept states, bit for bit")
    func restrictedMatchesFull() throws {
        let full = try ModelProgram(source: Self.source)
        let keep = full.statesFeeding(outputs: [0])
        let small = full.restricted(toStates: keep, outputs: [0])
        #expect(small.stateNames == ["a", "b", "c"] && small.outputNames == ["CP"])
        #expect(small.parameterNames == full.parameterNames && small.parameterDefaults == full.parameterDefaults)
        #expect(small.initialState(parameters: small.parameterDefaults) == keep.map { full.initialState(parameters: full.parameterDefaults)[$0] })
        #expect(small.registersAreInBounds())
        var rng = SplitMix64(state: 41)
        for _ in 0..<200 {
            let p = full.parameterDefaults.map { $0 * exp(0.3 * rng.normal()) }
            let x = (0..<full.stateCount).map { _ in rng.pick([rng.uniform(-3, 3), 0, 1.5]) }
            let t = rng.uniform(0, 48)
            let xs = keep.map { x[$0] }
            let dFull = rhs(full, t: t, x: x, p: p), dSmall = rhs(small, t: t, x: xs, p: p)
            #expect(zip(keep.map { dFull[$0] }, dSmall).allSatisfy { $0.bitPattern == $1.bitPattern }, "x \(x), t \(t)")
            #expect(outs(full, t: t, x: x, p: p)[0].bitPattern == outs(small, t: t, x: xs, p: p)[0].bitPattern)
            // The Jacobian of the kept block is the full one's (kept rows, kept columns).
            let jFull = jac(full, t: t, x: x, p: p), jSmall = jac(small, t: t, x: xs, p: p)
            let n = full.stateCount, k = keep.count
            for (r, i) in keep.enumerated() {
                for (c, j) in keep.enumerated() { #expect(jSmall[r * k + c].bitPattern == jFull[i * n + j].bitPattern) }
            }
            // Lanes too: the lane evaluator of the restricted program (stage variants in place) gives
            // the full program's lane values of the kept states. (Lanes are compared with lanes: at
            // x = 0, -F is +0 on lanes where the scalar program gives -0, in both programs alike.)
            let ev = LaneModelEvaluator(small, parameters: [p])
            var lx = xs.map { ModelLanes(repeating: $0) }, ldx = [ModelLanes](repeating: .zero, count: k)
            lx.withUnsafeMutableBufferPointer { xp in ldx.withUnsafeMutableBufferPointer { ev.derivatives(t: t, state: UnsafePointer(xp.baseAddress!), into: $0.baseAddress!) } }
            let fullLanes = Self.fullLanes(full, p, x, t)
            #expect(zip(ldx, keep.map { fullLanes[$0] }).allSatisfy { v, w in (0..<ModelLanes.scalarCount).allSatisfy { v[$0].bitPattern == w[$0].bitPattern } })
            #expect(zip(ldx, dSmall).allSatisfy { v, d in (0..<ModelLanes.scalarCount).allSatisfy { v[$0] == d } })
        }
        // All states kept, outputs reordered: the same program but for the order of the outputs.
        let same = full.restricted(toStates: Array(0..<full.stateCount), outputs: [1, 0])
        let x = [0.5, 1, 2, 3, 4]
        #expect(rhs(same, t: 1, x: x) == rhs(full, t: 1, x: x) && outs(same, t: 1, x: x) == outs(full, t: 1, x: x).reversed())
    }

    /// dx/dt of every state on lanes (every lane the same parameters and states).
    static func fullLanes(_ m: ModelProgram, _ p: [Double], _ x: [Double], _ t: Double) -> [ModelLanes] {
        let ev = LaneModelEvaluator(m, parameters: [p])
        var lx = x.map { ModelLanes(repeating: $0) }, ldx = [ModelLanes](repeating: .zero, count: x.count)
        lx.withUnsafeMutableBufferPointer { xp in ldx.withUnsafeMutableBufferPointer { ev.derivatives(t: t, state: UnsafePointer(xp.baseAddress!), into: $0.baseAddress!) } }
        return ldx
    }

    @Test("a linear model restricted stays linear (same rate matrix block, same output scale)")
    func restrictedLinearForm() throws {
        let full = try ModelProgram(source: """
            [parameters]
            KA = 2
            CL = 10
            V = 20
            K12 = 0.5
            [odes]
            d/dt(depot) = -KA * depot
            d/dt(central) = KA * depot - CL / V * central
            d/dt(metab) = K12 * central - metab
            [outputs]
            CP = 1000 * central / V
            """)
        let keep = full.statesFeeding(outputs: [0])
        #expect(keep == [0, 1])
        let small = full.restricted(toStates: keep, outputs: [0])
        let p = full.parameterDefaults
        let kFull = try #require(full.linearForm(parameters: p)).k, kSmall = try #require(small.linearForm(parameters: p)).k
        #expect(kSmall == [kFull[0], kFull[1], kFull[3], kFull[4]])
        #expect(small.linearOutputs(parameters: p) == [0, 1000.0 / 20])
    }
}
