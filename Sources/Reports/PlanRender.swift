import Foundation
import PKCore
import PKProfiles
import Planner
import Studies
/// Plan output: a calendar table for people, CSV and JSON for programs. Each carries the
/// disclaimer, the protocol and profile sources, the findings and any overrides.
public enum PlanRender {
    /// Header lines shared by the table and (as comments) the CSV.
    public static func header(_ p: Plan, tool: String) -> [String] {
        var h = ["\(tool): \(p.disclaimer)"]
        h.append("Protocol: \(p.protocolID): \(p.protocolTitle) [\(p.protocolEvidence)]")
        h.append("Protocol source: \(p.protocolSource)")
        for n in p.protocolNotes { h.append("  - \(n)") }
        if let name = p.profile {
            h.append("Profile: \(name): \(p.profileTitle ?? "")\(p.profileHasUnconfirmed ? " (has UNCONFIRMED numbers: 'ketasim profiles show \(name)')" : "")")
            h.append("Profile source: \(p.profileCitation ?? "")")
        } else {
            h.append("Profile: none (no predictions)")
        }
        if let note = p.profileNote { h.append("Profile note: \(note)") }
        h.append("Library: \(p.catalogSource)")
        var patient = "Patient: \(NumberFormat.short(p.patient.weightKg)) kg"
        if let a = p.patient.ageYears { patient += ", age \(NumberFormat.short(a))" }
        if p.patient.systolic != nil || p.patient.diastolic != nil { patient += ", BP \(SafetyRules.bpText(p.patient))" }
        if !p.patient.flags.isEmpty { patient += ", flags \(p.patient.flags.joined(separator: ","))" }
        patient += "; dosing days \(p.weekdays.joined(separator: ",")) at \(p.time); \(p.route.rawValue)\(p.infusionMin.map { " over \(NumberFormat.short($0)) min" } ?? "") (\(p.analyte))"
        h.append(patient)
        h.append("Session: window \(NumberFormat.short(p.windowMin)) min, observation \(NumberFormat.short(p.observationMin)) min, booked \(NumberFormat.short(p.bookedMin)) min\(p.windowSource.map { " (\($0))" } ?? ""); discharge below \(NumberFormat.short(p.dischargeNgPerML)) ng/mL (\(p.site))\(dischargeMark(p)); minimum on site: \(p.minOnSiteSource)")
        var setting = "Setting: \(p.setting)"
        if let l = p.label { setting += "; esketamine label \(l) (start dose from age 65: \(l == "eu" ? "28 mg, EU/HK SmPC" : "56 mg, US label"))" }
        h.append(setting)
        h.append("Tier bands (\(p.analyte), \(p.site) peak, derived): " + p.tierBands.map { "\(tierBandName(p, $0.tier)) \(NumberFormat.short($0.lowNgPerML))-\(NumberFormat.short($0.highNgPerML))" }.joined(separator: ", ") + " ng/mL")
        for o in p.overrides {
            h.append("OVERRIDE \(o.rule): reason \"\(o.reason)\"\(o.matched ? "" : " (rule did not fire in this plan)")")
        }
        for a in p.acknowledgements { h.append("ACKNOWLEDGED \(a)") }
        return h
    }

    /// " (the dissociation band's lower edge, UNCONFIRMED)" when the discharge level is that edge of an unconfirmed band.
    public static func dischargeMark(_ p: Plan) -> String {
        guard let d = ProfileLibrary.bands(for: p.analyte).first(where: { $0.name == "dissociation" }), d.unconfirmed == true,
              abs(d.lowNgPerML - p.dischargeNgPerML) < 1e-9 else { return "" }
        return " (the \(p.analyte) dissociation band's lower edge, UNCONFIRMED)"
    }

