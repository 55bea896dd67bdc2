import Foundation
import PKProfiles
import PKCore

/// An error from the planner. `usage` errors are bad input (exit 64 on the command line); the others
/// are failures (exit 1). The message is one line naming the flag or field and the value.
public struct PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The one-line message, naming the flag or field and the value.
    public let message: String
    /// True for bad input (exit 64), false for a failure (exit 1).
    public let usage: Bool
    /// An error with its one-line message; `usage` false for failures.
    public init(_ message: String, usage: Bool = true) {
        self.message = message
        self.usage = usage
    }
    /// The message.
    public var description: String { message }
}

/// A dose amount: absolute (mg) or per kg of body weight. Exactly one is set.
public struct Amount: Sendable, Codable, Equatable {
    /// Absolute dose (mg); nil when per kg.
    public var mg: Double?
    /// Dose per kg of body weight (mg/kg); nil when absolute.
    public var mgPerKg: Double?
    /// An amount; give exactly one of `mg` (mg) and `mgPerKg` (mg/kg).
    public init(mg: Double? = nil, mgPerKg: Double? = nil) {
        self.mg = mg
        self.mgPerKg = mgPerKg
    }
    /// The dose in mg for a body weight in kg.
    public func milligrams(weightKg: Double) -> Double { mg ?? (mgPerKg ?? 0) * weightKg }
    /// "35 mg" or "0.5 mg/kg".
    public var text: String {
        if let mg { return "\(NumberFormat.short(mg)) mg" }
        return "\(NumberFormat.short(mgPerKg ?? 0)) mg/kg"
    }
}

/// The protocol library: tiers, escalation steps, safety rules, contraindication flags and
/// protocol templates, each with its source and evidence mark (V, U, S or derived).
public struct ProtocolCatalog: Sendable, Codable {
    /// Schema version of the catalog file.
    public var version: Int
    /// Where the catalog comes from, with citations.
    public var source: String
    /// Notes on the catalog.
    public var notes: [String]?
    var potency: Potency
    /// Tier names, lowest first ("sub-perceptual", "psycholytic", …).
    public var tierOrder: [Tier]
    /// Exposure tiers by analyte ("racemic", "S-ketamine"), on predicted peak plasma concentration.
    var exposureTiers: [String: [ExposureTier]]
    /// Dose tiers by route key ("iv", "im", "sl", "po", "in-esketamine").
    var doseTiers: [String: [DoseTier]]
    /// Escalation step by route key.
    var escalationSteps: [String: Step]
    /// Safety rules, checked on every plan.
    public var rules: [Rule]
    /// Contraindication and caution flags, each with its level by analyte.
    public var contraindications: [Contraindication]
    /// Practice requirements printed with every dosing session (fasting, oximetry, driving, …).
    public var practice: [PracticeItem]
    /// The protocol templates.
    public var protocols: [ProtocolTemplate]

    /// The three actions of a finding: BLOCK (needs `--override RULE --reason TEXT`), WARN-ACK
    /// (needs `--acknowledge RULE`) and INFO (shown only).
    public static let levels = ["block", "warn-ack", "info"]

    struct Potency: Sendable, Codable {
        /// Racemic-equivalent mg per mg of S-ketamine.
        var sKetamineToRacemic: Double
        var source: String
        var evidence: String
    }

    struct ExposureTier: Sendable, Codable {
        var tier: Tier
        var lowNgPerML: Double
        /// nil: up to the anaesthesia floor of bands.json.
        var highNgPerML: Double?
        var evidence: String
        var source: String
    }

    struct DoseTier: Sendable, Codable {
        var tier: Tier
        var min: Double
        var max: Double
        /// "mg" or "mg/kg".
        var unit: String
        var evidence: String
        var source: String
        func value(mg: Double, weightKg: Double) -> Double { unit == "mg/kg" ? mg / weightKg : mg }
    }

    struct Step: Sendable, Codable {
        var mg: Double?
        var mgPerKg: Double?
        var evidence: String
        var source: String
        var amount: Amount { Amount(mg: mg, mgPerKg: mgPerKg) }
    }

