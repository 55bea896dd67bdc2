import PKCore
import PKProfiles

/// `batch --effect`: the predicted effect over a population. Each subject's S-ketamine effect-site
/// concentration of every predictive PD model of `Profiles/pd.json` (`EffectModel.defaults`) is one
/// more output of its augmented linear model (`EffectSite.augment`), so the population kernel
/// computes its metrics on the exact solution like the plasma metrics (`EffectSiteOutput`).
///
/// The variability is that of the PK profile only: pd.json holds no PD between-subject variability
/// (not published in any source reached), so every subject has the model's ke0 and C50.
public struct PopulationEffect: Sendable {
    /// The PD models, with the profile augmented by each one's effect site.
    public var models: [EffectModel]
    /// One per model, for `RegimenSubjectSimulator.effectSites`.
    public var outputs: [EffectSiteOutput]
    /// What the run document records (part of `RunInfo`: shards merge only when equal).
    public var info: PopulationEffectInfo

    /// The effect sites of the default PD models on `profile`. Refused (field "effect") for a
    /// profile whose analyte is not racemic or S-ketamine, or that has no CP output.
    public init(profile pm: ProfileModel) throws {
        let p = pm.profile
        guard ["racemic", "s-ketamine"].contains(p.analyte.lowercased()) else {
            throw StudyError("effect", "profile \(p.name) has no effect site (analyte '\(p.analyte)'; the PD models need racemic or S-ketamine)")
        }
        guard p.outputs.contains(where: { $0.name == "CP" }) else {
            throw StudyError("effect", "profile \(p.name) has no effect site (no CP output to drive it)")
        }
        let models = EffectModel.defaults(for: pm)
        guard !models.isEmpty else { throw StudyError("effect", "profile \(p.name): no PD model with a known ke0 and potency (Profiles/pd.json)") }
        let baseNames = pm.dosing.compiled.parameterNames
        var outputs: [EffectSiteOutput] = []
        var infos: [PopulationEffectInfo.Model] = []
        for e in models {
            // The effect site's parameters come after the profile's (EffectSite.augment), and take
            // no covariates or etas: their typical values are every subject's.
            let names = e.model.dosing.compiled.parameterNames
            guard names.count > baseNames.count, Array(names.prefix(baseNames.count)) == baseNames else {
                throw StudyError("", "profile \(p.name): the effect site of \(e.pd.name) moved the profile's parameters", isUsage: false)
            }
            let extra = Array(e.model.parameters(covariates: e.model.typicalCovariates).dropFirst(baseNames.count))
            do {
                outputs.append(try EffectSiteOutput(model: e.model.dosing, output: EffectSite.outputName, extraParameters: extra, level: e.pd.c50?.value))
            } catch let err as SimulationError { throw StudyError("", "\(e.pd.name): \(err.message)", isUsage: false) }
            infos.append(PopulationEffectInfo.Model(
                name: e.pd.name, endpoint: e.pd.endpoint, summary: e.pd.summary, c50NgPerML: e.pd.c50?.value, ke0PerH: e.pd.ke0.value ?? .nan,
                sFraction: e.pd.sFraction(forAnalyte: p.analyte), sources: [e.pd.c50?.source, e.pd.ke0.source].compactMap { $0 },
                metrics: PopulationEffect.metricNames(e.pd.name).map(\.name), caveats: EffectSite.caveats(pd: e.pd, profile: p)))
        }
        self.models = models
        self.outputs = outputs
        let pdVariability = models.contains { !$0.pd.variability.isEmpty }
        info = PopulationEffectInfo(
            models: infos,
            variability: pdVariability
                ? "PK only: PD between-subject variability is published for some models but not applied here"
                : "PK only: PD between-subject variability not published (every subject has the PD model's ke0 and C50)")
    }

    /// The summary metrics of the effect sites, in `SubjectResult.effectValues` order.
    public var extraMetrics: [SummaryPlan.ExtraMetric] { models.flatMap { PopulationEffect.metricNames($0.pd.name) } }

    /// Per-subject columns and summary keys of one PD model, in `EffectSiteMetrics.values` order,
    /// with the unit in the name as the other per-subject columns have it.
    public static func metricNames(_ pd: String) -> [SummaryPlan.ExtraMetric] {
        [("ce_max_ngml", "ng/mL"), ("ce_tmax_h", "h"), ("effect_delay_min", "min"), ("peak_ce_over_c50", "Ce/C50"),
         ("ce_ge_c50_min", "min"), ("ce_below_c50_h", "h")].map { .init(name: "\($0.0)_\(pd)", unit: $0.1) }
    }
}

/// The effect part of a batch run's description (`RunInfo.effect`).
public struct PopulationEffectInfo: Codable, Equatable, Sendable {
    /// One PD model whose effect site each subject gets.
    public struct Model: Codable, Equatable, Sendable {
        /// PD model name in `Profiles/pd.json`.
        public var name: String
        /// The endpoint it predicts (e.g. external perception).
        public var endpoint: String
        /// One line describing the model and its population.
        public var summary: String
        /// C50 (ng/mL of S-ketamine) and ke0 (1/h).
        public var c50NgPerML: Double?
        /// Effect-site equilibration rate constant (1/h).
        public var ke0PerH: Double
        /// Fraction of the profile's concentration that is S-ketamine (0.5 racemic, 1 S-ketamine).
        public var sFraction: Double
        /// Citations of its numbers.
        public var sources: [String]
        /// Names of its metrics in the summary and the per-subject file.
        public var metrics: [String]
        /// Limits a reader must know (sampling site, missing γ/Emax/variability).
        public var caveats: [String]
    }
    /// The PD models followed, in the order of their metrics.
    public var models: [Model]
    /// What the spread over subjects stands for.
    public var variability: String
}
