// Two halves: the checker (names → indices, derived ordering, semantic errors, constant folding)
// and the code generator (expression DAG → flat register instructions, with value numbering).

// MARK: - Checked model

/// Derived quantities in topological order (an entry refers only to lower indices), with
/// whether each depends (transitively) on the states or on t.
struct DerivedTable: Sendable {
    private(set) var expressions: [Expr] = []
    private(set) var dependsOnState: [Bool] = []
    private(set) var dependsOnTime: [Bool] = []

    var count: Int { expressions.count }

    @discardableResult
    mutating func append(_ e: Expr) -> Int {
        dependsOnState.append(usesState(e))
        dependsOnTime.append(usesTime(e))
        expressions.append(e)
        return expressions.count - 1
    }

    func usesState(_ e: Expr) -> Bool {
        switch e {
        case .constant, .time, .parameter: return false
        case .state: return true
        case .derived(let k): return k >= 0 && k < dependsOnState.count && dependsOnState[k]
        case .unary(_, let a): return usesState(a)
        case .binary(_, let a, let b): return usesState(a) || usesState(b)
        case .select(let c, let a, let b): return usesState(c) || usesState(a) || usesState(b)
        }
    }

    func usesTime(_ e: Expr) -> Bool {
        switch e {
        case .constant, .state, .parameter: return false
        case .time: return true
        case .derived(let k): return k >= 0 && k < dependsOnTime.count && dependsOnTime[k]
        case .unary(_, let a): return usesTime(a)
        case .binary(_, let a, let b): return usesTime(a) || usesTime(b)
        case .select(let c, let a, let b): return usesTime(c) || usesTime(a) || usesTime(b)
        }
    }
}

struct CheckedModel: Sendable {
    var parameterNames: [String] = []
    var parameterDefaults: [Double] = []
    var parameterUnits: [String?] = []
    var stateNames: [String] = []
    /// Initial conditions (use parameters and parameter-only derived quantities only).
    var initialConditions: [Expr] = []
    var derivedNames: [String] = []
    var derived = DerivedTable()
    /// Right-hand side per state index.
    var odes: [Expr] = []
    var outputNames: [String] = []
    /// The unit in brackets after each output, if any (free text).
    var outputUnits: [String?] = []
    var outputs: [Expr] = []
}

// MARK: - Checker

struct Checker {
    private enum Symbol {
        case parameter(Int)
        case state(Int)
        /// Index in file order of the [derived] section.
        case derived(Int)
        case output(Int)

        var noun: String {
            switch self {
            case .parameter: return "parameter"
            case .state: return "state"
            case .derived: return "derived quantity"
            case .output: return "output"
            }
        }
    }

    private enum Context {
        case parameterDefault
        case initialCondition
        case dynamic
    }

    private let syntax: ModelSyntax
    private var symbols: [String: (symbol: Symbol, position: SourcePosition)] = [:]
    /// File index → topological index, for derived quantities.
    private var topologicalIndex: [Int] = []
    /// Topological index → folded constant value, when the derived quantity is a constant.
    private var derivedConstant: [Double?] = []
    private var model = CheckedModel()

    init(_ syntax: ModelSyntax) {
        self.syntax = syntax
    }

    mutating func check() throws -> CheckedModel {
        guard !syntax.odes.isEmpty else {
            throw ModelLanguageError(.emptyModel, at: syntax.odesHeader ?? SourcePosition(line: 1, column: 1),
                "model has no ODEs (write d/dt(state) = expression lines in an [odes] section)")
        }
        try defineSymbols()
        try checkStates()

        // Parameters: defaults are constant expressions.
        for definition in syntax.parameters {
            model.parameterNames.append(definition.name)
            model.parameterUnits.append(definition.unit)
            var value = 0.0
            if let node = definition.expression {
                let e = try resolve(node, .parameterDefault)
                guard let v = e.constantValue else {
                    throw ModelLanguageError(.invalidReference, at: node.position,
                        "default of parameter \(quoted(definition.name)) must be a constant")
                }
                value = v
            }
            model.parameterDefaults.append(value)
        }

        try orderDerived()

        // Initial conditions.
        for name in model.stateNames {
            guard let declared = syntax.states?.first(where: { $0.name == name }),
                  let node = declared.expression else {
                model.initialConditions.append(.constant(0))
                continue
            }
            model.initialConditions.append(try resolve(node, .initialCondition))
        }

        // ODEs, by state index.
        var odes = [Expr](repeating: .constant(0), count: model.stateNames.count)
        for ode in syntax.odes {
            guard case .state(let i)? = symbols[ode.state]?.symbol else { continue }
            odes[i] = try resolve(ode.expression, .dynamic)
        }
        model.odes = odes

        for definition in syntax.outputs {
            model.outputNames.append(definition.name)
            model.outputUnits.append(definition.unit)
            guard let node = definition.expression else {
                model.outputs.append(.constant(0))
                continue
            }
            model.outputs.append(try resolve(node, .dynamic))
        }
        return model
    }

