import PKProfiles
/// A safety finding: a rule that fired, at which sessions, with its level and source.
public struct Finding: Sendable, Codable, Equatable {
    /// What a finding asks of the clinician. Encodes as "block", "warn-ack" or "info".
    public enum Level: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
        /// The plan is refused unless the rule is overridden with a reason.
        case block
        /// The plan is refused until the finding is acknowledged.
        case warnAck = "warn-ack"
        /// Shown only.
        case info

        /// The raw value ("warn-ack").
        public var description: String { rawValue }
        /// The action as shown to the clinician: "BLOCK", "WARN-ACK" or "INFO".
        public var action: String { rawValue.uppercased() }
        /// Catalog order: block, then warn-ack, then info.
        var rank: Int { self == .block ? 0 : self == .warnAck ? 1 : 2 }
    }

    /// Id of the rule (a catalog rule id, or contraindication-FLAG).
    public var rule: String
    /// What the finding asks: block, warn-ack or info.
    public var level: Level
    /// 1-based dosing session numbers (empty: the whole plan).
    public var sessions: [Int]
    /// What fired, in words with the numbers.
    public var message: String
    /// Source of the rule, with citations.
    public var source: String
    /// Evidence mark (V, U, S or derived).
    public var evidence: String
    /// True for "warn-ack" findings.
    public var requiresAcknowledgement: Bool
    /// True when a warn-ack finding is acknowledged (`PlanRequest.acknowledgements`).
    public var acknowledged: Bool
    /// True when an override names this rule.
    public var overridden: Bool
    /// The override's reason; nil when not overridden.
    public var overrideReason: String?
}

/// What the rules look at for one dosing session.
struct RuleSession: Sendable {
    var number: Int
    var date: CivilDate
    /// Hours from the first dosing session.
    var timeH: Double
    var doseMg: Double
    var topUpMg: Double?
    /// The largest optional top-up of the protocol when none is planned (counted by the dose caps).
    var optionalTopUpMg: Double? = nil
    var prediction: SessionPrediction?
    var review: String?
    var doseTier: Tier?
}

/// Clinician-entered patient data the rules check.
public struct PatientFacts: Sendable, Codable, Equatable {
    /// Body weight (kg).
    public var weightKg: Double
    /// Age (years); nil: not given.
    public var ageYears: Double?
    /// Pre-dose systolic blood pressure (mmHg); nil: not given.
    public var systolic: Double?
    /// Pre-dose diastolic blood pressure (mmHg); nil: not given.
    public var diastolic: Double?
    /// Contraindication and caution flags (catalog `contraindications`).
    public var flags: [String]
    /// Patient facts: weight (kg), age (years), blood pressure (mmHg), flags.
    public init(weightKg: Double, ageYears: Double? = nil, systolic: Double? = nil, diastolic: Double? = nil, flags: [String] = []) {
        self.weightKg = weightKg
        self.ageYears = ageYears
        self.systolic = systolic
        self.diastolic = diastolic
        self.flags = flags
    }
}

/// Evaluates the catalog's rules on a laid-out, predicted course.
public enum SafetyRules {
    /// How a dose of `doseMg` exceeds a maxSingleDose rule (empty: it does not), e.g. "5 mg/kg >= 4 mg/kg".
    static func singleDoseExcess(_ r: ProtocolCatalog.Rule, doseMg mg: Double, weightKg w: Double) -> [String] {
        let over: (Double, Double) -> Bool = { v, lim in r.inclusive == true ? v >= lim * (1 - 1e-12) : v > lim * (1 + 1e-12) }
        var why: [String] = []
        if let m = r.maxMg, over(mg, m) { why.append("\(NumberFormat.short(mg)) mg \(r.inclusive == true ? ">=" : ">") \(NumberFormat.short(m)) mg") }
        if let m = r.maxMgPerKg, over(mg / w, m) { why.append("\(NumberFormat.short(mg / w)) mg/kg \(r.inclusive == true ? ">=" : ">") \(NumberFormat.short(m)) mg/kg") }
        return why
    }