    public static func findingLines(_ p: Plan) -> [String] {
        p.findings.map { f in
            var s = "\(f.level.action) \(f.rule)"
            if !f.sessions.isEmpty { s += " (session\(f.sessions.count > 1 ? "s" : "") \(f.sessions.map(String.init).joined(separator: ",")))" }
            s += ": \(f.message)"
            if f.overridden { s += " [OVERRIDDEN: \(f.overrideReason ?? "")]" }
            if f.requiresAcknowledgement { s += f.acknowledged ? " [acknowledged]" : " [acknowledgement required]" }
            s += " | source: \(f.source) (evidence: \(f.evidence))"
            return s
        }
    }

    /// The practice requirements of every dosing session, each with its source and evidence mark.
    public static func practiceLines(_ p: Plan) -> [String] {
        p.practice.map { "\($0.id): \($0.text) | source: \($0.source) (evidence: \($0.evidence))" }
    }

    public static func footer(_ p: Plan) -> [String] {
        [
            "Peak, Tmax, minutes in band and discharge are computed on the exact model solution of the whole course (earlier doses included); 'resid next' is the concentration left at the next session's start.",
            p.ivEquivalentDefinition + ".",
            p.disclaimer,
        ]
    }

    /// Short tier names for narrow tables (the legend spells them out).
    static let tierShort: [String: String] = [
        "sub-perceptual": "sub", "psycholytic": "lytic", "psychedelic": "delic", "high": "high", "anaesthetic": "ANAES", "below tiers": "below",
    ]

    /// The earliest discharge of a session as "h:mm" and the criterion that sets it.
    public static func earliestText(_ e: PlanSession) -> String {
        guard let m = e.earliestDischargeMin else { return e.prediction == nil ? "-" : "> next" }
        return NumberFormat.hm(minutes: m) + (e.earliestDischargeBy == .onSite ? " site" : " level")
    }

    /// "below LEVEL at" of a session: h:mm, "never reaches LEVEL ng/mL" or "> next".
    public static func belowText(_ p: Plan, _ pr: SessionPrediction, narrow: Bool) -> String {
        if pr.neverAboveDischarge { return narrow ? "never" : "never reaches \(NumberFormat.short(p.dischargeNgPerML)) ng/mL" }
        return pr.dischargeMin.map { NumberFormat.hm(minutes: $0) + (narrow ? "" : " h") } ?? "> next"
    }

    /// The notes of a dosing session: phase, response, escalation, worst top-up, review, findings.
    public static func notes(_ p: Plan, _ e: PlanSession) -> [String] {
        var notes: [String] = []
        if let ph = e.phase { notes.append(ph) }
        if let resp = e.response { notes.append("response \(resp.rawValue)") }
        if let n = e.escalationNote { notes.append(n) }
        if let pr = e.prediction, pr.minutesInBand == 0 {
            // 0 min in band: say where the peak lies instead of a bare 0.
            let band = "\(tierBandName(p, pr.bandTier)) band \(NumberFormat.short(pr.bandLowNgPerML))-\(NumberFormat.short(pr.bandHighNgPerML))"
            if pr.peakNgPerML < pr.bandLowNgPerML { notes.append("peak \(NumberFormat.sig(pr.peakNgPerML)) ng/mL below the \(band)") }
            else if pr.peakNgPerML >= pr.bandHighNgPerML && pr.residualAtStartNgPerML >= pr.bandHighNgPerML { notes.append("above the \(band) all session") }
        }
        if let pr = e.prediction, let w = pr.peakWithMaxTopUpNgPerML { notes.append("peak \(NumberFormat.sig(w)) with max top-up") }
        if let rv = e.review { notes.append("REVIEW: \(rv)") }
        notes += p.findings.filter { $0.level != .info && $0.sessions.contains(e.number ?? -1) }.map { "\($0.level.action) \($0.rule)" }
        return notes
    }

    /// The dose of a session as given, with a planned top-up.
    public static func doseText(_ e: PlanSession) -> String {
        var dose = e.doseText ?? ""
        if let t = e.topUpMg { dose += " +\(NumberFormat.short(t)) mg@\(NumberFormat.short(e.topUpAtMin ?? 12))min" }
        return dose
    }