    // MARK: Symbols

    private mutating func defineSymbols() throws {
        // Two d/dt for one state.
        var seen: [String: SourcePosition] = [:]
        for ode in syntax.odes {
            if let first = seen[ode.state] {
                throw ModelLanguageError(.duplicateDefinition, at: ode.statePosition,
                    "second d/dt(\(ode.state)) (first at line \(first.line), column \(first.column))")
            }
            seen[ode.state] = ode.statePosition
        }

        var definitions: [(name: String, position: SourcePosition, symbol: Symbol)] = []
        for (i, d) in syntax.parameters.enumerated() {
            definitions.append((d.name, d.position, .parameter(i)))
        }
        for (i, d) in syntax.derived.enumerated() {
            definitions.append((d.name, d.position, .derived(i)))
        }
        if let states = syntax.states {
            for d in states { definitions.append((d.name, d.position, .state(0))) }
        } else {
            for ode in syntax.odes { definitions.append((ode.state, ode.statePosition, .state(0))) }
        }
        for (i, d) in syntax.outputs.enumerated() {
            definitions.append((d.name, d.position, .output(i)))
        }
        definitions.sort {
            ($0.position.line, $0.position.column) < ($1.position.line, $1.position.column)
        }
        for var d in definitions {
            if Builtin.isReserved(d.name) {
                let why = d.name == "t" ? "it means time" : "it is a function name"
                throw ModelLanguageError(.duplicateDefinition, at: d.position,
                    "cannot define \(quoted(d.name)): \(why)")
            }
            if let first = symbols[d.name] {
                throw ModelLanguageError(.duplicateDefinition, at: d.position,
                    "duplicate definition of \(quoted(d.name)) (already a \(first.symbol.noun) at line \(first.position.line), column \(first.position.column))")
            }
            if case .state = d.symbol {
                d.symbol = .state(model.stateNames.count)
                model.stateNames.append(d.name)
            }
            symbols[d.name] = (d.symbol, d.position)
        }
    }

    private func checkStates() throws {
        guard let states = syntax.states else { return }
        var hasODE = Set<String>()
        for ode in syntax.odes {
            guard case .state? = symbols[ode.state]?.symbol else {
                throw ModelLanguageError(.undeclaredState, at: ode.statePosition,
                    "d/dt(\(ode.state)): \(quoted(ode.state)) is not declared in [states]")
            }
            hasODE.insert(ode.state)
        }
        for d in states where !hasODE.contains(d.name) {
            throw ModelLanguageError(.missingDerivative, at: d.position,
                "state \(quoted(d.name)) has no d/dt(\(d.name)) equation")
        }
    }

    // MARK: Derived ordering

    private mutating func orderDerived() throws {
        let definitions = syntax.derived
        let n = definitions.count
        var dependencies = [[Int]](repeating: [], count: n)
        var dependents = [[Int]](repeating: [], count: n)
        for (i, d) in definitions.enumerated() {
            var names = Set<String>()
            if let node = d.expression { collectNames(node, into: &names) }
            var deps = Set<Int>()
            for name in names {
                if case .derived(let j)? = symbols[name]?.symbol { deps.insert(j) }
            }
            dependencies[i] = deps.sorted()
            for j in deps { dependents[j].append(i) }
        }
        // Kahn's algorithm, ties broken by file order.
        var remaining = dependencies.map(\.count)
        var ready = (0..<n).filter { remaining[$0] == 0 }
        var order: [Int] = []
        order.reserveCapacity(n)
        var head = 0
        while head < ready.count {
            let i = ready[head]
            head += 1
            order.append(i)
            for j in dependents[i] {
                remaining[j] -= 1
                if remaining[j] == 0 { ready.append(j) }
            }
        }
        if order.count < n {
            throw cycleError(dependencies: dependencies, unresolved: remaining.map { $0 > 0 })
        }

        topologicalIndex = [Int](repeating: 0, count: n)
        for (k, i) in order.enumerated() { topologicalIndex[i] = k }
        derivedConstant = [Double?](repeating: nil, count: n)
        for (k, i) in order.enumerated() {
            let d = definitions[i]
            let e: Expr
            if let node = d.expression { e = try resolve(node, .dynamic) } else { e = .constant(0) }
            derivedConstant[k] = e.constantValue
            model.derivedNames.append(d.name)
            model.derived.append(e)
        }
    }

