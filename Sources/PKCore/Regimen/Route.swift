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

    public init(bioavailability: Double, kaPerH: Double = 0, lagH: Double = 0,
                firstPassMetaboliteFraction: Double = 0, source: String = "") {
        self.bioavailability = bioavailability
        self.kaPerH = kaPerH
        self.lagH = lagH
        self.firstPassMetaboliteFraction = firstPassMetaboliteFraction
        self.source = source
    }
}
