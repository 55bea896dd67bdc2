import PKCore

// Test support: a hand-built mammillary structure (CL/V form, depots, metabolite, effect site) for
// tests that check the engine against independent closed forms. No production code builds models
// this way (profiles and model files go through `LinearModelSpec`/`DosingModel`), so it lives here.

/// Parent disposition in clearance form: CL (L/h), V1 (L), and up to two peripherals (Q2/V2, Q3/V3).
/// A zero Q means the peripheral is absent.
public struct Disposition: Sendable, Equatable {
    /// Parent clearance CL (L/h).
    public var clearanceLPerH: Double
    /// Central volume V1 (L).
    public var centralVolumeL: Double
    /// Intercompartmental clearance to peripheral 2, Q2 (L/h); 0 = no peripheral 2.
    public var q2LPerH: Double
    /// Volume of peripheral 2, V2 (L).
    public var v2L: Double
    /// Intercompartmental clearance to peripheral 3, Q3 (L/h); 0 = no peripheral 3.
    public var q3LPerH: Double
    /// Volume of peripheral 3, V3 (L).
    public var v3L: Double

    /// Clearance form; values are not checked here (`linearModel()` throws on bad volumes or rates).
    public init(clearanceLPerH: Double, centralVolumeL: Double, q2LPerH: Double = 0, v2L: Double = 0,
                q3LPerH: Double = 0, v3L: Double = 0) {
        self.clearanceLPerH = clearanceLPerH
        self.centralVolumeL = centralVolumeL
        self.q2LPerH = q2LPerH
        self.v2L = v2L
        self.q3LPerH = q3LPerH
        self.v3L = v3L
    }

    /// From micro-constants (1/h) and V1 (L), the form of the published ketamine TCI sets:
    /// CL = k10·V1, Q2 = k12·V1, V2 = Q2/k21, Q3 = k13·V1, V3 = Q3/k31.
    public init(k10PerH: Double, k12PerH: Double = 0, k21PerH: Double = 0, k13PerH: Double = 0,
                k31PerH: Double = 0, centralVolumeL v1: Double) {
        self.init(
            clearanceLPerH: k10PerH * v1, centralVolumeL: v1,
            q2LPerH: k12PerH * v1, v2L: k12PerH > 0 ? k12PerH * v1 / k21PerH : 0,
            q3LPerH: k13PerH * v1, v3L: k13PerH > 0 ? k13PerH * v1 / k31PerH : 0)
    }

    /// Number of parent compartments (1 to 3).
    public var compartmentCount: Int { 1 + (q2LPerH > 0 ? 1 : 0) + (q3LPerH > 0 ? 1 : 0) }
}

/// Metabolite (norketamine) disposition. Amounts are tracked in parent-equivalent mg so mass balances;
/// concentrations are converted to metabolite mass with `massRatio` (MW metabolite / MW parent).
public struct MetaboliteDisposition: Sendable, Equatable {
    /// Fraction of parent clearance forming the metabolite.
    public var fractionFormed: Double
    /// Metabolite clearance CLM (L/h).
    public var clearanceLPerH: Double
    /// Metabolite central volume VM (L).
    public var centralVolumeL: Double
    /// Metabolite intercompartmental clearance QM (L/h); 0 = no metabolite peripheral.
    public var qLPerH: Double
    /// Metabolite peripheral volume VMP (L).
    public var peripheralVolumeL: Double
    /// MW(metabolite)/MW(parent): norketamine 223.70 / ketamine 237.73 g/mol.
    public var massRatio: Double

    /// 223.70 / 237.73 ≈ 0.941 (norketamine / ketamine molar masses, g/mol).
    public static let norketamineMassRatio = 223.70 / 237.73

    /// Memberwise initializer; `massRatio` defaults to norketamine/ketamine.
    public init(fractionFormed: Double, clearanceLPerH: Double, centralVolumeL: Double, qLPerH: Double = 0,
                peripheralVolumeL: Double = 0, massRatio: Double = MetaboliteDisposition.norketamineMassRatio) {
        self.fractionFormed = fractionFormed
        self.clearanceLPerH = clearanceLPerH
        self.centralVolumeL = centralVolumeL
        self.qLPerH = qLPerH
        self.peripheralVolumeL = peripheralVolumeL
        self.massRatio = massRatio
    }
}

