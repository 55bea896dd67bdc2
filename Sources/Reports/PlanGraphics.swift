import Foundation
import PKProfiles
import Planner
import Studies

/// Charts of a plan: the predicted course on a date axis with the dosing-session windows and the
/// first session's tier band, in the terminal, as SVG and in an HTML report.
public enum PlanGraphics {
    /// The first predicted session's tier band (ng/mL), labelled, or nil without predictions.
    public static func band(_ plan: Plan) -> SVGPlot.Band? {
        guard let tier = plan.sessions.first(where: { $0.prediction != nil })?.prediction else { return nil }
        return .init(low: tier.bandLowNgPerML, high: tier.bandHighNgPerML,
                     label: "\(PlanRender.tierBandName(plan, tier.bandTier)) \(NumberFormat.short(tier.bandLowNgPerML))–\(NumberFormat.short(tier.bandHighNgPerML)) ng/mL")
    }

    /// The course chart; `dates`: the time axis in calendar dates (the whole course), else hours.
    public static func svg(_ plan: Plan, maxTimeH: Double? = nil, dates: Bool = true) -> SVGPlot? {
        guard let c = plan.curve else { return nil }
        let windowH = plan.windowMin / 60
        var plot = SVGPlot(
            title: "\(plan.protocolTitle): predicted course",
            series: [.init(label: "\(plan.site == .effect ? "effect site" : "plasma") \(plan.analyte)", timesH: c.timesH, values: c.valuesNgPerML)],
            bands: band(plan).map { [$0] } ?? [],
            windows: c.doseTimesH.enumerated().map { .init(startH: $1, endH: $1 + windowH, label: $0 == 0 ? "dosing sessions" : "") },
            xLabel: "Time after the first dose (h)", yLabel: "Concentration (ng/mL)", maxTimeH: maxTimeH)
        if dates, let span = c.timesH.last, let d = PlanRender.dateTicks(plan, spanH: maxTimeH ?? span, maxTicks: 9) {
            plot.timeTicks = d.ticks.map { .init(h: $0.h, label: $0.label) }
            plot.xLabel = "Date (MM-DD; first dose \(plan.dosingSessions.first.map { "\($0.date) \($0.time)" } ?? ""))"
        }
        return plot
    }

    /// The course chart in the terminal (at most 120 columns), date ticks on the time axis; nil
    /// without predictions.
    public static func terminal(_ plan: Plan, width: Int, colour: Bool = false) -> String? {
        guard let c = plan.curve else { return nil }
        let b = band(plan)
        var chart = TerminalChart(series: [.init(label: "predicted course (\(plan.analyte))", timesH: c.timesH, values: c.valuesNgPerML)],
                                  band: b.map { ($0.low, $0.high, $0.label) }, width: Swift.min(width, 120), height: 14, yUnit: "ng/mL",
                                  level: (plan.dischargeNgPerML, "discharge level \(NumberFormat.short(plan.dischargeNgPerML)) ng/mL"))
        let w = Swift.min(width, 120)
        chart.colour = colour
        chart.timeTicks = PlanRender.dateTicks(plan, spanH: c.timesH.last ?? 0, maxTicks: Swift.max(2, (w - 12) / 8))
        return chart.render()
    }

    /// The HTML report: both charts, the calendar with every column of the text table (each dosing
    /// row's notes ending with its route's evidence from the validation table of `profile`),
    /// findings, sources.
    public static func html(_ plan: Plan, profile: Profile? = nil) -> String {
        var cal = PlanRender.calendar(plan, narrow: false)
        let evidence = Dictionary(PlanRender.routeEvidence(plan, profile: profile).map { ($0.route, $0.line) }, uniquingKeysWith: { a, _ in a })
        for (i, e) in plan.sessions.enumerated() where e.kind == .dosing && i < cal.rows.count {
            guard let line = e.route.flatMap({ evidence[$0] }), let last = cal.rows[i].indices.last else { continue }
            cal.rows[i][last] = (cal.rows[i][last].isEmpty ? "" : cal.rows[i][last] + "; ") + "route evidence: " + line
        }
        var sections: [HTMLReport.Section] = []
        if let whole = svg(plan), let first = svg(plan, maxTimeH: (plan.curve?.doseTimesH.first ?? 0) + Swift.max(6, plan.windowMin / 60 * 3), dates: false) {
            sections.append(HTMLReport.Section(heading: "First dosing session", plot: { var p = first; p.title = "First dosing session"; return p }(), tables: [], notes: []))
            sections.append(HTMLReport.Section(heading: "Whole course", plot: whole, tables: [], notes: []))
        }
        var table = HTMLReport.Table(columns: cal.columns, rows: cal.rows)
        table.nowrap = true
        sections.append(HTMLReport.Section(heading: "Calendar", tables: [table],
            notes: PlanRender.tableNotes(plan) + plan.overrides.map { "Override \($0.rule): \($0.reason)" }
                + plan.practice.map { "Every dosing session: \($0.text) (source: \($0.source); evidence: \($0.evidence))" }))
        let findings = plan.findings.map { HTMLReport.Finding(level: $0.level.rawValue, rule: $0.rule, message: $0.message + ($0.overridden ? " (overridden: \($0.overrideReason ?? ""))" : ""), source: $0.source) }
        // Only the inputs that apply to the route.
        var inputs: [(key: String, value: String)] = [("Protocol", "\(plan.protocolID): \(plan.protocolSource)"), ("Route", "\(plan.route.rawValue) (\(plan.analyte))")]
        if let m = plan.infusionMin { inputs.append(("IV infusion duration", "\(NumberFormat.short(m)) min")) }
        if let prep = plan.preparation {
            if let c = prep.concentrationMgPerML { inputs.append(("Concentration", "\(NumberFormat.short(c)) mg/mL")) }
            inputs.append(("Dose step", prep.stepText))
        }
        inputs += [("Weekdays", plan.weekdays.joined(separator: ", ")), ("Start", plan.startDate.description),
                   ("Session window", "\(NumberFormat.short(plan.windowMin)) min"),
                   ("Discharge level", "\(NumberFormat.short(plan.dischargeNgPerML)) ng/mL\(PlanRender.dischargeMark(plan))"),
                   ("Minimum on site", plan.minOnSiteSource)]
        let report = HTMLReport(
            title: "Plan: \(plan.protocolTitle)",
            subtitle: "\(plan.profile ?? "no profile") · \(NumberFormat.short(plan.patient.weightKg)) kg · ketasim \(Product.version)",
            inputs: inputs, sections: sections, findings: findings,
            citations: ["Protocol: \(plan.protocolSource)"] + (plan.profileCitation.map { ["Profile \(plan.profile ?? ""): \($0)"] } ?? []))
        return report.render()
    }
}
