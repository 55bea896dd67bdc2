import PKCore
import PKProfiles
import Studies

/// The predicted-effect part of a batch report (`batch --effect`): per PD model, the distribution of
/// the effect metrics over the subjects, what the spread stands for (PK only), and the caveats.
/// Intensity is Ce/C50, never a CADSS score, a blood pressure or a "level".
extension BatchReport {
    /// Table labels of `PopulationEffect.metricNames` (without the model's name).
    public static let effectMetricLabels = ["Ce max ng/mL", "Ce peak h", "delay min", "peak Ce/C50", "min >= C50", "< C50 from h"]

    /// The summary metrics of one PD model of the run, in `effectMetricLabels` order.
    static func effectMetrics(_ doc: BatchDocument, _ m: PopulationEffectInfo.Model) -> [PopulationSummary.Metric] {
        m.metrics.compactMap { name in doc.summary.metrics.first { $0.name == name } }
    }

    /// The text section: one table per PD model (empty without --effect).
    public static func effectTable(_ doc: BatchDocument, width: Int = 80) -> String {
        guard let e = doc.run.effect else { return "" }
        let s = doc.summary
        var out = ""
        for model in e.models {
            out += "\nPredicted effect at the S-ketamine effect site: \(model.summary). Sources: \(model.sources.joined(separator: "; "))\n"
            out += "Variability: \(e.variability).\n"
            var rows: [[String]] = []
            for (k, m) in effectMetrics(doc, model).enumerated() {
                rows.append([effectMetricLabels[k], "\(m.n)",
                             m.mean.map { NumberFormat.sig($0, 4) } ?? "-", m.sd.map { NumberFormat.sig($0, 4) } ?? "-"]
                            + m.percentiles.map { $0.isNaN ? "-" : NumberFormat.sig($0, 4) })
            }
            out += grid(["Effect", "n", "mean", "sd"] + s.percentiles.map(pctName), rows, width: width)
            out += "Ce peak: time of peak effect (h after the first dose); delay: after the Cp peak; n: subjects with a value (< C50 from: those whose Ce reached C50 and fell below it within 30 days). Ce in ng/mL S-ketamine. Intensity is Ce/C50 (1 = half the maximal effect whatever gamma is), not a CADSS score, a blood pressure or a 'level'.\n"
            for c in model.caveats { out += "Caveat: \(c)\n" }
        }
        return out
    }

    /// The HTML section per PD model: what the effect rows of the metrics table are, the spread and
    /// the caveats (empty without --effect).
    public static func effectHTMLSections(_ doc: BatchDocument) -> [HTMLReport.Section] {
        guard let e = doc.run.effect else { return [] }
        let s = doc.summary
        return e.models.map { model in
            let rows = effectMetrics(doc, model).enumerated().map { k, m -> [String] in
                [effectMetricLabels[k], "\(m.n)", m.mean.map { NumberFormat.sig($0, 4) } ?? "-", m.sd.map { NumberFormat.sig($0, 4) } ?? "-"]
                    + m.percentiles.map { $0.isNaN ? "-" : NumberFormat.sig($0, 4) }
            }
            let table = HTMLReport.Table(columns: ["Effect", "n", "mean", "SD"] + s.percentiles.map { "P\(NumberFormat.short($0))" }, rows: rows,
                                         caption: "Predicted effect over subjects: \(model.endpoint) (\(model.name))")
            return HTMLReport.Section(
                heading: "Predicted effect at the S-ketamine effect site: \(model.endpoint)", tables: [table],
                notes: ["\(model.summary). Sources: \(model.sources.joined(separator: "; "))",
                        "Variability: \(e.variability).",
                        "Intensity is Ce/C50 (1 = half the maximal effect whatever gamma is), not a CADSS score, a blood pressure or a 'level'. NA: Ce never reached C50, or did not fall below it within 30 days."]
                    + model.caveats.map { "Caveat: \($0)" })
        }
    }
}
