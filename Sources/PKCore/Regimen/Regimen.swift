/// One dose by a route, optionally repeated. Units: h and mg.
public struct Dose: Sendable, Equatable {
    /// Time of the (first) dose (h).
    public var timeH: Double
    public var amountMg: Double
    public var route: Route
    /// Infusion duration (h) for `.ivInfusion`.
    public var infusionDurationH: Double?
    /// Interval between repeats (h).
    public var intervalH: Double
    /// Total number of doses (1 = no repeat).
    public var count: Int

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
    public var doses: [Dose]
    public init(_ doses: [Dose] = []) { self.doses = doses }

    /// Adds an IV infusion of `amountMg` over `overH` hours.
    public func infusion(amountMg: Double, overH: Double, atH t: Double = 0, every: Double = 0, count: Int = 1) -> Regimen {
        var r = self
        r.doses.append(Dose(timeH: t, amountMg: amountMg, route: .ivInfusion, infusionDurationH: overH, intervalH: every, count: count))
        return r
    }

    /// Adds a bolus or extravascular dose.
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

/// A regimen turned into a model with one depot per extravascular route and the matching event
/// records (the same records a NONMEM data set produces).
public struct CompiledRegimen: Sendable {
    public var model: LinearModel
    public var structure: MammillaryModel
    public var records: [EventRecord]
}

extension Regimen {
    /// Depot name for a route.
    public static func depotName(_ route: Route) -> String { "depot.\(route.rawValue)" }
    /// Depot name for a route's first-pass metabolite path.
    public static func firstPassDepotName(_ route: Route) -> String { "depot.\(route.rawValue).firstpass" }

    /// Adds the depots the regimen needs to `base` and builds the event records.
    /// `routeParameters` overrides the racemic adult defaults per route.
    public func compile(on base: MammillaryModel, routeParameters: [Route: RouteParameters] = [:]) throws -> CompiledRegimen {
        try validate()
        var structure = base
        structure.depots = []
        func params(_ r: Route) -> RouteParameters { routeParameters[r] ?? .racemicAdultDefault(r) }
        let routes = Route.allCases.filter { r in doses.contains { $0.route == r } }
        for r in routes where !r.isIntravascular {
            let p = params(r)
            guard p.kaPerH.isFinite, p.kaPerH > 0 else { throw SimulationError("\(r.displayName): KA must be > 0 /h (got \(p.kaPerH))") }
            structure.depots.append(Depot(name: Regimen.depotName(r), kaPerH: p.kaPerH))
            if p.firstPassMetaboliteFraction > 0 && base.metabolite != nil {
                structure.depots.append(Depot(name: Regimen.firstPassDepotName(r), kaPerH: p.kaPerH, target: .metabolite))
            }
        }
        for r in routes {
            let p = params(r)
            guard p.bioavailability.isFinite, p.bioavailability >= 0, p.bioavailability <= 1 else {
                throw SimulationError("\(r.displayName): bioavailability must be in [0, 1] (got \(p.bioavailability))")
            }
            guard p.firstPassMetaboliteFraction >= 0, p.bioavailability + p.firstPassMetaboliteFraction <= 1 + 1e-12 else {
                throw SimulationError("\(r.displayName): F + first-pass fraction must not exceed 1 (got \(p.bioavailability) + \(p.firstPassMetaboliteFraction))")
            }
            guard p.lagH.isFinite, p.lagH >= 0 else { throw SimulationError("\(r.displayName): lag must be ≥ 0 h (got \(p.lagH))") }
        }
        let model = try structure.linearModel()
        let central = model.stateIndex(MammillaryModel.StateName.central)!
        var records: [EventRecord] = []
        for d in doses {
            let p = params(d.route)
            func add(_ cmt: Int, _ f: Double, _ input: DoseInput, lag: Double) {
                let inst = DoseInstruction(
                    compartment: cmt, amountMg: d.amountMg, bioavailability: f, lagH: lag, input: input,
                    intervalH: d.count > 1 ? d.intervalH : 0, additionalDoses: d.count - 1)
                records.append(EventRecord(timeH: d.timeH, action: .dose(inst)))
            }
            switch d.route {
            case .ivBolus:
                add(central, 1, .bolus, lag: 0)
            case .ivInfusion:
                add(central, 1, .duration(d.infusionDurationH!), lag: 0)
            default:
                add(model.stateIndex(Regimen.depotName(d.route))!, p.bioavailability, .bolus, lag: p.lagH)
                if let fp = model.stateIndex(Regimen.firstPassDepotName(d.route)) {
                    add(fp, p.firstPassMetaboliteFraction, .bolus, lag: p.lagH)
                }
            }
        }
        records = records.enumerated().sorted { ($0.element.timeH, $0.offset) < ($1.element.timeH, $1.offset) }.map(\.element)
        return CompiledRegimen(model: model, structure: structure, records: records)
    }
}
