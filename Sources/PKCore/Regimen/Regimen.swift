/// One dose by a route, optionally repeated. Units: h and mg.
public struct Dose: Sendable, Equatable {
    /// Time of the (first) dose (h).
    public var timeH: Double
    /// Amount per dose (mg), before bioavailability.
    public var amountMg: Double
    /// Route of administration.
    public var route: Route
    /// Infusion duration (h) for `.ivInfusion`.
    public var infusionDurationH: Double?
    /// Interval between repeats (h).
    public var intervalH: Double
    /// Total number of doses (1 = no repeat).
    public var count: Int

    /// Memberwise initializer; checked by `Regimen.validate()`.
    public init(timeH: Double = 0, amountMg: Double, route: Route, infusionDurationH: Double? = nil,
                intervalH: Double = 0, count: Int = 1) {
        self.timeH = timeH
        self.amountMg = amountMg
        self.route = route
        self.infusionDurationH = infusionDurationH
        self.intervalH = intervalH
        self.count = count
    }
}

/// A dosing regimen: a list of doses, built as values (a regimen builder for code users).
///
///     let r = Regimen()
///         .infusion(amountMg: 35, overH: 40.0 / 60)
///         .dose(amountMg: 50, route: .intramuscular, atH: 24, every: 84, count: 6)
public struct Regimen: Sendable, Equatable {
    /// The doses, in the order added (`compile` sorts the records by time).
    public var doses: [Dose]
    /// A regimen of `doses` (empty by default).
    public init(_ doses: [Dose] = []) { self.doses = doses }

    /// Adds an IV infusion of `amountMg` (mg) over `overH` hours, starting at `atH` (h); `count` doses
    /// in all, `every` h apart.
    public func infusion(amountMg: Double, overH: Double, atH t: Double = 0, every: Double = 0, count: Int = 1) -> Regimen {
        var r = self
        r.doses.append(Dose(timeH: t, amountMg: amountMg, route: .ivInfusion, infusionDurationH: overH, intervalH: every, count: count))
        return r
    }

    /// Adds a bolus or extravascular dose of `amountMg` (mg) at `atH` (h); `count` doses in all, `every` h
    /// apart. Use `infusion` for `.ivInfusion` (it needs a duration).
    public func dose(amountMg: Double, route: Route, atH t: Double = 0, every: Double = 0, count: Int = 1) -> Regimen {
        var r = self
        r.doses.append(Dose(timeH: t, amountMg: amountMg, route: route, intervalH: every, count: count))
        return r
    }

    /// Time of the last dose start (h).
    public var lastDoseTimeH: Double {
        doses.map { $0.timeH + Double(Swift.max(0, $0.count - 1)) * $0.intervalH }.max() ?? 0
    }

    /// Checks the regimen, naming the field and value at fault.
    public func validate() throws {
        guard !doses.isEmpty else { throw SimulationError("regimen: no doses") }
        for (i, d) in doses.enumerated() {
            let f = "dose \(i + 1)"
            guard d.amountMg.isFinite, d.amountMg >= 0 else { throw SimulationError("\(f): amount must be finite and ≥ 0 mg (got \(d.amountMg))") }
            guard d.timeH.isFinite, d.timeH >= 0 else { throw SimulationError("\(f): time must be finite and ≥ 0 h (got \(d.timeH))") }
            guard d.count >= 1 else { throw SimulationError("\(f): count must be ≥ 1 (got \(d.count))") }
            if d.count > 1 {
                guard d.intervalH.isFinite, d.intervalH > 0 else { throw SimulationError("\(f): repeated doses need an interval > 0 h (got \(d.intervalH))") }
            }
            if d.route == .ivInfusion {
                guard let dur = d.infusionDurationH, dur.isFinite, dur > 0 else {
                    throw SimulationError("\(f): an IV infusion needs a duration > 0 h (got \(d.infusionDurationH.map { "\($0)" } ?? "none"))")
                }
                if d.count > 1 && dur > d.intervalH {
                    // Overlap is allowed by the engine, but for a planning regimen it is an error.
                    throw SimulationError("\(f): infusion duration \(dur) h is longer than the interval \(d.intervalH) h")
                }
            }
        }
    }
}

/// A regimen turned into a model and the matching event records (the same records a NONMEM data set
/// produces).
public struct CompiledRegimen: Sendable {
    /// The model with concrete parameter values.
    public var model: LinearModel
    /// Dose records sorted by time (stable); a repeated dose is one record with II and ADDL.
    public var records: [EventRecord]
}

extension Regimen {
    /// Depot name for a route.
    public static func depotName(_ route: Route) -> String { "depot.\(route.rawValue)" }
    /// Depot name for a route's first-pass metabolite path.
    public static func firstPassDepotName(_ route: Route) -> String { "depot.\(route.rawValue).firstpass" }

    /// Builds the event records on a dosing model with parameters `p` (default: typical values).
    public func compile(on model: DosingModel, parameters p: [Double]? = nil) throws -> CompiledRegimen {
        try validate()
        let params = p ?? model.compiled.defaultParameters
        let linear: LinearModel
        do { linear = try model.compiled.build(params) } catch let e as ModelSpecError { throw SimulationError(e.message) }
        var records: [EventRecord] = []
        for d in doses {
            let ins = try model.inputs(route: d.route.rawValue, amountMg: d.amountMg, parameters: params,
                                       infusionDurationH: d.route == .ivInfusion ? d.infusionDurationH : nil)
            for var inst in ins {
                inst.intervalH = d.count > 1 ? d.intervalH : 0
                inst.additionalDoses = d.count - 1
                records.append(EventRecord(timeH: d.timeH, action: .dose(inst)))
            }
        }
        // Stable time order (already so for doses given in time order: nothing to sort).
        if zip(records, records.dropFirst()).contains(where: { !($0.timeH <= $1.timeH) }) {
            records = records.enumerated().sorted { ($0.element.timeH, $0.offset) < ($1.element.timeH, $1.offset) }.map(\.element)
        }
        return CompiledRegimen(model: linear, records: records)
    }
}
