import PKCore
import PKProfiles

/// `simulate --model FILE.model`: a text model (exact when its equations are linear in the states,
/// else the ODE solvers) dosed by route into a named state, observed on a grid. Metrics are those
/// of a curve known on a grid (`GridMetrics`, linear between points), and say so.
public enum ModelRun {
    /// One regimen on one text model: what to dose, where, and the grid to observe on.
    public struct Request: Sendable {
        /// The model's text (`.model` language) and a name for messages.
        public var source: String
        /// Name used in messages and provenance (usually the file name).
        public var name: String
        /// Solver choice and tolerances for the ODE path (unused when the model is linear).
        public var options: ODEOptions
        /// The dosed state, by name.
        public var compartment: String
        /// Route of each dose: `iv` with `infusionH` > 0 is an infusion, every other route a bolus
        /// into `compartment`.
        public var route: Route
        /// Amount of each dose (mg), before bioavailability.
        public var doseMg: Double
        /// Bioavailability (0-1).
        public var bioavailability: Double
        /// IV infusion duration (h), for route iv.
        public var infusionH: Double
        /// Dosing interval (h) between `count` doses (count 1: a single dose).
        public var intervalH: Double
        /// Number of doses (≥ 1).
        public var count: Int
        /// Grid end and step (h).
        public var durationH: Double
        /// Grid step (h); grid times are integer multiples of it.
        public var stepH: Double
        /// Band, window and discharge level for the metrics (in the model's output unit).
        public var metrics: MetricOptions
        /// Body weight (kg) for a model parameter named WT; nil keeps the model's default.
        public var weightKg: Double? = nil

        /// Memberwise; `run` validates the values.
        public init(source: String, name: String, options: ODEOptions, compartment: String, route: Route, doseMg: Double, bioavailability: Double,
                    infusionH: Double, intervalH: Double, count: Int, durationH: Double, stepH: Double, metrics: MetricOptions) {
            self.source = source
            self.name = name
            self.options = options
            self.compartment = compartment
            self.route = route
            self.doseMg = doseMg
            self.bioavailability = bioavailability
            self.infusionH = infusionH
            self.intervalH = intervalH
            self.count = count
            self.durationH = durationH
            self.stepH = stepH
            self.metrics = metrics
        }
    }

    /// The model's first output on the grid, with its metrics and the solver that produced it.
    public struct Result: Sendable {
        /// The WT the model ran with (kg), when it has a WT parameter.
        public var weightKg: Double? = nil
        /// Name of the model's first output (the one observed).
        public var outputName: String
        /// Grid times (h), integer multiples of the step.
        public var timesH: [Double]
        /// The first output at each grid time, in the model's output unit.
        public var values: [Double]
        /// Metrics on the grid (linear between points).
        public var metrics: SubjectMetrics
        /// The solver that ran, and its statistics for ODE runs.
        public var solver: String
        /// Steps, rejections and evaluations of the ODE solver; nil on the exact path.
        public var statistics: SolverStatistics?
    }

    /// Compiles the model, doses it and observes it on the grid. Throws `StudyError` naming the
    /// field (model, cmt, dose …) when the model or the request cannot be run.
    public static func run(_ r: Request) throws -> Result {
        let tm: TextModel
        do { tm = try TextModel(source: r.source, options: r.options) } catch let e as ModelSpecError {
            throw StudyError("model", "\(r.name): \(e.message)", isUsage: false)
        }
        let states = tm.compartmentNames
        guard let cmt = states.firstIndex(of: r.compartment) else {
            throw StudyError("cmt", "model has no state '\(r.compartment)' (states: \(states.joined(separator: ", "))); name the dosing compartment with --cmt")
        }
        let input: DoseInput = r.route == .ivInfusion ? .duration(r.infusionH) : .bolus
        let inst = DoseInstruction(compartment: cmt, amountMg: r.doseMg, bioavailability: r.bioavailability, input: input,
                                   intervalH: r.count > 1 ? r.intervalH : 0, additionalDoses: r.count - 1)
        let times = try Simulator.grid(endH: r.durationH, stepH: r.stepH)
        var records = [EventRecord(timeH: 0, action: .dose(inst))]
        records += times.map { EventRecord(timeH: $0, action: .observe) }
        let made: PreparedEngine
        var parameters = tm.defaultParameters
        if let w = r.weightKg, let k = tm.parameterNames.firstIndex(where: { $0.uppercased() == "WT" }) { parameters[k] = w }
        do { made = try tm.makeEngine(parameterSets: [parameters]) } catch let e as ModelSpecError {
            throw StudyError("model", "\(r.name): \(e.message)", isUsage: false)
        }
        var engine = made.engine
        let flat = try engine.run(records)
        let n = states.count
        let values = times.indices.map { k in made.output(0, Array(flat[((k + 1) * n)..<((k + 2) * n)]), times[k]) }
        var result = Result(outputName: tm.outputName, timesH: times, values: values,
                            metrics: GridMetrics.metrics(timesH: times, values: values, options: r.metrics),
                            solver: made.solver, statistics: engine.ode?.statistics)
        if let k = tm.parameterNames.firstIndex(where: { $0.uppercased() == "WT" }) { result.weightKg = parameters[k] }
        return result
    }
}