    /// A safety rule. `kind` selects the check; the other fields are its parameters.
    public struct Rule: Sendable, Codable {
        /// Rule id, as named by --override and --acknowledge.
        public var id: String
        /// Which check the rule runs ("maxSingleDose", "weeklyTotal", "minInterval", "setting", "futility", …).
        public var kind: String
        /// "block", "warn-ack" or "info" (`ProtocolCatalog.levels`).
        public var level: String
        /// Route key the rule applies to ("iv", "in-esketamine", …); nil: `routes`, else all.
        public var route: String?
        /// Routes (protocol routes or route keys) the rule applies to; nil: `route`, else all.
        public var routes: [String]?
        /// Analyte the rule applies to; nil: all.
        public var analyte: String?
        var maxMg: Double?
        var maxMgPerKg: Double?
        /// For maxSingleDose: true when reaching the limit already fires (≥), else strictly above.
        var inclusive: Bool?
        var minMgPerKg: Double?
        var maxMinutes: Double?
        /// For fastIV: fires when the administration rate (mg/kg/min) is above this.
        var maxMgPerKgPerMin: Double?
        var minMinutes: Double?
        var multipleOfMg: Double?
        /// For minInterval: the shortest interval between dosing sessions (h).
        public var hours: Double?
        /// For weeklyTotal: the 7-day limit by route key (mg or mg/kg).
        public var limits: [String: Amount]?
        var systolicAbove: Double?
        var diastolicAbove: Double?
        var minAge: Double?
        /// For setting: the settings that fire the rule ("home-supervised", "home").
        public var settings: [String]?
        /// For futility: completed sessions without response before a review is due.
        public var sessions: Int?
        /// Evidence mark (V, U, S or derived).
        public var evidence: String
        /// Source, with citations.
        public var source: String
    }

    /// A practice requirement of every dosing session, for one analyte or route (nil: all).
    public struct PracticeItem: Sendable, Codable, Equatable {
        /// Requirement id.
        public var id: String
        /// Analyte it applies to; nil: all.
        public var analyte: String?
        /// Protocol routes or route keys it applies to; nil: all.
        public var routes: [String]?
        /// The requirement in words.
        public var text: String
        /// Evidence mark (V, U, S or derived).
        public var evidence: String
        /// Source, with citations.
        public var source: String
    }

    /// The practice requirements that apply to a protocol.
    public func practice(for p: ProtocolTemplate) -> [PracticeItem] {
        practice.filter { i in
            (i.analyte == nil || i.analyte!.lowercased() == p.analyte.lowercased())
                && (i.routes == nil || i.routes!.contains(p.route) || i.routes!.contains(p.routeKey))
        }
    }

    /// A contraindication or caution flag, as given by --flag.
    public struct Contraindication: Sendable, Codable {
        /// Flag name (--flag).
        public var flag: String
        /// The condition in words.
        public var label: String
        /// Level by analyte.
        public var levels: [String: String]
        /// Evidence mark (V, U, S or derived).
        public var evidence: String
        /// Source, with citations.
        public var source: String
    }

    /// The built-in catalog from `Profiles/protocols.json`.
    public static let builtin: ProtocolCatalog = {
        guard let text = ProtocolLibrary.json else { fatalError("protocols.json is not embedded") }
        // Checked by a test; a failure here is a build defect.
        return try! decode(text, origin: "protocols.json")
    }()

    /// Decodes and checks a catalog (strict JSON); errors name `origin` and the field.
    public static func decode(_ text: String, origin: String) throws -> ProtocolCatalog {
        let c: ProtocolCatalog
        do { c = try StrictJSON.decode(ProtocolCatalog.self, from: text) } catch let e as DecodingError {
            throw PlanError("\(origin): \(describe(e))", usage: false)
        } catch let e as StrictJSONError {
            throw PlanError("\(origin): \(e)", usage: false)
        }
        try c.validate(origin: origin)
        return c
    }

