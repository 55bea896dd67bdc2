/// Per-subject exposure metrics (ng/mL, h, ng·h/mL). `dischargeH` is NaN when the concentration
/// does not fall below the discharge level for good within 30 days after the end.
public struct SubjectMetrics: Sendable, Equatable {
    public var cmax: Double
    public var tmaxH: Double
    public var auc: Double
    /// Hours with band.low ≤ C < band.high inside the metric window.
    public var hoursInBand: Double
    public var dischargeH: Double

    public init(cmax: Double, tmaxH: Double, auc: Double, hoursInBand: Double, dischargeH: Double) {
        self.cmax = cmax
        self.tmaxH = tmaxH
        self.auc = auc
        self.hoursInBand = hoursInBand
        self.dischargeH = dischargeH
    }

    /// Names (CSV columns and summary keys) in `values` order.
    public static let names = ["cmax", "tmax_h", "auc", "band_h", "discharge_h"]
    public static let units = ["ng/mL", "h", "ng*h/mL", "h", "h"]
    public var values: [Double] { [cmax, tmaxH, auc, hoursInBand, dischargeH] }
}

/// One simulated subject: metrics from the exact curve, and the output on the grid (simulated
/// observations when residual error is on), empty unless asked for.
public struct SubjectResult: Sendable {
    public var metrics: SubjectMetrics
    public var curve: [Double]
    public init(metrics: SubjectMetrics, curve: [Double]) {
        self.metrics = metrics
        self.curve = curve
    }
}

/// What the metrics look at: the concentration band, the window for time in band, the discharge level.
public struct MetricOptions: Sendable, Equatable {
    public var bandLow: Double
    public var bandHigh: Double
    public var windowStartH: Double
    public var windowEndH: Double
    public var dischargeLevel: Double
    /// Output analysed (case-insensitive), "CP" by default.
    public var output: String
    public init(bandLow: Double, bandHigh: Double, windowStartH: Double, windowEndH: Double, dischargeLevel: Double, output: String = "CP") {
        self.bandLow = bandLow
        self.bandHigh = bandHigh
        self.windowStartH = windowStartH
        self.windowEndH = windowEndH
        self.dischargeLevel = dischargeLevel
        self.output = output
    }
}

/// The per-subject kernel of a population run: individual parameters in, metrics (and the curve on
/// `timesH`, if asked) out. Implementations must be pure functions of their inputs, so results do
/// not depend on threads; a faster kernel can replace the exact one behind this protocol.
public protocol SubjectSimulator: Sendable {
    /// The output grid (h).
    var timesH: [Double] { get }
    func simulate(_ subject: Subject, parameters: [Double], wantCurve: Bool) throws -> SubjectResult
    /// Up to `Lanes.scalarCount` subjects at once on the SIMD lane kernel, with results equal to
    /// `simulate` (to ~1e-12 relative) and depending only on each subject; nil when this group
    /// cannot run there (the caller then runs `simulate` per subject, which reports any error).
    func simulateLanes(_ subjects: [Subject], parameters: [[Double]], wantCurve: Bool) -> [SubjectResult]?
    /// True when a lane result depends on the other subjects of its group (a shared step size):
    /// callers then form groups of `Lanes.scalarCount` by absolute subject index (subjects
    /// [k·width, (k+1)·width) of the study), so results do not depend on threads or shards.
    var lanesCoupled: Bool { get }
}

extension SubjectSimulator {
    public func simulateLanes(_ subjects: [Subject], parameters: [[Double]], wantCurve: Bool) -> [SubjectResult]? { nil }
    /// False by default: lane results depend only on each subject.
    public var lanesCoupled: Bool { false }
}

