import Foundation
import Reports
import PKCore
import PKProfiles
import Studies

/// Options shared by `simulate` and `compare`: patient, horizon, band, window, discharge level.
struct PatientOptions {
    var profile: ProfileModel
    var weightKg = 70.0
    var bandName: String? = "dissociation"
    var durationH = 24.0
    var band = (low: 100.0, high: 250.0)
    var windowH = 1.5
    var dischargeNgPerML = 100.0
    var infusionH = 40.0 / 60
    var format = "table"
    var chart: Bool

    /// The shared options of `simulate` and `compare`, declared once for the parser and the help.
    static let options: [OptionSpec] = [
        OptionSpec("--profile", "P", """
            a built-in profile ('ketasim profiles') or a profile JSON file (default
            \(StudyDefaults.profileName))
            """),
        OptionSpec("--weight", "W", "body weight (default 70kg)"),
        OptionSpec("--duration", "T", "simulated time from the first dose (default 24h)"),
        OptionSpec("--infusion", "T", "IV infusion duration (default 40min)"),
        OptionSpec("--band", "B", """
            a named band of the profile's analyte (e.g. dissociation, analgesia; see
            'ketasim profiles bands') or LOW-HIGH with a unit, e.g. 100-250ng/mL (default:
            dissociation, racemic 100-250 ng/mL at 0.5 mg/kg over 40 min, Zanos 2018)
            """),
        OptionSpec("--window", "T", "session window for time in band, from the first dose (default 90min; S-ketamine 2h, the label's time on site)"),
        OptionSpec("--discharge", "C", """
            discharge level (default: the lower edge of the dissociation band, 100 ng/mL
            racemic; no published plasma discharge criterion exists, so choose your own)
            """),
        OptionSpec("--format", "F", "table, csv or json (default table)"),
        OptionSpec("--out", "FILE", "write to FILE (atomically) instead of standard output"),
        OptionSpec("--svg", "FILE", "also write the concentration-time plot as SVG"),
        OptionSpec("--html", "FILE", "also write a self-contained HTML report (plots, metrics, inputs, sources)"),
        .flag("--chart", "draw the terminal chart (default: when stdout is a terminal, in colour there unless NO_COLOR is set)"),
        .flag("--no-chart", "no terminal chart"),
    ]

    /// " (UNCONFIRMED)" when the band is a named band marked unconfirmed in bands.json (S-ketamine
    /// dissociation), else empty: appended wherever the band is drawn or named.
    var bandMark: String {
        guard let n = bandName, ProfileLibrary.bands(for: profile.profile.analyte).first(where: { $0.name == n })?.unconfirmed == true else { return "" }
        return " (UNCONFIRMED)"
    }

    init(_ a: Arguments, console: Ketasim.Console) throws {
        chart = console.isTerminal
        do { profile = try ProfileLibrary.load(a.value("--profile") ?? StudyDefaults.profileName) } catch let e as ProfileError {
            throw CLIError.usage(e.message)
        }
        let analyte = profile.profile.analyte
        // The shared defaults (StudyDefaults, through the study's patient), then the options.
        let defaults = ExposurePatient(profile: profile)
        (weightKg, band, bandName) = (defaults.weightKg, (defaults.bandLowNgPerML, defaults.bandHighNgPerML), defaults.bandName)
        (windowH, dischargeNgPerML, infusionH, durationH) = (defaults.windowH, defaults.dischargeNgPerML, defaults.infusionH, defaults.durationH)
        if let w = a.value("--weight") { weightKg = try Units.weightKg(w) }
        if let d = a.value("--duration") {
            durationH = try Units.hours(d, flag: "--duration")
            guard durationH > 0 else { throw CLIError.usage("--duration: '\(d)' must be greater than zero") }
            guard durationH <= 24 * 365 else { throw CLIError.usage("--duration: '\(d)' is longer than a year") }
        }
        if let b = a.value("--band") {
            if let named = ProfileLibrary.bands(for: analyte).first(where: { $0.name.lowercased() == b.lowercased() }) {
                band = (named.lowNgPerML, named.highNgPerML ?? .infinity)
                bandName = named.name
            } else if b.first?.isLetter == true {
                let names = ProfileLibrary.bands(for: analyte).map(\.name).joined(separator: ", ")
                throw CLIError.usage("--band: unknown band '\(b)' for \(analyte) (named bands: \(names); or LOW-HIGH, e.g. 100-250ng/mL)")
            } else {
                band = try PatientOptions.parseBand(b)
                bandName = nil
            }
        }
        if let w = a.value("--window") {
            windowH = try Units.hours(w, flag: "--window")
            guard windowH > 0 else { throw CLIError.usage("--window: '\(w)' must be greater than zero") }
        }
        if let d = a.value("--discharge") { dischargeNgPerML = try Units.concentrationNgPerML(d, flag: "--discharge") }
        if let i = a.value("--infusion") {
            infusionH = try Units.hours(i, flag: "--infusion")
            guard infusionH > 0 else { throw CLIError.usage("--infusion: '\(i)' must be greater than zero") }
        }
        if let f = a.value("--format") {
            guard ["table", "csv", "json"].contains(f.lowercased()) else {
                throw CLIError.usage("--format: unknown format '\(f)' (use table, csv or json)")
            }
            format = f.lowercased()
        }
        if a.flag("--no-chart") { chart = false }
        if a.flag("--chart") { chart = true }
        if format != "table" { chart = false }
    }