    static func describe(_ e: DecodingError) -> String {
        func path(_ c: [CodingKey]) -> String {
            c.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
        }
        switch e {
        case .keyNotFound(let k, let ctx): return "\(path(ctx.codingPath + [k])): field '\(k.stringValue)' is missing"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx): return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        case .dataCorrupted(let ctx): return ctx.codingPath.isEmpty ? "not valid JSON" : "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default: return "not valid JSON"
        }
    }

    func validate(origin: String) throws {
        let levels = Set(Self.levels)
        for r in rules {
            guard levels.contains(r.level) else { throw PlanError("\(origin): rules.\(r.id).level: '\(r.level)' (use block, warn-ack or info)", usage: false) }
            guard !r.source.isEmpty else { throw PlanError("\(origin): rules.\(r.id).source: empty", usage: false) }
        }
        for c in contraindications {
            for (a, l) in c.levels where !levels.contains(l) {
                throw PlanError("\(origin): contraindications.\(c.flag).levels.\(a): '\(l)' (use block, warn-ack or info)", usage: false)
            }
            guard !c.source.isEmpty else { throw PlanError("\(origin): contraindications.\(c.flag).source: empty", usage: false) }
        }
        for i in practice where i.source.isEmpty || i.text.isEmpty { throw PlanError("\(origin): practice.\(i.id): empty text or source", usage: false) }
        guard Set(rules.map(\.id)).count == rules.count else { throw PlanError("\(origin): rules: duplicate id", usage: false) }
        for p in protocols { try p.validate(origin: origin) }
    }

    /// A protocol by id (case-insensitive).
    public func named(_ id: String) -> ProtocolTemplate? { protocols.first { $0.id.lowercased() == id.lowercased() } }

    /// The rule with this id.
    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }

    /// Every id a finding can carry (rules and contraindication flags), for `--override` checks.
    var ruleIDs: [String] { rules.map(\.id) + contraindications.map { "contraindication-\($0.flag)" } }
}

/// A protocol template: route, analyte, starting dose, escalation, schedule phases, sessions.
public struct ProtocolTemplate: Sendable, Codable {
    /// Protocol id (--protocol).
    public var id: String
    /// One-line title.
    public var title: String
    /// Where the protocol comes from, with citations.
    public var source: String
    /// Evidence mark (V, U, S or derived).
    public var evidence: String
    /// Notes on the protocol.
    public var notes: [String]?
    /// "iv" (infusion), "iv-bolus", "im", "in", "sl", "po".
    public var route: String
    /// "racemic" or "S-ketamine".
    public var analyte: String
    /// Default profile for predictions.
    public var profile: String?
    /// IV infusion duration (min); nil: 40.
    public var infusionMin: Double?
    var infusionEvidence: String?
    /// Starting dose (mg or mg/kg).
    public var dose: Amount
    var doseEvidence: String?
    /// Starting dose from age 65 (esketamine EU/HK SmPC).
    public var doseAge65: Amount?
    /// The labels ("us", "eu") under which `doseAge65` applies; nil: all.
    public var doseAge65Labels: [String]?
    /// Source of `doseAge65`.
    public var doseAge65Source: String?
    /// Dose escalation; nil: fixed dose.
    public var escalation: Escalation?
    var topUp: TopUp?
    var schedule: [Phase]
    var reviewAfterSessions: Int?
    var reviewSource: String?
    /// Default dosing days ("mon", "thu", …).
    public var defaultWeekdays: [String]
    var preparation: SupportSession?
    var integration: SupportSession?
    var therapy: Therapy?
    /// "clinic", "home-supervised" (remote guide, no clinician on site) or "home" (unsupervised).
    public var setting: String?
    /// Default time of day, HH:MM; nil: 09:00.
    public var time: String?
    /// Session window for minutes in band (min); nil: 120 for S-ketamine, 90 otherwise.
    public var windowMin: Double?
    /// Observation after the window (min); nil: 60.
    public var observationMin: Double?
    /// The label's minimum time on site after dosing (esketamine: 120 min), checked by the recovery rule.
    var minOnSiteMin: Double?
    /// Where the window and observation come from.
    public var windowSource: String?

    /// The settings a protocol or --setting may name.
    public static let settings = ["clinic", "home-supervised", "home"]

