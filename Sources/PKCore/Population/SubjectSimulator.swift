/// Per-subject exposure metrics (ng/mL, h, ng·h/mL). `dischargeH` is NaN when the concentration
/// does not fall below the discharge level for good within 30 days after the end.
public struct SubjectMetrics: Sendable, Equatable {
    /// Peak concentration (ng/mL).
    public var cmax: Double
    /// Time of the peak (h).
    public var tmaxH: Double
    /// Area under the curve over the grid span (ng·h/mL): exact integral (exact path) or trapezoid (data sets).
    public var auc: Double
    /// Hours with band.low ≤ C < band.high inside the metric window.
    public var hoursInBand: Double
    /// Time from which the concentration stays below the discharge level (h); NaN when not reached.
    public var dischargeH: Double

    /// Metrics in ng/mL, h and ng·h/mL.
    public init(cmax: Double, tmaxH: Double, auc: Double, hoursInBand: Double, dischargeH: Double) {
        self.cmax = cmax
        self.tmaxH = tmaxH
        self.auc = auc
        self.hoursInBand = hoursInBand
        self.dischargeH = dischargeH
    }

    /// Names (CSV columns and summary keys) in `values` order.
    public static let names = ["cmax", "tmax_h", "auc", "band_h", "discharge_h"]
    /// Units in `values` order: ng/mL, h, ng*h/mL, h, h.
    public static let units = ["ng/mL", "h", "ng*h/mL", "h", "h"]
    /// The metrics in `names` order.
    public var values: [Double] { [cmax, tmaxH, auc, hoursInBand, dischargeH] }
}

/// One simulated subject: metrics from the exact curve, and the output on the grid (simulated
/// observations when residual error is on), empty unless asked for.
public struct SubjectResult: Sendable {
    /// The subject's exposure metrics.
    public var metrics: SubjectMetrics
    /// The output on the grid (ng/mL); empty unless asked for.
    public var curve: [Double]
    /// Metrics of each of the simulator's effect sites (`RegimenSubjectSimulator.effectSites`), in
    /// that order; empty without effect sites.
    public var effects: [EffectSiteMetrics] = []
    /// A result from metrics and the curve on the grid (ng/mL).
    public init(metrics: SubjectMetrics, curve: [Double]) {
        self.metrics = metrics
        self.curve = curve
    }

    /// The effect metrics of every effect site, flat, in `EffectSiteMetrics.values` order per site.
    public var effectValues: [Double] { effects.flatMap(\.values) }
}

/// An effect site followed per subject in a population run: one output of the subject model with
/// an effect compartment added (dCe/dt = ke0·(f·Cp − Ce)), whose extra parameters come last, so
/// the subject's parameters followed by `extraParameters` are the augmented model's parameters.
/// The metrics are on the exact solution, like the plasma metrics.
public struct EffectSiteOutput: Sendable {
    /// The dosing model augmented by the effect compartment.
    public let model: DosingModel
    /// Values appended to each subject's parameters for `model` (e.g. ke0, 1/h).
    public let extraParameters: [Double]
    /// The level for the time at or above it and the time it is left for good (e.g. C50, in the
    /// output's unit, ng/mL); nil: none (those metrics are then NaN).
    public let level: Double?
    let outputIndex: Int

    /// An effect site as output `output` of `model`, with `extraParameters` (e.g. ke0, 1/h) appended
    /// to each subject's parameters and `level` (ng/mL) for the time-above metrics; throws when the
    /// output is missing or the level is not a positive number.
    public init(model: DosingModel, output: String, extraParameters: [Double], level: Double?) throws {
        guard let o = model.compiled.spec.outputs.firstIndex(where: { $0.name.lowercased() == output.lowercased() }) else {
            throw SimulationError("effect-site model has no output '\(output)'")
        }
        if let level { guard level.isFinite, level > 0 else { throw SimulationError("effect-site level \(level) must be a positive number") } }
        self.model = model
        self.extraParameters = extraParameters
        self.level = level
        outputIndex = o
    }

    /// The options that make the lane kernel's metrics the effect metrics on [startH, endH]: the
    /// "band" is [level, ∞) over the whole span, the "discharge level" is the level.
    func laneOptions(startH: Double, endH: Double) -> MetricOptions {
        let l = level ?? .infinity
        return MetricOptions(bandLow: l, bandHigh: .infinity, windowStartH: startH, windowEndH: endH, dischargeLevel: l)
    }
}

