// Which states an output needs, and the program restricted to them (issue 13: integrate only the
// states the reported outputs depend on).

extension ModelProgram {
    /// The states that the outputs `outputs` (indices into `outputNames`) depend on, 0-based and
    /// ascending: a state is needed when one of these outputs reads it, or the d/dt of a needed
    /// state reads it, directly or through derived quantities (transitively). Every other state
    /// feeds none of these outputs: integrating the needed states alone gives the same outputs
    /// (to the ODE tolerance: the step sizes, chosen from the error of the states integrated, differ).
    public func statesFeeding(outputs: [Int]) -> [Int] {
        let model = checked
        precondition(outputs.allSatisfy { $0 >= 0 && $0 < model.outputs.count }, "ModelProgram.statesFeeding: output index out of range")
        let reads = StateReads(model.derived)
        var needed = [Bool](repeating: false, count: model.stateNames.count)
        var stack: [Int] = []
        func visit(_ e: Expr) {
            for j in reads.states(e) where !needed[j] {
                needed[j] = true
                stack.append(j)
            }
        }
        for o in outputs { visit(model.outputs[o]) }
        while let j = stack.popLast() { visit(model.odes[j]) }
        return needed.indices.filter { needed[$0] }
    }

    /// This program with only the states `states` (0-based, ascending, no repeats; in that order)
    /// and the outputs `outputs` (indices into `outputNames`, in that order). The kept d/dt and
    /// outputs must read kept states only (`statesFeeding(outputs:)` gives the smallest such set).
    /// Parameters, their defaults, units and `[omega]` are unchanged; initial conditions are those
    /// of the kept states. Each kept right-hand side and output is compiled from the same checked
    /// expressions, so for equal kept states it gives the same bits as in this program.
    public func restricted(toStates states: [Int], outputs: [Int]) -> ModelProgram {
        let model = checked
        let n = model.stateNames.count
        precondition(zip(states, states.dropFirst()).allSatisfy { $0 < $1 } && states.allSatisfy { $0 >= 0 && $0 < n },
                     "ModelProgram.restricted: states must be ascending indices without repeats")
        precondition(outputs.allSatisfy { $0 >= 0 && $0 < model.outputs.count }, "ModelProgram.restricted: output index out of range")
        var newIndex = [Int?](repeating: nil, count: n)
        for (k, j) in states.enumerated() { newIndex[j] = k }
        let reads = StateReads(model.derived)
        for e in states.map({ model.odes[$0] }) + outputs.map({ model.outputs[$0] }) {
            precondition(reads.states(e).allSatisfy { newIndex[$0] != nil }, "ModelProgram.restricted: a kept d/dt or output reads a dropped state")
        }
        // A dropped state reads as NaN: only derived quantities that no kept expression reaches can
        // mention one, and the code generator compiles the reached ones only.
        func remap(_ e: Expr) -> Expr {
            switch e {
            case .constant, .time, .parameter, .derived: return e
            case .state(let j): return newIndex[j].map { .state($0) } ?? .constant(.nan)
            case .unary(let op, let a): return .unary(op, remap(a))
            case .binary(let op, let a, let b): return .binary(op, remap(a), remap(b))
            case .select(let c, let a, let b): return .select(remap(c), remap(a), remap(b))
            }
        }
        var reduced = CheckedModel()
        reduced.parameterNames = model.parameterNames
        reduced.parameterDefaults = model.parameterDefaults
        reduced.parameterUnits = model.parameterUnits
        reduced.stateNames = states.map { model.stateNames[$0] }
        reduced.initialConditions = states.map { remap(model.initialConditions[$0]) }
        reduced.derivedNames = model.derivedNames
        for e in model.derived.expressions { reduced.derived.append(remap(e)) }
        reduced.odes = states.map { remap(model.odes[$0]) }
        reduced.outputNames = outputs.map { model.outputNames[$0] }
        reduced.outputs = outputs.map { remap(model.outputs[$0]) }
        // Cannot throw: the only compile error is a register file too large, and this program,
        // which has every expression of the reduced one and more, compiled.
        return try! ModelProgram(reduced, omega: omega)
    }
}

/// The states each expression reads, through derived quantities (memoized per derived entry).
private struct StateReads {
    /// States read by each derived-table entry (entries refer only to lower indices).
    private var derivedStates: [[Int]] = []

    init(_ table: DerivedTable) {
        for e in table.expressions { derivedStates.append(collect(e)) }
    }

    /// States `e` reads, ascending, without repeats.
    func states(_ e: Expr) -> [Int] { collect(e) }

    private func collect(_ e: Expr) -> [Int] {
        var found = Set<Int>()
        func walk(_ e: Expr) {
            switch e {
            case .constant, .time, .parameter: break
            case .state(let j): found.insert(j)
            case .derived(let k): if k >= 0 && k < derivedStates.count { found.formUnion(derivedStates[k]) }
            case .unary(_, let a): walk(a)
            case .binary(_, let a, let b): walk(a); walk(b)
            case .select(let c, let a, let b): walk(c); walk(a); walk(b)
            }
        }
        walk(e)
        return found.sorted()
    }
}
