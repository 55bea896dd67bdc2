import PKCore
import PKProfiles
import Planner
import Studies

/// The predicted-effect section of `simulate` and `compare`: effect-site concentration and
/// intensity per PD model with its source, the caveats (arterial vs venous, racemic, unknown γ),
/// and for esketamine nasal spray the label's population figures, labelled as such. Never a CADSS
/// score, an mmHg value or a "level".
public enum EffectReport {
    /// Heading of the effect-site column in the curve table.
    public static let columnLabel = "CeS ng/mL"

    /// The effect table, caveats and population figures (empty when no arm has an effect), fitted
    /// to `o.width`.
    public static func text(_ arms: [Arm], _ o: ArmReportContext) -> String {
        guard let first = arms.first, !first.effects.isEmpty else { return "" }
        var s = ""
        for (k, e) in first.effects.enumerated() {
            let pd = e.pd
            s += "Predicted effect at the S-ketamine effect site: \(pd.summary). Scale: \(pd.scale). Population: \(pd.population). Sources: \(pd.c50?.source ?? ""); \(pd.ke0.source)\n"
            let cols = ["Route and dose", "Ce max", "peak effect at", "after Cp peak", "peak Ce/C50", "min >= C50", "< C50 from"]
            let rows: [[String]] = arms.map { a in
                let m = a.effects[k].metrics
                return [
                    a.label, NumberFormat.sig(m.ceMaxNgPerML, 3), NumberFormat.hm(hours: m.ceTmaxH) + " h",
                    NumberFormat.f(m.effectDelayMin, 1) + " min", m.peakCeOverC50.map { NumberFormat.f($0, 2) } ?? "-",
                    m.minutesAtOrAboveHalfMaximal.map { NumberFormat.f($0, 0) } ?? "-",
                    m.halfMaximalUntilH.map { NumberFormat.hm(hours: $0) + " h" } ?? "not reached",
                ]
            }
            s += TextTable.fit(cols, rows, width: o.width)
            s += "Ce max in ng/mL S-ketamine; Ce/C50 = 1 is half the maximal effect whatever gamma is. Intensity is Ce/C50, not a CADSS score, a blood pressure or a 'level' (no published model gives those).\n"
            for c in first.effects[k].metrics.caveats { s += "Caveat: \(c)\n" }
        }
        if let f = populationFigures(arms, o) {
            s += "\(f.note):\n"
            for l in f.figures {
                let pct = l.percent.map { "\($0)%" + (l.placeboPercent.map { " (placebo \($0)%)" } ?? "") } ?? ""
                s += "  \(l.measure)\(pct.isEmpty ? "" : ": " + pct); \(l.population); \(l.source)\n"
            }
        }
        return s
    }

    /// The label figures shown next to esketamine nasal-spray arms.
    public struct PopulationFigures: Encodable, Sendable {
        public var note: String
        public var figures: [LabelFigure]
    }

    /// The label figures of esketamine nasal spray when an arm is intranasal on an S-ketamine profile.
    public static func populationFigures(_ arms: [Arm], _ o: ArmReportContext) -> PopulationFigures? {
        guard o.profile.profile.analyte == "S-ketamine", arms.contains(where: { $0.route == .intranasal }) else { return nil }
        let figs = PDLibrary.builtin.labelFigures(drug: "esketamine", route: "in")
        guard !figs.isEmpty else { return nil }
        return PopulationFigures(
            note: "Esketamine nasal spray: label population figures, not an individual prediction",
            figures: figs)
    }

    /// The texts whose citations the reference list must resolve.
    public static func citedTexts(_ arms: [Arm]) -> [String] {
        (arms.first?.effects ?? []).flatMap { e in
            [e.pd.ke0.source, e.pd.c50?.source ?? "", e.pd.population] + e.metrics.caveats
        } + PDLibrary.builtin.labelFigures.map(\.source)
    }
}

extension EffectReport {
    /// The per-session peak effect of a plan (and, for esketamine nasal spray, the label's population
    /// figures); empty when the plan has no effect predictions.
    public static func planText(_ plan: Plan, profile: Profile?) -> String {
        let rows = plan.sessions.compactMap { s -> String? in
            guard let p = s.prediction, let r = p.effectPeakCeOverC50, let t = p.effectTmaxMin, let ce = p.effectCeMaxNgPerML else { return nil }
            return "  \(s.number.map { "S\($0)" } ?? "-") \(s.date): peak Ce/C50 \(NumberFormat.f(r, 2)) at \(NumberFormat.f(t, 0)) min (Ce \(NumberFormat.sig(ce, 3)) ng/mL S)\n"
        }
        guard !rows.isEmpty, let name = plan.sessions.compactMap({ $0.prediction?.effectModel }).first,
              let pd = PDLibrary.builtin.model(named: name) else { return "" }
        var s = "Predicted effect per session: \(pd.summary). Intensity is peak Ce/C50 (1 = half-maximal effect whatever gamma is), not a CADSS score, a blood pressure or a 'level'. Sources: \(pd.c50?.source ?? ""); \(pd.ke0.source)\n"
        s += rows.joined()
        for c in profile.map({ EffectSite.caveats(pd: pd, profile: $0) }) ?? [] { s += "Caveat: \(c)\n" }
        if plan.analyte == "S-ketamine" && plan.route.rawValue == "in" {
            s += "Esketamine nasal spray: label population figures, not an individual prediction:\n"
            for l in PDLibrary.builtin.labelFigures(drug: "esketamine", route: "in") {
                let pct = l.percent.map { "\($0)%" + (l.placeboPercent.map { " (placebo \($0)%)" } ?? "") } ?? ""
                s += "  \(l.measure)\(pct.isEmpty ? "" : ": " + pct); \(l.population); \(l.source)\n"
            }
        }
        return s
    }
}