/// Per-subject metrics of one effect site on the exact solution, from the first grid time to the
/// last: peak effect-site concentration (ng/mL) and its time (h), its delay after the plasma peak
/// (min), the peak over the level (Ce/C50), minutes with Ce ≥ level, and the time (h) from which
/// Ce stays below the level. NaN: no level, or (`belowLevelH`) the level never reached or not left
/// within 30 days after the end.
public struct EffectSiteMetrics: Sendable, Equatable {
    /// Peak effect-site concentration (the output's unit, ng/mL).
    public var ceMax: Double
    /// Time of the peak (h): the time of peak effect.
    public var ceTmaxH: Double
    /// Peak time minus the plasma (primary output) peak time (min).
    public var delayMin: Double
    /// Peak over the level (Ce/C50, dimensionless).
    public var peakOverLevel: Double
    /// Minutes with the output at or above the level (0 when never reached).
    public var minutesAtOrAboveLevel: Double
    /// Time (h) from which the output stays below the level.
    public var belowLevelH: Double

    /// Metrics from their values (ng/mL, h, min, ratio, min, h).
    public init(ceMax: Double, ceTmaxH: Double, delayMin: Double, peakOverLevel: Double, minutesAtOrAboveLevel: Double, belowLevelH: Double) {
        self.ceMax = ceMax
        self.ceTmaxH = ceTmaxH
        self.delayMin = delayMin
        self.peakOverLevel = peakOverLevel
        self.minutesAtOrAboveLevel = minutesAtOrAboveLevel
        self.belowLevelH = belowLevelH
    }

    /// Number of values per effect site.
    public static let count = 6
    /// The metrics in CSV/summary order: ceMax, ceTmaxH, delayMin, peakOverLevel, minutesAtOrAboveLevel, belowLevelH.
    public var values: [Double] { [ceMax, ceTmaxH, delayMin, peakOverLevel, minutesAtOrAboveLevel, belowLevelH] }

    /// The metrics from the peak, the hours at or above the level and the time below it for good
    /// (as `CurveAnalysis` or the lane kernel give them), and the plasma peak time (h).
    /// `doseTimesH`: the times doses and infusions start; the delay is NaN when the two peaks fall
    /// after different doses (repeated sessions: the highest plasma and effect-site peaks can be in
    /// different sessions, and their difference is not a delay).
    init(peak: (Double, Double), hoursAtOrAbove: Double, belowForGood: Double?, level: Double?, plasmaTmaxH: Double, doseTimesH: [Double]) {
        let reached = level.map { peak.0 >= $0 } ?? false
        let session: (Double) -> Int = { t in doseTimesH.lastIndex { $0 <= t } ?? -1 }
        let sameSession = session(peak.1) == session(plasmaTmaxH)
        self.init(ceMax: peak.0, ceTmaxH: peak.1, delayMin: sameSession ? (peak.1 - plasmaTmaxH) * 60 : .nan,
                  peakOverLevel: level.map { peak.0 / $0 } ?? .nan,
                  minutesAtOrAboveLevel: level == nil ? .nan : reached ? hoursAtOrAbove * 60 : 0,
                  belowLevelH: reached ? (belowForGood ?? .nan) : .nan)
    }
}

/// What the metrics look at: the concentration band, the window for time in band, the discharge level.
public struct MetricOptions: Sendable, Equatable {
    /// Lower edge of the band (ng/mL, inclusive).
    public var bandLow: Double
    /// Upper edge of the band (ng/mL, exclusive; infinite for an open band).
    public var bandHigh: Double
    /// Start of the window for time in band (h after the first dose).
    public var windowStartH: Double
    /// End of the window for time in band (h after the first dose).
    public var windowEndH: Double
    /// The discharge level (ng/mL): `dischargeH` is when the output stays below it.
    public var dischargeLevel: Double
    /// Output analysed (case-insensitive), "CP" by default.
    public var output: String
    /// Options in ng/mL and h; `output` names the model output analysed ("CP" by default).
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
    /// `simulateLanes(_:parameters:wantCurve:)` that also writes subject k's curve on the grid
    /// (ng/mL at `timesH`) to `grid[t · stride + k]` for every grid time t: time-major, the layout
    /// the percentile bands take, so a study need not make a curve per subject. The results'
    /// curves are empty unless `wantCurve`. Nil as `simulateLanes`, and then `grid` may hold
    /// anything in those columns.
    func simulateLanes(_ subjects: [Subject], parameters: [[Double]], wantCurve: Bool,
                       grid: UnsafeMutablePointer<Double>, stride: Int) -> [SubjectResult]?
    /// `simulateLanes(_:parameters:wantCurve:grid:stride:)` with the curves written as band codes
    /// (`BandCodeWriter`: subject k is the writer's lane k), for the sketched percentile bands.
    /// Writes nothing that stays when it returns nil except codes (which the caller writes
    /// again) and values the caller's rewrite of the same columns would write identically;
    /// exceptional values of a nil call are dropped by the caller (`BandCodeState.truncateSide`).
    func simulateLanes(_ subjects: [Subject], parameters: [[Double]], wantCurve: Bool, codes: BandCodeWriter) -> [SubjectResult]?
    /// True when a lane result depends on the other subjects of its group (a shared step size):
    /// callers then form groups of `Lanes.scalarCount` by absolute subject index (subjects
    /// [k·width, (k+1)·width) of the study), so results do not depend on threads or shards.
    var lanesCoupled: Bool { get }
}