    /// How the dose escalates.
    public struct Escalation: Sendable, Codable {
        /// "none", "no-response" (step up after a completed session without a good response) or
        /// "scheduled" (step up after every completed session unless the response is good).
        var trigger: String
        /// Overrides the route's default step.
        public var step: Amount?
        /// Largest dose of the escalation (mg or mg/kg); nil: no maximum.
        public var max: Amount?
        /// Evidence mark (V, U, S or derived).
        public var evidence: String
        /// Source, with citations.
        public var source: String
    }

    struct TopUp: Sendable, Codable {
        var minMg: Double
        var maxMg: Double
        var atMin: Double
        var evidence: String
        var source: String
    }

    /// A schedule phase: `sessions` dosing sessions, either `perWeek` a week (on a fixed weekday
    /// pattern), one every `everyWeeks` weeks, or one every `everyDays` days.
    struct Phase: Sendable, Codable {
        var sessions: Int
        var perWeek: Int?
        var everyWeeks: Int?
        var everyDays: Int?
        var label: String?
        var evidence: String
        var source: String
    }

    struct SupportSession: Sendable, Codable {
        var count: Int?
        var afterDays: Int?
        var durationMin: Double
        var evidence: String
        var source: String
    }

    struct Therapy: Sendable, Codable {
        var name: String
        var count: Int
        var overWeeks: Int
        var durationMin: Double
        var evidence: String
        var source: String
    }

    /// Key into the route tables: the route, with "-esketamine" for nasal S-ketamine.
    var routeKey: String { ProtocolTemplate.routeKey(route: route, analyte: analyte) }

    /// The rules' route key: IV bolus and infusion share "iv"; S-ketamine IN is "in-esketamine".
    static func routeKey(route: String, analyte: String) -> String {
        let r = route == "iv-bolus" ? "iv" : route
        return analyte.lowercased() == "s-ketamine" && r == "in" ? "in-esketamine" : r
    }

    /// Dosing sessions of the protocol's schedule, all phases.
    public var defaultSessionCount: Int { schedule.reduce(0) { $0 + $1.sessions } }

