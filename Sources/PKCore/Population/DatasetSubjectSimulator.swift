/// A NONMEM data set (one individual's records) as the regimen, run by `NonmemRun` with the
/// subject's parameters as the model's values (data-set parameter columns still override them).
/// The grid is the times of the EVID 0 records; metrics are on that grid (linear between points:
/// trapezoidal AUC, interpolated band and discharge crossings), since a data set may reset or
/// change parameters mid-way.
///
/// `simulateLanes` runs groups of subjects on `LaneRegimenKernel` when the data set's records
/// are ones the kernel expresses exactly (see `LanePlan`); the kernel then only supplies the
/// output at the observation times, and the metrics are `GridMetrics` on it as on the
/// `NonmemRun` path, so the two paths differ only by rounding (~1e-13 relative).
public struct DatasetSubjectSimulator: SubjectSimulator {
    /// The one individual's records every subject gets.
    public let data: NonmemDataset
    /// The compiled text or profile model.
    public let model: CompiledModel
    /// The times of the EVID 0 records (h): the output grid.
    public let timesH: [Double]
    /// Band (ng/mL), window (h), discharge level (ng/mL) and output of the metrics.
    public let options: MetricOptions
    /// Run groups of subjects on `LaneRegimenKernel` when the data set allows it (default);
    /// false: `NonmemRun` only.
    public var useLanes = true
    let observationRows: [Int]
    /// How the data set maps onto the lane kernel; nil when it cannot (every subject then runs
    /// through `NonmemRun`).
    let lanePlan: LanePlan?
    /// Knot schedules shared by the lane groups of this simulator's runs.
    let laneCache = LaneScheduleCache()

    /// Checks the data set: one ID, at least 2 observation records (EVID 0) at non-decreasing times,
    /// and that the model's first output is `options.output`; throws `DataError` naming the line.
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
        lanePlan = LanePlan(data: data, model: model)
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

    /// One subject: the data set run with its parameters (`NonmemRun`), metrics on the grid.
    public func simulate(_ subject: Subject, parameters: [Double], wantCurve: Bool) throws -> SubjectResult {
        let run = try NonmemRun.simulate(data, model: Individual(base: model, defaultParameters: parameters))
        let c = observationRows.map { run.rows[$0].output }
        return SubjectResult(metrics: GridMetrics.metrics(timesH: timesH, values: c, options: options), curve: wantCurve ? c : [])
    }

    /// A group of subjects on `LaneRegimenKernel`: the output at the observation times equals
    /// `NonmemRun`'s to ~1e-13 relative, and the metrics are `GridMetrics` on it as in `simulate`.
    /// Nil when the data set or a subject's values cannot run there (the caller then runs
    /// `simulate`, which also reports any error). Each lane depends only on its own subject.
    public func simulateLanes(_ subjects: [Subject], parameters: [[Double]], wantCurve: Bool) -> [SubjectResult]? {
        guard useLanes, let plan = lanePlan, !parameters.isEmpty, parameters.count <= Lanes.scalarCount else { return nil }
        var models: [LinearModel] = [], records: [[EventRecord]] = []
        for p in parameters {
            guard let (m, r) = plan.compile(model, parameters: p) else { return nil }
            models.append(m)
            records.append(r)
        }
        // Only the curve is used; these options keep the kernel's own metrics cheap (no band
        // window, no upper edge).
        let o = MetricOptions(bandLow: .infinity, bandHigh: .infinity, windowStartH: 0, windowEndH: 0, dischargeLevel: .infinity)
        var lanes: [SubjectResult]
        if let r = LaneRegimenKernel.run(models: models, records: records, output: 0, timesH: plan.gridH, options: o,
                                         wantCurve: true, cache: laneCache) {
            lanes = r
        } else {
            // Subject-specific event times (lags, modelled durations): one subject per lane run.
            guard models.count > 1 else { return nil }
            lanes = []
            for k in models.indices {
                guard let r = LaneRegimenKernel.run(models: [models[k]], records: [records[k]], output: 0, timesH: plan.gridH,
                                                    options: o, wantCurve: true, cache: laneCache) else { return nil }
                lanes.append(r[0])
            }
        }
        var out: [SubjectResult] = []
        out.reserveCapacity(lanes.count)
        for (k, lane) in lanes.enumerated() {
            let lc = lane.curve
            guard lc.count == plan.gridH.count else { return nil }
            let zero = models[k].outputs[0].scale * 0   // the output of the empty state, as `NonmemRun` computes it
            let c = plan.observationPoint.map { $0 < 0 ? zero : lc[$0] }
            out.append(SubjectResult(metrics: GridMetrics.metrics(timesH: timesH, values: c, options: options), curve: wantCurve ? c : []))
        }
        return out
    }

