import Foundation
import PKCore
import PKProfiles
import Planner
import Studies

/// What the reports of `simulate` and `compare` need from the command line, typed: the patient,
/// band and session window, discharge level, horizon, and the console's width and colour. Built by
/// the CLI from its options; rendering reads nothing else.
public struct ArmReportContext: Sendable {
    /// The profile the arms were simulated on.
    public var profile: ProfileModel
    /// Body weight (kg).
    public var weightKg: Double
    /// The band's name when it is a named band of bands.json (e.g. "dissociation"), else nil.
    public var bandName: String?
    /// The band (ng/mL); `high` is infinite for an open band.
    public var band: (low: Double, high: Double)
    /// Session window for minutes in band, from the first dose (h).
    public var windowH: Double
    /// The discharge level (ng/mL): the time from which Cp stays below it is reported.
    public var dischargeNgPerML: Double
    /// IV infusion duration (h).
    public var infusionH: Double
    /// Simulated duration from the first dose (h).
    public var durationH: Double
    /// Console width in columns for tables and charts (`Int.max`: no limit).
    public var width: Int
    /// Whether the terminal chart uses colour.
    public var colour: Bool

    /// A context from the options of `simulate`/`compare`.
    public init(profile: ProfileModel, weightKg: Double, bandName: String?, band: (low: Double, high: Double), windowH: Double,
                dischargeNgPerML: Double, infusionH: Double, durationH: Double, width: Int = .max, colour: Bool = false) {
        self.profile = profile
        self.weightKg = weightKg
        self.bandName = bandName
        self.band = band
        self.windowH = windowH
        self.dischargeNgPerML = dischargeNgPerML
        self.infusionH = infusionH
        self.durationH = durationH
        self.width = width
        self.colour = colour
    }

    /// " (UNCONFIRMED)" when the band is a named band marked unconfirmed in bands.json (S-ketamine
    /// dissociation), else empty: appended wherever the band is drawn or named.
    public var bandMark: String {
        guard let n = bandName, ProfileLibrary.bands(for: profile.profile.analyte).first(where: { $0.name == n })?.unconfirmed == true else { return "" }
        return " (UNCONFIRMED)"
    }
}

/// One route–dose arm as the reports show it: what `simulate` and `compare` ran, labelled.
public struct Arm: Sendable {
    /// The route.
    public var route: Route
    /// The dose as given (mg or mg/kg).
    public var dose: DoseAmount
    /// The dose in mg.
    public var doseMg: Double
    /// "IV infusion 0.5 mg/kg (35 mg) over 40 min": the arm's name in every output.
    public var label: String
    /// The concentration curves (h; ng/mL).
    public var result: SimulationResult
    /// The exposure metrics of the arm.
    public var summary: ExposureSummary
    /// The route's inputs as the profile defines them, and any command-line overrides.
    public var routeNote: String
    /// Anaesthesia-band and single-dose-limit warnings (`ExposureWarning`).
    public var warnings: [ExposureWarning] = []
    /// Effect-site concentration and effect per PD model (`EffectReport`).
    public var effects: [EffectPrediction] = []

    /// An arm from a study result and its label.
    public init(route: Route, dose: DoseAmount, doseMg: Double, label: String, result: SimulationResult, summary: ExposureSummary,
                routeNote: String, warnings: [ExposureWarning] = [], effects: [EffectPrediction] = []) {
        self.route = route
        self.dose = dose
        self.doseMg = doseMg
        self.label = label
        self.result = result
        self.summary = summary
        self.routeNote = routeNote
        self.warnings = warnings
        self.effects = effects
    }