    /// The calendar as columns and rows. `narrow`: abbreviated headings (see `legend`), the notes
    /// left out (listed under the table), the time of day only when sessions differ in it.
    public static func calendar(_ p: Plan, narrow: Bool) -> (columns: [String], rows: [[String]], left: Set<Int>, notes: [String]) {
        let level = NumberFormat.short(p.dischargeNgPerML)
        let showTime = !narrow || Set(p.sessions.map(\.time)).count > 1
        let volumes = p.preparation?.concentrationMgPerML != nil
        let rac = p.dosingSessions.contains { $0.prediction?.racemicEquivalentIVMg != nil }
        var cols: [String] = ["Date", "Day"]
        if showTime { cols.append("Time") }
        cols += ["Session", "Dose"]
        if volumes { cols.append(narrow ? "mL" : "Volume mL") }
        let mid: [String] = narrow ? ["Tier", "Peak", "Tmax", "Band", "<" + level + " at", "Disch", "Resid"]
            : ["Tier dose/exp", "Peak ng/mL", "Tmax min", "min in band", "below " + level + " at", "Earliest discharge", "Resid next"]
        cols += mid
        cols.append(narrow ? "IV-eq" : "IV-eq mg")
        if rac { cols.append(narrow ? "rac" : "racemic IV-eq mg") }
        cols += narrow ? ["7d mg", "7d IV-eq"] : ["7-day mg", "7-day IV-eq mg"]
        if !narrow { cols.append("Notes") }
        var rows: [[String]] = []
        var listed: [String] = []
        for e in p.sessions {
            var label = e.label
            if narrow {
                if e.kind == .dosing { label = label.replacingOccurrences(of: "dosing ", with: "dose ") }
                else if e.kind == .integration { label = "integ. (\(e.number.map(String.init) ?? ""))" }
                else if e.kind == .preparation { label = label.replacingOccurrences(of: "preparation", with: "prep") }
            }
            var r = [e.date.description, e.weekday.short] + (showTime ? [e.time] : []) + [label]
            if e.kind == .dosing {
                r.append(doseText(e))
                if volumes { r.append(e.doseVolumeML.map { NumberFormat.short($0, 3) } ?? "-") }
                let pr = e.prediction
                let doseTier = e.doseTier?.rawValue ?? "-", exp = pr?.exposureTier.rawValue ?? "-"
                if narrow {
                    let a = tierShort[doseTier] ?? doseTier, b = tierShort[exp] ?? exp
                    r.append(a == b ? a : "\(a)/\(b)")
                } else { r.append("\(doseTier)/\(exp)") }
                if let pr {
                    r += [NumberFormat.sig(pr.peakNgPerML), NumberFormat.f(pr.tmaxMin, 0), NumberFormat.f(pr.minutesInBand, 0), belowText(p, pr, narrow: narrow), earliestText(e),
                          pr.residualAtNextNgPerML.map { $0 < 0.01 ? "<0.01" : NumberFormat.sig($0, 2) } ?? "-", NumberFormat.short(pr.ivEquivalentMg, 4)]
                    if rac { r.append(pr.racemicEquivalentIVMg.map { NumberFormat.short($0, 4) } ?? "-") }
                    r += [NumberFormat.short(pr.rolling7DayMg, 4), NumberFormat.short(pr.rolling7DayIVEquivalentMg, 4)]
                } else {
                    r += ["-", "-", "-", "-", earliestText(e), "-", "-"] + (rac ? ["-"] : []) + ["-", "-"]
                }
                let n = notes(p, e).joined(separator: "; ")
                if narrow { if !n.isEmpty { listed.append("\(e.date) \(label): \(n)") } } else { r.append(n) }
            } else {
                r.append("\(e.kind) \(NumberFormat.short(e.durationMin)) min")
                r += Array(repeating: "", count: cols.count - r.count)
            }
            rows.append(r)
        }
        var left: Set<Int> = [0, 1]
        for (i, c) in cols.enumerated() where ["Time", "Session", "Dose", "Tier", "Tier dose/exp", "Disch", "Earliest discharge", "Notes"].contains(c) || c.hasPrefix("below") || c.hasPrefix("<") { left.insert(i) }
        return (cols, rows, left, listed)
    }

