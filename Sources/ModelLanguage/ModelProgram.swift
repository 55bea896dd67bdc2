/// # ketasim model files
///
/// A small text language for nonlinear ODE models (in the spirit of mrgsolve `$ODE` / NONMEM `$DES`).
/// The same text is in `Sources/ModelLanguage/FORMAT.md`.
///
/// ```
/// # comment (also // comments)
/// [parameters]               # name = constant default, optional unit in brackets
/// VMAX = 400 [mg/h]
/// KM = 5 [mg/L]
/// V1 = 20 [L]
/// KA = 8 [1/h]
/// [derived]                  # computed from parameters, states, t and other derived, any order
/// C = central / V1
/// [states]                   # optional: explicit list with initial conditions
/// depot = 0
/// central                    # a bare name starts at 0
/// [odes]
/// d/dt(depot) = -KA * depot
/// d/dt(central) = KA * depot - VMAX * C / (KM + C)
/// [outputs]
/// CP = 1000 * central / V1
/// ```
///
/// - One statement per line; a line may continue while parentheses are open.
/// - Sections (`[parameters]`, `[derived]`, `[states]`, `[odes]`, `[outputs]`, `[omega]`, case-insensitive)
///   may appear in any order and more than once; entries accumulate in file order.
/// - Names: `[A-Za-z_][A-Za-z0-9_]*`, case-sensitive, unique across all sections. `t` (time, h)
///   and the function names are reserved.
/// - `[parameters]`: `name = constant expression [unit]`. The unit is free text, reported in
///   `parameterUnits`; any definition line may carry one (ignored elsewhere).
/// - `[derived]`: evaluated once per call in dependency order (file order does not matter);
///   a cycle is an error naming it (`A -> B -> A`). Derived quantities that fold to a constant
///   are inlined.
/// - `[states]`: `name` or `name = expression`; initial conditions may use parameters and derived
///   quantities that depend only on parameters. Without `[states]`, the states are the names under
///   d/dt in order of first appearance, all starting at 0. With `[states]`, every d/dt must name a
///   declared state and every declared state needs a d/dt. State order = declaration order.
/// - `[odes]`: `d/dt(state) = expression`, one per state.
/// - `[outputs]`: `name = expression` (may use parameters, states, derived, t; not other outputs).
/// - `[omega]`: etas on parameters, P·exp(η), η ~ N(0, Ω): `NAME = variance` or
///   `block(A, B) = vAA, vBA, vBB` (lower triangle row by row, as `$OMEGA BLOCK`); see `omega`.
/// - Expressions: numbers (`1`, `2.5`, `.5`, `1e-3`), names, `+ - * /`, `^` (right-associative,
///   binds tighter than unary minus: `-x^2 = -(x^2)`, `2^-1 = 0.5`), parentheses, comparisons
///   `< <= > >= == !=` (1 or 0, lowest precedence), functions `exp log sqrt abs` (1 argument),
///   `pow min max` (2), `if(cond, a, b)` (a where cond != 0, else b; both sides are evaluated).
///   Precedence high → low: `^`, unary `-`/`+`, `* /`, `+ -`, comparisons.
/// - Errors (`ModelLanguageError`, with line and column): syntax, unknown names and functions,
///   wrong arity, duplicate or reserved definitions, d/dt of an undeclared state, a declared state
///   without d/dt, derived cycles, a denominator that constant-folds to 0, no ODEs, nesting deeper
///   than 200 levels (or expression trees higher than 256).
///
/// Evaluation: the checked expressions are compiled once into flat register programs
/// (value-numbered, constant-folded) for the right-hand side, the analytic Jacobian (symbolic
/// differentiation), the outputs and the initial state. Calls do not allocate. Work that depends
/// only on parameters (e.g. `Q2 / V1`) is hoisted into a parameter section that each program
/// reruns only when `p` differs bitwise from its previous call on the same `Scratch`.
/// Buffer sizes are checked with `precondition` (programming errors, not input errors).
public struct ModelProgram: Sendable {
    public let parameterNames: [String]
    public let parameterDefaults: [Double]
    /// Unit text in brackets after each parameter default (nil when absent).
    public let parameterUnits: [String?]
    public let stateNames: [String]
    public let outputNames: [String]
    /// The unit written in brackets after each output (free text), or nil.
    public let outputUnits: [String?]
    public var stateCount: Int { stateNames.count }
    /// The `[omega]` section (etas on parameters, P·exp(η)); nil when the file has none.
    public let omega: OmegaSpec?