    /// The typed request of the exposure studies.
    var patient: ExposurePatient {
        var p = ExposurePatient(profile: profile)
        p.weightKg = weightKg
        p.bandLowNgPerML = band.low
        p.bandHighNgPerML = band.high
        p.bandName = bandName
        p.windowH = windowH
        p.dischargeNgPerML = dischargeNgPerML
        p.infusionH = infusionH
        p.durationH = durationH
        return p
    }

    /// "100-250ng/mL" → (100, 250) in ng/mL.
    static func parseBand(_ text: String) throws -> (low: Double, high: Double) {
        let t = text.trimmedSpaces
        // Split at a '-' that follows a digit (so exponents and a leading minus are not split).
        var cut: String.Index? = nil
        var i = t.startIndex
        while i < t.endIndex {
            if t[i] == "-", i > t.startIndex {
                let prev = t[t.index(before: i)]
                // "5e-2": a minus after an exponent marker that follows a digit is not the separator.
                let exponent = (prev == "e" || prev == "E") && t.index(before: i) > t.startIndex && t[t.index(t.index(before: i), offsetBy: -1)].isNumber
                if (prev.isNumber || prev.isLetter) && !exponent { cut = i; break }
            }
            i = t.index(after: i)
        }
        guard let cut else { throw CLIError.usage("--band: '\(text)' is not LOW-HIGH with a unit, e.g. 100-250ng/mL") }
        var lowText = String(t[..<cut]), highText = String(t[t.index(after: cut)...])
        let (_, unitHigh) = try Units.split(highText, flag: "--band")
        let (_, unitLow) = try Units.split(lowText, flag: "--band")
        if unitLow.isEmpty && unitHigh.isEmpty {
            throw CLIError.usage("--band: '\(text)' has no unit (e.g. 100-250ng/mL)")
        }
        if unitLow.isEmpty { lowText += unitHigh }
        if unitHigh.isEmpty { highText += unitLow }
        let lo = try Units.concentrationNgPerML(lowText, flag: "--band")
        let hi = try Units.concentrationNgPerML(highText, flag: "--band")
        guard hi > lo else { throw CLIError.usage("--band: '\(text)' needs LOW < HIGH") }
        return (lo, hi)
    }
}

/// One route–dose arm: what `simulate` and `compare` run.
struct Arm {
    var route: Route
    var dose: Units.DoseAmount
    var doseMg: Double
    var label: String
    var result: SimulationResult
    var summary: ExposureSummary
    /// The route's inputs as the profile defines them, and any command-line overrides.
    var routeNote: String
    /// Anaesthesia-band and single-dose-limit warnings (`ExposureWarning`).
    var warnings: [ExposureWarning] = []
    /// Effect-site concentration and effect per PD model (`EffectReport`).
    var effects: [EffectPrediction] = []

