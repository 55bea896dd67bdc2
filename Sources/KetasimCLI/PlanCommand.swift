import Foundation
import Reports
import PKCore
import PKProfiles
import Planner
import Studies

/// `ketasim plan`: a course of sessions for one patient from a protocol template, every session
/// predicted and checked against the safety rules; and `plan --find-dose` for dose finding.
enum PlanCommand {
    static let spec = CommandSpec(
        name: "plan", summary: "plan a course of sessions from a protocol (calendar, tiers, safety rules); --find-dose",
        usage: [
            "ketasim plan --protocol ID|FILE --start YYYY-MM-DD [options]",
            "ketasim plan --find-dose --route R (--target-peak C | --band LOW-HIGH [--hold T1-T2] | --match-iv DOSE) [options]",
            "ketasim plan --list [--format json]",
        ],
        about: """
            Lays out a protocol's preparation, dosing and integration sessions on the calendar, escalates the
            dose through the route's tiers, predicts every dosing session on the exact model of the whole
            course (peak, time to peak, minutes in the tier's band in the session window, time to the discharge
            level, concentration left at the next session, IV-equivalent dose, rolling 7-day totals) and checks
            the safety rules and contraindication flags, each with its source and evidence mark, in three
            actions: BLOCK (the plan is refused unless the rule is overridden with --override RULE --reason
            TEXT), WARN-ACK (refused until acknowledged with --acknowledge RULE) and INFO (shown). Overrides
            and acknowledgements are recorded in every output. Every dosing session lists its practice
            requirements (fasting, oximetry, airway, driving, escort; esketamine nasal-spray timing).
            """,
        groups: [
            OptionGroup("Plan options", [
                .flag("--list", "list the built-in protocols, flags and rules"),
                OptionSpec("--protocol", "P", "a built-in protocol (--list) or a JSON file with one protocol, as an entry of the \"protocols\" list of Profiles/protocols.json (the safety rules stay built in)"),
                OptionSpec("--start", "DATE", "first day of the course, YYYY-MM-DD (past dates are fine)"),
                OptionSpec("--weight", "W", "body weight (default 70kg)"),
                OptionSpec("--age", "Y", "age in years (esketamine: from 65 the start dose is 28 mg under --label eu)"),
                OptionSpec("--label", "L", """
                    esketamine label for the start dose from age 65: eu (EU/HK SmPC, 28 mg; the default)
                    or us (US label, 56 mg)
                    """),
                OptionSpec("--setting", "S", """
                    clinic (default: the protocol's), home-supervised (remote guide, no clinician on site) or
                    home (unsupervised); home settings fire the home-use rules
                    """),
                OptionSpec("--weekdays", "LIST", "allowed dosing days, e.g. mon,wed,fri or mon-fri (default: the protocol's)"),
                OptionSpec("--time", "HH:MM", "time of day of the sessions (default: the protocol's)"),
                OptionSpec("--sessions", "N", "number of dosing sessions (default: the protocol's)"),
                OptionSpec("--dose", "D", "starting dose, e.g. 0.5mg/kg or 56mg (default: the protocol's)"),
                OptionSpec("--top-up", "D", "planned in-session top-up (IM KAP: 20-40 mg at 12 min)"),
                OptionSpec("--response", "N:R", """
                    response at dosing session N: none, partial, good, adverse, missed (repeatable,
                    or comma-separated); drives the escalation of the following sessions
                    """, repeatable: true),
                OptionSpec("--bp", "SYS/DIA", "pre-dose blood pressure, e.g. 150/95"),
                OptionSpec("--flag", "F", "contraindication or caution flag (repeatable or comma-separated; see --list)", repeatable: true),
                OptionSpec("--acknowledge", "R", "acknowledge a WARN-ACK finding (e.g. bp-racemic, contraindication-maoi; repeatable)", repeatable: true),
                OptionSpec("--override", "R", "override a blocking rule; needs --reason (one per --override, or one for all; repeatable)", repeatable: true),
                OptionSpec("--reason", "TEXT", "the clinician's reason, recorded in every output (repeatable)", repeatable: true),
                OptionSpec("--add-dose", "DATE[THH:MM]", "an extra, unscheduled dosing session (repeatable)", repeatable: true),
                OptionSpec("--profile", "P", "profile for the predictions (default: the protocol's)"),
                OptionSpec("--infusion", "T", "IV infusion duration (default: the protocol's, 40 min)"),
                OptionSpec("--concentration", "C", """
                    strength of the solution drawn up, e.g. 50mg/mL or 100mg/mL: doses get a volume and are
                    rounded to the 0.1 mL syringe step, infusion and TCI rates get mL/h; with --find-dose
                    --route in it sets the intranasal volume ceiling (default 100 mg/mL)
                    """),
                OptionSpec("--window", "T", "dosing-session window for time in band (default: the protocol's, 90-120 min)"),
                OptionSpec("--band", "B", """
                    band for minutes in band in every session: a band name or LOW-HIGH with a unit
                    (default: each session's tier band); with --find-dose, the band to hold
                    """),
                OptionSpec("--observation", "T", "observation period after the window (default: the protocol's)"),
                OptionSpec("--discharge", "C", "discharge level (default: the dissociation band's lower edge of the analyte)"),
                OptionSpec("--site", "S", "plasma or effect (effect-site concentration), default plasma"),
                OptionSpec("--format", "F", "table, csv or json (default: from --out's extension, else table)"),
                OptionSpec("--out", "FILE", "write to FILE (atomically) instead of standard output"),
                OptionSpec("--svg", "FILE", "also write the course chart as SVG"),
                OptionSpec("--html", "FILE", "also write a self-contained HTML report (calendar, chart, findings, sources)"),
                .flag("--chart", "terminal chart of the course (default: on a terminal, in colour unless NO_COLOR)"),
                .flag("--no-chart", "no terminal chart"),
            ]),
            OptionGroup("Dose finding (--find-dose)", [
                .flag("--find-dose", "find a dose instead of planning a course"),
                OptionSpec("--route", "R", "iv, iv-bolus, im, in, sl, po"),
                OptionSpec("--target-peak", "C", "the dose whose predicted peak is C (e.g. 150ng/mL)"),
                OptionSpec("--hold", "T1-T2", "window after the dose for --band (default 10min-60min)"),
                OptionSpec("--match-iv", "D", "the dose matching an IV reference dose (over --infusion) by --match"),
                OptionSpec("--match", "M", "auc (default) or peak"),
                .flag("--tci", "with --route iv and --band: a bolus plus rate steps holding the band for --duration"),
                OptionSpec("--tci-step", "T", "rate step length (default 10min)"),
                OptionSpec("--duration", "T", "length of the --tci schedule (default 60min)"),
                OptionSpec("--target", "C", "--tci target (default: geometric middle of the band)"),
            ]),
        ],
        notes: """
            Doses never exceed the route's single-dose limits or a predicted anaesthetic peak; the output says
            when no safe dose reaches the target. A target in the anaesthetic band is an error.

            IV-equivalent dose: the IV dose with the same parent plasma AUC in this patient on this profile
            (dose x the route's systemic availability); for esketamine also shown x 1.8 as racemic.
            """,
        examples: [
            "ketasim plan --protocol murrough-2013 --start 2026-12-01 --weight 70kg --weekdays mon,wed,fri",
            "ketasim plan --find-dose --route im --target-peak 150ng/mL --weight 80kg",
        ])


