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
        patient += "; dosing days \(p.weekdays.joined(separator: ",")) at \(p.time); \(p.route)\(p.infusionMin.map { " over \(NumberFormat.short($0)) min" } ?? "") (\(p.analyte))"
        h.append(patient)
        h.append("Session: window \(NumberFormat.short(p.windowMin)) min, observation \(NumberFormat.short(p.observationMin)) min, booked \(NumberFormat.short(p.bookedMin)) min\(p.windowSource.map { " (\($0))" } ?? ""); discharge below \(NumberFormat.short(p.dischargeNgPerML)) ng/mL (\(p.site))")
        var setting = "Setting: \(p.setting)"
        if let l = p.label { setting += "; esketamine label \(l) (start dose from age 65: \(l == "eu" ? "28 mg, EU/HK SmPC" : "56 mg, US label"))" }
        h.append(setting)
        h.append("Tier bands (\(p.analyte), \(p.site) peak, derived): " + p.tierBands.map { "\($0.tier) \(NumberFormat.short($0.lowNgPerML))-\(NumberFormat.short($0.highNgPerML))" }.joined(separator: ", ") + " ng/mL")
        for o in p.overrides {
            h.append("OVERRIDE \(o.rule): reason \"\(o.reason)\"\(o.matched ? "" : " (rule did not fire in this plan)")")
        }
        for a in p.acknowledgements { h.append("ACKNOWLEDGED \(a)") }
        return h
    }

    public static func findingLines(_ p: Plan) -> [String] {
        p.findings.map { f in
            var s = "\(f.level.uppercased()) \(f.rule)"
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

    public static func table(_ p: Plan, tool: String) -> String {
        var s = header(p, tool: tool).joined(separator: "\n") + "\n\n"
        let cols = ["Date", "Day", "Time", "Session", "Dose", "Tier dose/exp", "Peak ng/mL", "Tmax min", "min in band", "below \(NumberFormat.short(p.dischargeNgPerML)) at",
                    "Resid next", "IV-eq mg", "7-day mg (IV-eq)", "Notes"]
        var rows: [[String]] = []
        for e in p.sessions {
            var r = [e.date, e.weekday, e.time, e.label]
            if e.kind == "dosing" {
                var dose = e.doseText ?? ""
                if let t = e.topUpMg { dose += " +\(NumberFormat.short(t)) mg@\(NumberFormat.short(e.topUpAtMin ?? 12))min" }
                let pr = e.prediction
                r += [dose, "\(e.doseTier ?? "-")/\(pr?.exposureTier ?? "-")"]
                if let pr {
                    let dis: String
                    if pr.neverAboveDischarge { dis = "never reaches \(NumberFormat.short(p.dischargeNgPerML)) ng/mL" } else { dis = pr.dischargeMin.map { NumberFormat.hm(minutes: $0) + " h" } ?? "> next" }
                    let racemic = pr.racemicEquivalentIVMg.map { " (rac \(NumberFormat.short($0, 3)))" } ?? ""
                    r += [NumberFormat.sig(pr.peakNgPerML), NumberFormat.f(pr.tmaxMin, 0), NumberFormat.f(pr.minutesInBand, 0), dis,
                          pr.residualAtNextNgPerML.map { $0 < 0.01 ? "<0.01" : NumberFormat.sig($0, 2) } ?? "-", NumberFormat.short(pr.ivEquivalentMg, 3) + racemic,
                          "\(NumberFormat.short(pr.rolling7DayMg, 4)) (\(NumberFormat.short(pr.rolling7DayIVEquivalentMg, 3)))"]
                } else {
                    r += ["-", "-", "-", "-", "-", "-", "-"]
                }
                var notes: [String] = []
                if let ph = e.phase { notes.append(ph) }
                if let resp = e.response { notes.append("response \(resp)") }
                if let n = e.escalationNote { notes.append(n) }
                if let pr, let w = pr.peakWithMaxTopUpNgPerML { notes.append("peak \(NumberFormat.sig(w)) with max top-up") }
                if let rv = e.review { notes.append("REVIEW: \(rv)") }
                let flagged = p.findings.filter { $0.level != "info" && $0.sessions.contains(e.number ?? -1) }.map { "\($0.level.uppercased()) \($0.rule)" }
                notes += flagged
                r.append(notes.joined(separator: "; "))
            } else {
                r += ["\(e.kind) \(NumberFormat.short(e.durationMin)) min"] + Array(repeating: "", count: 9)
            }
            rows.append(r)
        }
        s += TextTable.table(cols, rows, left: [0, 1, 2, 3, 4, 5, 9, 13])
        s += "Band: minutes inside the dose tier's exposure band during the session window; 'below \(NumberFormat.short(p.dischargeNgPerML)) at': time from the dose until the model's Cp stays below \(NumberFormat.short(p.dischargeNgPerML)) ng/mL; no published plasma discharge criterion exists.\n"
        s += "\nSafety findings:\n"
        let lines = findingLines(p)
        s += lines.isEmpty ? "  none\n" : lines.map { "  " + $0 }.joined(separator: "\n") + "\n"
        let practice = practiceLines(p)
        if !practice.isEmpty {
            let n = p.dosingSessions.count
            s += "\nPractice requirements, every dosing session (\(n == 1 ? "session 1" : "sessions 1-\(n)")):\n" + practice.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        s += "\n" + footer(p).joined(separator: "\n") + "\n"
        return s
    }

    /// The provenance of the plan's CSV (header, findings, definitions), kept out of the CSV itself.
    public static func csvProvenance(_ p: Plan, tool: String) -> [String] {
        header(p, tool: tool) + findingLines(p).map { "finding: \($0)" } + practiceLines(p).map { "every dosing session: \($0)" } + [p.ivEquivalentDefinition]
    }

    public static func csv(_ p: Plan, tool: String) -> String {
        var s = ""
        let cols = ["date", "weekday", "time", "kind", "label", "number", "phase", "duration_min", "route", "dose_mg", "dose", "top_up_mg", "infusion_min",
                    "dose_tier", "exposure_tier", "response", "escalation", "review", "peak_ng_ml", "tmax_min", "band_tier", "band_low_ng_ml",
                    "band_high_ng_ml", "minutes_in_band", "discharge_min", "residual_start_ng_ml", "residual_next_ng_ml", "iv_equivalent_mg",
                    "racemic_equivalent_iv_mg", "rolling7d_mg", "rolling7d_mg_per_kg", "rolling7d_iv_equivalent_mg", "peak_with_max_top_up_ng_ml", "findings"]
        s += cols.joined(separator: ",") + "\n"
        func o(_ x: Double?) -> String { x.map { NumberFormat.g($0) } ?? "" }
        for e in p.sessions {
            let pr = e.prediction
            let fs = p.findings.filter { $0.sessions.contains(e.number ?? -1) && e.kind == "dosing" }.map { "\($0.level):\($0.rule)" }.joined(separator: " ")
            let fields: [String] = [
                e.date, e.weekday, e.time, e.kind, e.label, e.number.map(String.init) ?? "", e.phase ?? "", o(e.durationMin), e.route ?? "", o(e.doseMg),
                e.doseText ?? "", o(e.topUpMg), o(e.infusionMin), e.doseTier ?? "", pr?.exposureTier ?? "", e.response ?? "", e.escalationNote ?? "",
                e.review ?? "", o(pr?.peakNgPerML), o(pr?.tmaxMin), pr?.bandTier ?? "", o(pr?.bandLowNgPerML), o(pr?.bandHighNgPerML),
                o(pr?.minutesInBand), o(pr?.dischargeMin), o(pr?.residualAtStartNgPerML), o(pr?.residualAtNextNgPerML), o(pr?.ivEquivalentMg),
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
