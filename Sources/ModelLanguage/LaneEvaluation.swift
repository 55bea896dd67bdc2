#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The SIMD width of lane evaluation: the same type as PKCore's `Lanes` (4 doubles, or 8 when built
/// with `-Xswiftc -DKETASIM_WIDE_LANES`).
#if KETASIM_WIDE_LANES
public typealias ModelLanes = SIMD8<Double>
#else
public typealias ModelLanes = SIMD4<Double>
#endif

/// A model's right-hand side and outputs for `ModelLanes.scalarCount` parameter sets at once, one per
/// SIMD lane, on the same compiled register programs as the scalar calls: every lane gets exactly
/// the value the scalar `derivatives`/`outputs` would give for its parameters (the same IEEE
/// operations in the same order; `exp`, `log`, `pow`, `min`, `max`, comparisons and `if` lane by lane).
/// The parameter sections run once, at `init`. Not thread-safe: one evaluator per thread.
public final class LaneModelEvaluator {
    let program: ModelProgram
    let registers: UnsafeMutablePointer<ModelLanes>
    let count: Int
    /// Number of states (lane vectors in `derivatives`' state and result).
    public let stateCount: Int
    let stateBase: Int
    /// The state-dependent parts of the right-hand-side and output programs, and their result
    /// registers, copied once so calls touch no reference-counted storage.
    let rhsCode: UnsafeMutableBufferPointer<Instruction>, rhsResults: UnsafeMutableBufferPointer<Int32>
    let outCode: UnsafeMutableBufferPointer<Instruction>, outResults: UnsafeMutableBufferPointer<Int32>

    /// `parameters[l]` are lane l's parameters (`parameterNames` order); fewer sets than lanes
    /// repeat the last set.
    public init(_ program: ModelProgram, parameters: [[Double]]) {
        precondition(!parameters.isEmpty && parameters.count <= ModelLanes.scalarCount, "LaneModelEvaluator: 1 to \(ModelLanes.scalarCount) parameter sets")
        self.program = program
        count = program.registerCount
        stateCount = program.stateCount
        stateBase = 1 + program.parameterDefaults.count
        registers = .allocate(capacity: count)
        registers.initialize(repeating: .zero, count: count)
        for (i, c) in program.constants.enumerated() { registers[program.constantBase + i] = ModelLanes(repeating: c) }
        let pc = program.parameterDefaults.count
        for l in 0..<ModelLanes.scalarCount {
            let p = parameters[Swift.min(l, parameters.count - 1)]
            precondition(p.count >= pc, "LaneModelEvaluator: expected \(pc) parameters, got \(p.count)")
            for i in 0..<pc { registers[1 + i][l] = p[i] }
        }
        func copy<T>(_ a: ArraySlice<T>) -> UnsafeMutableBufferPointer<T> {
            let b = UnsafeMutableBufferPointer<T>.allocate(capacity: Swift.max(1, a.count))
            _ = b.initialize(from: a)
            return UnsafeMutableBufferPointer(rebasing: b[0..<a.count])
        }
        let rhs = program.rhsProgram, out = program.outputProgram
        rhsCode = copy(rhs.instructions[rhs.parameterInstructionCount...])
        rhsResults = copy(rhs.results[...])
        outCode = copy(out.instructions[out.parameterInstructionCount...])
        outResults = copy(out.results[...])
        for prog in [rhs, out] {
            prog.instructions.withUnsafeBufferPointer { code in
                LaneModelEvaluator.execute(UnsafeBufferPointer(rebasing: code[0..<prog.parameterInstructionCount]), registers)
            }
        }
    }

    deinit {
        registers.deallocate()
        for b in [rhsCode, outCode] { b.baseAddress?.deallocate() }
        for b in [rhsResults, outResults] { b.baseAddress?.deallocate() }
    }

