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
    /// The state-dependent code is fused (`LaneInstruction.fuse`): pairs of arithmetic instructions
    /// whose intermediate is read once run as one instruction, with the same operations in the same order.
    let rhsCode: UnsafeMutableBufferPointer<LaneInstruction>, rhsResults: UnsafeMutableBufferPointer<Int32>
    let outCode: UnsafeMutableBufferPointer<LaneInstruction>, outResults: UnsafeMutableBufferPointer<Int32>

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
        rhsCode = copy(LaneInstruction.fuse(rhs.instructions[rhs.parameterInstructionCount...], results: rhs.results)[...])
        rhsResults = copy(rhs.results[...])
        outCode = copy(LaneInstruction.fuse(out.instructions[out.parameterInstructionCount...], results: out.results)[...])
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
    private func run(_ code: UnsafeMutableBufferPointer<LaneInstruction>, _ results: UnsafeMutableBufferPointer<Int32>, t: Double,
                     x: UnsafePointer<ModelLanes>, into out: UnsafeMutablePointer<ModelLanes>) {
        let r = registers
        r[0] = ModelLanes(repeating: t)
        for i in 0..<stateCount { r[stateBase + i] = x[i] }
        LaneModelEvaluator.executeFused(UnsafeBufferPointer(code), r)
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

    /// `execute` over fused code: opcodes below 32 are `Opcode`s; 32 + (op1·4 + op2)·2 + side, with
    /// op1, op2 ∈ {add, subtract, multiply, divide}, is `(a op1 b) op2 c` (side 0) or `c op2 (a op1 b)` (side 1).
    static func executeFused(_ code: UnsafeBufferPointer<LaneInstruction>, _ r: UnsafeMutablePointer<ModelLanes>) {
        for ins in code {
            let d = Int(ins.dst)
            let x = r[Int(ins.a)]
            switch ins.op {
            case 0: r[d] = x + r[Int(ins.b)]
            case 1: r[d] = x - r[Int(ins.b)]
            case 2: r[d] = x * r[Int(ins.b)]
            case 3: r[d] = x / r[Int(ins.b)]
            case 32: r[d] = (x + r[Int(ins.b)]) + r[Int(ins.c)]  // add then add
            case 33: r[d] = r[Int(ins.c)] + (x + r[Int(ins.b)])  // add then add (right)
            case 34: r[d] = (x + r[Int(ins.b)]) - r[Int(ins.c)]  // add then subtract
            case 35: r[d] = r[Int(ins.c)] - (x + r[Int(ins.b)])  // add then subtract (right)
            case 36: r[d] = (x + r[Int(ins.b)]) * r[Int(ins.c)]  // add then multiply
            case 37: r[d] = r[Int(ins.c)] * (x + r[Int(ins.b)])  // add then multiply (right)
            case 38: r[d] = (x + r[Int(ins.b)]) / r[Int(ins.c)]  // add then divide
            case 39: r[d] = r[Int(ins.c)] / (x + r[Int(ins.b)])  // add then divide (right)
            case 40: r[d] = (x - r[Int(ins.b)]) + r[Int(ins.c)]  // subtract then add
            case 41: r[d] = r[Int(ins.c)] + (x - r[Int(ins.b)])  // subtract then add (right)
            case 42: r[d] = (x - r[Int(ins.b)]) - r[Int(ins.c)]  // subtract then subtract
            case 43: r[d] = r[Int(ins.c)] - (x - r[Int(ins.b)])  // subtract then subtract (right)
            case 44: r[d] = (x - r[Int(ins.b)]) * r[Int(ins.c)]  // subtract then multiply
            case 45: r[d] = r[Int(ins.c)] * (x - r[Int(ins.b)])  // subtract then multiply (right)
            case 46: r[d] = (x - r[Int(ins.b)]) / r[Int(ins.c)]  // subtract then divide
            case 47: r[d] = r[Int(ins.c)] / (x - r[Int(ins.b)])  // subtract then divide (right)
            case 48: r[d] = (x * r[Int(ins.b)]) + r[Int(ins.c)]  // multiply then add
            case 49: r[d] = r[Int(ins.c)] + (x * r[Int(ins.b)])  // multiply then add (right)
            case 50: r[d] = (x * r[Int(ins.b)]) - r[Int(ins.c)]  // multiply then subtract
            case 51: r[d] = r[Int(ins.c)] - (x * r[Int(ins.b)])  // multiply then subtract (right)
            case 52: r[d] = (x * r[Int(ins.b)]) * r[Int(ins.c)]  // multiply then multiply
            case 53: r[d] = r[Int(ins.c)] * (x * r[Int(ins.b)])  // multiply then multiply (right)
            case 54: r[d] = (x * r[Int(ins.b)]) / r[Int(ins.c)]  // multiply then divide
            case 55: r[d] = r[Int(ins.c)] / (x * r[Int(ins.b)])  // multiply then divide (right)
            case 56: r[d] = (x / r[Int(ins.b)]) + r[Int(ins.c)]  // divide then add
            case 57: r[d] = r[Int(ins.c)] + (x / r[Int(ins.b)])  // divide then add (right)
            case 58: r[d] = (x / r[Int(ins.b)]) - r[Int(ins.c)]  // divide then subtract
            case 59: r[d] = r[Int(ins.c)] - (x / r[Int(ins.b)])  // divide then subtract (right)
            case 60: r[d] = (x / r[Int(ins.b)]) * r[Int(ins.c)]  // divide then multiply
            case 61: r[d] = r[Int(ins.c)] * (x / r[Int(ins.b)])  // divide then multiply (right)
            case 62: r[d] = (x / r[Int(ins.b)]) / r[Int(ins.c)]  // divide then divide
            case 63: r[d] = r[Int(ins.c)] / (x / r[Int(ins.b)])  // divide then divide (right)
            case 4:  // power
                r[d] = lanewise(x, r[Int(ins.b)]) { BinaryOperator.power.apply($0, $1) }
            case 5:  // minimum
                r[d] = lanewise(x, r[Int(ins.b)]) { Swift.min($0, $1) }
            case 6:  // maximum
                r[d] = lanewise(x, r[Int(ins.b)]) { Swift.max($0, $1) }
            case 7:  // less
                r[d] = lanewise(x, r[Int(ins.b)]) { $0 < $1 ? 1 : 0 }
            case 8:  // lessEqual
                r[d] = lanewise(x, r[Int(ins.b)]) { $0 <= $1 ? 1 : 0 }
            case 9:  // greater
                r[d] = lanewise(x, r[Int(ins.b)]) { $0 > $1 ? 1 : 0 }
            case 10:  // greaterEqual
                r[d] = lanewise(x, r[Int(ins.b)]) { $0 >= $1 ? 1 : 0 }
            case 11:  // equal
                r[d] = lanewise(x, r[Int(ins.b)]) { $0 == $1 ? 1 : 0 }
            case 12:  // notEqual
                r[d] = lanewise(x, r[Int(ins.b)]) { $0 != $1 ? 1 : 0 }
            case 13:  // negate
                r[d] = -x
            case 14:  // exp
                r[d] = lanewise(x) { libmExp($0) }
            case 15:  // log
                r[d] = lanewise(x) { libmLog($0) }
            case 16:  // sqrt
                r[d] = x.squareRoot()
            case 17:  // abs
                r[d] = lanewise(x) { Swift.abs($0) }
            case 18:  // select
                let b = r[Int(ins.b)], c = r[Int(ins.c)]
                var o = ModelLanes.zero
                for l in 0..<ModelLanes.scalarCount { o[l] = x[l] != 0 ? b[l] : c[l] }
                r[d] = o
            default: preconditionFailure("LaneModelEvaluator: bad fused opcode \(ins.op)")
            }
        }
    }
}