/// A first-order absorption depot feeding the parent or the metabolite central compartment.
public struct Depot: Sendable, Equatable {
    /// Which central compartment the depot empties into.
    public enum Target: String, Sendable, Equatable { case parent, metabolite }
    /// Depot compartment name (unique within the model).
    public var name: String
    /// First-order absorption rate constant KA (1/h).
    public var kaPerH: Double
    /// Compartment receiving the absorbed drug.
    public var target: Target
    /// Memberwise initializer.
    public init(name: String, kaPerH: Double, target: Target = .parent) {
        self.name = name
        self.kaPerH = kaPerH
        self.target = target
    }
}

/// The mammillary structure used for ketamine: absorption depots, a 1–3 compartment parent, an
/// optional 1–2 compartment metabolite formed from parent clearance, an optional effect site.
///
/// State order follows NONMEM's ADVAN convention (depots first, then central): depots…, central,
/// peripheral2, peripheral3, metabolite, metabolitePeripheral, effect (absent parts are skipped).
/// Outputs: "CP" (parent, ng/mL), "CM" (metabolite, ng/mL of metabolite), "CE" (effect site, ng/mL).
public struct MammillaryModel: Sendable, Equatable {
    /// Parent disposition (CL, V1, optional peripherals).
    public var disposition: Disposition
    /// Metabolite part, formed with fraction FM of parent clearance; nil = parent only.
    public var metabolite: MetaboliteDisposition?
    /// Effect-site equilibration rate constant (1/h), if an effect site is wanted.
    public var ke0PerH: Double?
    /// Absorption depots, in state order before the central compartment.
    public var depots: [Depot]

    /// Memberwise initializer.
    public init(disposition: Disposition, metabolite: MetaboliteDisposition? = nil, ke0PerH: Double? = nil,
                depots: [Depot] = []) {
        self.disposition = disposition
        self.metabolite = metabolite
        self.ke0PerH = ke0PerH
        self.depots = depots
    }

    /// State names used by the structure.
    public enum StateName {
        /// Parent central compartment (holds V1).
        public static let central = "central"
        /// Parent peripheral 2 (V2).
        public static let peripheral2 = "peripheral2"
        /// Parent peripheral 3 (V3).
        public static let peripheral3 = "peripheral3"
        /// Metabolite central compartment (VM).
        public static let metabolite = "metabolite"
        /// Metabolite peripheral compartment (VMP).
        public static let metabolitePeripheral = "metabolitePeripheral"
        /// Effect site, holding Ce (mg/L) rather than an amount.
        public static let effect = "effect"
    }

