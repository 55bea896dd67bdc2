import Foundation
import Studies
import PKProfiles
import Reports
import PKCore

/// Parsing of quantities with units from command-line text, e.g. "0.5mg/kg", "40 min", "70kg".
/// Accepted: mg, µg (ug, mcg), g; mg/kg, µg/kg; mg/h, mg/min, mg/kg/h, mg/kg/min, µg/kg/min;
/// kg, g, lb; s, min, h, d; ng/mL, µg/mL, mg/L, µg/L. An unknown or missing unit is an error naming
/// the flag and the value.
public enum Units {
    /// A dose: absolute or per kg of body weight.
    public typealias DoseAmount = Studies.DoseAmount


    /// An infusion rate: absolute or per kg.
    public enum RateAmount: Equatable, Sendable {
        case mgPerH(Double)
        case mgPerKgPerH(Double)
        public func mgPerH(weightKg: Double) -> Double {
            switch self {
            case .mgPerH(let v): return v
            case .mgPerKgPerH(let v): return v * weightKg
            }
        }
    }

    /// Splits "0.5mg/kg" into 0.5 and "mg/kg" (unit normalised: lower case, µ/μ/mc → u, spaces dropped).
    static func split(_ text: String, flag: String) throws -> (Double, String) {
        let t = text.trimmedSpaces
        guard !t.isEmpty else { throw CLIError.usage("\(flag): empty value") }
        var numberEnd = t.startIndex
        var seenDigit = false
        var i = t.startIndex
        while i < t.endIndex {
            let c = t[i]
            if c.isNumber || c == "." { seenDigit = seenDigit || c.isNumber; i = t.index(after: i); numberEnd = i; continue }
            if (c == "-" || c == "+") && i == t.startIndex { i = t.index(after: i); numberEnd = i; continue }
            if (c == "e" || c == "E") && seenDigit {
                // exponent only if followed by a digit or sign+digit
                let n = t.index(after: i)
                if n < t.endIndex, t[n].isNumber || ((t[n] == "-" || t[n] == "+") && t.index(after: n) < t.endIndex && t[t.index(after: n)].isNumber) {
                    i = t.index(after: n); numberEnd = i; continue
                }
            }
            break
        }
        let numText = String(t[t.startIndex..<numberEnd])
        guard seenDigit, let value = Double(numText) else {
            throw CLIError.usage("\(flag): '\(text)' does not start with a number")
        }
        guard value.isFinite else { throw CLIError.usage("\(flag): '\(text)' is not a finite number") }
        var unit = String(t[numberEnd...]).lowercased().filter { $0 != " " }
        unit = unit.replacingOccurrences(of: "µ", with: "u").replacingOccurrences(of: "μ", with: "u")
        if unit.hasPrefix("mcg") { unit = "ug" + unit.dropFirst(3) }
        return (value, unit)
    }

    static func nonNegative(_ v: Double, _ flag: String, _ text: String) throws {
        guard v >= 0 else { throw CLIError.usage("\(flag): '\(text)' is negative") }
    }

    /// A dose such as "35mg", "0.5mg/kg", "500ug/kg".
    public static func dose(_ text: String, flag: String = "--dose") throws -> DoseAmount {
        let (v, u) = try split(text, flag: flag)
        try nonNegative(v, flag, text)
        // A dose of nothing plans nothing: a full report of zeros (and minutes "in" a band that
        // starts at 0) would read as a result.
        guard v > 0 else { throw CLIError.usage("\(flag): '\(text)' must be greater than zero") }
        switch u {
        case "mg": return .mg(v)
        case "ug": return .mg(v / 1000)
        case "g": return .mg(v * 1000)
        case "mg/kg": return .mgPerKg(v)
        case "ug/kg": return .mgPerKg(v / 1000)
        case "": throw CLIError.usage("\(flag): '\(text)' has no unit (use mg, ug, mg/kg or ug/kg, e.g. 0.5mg/kg)")
        default: throw CLIError.usage("\(flag): unknown unit '\(u)' in '\(text)' (use mg, ug, mg/kg or ug/kg)")
        }
    }

    /// A rate such as "10mg/h", "0.5mg/kg/h", "5ug/kg/min".
    public static func rate(_ text: String, flag: String = "--rate") throws -> RateAmount {
        let (v, u) = try split(text, flag: flag)
        try nonNegative(v, flag, text)
        switch u {
        case "mg/h": return .mgPerH(v)
        case "mg/min": return .mgPerH(v * 60)
        case "ug/min": return .mgPerH(v * 60 / 1000)
        case "ug/h": return .mgPerH(v / 1000)
        case "mg/kg/h": return .mgPerKgPerH(v)
        case "mg/kg/min": return .mgPerKgPerH(v * 60)
        case "ug/kg/min": return .mgPerKgPerH(v * 60 / 1000)
        case "ug/kg/h": return .mgPerKgPerH(v / 1000)
        case "": throw CLIError.usage("\(flag): '\(text)' has no unit (use mg/h, mg/min, mg/kg/h or ug/kg/min)")
        default: throw CLIError.usage("\(flag): unknown unit '\(u)' in '\(text)' (use mg/h, mg/min, mg/kg/h or ug/kg/min)")
        }
    }