    /// Simulates `dose` by `route` for the patient on the chosen profile, with parameters
    /// overridden by name (`overrides`, model units).
    static func run(route: Route, dose: Units.DoseAmount, options o: PatientOptions, overrides: [String: Double] = [:],
                    intervalH: Double = 0, count: Int = 1, stepH: Double) throws -> Arm {
        let study: ExposureResult
        do {
            study = try SingleSimulation.run(o.patient, arm: ExposureArm(route: route, dose: dose, overrides: overrides, intervalH: intervalH, count: count),
                                             stepH: stepH)
        } catch let e as StudyError {
            throw CLIError.from(e)
        }
        let mg = study.doseMg
        let result = study.curve
        let summary = study.metrics
        let doseText: String
        switch dose {
        case .mg(let v): doseText = "\(NumberFormat.short(v)) mg"
        case .mgPerKg(let v): doseText = "\(NumberFormat.short(v)) mg/kg (\(NumberFormat.short(mg, 3)) mg)"
        }
        var label = "\(route.displayName) \(doseText)"
        if route == .ivInfusion { label += " over \(NumberFormat.short(o.infusionH * 60)) min" }
        var note = study.routeSource ?? ""
        if !overrides.isEmpty {
            note = "overridden: " + overrides.sorted { $0.key < $1.key }.map { "\($0.key) = \(NumberFormat.short($0.value))" }.joined(separator: ", ") + (note.isEmpty ? "" : "; \(note)")
        }
        return Arm(route: route, dose: dose, doseMg: mg, label: label, result: result, summary: summary, routeNote: note,
                   warnings: study.warnings, effects: study.effects)
    }
}

/// Output shared by `simulate` and `compare`.
enum ArmReport {
    static func header(_ o: PatientOptions) -> [String] {
        [
            "ketasim \(Ketasim.version): \(Ketasim.disclaimer)",
            "Profile: \(o.profile.profile.name): \(o.profile.profile.title)\(o.profile.profile.hasUnconfirmed ? " (has UNCONFIRMED numbers: 'ketasim profiles show \(o.profile.profile.name)')" : "")",
            "Source: \(o.profile.profile.citation)",
            "Patient: \(NumberFormat.short(o.weightKg)) kg\(o.profile.covariateNames.contains("WT") ? "" : " (weight is not a covariate of this profile)"); band\(o.bandName.map { " '\($0)'" } ?? "") \(NumberFormat.short(o.band.low)) to \(NumberFormat.short(o.band.high)) ng/mL\(o.bandMark) in the first \(NumberFormat.short(o.windowH * 60)) min; time until below \(NumberFormat.short(o.dischargeNgPerML)) ng/mL",
        ]
    }

    /// One warning as rule, level, message and source (text and JSON).
    struct WarningLine: Encodable {
        var rule: String
        var level: String
        var message: String
        var source: String
    }

    static func warningLines(_ a: Arm, _ o: PatientOptions) -> [WarningLine] {
        a.warnings.map { w in
            switch w {
            case .anaesthesiaBand(let peak, let band):
                return WarningLine(
                    rule: "bands.json anaesthesia (\(band.analyte))", level: "warning",
                    message: "predicted peak \(NumberFormat.short(peak, 4)) ng/mL reaches the \(band.analyte) anaesthesia band (>= \(NumberFormat.short(band.lowNgPerML)) ng/mL); 'plan' blocks this (rule anaesthetic-exposure)",
                    source: band.source)
            case .singleDoseLimit(let f):
                return WarningLine(
                    rule: f.rule, level: f.level.rawValue,
                    message: "\(f.message) exceeds the single-dose limit of rule \(f.rule) ('plan' level: \(f.level.rawValue))",
                    source: f.source)
            }
        }
    }

    /// One line per warning of each arm: "WARNING <arm>: <message> [source: ...]".
    static func warningsText(_ arms: [Arm], _ o: PatientOptions) -> [String] {
        arms.flatMap { a in warningLines(a, o).map { "WARNING \(a.label): \($0.message); source: \($0.source)" } }
    }

    /// The metric cells of each arm, shared by the terminal table and the HTML report.
    static func metricRows(_ arms: [Arm]) -> [[String]] {
        arms.map { a in
            let s = a.summary
            return [
                a.label, NumberFormat.sig(s.cmaxNgPerML, 4), NumberFormat.f(s.tmaxH * 60, 1), NumberFormat.sig(s.auc0tNgHPerML, 4),
                s.aucInfNgHPerML.map { NumberFormat.sig($0, 4) } ?? "-", s.terminalHalfLifeH.map { NumberFormat.f($0, 2) } ?? "-",
                NumberFormat.f(s.minutesInBand, 1), dischargeCell(s),
                s.metaboliteCmaxNgPerML.map { NumberFormat.sig($0, 4) } ?? "-", s.effectCmaxNgPerML.map { NumberFormat.sig($0, 4) } ?? "-",
            ]
        }
    }