    static var tool: String { "ketasim \(Ketasim.version)" }

    static func run(_ args: [String], console: Ketasim.Console) throws {
        let a = try Arguments(args, spec: spec)
        if a.wantsHelp { console.out(spec.help); return }
        let chartWidth = console.isTerminal || a.flag("--chart") ? (a.flag("--no-chart") ? nil : console.width) : nil
        do {
            let format = try OutputFormat.resolve(a)
            let result: (text: String, provenance: [String])
            if a.flag("--list") { result = (format == "json" ? try ReferenceList.catalogJSON(ProtocolCatalog.builtin) : list(width: console.width), []) }
            else if a.flag("--find-dose") { result = try findDose(a, format: format, width: a.value("--out") == nil ? console.width : 1000) }
            else { result = try plan(a, format: format, chartWidth: chartWidth, width: a.value("--out") == nil ? console.width : 1000,
                                            colour: console.colour && a.value("--out") == nil) }
            if format == "csv" && !a.flag("--list") {
                try Provenance.emitCSV(result.text, command: "plan", lines: result.provenance, out: a.value("--out"), console: console)
            } else if let out = a.value("--out") { try Provenance.writeOutput(result.text, to: out) } else { console.out(result.text) }
        } catch let e as PlanError {
            throw e.usage ? CLIError.usage(e.message) : CLIError.failure(e.message)
        } catch let e as ProfileError {
            throw CLIError.usage(e.message)
        }
    }