extension SubjectSimulator {
    /// Default: no lane kernel (nil), so every subject runs through `simulate`.
    public func simulateLanes(_ subjects: [Subject], parameters: [[Double]], wantCurve: Bool) -> [SubjectResult]? { nil }
    /// Default: the curves of `simulateLanes(_:parameters:wantCurve:)` copied into `grid`.
    public func simulateLanes(_ subjects: [Subject], parameters: [[Double]], wantCurve: Bool,
                              grid: UnsafeMutablePointer<Double>, stride: Int) -> [SubjectResult]? {
        guard var results = simulateLanes(subjects, parameters: parameters, wantCurve: true),
              results.allSatisfy({ $0.curve.count == timesH.count }) else { return nil }
        for k in results.indices {
            for (t, v) in results[k].curve.enumerated() { grid[t * stride + k] = v }
            if !wantCurve { results[k].curve = [] }
        }
        return results
    }
    /// Default: the curves of `simulateLanes(_:parameters:wantCurve:)` written as codes.
    public func simulateLanes(_ subjects: [Subject], parameters: [[Double]], wantCurve: Bool, codes: BandCodeWriter) -> [SubjectResult]? {
        guard var results = simulateLanes(subjects, parameters: parameters, wantCurve: true),
              results.allSatisfy({ $0.curve.count == timesH.count }) else { return nil }
        for k in results.indices {
            for (t, v) in results[k].curve.enumerated() { codes.write(v, lane: k, time: t) }
            if !wantCurve { results[k].curve = [] }
        }
        return results
    }
    /// False by default: lane results depend only on each subject.
    public var lanesCoupled: Bool { false }
}

/// The exact path: Regimen → compile on the dosing model → Simulator on the grid → CurveAnalysis
/// on the exact piecewise solution (peak and threshold crossings by root finding, exact area).
public struct RegimenSubjectSimulator: SubjectSimulator {
    /// The dosing model (routes, depots, compartments) the regimens compile on.
    public let model: DosingModel
    /// The regimen of a subject (doses in mg/kg resolve with the subject's weight).
    public let regimen: @Sendable (Subject) throws -> Regimen
    /// The output grid (h).
    public let timesH: [Double]
    /// Band (ng/mL), window (h), discharge level (ng/mL) and output of the metrics.
    public let options: MetricOptions
    /// Run groups of subjects on `LaneRegimenKernel` (default); false: the event engine only.
    public var useLanes = true
    /// Effect sites whose metrics each subject also gets (`SubjectResult.effects`); none by default.
    public var effectSites: [EffectSiteOutput] = []
    let outputIndex: Int
    /// Knot schedules shared by the lane groups of this simulator's runs.
    let laneCache = LaneScheduleCache()

    /// Checks that the model has `options.output` and that the grid (h) is not empty.
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

