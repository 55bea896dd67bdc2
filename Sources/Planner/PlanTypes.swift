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