/// The exact path: Regimen → compile on the dosing model → Simulator on the grid → CurveAnalysis
/// on the exact piecewise solution (peak and threshold crossings by root finding, exact area).
public struct RegimenSubjectSimulator: SubjectSimulator {
    public let model: DosingModel
    /// The regimen of a subject (doses in mg/kg resolve with the subject's weight).
    public let regimen: @Sendable (Subject) throws -> Regimen
    public let timesH: [Double]
    public let options: MetricOptions
    /// Run groups of subjects on `LaneRegimenKernel` (default); false: the event engine only.
    public var useLanes = true
    let outputIndex: Int

    public init(model: DosingModel, timesH: [Double], options: MetricOptions, regimen: @escaping @Sendable (Subject) throws -> Regimen) throws {
        guard let o = model.compiled.spec.outputs.firstIndex(where: { $0.name.lowercased() == options.output.lowercased() }) else {
            throw SimulationError("model has no output '\(options.output)'")
        }
        guard !timesH.isEmpty else { throw SimulationError("no output times") }
        self.model = model
        self.regimen = regimen
        self.timesH = timesH
        self.options = options
        outputIndex = o
    }

    public func simulate(_ subject: Subject, parameters: [Double], wantCurve: Bool) throws -> SubjectResult {
        let compiled = try regimen(subject).compile(on: model, parameters: parameters)
        let result = try Simulator.simulate(model: compiled.model, records: compiled.records, timesH: timesH)
        let a = CurveAnalysis(trajectory: result.trajectory, output: outputIndex, startH: timesH.first, endH: timesH.last)
        let (cmax, tmax) = a.peak()
        let o = options
        let metrics = SubjectMetrics(
            cmax: cmax, tmaxH: tmax, auc: a.area(),
            hoursInBand: a.hoursInBand(lower: o.bandLow, upper: o.bandHigh, from: o.windowStartH, to: o.windowEndH),
            dischargeH: a.timeBelowForGood(o.dischargeLevel) ?? .nan)
        return SubjectResult(metrics: metrics, curve: wantCurve ? result.outputs[outputIndex] : [])
    }

    public func simulateLanes(_ subjects: [Subject], parameters: [[Double]], wantCurve: Bool) -> [SubjectResult]? {
        guard useLanes else { return nil }
        var models: [LinearModel] = [], records: [[EventRecord]] = []
        for (s, p) in zip(subjects, parameters) {
            guard let c = try? regimen(s).compile(on: model, parameters: p) else { return nil }
            models.append(c.model)
            records.append(c.records)
        }
        if let r = LaneRegimenKernel.run(models: models, records: records, output: outputIndex, timesH: timesH, options: options, wantCurve: wantCurve) {
            return r
        }
        // Subject-specific event times (lags, durations) or structures: one subject per lane run.
        guard models.count > 1 else { return nil }
        var out: [SubjectResult] = []
        for k in models.indices {
            guard let r = LaneRegimenKernel.run(models: [models[k]], records: [records[k]], output: outputIndex, timesH: timesH,
                                                options: options, wantCurve: wantCurve) else { return nil }
            out.append(r[0])
        }
        return out
    }
}

/// A NONMEM data set (one individual's records) as the regimen, run by `NonmemRun` with the
/// subject's parameters as the model's values (data-set parameter columns still override them).
/// The grid is the times of the EVID 0 records; metrics are on that grid (linear between points:
/// trapezoidal AUC, interpolated band and discharge crossings), since a data set may reset or
/// change parameters mid-way.
public struct DatasetSubjectSimulator: SubjectSimulator {
    public let data: NonmemDataset
    public let model: CompiledModel
    public let timesH: [Double]
    public let options: MetricOptions
    let observationRows: [Int]