    /// The time from which Cp stays below the discharge level: "h:mm h", "never reaches LEVEL ng/mL"
    /// or "> 30 d". Not a discharge criterion (none is published for plasma levels).
    static func dischargeCell(_ s: ExposureSummary) -> String {
        if s.cmaxNgPerML < s.dischargeLevelNgPerML { return "never reaches \(NumberFormat.short(s.dischargeLevelNgPerML)) ng/mL" }
        return s.dischargeH.map { NumberFormat.hm(hours: $0) + " h" } ?? "> 30 d"
    }

    /// Column heading of the discharge time: "below LEVEL at" (a level, not a clinical criterion).
    static func dischargeHeading(_ o: PatientOptions) -> String { "below \(NumberFormat.short(o.dischargeNgPerML)) at" }

    /// Footnotes under the metrics: what "below LEVEL at" is and is not, and arms whose peak lies
    /// outside the band (so minutes in band are 0, or count only the rise and fall through it).
    static func footnotes(_ arms: [Arm], _ o: PatientOptions) -> [String] {
        let level = NumberFormat.short(o.dischargeNgPerML)
        let band = "\(NumberFormat.short(o.band.low))-\(NumberFormat.short(o.band.high)) ng/mL"
        var out = ["'below \(level) at': time after the first dose from which the model's Cp stays below \(level) ng/mL (--discharge). No published plasma discharge criterion exists; discharge is a clinical decision."]
        for a in arms {
            let s = a.summary
            if s.cmaxNgPerML < s.bandLowNgPerML {
                out.append("\(a.label): peak \(NumberFormat.short(s.cmaxNgPerML, 3)) ng/mL below the band \(band), so 0 min in band.")
            } else if s.cmaxNgPerML >= s.bandHighNgPerML {
                out.append("\(a.label): peak \(NumberFormat.short(s.cmaxNgPerML, 4)) ng/mL above the band \(band); min in band count the rise and fall through it.")
            }
        }
        return out
    }

    static func metricsTable(_ arms: [Arm], _ o: PatientOptions, width: Int = .max) -> String {
        let cols = ["Route and dose", "Cmax ng/mL", "Tmax min", "AUC0-\(NumberFormat.short(o.durationH))h", "AUCinf", "terminal t1/2 h",
                    "min in band", dischargeHeading(o), "NK Cmax", "Ce max"]
        let rows = metricRows(arms)
        var out = TextTable.fit(cols, rows, width: width)
        out += "AUC in ng*h/mL (exact integral of the model); AUCinf adds the exact remaining area. NK = norketamine, Ce = effect site.\n"
        out += footnotes(arms, o).map { $0 + "\n" }.joined()
        out += warningsText(arms, o).map { $0 + "\n" }.joined()
        out += "Evidence per route (published figures not used to fit the profile \(o.profile.profile.name), 'ketasim validate'):\n"
        out += arms.map { "  \($0.label): \(Validation.evidence(for: o.profile.profile, route: $0.route))\n" }.joined()
        return out
    }

    static func chart(_ arms: [Arm], _ o: PatientOptions, width: Int, colour: Bool = false) -> String {
        let maxT = Swift.min(o.durationH, Swift.max(6, o.windowH * 3))
        var chart = TerminalChart(
            series: arms.map { .init(label: $0.label, timesH: $0.result.timesH, values: $0.result.series("CP") ?? []) },
            band: (o.band.low, o.band.high, "band \(NumberFormat.short(o.band.low))-\(NumberFormat.short(o.band.high)) ng/mL\(o.bandMark)"),
            width: Swift.min(width, 120), height: 18, yUnit: "Cp ng/mL", maxTimeH: maxT,
            window: (o.windowH, "session window ends at \(NumberFormat.hm(hours: o.windowH)) h"),
            level: (o.dischargeNgPerML, "below \(NumberFormat.short(o.dischargeNgPerML)) ng/mL level"))
        chart.colour = colour
        return chart.render()
    }

