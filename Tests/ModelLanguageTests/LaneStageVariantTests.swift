import Testing
import Foundation
import TestSupport
@testable import ModelLanguage

@Suite("Lane evaluation straight into solver buffers (stage variants)")
struct LaneStageVariantTests {
    /// Results of every kind: a state-dependent temporary (also read by another equation), a bare
    /// state, a parameter, a constant, one register that is two results, and t.
    static let source = """
        [parameters]
        a = 1.5
        b = 0.25
        c = 3
        [derived]
        q = x * a
        r = q + y
        s = (y - b) / c
        s2 = s * s
        e = s - x
        [odes]
        d/dt(x) = r - q / c + e
        d/dt(y) = x
        d/dt(z) = b
        d/dt(u) = 2
        d/dt(v) = s2 + t
        d/dt(w) = s2 + t
        d/dt(p) = (x + b) * q - (x + b) / e + (y * c) - (y * c) * s
        """

    /// The scalar right-hand side of lane l.
    static func scalar(_ m: ModelProgram, t: Double, x: [ModelLanes], sets: [[Double]], lane l: Int) -> [Double] {
        rhs(m, t: t, x: x.map { $0[l] }, p: sets[min(l, sets.count - 1)])
    }

    @Test("dx/dt from the stage block or y1 into each k block equals the scalar right-hand side bit for bit")
    func variantsEqualScalar() throws {
        let m = try ModelProgram(source: Self.source)
        let n = m.stateCount
        var rng = SplitMix64(state: 71)
        for _ in 0..<40 {
            let w = ModelLanes.scalarCount
            let sets = (0..<rng.below(w) + 1).map { _ in [rng.uniform(0.1, 3), rng.uniform(0, 1), rng.uniform(0.5, 5)] }
            let ev = LaneModelEvaluator(m, parameters: sets)
            let storage = ev.solverStorage
            let buffers = (state: storage + 2 * n, y1: storage + n, k: storage + 3 * n)
            for stage in 0..<LaneModelEvaluator.stageCount {
                for input in 0..<3 {
                    let t = rng.uniform(0, 24)
                    var x = [ModelLanes](repeating: .zero, count: n)
                    for i in 0..<n { for l in 0..<w { x[i][l] = rng.pick([rng.uniform(-2, 2), 0.5, 1e-9]) } }
                    // Scribble over the other k blocks: only block `stage` is written.
                    for i in 0..<(LaneModelEvaluator.stageCount * n) { buffers.k[i] = ModelLanes(repeating: Double(i)) }
                    // Input 0: the stage block; 1: y1; 2: an array of the caller's (copied in).
                    let source = input == 1 ? buffers.y1 : buffers.state
                    var own = x
                    if input < 2 { for i in 0..<n { source[i] = x[i] } }
                    own.withUnsafeMutableBufferPointer { o in
                        ev.derivatives(t: t, state: input < 2 ? UnsafePointer(source) : UnsafePointer(o.baseAddress!), into: buffers.k + stage * n)
                    }
                    for l in 0..<w {
                        let d = Self.scalar(m, t: t, x: x, sets: sets, lane: l)
                        for i in 0..<n {
                            #expect(d[i].bitPattern == buffers.k[stage * n + i][l].bitPattern, "stage \(stage), input \(input), lane \(l), state \(i)")
                        }
                    }
                    for j in 0..<LaneModelEvaluator.stageCount where j != stage {
                        for i in 0..<n { #expect(buffers.k[j * n + i] == ModelLanes(repeating: Double(j * n + i)), "block \(j) untouched") }
                    }
                    // The input stays as given (read in place).
                    if input < 2 { for i in 0..<n { #expect(source[i] == x[i]) } }
                }
            }
            // Into a buffer outside the register file: the generic path, same bits.
            var x = [ModelLanes](repeating: .zero, count: n)
            for i in 0..<n { for l in 0..<w { x[i][l] = rng.uniform(-2, 2) } }
            var dx = [ModelLanes](repeating: .zero, count: n)
            x.withUnsafeBufferPointer { xp in dx.withUnsafeMutableBufferPointer { ev.derivatives(t: 2, state: xp.baseAddress!, into: $0.baseAddress!) } }
            for l in 0..<w {
                let d = Self.scalar(m, t: 2, x: x, sets: sets, lane: l)
                for i in 0..<n { #expect(d[i].bitPattern == dx[i][l].bitPattern) }
            }
        }
    }

    @Test("stage variants: results written by an instruction are renamed into the k block, the others copied")
    func variantLayout() throws {
        let m = try ModelProgram(source: Self.source)
        let ev = LaneModelEvaluator(m, parameters: [m.parameterDefaults])
        let n = m.stateCount, stages = LaneModelEvaluator.stageCount
        #expect(ev.variantStart.count == 2 * stages + 1 && ev.copyStart.count == 2 * stages + 1)
        // d/dt(y) = x, d/dt(z) = b, d/dt(u) = 2 and the second of v, w: four copies per variant.
        for v in 0..<(2 * stages) { #expect(ev.copyStart[v + 1] - ev.copyStart[v] == 2 * 4, "variant \(v)") }
        // Variant code has the length of the fused code.
        let length = ev.variantStart[1] - ev.variantStart[0]
        #expect(length == ev.rhsCode.count)
        #expect(ev.y1Base == ev.solverBase + n && ev.stageBase == ev.solverBase + 2 * n && ev.kBase == ev.solverBase + 3 * n)
    }
}