    static func list(width: Int = 1000) -> String {
        let c = ProtocolCatalog.builtin
        var s = "\(tool): \(Ketasim.disclaimer)\nBuilt-in protocols (Profiles/protocols.json; \(c.source)):\n"
        s += TextTable.fit(["Protocol", "Route", "Sessions", "Source"], c.protocols.map {
            [$0.id, "\($0.route) \($0.analyte)", "\($0.defaultSessionCount)", "\($0.source) [\($0.evidence)]"]
        }, width: width, left: [0, 1, 3])
        s += "\nRules (BLOCK: --override RULE --reason TEXT; WARN-ACK: --acknowledge RULE; INFO: shown):\n"
        for r in c.rules { s += "  \(r.level.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0)) \(r.id): \(r.source) (evidence: \(r.evidence))\n" }
        s += "\nFlags (--flag; findings as contraindication-FLAG):\n"
        for f in c.contraindications {
            s += "  \(f.flag): \(f.label) (\(f.levels.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.uppercased())" }.joined(separator: ", "))): \(f.source) (evidence: \(f.evidence))\n"
        }
        s += "\nPractice requirements printed with every dosing session:\n"
        for i in c.practice { s += "  \(i.id)\(i.analyte.map { " (\($0))" } ?? ""): \(i.text): \(i.source) (evidence: \(i.evidence))\n" }
        return TextTable.wrapProse(s, width: width) + ReferenceList.text(citedIn: [s], width: Swift.min(80, width))
    }

    // MARK: - Parsing helpers

    static func list(_ a: Arguments, _ name: String) -> [String] {
        a.all(name).flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    static func template(_ text: String) throws -> ProtocolTemplate {
        if let t = ProtocolCatalog.builtin.named(text) { return t }
        guard FileManager.default.fileExists(atPath: text) else {
            throw CLIError.usage("--protocol: unknown protocol '\(text)' (built-in: \(ProtocolCatalog.builtin.protocols.map(\.id).joined(separator: ", ")); or a JSON file)")
        }
        return try ProtocolTemplate.decodeFile(try AtomicFile.read(text, flag: "--protocol"), origin: text)
    }

    static func date(_ text: String, flag: String) throws -> CivilDate {
        guard let d = CivilDate.parse(text) else { throw CLIError.usage("\(flag): '\(text)' is not a valid date (YYYY-MM-DD)") }
        return d
    }

    static func minutes(_ text: String, flag: String) throws -> Double {
        let h = try Units.hours(text, flag: flag)
        guard h > 0 else { throw CLIError.usage("\(flag): '\(text)' must be greater than zero") }
        return h * 60
    }

    static func amount(_ text: String, flag: String) throws -> Amount {
        switch try Units.dose(text, flag: flag) {
        case .mg(let v): return Amount(mg: v)
        case .mgPerKg(let v): return Amount(mgPerKg: v)
        }
    }

    /// "LOW-HIGH" with units, or a named band of the analyte.
    static func band(_ text: String, analyte: String) throws -> (Double, Double) {
        if let b = ProfileLibrary.bands(for: analyte).first(where: { $0.name.lowercased() == text.lowercased() }) {
            guard let hi = b.highNgPerML else { throw CLIError.usage("--band: '\(text)' is open-ended; give LOW-HIGH") }
            return (b.lowNgPerML, hi)
        }
        if text.first?.isLetter == true {
            throw CLIError.usage("--band: unknown band '\(text)' for \(analyte) (named: \(ProfileLibrary.bands(for: analyte).map(\.name).joined(separator: ", ")); or LOW-HIGH, e.g. 100-250ng/mL)")
        }
        let b = try PatientOptions.parseBand(text)
        return (b.low, b.high)
    }

    /// "10min-60min" or "10-60min" → hours.
    static func span(_ text: String, flag: String) throws -> (Double, Double) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw CLIError.usage("\(flag): '\(text)' is not FROM-TO with a unit, e.g. 10min-60min") }
        var first = parts[0]
        if first.allSatisfy({ $0.isNumber || $0 == "." }) {
            first += String(parts[1].drop { $0.isNumber || $0 == "." })
        }
        let a = try Units.hours(first, flag: flag), b = try Units.hours(parts[1], flag: flag)
        guard b > a else { throw CLIError.usage("\(flag): '\(text)' needs FROM < TO") }
        return (a, b)
    }

    static func profile(_ a: Arguments, default name: String) throws -> ProfileModel {
        try ProfileLibrary.load(a.value("--profile") ?? name)
    }

    // MARK: - Plan

    static func plan(_ a: Arguments, format: String, chartWidth: Int? = nil, width: Int = 1000, colour: Bool = false) throws -> (text: String, provenance: [String]) {
        guard let pText = a.value("--protocol") else {
            throw CLIError.usage("--protocol: required (built-in: \(ProtocolCatalog.builtin.protocols.map(\.id).joined(separator: ", ")); or --find-dose, --list)")
        }
        let t = try template(pText)
        guard let sText = a.value("--start") else { throw CLIError.usage("--start: required, e.g. --start 2026-12-01") }
        let start = try date(sText, flag: "--start")
        let weight = try a.value("--weight").map { try Units.weightKg($0) } ?? 70
        var age: Double? = nil
        if let s = a.value("--age") {
            let v = Double(s.lowercased().replacingOccurrences(of: "y", with: "").trimmingCharacters(in: .whitespaces))
            guard let v, v >= 0, v < 130 else { throw CLIError.usage("--age: '\(s)' is not an age in years") }
            age = v
        }
        var bp: (Double, Double)? = nil
        if let s = a.value("--bp") {
            let parts = s.split(separator: "/").map { CSVTable.number($0.trimmingCharacters(in: .whitespaces)) }
            // Within what a sphygmomanometer reads of a patient at a session (diastolic 30-200, systolic 60-300 mmHg), systolic above diastolic.
            guard parts.count == 2, let sys = parts[0], let dia = parts[1], sys > dia, dia >= 30, dia <= 200, sys >= 60, sys <= 300 else {
                throw CLIError.usage("--bp: '\(s)' is not SYSTOLIC/DIASTOLIC in mmHg, e.g. 150/95")
            }
            bp = (sys, dia)
        }
        // Profile: the protocol's, unless given; when the protocol's is missing, plan without predictions.
        var prof: ProfileModel? = nil
        var note: String? = nil
        if a.value("--profile") != nil {
            prof = try profile(a, default: "")
        } else if let name = t.profile {
            if ProfileLibrary.named(name) != nil { prof = try ProfileLibrary.load(name) }
            else {
                note = "profile \(name) (\(t.analyte), route \(t.route)) is not available in this build; the calendar, doses and dose rules are shown without predictions. Give --profile PATH for predictions."
            }
        } else {
            prof = try ProfileLibrary.load(StudyDefaults.profileName)
        }
        var req = PlanRequest(template: t, profile: prof,
                              patient: PatientFacts(weightKg: weight, ageYears: age, systolic: bp?.0, diastolic: bp?.1, flags: list(a, "--flag")),
                              start: start, disclaimer: Ketasim.disclaimer)
        req.profileNote = note
        if let w = a.value("--weekdays") {
            do { req.weekdays = try Weekday.parseSet(w, flag: "--weekdays") } catch let e as PlanError { throw CLIError.usage(e.message) }
            req.weekdaysText = w
        }
        if let s = a.value("--time") {
            guard let m = CivilDate.parseTime(s) else { throw CLIError.usage("--time: '\(s)' is not a time of day HH:MM (00:00-23:59)") }
            req.timeMin = m
        }
        if let s = a.value("--sessions") {
            guard let n = Int(s), n >= 1, n <= 200 else { throw CLIError.usage("--sessions: '\(s)' must be a whole number from 1 to 200") }
            req.sessions = n
        }
        if let s = a.value("--dose") { req.startDose = try amount(s, flag: "--dose") }
        if let s = a.value("--top-up") {
            guard case .mg(let v) = try Units.dose(s, flag: "--top-up") else { throw CLIError.usage("--top-up: '\(s)' must be in mg, e.g. 30mg") }
            req.topUpMg = v
        }
        for r in list(a, "--response") {
            let parts = r.split(separator: ":").map(String.init)
            guard parts.count == 2, let n = Int(parts[0]), let resp = SessionResponse(rawValue: parts[1].lowercased()) else {
                throw CLIError.usage("--response: '\(r)' is not N:RESPONSE (RESPONSE: \(SessionResponse.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            // One response per session: a second one is a typo, not an update.
            if let old = req.responses[n] {
                throw CLIError.usage("--response: session \(n) given twice ('\(n):\(old.rawValue)', '\(r)')")
            }
            req.responses[n] = resp
        }
        req.acknowledgements = list(a, "--acknowledge")
        if let s = a.value("--label") { req.label = s.lowercased() }
        if let s = a.value("--setting") { req.setting = s.lowercased() }
        let overrides = a.all("--override"), reasons = a.all("--reason")
        if !overrides.isEmpty || !reasons.isEmpty {
            guard !overrides.isEmpty else { throw CLIError.usage("--reason: given without --override") }
            guard !reasons.isEmpty else { throw CLIError.usage("--override: '\(overrides[0])' needs --reason TEXT (recorded in every output)") }
            guard reasons.count == overrides.count || reasons.count == 1 else {
                throw CLIError.usage("--reason: \(reasons.count) reasons for \(overrides.count) overrides; give one per --override or one for all")
            }
            req.overrides = overrides.enumerated().map { Override(rule: $1, reason: reasons.count == 1 ? reasons[0] : reasons[$0]) }
        }
        for s in a.all("--add-dose") {
            let parts = s.split(whereSeparator: { $0 == "T" || $0 == "@" || $0 == " " }).map(String.init)
            guard (1...2).contains(parts.count), let d = CivilDate.parse(parts[0]) else { throw CLIError.usage("--add-dose: '\(s)' is not YYYY-MM-DD[THH:MM]") }
            var m = req.timeMin ?? t.time.flatMap { CivilDate.parseTime($0) } ?? 540
            if parts.count == 2 {
                guard let x = CivilDate.parseTime(parts[1]) else { throw CLIError.usage("--add-dose: '\(s)' has no valid time HH:MM") }
                m = x
            }
            req.extraDoses.append((d, m))
        }
        if let s = a.value("--window") { req.windowMin = try minutes(s, flag: "--window") }
        if let s = a.value("--band") {
            let (lo, hi) = try band(s, analyte: prof?.profile.analyte ?? t.analyte)
            let named = ProfileLibrary.bands(for: prof?.profile.analyte ?? t.analyte).contains { $0.name.lowercased() == s.lowercased() }
            req.band = Plan.TierBand(tier: Tier(named ? s.lowercased() : "\(NumberFormat.short(lo))-\(NumberFormat.short(hi)) ng/mL"), lowNgPerML: lo, highNgPerML: hi,
                                     evidence: "given", source: "--band \(s)")
        }
        if let s = a.value("--observation") { req.observationMin = try Units.hours(s, flag: "--observation") * 60 }
        if let s = a.value("--infusion") {
            guard t.route == "iv" else { throw CLIError.usage("--infusion: protocol \(t.id) is not an IV infusion") }
            req.infusionMin = try minutes(s, flag: "--infusion")
        }
        if let s = a.value("--concentration") { req.concentrationMgPerML = try Units.solutionMgPerML(s) }
        if let s = a.value("--discharge") { req.dischargeNgPerML = try Units.concentrationNgPerML(s, flag: "--discharge") }
        if let s = a.value("--site") {
            guard let site = Site(rawValue: s.lowercased()) else { throw CLIError.usage("--site: '\(s)' (use plasma or effect)") }
            req.site = site
        }
        let plan = try CoursePlan.run(req)
        if plan.refused {
            throw CLIError.failure("plan refused: " + plan.refusalReasons.joined(separator: "; "))
        }
        try PlanGraphics.write(plan, a, profile: prof?.profile)
        switch format {
        case "csv": return (PlanRender.csv(plan, tool: tool), PlanRender.csvProvenance(plan, tool: tool))
        case "json": return (try PlanRender.json(plan, tool: tool), [])
        default:
            var text = PlanRender.table(plan, tool: tool, width: width, profile: prof?.profile)
            let effect = EffectReport.planText(plan, profile: prof?.profile)
            if !effect.isEmpty { text += "\n" + TextTable.wrapProse(effect, width: Swift.min(80, width)) }
            if let w = chartWidth, let chart = PlanGraphics.terminal(plan, width: w, colour: colour) { text += "\n" + chart }
            return (text + ReferenceList.text(citedIn: [text]), [])
        }
    }


    // MARK: - Dose finding
}