extension EffectReport {
    /// The HTML section per PD model: the S-ketamine effect-site curve of each arm, the effect
    /// table, the caveats and (esketamine nasal spray) the label's population figures.
    public static func htmlSections(_ arms: [Arm], _ o: ArmReportContext, maxTimeH: Double) -> [HTMLReport.Section] {
        guard let first = arms.first else { return [] }
        return first.effects.indices.map { k in
            let pd = first.effects[k].pd
            let plot = SVGPlot(
                title: "",
                series: arms.map { .init(label: $0.label, timesH: $0.effects[k].timesH, values: $0.effects[k].ceNgPerML) },
                bands: pd.c50?.value.map { [.init(low: $0, high: $0 * 1.0001, label: "C50 \(NumberFormat.short($0, 3)) ng/mL (half-maximal effect)")] } ?? [],
                windows: [.init(startH: 0, endH: o.windowH, label: "session 0–\(NumberFormat.short(o.windowH * 60)) min")],
                xLabel: "Time after first dose (h)", yLabel: "S-ketamine effect site Ce (ng/mL)", logY: false, maxTimeH: maxTimeH)
            let rows = arms.map { a -> [String] in
                let m = a.effects[k].metrics
                return [a.label, NumberFormat.sig(m.ceMaxNgPerML, 3), NumberFormat.hm(hours: m.ceTmaxH) + " h", NumberFormat.f(m.effectDelayMin, 1),
                        m.peakCeOverC50.map { NumberFormat.f($0, 2) } ?? "-", m.minutesAtOrAboveHalfMaximal.map { NumberFormat.f($0, 0) } ?? "-",
                        m.halfMaximalUntilH.map { NumberFormat.hm(hours: $0) + " h" } ?? "not reached"]
            }
            let table = HTMLReport.Table(
                columns: ["Route and dose", "Ce max ng/mL", "peak effect at", "after Cp peak (min)", "peak Ce/C50", "min ≥ C50", "< C50 from"],
                rows: rows, caption: "Predicted effect: \(pd.endpoint)")
            var notes = ["\(pd.summary). Population: \(pd.population). Sources: \(pd.c50?.source ?? ""); \(pd.ke0.source)",
                         "Intensity is Ce/C50 (1 = half-maximal effect whatever gamma is), not a CADSS score, a blood pressure or a 'level'."]
            notes += first.effects[k].metrics.caveats.map { "Caveat: \($0)" }
            if k == 0, let f = populationFigures(arms, o) {
                notes.append(f.note + ": " + f.figures.map { l in
                    "\(l.measure)\(l.percent.map { " \($0)%" } ?? "")\(l.placeboPercent.map { " (placebo \($0)%)" } ?? "") in \(l.population) \(l.source)"
                }.joined(separator: "; "))
            }
            return HTMLReport.Section(heading: "Predicted effect at the S-ketamine effect site: \(pd.endpoint)", plot: plot, tables: [table], notes: notes)
        }
    }
}

extension EffectReport {
    /// `ketasim profiles pd`: every PD model with its numbers and sources, a missing number with the
    /// reason it is missing, and whether the model predicts.
    public static func pdList(width: Int) -> String {
        let lib = PDLibrary.builtin
        var s = "ketasim \(Product.version): \(Product.disclaimer)\nPD models (Profiles/pd.json). \(lib.units)\n"
        func line(_ label: String, _ n: PDNumber?) -> String {
            guard let n else { return "" }
            let v = n.value.map { NumberFormat.sig($0, 4) + (n.unit.map { " " + $0 } ?? "") } ?? "not known"
            return "  \(label): \(v)\(n.published.map { " (published \($0))" } ?? ""); \(n.source)\n"
        }
        for m in lib.models {
            s += "\n\(m.name): \(m.endpoint), \(m.model), \(m.sampling) plasma; \(m.isPredictive ? "predicts (ke0 and potency known)" : "does not predict (ke0 or potency not known)")\(m.unconfirmed ? "; UNCONFIRMED" : "")\n"
            s += "  scale: \(m.scale)\n  population: \(m.population)\n  sampling: \(m.samplingSource)\n"
            s += line("ke0", m.ke0) + line("C50", m.c50) + line("slope", m.slope) + line("gamma", m.gamma) + line("Emax", m.emax)
            s += line("racemic S fraction", m.racemicSFraction)
            s += "  variability: " + (m.variability.isEmpty ? m.variabilityNote : m.variability.map { "\($0.parameter) omega \(NumberFormat.sig($0.omega, 3)) \($0.source)" }.joined(separator: "; ")) + "\n"
            s += "  metabolite: \(m.metaboliteTerm)\n"
        }
        s += "\nLabel population figures (not individual predictions):\n"
        for l in lib.labelFigures {
            s += "  \(l.drug) \(l.route): \(l.measure)\(l.percent.map { ": \($0)%" } ?? "")\(l.placeboPercent.map { " (placebo \($0)%)" } ?? ""); \(l.population); \(l.source)\n"
        }
        s = TextTable.wrapProse(s, width: Swift.min(width, 1000))
        return s + ReferenceList.text(citedIn: [s], width: Swift.min(80, width))
    }
}
