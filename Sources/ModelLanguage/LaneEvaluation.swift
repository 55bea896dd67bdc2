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

/// −x per lane with the sign bit flipped, as scalar negation does: SIMD's prefix minus is 0 − x,
/// which turns +0 into +0 where the scalar interpreter gives −0.
@inline(__always) func negated(_ x: ModelLanes) -> ModelLanes {
    #if KETASIM_WIDE_LANES
    typealias Bits = SIMD8<UInt64>
    #else
    typealias Bits = SIMD4<UInt64>
    #endif
    return unsafeBitCast(unsafeBitCast(x, to: Bits.self) ^ Bits(repeating: 1 << 63), to: ModelLanes.self)
}

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
    /// Register index of the solver block that follows the model's registers (`solverStorage`):
    /// y, y1, the stage state, k1 ... k7 and a scratch block, `stateCount` vectors each.
    let solverBase: Int
    /// 1 / stateCount (0 without states), for the k block number in `derivatives`.
    let inverseStateCount: Double
    /// Register indices of the blocks of `solverStorage` that `derivatives` reads in place.
    var y1Base: Int { solverBase + stateCount }
    var stageBase: Int { solverBase + 2 * stateCount }
    var kBase: Int { solverBase + 3 * stateCount }
    /// Stage variants of `rhsCode`: variant `input · stageCount + j` reads the states from the stage
    /// block (input 0) or y1 (input 1) and writes dx/dt straight into block j of k; instructions
    /// `variantStart[v] ..< variantStart[v + 1]` of `variantCode`, then the register copies (byte offsets
    /// source, destination) `copyStart[v] ..< copyStart[v + 1]` of `variantCopies` for results that no
    /// instruction of the variant writes (states, parameters, constants, a register that is two results).
    let variantCode: UnsafeMutableBufferPointer<LaneInstruction>, variantStart: UnsafeMutableBufferPointer<Int>
    let variantCopies: UnsafeMutableBufferPointer<Int32>, copyStart: UnsafeMutableBufferPointer<Int>

    /// Number of k blocks in `solverStorage` (the stages of Dormand–Prince 5(4)).
    public static let stageCount = 7
    /// Number of `stateCount`-vector blocks in `solverStorage`.
    public static let solverBlockCount = 4 + stageCount

    /// Storage for a lane Dormand–Prince solver inside the register file: `solverBlockCount` blocks
    /// of `stateCount` lane vectors, in the order y, y1, stage state, k1 ... k7, scratch. `derivatives`
    /// from the stage block or y1 into a k block copies nothing in or out (the stage variants); other
    /// pointers work as well, through copies. Valid for the evaluator's lifetime.
    public var solverStorage: UnsafeMutablePointer<ModelLanes> { registers + solverBase }

    /// `parameters[l]` are lane l's parameters (`parameterNames` order); fewer sets than lanes
    /// repeat the last set.
    public init(_ program: ModelProgram, parameters: [[Double]]) {
        precondition(!parameters.isEmpty && parameters.count <= ModelLanes.scalarCount, "LaneModelEvaluator: 1 to \(ModelLanes.scalarCount) parameter sets")
        self.program = program
        count = program.registerCount
        stateCount = program.stateCount
        stateBase = 1 + program.parameterDefaults.count
        solverBase = count
        inverseStateCount = program.stateCount > 0 ? 1 / Double(program.stateCount) : 0
        let total = count + LaneModelEvaluator.solverBlockCount * program.stateCount
        registers = .allocate(capacity: total)
        registers.initialize(repeating: .zero, count: total)
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
        let rhsFused = LaneInstruction.fuse(rhs.instructions[rhs.parameterInstructionCount...], results: rhs.results)
        rhsCode = copy(rhsFused.map(\.scaledToBytes)[...])
        rhsResults = copy(rhs.results[...])
        let v = LaneInstruction.stageVariants(rhsFused, results: rhs.results, stateBase: stateBase, stateCount: stateCount,
                                              inputBases: [count + 2 * stateCount, count + stateCount], kBase: count + 3 * stateCount,
                                              stages: LaneModelEvaluator.stageCount)
        variantCode = copy(v.code.map(\.scaledToBytes)[...])
        variantStart = copy(v.codeStart[...])
        let w = Int32(MemoryLayout<ModelLanes>.stride)
        variantCopies = copy(v.copies.map { $0 * w }[...])
        copyStart = copy(v.copyStart[...])
        outCode = copy(LaneInstruction.fuse(out.instructions[out.parameterInstructionCount...], results: out.results).map(\.scaledToBytes)[...])
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
        for b in [rhsResults, outResults, variantCopies] { b.baseAddress?.deallocate() }
        for b in [variantStart, copyStart] { b.baseAddress?.deallocate() }
        variantCode.baseAddress?.deallocate()
    }

    /// dx/dt for every lane: `x` and `dx` hold `stateCount` lane vectors.
    public func derivatives(t: Double, state x: UnsafePointer<ModelLanes>, into dx: UnsafeMutablePointer<ModelLanes>) {
        let r = registers
        let n = stateCount
        // Into a block of k: the stage variant, from the stage block or y1 (copied in otherwise).
        // The block number without an integer division: j·(1/n) is within rounding of the exact
        // quotient for these small numbers (+ 0.5, truncated: the nearest integer), and the
        // product check rejects anything that is not the start of a block.
        let j = dx - (r + kBase)
        guard j >= 0, j < LaneModelEvaluator.stageCount * n else {
            run(rhsCode, rhsResults, t: t, x: x, into: dx)
            return
        }
        var v = Int(Double(j) * inverseStateCount + 0.5)
        guard v * n == j else {
            run(rhsCode, rhsResults, t: t, x: x, into: dx)
            return
        }
        if x == UnsafePointer(r + y1Base) {
            v += LaneModelEvaluator.stageCount
        } else if x != UnsafePointer(r + stageBase) {
            for i in 0..<n { r[stageBase + i] = x[i] }
        }
        runVariant(v, t: t)
    }

    /// dx/dt for every lane from the stage block (`fromY1` false) or y1 (true) of `solverStorage`
    /// into k block `stage` (0 ..< `stageCount`): what `derivatives` does for those pointers, without
    /// locating the blocks.
    public func stageDerivatives(t: Double, stage: Int, fromY1: Bool) {
        precondition(stage >= 0 && stage < LaneModelEvaluator.stageCount, "LaneModelEvaluator: stage out of range")
        let v = fromY1 ? stage + LaneModelEvaluator.stageCount : stage
        runVariant(v, t: t)
    }

    /// Stage variant `v` at time `t`: its fused code on the registers, then its copies into the
    /// solver's k block.
    @inline(__always) private func runVariant(_ v: Int, t: Double) {
        let r = registers
        r[0] = ModelLanes(repeating: t)
        let start = variantStart[v], end = variantStart[v + 1]
        LaneModelEvaluator.executeFused(UnsafeBufferPointer(rebasing: variantCode[start..<end]), r)
        let raw = UnsafeMutableRawPointer(r)
        var c = copyStart[v]
        let cEnd = copyStart[v + 1]
        while c < cEnd {
            raw.storeBytes(of: raw.load(fromByteOffset: Int(variantCopies[c]), as: ModelLanes.self), toByteOffset: Int(variantCopies[c + 1]), as: ModelLanes.self)
            c += 2
        }
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
            case .negate: r[d] = negated(x)
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
    /// 64 + op1·16 + op2·4 + op3 is `(a op1 b) op2 (c op3 e)`. Register operands are byte offsets
    /// (`LaneInstruction.scaledToBytes`), so no index is scaled per operand.
    static func executeFused(_ code: UnsafeBufferPointer<LaneInstruction>, _ r: UnsafeMutablePointer<ModelLanes>) {
        let raw = UnsafeMutableRawPointer(r)
        @inline(__always) func reg(_ offset: Int32) -> ModelLanes { raw.load(fromByteOffset: Int(offset), as: ModelLanes.self) }
        for ins in code {
            let dp = (raw + Int(ins.dst)).assumingMemoryBound(to: ModelLanes.self)
            let x = reg(ins.a)
            switch ins.op {
            case 0: dp.pointee = x + reg(ins.b)
            case 1: dp.pointee = x - reg(ins.b)
            case 2: dp.pointee = x * reg(ins.b)
            case 3: dp.pointee = x / reg(ins.b)
            case 32: dp.pointee = (x + reg(ins.b)) + reg(ins.c)  // add then add
            case 33: dp.pointee = reg(ins.c) + (x + reg(ins.b))  // add then add (right)
            case 34: dp.pointee = (x + reg(ins.b)) - reg(ins.c)  // add then subtract
            case 35: dp.pointee = reg(ins.c) - (x + reg(ins.b))  // add then subtract (right)
            case 36: dp.pointee = (x + reg(ins.b)) * reg(ins.c)  // add then multiply
            case 37: dp.pointee = reg(ins.c) * (x + reg(ins.b))  // add then multiply (right)
            case 38: dp.pointee = (x + reg(ins.b)) / reg(ins.c)  // add then divide
            case 39: dp.pointee = reg(ins.c) / (x + reg(ins.b))  // add then divide (right)
            case 40: dp.pointee = (x - reg(ins.b)) + reg(ins.c)  // subtract then add
            case 41: dp.pointee = reg(ins.c) + (x - reg(ins.b))  // subtract then add (right)
            case 42: dp.pointee = (x - reg(ins.b)) - reg(ins.c)  // subtract then subtract
            case 43: dp.pointee = reg(ins.c) - (x - reg(ins.b))  // subtract then subtract (right)
            case 44: dp.pointee = (x - reg(ins.b)) * reg(ins.c)  // subtract then multiply
            case 45: dp.pointee = reg(ins.c) * (x - reg(ins.b))  // subtract then multiply (right)
            case 46: dp.pointee = (x - reg(ins.b)) / reg(ins.c)  // subtract then divide
            case 47: dp.pointee = reg(ins.c) / (x - reg(ins.b))  // subtract then divide (right)
            case 48: dp.pointee = (x * reg(ins.b)) + reg(ins.c)  // multiply then add
            case 49: dp.pointee = reg(ins.c) + (x * reg(ins.b))  // multiply then add (right)
            case 50: dp.pointee = (x * reg(ins.b)) - reg(ins.c)  // multiply then subtract
            case 51: dp.pointee = reg(ins.c) - (x * reg(ins.b))  // multiply then subtract (right)
            case 52: dp.pointee = (x * reg(ins.b)) * reg(ins.c)  // multiply then multiply
            case 53: dp.pointee = reg(ins.c) * (x * reg(ins.b))  // multiply then multiply (right)
            case 54: dp.pointee = (x * reg(ins.b)) / reg(ins.c)  // multiply then divide
            case 55: dp.pointee = reg(ins.c) / (x * reg(ins.b))  // multiply then divide (right)
            case 56: dp.pointee = (x / reg(ins.b)) + reg(ins.c)  // divide then add
            case 57: dp.pointee = reg(ins.c) + (x / reg(ins.b))  // divide then add (right)
            case 58: dp.pointee = (x / reg(ins.b)) - reg(ins.c)  // divide then subtract
            case 59: dp.pointee = reg(ins.c) - (x / reg(ins.b))  // divide then subtract (right)
            case 60: dp.pointee = (x / reg(ins.b)) * reg(ins.c)  // divide then multiply
            case 61: dp.pointee = reg(ins.c) * (x / reg(ins.b))  // divide then multiply (right)
            case 62: dp.pointee = (x / reg(ins.b)) / reg(ins.c)  // divide then divide
            case 63: dp.pointee = reg(ins.c) / (x / reg(ins.b))  // divide then divide (right)
            case 64: dp.pointee = (x + reg(ins.b)) + (reg(ins.c) + reg(ins.e))  // add, add, add
            case 65: dp.pointee = (x + reg(ins.b)) + (reg(ins.c) - reg(ins.e))  // add, add, subtract
            case 66: dp.pointee = (x + reg(ins.b)) + (reg(ins.c) * reg(ins.e))  // add, add, multiply
            case 67: dp.pointee = (x + reg(ins.b)) + (reg(ins.c) / reg(ins.e))  // add, add, divide
            case 68: dp.pointee = (x + reg(ins.b)) - (reg(ins.c) + reg(ins.e))  // add, subtract, add
            case 69: dp.pointee = (x + reg(ins.b)) - (reg(ins.c) - reg(ins.e))  // add, subtract, subtract
            case 70: dp.pointee = (x + reg(ins.b)) - (reg(ins.c) * reg(ins.e))  // add, subtract, multiply
            case 71: dp.pointee = (x + reg(ins.b)) - (reg(ins.c) / reg(ins.e))  // add, subtract, divide
            case 72: dp.pointee = (x + reg(ins.b)) * (reg(ins.c) + reg(ins.e))  // add, multiply, add
            case 73: dp.pointee = (x + reg(ins.b)) * (reg(ins.c) - reg(ins.e))  // add, multiply, subtract
            case 74: dp.pointee = (x + reg(ins.b)) * (reg(ins.c) * reg(ins.e))  // add, multiply, multiply
            case 75: dp.pointee = (x + reg(ins.b)) * (reg(ins.c) / reg(ins.e))  // add, multiply, divide
            case 76: dp.pointee = (x + reg(ins.b)) / (reg(ins.c) + reg(ins.e))  // add, divide, add
            case 77: dp.pointee = (x + reg(ins.b)) / (reg(ins.c) - reg(ins.e))  // add, divide, subtract
            case 78: dp.pointee = (x + reg(ins.b)) / (reg(ins.c) * reg(ins.e))  // add, divide, multiply
            case 79: dp.pointee = (x + reg(ins.b)) / (reg(ins.c) / reg(ins.e))  // add, divide, divide
            case 80: dp.pointee = (x - reg(ins.b)) + (reg(ins.c) + reg(ins.e))  // subtract, add, add
            case 81: dp.pointee = (x - reg(ins.b)) + (reg(ins.c) - reg(ins.e))  // subtract, add, subtract
            case 82: dp.pointee = (x - reg(ins.b)) + (reg(ins.c) * reg(ins.e))  // subtract, add, multiply
            case 83: dp.pointee = (x - reg(ins.b)) + (reg(ins.c) / reg(ins.e))  // subtract, add, divide
            case 84: dp.pointee = (x - reg(ins.b)) - (reg(ins.c) + reg(ins.e))  // subtract, subtract, add
            case 85: dp.pointee = (x - reg(ins.b)) - (reg(ins.c) - reg(ins.e))  // subtract, subtract, subtract
            case 86: dp.pointee = (x - reg(ins.b)) - (reg(ins.c) * reg(ins.e))  // subtract, subtract, multiply
            case 87: dp.pointee = (x - reg(ins.b)) - (reg(ins.c) / reg(ins.e))  // subtract, subtract, divide
            case 88: dp.pointee = (x - reg(ins.b)) * (reg(ins.c) + reg(ins.e))  // subtract, multiply, add
            case 89: dp.pointee = (x - reg(ins.b)) * (reg(ins.c) - reg(ins.e))  // subtract, multiply, subtract
            case 90: dp.pointee = (x - reg(ins.b)) * (reg(ins.c) * reg(ins.e))  // subtract, multiply, multiply
            case 91: dp.pointee = (x - reg(ins.b)) * (reg(ins.c) / reg(ins.e))  // subtract, multiply, divide
            case 92: dp.pointee = (x - reg(ins.b)) / (reg(ins.c) + reg(ins.e))  // subtract, divide, add
            case 93: dp.pointee = (x - reg(ins.b)) / (reg(ins.c) - reg(ins.e))  // subtract, divide, subtract
            case 94: dp.pointee = (x - reg(ins.b)) / (reg(ins.c) * reg(ins.e))  // subtract, divide, multiply
            case 95: dp.pointee = (x - reg(ins.b)) / (reg(ins.c) / reg(ins.e))  // subtract, divide, divide
            case 96: dp.pointee = (x * reg(ins.b)) + (reg(ins.c) + reg(ins.e))  // multiply, add, add
            case 97: dp.pointee = (x * reg(ins.b)) + (reg(ins.c) - reg(ins.e))  // multiply, add, subtract
            case 98: dp.pointee = (x * reg(ins.b)) + (reg(ins.c) * reg(ins.e))  // multiply, add, multiply
            case 99: dp.pointee = (x * reg(ins.b)) + (reg(ins.c) / reg(ins.e))  // multiply, add, divide
            case 100: dp.pointee = (x * reg(ins.b)) - (reg(ins.c) + reg(ins.e))  // multiply, subtract, add
            case 101: dp.pointee = (x * reg(ins.b)) - (reg(ins.c) - reg(ins.e))  // multiply, subtract, subtract
            case 102: dp.pointee = (x * reg(ins.b)) - (reg(ins.c) * reg(ins.e))  // multiply, subtract, multiply
            case 103: dp.pointee = (x * reg(ins.b)) - (reg(ins.c) / reg(ins.e))  // multiply, subtract, divide
            case 104: dp.pointee = (x * reg(ins.b)) * (reg(ins.c) + reg(ins.e))  // multiply, multiply, add
            case 105: dp.pointee = (x * reg(ins.b)) * (reg(ins.c) - reg(ins.e))  // multiply, multiply, subtract
            case 106: dp.pointee = (x * reg(ins.b)) * (reg(ins.c) * reg(ins.e))  // multiply, multiply, multiply
            case 107: dp.pointee = (x * reg(ins.b)) * (reg(ins.c) / reg(ins.e))  // multiply, multiply, divide
            case 108: dp.pointee = (x * reg(ins.b)) / (reg(ins.c) + reg(ins.e))  // multiply, divide, add
            case 109: dp.pointee = (x * reg(ins.b)) / (reg(ins.c) - reg(ins.e))  // multiply, divide, subtract
            case 110: dp.pointee = (x * reg(ins.b)) / (reg(ins.c) * reg(ins.e))  // multiply, divide, multiply
            case 111: dp.pointee = (x * reg(ins.b)) / (reg(ins.c) / reg(ins.e))  // multiply, divide, divide
            case 112: dp.pointee = (x / reg(ins.b)) + (reg(ins.c) + reg(ins.e))  // divide, add, add
            case 113: dp.pointee = (x / reg(ins.b)) + (reg(ins.c) - reg(ins.e))  // divide, add, subtract
            case 114: dp.pointee = (x / reg(ins.b)) + (reg(ins.c) * reg(ins.e))  // divide, add, multiply
            case 115: dp.pointee = (x / reg(ins.b)) + (reg(ins.c) / reg(ins.e))  // divide, add, divide
            case 116: dp.pointee = (x / reg(ins.b)) - (reg(ins.c) + reg(ins.e))  // divide, subtract, add
            case 117: dp.pointee = (x / reg(ins.b)) - (reg(ins.c) - reg(ins.e))  // divide, subtract, subtract
            case 118: dp.pointee = (x / reg(ins.b)) - (reg(ins.c) * reg(ins.e))  // divide, subtract, multiply
            case 119: dp.pointee = (x / reg(ins.b)) - (reg(ins.c) / reg(ins.e))  // divide, subtract, divide
            case 120: dp.pointee = (x / reg(ins.b)) * (reg(ins.c) + reg(ins.e))  // divide, multiply, add
            case 121: dp.pointee = (x / reg(ins.b)) * (reg(ins.c) - reg(ins.e))  // divide, multiply, subtract
            case 122: dp.pointee = (x / reg(ins.b)) * (reg(ins.c) * reg(ins.e))  // divide, multiply, multiply
            case 123: dp.pointee = (x / reg(ins.b)) * (reg(ins.c) / reg(ins.e))  // divide, multiply, divide
            case 124: dp.pointee = (x / reg(ins.b)) / (reg(ins.c) + reg(ins.e))  // divide, divide, add
            case 125: dp.pointee = (x / reg(ins.b)) / (reg(ins.c) - reg(ins.e))  // divide, divide, subtract
            case 126: dp.pointee = (x / reg(ins.b)) / (reg(ins.c) * reg(ins.e))  // divide, divide, multiply
            case 127: dp.pointee = (x / reg(ins.b)) / (reg(ins.c) / reg(ins.e))  // divide, divide, divide
            case 4:  // power
                dp.pointee = lanewise(x, reg(ins.b)) { BinaryOperator.power.apply($0, $1) }
            case 5:  // minimum
                dp.pointee = lanewise(x, reg(ins.b)) { Swift.min($0, $1) }
            case 6:  // maximum
                dp.pointee = lanewise(x, reg(ins.b)) { Swift.max($0, $1) }
            case 7:  // less
                dp.pointee = lanewise(x, reg(ins.b)) { $0 < $1 ? 1 : 0 }
            case 8:  // lessEqual
                dp.pointee = lanewise(x, reg(ins.b)) { $0 <= $1 ? 1 : 0 }
            case 9:  // greater
                dp.pointee = lanewise(x, reg(ins.b)) { $0 > $1 ? 1 : 0 }
            case 10:  // greaterEqual
                dp.pointee = lanewise(x, reg(ins.b)) { $0 >= $1 ? 1 : 0 }
            case 11:  // equal
                dp.pointee = lanewise(x, reg(ins.b)) { $0 == $1 ? 1 : 0 }
            case 12:  // notEqual
                dp.pointee = lanewise(x, reg(ins.b)) { $0 != $1 ? 1 : 0 }
            case 13:  // negate
                dp.pointee = negated(x)
            case 14:  // exp
                dp.pointee = lanewise(x) { libmExp($0) }
            case 15:  // log
                dp.pointee = lanewise(x) { libmLog($0) }
            case 16:  // sqrt
                dp.pointee = x.squareRoot()
            case 17:  // abs
                dp.pointee = lanewise(x) { Swift.abs($0) }
            case 18:  // select
                let b = reg(ins.b), c = reg(ins.c)
                var o = ModelLanes.zero
                for l in 0..<ModelLanes.scalarCount { o[l] = x[l] != 0 ? b[l] : c[l] }
                dp.pointee = o
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

    /// The instruction with its register numbers as byte offsets into the lane register file
    /// (what `LaneModelEvaluator.executeFused` reads).
    var scaledToBytes: LaneInstruction {
        let w = Int32(MemoryLayout<ModelLanes>.stride)
        return LaneInstruction(op: op, dst: dst * w, a: a * w, b: b * w, c: c * w, e: e * w)
    }

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

    /// The stage variants of fused code `code` (register numbers, not bytes) for
    /// `LaneModelEvaluator.derivatives`: for each input block (`inputBases`) and block j < `stages`, the
    /// code with the state operands moved to the input block and each result register written by an
    /// instruction renamed to its slot of block j (`kBase + j·stateCount + i` for result i, its readers
    /// renamed too), so the same operations store dx/dt in place; results no instruction writes (or a
    /// register that is two results) become copies (source, destination register pairs).
    static func stageVariants(_ code: [LaneInstruction], results: ContiguousArray<Int32>, stateBase: Int, stateCount: Int,
                              inputBases: [Int], kBase: Int, stages: Int)
        -> (code: [LaneInstruction], codeStart: [Int], copies: [Int32], copyStart: [Int]) {
        // Registers are small non-negative numbers: tables indexed by register, not dictionaries
        // (this runs for every evaluator, i.e. every lane group).
        var size = 1
        for ins in code { size = Swift.max(size, Int(Swift.max(ins.dst, ins.a, ins.b, ins.c, ins.e)) + 1) }
        for r in results { size = Swift.max(size, Int(r) + 1) }
        size = Swift.max(size, stateBase + stateCount)
        var written = [Bool](repeating: false, count: size)
        for ins in code { written[Int(ins.dst)] = true }
        var outCode: [LaneInstruction] = [], starts = [0], copies: [Int32] = [], copyStarts = [0]
        outCode.reserveCapacity(inputBases.count * stages * code.count)
        for inputBase in inputBases {
            for j in 0..<stages {
                var rename = (0..<size).map { Int32($0) }
                var renamed = [Bool](repeating: false, count: size)
                for i in 0..<stateCount { rename[stateBase + i] = Int32(inputBase + i); renamed[stateBase + i] = true }
                var pending: [(Int32, Int32)] = []
                for (i, r) in results.enumerated() {
                    let slot = Int32(kBase + j * stateCount + i)
                    if written[Int(r)], !renamed[Int(r)] {
                        rename[Int(r)] = slot
                        renamed[Int(r)] = true
                    } else {
                        pending.append((r, slot))
                    }
                }
                func map(_ r: Int32) -> Int32 { rename[Int(r)] }
                for ins in code {
                    outCode.append(LaneInstruction(op: ins.op, dst: map(ins.dst), a: map(ins.a), b: map(ins.b), c: map(ins.c), e: map(ins.e)))
                }
                for (r, slot) in pending { copies += [map(r), slot] }
                starts.append(outCode.count)
                copyStarts.append(copies.count)
            }
        }
        return (outCode, starts, copies, copyStarts)
    }
}