    /// The arm of a single simulation, labelled "<route> <dose>" (mg/kg with its mg; an IV infusion
    /// with its duration `infusionH`, h), its route note naming any `overrides` (model units).
    public init(_ study: ExposureResult, route: Route, dose: DoseAmount, overrides: [String: Double] = [:], infusionH: Double) {
        let mg = study.doseMg
        let result = study.curve
        let summary = study.metrics
        let doseText: String
        switch dose {
        case .mg(let v): doseText = "\(NumberFormat.short(v)) mg"
        case .mgPerKg(let v): doseText = "\(NumberFormat.short(v)) mg/kg (\(NumberFormat.short(mg, 3)) mg)"
        }
        var label = "\(route.displayName) \(doseText)"
        if route == .ivInfusion { label += " over \(NumberFormat.short(infusionH * 60)) min" }
        var note = study.routeSource ?? ""
        if !overrides.isEmpty {
            note = "overridden: " + overrides.sorted { $0.key < $1.key }.map { "\($0.key) = \(NumberFormat.short($0.value))" }.joined(separator: ", ") + (note.isEmpty ? "" : "; \(note)")
        }
        self.init(route: route, dose: dose, doseMg: mg, label: label, result: result, summary: summary, routeNote: note,
                  warnings: study.warnings, effects: study.effects)
    }
}

/// Output shared by `simulate` and `compare`: header, metrics table, chart, CSV, JSON and
/// provenance, as text (the CLI writes them).
public enum ArmReport {
    /// The header lines: version and disclaimer, profile, source, patient with band and window.
    public static func header(_ o: ArmReportContext) -> [String] {
        [
            "ketasim \(Product.version): \(Product.disclaimer)",
            "Profile: \(o.profile.profile.name): \(o.profile.profile.title)\(o.profile.profile.hasUnconfirmed ? " (has UNCONFIRMED numbers: 'ketasim profiles show \(o.profile.profile.name)')" : "")",
            "Source: \(o.profile.profile.citation)",
            "Patient: \(NumberFormat.short(o.weightKg)) kg\(o.profile.covariateNames.contains("WT") ? "" : " (weight is not a covariate of this profile)"); band\(o.bandName.map { " '\($0)'" } ?? "") \(NumberFormat.short(o.band.low)) to \(NumberFormat.short(o.band.high)) ng/mL\(o.bandMark) in the first \(NumberFormat.short(o.windowH * 60)) min; time until below \(NumberFormat.short(o.dischargeNgPerML)) ng/mL",
        ]
    }

    /// One warning as rule, level, message and source (text and JSON).
    public struct WarningLine: Encodable, Sendable {
        public var rule: String
        public var level: String
        public var message: String
        public var source: String
    }