    /// Names a cycle among the unresolved derived quantities, reported at the member defined first.
    private func cycleError(dependencies: [[Int]], unresolved: [Bool]) -> ModelLanguageError {
        // Every unresolved node depends on at least one unresolved node: walk until a repeat.
        guard var node = unresolved.firstIndex(of: true) else {
            return ModelLanguageError(.cycle, line: 1, column: 1, "cycle among derived quantities")
        }
        var path: [Int] = []
        var visitedAt: [Int: Int] = [:]
        while visitedAt[node] == nil {
            visitedAt[node] = path.count
            path.append(node)
            guard let next = dependencies[node].first(where: { unresolved[$0] }) else { break }
            node = next
        }
        var cycle = Array(path[(visitedAt[node] ?? 0)...])
        if let start = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) {
            cycle = Array(cycle[start...] + cycle[..<start])
        }
        let names = (cycle + cycle.prefix(1)).map { syntax.derived[$0].name }
        let first = syntax.derived[cycle.first ?? node]
        return ModelLanguageError(.cycle, at: first.position,
            "cycle among derived quantities: " + names.joined(separator: " -> "))
    }

    private func collectNames(_ node: Node, into names: inout Set<String>) {
        switch node.kind {
        case .number: break
        case .name(let name): names.insert(name)
        case .negate(let a): collectNames(a, into: &names)
        case .binary(_, let a, let b):
            collectNames(a, into: &names)
            collectNames(b, into: &names)
        case .call(_, let arguments):
            for a in arguments { collectNames(a, into: &names) }
        }
    }

    // MARK: Resolution

    private func resolve(_ node: Node, _ context: Context) throws -> Expr {
        switch node.kind {
        case .number(let v):
            return .constant(v)
        case .name(let name):
            return try lookup(name, node.position, context)
        case .negate(let a):
            return Expr.fold(.negate, try resolve(a, context))
        case .binary(let op, let a, let b):
            let x = try resolve(a, context)
            let y = try resolve(b, context)
            if op == .divide, y.isConstant(0) {
                throw ModelLanguageError(.divisionByZero, at: node.position,
                    "division by zero: the denominator after '/' is constant 0")
            }
            return Expr.fold(op, x, y)
        case .call(let name, let arguments):
            let args = try arguments.map { try resolve($0, context) }
            switch (name, args.count) {
            case ("exp", 1): return Expr.fold(.exp, args[0])
            case ("log", 1): return Expr.fold(.log, args[0])
            case ("sqrt", 1): return Expr.fold(.sqrt, args[0])
            case ("abs", 1): return Expr.fold(.abs, args[0])
            case ("pow", 2): return Expr.fold(.power, args[0], args[1])
            case ("min", 2): return Expr.fold(.minimum, args[0], args[1])
            case ("max", 2): return Expr.fold(.maximum, args[0], args[1])
            case ("if", 3): return Expr.foldSelect(args[0], args[1], args[2])
            default:
                throw ModelLanguageError(.wrongArity, at: node.position,
                    "bad call to \(quoted(name)) with \(args.count) argument(s)")
            }
        }
    }

    private func lookup(_ name: String, _ position: SourcePosition, _ context: Context) throws -> Expr {
        if name == "t" {
            guard case .dynamic = context else { throw misplaced(name, position, context) }
            return .time
        }
        guard let entry = symbols[name] else {
            throw ModelLanguageError(.unknownName, at: position, "unknown name \(quoted(name))")
        }
        switch entry.symbol {
        case .parameter(let i):
            if case .parameterDefault = context { throw misplaced(name, position, context) }
            return .parameter(i)
        case .state(let i):
            guard case .dynamic = context else { throw misplaced(name, position, context) }
            return .state(i)
        case .derived(let fileIndex):
            if case .parameterDefault = context { throw misplaced(name, position, context) }
            guard fileIndex < topologicalIndex.count else {
                throw ModelLanguageError(.invalidReference, at: position,
                    "derived quantity \(quoted(name)) cannot be used here")
            }
            let k = topologicalIndex[fileIndex]
            if k < derivedConstant.count, let v = derivedConstant[k] { return .constant(v) }
            if case .initialCondition = context,
               k < model.derived.count, model.derived.dependsOnState[k] || model.derived.dependsOnTime[k] {
                throw misplaced(name, position, context)
            }
            return .derived(k)
        case .output:
            throw ModelLanguageError(.invalidReference, at: position,
                "\(quoted(name)) is an output and cannot be used in expressions")
        }
    }

    private func misplaced(_ name: String, _ position: SourcePosition, _ context: Context) -> ModelLanguageError {
        switch context {
        case .parameterDefault:
            return ModelLanguageError(.invalidReference, at: position,
                "parameter default must be a constant; found name \(quoted(name))")
        case .initialCondition:
            return ModelLanguageError(.invalidReference, at: position,
                "initial condition may only use parameters (and derived quantities of parameters); found \(quoted(name))")
        case .dynamic:
            return ModelLanguageError(.invalidReference, at: position, "\(quoted(name)) cannot be used here")
        }
    }
}