    /// The equivalent parametric spec (parameter names CL, V1, Q2, V2, Q3, V3, FM, CLM, VM, QM, VMP,
    /// KE0, and KA_<depot>).
    public func spec(name: String = "mammillary") -> LinearModelSpec {
        typealias S = LinearModelSpec
        let d = disposition
        var params: [S.Parameter] = [
            .init(name: "CL", value: d.clearanceLPerH, unit: "L/h"),
            .init(name: "V1", value: d.centralVolumeL, unit: "L"),
        ]
        var cmts: [S.Compartment] = depots.map { S.Compartment(name: $0.name) }
        var flows: [S.Flow] = []
        cmts.append(.init(name: StateName.central, volume: "V1"))
        for dep in depots {
            params.append(.init(name: "KA_\(dep.name)", value: dep.kaPerH, unit: "1/h"))
            flows.append(.init(from: dep.name, to: dep.target == .parent ? StateName.central : StateName.metabolite,
                               rate: "KA_\(dep.name)"))
        }
        if d.q2LPerH > 0 {
            params += [.init(name: "Q2", value: d.q2LPerH, unit: "L/h"), .init(name: "V2", value: d.v2L, unit: "L")]
            cmts.append(.init(name: StateName.peripheral2, volume: "V2"))
            flows += [.init(from: StateName.central, to: StateName.peripheral2, rate: "Q2/V1"),
                      .init(from: StateName.peripheral2, to: StateName.central, rate: "Q2/V2")]
        }
        if d.q3LPerH > 0 {
            params += [.init(name: "Q3", value: d.q3LPerH, unit: "L/h"), .init(name: "V3", value: d.v3L, unit: "L")]
            cmts.append(.init(name: StateName.peripheral3, volume: "V3"))
            flows += [.init(from: StateName.central, to: StateName.peripheral3, rate: "Q3/V1"),
                      .init(from: StateName.peripheral3, to: StateName.central, rate: "Q3/V3")]
        }
        var outputs: [S.Output] = [.init(name: "CP", compartment: StateName.central)]
        if let m = metabolite {
            params += [.init(name: "FM", value: m.fractionFormed, unit: "fraction"),
                       .init(name: "CLM", value: m.clearanceLPerH, unit: "L/h"),
                       .init(name: "VM", value: m.centralVolumeL, unit: "L")]
            cmts.append(.init(name: StateName.metabolite, volume: "VM"))
            flows += [.init(from: StateName.central, to: StateName.metabolite, rate: "CL/V1", yield: "FM"),
                      .init(from: StateName.metabolite, to: nil, rate: "CLM/VM")]
            if m.qLPerH > 0 {
                params += [.init(name: "QM", value: m.qLPerH, unit: "L/h"),
                           .init(name: "VMP", value: m.peripheralVolumeL, unit: "L")]
                cmts.append(.init(name: StateName.metabolitePeripheral, volume: "VMP"))
                flows += [.init(from: StateName.metabolite, to: StateName.metabolitePeripheral, rate: "QM/VM"),
                          .init(from: StateName.metabolitePeripheral, to: StateName.metabolite, rate: "QM/VMP")]
            }
            outputs.append(.init(name: "CM", compartment: StateName.metabolite, scale: 1000 * m.massRatio))
        } else {
            flows.append(.init(from: StateName.central, to: nil, rate: "CL/V1"))
        }
        if let ke0 = ke0PerH {
            params.append(.init(name: "KE0", value: ke0, unit: "1/h"))
            cmts.append(.init(name: StateName.effect, effect: .init(source: StateName.central, ke0: "KE0")))
            outputs.append(.init(name: "CE", compartment: StateName.effect))
        }
        return LinearModelSpec(name: name, parameters: params, compartments: cmts, flows: flows, outputs: outputs)
    }

    /// The concrete linear model. Throws on non-positive volumes or negative rates.
    public func linearModel() throws -> LinearModel {
        let compiled = try CompiledModel(spec())
        return try compiled.build(compiled.defaultParameters)
    }