    public static func warningLines(_ a: Arm, _ o: ArmReportContext) -> [WarningLine] {
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
            case .fastIV(let f):
                return WarningLine(
                    rule: f.rule, level: f.level.rawValue,
                    message: "\(f.message): too fast for rule \(f.rule) ('plan' level: \(f.level.rawValue))",
                    source: f.source)
            }
        }
    }

    /// One line per warning of each arm: "WARNING <arm>: <message> [source: ...]".
    public static func warningsText(_ arms: [Arm], _ o: ArmReportContext) -> [String] {
        arms.flatMap { a in warningLines(a, o).map { "WARNING \(a.label): \($0.message); source: \($0.source)" } }
    }

    /// The metric cells of each arm, shared by the terminal table and the HTML report.
    public static func metricRows(_ arms: [Arm]) -> [[String]] {
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
    public static func dischargeCell(_ s: ExposureSummary) -> String {
        if s.cmaxNgPerML < s.dischargeLevelNgPerML { return "never reaches \(NumberFormat.short(s.dischargeLevelNgPerML)) ng/mL" }
        return s.dischargeH.map { NumberFormat.hm(hours: $0) + " h" } ?? "> 30 d"
    }

    /// Column heading of the discharge time: "below LEVEL at" (a level, not a clinical criterion).
    public static func dischargeHeading(_ o: ArmReportContext) -> String { "below \(NumberFormat.short(o.dischargeNgPerML)) at" }

    /// Footnotes under the metrics: what "below LEVEL at" is and is not, and arms whose peak lies
    /// outside the band (so minutes in band are 0, or count only the rise and fall through it).
    public static func footnotes(_ arms: [Arm], _ o: ArmReportContext) -> [String] {
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

    /// True for a profile of S-ketamine (esketamine): its metabolite is S-norketamine and its
    /// effect-site output S-ketamine.
    static func isEsketamine(_ o: ArmReportContext) -> Bool { o.profile.profile.analyte.lowercased().hasPrefix("s-") }

    /// Heading of the profile's own effect-site column: "rac Ce max" for a racemic profile (the
    /// effect section's Ce is S-ketamine), "Ce max" for an S-ketamine one.
    static func ceHeading(_ o: ArmReportContext) -> String { isEsketamine(o) ? "Ce max" : "rac Ce max" }

    /// The legend of the NK and Ce columns, by the profile's analyte.
    static func ceLegend(_ o: ArmReportContext) -> String {
        isEsketamine(o)
            ? "NK = S-norketamine; Ce = S-ketamine at the profile's effect site (its ke0)."
            : "NK = norketamine; rac Ce = racemic ketamine at the profile's effect site (its ke0), not the S-ketamine Ce of the effect section."
    }

    /// The metrics table with its notes, warnings and the evidence per route, fitted to `o.width`.
    public static func metricsTable(_ arms: [Arm], _ o: ArmReportContext) -> String {
        let cols = ["Route and dose", "Cmax ng/mL", "Tmax min", "AUC0-\(NumberFormat.short(o.durationH))h", "AUCinf", "terminal t1/2 h",
                    "min in band", dischargeHeading(o), "NK Cmax", ArmReport.ceHeading(o)]
        let rows = metricRows(arms)
        var out = TextTable.fit(cols, rows, width: o.width)
        out += "AUC in ng*h/mL (exact integral of the model); AUCinf adds the exact remaining area. \(ArmReport.ceLegend(o))\n"
        out += footnotes(arms, o).map { $0 + "\n" }.joined()
        out += warningsText(arms, o).map { $0 + "\n" }.joined()
        out += "Evidence per route (published figures not used to fit the profile \(o.profile.profile.name), 'ketasim validate'):\n"
        out += arms.map { "  \($0.label): \(Validation.evidence(for: o.profile.profile, route: $0.route))\n" }.joined()
        return out
    }

    /// The terminal chart of the session hours (at most 120 columns, colour as `o.colour`).
    public static func chart(_ arms: [Arm], _ o: ArmReportContext) -> String {
        let maxT = Swift.min(o.durationH, Swift.max(6, o.windowH * 3))
        var chart = TerminalChart(
            series: arms.map { .init(label: $0.label, timesH: $0.result.timesH, values: $0.result.series("CP") ?? []) },
            band: (o.band.low, o.band.high, "band \(NumberFormat.short(o.band.low))-\(NumberFormat.short(o.band.high)) ng/mL\(o.bandMark)"),
            width: Swift.min(o.width, 120), height: 18, yUnit: "Cp ng/mL", maxTimeH: maxT,
            window: (o.windowH, "session window ends at \(NumberFormat.hm(hours: o.windowH)) h"),
            level: (o.dischargeNgPerML, "below \(NumberFormat.short(o.dischargeNgPerML)) ng/mL level"))
        chart.colour = o.colour
        return chart.render()
    }

    /// Provenance of a CSV (goes to its sidecar, never into the CSV).
    public static func provenance(_ arms: [Arm], _ o: ArmReportContext) -> [String] {
        header(o).dropFirst().map { $0 } + arms.map { a in
            let m = a.summary
            return "\(a.label): Cmax \(NumberFormat.g(m.cmaxNgPerML)) ng/mL at \(NumberFormat.g(m.tmaxH)) h; AUC0-t \(NumberFormat.g(m.auc0tNgHPerML)) ng*h/mL; minutes in band \(NumberFormat.g(m.minutesInBand)); discharge \(m.dischargeH.map { "\(NumberFormat.g($0)) h" } ?? "not within 30 d")"
        } + warningsText(arms, o) + ["columns: time_h in h; " + arms[0].result.outputNames.joined(separator: ", ") + " in ng/mL"]
            + EffectColumns.provenance(arms[0].effects)
    }

    /// The curves of every arm as CSV (header first; no comment lines).
    public static func csv(_ arms: [Arm], _ o: ArmReportContext) -> String {
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

    /// The arms, metrics, warnings, effects and references as pretty-printed JSON.
    public static func json(_ arms: [Arm], _ o: ArmReportContext) throws -> String {
        let report = JSONReport(
            ketasim: Product.version, disclaimer: Product.disclaimer, profile: o.profile.profile.name, profileTitle: o.profile.profile.title,
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
}
