/// Days of the week, Monday first.
///
/// Encodes as its short name ("Mon"); decodes any form `init(text:)` accepts.
public enum Weekday: Int, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case mon = 0, tue, wed, thu, fri, sat, sun

    /// Monday first.
    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }

    /// "Mon", "Tue", … "Sun".
    public var short: String { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][rawValue] }

    /// The short name ("Mon").
    public var description: String { short }

    /// Decodes a weekday name ("Mon", "monday", …).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let t = try c.decode(String.self)
        guard let d = Weekday(text: t) else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(t)' is not a weekday") }
        self = d
    }

    /// Encodes the short name ("Mon").
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(short)
    }

    /// "mon", "monday", "Mon" … (case-insensitive).
    public init?(text: String) {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        guard t.count >= 2, let d = Weekday.allCases.first(where: {
            let full = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][$0.rawValue]
            return full.hasPrefix(t) && t.count >= 3 || full == t
        }) else { return nil }
        self = d
    }

    /// Parses "mon,wed,fri" (also "mon-fri", "weekdays", "all").
    public static func parseSet(_ text: String, flag: String) throws -> Set<Weekday> {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        if t == "all" || t == "daily" { return Set(Weekday.allCases) }
        if t == "weekdays" { return [.mon, .tue, .wed, .thu, .fri] }
        var out = Set<Weekday>()
        for part in t.split(separator: ",", omittingEmptySubsequences: false).map({ String($0).trimmingCharacters(in: .whitespaces) }) {
            guard !part.isEmpty else { throw PlanError("\(flag): '\(text)' has an empty entry") }
            if part.contains("-") {
                let ends = part.split(separator: "-").map(String.init)
                guard ends.count == 2, let a = Weekday(text: ends[0]), let b = Weekday(text: ends[1]) else {
                    throw PlanError("\(flag): '\(part)' is not a weekday range like mon-fri")
                }
                var d = a
                while true {
                    out.insert(d)
                    if d == b { break }
                    d = Weekday(rawValue: (d.rawValue + 1) % 7)!
                }
            } else {
                guard let d = Weekday(text: part) else { throw PlanError("\(flag): unknown weekday '\(part)' (use mon, tue, wed, thu, fri, sat, sun)") }
                out.insert(d)
            }
        }
        return out
    }
}

/// A calendar date (proleptic Gregorian), with day arithmetic and no time zone: plans are in
/// the clinic's local calendar. Encodes as "YYYY-MM-DD".
public struct CivilDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Year (1-9999).
    public let year: Int
    /// Month (1-12).
    public let month: Int
    /// Day of the month (1-31).
    public let day: Int

    /// Returns nil for an impossible date (2026-13-45, 2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year), (1...9999).contains(year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `z0` days after 1970-01-01 (before it when negative).
    public init(daysSinceEpoch z0: Int) {
        // H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (civil_from_days).
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// Days since 1970-01-01 (days_from_civil).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let r = ((daysSinceEpoch % 7) + 7 + 3) % 7
        return Weekday(rawValue: r)!
    }

    /// Decodes "YYYY-MM-DD".
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let t = try c.decode(String.self)
        guard let d = CivilDate.parse(t) else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(t)' is not a YYYY-MM-DD date") }
        self = d
    }

    /// Encodes "YYYY-MM-DD".
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// The date `n` days later (earlier when negative).
    public func adding(days n: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + n) }

    /// Earlier dates first.
    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    /// YYYY-MM-DD.
    public var description: String {
        let y = String(year), m = month < 10 ? "0\(month)" : "\(month)", d = day < 10 ? "0\(day)" : "\(day)"
        return "\(String(repeating: "0", count: max(0, 4 - y.count)))\(y)-\(m)-\(d)"
    }

    /// Parses exactly YYYY-MM-DD; nil when malformed or impossible.
    public static func parse(_ text: String) -> CivilDate? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    /// Parses HH:MM (00:00-23:59) into minutes after midnight.
    public static func parseTime(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        return h * 60 + m
    }

    static func timeText(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }
}

import Foundation
