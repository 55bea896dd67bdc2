/// How a dose given by one route enters a model: one or more inputs, each a fraction of the dose
/// into a compartment, optionally zero-order over a duration and after a lag. Swallowed parts,
/// first-pass conversion and mucosal absorption are all written this way.
public struct RouteInput: Sendable, Codable, Equatable {
    /// Receiving compartment.
    public var compartment: String
    /// Fraction of the dose: a product of parameter names, numbers and complements "(1-NAME)",
    /// e.g. "F_IM" or "(1-FRN_EFF)*FGUT".
    public var fraction: String
    /// Parameter holding a zero-order input duration (h); the dose is then infused over it.
    public var duration: String?
    /// Parameter holding a lag time (h).
    public var lag: String?

    /// Memberwise initializer; names are checked by `DosingModel.init`.
    public init(compartment: String, fraction: String, duration: String? = nil, lag: String? = nil) {
        self.compartment = compartment
        self.fraction = fraction
        self.duration = duration
        self.lag = lag
    }
}

/// Dose-dependent absorption for multi-device nasal sprays (Perez-Ruixo 2021: the 2nd and later
/// 28 mg devices of a session absorb a smaller fraction through the mucosa). The effective fraction
/// for a dose of n = dose/size devices is P·(1 + f·(n − 1))/n, made available to the route's
/// fraction expressions as the parameter named `effective`.
public struct DeviceRule: Sendable, Codable, Equatable {
    /// Amount per device (mg), e.g. 28; must be > 0.
    public var sizeMg: Double
    /// The per-device fraction parameter (P).
    public var parameter: String
    /// The factor for later devices (f).
    public var laterDeviceFactor: String
    /// Name under which the effective fraction is used in `fraction` expressions.
    public var effective: String
}

/// A route's inputs.
public struct RouteDefinition: Sendable, Codable, Equatable {
    /// The inputs (at least one). Each fraction must be in [0, 1]; their sum is not checked.
    public var inputs: [RouteInput]
    /// Optional multi-device rule (nasal sprays).
    public var devices: DeviceRule?
    /// Where the route's numbers come from.
    public var source: String?

    /// Memberwise initializer.
    public init(inputs: [RouteInput], devices: DeviceRule? = nil, source: String? = nil) {
        self.inputs = inputs
        self.devices = devices
        self.source = source
    }
}

/// A product of factors: numbers, parameters, or complements (1 − parameter).
public struct FractionExpression: Sendable, Equatable {
    enum Factor: Sendable, Equatable { case constant(Double), parameter(Int), complement(Int) }
    var factors: [Factor]

    /// Parses `text` (factors joined by "*"; a factor may be wrapped in parentheses). Throws
    /// `ModelSpecError` naming `field` for an empty factor or an unknown parameter.
    public init(parsing text: String, field: String, index: [String: Int]) throws {
        factors = []
        for raw in text.split(separator: "*", omittingEmptySubsequences: false) {
            var t = String(raw).trimmedSpaces
            if t.hasPrefix("(") && t.hasSuffix(")") { t = String(t.dropFirst().dropLast()).trimmedSpaces }
            guard !t.isEmpty else { throw ModelSpecError("\(field): malformed fraction '\(text)'") }
            if let v = Double(t), v.isFinite {
                factors.append(.constant(v))
            } else if t.hasPrefix("1-") || t.hasPrefix("1 -") {
                let name = String(t.drop { $0 != "-" }.dropFirst()).trimmedSpaces
                guard let i = index[name] else { throw ModelSpecError("\(field): unknown parameter '\(name)' in '\(text)'") }
                factors.append(.complement(i))
            } else if let i = index[t] {
                factors.append(.parameter(i))
            } else {
                throw ModelSpecError("\(field): unknown parameter '\(t)' in '\(text)'")
            }
        }
    }

    /// The product for parameter values `p` (indexed as in `index`); range is checked by the caller.
    public func evaluate(_ p: [Double]) -> Double {
        var v = 1.0
        for f in factors {
            switch f {
            case .constant(let c): v *= c
            case .parameter(let i): v *= p[i]
            case .complement(let i): v *= 1 - p[i]
            }
        }
        return v
    }
}

/// A linear model together with its routes: what a profile or the default model compiles to.
/// Turning a dose by a route into event records happens here, for every model alike.
public struct DosingModel: Sendable {
    /// The compiled linear model (parameters, states, outputs).
    public let compiled: CompiledModel
    /// Route definitions by route name (e.g. "im", "in", "iv").
    public let routes: [String: RouteDefinition]

    struct ResolvedInput: Sendable {
        var compartment: Int
        var fraction: FractionExpression
        var duration: Int?
        var lag: Int?
    }
    let resolved: [String: [ResolvedInput]]
    /// Extra parameter slots for device rules' effective fractions, appended after the spec's.
    let deviceSlots: [String: (effective: Int, parameter: Int, factor: Int)]

