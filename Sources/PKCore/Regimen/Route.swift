/// Routes of ketamine administration.
public enum Route: String, Sendable, CaseIterable, Codable {
    case ivBolus = "iv-bolus"
    case ivInfusion = "iv"
    case intramuscular = "im"
    case intranasal = "in"
    case oral = "po"
    case sublingual = "sl"
    case rectal = "pr"

    /// True for routes that put the dose straight into the central compartment.
    public var isIntravascular: Bool { self == .ivBolus || self == .ivInfusion }

    /// Human name.
    public var displayName: String {
        switch self {
        case .ivBolus: return "IV bolus"
        case .ivInfusion: return "IV infusion"
        case .intramuscular: return "IM"
        case .intranasal: return "IN"
        case .oral: return "PO"
        case .sublingual: return "SL"
        case .rectal: return "PR"
        }
    }

    /// Parses "iv", "iv-bolus", "im", "in", "po", "oral", "sl", "pr", … (case-insensitive).
    public init?(text: String) {
        switch text.lowercased() {
        case "iv", "iv-infusion", "infusion", "ivinf": self = .ivInfusion
        case "iv-bolus", "ivbolus", "bolus": self = .ivBolus
        case "im", "intramuscular": self = .intramuscular
        case "in", "intranasal", "nasal": self = .intranasal
        case "po", "oral": self = .oral
        case "sl", "sublingual": self = .sublingual
        case "pr", "rectal": self = .rectal
        default: return nil
        }
    }
}

/// How a route delivers the dose: bioavailability, first-order absorption, lag, and the fraction
/// converted to metabolite before reaching the circulation (first pass).
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
    /// Where the numbers come from, with UNCONFIRMED marks copied from the research notes.
    public var source: String

    public init(bioavailability: Double, kaPerH: Double = 0, lagH: Double = 0,
                firstPassMetaboliteFraction: Double = 0, source: String = "") {
        self.bioavailability = bioavailability
        self.kaPerH = kaPerH
        self.lagH = lagH
        self.firstPassMetaboliteFraction = firstPassMetaboliteFraction
        self.source = source
    }

    /// Defaults for racemic ketamine in adults (`research/ketamine-pk.md` §2, route table).
    ///
    /// No published racemic model gives KA, so each KA was fitted [calc] so that the default
    /// disposition (`DefaultModel`) peaks at the published mean Tmax; a test checks that fit.
    /// - IV bolus / infusion: F = 1.
    /// - IM: F 0.93 (Clements 1982 *J Pharm Sci*, via secondary pages: UNCONFIRMED); Tmax 5–15 min
    ///   (review figure) → KA fitted to Tmax 10 min.
    /// - IN: F 0.45 (Yanagihara 2003, n = 3); note Pharmacotherapy 2022 (PMC9118341) found only
    ///   0.11–0.17 at 10–50 mg in adults, so IN exposure is uncertain. Tmax 14–23 min → KA fitted to
    ///   Tmax 20 min.
    /// - PO: F 0.20 (Yanagihara 2003; reviews 0.17–0.20); Tmax 0.96 h (Chong 2006); K+NK
    ///   "combined F" 59 % (Chong 2006) → first-pass fraction to norketamine 0.59 − 0.20 = 0.39 [calc].
    /// - SL: F 0.29 (Rolan 2014 wafer, 90 % CI 0.27–0.31); Tmax 0.75 h; Chong 2006 SL combined F 54 %
    ///   with F 0.32 → first-pass fraction 0.22 [calc].
    /// - PR (rectal): F 0.25 (Malinovsky 1996, children, 9 mg/kg); Tmax 42 min.
    /// - No published model uses a true lag (zero-order or transit input instead): lag 0 everywhere.
    public static func racemicAdultDefault(_ route: Route) -> RouteParameters {
        switch route {
        case .ivBolus, .ivInfusion:
            return .init(bioavailability: 1, source: "IV: F = 1 by definition")
        case .intramuscular:
            return .init(bioavailability: 0.93, kaPerH: RouteKA.intramuscular,
                         source: "F 0.93 Clements 1982 via secondary sources (UNCONFIRMED); KA [calc] fitted to Tmax 10 min (review 5-15 min, UNCONFIRMED)")
        case .intranasal:
            return .init(bioavailability: 0.45, kaPerH: RouteKA.intranasal,
                         source: "F 0.45 Yanagihara 2003 (n=3; adults 10-50 mg gave 0.11-0.17 in Pharmacotherapy 2022); KA [calc] fitted to Tmax 20 min")
        case .oral:
            return .init(bioavailability: 0.20, kaPerH: RouteKA.oral, firstPassMetaboliteFraction: 0.39,
                         source: "F 0.20 Yanagihara 2003 / reviews 0.17-0.20; KA [calc] fitted to Tmax 0.96 h (Chong 2006); first pass 0.39 [calc] from combined F 59% (Chong 2006)")
        case .sublingual:
            return .init(bioavailability: 0.29, kaPerH: RouteKA.sublingual, firstPassMetaboliteFraction: 0.22,
                         source: "F 0.29 Rolan 2014 (90% CI 0.27-0.31); KA [calc] fitted to Tmax 0.75 h; first pass 0.22 [calc] from combined F 54% (Chong 2006)")
        case .rectal:
            return .init(bioavailability: 0.25, kaPerH: RouteKA.rectal,
                         source: "F 0.25 Malinovsky 1996 (children, 9 mg/kg); KA [calc] fitted to Tmax 42 min")
        }
    }
}

/// Absorption rate constants (1/h) fitted [calc] to published mean Tmax on the default disposition
/// (`DefaultModel`, Clements 250 µg/kg set: micro-constants do not depend on weight, so neither does
/// the fit). Bisection on the model's exact Tmax; `RouteTests` checks each Tmax against its target.
public enum RouteKA {
    /// IM: Tmax 10 min (middle of the 5–15 min review figure, UNCONFIRMED).
    public static let intramuscular = 14.8
    /// IN: Tmax 20 min (racemic IN Tmax 14–23 min, Pharmacotherapy 2022; ~20 min children, Malinovsky 1996).
    public static let intranasal = 5.20
    /// PO: Tmax 0.96 h (Chong 2006).
    public static let oral = 0.992
    /// SL: Tmax 0.75 h (Rolan 2014 wafer; Chong 2006 0.76 h).
    public static let sublingual = 1.44
    /// PR: Tmax 42 min (Malinovsky 1996, children).
    public static let rectal = 1.60

    /// The Tmax targets (h) the constants were fitted to, for the test that checks the fit.
    public static let tmaxTargetsH: [Route: Double] = [
        .intramuscular: 10.0 / 60, .intranasal: 20.0 / 60, .oral: 0.96, .sublingual: 0.75, .rectal: 42.0 / 60,
    ]
}
