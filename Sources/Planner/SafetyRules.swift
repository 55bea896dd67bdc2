import PKProfiles
/// A safety finding: a rule that fired, at which sessions, with its level and source.
public struct Finding: Sendable, Codable, Equatable {
    public var rule: String
    /// "block", "warn" or "info".
    public var level: String
    /// 1-based dosing session numbers (empty: the whole plan).
    public var sessions: [Int]
    public var message: String
    public var source: String
    public var evidence: String
    public var requiresAcknowledgement: Bool
    public var acknowledged: Bool
    public var overridden: Bool
    public var overrideReason: String?
}

/// What the rules look at for one dosing session.
public struct RuleSession: Sendable {
    public var number: Int
    public var date: CivilDate
    /// Hours from the first dosing session.
    public var timeH: Double
    public var doseMg: Double
    public var topUpMg: Double?
    public var prediction: SessionPrediction?
    public var review: String?
    public var doseTier: String?
}

/// Clinician-entered patient data the rules check.
public struct PatientFacts: Sendable, Codable, Equatable {
    public var weightKg: Double
    public var ageYears: Double?
    public var systolic: Double?
    public var diastolic: Double?
    public var flags: [String]
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
    public static func evaluate(
        catalog c: ProtocolCatalog, template p: ProtocolTemplate, sessions: [RuleSession], patient: PatientFacts,
        infusionMin: Double?, anaesthesiaFloor: Double?
    ) -> [Finding] {
        var raw: [(rule: ProtocolCatalog.Rule?, id: String, level: String, session: Int?, message: String, source: String, evidence: String)] = []
        let key = p.routeKey
        let analyte = p.analyte.lowercased()
        let w = patient.weightKg
        func add(_ r: ProtocolCatalog.Rule, _ s: Int?, _ m: String) { raw.append((r, r.id, r.level, s, m, r.source, r.evidence)) }
        func routeMatches(_ r: ProtocolCatalog.Rule) -> Bool { r.route == nil || r.route == key }
        func analyteMatches(_ r: ProtocolCatalog.Rule) -> Bool { r.analyte == nil || r.analyte!.lowercased() == analyte }
        let isBolus = p.route == "iv-bolus"
        for r in c.rules where routeMatches(r) && analyteMatches(r) {
            switch r.kind {
            case "maxSingleDose":
                for s in sessions {
                    let mg = s.doseMg + (s.topUpMg ?? 0)
                    let over: (Double, Double) -> Bool = { v, lim in r.inclusive == true ? v >= lim * (1 - 1e-12) : v > lim * (1 + 1e-12) }
                    var why: [String] = []
                    if let m = r.maxMg, over(mg, m) { why.append("\(NumberFormat.short(mg)) mg \(r.inclusive == true ? ">=" : ">") \(NumberFormat.short(m)) mg") }
                    if let m = r.maxMgPerKg, over(mg / w, m) { why.append("\(NumberFormat.short(mg / w)) mg/kg \(r.inclusive == true ? ">=" : ">") \(NumberFormat.short(m)) mg/kg") }
                    if !why.isEmpty { add(r, s.number, "single dose \(why.joined(separator: ", ")) (\(key))") }
                }
            case "fastIV":
                let minutes = isBolus ? 0 : (infusionMin ?? 40)
                if let maxMin = r.maxMinutes, minutes <= maxMin, let lim = r.minMgPerKg {
                    for s in sessions where s.doseMg / w >= lim * (1 - 1e-12) {
                        add(r, s.number, "\(NumberFormat.short(s.doseMg / w)) mg/kg IV over \(NumberFormat.short(minutes)) min (>= \(NumberFormat.short(lim)) mg/kg over <= \(NumberFormat.short(maxMin)) min: an induction dose)")
                    }
                }
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
                        for e in sessions where e.timeH > s.timeH - 168 + 1e-9 && e.timeH <= s.timeH + 1e-9 { total += e.doseMg + (e.topUpMg ?? 0) }
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
                if let s = patient.systolic, let lim = r.systolicAbove, s > lim { why.append("systolic \(NumberFormat.short(s)) > \(NumberFormat.short(lim))") }
                if let d = patient.diastolic, let lim = r.diastolicAbove, d > lim { why.append("diastolic \(NumberFormat.short(d)) > \(NumberFormat.short(lim))") }
                if !why.isEmpty { add(r, nil, "pre-dose blood pressure \(bpText(patient)): \(why.joined(separator: ", "))") }
            case "minAge":
                if let a = patient.ageYears, let lim = r.minAge, a < lim { add(r, nil, "age \(NumberFormat.short(a)) is under \(NumberFormat.short(lim))") }
            case "setting":
                if let s = p.setting, r.settings?.contains(s) == true { add(r, nil, "setting '\(s)': no one monitors on site") }
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
            let level = ci.levels[p.analyte] ?? ci.levels.first { $0.key.lowercased() == analyte }?.value ?? "warn"
            raw.append((nil, "contraindication-\(flag)", level, nil, "\(ci.label) (\(p.analyte))", ci.source, ci.evidence))
        }
        // Group identical messages of one rule over sessions.
        var out: [Finding] = []
        for f in raw {
            if let i = out.firstIndex(where: { $0.rule == f.id && $0.message == f.message }) {
                if let s = f.session { out[i].sessions.append(s) }
                continue
            }
            out.append(Finding(rule: f.id, level: f.level, sessions: f.session.map { [$0] } ?? [], message: f.message, source: f.source,
                               evidence: f.evidence, requiresAcknowledgement: f.rule?.requiresAcknowledgement == true,
                               acknowledged: false, overridden: false, overrideReason: nil))
        }
        let rank = ["block": 0, "warn": 1, "info": 2]
        return out.enumerated().sorted { (rank[$0.element.level] ?? 3, $0.offset) < (rank[$1.element.level] ?? 3, $1.offset) }.map(\.element)
    }

    public static func bpText(_ p: PatientFacts) -> String {
        "\(p.systolic.map { NumberFormat.short($0) } ?? "?")/\(p.diastolic.map { NumberFormat.short($0) } ?? "?")"
    }
}