    /// Checks every route against the model, naming the field at fault.
    public init(spec: LinearModelSpec, routes: [String: RouteDefinition]) throws {
        var c = try CompiledModel(spec)
        DosingModel.attachRouteModifiers(&c, spec, routes)
        compiled = c
        self.routes = routes
        var index: [String: Int] = [:]
        for (i, n) in compiled.parameterNames.enumerated() { index[n] = i }
        var slots: [String: (Int, Int, Int)] = [:]
        var next = compiled.parameterNames.count
        for (name, r) in routes.sorted(by: { $0.key < $1.key }) {
            if let d = r.devices {
                guard let p = index[d.parameter] else { throw ModelSpecError("routes.\(name).devices.parameter: unknown parameter '\(d.parameter)'") }
                guard let f = index[d.laterDeviceFactor] else { throw ModelSpecError("routes.\(name).devices.laterDeviceFactor: unknown parameter '\(d.laterDeviceFactor)'") }
                guard d.sizeMg > 0 else { throw ModelSpecError("routes.\(name).devices.sizeMg: must be > 0 (got \(d.sizeMg))") }
                guard index[d.effective] == nil else { throw ModelSpecError("routes.\(name).devices.effective: '\(d.effective)' is already a parameter") }
                slots[name] = (next, p, f)
                index[d.effective] = next
                next += 1
            }
        }
        deviceSlots = slots
        var res: [String: [ResolvedInput]] = [:]
        let cmts = spec.compartments.map(\.name)
        for (name, r) in routes {
            guard !r.inputs.isEmpty else { throw ModelSpecError("routes.\(name).inputs: empty") }
            res[name] = try r.inputs.enumerated().map { i, inp in
                let f = "routes.\(name).inputs[\(i)]"
                guard let c = cmts.firstIndex(of: inp.compartment) else { throw ModelSpecError("\(f).compartment: unknown compartment '\(inp.compartment)'") }
                func param(_ n: String?, _ what: String) throws -> Int? {
                    guard let n else { return nil }
                    guard let k = index[n] else { throw ModelSpecError("\(f).\(what): unknown parameter '\(n)'") }
                    return k
                }
                return ResolvedInput(compartment: c, fraction: try FractionExpression(parsing: inp.fraction, field: "\(f).fraction", index: index),
                                     duration: try param(inp.duration, "duration"), lag: try param(inp.lag, "lag"))
            }
        }
        resolved = res
        // Check the typical values give sane fractions.
        for name in routes.keys {
            do { _ = try inputs(route: name, amountMg: 1, parameters: compiled.defaultParameters) } catch let e as SimulationError {
                throw ModelSpecError("routes.\(name): \(e.message)")
            }
        }
    }

    /// Each route depot's bioavailability, lag and duration become that compartment's F, ALAG and D
    /// (NONMEM's F<n>/ALAG<n>/D<n>), so a data-set dose into a depot (`nm`, `batch --data`) is
    /// absorbed like a dose by its route: a dose into depot.po gets F_PO and LAG_PO. A route's depot
    /// is its first input's compartment; a compartment gets them when every route with it as depot
    /// names the same single parameters, and it sets none itself (spec fields or F<n> parameters).
    /// Marked `fromRoute`: a data set's own F<n>/ALAG<n>/D<n> columns win. Route doses are
    /// unaffected (their inputs carry their own fraction, lag and duration).
    static func attachRouteModifiers(_ c: inout CompiledModel, _ spec: LinearModelSpec, _ routes: [String: RouteDefinition]) {
        var index: [String: Int] = [:]
        for (i, n) in c.parameterNames.enumerated() { index[n] = i }
        for (i, cmt) in spec.compartments.enumerated() {
            let own = c.doseModifiers[i]
            guard own.bioavailability == nil && own.lag == nil && own.duration == nil else { continue }
            let firsts = routes.values.compactMap { $0.inputs.first }.filter { $0.compartment == cmt.name }
            guard !firsts.isEmpty else { continue }
            let fs = Set(firsts.map { $0.fraction.filter { $0 != " " } }), lags = Set(firsts.map { $0.lag ?? "" }),
                ds = Set(firsts.map { $0.duration ?? "" })
            guard fs.count == 1, lags.count == 1, ds.count == 1, let f = fs.first, let fi = index[f] else { continue }
            var m = own
            m.bioavailability = fi
            if let l = lags.first, !l.isEmpty { m.lag = index[l] }
            if let d = ds.first, !d.isEmpty { m.duration = index[d] }
            m.fromRoute = true
            c.doseModifiers[i] = m
        }
    }

    /// Names of the routes this model can dose.
    public var routeNames: [String] { routes.keys.sorted() }

    /// The dose instructions for `amountMg` by `route` with parameters `p` (spec order).
    /// `infusionDurationH` overrides a route's zero-order duration (IV infusions).
    public func inputs(route: String, amountMg: Double, parameters p: [Double], infusionDurationH: Double? = nil) throws -> [DoseInstruction] {
        guard let ins = resolved[route] else {
            throw SimulationError("route '\(route)' is not defined by model '\(compiled.spec.name)' (it has: \(routeNames.joined(separator: ", ")))")
        }
        precondition(p.count == compiled.parameterNames.count, "parameter vector has the wrong length")
        var q = p + [Double](repeating: 0, count: deviceSlots.count)
        if let slot = deviceSlots[route], let rule = routes[route]?.devices {
            let n = Swift.max(1, amountMg / rule.sizeMg)
            q[slot.effective] = p[slot.parameter] * (1 + p[slot.factor] * (n - 1)) / n
        }
        return try ins.map { r in
            let f = r.fraction.evaluate(q)
            guard f.isFinite, f >= 0, f <= 1 + 1e-12 else {
                throw SimulationError("route '\(route)': input fraction into '\(compiled.spec.compartments[r.compartment].name)' is \(f); it must be in [0, 1]")
            }
            let lag = r.lag.map { q[$0] } ?? 0
            var input = DoseInput.bolus
            if let d = infusionDurationH ?? r.duration.map({ q[$0] }), d > 0 { input = .duration(d) }
            return DoseInstruction(compartment: r.compartment, amountMg: amountMg, bioavailability: f, lagH: lag, input: input)
        }
    }
}
