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
    /// The state-dependent code is fused (`LaneInstruction.fuse`): two or three arithmetic
    /// instructions whose intermediates are read once run as one, with the same IEEE operations.
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
    /// op1, op2 ∈ {add, subtract, multiply, divide}, is `(a op1 b) op2 c` (side 0) or `c op2 (a op1 b)` (side 1);
    /// 64 + op1·16 + op2·4 + op3 is `(a op1 b) op2 (c op3 e)`.
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
            case 64: r[d] = (x + r[Int(ins.b)]) + (r[Int(ins.c)] + r[Int(ins.e)])  // add, add, add
            case 65: r[d] = (x + r[Int(ins.b)]) + (r[Int(ins.c)] - r[Int(ins.e)])  // add, add, subtract
            case 66: r[d] = (x + r[Int(ins.b)]) + (r[Int(ins.c)] * r[Int(ins.e)])  // add, add, multiply
            case 67: r[d] = (x + r[Int(ins.b)]) + (r[Int(ins.c)] / r[Int(ins.e)])  // add, add, divide
            case 68: r[d] = (x + r[Int(ins.b)]) - (r[Int(ins.c)] + r[Int(ins.e)])  // add, subtract, add
            case 69: r[d] = (x + r[Int(ins.b)]) - (r[Int(ins.c)] - r[Int(ins.e)])  // add, subtract, subtract
            case 70: r[d] = (x + r[Int(ins.b)]) - (r[Int(ins.c)] * r[Int(ins.e)])  // add, subtract, multiply
            case 71: r[d] = (x + r[Int(ins.b)]) - (r[Int(ins.c)] / r[Int(ins.e)])  // add, subtract, divide
            case 72: r[d] = (x + r[Int(ins.b)]) * (r[Int(ins.c)] + r[Int(ins.e)])  // add, multiply, add
            case 73: r[d] = (x + r[Int(ins.b)]) * (r[Int(ins.c)] - r[Int(ins.e)])  // add, multiply, subtract
            case 74: r[d] = (x + r[Int(ins.b)]) * (r[Int(ins.c)] * r[Int(ins.e)])  // add, multiply, multiply
            case 75: r[d] = (x + r[Int(ins.b)]) * (r[Int(ins.c)] / r[Int(ins.e)])  // add, multiply, divide
            case 76: r[d] = (x + r[Int(ins.b)]) / (r[Int(ins.c)] + r[Int(ins.e)])  // add, divide, add
            case 77: r[d] = (x + r[Int(ins.b)]) / (r[Int(ins.c)] - r[Int(ins.e)])  // add, divide, subtract
            case 78: r[d] = (x + r[Int(ins.b)]) / (r[Int(ins.c)] * r[Int(ins.e)])  // add, divide, multiply
            case 79: r[d] = (x + r[Int(ins.b)]) / (r[Int(ins.c)] / r[Int(ins.e)])  // add, divide, divide
            case 80: r[d] = (x - r[Int(ins.b)]) + (r[Int(ins.c)] + r[Int(ins.e)])  // subtract, add, add
            case 81: r[d] = (x - r[Int(ins.b)]) + (r[Int(ins.c)] - r[Int(ins.e)])  // subtract, add, subtract
            case 82: r[d] = (x - r[Int(ins.b)]) + (r[Int(ins.c)] * r[Int(ins.e)])  // subtract, add, multiply
            case 83: r[d] = (x - r[Int(ins.b)]) + (r[Int(ins.c)] / r[Int(ins.e)])  // subtract, add, divide
            case 84: r[d] = (x - r[Int(ins.b)]) - (r[Int(ins.c)] + r[Int(ins.e)])  // subtract, subtract, add
            case 85: r[d] = (x - r[Int(ins.b)]) - (r[Int(ins.c)] - r[Int(ins.e)])  // subtract, subtract, subtract
            case 86: r[d] = (x - r[Int(ins.b)]) - (r[Int(ins.c)] * r[Int(ins.e)])  // subtract, subtract, multiply
            case 87: r[d] = (x - r[Int(ins.b)]) - (r[Int(ins.c)] / r[Int(ins.e)])  // subtract, subtract, divide
            case 88: r[d] = (x - r[Int(ins.b)]) * (r[Int(ins.c)] + r[Int(ins.e)])  // subtract, multiply, add
            case 89: r[d] = (x - r[Int(ins.b)]) * (r[Int(ins.c)] - r[Int(ins.e)])  // subtract, multiply, subtract
            case 90: r[d] = (x - r[Int(ins.b)]) * (r[Int(ins.c)] * r[Int(ins.e)])  // subtract, multiply, multiply
            case 91: r[d] = (x - r[Int(ins.b)]) * (r[Int(ins.c)] / r[Int(ins.e)])  // subtract, multiply, divide
            case 92: r[d] = (x - r[Int(ins.b)]) / (r[Int(ins.c)] + r[Int(ins.e)])  // subtract, divide, add
            case 93: r[d] = (x - r[Int(ins.b)]) / (r[Int(ins.c)] - r[Int(ins.e)])  // subtract, divide, subtract
            case 94: r[d] = (x - r[Int(ins.b)]) / (r[Int(ins.c)] * r[Int(ins.e)])  // subtract, divide, multiply
            case 95: r[d] = (x - r[Int(ins.b)]) / (r[Int(ins.c)] / r[Int(ins.e)])  // subtract, divide, divide
            case 96: r[d] = (x * r[Int(ins.b)]) + (r[Int(ins.c)] + r[Int(ins.e)])  // multiply, add, add
            case 97: r[d] = (x * r[Int(ins.b)]) + (r[Int(ins.c)] - r[Int(ins.e)])  // multiply, add, subtract
            case 98: r[d] = (x * r[Int(ins.b)]) + (r[Int(ins.c)] * r[Int(ins.e)])  // multiply, add, multiply
            case 99: r[d] = (x * r[Int(ins.b)]) + (r[Int(ins.c)] / r[Int(ins.e)])  // multiply, add, divide
            case 100: r[d] = (x * r[Int(ins.b)]) - (r[Int(ins.c)] + r[Int(ins.e)])  // multiply, subtract, add
            case 101: r[d] = (x * r[Int(ins.b)]) - (r[Int(ins.c)] - r[Int(ins.e)])  // multiply, subtract, subtract
            case 102: r[d] = (x * r[Int(ins.b)]) - (r[Int(ins.c)] * r[Int(ins.e)])  // multiply, subtract, multiply
            case 103: r[d] = (x * r[Int(ins.b)]) - (r[Int(ins.c)] / r[Int(ins.e)])  // multiply, subtract, divide
            case 104: r[d] = (x * r[Int(ins.b)]) * (r[Int(ins.c)] + r[Int(ins.e)])  // multiply, multiply, add
            case 105: r[d] = (x * r[Int(ins.b)]) * (r[Int(ins.c)] - r[Int(ins.e)])  // multiply, multiply, subtract
            case 106: r[d] = (x * r[Int(ins.b)]) * (r[Int(ins.c)] * r[Int(ins.e)])  // multiply, multiply, multiply
            case 107: r[d] = (x * r[Int(ins.b)]) * (r[Int(ins.c)] / r[Int(ins.e)])  // multiply, multiply, divide
            case 108: r[d] = (x * r[Int(ins.b)]) / (r[Int(ins.c)] + r[Int(ins.e)])  // multiply, divide, add
            case 109: r[d] = (x * r[Int(ins.b)]) / (r[Int(ins.c)] - r[Int(ins.e)])  // multiply, divide, subtract
            case 110: r[d] = (x * r[Int(ins.b)]) / (r[Int(ins.c)] * r[Int(ins.e)])  // multiply, divide, multiply
            case 111: r[d] = (x * r[Int(ins.b)]) / (r[Int(ins.c)] / r[Int(ins.e)])  // multiply, divide, divide
            case 112: r[d] = (x / r[Int(ins.b)]) + (r[Int(ins.c)] + r[Int(ins.e)])  // divide, add, add
            case 113: r[d] = (x / r[Int(ins.b)]) + (r[Int(ins.c)] - r[Int(ins.e)])  // divide, add, subtract
            case 114: r[d] = (x / r[Int(ins.b)]) + (r[Int(ins.c)] * r[Int(ins.e)])  // divide, add, multiply
            case 115: r[d] = (x / r[Int(ins.b)]) + (r[Int(ins.c)] / r[Int(ins.e)])  // divide, add, divide
            case 116: r[d] = (x / r[Int(ins.b)]) - (r[Int(ins.c)] + r[Int(ins.e)])  // divide, subtract, add
            case 117: r[d] = (x / r[Int(ins.b)]) - (r[Int(ins.c)] - r[Int(ins.e)])  // divide, subtract, subtract
            case 118: r[d] = (x / r[Int(ins.b)]) - (r[Int(ins.c)] * r[Int(ins.e)])  // divide, subtract, multiply
            case 119: r[d] = (x / r[Int(ins.b)]) - (r[Int(ins.c)] / r[Int(ins.e)])  // divide, subtract, divide
            case 120: r[d] = (x / r[Int(ins.b)]) * (r[Int(ins.c)] + r[Int(ins.e)])  // divide, multiply, add
            case 121: r[d] = (x / r[Int(ins.b)]) * (r[Int(ins.c)] - r[Int(ins.e)])  // divide, multiply, subtract
            case 122: r[d] = (x / r[Int(ins.b)]) * (r[Int(ins.c)] * r[Int(ins.e)])  // divide, multiply, multiply
            case 123: r[d] = (x / r[Int(ins.b)]) * (r[Int(ins.c)] / r[Int(ins.e)])  // divide, multiply, divide
            case 124: r[d] = (x / r[Int(ins.b)]) / (r[Int(ins.c)] + r[Int(ins.e)])  // divide, divide, add
            case 125: r[d] = (x / r[Int(ins.b)]) / (r[Int(ins.c)] - r[Int(ins.e)])  // divide, divide, subtract
            case 126: r[d] = (x / r[Int(ins.b)]) / (r[Int(ins.c)] * r[Int(ins.e)])  // divide, divide, multiply
            case 127: r[d] = (x / r[Int(ins.b)]) / (r[Int(ins.c)] / r[Int(ins.e)])  // divide, divide, divide
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
    var e: Int32 = 0

    /// Reorders, then fuses. Reordering: each arithmetic instruction whose result is read once (and
    /// is not a program result) moves to just before its reader (legal: every temporary is written
    /// once, and its operands are written earlier). Fusion: `(a op1 b) op2 (c op3 e)` when the two
    /// instructions before an arithmetic one are its two single-read operands; otherwise a pair
    /// when the instruction before is one single-read operand. Fused instructions compute the
    /// same IEEE operations on the same values; intermediates are not stored.
    static func fuse(_ code: ArraySlice<Instruction>, results: ContiguousArray<Int32>) -> [LaneInstruction] {
        precondition(Opcode.divide.rawValue == 3 && Opcode.select.rawValue == 18, "executeFused numbers the opcodes")
        func operands(_ ins: Instruction) -> [Int32] {
            switch ins.opcode {
            case .negate, .exp, .log, .sqrt, .abs: return [ins.a]
            case .select: return [ins.a, ins.b, ins.c]
            default: return [ins.a, ins.b]
            }
        }
        func isArithmetic(_ o: Opcode) -> Bool { o.rawValue <= Opcode.divide.rawValue }
        let list = Array(code)
        var uses: [Int32: Int] = [:], reader: [Int32: Int] = [:]
        for (k, ins) in list.enumerated() {
            for r in operands(ins) { uses[r, default: 0] += 1; reader[r] = k }
        }
        for r in results { uses[r, default: 0] += 2 }
        let written = Set(list.map(\.dst))
        func single(_ ins: Instruction) -> Bool { isArithmetic(ins.opcode) && uses[ins.dst] == 1 }
        // Reorder: single-read arithmetic instructions wait for their reader.
        var pending = [[Int]](repeating: [], count: list.count)
        var order: [Int] = []
        func place(_ k: Int) {
            for p in pending[k] { place(p) }
            order.append(k)
        }
        for (k, ins) in list.enumerated() {
            if single(ins), let q = reader[ins.dst], q > k, written.contains(ins.dst) {
                pending[q].append(k)
            } else {
                place(k)
            }
        }
        precondition(order.count == list.count, "LaneInstruction.fuse: reordering lost instructions")
        let sorted = order.map { list[$0] }
        var out: [LaneInstruction] = []
        var i = 0
        while i < sorted.count {
            let first = sorted[i]
            if i + 2 < sorted.count, single(first), single(sorted[i + 1]) {
                let second = sorted[i + 1], next = sorted[i + 2]
                if isArithmetic(next.opcode), next.a == first.dst || next.a == second.dst,
                   next.b == (next.a == first.dst ? second.dst : first.dst) {
                    let (l, r) = next.a == first.dst ? (first, second) : (second, first)
                    let op = 64 + l.opcode.rawValue * 16 + next.opcode.rawValue * 4 + r.opcode.rawValue
                    out.append(LaneInstruction(op: op, dst: next.dst, a: l.a, b: l.b, c: r.a, e: r.b))
                    i += 3
                    continue
                }
            }
            if i + 1 < sorted.count, single(first) {
                let next = sorted[i + 1]
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