    /// What the abbreviated headings of the narrow calendar mean.
    public static func legend(_ p: Plan) -> String {
        let level = NumberFormat.short(p.dischargeNgPerML)
        var s = "Tier: dose tier/exposure tier (one name when equal): sub = sub-perceptual, lytic = psycholytic, delic = psychedelic, high, ANAES = anaesthetic. "
        s += "Peak ng/mL; Tmax min; Band: min in band; <\(level) at: below \(level) ng/mL at h:mm (never: never reaches \(level) ng/mL); Disch: earliest discharge h:mm; Resid: ng/mL at the next session; IV-eq, rac (racemic IV-eq), 7d mg, 7d IV-eq: mg."
        return s
    }

    /// The discharge, preparation and calendar notes under the table.
    public static func tableNotes(_ p: Plan) -> [String] {
        let level = NumberFormat.short(p.dischargeNgPerML)
        var out = [
            "Band: minutes inside the dose tier's exposure band during the session window.",
            "Discharge, two criteria: 'below \(level) at' is the time from the dose until the model's Cp stays below \(level) ng/mL (no published plasma discharge criterion exists); 'earliest discharge' is the later of that time ('level') and \(p.minOnSiteSource) ('site').",
        ]
        if let prep = p.preparation {
            var line = "Doses: \(prep.stepText). Given:"
            var seen = Set<String>()
            for e in p.dosingSessions {
                guard let mg = e.doseMg else { continue }
                var d = "\(NumberFormat.short(mg)) mg"
                if let pre = e.prescribedDoseMg {
                    d = "\(NumberFormat.short(pre)) mg rounded to \(NumberFormat.short(mg)) mg"
                    // A coarse step moves the dose noticeably: say by how much and what helps.
                    let change = (mg - pre) / pre * 100
                    if abs(change) > 5 { d += " (\(change > 0 ? "+" : "")\(NumberFormat.short(change, 2))%: a more dilute solution gives finer steps)" }
                }
                if let v = e.doseVolumeML, let c = prep.concentrationMgPerML { d += " = \(NumberFormat.short(v, 3)) mL of \(NumberFormat.short(c)) mg/mL" }
                if let r = e.infusionRates, let m = e.infusionMin { d += ", over \(NumberFormat.short(m)) min: \(r.text)" }
                if seen.insert(d).inserted { line += " " + d + ";" }
            }
            out.append(String(line.hasSuffix(";") ? line.dropLast() + "." : Substring(line)))
        }
        out += p.calendarNotes.map { "Calendar: \($0)." }
        return out
    }

