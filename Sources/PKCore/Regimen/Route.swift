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