    /// A body weight such as "70kg" (also g, lb).
    public static func weightKg(_ text: String, flag: String = "--weight") throws -> Double {
        let (v, u) = try split(text, flag: flag)
        let kg: Double
        switch u {
        case "kg": kg = v
        case "g": kg = v / 1000
        case "lb", "lbs": kg = v * 0.45359237
        case "": throw CLIError.usage("\(flag): '\(text)' has no unit (e.g. 70kg)")
        default: throw CLIError.usage("\(flag): unknown unit '\(u)' in '\(text)' (use kg, g or lb)")
        }
        guard kg > 0 else { throw CLIError.usage("\(flag): '\(text)' must be greater than zero") }
        // Below a newborn's weight a number is a slip (0.5 kg, 1000 g), not a patient.
        guard kg >= 2 else { throw CLIError.usage("\(flag): '\(text)' is not a plausible body weight (< 2 kg)") }
        guard kg <= 500 else { throw CLIError.usage("\(flag): '\(text)' is not a plausible body weight (> 500 kg)") }
        return kg
    }

    /// A duration such as "40min", "24h", "2d", "90s", in hours.
    public static func hours(_ text: String, flag: String) throws -> Double {
        let (v, u) = try split(text, flag: flag)
        try nonNegative(v, flag, text)
        switch u {
        case "s", "sec": return v / 3600
        case "min", "m": return v / 60
        case "h", "hr", "hrs": return v
        case "d", "day", "days": return v * 24
        case "w", "wk", "week", "weeks": return v * 168
        case "": throw CLIError.usage("\(flag): '\(text)' has no unit (use s, min, h or d, e.g. 40min)")
        default: throw CLIError.usage("\(flag): unknown unit '\(u)' in '\(text)' (use s, min, h or d)")
        }
    }

    /// A concentration such as "100ng/mL", "0.1mg/L", in ng/mL.
    public static func concentrationNgPerML(_ text: String, flag: String) throws -> Double {
        let (v, u) = try split(text, flag: flag)
        try nonNegative(v, flag, text)
        switch u {
        case "ng/ml", "ug/l": return v
        case "ug/ml", "mg/l": return v * 1000
        case "": throw CLIError.usage("\(flag): '\(text)' has no unit (use ng/mL or mg/L, e.g. 100ng/mL)")
        default: throw CLIError.usage("\(flag): unknown unit '\(u)' in '\(text)' (use ng/mL, ug/mL, mg/L or ug/L)")
        }
    }

    /// A drug solution's strength such as "50mg/mL" or "10 mg/ml", in mg/mL (> 0).
    public static func solutionMgPerML(_ text: String, flag: String = "--concentration") throws -> Double {
        let (v, u) = try split(text, flag: flag)
        guard v > 0, v.isFinite else { throw CLIError.usage("\(flag): '\(text)' must be greater than zero") }
        switch u {
        case "mg/ml": return v
        case "g/l": return v
        case "ug/ml": return v / 1000
        case "": throw CLIError.usage("\(flag): '\(text)' has no unit (use mg/mL, e.g. 50mg/mL)")
        default: throw CLIError.usage("\(flag): unknown unit '\(u)' in '\(text)' (use mg/mL, e.g. 50mg/mL)")
        }
    }

    /// A first-order rate constant such as "3/h", "0.05/min", in 1/h.
    public static func perHour(_ text: String, flag: String) throws -> Double {
        let (v, u) = try split(text, flag: flag)
        guard v > 0 else { throw CLIError.usage("\(flag): '\(text)' must be greater than zero") }
        switch u {
        case "/h", "1/h", "h-1", "/hr": return v
        case "/min", "1/min", "min-1": return v * 60
        case "/s", "1/s": return v * 3600
        case "": throw CLIError.usage("\(flag): '\(text)' has no unit (use /h or /min, e.g. 3/h)")
        default: throw CLIError.usage("\(flag): unknown unit '\(u)' in '\(text)' (use /h or /min)")
        }
    }

    /// A plain fraction in [0, 1], e.g. for bioavailability.
    public static func fraction(_ text: String, flag: String) throws -> Double {
        guard let v = Double(text.trimmedSpaces), v.isFinite else {
            throw CLIError.usage("\(flag): '\(text)' is not a number")
        }
        guard v >= 0 && v <= 1 else { throw CLIError.usage("\(flag): '\(text)' must be between 0 and 1") }
        return v
    }

    /// `--count N` doses `--every T` apart: (count, interval in h); count 1 and interval 0 when absent.
    static func repeats(_ a: Arguments) throws -> (count: Int, everyH: Double) {
        var count = 1, every = 0.0
        if let c = a.value("--count") {
            guard let v = Int(c), v >= 1, v <= 10_000 else { throw CLIError.usage("--count: '\(c)' must be a whole number from 1 to 10000") }
            count = v
        }
        if let e = a.value("--every") {
            every = try hours(e, flag: "--every")
            guard every > 0 else { throw CLIError.usage("--every: '\(e)' must be greater than zero") }
        }
        if count > 1 && every == 0 { throw CLIError.usage("--count: \(count) doses need --every (the interval)") }
        // The other way round too: an interval without a number of doses would be one dose, silently.
        if let e = a.value("--every"), a.value("--count") == nil {
            throw CLIError.usage("--every: '\(e)' needs --count (the number of doses, e.g. --count 6)")
        }
        return (count, every)
    }
}