    /// dx/dt for every lane: `x` and `dx` hold `stateCount` lane vectors.
    public func derivatives(t: Double, state x: UnsafePointer<ModelLanes>, into dx: UnsafeMutablePointer<ModelLanes>) {
        run(rhsCode, rhsResults, t: t, x: x, into: dx)
    }

    /// Every output for every lane into `y` (`outputNames.count` lane vectors).
    public func outputs(t: Double, state x: UnsafePointer<ModelLanes>, into y: UnsafeMutablePointer<ModelLanes>) {
        run(outCode, outResults, t: t, x: x, into: y)
    }

    @inline(__always)
    private func run(_ code: UnsafeMutableBufferPointer<Instruction>, _ results: UnsafeMutableBufferPointer<Int32>, t: Double,
                     x: UnsafePointer<ModelLanes>, into out: UnsafeMutablePointer<ModelLanes>) {
        let r = registers
        r[0] = ModelLanes(repeating: t)
        for i in 0..<stateCount { r[stateBase + i] = x[i] }
        LaneModelEvaluator.execute(UnsafeBufferPointer(code), r)
        for i in 0..<results.count { out[i] = r[Int(results[i])] }
    }

    @inline(__always)
    static func lanewise(_ a: ModelLanes, _ b: ModelLanes, _ f: (Double, Double) -> Double) -> ModelLanes {
        var o = ModelLanes.zero
        for l in 0..<ModelLanes.scalarCount { o[l] = f(a[l], b[l]) }
        return o
    }

    @inline(__always)
    static func lanewise(_ a: ModelLanes, _ f: (Double) -> Double) -> ModelLanes {
        var o = ModelLanes.zero
        for l in 0..<ModelLanes.scalarCount { o[l] = f(a[l]) }
        return o
    }

    /// `Program.execute` over lane registers.
    static func execute(_ code: UnsafeBufferPointer<Instruction>, _ r: UnsafeMutablePointer<ModelLanes>) {
        for ins in code {
            let d = Int(ins.dst)
            let x = r[Int(ins.a)]
            switch ins.opcode {
            case .add: r[d] = x + r[Int(ins.b)]
            case .subtract: r[d] = x - r[Int(ins.b)]
            case .multiply: r[d] = x * r[Int(ins.b)]
            case .divide: r[d] = x / r[Int(ins.b)]
            case .power: r[d] = lanewise(x, r[Int(ins.b)]) { BinaryOperator.power.apply($0, $1) }
            case .minimum: r[d] = lanewise(x, r[Int(ins.b)]) { Swift.min($0, $1) }
            case .maximum: r[d] = lanewise(x, r[Int(ins.b)]) { Swift.max($0, $1) }
            case .less: r[d] = lanewise(x, r[Int(ins.b)]) { $0 < $1 ? 1 : 0 }
            case .lessEqual: r[d] = lanewise(x, r[Int(ins.b)]) { $0 <= $1 ? 1 : 0 }
            case .greater: r[d] = lanewise(x, r[Int(ins.b)]) { $0 > $1 ? 1 : 0 }
            case .greaterEqual: r[d] = lanewise(x, r[Int(ins.b)]) { $0 >= $1 ? 1 : 0 }
            case .equal: r[d] = lanewise(x, r[Int(ins.b)]) { $0 == $1 ? 1 : 0 }
            case .notEqual: r[d] = lanewise(x, r[Int(ins.b)]) { $0 != $1 ? 1 : 0 }
            case .negate: r[d] = -x
            case .exp: r[d] = lanewise(x) { libmExp($0) }
            case .log: r[d] = lanewise(x) { libmLog($0) }
            case .sqrt: r[d] = x.squareRoot()
            case .abs: r[d] = lanewise(x) { Swift.abs($0) }
            case .select:
                let b = r[Int(ins.b)], c = r[Int(ins.c)]
                var o = ModelLanes.zero
                for l in 0..<ModelLanes.scalarCount { o[l] = x[l] != 0 ? b[l] : c[l] }
                r[d] = o
            }
        }
    }
}
