import Foundation
import PKProfiles
import Reports
import Planner

/// Charts of a plan: the predicted course with the dosing-session windows and the first session's
/// tier band, in the terminal, as SVG and in an HTML report.
enum PlanGraphics {
    static func band(_ plan: Plan) -> SVGPlot.Band? {
        guard let tier = plan.sessions.first(where: { $0.prediction != nil })?.prediction else { return nil }
        return .init(low: tier.bandLowNgPerML, high: tier.bandHighNgPerML, label: "\(tier.bandTier) \(NumberFormat.short(tier.bandLowNgPerML))–\(NumberFormat.short(tier.bandHighNgPerML)) ng/mL")
    }

    static func svg(_ plan: Plan, maxTimeH: Double? = nil) -> SVGPlot? {
        guard let c = plan.curve else { return nil }
        let windowH = plan.windowMin / 60
        return SVGPlot(
            title: "\(plan.protocolTitle): predicted course",
            series: [.init(label: "\(plan.site == "effect" ? "effect site" : "plasma") \(plan.analyte)", timesH: c.timesH, values: c.valuesNgPerML)],
            bands: band(plan).map { [$0] } ?? [],
            windows: c.doseTimesH.enumerated().map { .init(startH: $1, endH: $1 + windowH, label: $0 == 0 ? "dosing sessions" : "") },
            xLabel: "Time after the first dose (h)", yLabel: "Concentration (ng/mL)", maxTimeH: maxTimeH)
    }

    static func terminal(_ plan: Plan, width: Int) -> String? {
        guard let c = plan.curve else { return nil }
        let b = band(plan)
        let chart = TerminalChart(series: [.init(label: "predicted course (\(plan.analyte))", timesH: c.timesH, values: c.valuesNgPerML)],
                                  band: b.map { ($0.low, $0.high, $0.label) }, width: Swift.min(width, 120), height: 14, yUnit: "ng/mL")
        return chart.render()
    }

    /// --svg and --html for a plan (each atomically).
    static func write(_ plan: Plan, _ a: Arguments) throws {
        if let path = a.value("--svg") {
            guard let plot = svg(plan) else { throw CLIError.failure("--svg: no predictions for this plan (no profile for its drug)") }
            try AtomicFile.write(plot.render(), to: path, flag: "--svg")
        }
        if let path = a.value("--html") {
            let rows = plan.sessions.map { s -> [String] in
                [s.date, s.weekday, s.time, s.label, s.doseText ?? "", s.prediction.map { NumberFormat.sig($0.peakNgPerML, 4) } ?? "",
                 s.prediction.map { NumberFormat.f($0.minutesInBand, 0) } ?? "",
                 s.prediction.map { p in p.neverAboveDischarge ? "never reaches \(NumberFormat.short(plan.dischargeNgPerML)) ng/mL" : (p.dischargeMin.map { NumberFormat.hm(hours: $0 / 60) + " h" } ?? "-") } ?? ""]
            }
            var sections: [HTMLReport.Section] = []
            if let plot = svg(plan) {
                let firstSessionEnd = (plan.curve?.doseTimesH.first ?? 0) + Swift.max(6, plan.windowMin / 60 * 3)
                sections.append(HTMLReport.Section(heading: "First dosing session", plot: { var p = plot; p.maxTimeH = firstSessionEnd; p.title = "First dosing session"; return p }(), tables: [], notes: []))
                sections.append(HTMLReport.Section(heading: "Whole course", plot: plot, tables: [], notes: []))
            }
            sections.append(HTMLReport.Section(heading: "Calendar", tables: [HTMLReport.Table(
                columns: ["Date", "Day", "Time", "Session", "Dose", "Peak ng/mL", "min in band", "below \(NumberFormat.short(plan.dischargeNgPerML)) at"], rows: rows)],
                notes: ["'below \(NumberFormat.short(plan.dischargeNgPerML)) at': time from the dose until the model's Cp stays below \(NumberFormat.short(plan.dischargeNgPerML)) ng/mL; no published plasma discharge criterion exists."] + plan.overrides.map { "Override \($0.rule): \($0.reason)" }
                    + plan.practice.map { "Every dosing session: \($0.text) (source: \($0.source); evidence: \($0.evidence))" }))
            let findings = plan.findings.map { HTMLReport.Finding(level: $0.level, rule: $0.rule, message: $0.message + ($0.overridden ? " (overridden: \($0.overrideReason ?? ""))" : ""), source: $0.source) }
            let report = HTMLReport(
                title: "Plan: \(plan.protocolTitle)",
                subtitle: "\(plan.profile ?? "no profile") · \(NumberFormat.short(plan.patient.weightKg)) kg · ketasim \(Ketasim.version)",
                inputs: [("Protocol", "\(plan.protocolID): \(plan.protocolSource)"), ("Route", plan.route), ("Weekdays", plan.weekdays.joined(separator: ", ")),
                         ("Session window", "\(NumberFormat.short(plan.windowMin)) min"), ("Discharge level", "\(NumberFormat.short(plan.dischargeNgPerML)) ng/mL")],
                sections: sections, findings: findings,
                citations: ["Protocol: \(plan.protocolSource)"] + (plan.profileCitation.map { ["Profile \(plan.profile ?? ""): \($0)"] } ?? []))
            try AtomicFile.write(report.render(), to: path, flag: "--html")
        }
    }
}