/// An instruction of the lane evaluator's state-dependent code: an `Opcode` (raw value below 32)
/// or a fused pair of arithmetic instructions (see `LaneModelEvaluator.executeFused`).
struct LaneInstruction: Sendable, Equatable {
    var op: UInt8
    var dst: Int32
    var a: Int32
    var b: Int32
    var c: Int32

    /// Fuses each arithmetic instruction whose result is read only by the next instruction (as one
    /// operand, and is not a program result) into that instruction when it is arithmetic too. The
    /// fused instruction computes the same two IEEE operations in the same order; the intermediate
    /// is not stored.
    static func fuse(_ code: ArraySlice<Instruction>, results: ContiguousArray<Int32>) -> [LaneInstruction] {
        func arity(_ o: Opcode) -> Int {
            switch o {
            case .negate, .exp, .log, .sqrt, .abs: return 1
            case .select: return 3
            default: return 2
            }
        }
        precondition(Opcode.divide.rawValue == 3 && Opcode.select.rawValue == 18, "executeFused numbers the opcodes")
        var uses: [Int32: Int] = [:]
        for ins in code {
            let k = arity(ins.opcode)
            for (j, r) in [ins.a, ins.b, ins.c].enumerated() where j < k { uses[r, default: 0] += 1 }
        }
        for r in results { uses[r, default: 0] += 1 }
        func isArithmetic(_ o: Opcode) -> Bool { o.rawValue <= Opcode.divide.rawValue }
        let list = Array(code)
        var out: [LaneInstruction] = []
        var i = 0
        while i < list.count {
            let first = list[i]
            if i + 1 < list.count, isArithmetic(first.opcode), uses[first.dst] == 1 {
                let next = list[i + 1]
                if isArithmetic(next.opcode), (next.a == first.dst) != (next.b == first.dst) {
                    let side: UInt8 = next.a == first.dst ? 0 : 1
                    let other = side == 0 ? next.b : next.a
                    let op = 32 + (first.opcode.rawValue * 4 + next.opcode.rawValue) * 2 + side
                    out.append(LaneInstruction(op: op, dst: next.dst, a: first.a, b: first.b, c: other))
                    i += 2
                    continue
                }
            }
            out.append(LaneInstruction(op: first.opcode.rawValue, dst: first.dst, a: first.a, b: first.b, c: first.c))
            i += 1
        }
        return out
    }
}