    /// The catalog's single-dose limits (maxSingleDose rules) that one dose of `doseMg` by `route`
    /// (a protocol route: "iv", "iv-bolus", "im", "in", "po", "sl", ...) of `analyte` exceeds, as
    /// findings of the planner's rules (outside a plan: no session number).
    public static func singleDoseFindings(catalog c: ProtocolCatalog = .builtin, route: String, analyte: String,
                                          doseMg: Double, weightKg: Double) -> [Finding] {
        let key = ProtocolTemplate.routeKey(route: route, analyte: analyte)
        return c.rules.compactMap { r in
            guard r.kind == "maxSingleDose", applies(r, route: route, key: key, analyte: analyte) else { return nil }
            let why = singleDoseExcess(r, doseMg: doseMg, weightKg: weightKg)
            guard !why.isEmpty else { return nil }
            let level = Finding.Level(rawValue: r.level) ?? .block   // catalog levels are checked on load
            return Finding(rule: r.id, level: level, sessions: [], message: "single dose \(why.joined(separator: ", ")) (\(key))",
                           source: r.source, evidence: r.evidence, requiresAcknowledgement: level == .warnAck,
                           acknowledged: false, overridden: false, overrideReason: nil)
        }
    }

    /// Whether rule `r` is for `route` (or its route key, e.g. iv for iv-bolus) and `analyte`.
    static func applies(_ r: ProtocolCatalog.Rule, route: String, key: String, analyte: String) -> Bool {
        let routeOK = r.routes.map { $0.contains(key) || $0.contains(route) } ?? (r.route == nil || r.route == key)
        return routeOK && (r.analyte == nil || r.analyte!.lowercased() == analyte.lowercased())
    }

    /// A fastIV rule's finding for a dose of `perKg` mg/kg given over `minutes` (0: a bolus), or nil:
    /// it fires for a dose >= minMgPerKg given in under maxMinutes and/or faster than
    /// maxMgPerKgPerMin (a bolus is instantaneous).
    static func fastIVExcess(_ r: ProtocolCatalog.Rule, perKg: Double, minutes: Double) -> String? {
        guard let lim = r.minMgPerKg, r.maxMinutes != nil || r.maxMgPerKgPerMin != nil, perKg >= lim * (1 - 1e-12) else { return nil }
        let rate = minutes > 0 ? perKg / minutes : .infinity
        var why: [String] = []
        if let m = r.maxMinutes {
            guard minutes < m - 1e-9 else { return nil }
            why.append("under \(NumberFormat.short(m)) min")
        }
        if let q = r.maxMgPerKgPerMin {
            guard rate > q * (1 + 1e-9) else { return nil }
            why.append("faster than \(NumberFormat.short(q)) mg/kg/min")
        }
        let rateText = rate.isFinite ? "\(NumberFormat.short(rate, 3)) mg/kg/min" : "a bolus"
        return "\(NumberFormat.short(perKg)) mg/kg IV over \(NumberFormat.short(minutes)) min (\(rateText)): >= \(NumberFormat.short(lim)) mg/kg \(why.joined(separator: " and "))"
    }

    /// The fastIV rules one IV dose breaks (`simulate`, `compare`): route iv over `infusionMin`
    /// (40 min when nil) or iv-bolus (instantaneous), as `plan` applies them to its sessions.
    public static func fastIVFindings(catalog c: ProtocolCatalog = .builtin, route: String, analyte: String,
                                      doseMg: Double, weightKg: Double, infusionMin: Double?) -> [Finding] {
        guard route == "iv" || route == "iv-bolus" else { return [] }
        let key = ProtocolTemplate.routeKey(route: route, analyte: analyte)
        return c.rules.compactMap { r in
            guard r.kind == "fastIV", applies(r, route: route, key: key, analyte: analyte) else { return nil }
            guard let why = fastIVExcess(r, perKg: doseMg / weightKg, minutes: route == "iv-bolus" ? 0 : (infusionMin ?? 40)) else { return nil }
            let level = Finding.Level(rawValue: r.level) ?? .block
            return Finding(rule: r.id, level: level, sessions: [], message: why, source: r.source, evidence: r.evidence,
                           requiresAcknowledgement: level == .warnAck, acknowledged: false, overridden: false, overrideReason: nil)
        }
    }

