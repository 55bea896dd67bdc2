/// What a model hands to a driver of the event engine (a NONMEM data set, a model run, a population
/// subject): an `EventEngine` ready to run, the model's outputs as functions of
/// (parameter-set index, state, time in h), and the name of the solver behind the engine.
///
/// Exact linear models and text models on the ODE path give the same type, so every driver is
/// written once against it.
public struct PreparedEngine {
    /// The engine, at time 0 with zero (or the program's initial) state; `start(atH:)` sets the clock.
    public var engine: EventEngine
    /// Every output in the model's `outputNames` order, in the output's own unit (ng/mL for
    /// concentrations of the built-in models), for (parameter-set index, state, time h).
    public let outputs: (Int, [Double], Double) -> [Double]
    /// The first output only: the fast path when a driver needs one value per record.
    public let output: (Int, [Double], Double) -> Double
    /// The solver, as printed in provenance: "exact (matrix exponential)" or the ODE method with
    /// its tolerances.
    public let solver: String

    /// An engine with its output function (model index, state amounts in mg, time in h → output,
    /// e.g. ng/mL) and the solver's name.
    public init(engine: EventEngine, solver: String,
                output: @escaping (Int, [Double], Double) -> Double,
                outputs: @escaping (Int, [Double], Double) -> [Double]) {
        self.engine = engine
        self.solver = solver
        self.output = output
        self.outputs = outputs
    }

    /// An exact engine on linear models (one per parameter set), outputs read from each model.
    public init(linear models: [LinearModel], solver: String = "exact (matrix exponential)") {
        let n = models.first?.outputs.count ?? 0
        self.init(engine: EventEngine(models: models), solver: solver,
                  output: { m, x, _ in models[m].outputValue(0, x) },
                  outputs: { m, x, _ in (0..<n).map { models[m].outputValue($0, x) } })
    }
}