    /// How a data set runs on `LaneRegimenKernel`, worked out once from the records:
    ///
    /// - Served: EVID 0, 1 and 2 (not emptying a compartment) records, doses without SS, by bolus,
    ///   RATE > 0, or RATE −1/−2 with R/D from the model's parameters or data columns; F and ALAG
    ///   from parameters or data columns; ADDL/II. The dose records are built exactly as
    ///   `NonmemRun` builds them, and the kernel applies them as the event engine does.
    /// - Not served (nil: `NonmemRun`): one ID only is checked by the simulator; data columns that
    ///   set model parameters (parameter names or `columns` aliases), EVID 3/4 resets, EVID 2
    ///   emptying a compartment, SS doses, a CMT the model lacks.
    /// - The kernel's curve is the output after the events at each grid time. An observation sees
    ///   the records before it in the file (and every lagged or additional dose due by its time),
    ///   so an observation followed at its own time by an un-lagged bolus record sees the
    ///   pre-dose value: such subjects fall back (`compile` returns nil). Observations before the
    ///   first dose record see the empty state (their value is exactly the output of zero
    ///   amounts) and are not on the kernel's grid.
    /// - Dose records after the last observation record change no observation: they are checked
    ///   per subject as `NonmemRun` checks them (so the same subjects fail) but not run.
    struct LanePlan: Sendable {
        /// One dose record: its time, 0-based compartment, AMT, RATE, II, ADDL, the data-column
        /// F, ALAG, R, D (nil: no such column or not numeric), and whether an observation record
        /// before it in the file has its time.
        struct Dose: Sendable {
            var timeH: Double
            var compartment: Int
            var amount: Double
            var rate: Double
            var ii: Double
            var addl: Int
            var columnF: Double??
            var columnLag: Double??
            var columnR: Double??
            var columnD: Double??
            var observedBefore: Bool
            /// After the last observation record: it changes no observation, so it is only
            /// checked (as `NonmemRun` checks it), not run.
            var trailing: Bool
        }
        let doses: [Dose]
        /// The kernel's grid (h), strictly increasing: the distinct times of the observations
        /// after the first dose record, with the first dose record's time before them when earlier.
        let gridH: [Double]
        /// Per observation record (in `observationRows` order): its index in `gridH`, or −1 for the
        /// empty state (observations before any dose record).
        let observationPoint: [Int]

