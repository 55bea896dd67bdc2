import PKCore

/// What a calendar session is for. Encodes as its raw value ("dosing", …).
public enum SessionKind: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// A preparation session before the first dose (no drug).
    case preparation
    /// A dosing session: a dose with its predictions.
    case dosing
    /// An integration session after a dosing session (no drug).
    case integration
    /// A psychotherapy session of the protocol (e.g. CBT; no drug).
    case therapy

    /// The raw value, as in every output.
    public var description: String { rawValue }
}

/// Which concentration the predictions, bands and discharge level refer to. Encodes as its raw value.
public enum Site: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Parent plasma concentration (ng/mL).
    case plasma
    /// Effect-site concentration (ng/mL, through the profile's ke0).
    case effect

    /// The raw value, as in every output.
    public var description: String { rawValue }
}

/// Which criterion sets a session's earliest discharge. Encodes as "level" or "on-site".
public enum DischargeCriterion: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// The predicted time below the discharge level (min after the dose) is the later one.
    case level
    /// The minimum time on site (`Plan.minOnSiteMin`, min) is the later one.
    case onSite = "on-site"

    /// The raw value, as in every output.
    public var description: String { rawValue }
}

/// An escalation tier's name. Tiers are data, not code: the protocol templates define them
/// (Profiles/protocols.json `tierOrder`: "sub-perceptual", "psycholytic", "psychedelic", "high"),
/// and the planner adds "anaesthetic" (a peak at or above the anaesthesia floor of bands.json),
/// "below tiers", "none" and the label of a `--band` given as a name or LOW-HIGH. So a name, typed
/// so it is not confused with other strings. Encodes as its name; prints as its name.
public struct Tier: RawRepresentable, Hashable, Codable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The tier's name as the data spells it.
    public var rawValue: String
    /// The tier named `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The tier named `name`.
    public init(_ name: String) { rawValue = name }
    /// The tier named by a literal ("psycholytic").
    public init(stringLiteral value: String) { rawValue = value }
    /// Decodes the name from a JSON string.
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    /// Encodes the name as a JSON string.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
    /// The name.
    public var description: String { rawValue }
}