    /// Registers preallocated for evaluation. Make one per thread with `makeScratch()`;
    /// a scratch belongs to the program (or copies of the program) that made it.
    public struct Scratch: Sendable {
        var registers: [Double]
        let owner: Identity
    }

    final class Identity: Sendable {}

    let identity = Identity()
    let constants: [Double]
    let constantBase: Int
    let registerCount: Int
    let rhsProgram: Program
    private let jacobianProgram: Program
    let outputProgram: Program
    private let initialProgram: Program
    /// Results: K (n×n) then the RHS (for b at x = 0). nil when the ODEs are not affine.
    private let linearProgram: Program?
    /// Results: output scales (outputs×n) then the outputs (to check the constant term at x = 0).
    private let linearOutputProgram: Program?

    /// The checked model this program was compiled from (for `restricted`).
    let checked: CheckedModel

    /// Parses, checks and compiles `source`. Throws `ModelLanguageError`.
    public init(source: String) throws {
        var lexer = Lexer(source)
        let tokens = try lexer.tokenize()
        var parser = Parser(tokens: tokens)
        let syntax = try parser.parseModel()
        var checker = Checker(syntax)
        let model = try checker.check()
        try self.init(model, omega: try OmegaSpec(syntax.omega, parameterNames: model.parameterNames))
    }

    /// Compiles a checked model.
    init(_ model: CheckedModel, omega: OmegaSpec?) throws {
        checked = model
        parameterNames = model.parameterNames
        parameterDefaults = model.parameterDefaults
        parameterUnits = model.parameterUnits
        stateNames = model.stateNames
        outputNames = model.outputNames
        outputUnits = model.outputUnits
        self.omega = omega

        let n = model.stateNames.count
        let jacobian = SymbolicJacobian(model)
        var generator = CodeGenerator(parameterCount: model.parameterNames.count, stateCount: n)
        let rhs = generator.compile(model.odes, table: model.derived)
        let jac = generator.compile(jacobian.odes, table: jacobian.table)
        let out = generator.compile(model.outputs, table: model.derived)
        let initial = generator.compile(model.initialConditions, table: model.derived)

        // Affine ODEs: every Jacobian entry free of states and t, and no t in the RHS.
        let table = jacobian.table
        let odesAffine = jacobian.odes.allSatisfy { !table.usesState($0) && !table.usesTime($0) }
            && !model.odes.contains { table.usesTime($0) }
        let linear = odesAffine ? generator.compile(jacobian.odes + model.odes, table: table) : nil
        let outputsLinear = jacobian.outputs.allSatisfy { !table.usesState($0) && !table.usesTime($0) }
            && !model.outputs.contains { table.usesTime($0) }
        let linearOutputs = outputsLinear ? generator.compile(jacobian.outputs + model.outputs, table: table) : nil

        // Layout: each program gets its own temporaries, then one parameter cache per program.
        let programs = [rhs, jac, out, initial, linear ?? Program(), linearOutputs ?? Program()]
        let cacheSize = model.parameterNames.count + 1
        let temporaryTotal = programs.reduce(0) { $0 + $1.temporaryCount }
        let cacheBase = generator.temporaryBase + temporaryTotal
        let total = cacheBase + programs.count * cacheSize
        guard total < Int(Int32.max / 2) else {
            throw ModelLanguageError(.syntax, line: 1, column: 1, "model too large to compile")
        }
        var finished: [Program] = []
        var temporaryBase = generator.temporaryBase
        for (i, program) in programs.enumerated() {
            finished.append(generator.finish(program, temporaryBase: temporaryBase, cacheOffset: cacheBase + i * cacheSize))
            temporaryBase += program.temporaryCount
        }
        constants = generator.constants
        constantBase = generator.constantBase
        registerCount = total
        rhsProgram = finished[0]
        jacobianProgram = finished[1]
        outputProgram = finished[2]
        initialProgram = finished[3]
        linearProgram = linear == nil ? nil : finished[4]
        linearOutputProgram = linearOutputs == nil ? nil : finished[5]
    }