// MARK: - Instructions

enum Opcode: UInt8, Sendable {
    case add, subtract, multiply, divide, power, minimum, maximum
    case less, lessEqual, greater, greaterEqual, equal, notEqual
    case negate, exp, log, sqrt, abs
    /// dst = a != 0 ? b : c
    case select

    init(_ op: BinaryOperator) {
        switch op {
        case .add: self = .add
        case .subtract: self = .subtract
        case .multiply: self = .multiply
        case .divide: self = .divide
        case .power: self = .power
        case .minimum: self = .minimum
        case .maximum: self = .maximum
        case .less: self = .less
        case .lessEqual: self = .lessEqual
        case .greater: self = .greater
        case .greaterEqual: self = .greaterEqual
        case .equal: self = .equal
        case .notEqual: self = .notEqual
        }
    }

    init(_ op: UnaryOperator) {
        switch op {
        case .negate: self = .negate
        case .exp: self = .exp
        case .log: self = .log
        case .sqrt: self = .sqrt
        case .abs: self = .abs
        }
    }
}

/// One register instruction: `dst = op(a, b[, c])`.
struct Instruction: Sendable {
    var opcode: Opcode
    var dst: Int32
    var a: Int32
    var b: Int32
    var c: Int32
}

/// A compiled expression list: run the instructions, then read `results` registers.
///
/// The first `parameterInstructionCount` instructions depend only on parameters and constants
/// (the parameter section); they are skipped when the parameters equal those of the previous call
/// of this program on the same scratch (see `ModelProgram.run`).
struct Program: Sendable {
    var instructions: ContiguousArray<Instruction> = []
    var results: ContiguousArray<Int32> = []
    var temporaryCount = 0
    var parameterInstructionCount = 0
    /// Register offset of this program's parameter cache: [valid flag, p0, p1, ...].
    var cacheOffset = 0

    /// Runs the instructions over the register file `r`.
    @inline(__always)
    static func execute(_ code: UnsafeBufferPointer<Instruction>, _ r: UnsafeMutablePointer<Double>) {
        for ins in code {
            let d = Int(ins.dst)
            let x = r[Int(ins.a)]
            switch ins.opcode {
            case .add: r[d] = x + r[Int(ins.b)]
            case .subtract: r[d] = x - r[Int(ins.b)]
            case .multiply: r[d] = x * r[Int(ins.b)]
            case .divide: r[d] = x / r[Int(ins.b)]
            case .power: r[d] = BinaryOperator.power.apply(x, r[Int(ins.b)])
            case .minimum: r[d] = Swift.min(x, r[Int(ins.b)])
            case .maximum: r[d] = Swift.max(x, r[Int(ins.b)])
            case .less: r[d] = x < r[Int(ins.b)] ? 1 : 0
            case .lessEqual: r[d] = x <= r[Int(ins.b)] ? 1 : 0
            case .greater: r[d] = x > r[Int(ins.b)] ? 1 : 0
            case .greaterEqual: r[d] = x >= r[Int(ins.b)] ? 1 : 0
            case .equal: r[d] = x == r[Int(ins.b)] ? 1 : 0
            case .notEqual: r[d] = x != r[Int(ins.b)] ? 1 : 0
            case .negate: r[d] = -x
            case .exp: r[d] = libmExp(x)
            case .log: r[d] = libmLog(x)
            case .sqrt: r[d] = x.squareRoot()
            case .abs: r[d] = Swift.abs(x)
            case .select: r[d] = x != 0 ? r[Int(ins.b)] : r[Int(ins.c)]
            }
        }
    }
}