    func validate(origin: String) throws {
        let f = "\(origin): protocols.\(id)"
        func bad(_ m: String) -> PlanError { PlanError("\(f).\(m)", usage: false) }
        guard ["iv", "iv-bolus", "im", "in", "sl", "po", "pr"].contains(route) else { throw bad("route: unknown route '\(route)'") }
        guard ["racemic", "s-ketamine"].contains(analyte.lowercased()) else { throw bad("analyte: '\(analyte)' (racemic or S-ketamine)") }
        guard (dose.mg == nil) != (dose.mgPerKg == nil) else { throw bad("dose: give exactly one of mg, mgPerKg") }
        guard dose.milligrams(weightKg: 1) > 0 else { throw bad("dose: must be > 0") }
        guard !schedule.isEmpty else { throw bad("schedule: empty") }
        for (i, p) in schedule.enumerated() {
            let kinds = [p.perWeek, p.everyWeeks, p.everyDays].compactMap { $0 }
            guard kinds.count == 1 else { throw bad("schedule[\(i)]: give exactly one of perWeek, everyWeeks, everyDays") }
            guard kinds[0] >= 1, p.sessions >= 1 else { throw bad("schedule[\(i)]: sessions and interval must be >= 1") }
            if let k = p.perWeek, k > 7 { throw bad("schedule[\(i)].perWeek: \(k) is more than 7") }
            if p.sessions > InputLimits.maxSessions { throw bad("schedule[\(i)].sessions: \(p.sessions) exceeds the limit of \(InputLimits.maxSessions)") }
            if let d = p.everyDays, d > InputLimits.maxPhaseIntervalDays { throw bad("schedule[\(i)].everyDays: \(d) exceeds the limit of \(InputLimits.maxPhaseIntervalDays)") }
            if let w = p.everyWeeks, w > InputLimits.maxPhaseIntervalDays / 7 { throw bad("schedule[\(i)].everyWeeks: \(w) exceeds the limit of \(InputLimits.maxPhaseIntervalDays / 7)") }
        }
        let total = schedule.reduce(0) { $0 &+ $1.sessions }
        if total > InputLimits.maxSessions { throw bad("schedule: \(total) sessions in all exceed the limit of \(InputLimits.maxSessions)") }
        let cap = InputLimits.maxSupportCount
        for (name, s) in [("preparation", preparation), ("integration", integration)] {
            guard let s else { continue }
            if let c = s.count, !(0...cap).contains(c) { throw bad("\(name).count: \(c) must be from 0 to \(cap)") }
            if let d = s.afterDays, !(0...InputLimits.maxPhaseIntervalDays).contains(d) { throw bad("\(name).afterDays: \(d) must be from 0 to \(InputLimits.maxPhaseIntervalDays)") }
            if !(s.durationMin.isFinite && s.durationMin >= 0) { throw bad("\(name).durationMin: must be finite and >= 0") }
        }
        if let th = therapy {
            if !(1...cap).contains(th.count) { throw bad("therapy.count: \(th.count) must be from 1 to \(cap)") }
            if !(1...(InputLimits.maxPhaseIntervalDays / 7)).contains(th.overWeeks) { throw bad("therapy.overWeeks: \(th.overWeeks) must be from 1 to \(InputLimits.maxPhaseIntervalDays / 7)") }
            if !(th.durationMin.isFinite && th.durationMin >= 0) { throw bad("therapy.durationMin: must be finite and >= 0") }
        }
        if let r = reviewAfterSessions, !(0...InputLimits.maxSessions).contains(r) { throw bad("reviewAfterSessions: \(r) must be from 0 to \(InputLimits.maxSessions)") }
        for d in defaultWeekdays where Weekday(text: d) == nil { throw bad("defaultWeekdays: unknown weekday '\(d)'") }
        if let e = escalation, !["none", "no-response", "scheduled"].contains(e.trigger) {
            throw bad("escalation.trigger: '\(e.trigger)' (none, no-response, scheduled)")
        }
        if let t = time, CivilDate.parseTime(t) == nil { throw bad("time: '\(t)' is not HH:MM") }
        if let s = setting, !Self.settings.contains(s) {
            throw bad("setting: '\(s)' (clinic, home-supervised, home)")
        }
        for l in doseAge65Labels ?? [] where !["us", "eu"].contains(l) { throw bad("doseAge65Labels: '\(l)' (us, eu)") }
        if let m = observationMin, m < 0 { throw bad("observationMin: must be >= 0") }
        if route == "iv", (infusionMin ?? 40) <= 0 { throw bad("infusionMin: must be > 0") }
        if let t = topUp, !(t.minMg > 0 && t.maxMg >= t.minMg && t.atMin >= 0) { throw bad("topUp: need 0 < minMg <= maxMg and atMin >= 0") }
    }

    /// Decodes a user's protocol file: one protocol object, or an object with a "protocols" array
    /// holding exactly one protocol.
    public static func decodeFile(_ text: String, origin: String) throws -> ProtocolTemplate {
        struct Wrapper: Decodable { var protocols: [ProtocolTemplate] }
        let p: ProtocolTemplate
        do {
            if case .object(let top) = try StrictJSON.parse(text), top.values["protocols"] != nil {
                // A copy of the whole catalog (Profiles/protocols.json): its rules, tiers and flags
                // are the built-in ones and are not taken from a file.
                let extra = top.keys.filter { $0 != "protocols" }
                if !extra.isEmpty {
                    throw PlanError("\(origin): a protocol file holds one protocol (the object, or {\"protocols\": [it]}); "
                                    + "\(extra.joined(separator: ", ")) belong to the catalog Profiles/protocols.json, whose safety rules, tiers and flags are built in", usage: false)
                }
                let w = try StrictJSON.decode(Wrapper.self, from: text)
                guard w.protocols.count == 1 else { throw PlanError("\(origin): protocols: give exactly one protocol (found \(w.protocols.count))", usage: false) }
                p = w.protocols[0]
            } else {
                p = try StrictJSON.decode(ProtocolTemplate.self, from: text)
            }
        } catch let e as DecodingError {
            throw PlanError("\(origin): \(ProtocolCatalog.describe(e))", usage: false)
        } catch let e as StrictJSONError {
            throw PlanError("\(origin): \(e)", usage: false)
        }
        try p.validate(origin: origin)
        return p
    }
}