    /// Preallocated registers (constants loaded) for the evaluation calls.
    public func makeScratch() -> Scratch {
        var registers = [Double](repeating: 0, count: registerCount)
        for (i, c) in constants.enumerated() { registers[constantBase + i] = c }
        return Scratch(registers: registers, owner: identity)
    }

    /// Initial state for parameters p (initial-condition expressions may use parameters).
    /// `p.count` must equal `parameterNames.count`.
    public func initialState(parameters p: [Double]) -> [Double] {
        var scratch = makeScratch()
        var x0 = [Double](repeating: 0, count: stateCount)
        let zeros = [Double](repeating: 0, count: stateCount)
        p.withUnsafeBufferPointer { pp in
            zeros.withUnsafeBufferPointer { xx in
                x0.withUnsafeMutableBufferPointer { out in
                    run(initialProgram, t: 0, x: xx, p: pp, scratch: &scratch, into: out)
                }
            }
        }
        return x0
    }

    /// dx/dt into `dx` (count ≥ stateCount). Does not allocate.
    public func derivatives(
        t: Double, state x: UnsafeBufferPointer<Double>, parameters p: UnsafeBufferPointer<Double>,
        scratch: inout Scratch, into dx: UnsafeMutableBufferPointer<Double>
    ) {
        run(rhsProgram, t: t, x: x, p: p, scratch: &scratch, into: dx)
    }

    /// Analytic Jacobian d(dx)/dx, row-major stateCount×stateCount: `j[i*n + k] = ∂(dx_i)/∂x_k`.
    /// From symbolic differentiation, compiled like the RHS. Does not allocate.
    public func jacobian(
        t: Double, state x: UnsafeBufferPointer<Double>, parameters p: UnsafeBufferPointer<Double>,
        scratch: inout Scratch, into j: UnsafeMutableBufferPointer<Double>
    ) {
        run(jacobianProgram, t: t, x: x, p: p, scratch: &scratch, into: j)
    }

    /// Outputs into `y` (count ≥ outputNames.count). Does not allocate.
    public func outputs(
        t: Double, state x: UnsafeBufferPointer<Double>, parameters p: UnsafeBufferPointer<Double>,
        scratch: inout Scratch, into y: UnsafeMutableBufferPointer<Double>
    ) {
        run(outputProgram, t: t, x: x, p: p, scratch: &scratch, into: y)
    }

    /// Non-nil when every d/dt is affine in the states with coefficients free of t and states
    /// (decided symbolically: each ∂(d/dt)/∂x is free of states and t, and no right-hand side
    /// mentions t): dx/dt = K·x + b. Returns K (row-major n×n, per h) and b for parameters p.
    public func linearForm(parameters p: [Double]) -> (k: [Double], b: [Double])? {
        guard let linearProgram else { return nil }
        let n = stateCount
        let values = evaluateAtZeroState(linearProgram, parameters: p)
        return (Array(values[0..<(n * n)]), Array(values[(n * n)...]))
    }

    /// Outputs that are linear in the states without constant term: y = S·x with S row-major
    /// outputs×states. Linearity is decided symbolically (as for `linearForm`); the absence of a
    /// constant term is checked for these parameters (y = 0 at x = 0, t = 0). nil otherwise.
    public func linearOutputs(parameters p: [Double]) -> [Double]? {
        guard let linearOutputProgram else { return nil }
        let scaleCount = outputNames.count * stateCount
        let values = evaluateAtZeroState(linearOutputProgram, parameters: p)
        guard values[scaleCount...].allSatisfy({ $0 == 0 }) else { return nil }
        return Array(values[0..<scaleCount])
    }