    /// One subject on the exact path: metrics by root finding and exact areas (`CurveAnalysis`).
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
        var out = SubjectResult(metrics: metrics, curve: wantCurve ? result.outputs[outputIndex] : [])
        out.effects = try effectSites.map { e in
            let c = try regimen(subject).compile(on: e.model, parameters: parameters + e.extraParameters)
            let r = try Simulator.simulate(model: c.model, records: c.records, timesH: timesH)
            let ce = CurveAnalysis(trajectory: r.trajectory, output: e.outputIndex, startH: timesH.first, endH: timesH.last)
            let peak = ce.peak()
            return EffectSiteMetrics(peak: peak, hoursAtOrAbove: e.level.map { ce.hoursAtOrAbove($0) } ?? 0,
                                     belowForGood: e.level.flatMap { peak.0 >= $0 ? ce.timeBelowForGood($0) : nil }, level: e.level, plasmaTmaxH: tmax,
                                     doseTimesH: RegimenSubjectSimulator.doseTimes(c.records, endH: timesH.last ?? 0))
        }
        return out
    }

    /// A group of subjects on `LaneRegimenKernel` (equal to `simulate` to ~1e-12 relative); nil when
    /// the group cannot run there.
    public func simulateLanes(_ subjects: [Subject], parameters: [[Double]], wantCurve: Bool) -> [SubjectResult]? {
        laneGroup(subjects, parameters: parameters, wantCurve: wantCurve, grid: nil)
    }

    /// The group on `LaneRegimenKernel`, its curves written straight from the kernel's buffer into
    /// `grid` (time-major, see the protocol).
    public func simulateLanes(_ subjects: [Subject], parameters: [[Double]], wantCurve: Bool,
                              grid: UnsafeMutablePointer<Double>, stride: Int) -> [SubjectResult]? {
        laneGroup(subjects, parameters: parameters, wantCurve: wantCurve, grid: (grid, stride))
    }

    /// The group on `LaneRegimenKernel`, its curves written straight from the kernel's buffer as
    /// band codes (see the protocol).
    public func simulateLanes(_ subjects: [Subject], parameters: [[Double]], wantCurve: Bool, codes: BandCodeWriter) -> [SubjectResult]? {
        laneGroup(subjects, parameters: parameters, wantCurve: wantCurve, grid: nil, codes: codes)
    }

    func laneGroup(_ subjects: [Subject], parameters: [[Double]], wantCurve: Bool,
                   grid: (UnsafeMutablePointer<Double>, Int)?, codes: BandCodeWriter? = nil) -> [SubjectResult]? {
        guard useLanes else { return nil }
        // Each effect site is one more output of the augmented linear model, on the same kernel: its
        // "band" [level, ∞) over the whole span and its "discharge level" give the effect metrics.
        // They run first, so a group that fails there has written nothing to the bands.
        guard let start = timesH.first, let end = timesH.last else { return nil }
        var doseTimes: [[Double]] = []
        if !effectSites.isEmpty {
            for (s, p) in zip(subjects, parameters) {
                guard let c = try? regimen(s).compile(on: model, parameters: p) else { return nil }
                doseTimes.append(RegimenSubjectSimulator.doseTimes(c.records, endH: end))
            }
        }
        var effectRuns: [[SubjectResult]] = []
        for e in effectSites {
            guard let r = lanes(e.model, output: e.outputIndex, subjects, parameters: parameters.map { $0 + e.extraParameters },
                                options: e.laneOptions(startH: start, endH: end), wantCurve: false) else { return nil }
            effectRuns.append(r)
        }
        guard var results = lanes(model, output: outputIndex, subjects, parameters: parameters, options: options, wantCurve: wantCurve,
                                  grid: grid, codes: codes) else { return nil }
        for (e, r) in zip(effectSites, effectRuns) {
            for k in results.indices {
                let m = r[k].metrics
                results[k].effects.append(EffectSiteMetrics(
                    peak: (m.cmax, m.tmaxH), hoursAtOrAbove: m.hoursInBand,
                    belowForGood: e.level.flatMap { m.cmax >= $0 && !m.dischargeH.isNaN ? m.dischargeH : nil },
                    level: e.level, plasmaTmaxH: results[k].metrics.tmaxH, doseTimesH: doseTimes[k]))
            }
        }
        return results
    }

    /// Start times (h) of every dose and infusion of `records` up to `endH`, ascending (repeats and
    /// lags expanded as the event engine applies them).
    static func doseTimes(_ records: [EventRecord], endH: Double) -> [Double] {
        var times: [Double] = []
        for r in records {
            guard case .dose(let d) = r.action else { continue }
            var t = r.timeH + d.lagH
            for k in 0...Swift.max(0, d.additionalDoses) {
                if k > 0 { t += d.intervalH }
                if t <= endH { times.append(t) }
            }
        }
        return times.sorted()
    }

    /// `subjects` on the lane kernel with `model`'s output `output`; nil when they cannot run there.
    func lanes(_ model: DosingModel, output outputIndex: Int, _ subjects: [Subject], parameters: [[Double]], options: MetricOptions,
               wantCurve: Bool, grid: (UnsafeMutablePointer<Double>, Int)? = nil, codes: BandCodeWriter? = nil) -> [SubjectResult]? {
        var models: [LinearModel] = [], records: [[EventRecord]] = []
        models.reserveCapacity(subjects.count)
        records.reserveCapacity(subjects.count)
        for (s, p) in zip(subjects, parameters) {
            guard let c = try? regimen(s).compile(on: model, parameters: p) else { return nil }
            models.append(c.model)
            records.append(c.records)
        }
        if let r = LaneRegimenKernel.run(models: models, records: records, output: outputIndex, timesH: timesH, options: options,
                                        wantCurve: wantCurve, grid: grid, codes: codes, cache: laneCache) {
            return r
        }
        // Subject-specific event times (lags, durations) or structures: one subject per lane run.
        guard models.count > 1 else { return nil }
        var out: [SubjectResult] = []
        for k in models.indices {
            guard let r = LaneRegimenKernel.run(models: [models[k]], records: [records[k]], output: outputIndex, timesH: timesH,
                                                options: options, wantCurve: wantCurve, grid: grid.map { ($0.0 + k, $0.1) },
                                                codes: codes?.shifted(by: k), cache: laneCache) else { return nil }
            out.append(r[0])
        }
        return out
    }
}