    public init(data: NonmemDataset, model: CompiledModel, options: MetricOptions) throws {
        let ids = Set(data.rows.map(\.id))
        guard ids.count == 1 else {
            throw DataError("data set: \(ids.count) IDs; a batch regimen is one individual's records (every subject gets them)")
        }
        let obs = data.rows.indices.filter { data.rows[$0].evid == 0 }
        guard obs.count >= 2 else { throw DataError("data set: needs at least 2 observation records (EVID 0) as the output grid") }
        guard model.spec.outputs[0].name.lowercased() == options.output.lowercased() else {
            throw DataError("data set runs report the model's first output '\(model.spec.outputs[0].name)', not '\(options.output)'")
        }
        let times = obs.map { data.rows[$0].timeH }
        for k in 1..<times.count where times[k] < times[k - 1] {
            throw DataError("line \(data.rows[obs[k]].line): observation times must not decrease for a batch grid")
        }
        self.data = data
        self.model = model
        self.options = options
        observationRows = obs
        timesH = times
    }

    /// The compiled model with one subject's parameters as its defaults.
    struct Individual: NonmemModel {
        let base: CompiledModel
        let defaultParameters: [Double]
        var parameterNames: [String] { base.parameterNames }
        var compartmentNames: [String] { base.compartmentNames }
        var outputName: String { base.outputName }
        var outputNames: [String] { base.outputNames }
        var columnAliases: [String: String] { base.columnAliases }
        func doseModifiers(_ c: Int) -> CompiledModel.DoseModifierIndices { base.doseModifiers[c] }
        func makeEngine(parameterSets: [[Double]]) throws -> PreparedEngine {
            try base.makeEngine(parameterSets: parameterSets)
        }
    }

    public func simulate(_ subject: Subject, parameters: [Double], wantCurve: Bool) throws -> SubjectResult {
        let run = try NonmemRun.simulate(data, model: Individual(base: model, defaultParameters: parameters))
        let c = observationRows.map { run.rows[$0].output }
        return SubjectResult(metrics: GridMetrics.metrics(timesH: timesH, values: c, options: options), curve: wantCurve ? c : [])
    }
}

/// Metrics of a curve known only on a grid, linear between points.
public enum GridMetrics {
    public static func metrics(timesH t: [Double], values c: [Double], options o: MetricOptions) -> SubjectMetrics {
        var cmax = c[0], tmax = t[0], auc = 0.0
        for k in 1..<c.count {
            if c[k] > cmax { cmax = c[k]; tmax = t[k] }
            auc += 0.5 * (c[k] + c[k - 1]) * (t[k] - t[k - 1])
        }
        let band = hoursAtOrAbove(t, c, o.bandLow, o.windowStartH, o.windowEndH) - hoursAtOrAbove(t, c, o.bandHigh, o.windowStartH, o.windowEndH)
        var discharge = t[0]
        if c[c.count - 1] >= o.dischargeLevel {
            discharge = .nan
        } else if let last = c.lastIndex(where: { $0 >= o.dischargeLevel }) {
            discharge = crossing(t[last], c[last], t[last + 1], c[last + 1], o.dischargeLevel)
        }
        return SubjectMetrics(cmax: cmax, tmaxH: tmax, auc: auc, hoursInBand: band, dischargeH: discharge)
    }

    static func crossing(_ t0: Double, _ c0: Double, _ t1: Double, _ c1: Double, _ level: Double) -> Double {
        c1 == c0 ? t0 : t0 + (level - c0) / (c1 - c0) * (t1 - t0)
    }

    /// Hours in [from, to] with the linear interpolant ≥ level.
    static func hoursAtOrAbove(_ t: [Double], _ c: [Double], _ level: Double, _ from: Double, _ to: Double) -> Double {
        var total = 0.0
        for k in 1..<t.count {
            let (t0, t1, c0, c1) = (t[k - 1], t[k], c[k - 1], c[k])
            guard t1 > t0 else { continue }
            var a: Double, b: Double
            if c0 >= level && c1 >= level { (a, b) = (t0, t1) }
            else if c0 < level && c1 < level { continue }
            else if c0 >= level { (a, b) = (t0, crossing(t0, c0, t1, c1, level)) }
            else { (a, b) = (crossing(t0, c0, t1, c1, level), t1) }
            a = Swift.max(a, from)
            b = Swift.min(b, to)
            if b > a { total += b - a }
        }
        return total
    }
}
