/// Documented bounds on counts read from files and flags, checked before any work so that a
/// mistyped or hostile number (ADDL = 2^31 with II = 1e-6 h, a protocol with 2^31 sessions) is a
/// one-line error naming the field and the value instead of a run that never ends.
public enum InputLimits {
    /// Additional doses of one dose record (ADDL; scheduled one at a time, so this bounds the work of a
    /// record when II is tiny), and implied doses before a steady-state lag.
    public static let maxAdditionalDoses = 1_000_000
    /// |TIME| and II of a data record, in the data set's time unit: 1e8 is 11,000 years in hours
    /// and 3 years in seconds. Beyond it a value is a slip (the exact solver's steps would
    /// overflow and its error could not name the record).
    public static let maxDataTime = 1e8
    /// Points of an output grid (duration / step); also enforced by `Simulator.grid`.
    public static let maxGridPoints = 10_000_000
    /// Dosing sessions of a protocol (all phases), the same bound as `plan --sessions`.
    public static let maxSessions = 200
    /// Interval of a protocol phase, in days (everyDays) or weeks (everyWeeks).
    public static let maxPhaseIntervalDays = 3_660
    /// Counts of support sessions and therapies of a protocol.
    public static let maxSupportCount = 1_000

    /// Throws unless `value` is within 0…`limit`; the message names `field`, the value and the limit.
    public static func check(_ field: String, _ value: Int, max limit: Int) throws {
        guard value <= limit else { throw SimulationError("\(field): \(value) exceeds the limit of \(limit)") }
    }
}