    /// Provenance of a CSV (goes to its sidecar, never into the CSV).
    static func provenance(_ arms: [Arm], _ o: PatientOptions) -> [String] {
        header(o).dropFirst().map { $0 } + arms.map { a in
            let m = a.summary
            return "\(a.label): Cmax \(NumberFormat.g(m.cmaxNgPerML)) ng/mL at \(NumberFormat.g(m.tmaxH)) h; AUC0-t \(NumberFormat.g(m.auc0tNgHPerML)) ng*h/mL; minutes in band \(NumberFormat.g(m.minutesInBand)); discharge \(m.dischargeH.map { "\(NumberFormat.g($0)) h" } ?? "not within 30 d")"
        } + warningsText(arms, o) + ["columns: time_h in h; " + arms[0].result.outputNames.joined(separator: ", ") + " in ng/mL"]
            + EffectColumns.provenance(arms[0].effects)
    }

    static func csv(_ arms: [Arm], _ o: PatientOptions) -> String {
        var s = ""
        let names = arms[0].result.outputNames
        s += "arm,route,dose_mg,time_h," + (names + EffectColumns.names(arms[0].effects)).joined(separator: ",") + "\n"
        for a in arms {
            for (i, t) in a.result.timesH.enumerated() {
                s += "\(CSV.field(a.label)),\(a.route.rawValue),\(NumberFormat.g(a.doseMg)),\(NumberFormat.g(t))"
                for o in 0..<names.count { s += ",\(NumberFormat.g(a.result.outputs[o][i]))" }
                for c in EffectColumns.cells(a.effects, timesH: a.result.timesH, index: i) { s += "," + c }
                s += "\n"
            }
        }
        return s
    }

    struct JSONArm: Encodable {
        var label: String
        var route: String
        var doseMg: Double
        var routeSource: String
        var metrics: ExposureSummary
        var warnings: [WarningLine]
        /// Effect metrics per PD model (time of peak effect, peak Ce/C50, ...), with caveats.
        var effects: [EffectMetrics]
        var timesH: [Double]
        var outputs: [String: [Double]]
    }
    struct JSONReport: Encodable {
        var ketasim: String
        var disclaimer: String
        var profile: String
        var profileTitle: String
        var citation: String
        var hasUnconfirmed: Bool
        var weightKg: Double
        var arms: [JSONArm]
        /// Label population figures (esketamine nasal spray arms only): not individual predictions.
        var populationFigures: EffectReport.PopulationFigures?
        var references: [Reference]
    }

    static func json(_ arms: [Arm], _ o: PatientOptions) throws -> String {
        let report = JSONReport(
            ketasim: Ketasim.version, disclaimer: Ketasim.disclaimer, profile: o.profile.profile.name, profileTitle: o.profile.profile.title,
            citation: o.profile.profile.citation, hasUnconfirmed: o.profile.profile.hasUnconfirmed, weightKg: o.weightKg,
            arms: arms.map { a in
                JSONArm(label: a.label, route: a.route.rawValue, doseMg: a.doseMg, routeSource: a.routeNote,
                        metrics: a.summary, warnings: warningLines(a, o), effects: a.effects.map(\.metrics), timesH: a.result.timesH,
                        outputs: Dictionary(uniqueKeysWithValues: a.result.outputNames.enumerated().map { ($1, a.result.outputs[$0]) }))
            },
            populationFigures: EffectReport.populationFigures(arms, o),
            references: ReferenceList.references(citedIn: [o.profile.profile.citation] + arms.map(\.routeNote) + EffectReport.citedTexts(arms)))
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        enc.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try enc.encode(report), as: UTF8.self) + "\n"
    }

    /// Writes --svg and --html when asked (each atomically).
    static func graphics(_ arms: [Arm], _ o: PatientOptions, _ a: Arguments, title: String) throws {
        if let svg = a.value("--svg") {
            try AtomicFile.write(SVGPlot.arms(arms, o, title: title).render(), to: svg, flag: "--svg")
        }
        if let html = a.value("--html") {
            try AtomicFile.write(HTMLReport.arms(arms, o, title: title).render(), to: html, flag: "--html")
        }
    }

    static func emit(_ text: String, _ a: Arguments, _ console: Ketasim.Console) throws {
        if let out = a.value("--out") { try AtomicFile.write(text, to: out) } else { console.out(text) }
    }

    /// A CSV with its provenance (sidecar or one stderr line).
    static func emitCSV(_ text: String, provenance: [String], command: String, _ a: Arguments, _ console: Ketasim.Console) throws {
        try Provenance.emitCSV(text, command: command, lines: provenance, out: a.value("--out"), console: console)
    }
}