// MARK: - Code generation

/// Compiles expression lists into `Program`s sharing one register layout:
///
///     [0] t | [1 ..< 1+P] parameters | [.. +S] states | constants (shared pool)
///     | temporaries of program 1 | temporaries of program 2 | ... | parameter caches
///
/// Each program has its own temporaries, so the cached parameter section of one program survives
/// calls of the others. While compiling, temporaries are numbered negatively (-1, -2, ...);
/// `finish` relocates them once the constant pool is complete.
struct CodeGenerator {
    let parameterCount: Int
    let stateCount: Int
    private(set) var constants: [Double] = []
    private var constantRegisters: [UInt64: Int32] = [:]

    var constantBase: Int { 1 + parameterCount + stateCount }
    var temporaryBase: Int { constantBase + constants.count }

    init(parameterCount: Int, stateCount: Int) {
        self.parameterCount = parameterCount
        self.stateCount = stateCount
    }

    private struct Key: Hashable {
        var opcode: UInt8
        var a: Int32
        var b: Int32
        var c: Int32
    }

    private struct Work {
        var program = Program()
        var memo: [Key: Int32] = [:]
        var derivedRegisters: [Int32?]
        /// Per temporary: computed from parameters and constants only.
        var parameterOnly: [Bool] = []
    }

    private mutating func constantRegister(_ value: Double) -> Int32 {
        let bits = value.bitPattern
        if let r = constantRegisters[bits] { return r }
        let r = Int32(truncatingIfNeeded: constantBase + constants.count)
        constants.append(value)
        constantRegisters[bits] = r
        return r
    }

    private func constantValue(_ register: Int32) -> Double? {
        let i = Int(register) - constantBase
        return i >= 0 && i < constants.count ? constants[i] : nil
    }

    /// Compiles `roots` (which may reference entries of `table`); only the derived quantities
    /// actually needed are computed, each once, in table (topological) order.
    mutating func compile(_ roots: [Expr], table: DerivedTable) -> Program {
        var needed = [Bool](repeating: false, count: table.count)
        var stack: [Int] = []
        for root in roots { markDerived(root, &needed, &stack) }
        while let k = stack.popLast() { markDerived(table.expressions[k], &needed, &stack) }

        var work = Work(derivedRegisters: [Int32?](repeating: nil, count: table.count))
        for k in 0..<table.count where needed[k] {
            work.derivedRegisters[k] = emit(table.expressions[k], &work, table)
        }
        for root in roots { work.program.results.append(emit(root, &work, table)) }

        // Hoist the parameter-only instructions to the front (stable: both parts keep their
        // order, and a parameter-only instruction only reads parameter-only values).
        var front: ContiguousArray<Instruction> = []
        var back: ContiguousArray<Instruction> = []
        for ins in work.program.instructions {
            let t = Int(-ins.dst - 1)
            if t >= 0, t < work.parameterOnly.count, work.parameterOnly[t] {
                front.append(ins)
            } else {
                back.append(ins)
            }
        }
        work.program.parameterInstructionCount = front.count
        work.program.instructions = front + back
        return work.program
    }

