import Foundation
import PKProfiles
import PKCore
import Planner
import Studies

/// The HTML report and SVG plot of `simulate` and `compare` arms.
extension SVGPlot {
    /// The plot of `simulate`/`compare` arms: plasma concentration of each arm, the band and the
    /// session window. Default time range: as the terminal chart (the session window × 3, at least
    /// 6 h, at most the simulated duration).
    public static func arms(_ arms: [Arm], _ o: ArmReportContext, title: String = "", maxTimeH: Double? = nil, logY: Bool = false) -> SVGPlot {
        let maxT = maxTimeH ?? Swift.min(o.durationH, Swift.max(6, o.windowH * 3))
        return SVGPlot(
            title: title,
            series: arms.map { .init(label: $0.label, timesH: $0.result.timesH, values: $0.result.series("CP") ?? []) },
            bands: [.init(low: o.band.low, high: o.band.high, label: HTMLReport.bandText(o))],
            windows: [.init(startH: 0, endH: o.windowH, label: "session 0–\(NumberFormat.short(o.windowH * 60)) min")],
            xLabel: "Time after first dose (h)",
            yLabel: "Plasma \(o.profile.profile.analyte) Cp (ng/mL)",
            logY: logY, maxTimeH: maxT)
    }
}

extension HTMLReport {
    /// "dissociation 100–250 ng/mL": the band as the plots and reports name it.
    public static func bandText(_ o: ArmReportContext) -> String {
        let range = o.band.high.isFinite
            ? "\(NumberFormat.short(o.band.low))–\(NumberFormat.short(o.band.high)) ng/mL" : "≥ \(NumberFormat.short(o.band.low)) ng/mL"
        return "\(o.bandName ?? "band") \(range)\(o.bandMark)"
    }

    /// The metrics of `ArmReport.metricsTable` as a table, each row ending with its route's evidence
    /// (published figures not used to fit the profile, `Validation.evidence`).
    public static func metricsTable(_ arms: [Arm], _ o: ArmReportContext) -> Table {
        let cols = ["Route and dose", "Cmax ng/mL", "Tmax min", "AUC0–\(NumberFormat.short(o.durationH)) h ng·h/mL", "AUCinf ng·h/mL",
                    "terminal t½ h", "min in band", ArmReport.dischargeHeading(o), "NK Cmax ng/mL", ArmReport.ceHeading(o) + " ng/mL",
                    "Route evidence ('ketasim validate')"]
        let rows = zip(ArmReport.metricRows(arms), arms).map { $0 + [Validation.evidence(for: o.profile.profile, route: $1.route)] }
        return Table(columns: cols, rows: rows, caption: "Exposure metrics")
    }

    /// The whole report for `simulate`/`compare`: the chart of the session hours with the metrics,
    /// the full duration on a log scale, the inputs and the sources.
    public static func arms(_ arms: [Arm], _ o: ArmReportContext, title: String, findings: [Finding]? = nil,
                     extraInputs: [(key: String, value: String)] = [], extraCitations: [String] = []) -> HTMLReport {
        let p = o.profile.profile
        let maxT = Swift.min(o.durationH, Swift.max(6, o.windowH * 3))
        var notes = [
            "AUC is the exact integral of the model; AUCinf adds the exact remaining area. Minutes in band count the session window "
                + "(first \(NumberFormat.short(o.windowH * 60)) min). " + ArmReport.ceLegend(o),
        ]
        notes += ArmReport.footnotes(arms, o) + ArmReport.warningsText(arms, o)
        if p.hasUnconfirmed {
            notes.append("Profile \(p.name) has UNCONFIRMED numbers: see 'ketasim profiles show \(p.name)'.")
        }
        var sections = [
            Section(heading: "Plasma concentration, first \(NumberFormat.short(maxT)) h",
                    plot: SVGPlot.arms(arms, o, maxTimeH: maxT), tables: [metricsTable(arms, o)], notes: notes),
        ]
        if o.durationH > maxT * 1.01 {
            sections.append(Section(heading: "Whole \(NumberFormat.short(o.durationH)) h, log scale",
                                    plot: SVGPlot.arms(arms, o, maxTimeH: o.durationH, logY: true)))
        }
        sections += EffectReport.htmlSections(arms, o, maxTimeH: maxT)
        var inputs: [(key: String, value: String)] = [
            ("Profile", "\(p.name): \(p.title)\(p.hasUnconfirmed ? " (has UNCONFIRMED numbers)" : "")"),
            ("Weight", "\(NumberFormat.short(o.weightKg)) kg\(o.profile.covariateNames.contains("WT") ? "" : " (not a covariate of this profile)")"),
        ]
        for (i, a) in arms.enumerated() {
            inputs.append((arms.count == 1 ? "Route and dose" : "Arm \(i + 1)", a.label + (a.routeNote.isEmpty ? "" : " (\(a.routeNote))")))
        }
        inputs += [
            ("Band", bandText(o)),
            ("Session window", "first \(NumberFormat.short(o.windowH * 60)) min"),
            ("Discharge level", "below \(NumberFormat.short(o.dischargeNgPerML)) ng/mL"),
        ]
        // Only inputs that apply to the routes shown: no infusion duration without an IV infusion arm.
        if arms.contains(where: { $0.route == .ivInfusion }) { inputs.append(("IV infusion duration", "\(NumberFormat.short(o.infusionH * 60)) min")) }
        inputs.append(("Simulated duration", "\(NumberFormat.short(o.durationH)) h"))
        inputs += extraInputs
        var citations = ["Profile \(p.name): \(p.citation)"]
        for a in arms where !a.routeNote.isEmpty && !citations.contains(a.routeNote) { citations.append(a.routeNote) }
        citations += extraCitations + EffectReport.citedTexts(arms).filter { !$0.isEmpty }
        return HTMLReport(
            title: title,
            subtitle: "Profile \(p.name) · \(NumberFormat.short(o.weightKg)) kg · ketasim \(Product.version)",
            inputs: inputs, sections: sections, findings: findings, citations: citations)
    }
}