    /// The dosing model for these routes: one depot per extravascular route (parameters
    /// KA_depot.<route>, F_<ROUTE>, LAG_<ROUTE>, e.g. KA_depot.im, F_IM) and, with a metabolite, a
    /// first-pass depot into it (FP_<ROUTE>, KA_depot.<route>.firstpass) with the same KA. IV routes
    /// dose the central compartment with fraction 1 (their `bioavailability` is checked, not used).
    /// Route parameters are checked here; throws `ModelSpecError` naming the route and the value.
    public func dosingModel(routes: [Route: RouteParameters]) throws -> DosingModel {
        var m = self
        m.depots = []
        var extra: [LinearModelSpec.Parameter] = []
        var defs: [String: RouteDefinition] = [:]
        for (r, p) in routes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let tag = r.rawValue.uppercased().replacingDashes()
            guard p.bioavailability.isFinite, p.bioavailability >= 0, p.bioavailability <= 1 else {
                throw ModelSpecError("\(r.displayName): bioavailability must be in [0, 1] (got \(p.bioavailability))")
            }
            guard p.firstPassMetaboliteFraction.isFinite, p.firstPassMetaboliteFraction >= 0,
                  p.bioavailability + p.firstPassMetaboliteFraction <= 1 + 1e-12 else {
                throw ModelSpecError("\(r.displayName): F + first-pass fraction must not exceed 1 (got \(p.bioavailability) + \(p.firstPassMetaboliteFraction))")
            }
            guard p.lagH.isFinite, p.lagH >= 0 else { throw ModelSpecError("\(r.displayName): lag must be ≥ 0 h (got \(p.lagH))") }
            if r.isIntravascular {
                defs[r.rawValue] = RouteDefinition(inputs: [RouteInput(compartment: StateName.central, fraction: "1")], source: p.source)
                continue
            }
            guard p.kaPerH.isFinite, p.kaPerH > 0 else { throw ModelSpecError("\(r.displayName): KA must be > 0 /h (got \(p.kaPerH))") }
            let depot = Regimen.depotName(r)
            m.depots.append(Depot(name: depot, kaPerH: p.kaPerH))
            extra += [.init(name: "F_\(tag)", value: p.bioavailability, unit: "fraction"), .init(name: "LAG_\(tag)", value: p.lagH, unit: "h")]
            var inputs = [RouteInput(compartment: depot, fraction: "F_\(tag)", lag: "LAG_\(tag)")]
            if p.firstPassMetaboliteFraction > 0 && metabolite != nil {
                let fp = Regimen.firstPassDepotName(r)
                m.depots.append(Depot(name: fp, kaPerH: p.kaPerH, target: .metabolite))
                extra.append(.init(name: "FP_\(tag)", value: p.firstPassMetaboliteFraction, unit: "fraction"))
                inputs.append(RouteInput(compartment: fp, fraction: "FP_\(tag)", lag: "LAG_\(tag)"))
            }
            defs[r.rawValue] = RouteDefinition(inputs: inputs, source: p.source)
        }
        var spec = m.spec()
        spec.parameters += extra
        return try DosingModel(spec: spec, routes: defs)
    }
}

extension String {
    func replacingDashes() -> String { String(map { $0 == "-" ? "_" : $0 }) }
}

/// How a route delivers the dose on a `MammillaryModel`: bioavailability, first-order absorption,
/// lag, and the fraction converted to metabolite before reaching the circulation (first pass).
/// Literature values per route live in the profiles (`Profiles/clements-1981.profile.json`).
public struct RouteParameters: Sendable, Equatable {
    /// Fraction of the dose reaching the circulation as parent drug.
    public var bioavailability: Double
    /// First-order absorption rate constant (1/h); ignored for IV routes.
    public var kaPerH: Double
    /// Lag time (h).
    public var lagH: Double
    /// Fraction of the dose (parent-equivalent) reaching the metabolite compartment presystemically,
    /// absorbed with the same KA. Lost when the model has no metabolite.
    public var firstPassMetaboliteFraction: Double
    /// Where the numbers come from: citations (`[key]`) and UNCONFIRMED marks, as in the profile.
    public var source: String

    /// Memberwise initializer (KA in 1/h, lag in h).
    public init(bioavailability: Double, kaPerH: Double = 0, lagH: Double = 0,
                firstPassMetaboliteFraction: Double = 0, source: String = "") {
        self.bioavailability = bioavailability
        self.kaPerH = kaPerH
        self.lagH = lagH
        self.firstPassMetaboliteFraction = firstPassMetaboliteFraction
        self.source = source
    }
}

extension Regimen {
    /// Compiles on a mammillary structure with the given route parameters, adding one depot per
    /// extravascular route used. IV routes need no parameters (F = 1).
    public func compile(on base: MammillaryModel, routeParameters: [Route: RouteParameters] = [:]) throws -> CompiledRegimen {
        try validate()
        let used = Route.allCases.filter { r in doses.contains { $0.route == r } }
        var params: [Route: RouteParameters] = [:]
        for r in used {
            if let p = routeParameters[r] { params[r] = p }
            else if r.isIntravascular { params[r] = RouteParameters(bioavailability: 1) }
            else { throw SimulationError("\(r.displayName): no route parameters given (F, KA)") }
        }
        let model: DosingModel
        do { model = try base.dosingModel(routes: params) } catch let e as ModelSpecError { throw SimulationError(e.message) }
        return try compile(on: model)
    }
}