    /// Relocates temporaries (negative registers) to `temporaryBase ..< temporaryBase + temporaryCount`
    /// and places the parameter cache at `cacheOffset`.
    func finish(_ program: Program, temporaryBase: Int, cacheOffset: Int) -> Program {
        let base = Int32(truncatingIfNeeded: temporaryBase)
        func map(_ r: Int32) -> Int32 { r < 0 ? base + (-r - 1) : r }
        var out = program
        out.cacheOffset = cacheOffset
        for i in out.instructions.indices {
            var ins = out.instructions[i]
            ins.dst = map(ins.dst)
            ins.a = map(ins.a)
            ins.b = map(ins.b)
            ins.c = map(ins.c)
            out.instructions[i] = ins
        }
        for i in out.results.indices { out.results[i] = map(out.results[i]) }
        return out
    }

    private func markDerived(_ e: Expr, _ needed: inout [Bool], _ stack: inout [Int]) {
        switch e {
        case .constant, .time, .parameter, .state: break
        case .derived(let k):
            if k >= 0, k < needed.count, !needed[k] {
                needed[k] = true
                stack.append(k)
            }
        case .unary(_, let a): markDerived(a, &needed, &stack)
        case .binary(_, let a, let b):
            markDerived(a, &needed, &stack)
            markDerived(b, &needed, &stack)
        case .select(let c, let a, let b):
            markDerived(c, &needed, &stack)
            markDerived(a, &needed, &stack)
            markDerived(b, &needed, &stack)
        }
    }

    private func instruction(_ opcode: Opcode, _ a: Int32, _ b: Int32, _ c: Int32, _ work: inout Work) -> Int32 {
        var (a, b) = (a, b)
        switch opcode {
        case .add, .multiply, .equal, .notEqual: if a > b { swap(&a, &b) }
        default: break
        }
        let key = Key(opcode: opcode.rawValue, a: a, b: b, c: c)
        if let r = work.memo[key] { return r }
        work.program.temporaryCount += 1
        let dst = Int32(truncatingIfNeeded: -work.program.temporaryCount)
        work.program.instructions.append(Instruction(opcode: opcode, dst: dst, a: a, b: b, c: c))
        work.memo[key] = dst
        let unary = opcode == .negate || opcode == .exp || opcode == .log || opcode == .sqrt || opcode == .abs
        let operands = unary ? [a] : opcode == .select ? [a, b, c] : [a, b]
        work.parameterOnly.append(operands.allSatisfy { isParameterOnly($0, work) })
        return dst
    }

    /// A register whose value depends only on parameters and constants (not on t or states).
    private func isParameterOnly(_ r: Int32, _ work: Work) -> Bool {
        if r < 0 {
            let t = Int(-r - 1)
            return t < work.parameterOnly.count && work.parameterOnly[t]
        }
        return r >= 1 && (Int(r) <= parameterCount || Int(r) >= constantBase)
    }

    private mutating func emit(_ e: Expr, _ work: inout Work, _ table: DerivedTable) -> Int32 {
        switch e {
        case .constant(let v):
            return constantRegister(v)
        case .time:
            return 0
        case .parameter(let i):
            return Int32(truncatingIfNeeded: 1 + i)
        case .state(let j):
            return Int32(truncatingIfNeeded: 1 + parameterCount + j)
        case .derived(let k):
            guard k >= 0, k < work.derivedRegisters.count else { return constantRegister(.nan) }
            if let r = work.derivedRegisters[k] { return r }
            let r = emit(table.expressions[k], &work, table)
            work.derivedRegisters[k] = r
            return r
        case .unary(let op, let a):
            let ra = emit(a, &work, table)
            if let x = constantValue(ra) { return constantRegister(op.apply(x)) }
            return instruction(Opcode(op), ra, 0, 0, &work)
        case .binary(let op, let a, let b):
            let ra = emit(a, &work, table)
            let rb = emit(b, &work, table)
            let x = constantValue(ra)
            let y = constantValue(rb)
            if let x, let y { return constantRegister(op.apply(x, y)) }
            switch op {
            case .multiply where x == 1: return rb
            case .multiply where y == 1, .divide where y == 1, .power where y == 1: return ra
            case .power where y == 2: return instruction(.multiply, ra, ra, 0, &work)
            default: return instruction(Opcode(op), ra, rb, 0, &work)
            }
        case .select(let c, let a, let b):
            let rc = emit(c, &work, table)
            let ra = emit(a, &work, table)
            let rb = emit(b, &work, table)
            if let x = constantValue(rc) { return x != 0 ? ra : rb }
            if ra == rb { return ra }
            return instruction(.select, rc, ra, rb, &work)
        }
    }
}