    private func evaluateAtZeroState(_ program: Program, parameters p: [Double]) -> [Double] {
        var scratch = makeScratch()
        var values = [Double](repeating: 0, count: program.results.count)
        let zeros = [Double](repeating: 0, count: stateCount)
        p.withUnsafeBufferPointer { pp in
            zeros.withUnsafeBufferPointer { xx in
                values.withUnsafeMutableBufferPointer { out in
                    run(program, t: 0, x: xx, p: pp, scratch: &scratch, into: out)
                }
            }
        }
        return values
    }

    /// Self-check for tests: every register operand and result of every program is in range
    /// and instructions write temporaries only.
    func registersAreInBounds() -> Bool {
        let temporaryBase = constantBase + constants.count
        let cacheBase = registerCount - 6 * (parameterDefaults.count + 1)
        let programs = [rhsProgram, jacobianProgram, outputProgram, initialProgram]
            + [linearProgram, linearOutputProgram].compactMap { $0 }
        func ok(_ r: Int32) -> Bool { r >= 0 && Int(r) < registerCount }
        for program in programs {
            for ins in program.instructions {
                guard ok(ins.a), ok(ins.b), ok(ins.c), ok(ins.dst), Int(ins.dst) >= temporaryBase,
                      Int(ins.dst) < cacheBase, ins.a < cacheBase, ins.b < cacheBase, ins.c < cacheBase else {
                    return false
                }
            }
            guard program.results.allSatisfy({ ok($0) && Int($0) < cacheBase }),
                  program.cacheOffset >= cacheBase,
                  program.cacheOffset + parameterDefaults.count + 1 <= registerCount else { return false }
        }
        return true
    }

    /// Number of instructions in the right-hand-side program (for tests and diagnostics).
    var derivativeInstructionCount: Int { rhsProgram.instructions.count }

    @inline(__always)
    private func run(
        _ program: Program, t: Double, x: UnsafeBufferPointer<Double>, p: UnsafeBufferPointer<Double>,
        scratch: inout Scratch, into out: UnsafeMutableBufferPointer<Double>
    ) {
        let parameterCount = parameterDefaults.count
        let stateCount = stateNames.count
        precondition(p.count >= parameterCount, "ModelProgram: expected \(parameterCount) parameters, got \(p.count)")
        precondition(x.count >= stateCount, "ModelProgram: expected \(stateCount) states, got \(x.count)")
        precondition(out.count >= program.results.count,
                     "ModelProgram: output buffer holds \(out.count), needs \(program.results.count)")
        precondition(scratch.owner === identity && scratch.registers.count >= registerCount,
                     "ModelProgram: scratch was made by a different program")
        scratch.registers.withUnsafeMutableBufferPointer { registers in
            guard let r = registers.baseAddress else { return }
            r[0] = t
            for i in 0..<parameterCount { r[1 + i] = p[i] }
            let stateBase = 1 + parameterCount
            for i in 0..<stateCount { r[stateBase + i] = x[i] }
            program.instructions.withUnsafeBufferPointer { code in
                let split = program.parameterInstructionCount
                if split > 0 {
                    // Parameter section: rerun only when p differs (bitwise) from this program's last call.
                    let cache = r + program.cacheOffset
                    var hit = cache[0] == 1
                    if hit {
                        for i in 0..<parameterCount where cache[1 + i].bitPattern != p[i].bitPattern {
                            hit = false
                            break
                        }
                    }
                    if !hit {
                        Program.execute(UnsafeBufferPointer(rebasing: code[0..<split]), r)
                        for i in 0..<parameterCount { cache[1 + i] = p[i] }
                        cache[0] = 1
                    }
                }
                Program.execute(UnsafeBufferPointer(rebasing: code[split...]), r)
            }
            program.results.withUnsafeBufferPointer { results in
                for i in 0..<results.count { out[i] = r[Int(results[i])] }
            }
        }
    }
}
