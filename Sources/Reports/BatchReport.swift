import Foundation
import PKCore
import PKProfiles
import Studies

/// Rendering of batch documents (shared with `merge`).
public enum BatchReport {
    public static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }
    public static var compactEncoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }
    public static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }

    /// CSV number: shortest round-trip text, NA for NaN.
    public static func number(_ x: Double) -> String { x.isNaN ? "NA" : NumberFormat.g(x) }

    /// The summary as JSON, CSV or text; the text's tables fit in `width` columns (more
    /// percentiles than fit: the columns continue in a second table under the first).
    public static func render(_ doc: BatchDocument, format: String, width: Int = 80) throws -> String {
        switch format {
        case "json": return try json(doc)
        case "csv": return csv(doc)
        default: return table(doc, width: width)
        }
    }

    /// Pretty JSON for the metadata and summary, the state compact on one line.
    public static func json(_ doc: BatchDocument) throws -> String {
        var head = doc
        head.state = nil
        var text = String(decoding: try encoder.encode(head), as: UTF8.self)
        guard let state = doc.state else { return text + "\n" }
        while let l = text.last, l == "\n" || l == " " || l == "}" {
            text.removeLast()
            if l == "}" { break }
        }
        return text + ",\n  \"state\" : " + (try compactState(state)) + "\n}\n"
    }

    /// `compactEncoder.encode(state)`, byte for byte, built one band and one metric at a time:
    /// Foundation's encoder holds a tree of the whole value before writing (about 100 bytes per
    /// number: ~200 MB for 6049 band sketches and 100,000 exact metric values), this only one
    /// part's. The keys are PopulationAccumulator's, sorted (a test compares with the plain encoding).
    public static func compactState(_ state: PopulationAccumulator) throws -> String {
        let e = compactEncoder
        func part(_ v: some Encodable) throws -> String { String(decoding: try e.encode(v), as: UTF8.self) }
        var out = "{\"bands\":["
        for (k, b) in state.bands.enumerated() {
            if k > 0 { out += "," }
            out += try part(b)
        }
        out += "],\"metrics\":["
        for (k, m) in state.metrics.enumerated() {
            if k > 0 { out += "," }
            out += try part(m)
        }
        out += "],\"subjects\":" + (try part(state.subjects)) + ",\"thresholdCounts\":" + (try part(state.thresholdCounts)) + "}"
        return out
    }

    public static func headerLines(_ doc: BatchDocument) -> [String] {
        let r = doc.run
        var lines = [
            "ketasim \(doc.ketasim) batch: \(doc.disclaimer)",
            "Profile: \(r.profile): \(r.profileTitle) (\(r.analyte))",
            "Source: \(r.citation)",
            "Population: N \(r.n), seed \(r.seed); subjects \(r.subjects)",
            "Random numbers: \(r.rng)",
            "Regimen: \(r.regimen); grid \(r.grid)",
        ]
        if let solver = r.solver { lines.append("Solver: \(solver)") }
        lines += [
            "Band\(r.bandName.map { " '\($0)'" } ?? ""): \(NumberFormat.g(r.bandNgPerML[0]))-\(NumberFormat.g(r.bandNgPerML[1])) ng/mL\(ProfileLibrary.bands(for: r.analyte).first { $0.name == r.bandName }?.unconfirmed == true ? " (UNCONFIRMED)" : "") from \(NumberFormat.g(r.windowH[0])) to \(NumberFormat.g(r.windowH[1])) h; discharge below \(NumberFormat.g(r.dischargeNgPerML)) ng/mL",
            "Residual error: " + (r.residual.map { e in
                [e.proportional != 0 ? "proportional \(NumberFormat.g(e.proportional))" : nil, e.additive != 0 ? "additive \(NumberFormat.g(e.additive)) ng/mL" : nil,
                 e.exponential != 0 ? "exponential \(NumberFormat.g(e.exponential))" : nil].compactMap { $0 }.joined(separator: ", ") + " (bands are of simulated observations)"
            } ?? "none"),
        ]
        if let e = r.effect {
            lines.append("Predicted effect (--effect): " + e.models.map { "\($0.endpoint) (\($0.name))" }.joined(separator: ", ") + "; variability \(e.variability)")
        }
        if let s = doc.shard { lines.append("Shard \(s.index)/\(s.count): subjects \(s.firstSubject)-\(s.lastSubject)") }
        lines.append("Simulated: \(doc.subjectsSimulated) subjects; quantiles: metrics \(doc.summary.metrics.first?.method ?? "-"), bands \(doc.summary.bandMethod)")
        return lines
    }

    public static func perSubjectHeader(_ info: RunInfo, shard: ShardInfo?) -> String {
        (["id"] + info.covariates + info.etas + SubjectMetrics.names + (info.plan.extraMetrics ?? []).map(\.name)).map(CSV.field).joined(separator: ",") + "\n"
    }

    public static func curvesHeader(_ info: RunInfo, shard: ShardInfo?) -> String {
        "id,time_h,\(info.output)" + (info.residual == nil ? "" : ",DV") + "\n"
    }

    /// Provenance of the per-subject file (its sidecar).
    public static func perSubjectProvenance(_ info: RunInfo, shard: ShardInfo?) -> [String] {
        runProvenance(info, shard: shard) + [
            "units: cmax ng/mL, tmax_h h, auc ng*h/mL (0 to end), band_h h in \(NumberFormat.g(info.bandNgPerML[0]))-\(NumberFormat.g(info.bandNgPerML[1])) ng/mL from \(NumberFormat.g(info.windowH[0])) to \(NumberFormat.g(info.windowH[1])) h, discharge_h h until below \(NumberFormat.g(info.dischargeNgPerML)) ng/mL for good (NA: not within 30 days)",
        ] + effectProvenance(info)
    }

    /// The effect columns' units and meaning (`batch --effect`), for the per-subject sidecar.
    static func effectProvenance(_ info: RunInfo) -> [String] {
        guard let e = info.effect else { return [] }
        return e.models.map { m in
            "effect \(m.name) (\(m.endpoint); C50 \(m.c50NgPerML.map { NumberFormat.g($0) } ?? "not known") ng/mL S-ketamine, ke0 \(NumberFormat.g(m.ke0PerH))/h): "
                + "ce_max_ngml peak S-ketamine effect-site Ce in ng/mL, ce_tmax_h its time in h, effect_delay_min min after the Cp peak, "
                + "peak_ce_over_c50 peak Ce/C50, ce_ge_c50_min min with Ce >= C50, ce_below_c50_h h from which Ce stays below C50 "
                + "(NA: C50 never reached, or not left within 30 days); each suffixed _\(m.name)"
        } + ["effect variability: \(e.variability)"]
    }

    /// Provenance of the curves file (its sidecar).
    public static func curvesProvenance(_ info: RunInfo, shard: ShardInfo?) -> [String] {
        runProvenance(info, shard: shard) + ["units: time_h h; \(info.output) in ng/mL\(info.residual == nil ? "" : "; DV: with residual error")"]
    }

    public static func runProvenance(_ info: RunInfo, shard: ShardInfo?) -> [String] {
        var l = ["profile \(info.profile): \(info.citation)", "seed \(info.seed); N \(info.n); rng \(info.rng)",
                 "regimen: \(info.regimen)", "subjects: \(info.subjects)", "grid: \(info.grid)"]
        if let solver = info.solver { l.append("solver: \(solver)") }
        if let sh = shard { l.append("shard \(sh.index)/\(sh.count): subjects \(sh.firstSubject)-\(sh.lastSubject)") }
        return l
    }

    public static let metricLabels = ["Cmax ng/mL", "Tmax h", "AUC ng*h/mL", "h in band", "discharge h"]

    public static func pctName(_ p: Double) -> String { "p" + NumberFormat.g(p) }

    public static func csv(_ doc: BatchDocument) -> String {
        let s = doc.summary
        var out = "kind,name,time_h,n,not_reached,mean,sd,min," + s.percentiles.map(pctName).joined(separator: ",") + ",max,count,probability\n"
        func num(_ x: Double?) -> String { x.map(number) ?? "" }
        for m in s.metrics {
            out += "metric,\(m.name),,\(m.n),\(m.notReached),\(num(m.mean)),\(num(m.sd)),\(num(m.min)),"
                + m.percentiles.map(number).joined(separator: ",") + ",\(num(m.max)),,\n"
        }
        let blanks = String(repeating: ",", count: s.percentiles.count)
        for t in s.thresholds {
            out += "threshold,\(CSV.field("\(t.name) cmax>=\(NumberFormat.g(t.levelNgPerML))ng/mL")),,\(s.subjects),,,,\(blanks),,\(t.count),\(number(t.probability))\n"
        }
        for (i, t) in s.timesH.enumerated() {
            out += "band,\(doc.run.output),\(number(t)),,,,,," + s.bands.map { number($0[i]) }.joined(separator: ",") + ",,,\n"
        }
        return out
    }

    public static func table(_ doc: BatchDocument, width: Int = 80) -> String {
        let s = doc.summary
        var out = headerLines(doc).joined(separator: "\n") + "\n\n"
        let cols = ["Metric", "n", "mean", "sd"] + s.percentiles.map(pctName)
        var rows: [[String]] = []
        for (k, m) in s.metrics.enumerated() where k < metricLabels.count {
            rows.append([metricLabels[k] + (m.notReached > 0 ? " (\(m.notReached) NA)" : ""), "\(m.n)", m.mean.map { NumberFormat.sig($0, 4) } ?? "-",
                         m.sd.map { NumberFormat.sig($0, 4) } ?? "-"] + m.percentiles.map { $0.isNaN ? "-" : NumberFormat.sig($0, 4) })
        }
        out += grid(cols, rows, width: width)
        out += effectTable(doc, width: width)
        if !s.thresholds.isEmpty {
            out += "\nP(Cmax >= threshold):\n"
            for t in s.thresholds {
                out += "  \(TextTable.pad(t.name, 24)) \(TextTable.pad(NumberFormat.short(t.levelNgPerML) + " ng/mL", 12, right: true))  \(NumberFormat.f(t.probability, 4))  (\(t.count)/\(s.subjects))\n"
            }
            // As simulate and compare warn for one patient: subjects whose peak reaches the anaesthesia band.
            for t in s.thresholds where t.name == "anaesthesia" && t.count > 0 {
                out += "WARNING: \(t.count)/\(s.subjects) subjects reach the anaesthesia band (Cmax >= \(NumberFormat.short(t.levelNgPerML)) ng/mL, bands.json 'anaesthesia'); 'plan' blocks such a dose (rule anaesthetic-exposure)\n"
            }
        }
        if !s.timesH.isEmpty {
            out += "\n\(doc.run.output) percentiles, ng/mL (\(s.bandMethod)):\n"
            let step = Swift.max(1, s.timesH.count / 24)
            var brows: [[String]] = []
            var i = 0
            while i < s.timesH.count {
                brows.append([NumberFormat.f(s.timesH[i], 2)] + s.bands.map { NumberFormat.sig($0[i], 4) })
                if i == s.timesH.count - 1 { break }
                i = Swift.min(i + step, s.timesH.count - 1)
            }
            out += grid(["time h"] + s.percentiles.map(pctName), brows, width: width)
        }
        return out
    }

    /// A table of a label column and right-aligned numbers within `width` columns (`TextTable.fit`:
    /// rows are never wrapped; columns that do not fit continue in another table).
    public static func grid(_ cols: [String], _ rows: [[String]], width: Int = 80) -> String {
        TextTable.fit(cols, rows, width: width, left: [0])
    }

    /// One row of the per-subject CSV (id, covariates, etas, metrics, effect-site metrics)
    /// appended to `out`, each number written in place (no string per number).
    public static func appendPerSubjectRow(_ s: PopulationSubject, to out: inout String) {
        out += CSV.field(s.subject.id)
        @inline(__always) func put(_ v: Double) {
            out += ","
            if v.isNaN { out += "NA" } else { NumberFormat.appendG(v, to: &out) }
        }
        for v in s.subject.covariates { put(v) }
        for v in s.subject.etas { put(v) }
        for v in s.result.metrics.values { put(v) }
        for v in s.result.effectValues { put(v) }
        out += "\n"
    }

    /// The rows of one subject in the long curves CSV: id, time, concentration (and observation).
    public static func curveRows(_ s: PopulationSubject, timesH: [Double], withObservations: Bool) -> String {
        let id = CSV.field(s.subject.id)
        var out = ""
        for k in timesH.indices {
            out += "\(id),\(number(timesH[k])),\(number(s.result.curve[k]))"
            if withObservations { out += ",\(number(s.observed[k]))" }
            out += "\n"
        }
        return out
    }
}