    static func evaluate(
        catalog c: ProtocolCatalog, template p: ProtocolTemplate, sessions: [RuleSession], patient: PatientFacts,
        infusionMin: Double?, anaesthesiaFloor: Double?, setting: String? = nil, bookedMin: Double? = nil
    ) -> [Finding] {
        var raw: [(rule: ProtocolCatalog.Rule?, id: String, level: String, session: Int?, message: String, source: String, evidence: String)] = []
        let key = p.routeKey
        let analyte = p.analyte.lowercased()
        let w = patient.weightKg
        func add(_ r: ProtocolCatalog.Rule, _ s: Int?, _ m: String) { raw.append((r, r.id, r.level, s, m, r.source, r.evidence)) }
        let isBolus = p.route == "iv-bolus"
        for r in c.rules where applies(r, route: p.route, key: key, analyte: analyte) {
            switch r.kind {
            case "maxSingleDose":
                // Caps apply to the dose plus the planned top-up, or the largest optional top-up.
                for s in sessions {
                    let extra = s.topUpMg ?? s.optionalTopUpMg ?? 0
                    let mg = s.doseMg + extra
                    let why = singleDoseExcess(r, doseMg: mg, weightKg: w)
                    let with = extra > 0 ? " with the \(s.topUpMg != nil ? "planned" : "largest optional") top-up of \(NumberFormat.short(extra)) mg" : ""
                    if !why.isEmpty { add(r, s.number, "single dose\(with) \(why.joined(separator: ", ")) (\(key))") }
                }
            case "fastIV":
                let minutes = isBolus ? 0 : (infusionMin ?? 40)
                for s in sessions { if let m = fastIVExcess(r, perKg: s.doseMg / w, minutes: minutes) { add(r, s.number, m) } }
            case "shortInfusion":
                if p.route == "iv", let m = infusionMin, let lim = r.minMinutes, m < lim, !sessions.isEmpty {
                    add(r, nil, "infusion over \(NumberFormat.short(m)) min is shorter than the conventional \(NumberFormat.short(lim)) min")
                }
            case "doseMultiple":
                if let k = r.multipleOfMg {
                    for s in sessions {
                        let q = s.doseMg / k
                        if abs(q - q.rounded()) > 1e-6 { add(r, s.number, "\(NumberFormat.short(s.doseMg)) mg is not a multiple of \(NumberFormat.short(k)) mg") }
                    }
                }
            case "minInterval":
                if let h = r.hours {
                    for (a, b) in zip(sessions, sessions.dropFirst()) where a.date != b.date {
                        let gap = b.timeH - a.timeH
                        if gap < h - 1e-9 { add(r, b.number, "\(NumberFormat.short(gap)) h after session \(a.number) (< \(NumberFormat.short(h)) h)") }
                    }
                }
            case "consecutiveDays":
                for (a, b) in zip(sessions, sessions.dropFirst()) where b.date.daysSinceEpoch - a.date.daysSinceEpoch == 1 {
                    add(r, b.number, "dosing on \(b.date), the day after session \(a.number) (not on consecutive days)")
                }
            case "sameDay":
                for (a, b) in zip(sessions, sessions.dropFirst()) where a.date == b.date {
                    add(r, b.number, "second dosing session on \(b.date) (session \(a.number) is the same day); a top-up belongs inside its session")
                }
            case "weeklyTotal":
                if let lim = r.limits?[key] {
                    let limMg = lim.milligrams(weightKg: w)
                    var over: [Int] = [], worst = 0.0
                    for s in sessions {
                        var total = 0.0
                        for e in sessions where e.timeH > s.timeH - 168 + 1e-9 && e.timeH <= s.timeH + 1e-9 { total += e.doseMg + (e.topUpMg ?? e.optionalTopUpMg ?? 0) }
                        if total > limMg * (1 + 1e-9) { over.append(s.number); worst = Swift.max(worst, total) }
                    }
                    // One finding for the whole plan: the sessions and the largest rolling total.
                    if !over.isEmpty {
                        let m = "rolling 7-day total up to \(NumberFormat.short(worst)) mg (\(NumberFormat.short(worst / w, 3)) mg/kg) exceeds \(lim.text)\(lim.mgPerKg != nil ? " (\(NumberFormat.short(limMg)) mg)" : "") a week, the densest published schedule"
                        for n in over { add(r, n, m) }
                    }
                }
            case "anaestheticExposure":
                guard let floor = anaesthesiaFloor else { continue }
                for s in sessions {
                    guard let pr = s.prediction else { continue }
                    let worst = Swift.max(pr.peakNgPerML, pr.peakWithMaxTopUpNgPerML ?? 0)
                    if worst >= floor {
                        let via = pr.peakWithMaxTopUpNgPerML.map { $0 > pr.peakNgPerML ? " with the largest optional top-up" : "" } ?? ""
                        add(r, s.number, "predicted peak \(NumberFormat.short(worst, 4)) ng/mL\(via) is in the anaesthetic range (>= \(NumberFormat.short(floor)) ng/mL)")
                    }
                }
            case "bloodPressure":
                guard patient.systolic != nil || patient.diastolic != nil else { continue }
                var why: [String] = []
                let inc = r.inclusive == true
                let op = inc ? ">=" : ">"
                func over(_ v: Double, _ lim: Double) -> Bool { inc ? v >= lim : v > lim }
                if let s = patient.systolic, let lim = r.systolicAbove, over(s, lim) { why.append("systolic \(NumberFormat.short(s)) \(op) \(NumberFormat.short(lim))") }
                if let d = patient.diastolic, let lim = r.diastolicAbove, over(d, lim) { why.append("diastolic \(NumberFormat.short(d)) \(op) \(NumberFormat.short(lim))") }
                if !why.isEmpty { add(r, nil, "pre-dose blood pressure \(bpText(patient)): \(why.joined(separator: ", "))") }
            case "minAge":
                if let a = patient.ageYears, let lim = r.minAge, a < lim { add(r, nil, "age \(NumberFormat.short(a)) is under \(NumberFormat.short(lim))") }
            case "setting":
                if let s = setting ?? p.setting, r.settings?.contains(s) == true {
                    add(r, nil, "setting '\(s)' (\(p.route), \(p.analyte)): \(s == "home" ? "no one monitors on site" : "no clinician on site")")
                }
            case "recovery":
                // The booked session must cover the predicted time to the discharge level and the
                // label's minimum time on site after dosing.
                guard let booked = bookedMin else { continue }
                var over: [Int] = [], worst = 0.0, beyond = false
                for s in sessions {
                    var need = p.minOnSiteMin ?? 0
                    if let pr = s.prediction {
                        if let d = pr.dischargeMin { need = Swift.max(need, d) } else if !pr.neverAboveDischarge { beyond = true; over.append(s.number); continue }
                    }
                    if need > booked + 1e-9 { over.append(s.number); worst = Swift.max(worst, need) }
                }
                if !over.isEmpty {
                    var why: [String] = []
                    if worst > 0 { why.append("needs up to \(NumberFormat.hm(minutes: worst)) h after dosing") }
                    if beyond { why.append("stays above the discharge level until the next session") }
                    let parts = ["predicted time to the discharge level", p.minOnSiteMin.map { "the label's \(NumberFormat.short($0)) min on site" }].compactMap { $0 }
                    let m = "recovery (\(parts.joined(separator: " and "))) \(why.joined(separator: "; ")), beyond the booked \(NumberFormat.short(booked)) min session (window + observation): book a longer observation (--observation) or acknowledge"
                    for n in over { add(r, n, m) }
                }
            case "futility":
                for s in sessions where s.review?.hasPrefix("no response") == true { add(r, s.number, s.review!) }
            case "tierMismatch":
                for s in sessions {
                    guard let pr = s.prediction else { continue }
                    let dt = s.doseTier ?? "outside the route's tiers"
                    if dt != pr.exposureTier && pr.exposureTier != "anaesthetic" {
                        add(r, s.number, "dose tier \(dt) by route and dose, exposure tier \(pr.exposureTier) by predicted peak")
                    }
                }
            default:
                continue
            }
        }
        for flag in patient.flags {
            guard let ci = c.contraindications.first(where: { $0.flag == flag }) else { continue }
            let level = ci.levels[p.analyte] ?? ci.levels.first { $0.key.lowercased() == analyte }?.value ?? "warn-ack"
            raw.append((nil, "contraindication-\(flag)", level, nil, "\(ci.label) (\(p.analyte))", ci.source, ci.evidence))
        }
        // Group identical messages of one rule over sessions.
        var out: [Finding] = []
        for f in raw {
            if let i = out.firstIndex(where: { $0.rule == f.id && $0.message == f.message }) {
                if let s = f.session { out[i].sessions.append(s) }
                continue
            }
            let level = Finding.Level(rawValue: f.level) ?? .block   // catalog levels are checked on load
            out.append(Finding(rule: f.id, level: level, sessions: f.session.map { [$0] } ?? [], message: f.message, source: f.source,
                               evidence: f.evidence, requiresAcknowledgement: level == .warnAck,
                               acknowledged: false, overridden: false, overrideReason: nil))
        }
        return out.enumerated().sorted { ($0.element.level.rank, $0.offset) < ($1.element.level.rank, $1.offset) }.map(\.element)
    }

    /// Blood pressure as "SYS/DIA" (mmHg), "?" for a value not given.
    public static func bpText(_ p: PatientFacts) -> String {
        "\(p.systolic.map { NumberFormat.short($0) } ?? "?")/\(p.diastolic.map { NumberFormat.short($0) } ?? "?")"
    }
}