        init?(data dataSet: NonmemDataset, model: CompiledModel) {
            var data = dataSet
            guard (try? data.resolveCompartments(model.compartmentNames)) != nil else { return nil }
            let n = model.compartmentNames.count
            // Data columns that set parameters: `NonmemRun` applies them per record; not here.
            for name in data.header {
                if model.parameterNames.contains(where: { $0.caseInsensitiveEquals(name) }) { return nil }
                if model.columnAliases.keys.contains(where: { $0.caseInsensitiveEquals(name) }) { return nil }
            }
            func column(_ prefix: String, _ c: Int) -> Int? { data.header.firstIndex { $0.caseInsensitiveEquals("\(prefix)\(c + 1)") } }
            guard let lastObservation = data.rows.lastIndex(where: { $0.evid == 0 }) else { return nil }
            var doses: [Dose] = []
            var gridH: [Double] = []
            var points: [Int] = []
            var lastObservedTime: Double? = nil   // time of the latest observation after the first dose record
            for (k, r) in data.rows.enumerated() {
                switch r.evid {
                case 0:
                    if doses.isEmpty { points.append(-1); continue }
                    if gridH.last != r.timeH { gridH.append(r.timeH) }
                    points.append(gridH.count - 1)
                    lastObservedTime = r.timeH
                case 1:
                    guard r.ss == 0 else { return nil }
                    let cmt = r.cmt == 0 ? 1 : r.cmt
                    guard cmt >= 1 && cmt <= n else { return nil }
                    let c = cmt - 1
                    func cell(_ j: Int?) -> Double?? { j.map { r.values[$0].isNaN ? nil : r.values[$0] } }
                    doses.append(Dose(timeH: r.timeH, compartment: c, amount: r.amount, rate: r.rate, ii: r.ii, addl: r.addl,
                                      columnF: cell(column("F", c)), columnLag: cell(column("ALAG", c)),
                                      columnR: cell(column("R", c)), columnD: cell(column("D", c)),
                                      observedBefore: lastObservedTime == r.timeH, trailing: k > lastObservation))
                case 2:
                    guard r.cmt >= 0 else { return nil }
                default:
                    return nil
                }
            }
            guard let first = doses.first, !first.trailing else { return nil }
            if let t0 = gridH.first, first.timeH < t0 { gridH.insert(first.timeH, at: 0); points = points.map { $0 < 0 ? $0 : $0 + 1 } }
            guard gridH.count >= 2 else { return nil }
            self.doses = doses
            self.gridH = gridH
            observationPoint = points
        }

        /// Subject `p`'s model and dose records as `NonmemRun` builds them; nil when the model
        /// does not build, a dose value is invalid (`NonmemRun` reports it) or an observation
        /// would see a pre-dose value.
        func compile(_ model: CompiledModel, parameters p: [Double]) -> (LinearModel, [EventRecord])? {
            guard let m = try? model.build(p) else { return nil }
            var records: [EventRecord] = []
            records.reserveCapacity(doses.count)
            for d in doses {
                let mods = model.doseModifiers[d.compartment]
                // As `NonmemRun`: the model's parameter, else the data column (non-numeric: unset), else the default.
                func value(_ idx: Int?, _ column: Double??, _ fallback: Double) -> Double? {
                    // A route's default (a profile's depot) yields to the data set's own column.
                    if mods.fromRoute, let column { return column }
                    if let idx { return p[idx] }
                    if let column { return column }
                    return fallback
                }
                let f = value(mods.bioavailability, d.columnF, 1) ?? 1
                let lag = value(mods.lag, d.columnLag, 0) ?? 0
                guard f.isFinite, f >= 0, lag.isFinite, lag >= 0 else { return nil }
                let input: DoseInput
                switch d.rate {
                case 0: input = .bolus
                case -1:
                    guard mods.rate != nil || d.columnR != nil, let rr = value(mods.rate, d.columnR, 0), rr > 0, rr.isFinite else { return nil }
                    input = .rate(rr)
                case -2:
                    guard mods.duration != nil || d.columnD != nil, let dd = value(mods.duration, d.columnD, 0), dd > 0, dd.isFinite else { return nil }
                    input = .duration(dd)
                default: input = .rate(d.rate)
                }
                if d.trailing { continue }
                let dose = DoseInstruction(compartment: d.compartment, amountMg: d.amount, bioavailability: f, lagH: lag, input: input,
                                           intervalH: d.ii, additionalDoses: d.addl, steadyState: .none)
                // An un-lagged bolus at the time of an earlier observation record: that observation
                // sees the pre-dose value, which the kernel's curve does not give.
                if d.observedBefore && d.timeH + lag == d.timeH && dose.infusion == nil { return nil }
                records.append(EventRecord(timeH: d.timeH, action: .dose(dose)))
            }
            return (m, records)
        }
    }
}
