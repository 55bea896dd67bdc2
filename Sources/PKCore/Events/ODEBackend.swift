import ModelLanguage

/// Holds a model program's evaluation registers. A reference so that the `ODESystem` adapter can stay
/// a value type with non-mutating `derivatives`, as the solver protocol requires.
final class ScratchBox: @unchecked Sendable {
    var scratch: ModelProgram.Scratch
    init(_ s: ModelProgram.Scratch) { scratch = s }
}

/// A text model (`ModelProgram`) with fixed parameters and a constant zero-order input, as an
/// `ODESystem`: dx/dt = f(t, x; p) + r. The Jacobian is the program's symbolic one.
public struct ProgramSystem: ODESystem {
    /// The compiled text model.
    public let program: ModelProgram
    /// Parameter values, in `program.parameterNames` order.
    public let parameters: [Double]
    /// Zero-order input rate per state (mg/h, or state unit per h), added to f; nil = none.
    public let rates: [Double]?
    let box: ScratchBox

    /// Number of states.
    public var dimension: Int { program.stateCount }

    /// dx/dt = f(t, x; p) + r (state units per h), evaluated by the program into `dx`.
    public func derivatives(t: Double, state x: UnsafeBufferPointer<Double>, into dx: UnsafeMutableBufferPointer<Double>) {
        parameters.withUnsafeBufferPointer { p in
            program.derivatives(t: t, state: x, parameters: p, scratch: &box.scratch, into: dx)
        }
        if let rates { for i in 0..<rates.count { dx[i] += rates[i] } }
    }

    /// The program's symbolic Jacobian ∂f/∂x (row-major n×n) into `j`; always returns true (the
    /// constant input r does not contribute).
    public func jacobian(t: Double, state x: UnsafeBufferPointer<Double>, into j: UnsafeMutableBufferPointer<Double>) -> Bool {
        parameters.withUnsafeBufferPointer { p in
            program.jacobian(t: t, state: x, parameters: p, scratch: &box.scratch, into: j)
        }
        return true
    }
}

/// The general (nonlinear) path of `EventEngine`: integrates a text model between events with the
/// ODE solvers, restarting at every dose and infusion start or stop, and fills output times inside
/// a segment from dense output (no step shortened to hit them).
public struct ODEBackend: Sendable {
    /// The compiled text model integrated between events.
    public let program: ModelProgram
    /// Parameter vectors that records refer to by model index (NOCB sets).
    public var parameterSets: [[Double]]
    /// Solver options: method (Dormand–Prince 5(4), Rodas4 or automatic stiffness switching),
    /// rtol, atol.
    public var options: ODEOptions
    /// Solver statistics summed over all segments.
    public private(set) var statistics: SolverStatistics
    var workspace: ODEWorkspace
    /// The program's registers. Copies of a backend (an `EventEngine` copied to another thread)
    /// share it until one integrates: `integrate` then takes its own (copy on write), so no two
    /// copies ever evaluate into the same registers.
    var box: ScratchBox

    /// A backend for `program` with one parameter vector per model index; statistics start at zero.
    public init(program: ModelProgram, parameterSets: [[Double]], options: ODEOptions = ODEOptions()) {
        self.program = program
        self.parameterSets = parameterSets
        self.options = options
        self.workspace = ODEWorkspace(dimension: program.stateCount)
        self.box = ScratchBox(program.makeScratch())
        self.statistics = SolverStatistics(methodUsed: options.method)
    }

    /// Integrates `state` from t0 to t1 under parameter set `model` with input `rates`; returns the
    /// states at `outputTimes` (within [t0, t1]), flattened.
    mutating func integrate(_ state: inout [Double], from t0: Double, to t1: Double, rates: [Double]?, model: Int,
                            outputTimes: [Double] = []) throws -> [Double] {
        guard t1 > t0 else { return outputTimes.flatMap { _ in state } }
        if !isKnownUniquelyReferenced(&box) { box = ScratchBox(box.scratch) }
        let system = ProgramSystem(program: program, parameters: parameterSets[model], rates: rates, box: box)
        do {
            let r = try ODESolver.solve(system, t0: t0, x0: state, tEnd: t1, outputTimes: outputTimes, options: options, workspace: &workspace)
            statistics.add(r.stats)
            state = r.final
            return r.outputs
        } catch let e as ODEError {
            throw SimulationError("ODE solver: \(e.description)")
        }
    }
}
