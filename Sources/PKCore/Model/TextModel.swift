import ModelLanguage

/// A text model file (`ModelLanguage`) as a model for data sets and simulations. When every
/// parameter set makes the right-hand side linear in the states with no constant input, the initial
/// state is zero and the first output reads one state, it runs on the exact (matrix exponential)
/// path; otherwise on the ODE solvers. `solverDescription` says which.
public struct TextModel: NonmemModel, Sendable {
    /// The compiled program: parameters, states, right-hand side and outputs.
    public let program: ModelProgram
    /// Solver options for the ODE path (method, rtol, atol); unused on the exact path.
    public var options: ODEOptions
    /// Force the ODE path even for linear models.
    public var forceODE: Bool

    /// Parses and compiles `source`; errors give line and column.
    public init(source: String, options: ODEOptions = ODEOptions(), forceODE: Bool = false) throws {
        do { program = try ModelProgram(source: source) } catch let e as ModelLanguageError {
            throw ModelSpecError(e.description)
        }
        guard !program.outputNames.isEmpty else { throw ModelSpecError("model has no [outputs]") }
        self.options = options
        self.forceODE = forceODE
    }

    /// Parameter names in vector order, as declared in the file.
    public var parameterNames: [String] { program.parameterNames }
    /// Default parameter values from the file, in `parameterNames` order.
    public var defaultParameters: [Double] { program.parameterDefaults }
    /// State names in state order (NONMEM CMT n is state n − 1).
    public var compartmentNames: [String] { program.stateNames }
    /// The first output's name (the DV prediction).
    public var outputName: String { program.outputNames[0] }
    /// Every output's name, in file order.
    public var outputNames: [String] { program.outputNames }
    /// Text models define no column aliases: always empty.
    public var columnAliases: [String: String] { [:] }

    /// Indices of parameters named F<n>, ALAG<n>, R<n>, D<n> (n = c + 1) for doses into state `c`
    /// (0-based), where the file declares them.
    public func doseModifiers(_ c: Int) -> CompiledModel.DoseModifierIndices {
        let n = c + 1
        return .init(bioavailability: parameterNames.firstIndex(of: "F\(n)"), lag: parameterNames.firstIndex(of: "ALAG\(n)"),
                     rate: parameterNames.firstIndex(of: "R\(n)"), duration: parameterNames.firstIndex(of: "D\(n)"))
    }

    /// The exact linear models for these parameter sets, or nil when the program is not linear
    /// (or starts away from zero, or its first output mixes states).
    public func linearModels(parameterSets: [[Double]]) -> [LinearModel]? {
        if forceODE { return nil }
        let n = program.stateCount
        var models: [LinearModel] = []
        for p in parameterSets {
            guard let (k, b) = program.linearForm(parameters: p), b.allSatisfy({ $0 == 0 }),
                  program.initialState(parameters: p).allSatisfy({ $0 == 0 }),
                  let outs = program.linearOutputs(parameters: p) else { return nil }
            let first = Array(outs[0..<n])
            let nonzero = first.indices.filter { first[$0] != 0 }
            guard nonzero.count == 1 else { return nil }
            var elim = [Double](repeating: 0, count: n)
            for j in 0..<n { var s = 0.0; for i in 0..<n { s += k[i * n + j] }; elim[j] = -s }
            var mat = Matrix(rows: n, cols: n)
            mat.elements = k
            models.append(LinearModel(
                stateNames: program.stateNames, rateMatrix: mat, isMassState: [Bool](repeating: true, count: n),
                outputs: [ModelOutput(name: outputName, state: nonzero[0], scale: first[nonzero[0]], unit: "")],
                eliminationRatePerH: elim))
        }
        return models
    }

    /// An engine for these parameter sets (one per model index): exact when the program is linear
    /// in its states (see `linearModels`), else the ODE path with this model's `options`. Outputs
    /// are evaluated by the program on either path.
    public func makeEngine(parameterSets: [[Double]]) throws -> PreparedEngine {
        let box = ScratchBox(program.makeScratch())
        let prog = program
        let outputs: (Int, [Double], Double) -> [Double] = { m, x, t in
            var y = [Double](repeating: 0, count: prog.outputNames.count)
            x.withUnsafeBufferPointer { xs in
                parameterSets[m].withUnsafeBufferPointer { ps in
                    y.withUnsafeMutableBufferPointer { ys in prog.outputs(t: t, state: xs, parameters: ps, scratch: &box.scratch, into: ys) }
                }
            }
            return y
        }
        if let models = linearModels(parameterSets: parameterSets) {
            return PreparedEngine(engine: EventEngine(models: models), solver: "exact (matrix exponential; the model is linear)",
                                  output: { m, x, _ in models[m].outputValue(0, x) }, outputs: outputs)
        }
        let backend = ODEBackend(program: program, parameterSets: parameterSets, options: options)
        let method: String
        switch options.method {
        case .dormandPrince54: method = "Dormand-Prince 5(4)"
        case .rodas4: method = "Rodas4"
        case .automatic: method = "automatic (Dormand-Prince 5(4), switching to Rodas4 when stiff)"
        }
        func tol(_ v: [Double]) -> String { v.count == 1 ? "\(v[0])" : "per state" }
        return PreparedEngine(engine: EventEngine(ode: backend), solver: "ODE: \(method), rtol \(tol(options.rtol)), atol \(tol(options.atol))",
                              output: { m, x, t in outputs(m, x, t)[0] }, outputs: outputs)
    }
}
