import Studies
import Foundation
import PKProfiles
import PKCore

/// Population charts for `batch` and `merge`: percentile ribbons (5–95 %, 25–75 %) and the median of
/// the concentration over time, with the band, as SVG and in an HTML report.
public enum BatchGraphics {
    /// The percentile ribbons and median over time, with the band; fails when the run kept no
    /// bands or lacks the 5, 25, 50, 75 or 95th percentile.
    public static func plot(_ doc: BatchDocument) throws -> SVGPlot {
        let s = doc.summary
        guard !s.timesH.isEmpty, !s.bands.isEmpty else {
            throw ReportError("--svg/--html: the run kept no concentration bands (a --data run or --summary-only without bands)")
        }
        func column(_ p: Double) throws -> [Double] {
            guard let k = s.percentiles.firstIndex(of: p) else {
                throw ReportError("--svg/--html: the ribbons need the 5, 25, 50, 75 and 95th percentiles (give them in --percentiles)")
            }
            return s.bands[k]
        }
        let ribbon = SVGPlot.Ribbon(timesH: s.timesH, p05: try column(5), p25: try column(25), p50: try column(50),
                                    p75: try column(75), p95: try column(95), label: "\(doc.subjectsSimulated) subjects")
        let r = doc.run
        var bands: [SVGPlot.Band] = []
        if r.bandNgPerML.count == 2 {
            bands.append(.init(low: r.bandNgPerML[0], high: r.bandNgPerML[1],
                               label: "\(r.bandName ?? "band") \(NumberFormat.short(r.bandNgPerML[0]))–\(NumberFormat.short(r.bandNgPerML[1])) ng/mL"))
        }
        return SVGPlot(title: "\(r.profile): \(r.regimen)", bands: bands, ribbons: [ribbon],
                       xLabel: "Time (h)", yLabel: "\(r.output) (ng/mL)")
    }

    /// The --svg and --html texts when asked (nil when not asked); the CLI writes them.
    public static func render(_ doc: BatchDocument, svg: Bool, html: Bool) throws -> (svg: String?, html: String?) {
        guard svg || html else { return (nil, nil) }
        let p = try plot(doc)
        var out: (svg: String?, html: String?) = (svg ? p.render() : nil, nil)
        if html {
            let s = doc.summary
            let metricRows = s.metrics.prefix(SubjectMetrics.names.count).map { m -> [String] in
                [m.name + (m.unit.isEmpty ? "" : " (\(m.unit))"), "\(m.n)", m.mean.map { NumberFormat.sig($0, 4) } ?? "-", m.sd.map { NumberFormat.sig($0, 4) } ?? "-"]
                    + m.percentiles.map { NumberFormat.sig($0, 4) }
            }
            let pcols = s.percentiles.map { "P\(NumberFormat.short($0))" }
            let thresholdRows = s.thresholds.map { [$0.name, NumberFormat.short($0.levelNgPerML), "\($0.count)", NumberFormat.f($0.probability * 100, 1) + " %"] }
            let r = doc.run
            let report = HTMLReport(
                title: "Population study: \(r.profile)",
                subtitle: "\(doc.subjectsSimulated) subjects · seed \(r.seed) · ketasim \(doc.ketasim)",
                inputs: [("Profile", "\(r.profile): \(r.profileTitle)"), ("Regimen", r.regimen), ("Subjects", r.subjects),
                         ("Grid", r.grid), ("Random numbers", r.rng), ("Seed", "\(r.seed)"), ("N", "\(r.n)")],
                sections: [
                    HTMLReport.Section(heading: "Concentration over time", plot: p, tables: [], notes: []),
                    HTMLReport.Section(heading: "Per-subject metrics", tables: [
                        HTMLReport.Table(columns: ["Metric", "n", "mean", "SD"] + pcols, rows: metricRows, caption: "Distributions over subjects (\(s.metrics.first?.method ?? ""))"),
                        HTMLReport.Table(columns: ["Threshold", "ng/mL", "subjects with Cmax ≥", "probability"], rows: thresholdRows),
                    ], notes: ["Percentile bands: \(s.bandMethod)."]),
                ] + BatchReport.effectHTMLSections(doc),
                findings: nil, citations: ["Profile \(r.profile): \(r.citation)"])
            out.html = report.render()
        }
        return out
    }
}