    /// The plan as text for a console `width` columns wide: the calendar whole when it fits, else
    /// with abbreviated headings (a legend), split into parts that repeat the date, the notes listed
    /// under it; prose is word-wrapped, rows never are.
    /// `profile`: the plan's profile, whose validation table gives the evidence line of each route
    /// dosed (once per route; none without a profile).
    public static func table(_ p: Plan, tool: String, width: Int = 1000, profile: Profile? = nil) -> String {
        var s = header(p, tool: tool).joined(separator: "\n") + "\n\n"
        let wide = calendar(p, narrow: false)
        let full = TextTable.table(wide.columns, wide.rows, left: wide.left)
        if full.split(separator: "\n").allSatisfy({ $0.count <= width }) {
            s += full
        } else {
            let n = calendar(p, narrow: true)
            s += TextTable.fit(n.columns, n.rows, width: width, left: n.left)
            s += "\n" + legend(p) + "\n"
            if !n.notes.isEmpty { s += "Notes:\n" + n.notes.map { "  " + $0 }.joined(separator: "\n") + "\n" }
        }
        s += tableNotes(p).joined(separator: "\n") + "\n"
        let evidence = routeEvidence(p, profile: profile)
        if let profile, !evidence.isEmpty {
            s += "Evidence per route (published figures not used to fit the profile \(profile.name), 'ketasim validate'):\n"
            s += evidence.map { "  \($0.line)\n" }.joined()
        }
        s += "\nSafety findings:\n"
        let lines = findingLines(p)
        s += lines.isEmpty ? "  none\n" : lines.map { "  " + $0 }.joined(separator: "\n") + "\n"
        let practice = practiceLines(p)
        if !practice.isEmpty {
            let n = p.dosingSessions.count
            s += "\nPractice requirements, every dosing session (\(n == 1 ? "session 1" : "sessions 1-\(n)")):\n" + practice.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        s += "\n" + footer(p).joined(separator: "\n") + "\n"
        return TextTable.wrapProse(s, width: width)
    }

    /// The evidence behind the predictions of each route the plan doses by, in order of first use:
    /// the line of `Validation.evidence` ("IV: 12 independent figures ..., GMFE 1.31, ..." or
    /// "SL: unvalidated (...)") from the validation table of `profile`; empty without a profile or
    /// when the plan is not on that profile.
    public static func routeEvidence(_ p: Plan, profile: Profile?) -> [(route: Route, line: String)] {
        guard let profile, p.profile == profile.name else { return [] }
        var routes: [Route] = []
        for r in p.dosingSessions.compactMap(\.route) where !routes.contains(r) { routes.append(r) }
        if routes.isEmpty { routes = [p.route] }
        return routes.map { ($0, Validation.evidence(for: profile, route: $0)) }
    }

    /// Midnight ticks (h from the first dose) labelled MM-DD for a course chart of `spanH` hours, at
    /// most about `maxTicks` of them (every 1, 2, 7, 14 or 28 days), and the axis name with the year.
    public static func dateTicks(_ p: Plan, spanH: Double, maxTicks: Int) -> (ticks: [(h: Double, label: String)], axis: String)? {
        guard let first = p.dosingSessions.first, case let d0 = first.date, let t0 = CivilDate.parseTime(first.time) else { return nil }
        let days = Int((spanH + Double(t0) / 60) / 24) + 1
        let step = [1, 2, 7, 14, 28, 56].first { days / $0 <= Swift.max(1, maxTicks) } ?? 91
        var ticks: [(h: Double, label: String)] = []
        var k = 1   // the first midnight after the first dose
        while ticks.count < 200 {
            let h = Double(k * 24) - Double(t0) / 60
            if h > spanH + 1e-9 { break }
            if (k - 1) % step == 0 {
                let d = d0.adding(days: k)
                ticks.append((h, String(d.description.dropFirst(5))))
            }
            k += 1
        }
        return (ticks, "date (MM-DD, from \(first.date))")
    }

    /// A tier band's name with " (UNCONFIRMED)" when its source says so (S-ketamine bands derived
    /// from the unconfirmed dissociation band).
    public static func tierBandName(_ p: Plan, _ tier: Tier) -> String {
        let b = p.tierBands.first { $0.tier == tier }
        return tier.rawValue + (b?.source.contains("UNCONFIRMED") == true ? " (UNCONFIRMED)" : "")
    }

    /// The provenance of the plan's CSV (header, findings, definitions), kept out of the CSV itself.
    public static func csvProvenance(_ p: Plan, tool: String) -> [String] {
        header(p, tool: tool) + findingLines(p).map { "finding: \($0)" } + practiceLines(p).map { "every dosing session: \($0)" } + [p.ivEquivalentDefinition]
    }

    public static func csv(_ p: Plan, tool: String) -> String {
        var s = ""
        let cols = ["date", "weekday", "time", "kind", "label", "number", "phase", "duration_min", "route", "dose_mg", "dose", "top_up_mg", "infusion_min",
                    "dose_tier", "exposure_tier", "response", "escalation", "review", "peak_ng_ml", "tmax_min", "band_tier", "band_low_ng_ml",
                    "band_high_ng_ml", "minutes_in_band", "discharge_min", "earliest_discharge_min", "earliest_discharge_by", "dose_volume_ml", "prescribed_dose_mg", "residual_start_ng_ml", "residual_next_ng_ml", "iv_equivalent_mg",
                    "racemic_equivalent_iv_mg", "rolling7d_mg", "rolling7d_mg_per_kg", "rolling7d_iv_equivalent_mg", "peak_with_max_top_up_ng_ml", "findings"]
        s += cols.joined(separator: ",") + "\n"
        func o(_ x: Double?) -> String { x.map { NumberFormat.g($0) } ?? "" }
        for e in p.sessions {
            let pr = e.prediction
            let fs = p.findings.filter { $0.sessions.contains(e.number ?? -1) && e.kind == .dosing }.map { "\($0.level.rawValue):\($0.rule)" }.joined(separator: " ")
            let fields: [String] = [
                e.date.description, e.weekday.short, e.time, e.kind.rawValue, e.label, e.number.map(String.init) ?? "", e.phase ?? "", o(e.durationMin), e.route?.rawValue ?? "", o(e.doseMg),
                e.doseText ?? "", o(e.topUpMg), o(e.infusionMin), e.doseTier?.rawValue ?? "", pr?.exposureTier.rawValue ?? "", e.response?.rawValue ?? "", e.escalationNote ?? "",
                e.review ?? "", o(pr?.peakNgPerML), o(pr?.tmaxMin), pr?.bandTier.rawValue ?? "", o(pr?.bandLowNgPerML), o(pr?.bandHighNgPerML),
                o(pr?.minutesInBand), o(pr?.dischargeMin), o(e.earliestDischargeMin), e.earliestDischargeBy?.rawValue ?? "", o(e.doseVolumeML), o(e.prescribedDoseMg), o(pr?.residualAtStartNgPerML), o(pr?.residualAtNextNgPerML), o(pr?.ivEquivalentMg),
                o(pr?.racemicEquivalentIVMg), o(pr?.rolling7DayMg), o(pr?.rolling7DayMgPerKg), o(pr?.rolling7DayIVEquivalentMg),
                o(pr?.peakWithMaxTopUpNgPerML), fs,
            ]
            s += fields.map(CSV.field).joined(separator: ",") + "\n"
        }
        return s
    }

    public struct JSONPlan: Encodable {
        var tool: String
        var plan: Plan
        /// The entries of Profiles/references.json that the plan's sources cite.
        var references: [Reference]
    }

    public static func json(_ p: Plan, tool: String) throws -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        enc.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let refs = Bibliography.builtin.references(citedIn: Bibliography.strings(in: p))
        return String(decoding: try enc.encode(JSONPlan(tool: tool, plan: p, references: refs)), as: UTF8.self) + "\n"
    }

    public static func encode<T: Encodable>(_ v: T) throws -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        enc.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try enc.encode(v), as: UTF8.self) + "\n"
    }

    public struct ResultWrapper<R: Encodable>: Encodable {
        var tool: String
        var disclaimer: String
        var profile: String
        var profileCitation: String
        var weightKg: Double
        var result: R
        var references: [Reference]
    }

    /// JSON for any dose-finding result with the header fields.
    public static func json<T: Encodable>(result: T, tool: String, disclaimer: String, profile: String, citation: String, weightKg: Double) throws -> String {
        return try encode(ResultWrapper(tool: tool, disclaimer: disclaimer, profile: profile, profileCitation: citation, weightKg: weightKg, result: result,
                                        references: Bibliography.builtin.references(citedIn: [citation])))
    }
}
