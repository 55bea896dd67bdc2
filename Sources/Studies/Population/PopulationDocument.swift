import PKCore
import PKProfiles

/// Everything that determines a batch run's results; shards merge only when theirs are equal.
public struct RunInfo: Codable, Equatable, Sendable {
    /// The profile's name.
    public var profile: String
    /// The profile's title.
    public var profileTitle: String
    /// The analyte of the output (e.g. "racemic ketamine").
    public var analyte: String
    /// The profile's citation.
    public var citation: String
    /// Seed of the counter-based random numbers.
    public var seed: UInt64
    /// Subjects in the whole study (all shards).
    public var n: Int
    /// The random-number method (generator, keying, normals).
    public var rng: String
    /// How subjects are made (drawn covariates and etas, or a subjects file).
    public var subjects: String
    /// The regimen as text (route, dose in mg or mg/kg, repeats, protocol).
    public var regimen: String
    /// The model output summarised (e.g. "CP").
    public var output: String
    /// The output grid as text (span and step, h).
    public var grid: String
    /// The band's name when it is a named band, else nil.
    public var bandName: String?
    /// The band [low, high] (ng/mL).
    public var bandNgPerML: [Double]
    /// The window for time in band [start, end] (h after the first dose).
    public var windowH: [Double]
    /// The discharge level (ng/mL).
    public var dischargeNgPerML: Double
    /// Residual error on the curves (ng/mL), or nil.
    public var residual: ResidualError?
    /// The percentiles reported (0–100).
    public var percentiles: [Double]
    /// What the summary keeps (thresholds, grid, exact limits).
    public var plan: SummaryPlan
    /// The profile's covariate names, in subject order.
    public var covariates: [String]
    /// The profile's eta names, in subject order.
    public var etas: [String]
    /// The predicted effect's PD models and what its spread stands for (`batch --effect`); nil
    /// without it (and nothing of it in the document).
    public var effect: PopulationEffectInfo? = nil
    /// How the subjects were solved, for text models (`batch --model`): the lane Dormand-Prince path
    /// with its tolerances and the stiff fallback, or the event engine; nil for profiles (exact).
    public var solver: String? = nil

    /// Memberwise initializer.
    public init(profile: String, profileTitle: String, analyte: String, citation: String, seed: UInt64, n: Int, rng: String, subjects: String, regimen: String, output: String, grid: String, bandName: String? = nil, bandNgPerML: [Double], windowH: [Double], dischargeNgPerML: Double, residual: ResidualError? = nil, percentiles: [Double], plan: SummaryPlan, covariates: [String], etas: [String]) {
        self.profile = profile
        self.profileTitle = profileTitle
        self.analyte = analyte
        self.citation = citation
        self.seed = seed
        self.n = n
        self.rng = rng
        self.subjects = subjects
        self.regimen = regimen
        self.output = output
        self.grid = grid
        self.bandName = bandName
        self.bandNgPerML = bandNgPerML
        self.windowH = windowH
        self.dischargeNgPerML = dischargeNgPerML
        self.residual = residual
        self.percentiles = percentiles
        self.plan = plan
        self.covariates = covariates
        self.etas = etas
    }
}

/// Which shard of a study a run is: `index` of `count`, subjects `firstSubject`…`lastSubject`.
public struct ShardInfo: Codable, Equatable, Sendable {
    /// The shard's number (1-based).
    public var index: Int
    /// Number of shards.
    public var count: Int
    /// First subject of the shard (0-based index into the whole study).
    public var firstSubject: Int
    /// Last subject of the shard (0-based, inclusive).
    public var lastSubject: Int

    /// Memberwise initializer.
    public init(index: Int, count: Int, firstSubject: Int, lastSubject: Int) {
        self.index = index
        self.count = count
        self.firstSubject = firstSubject
        self.lastSubject = lastSubject
    }
}

/// The JSON output of `batch` and `merge`: metadata, summary, and the mergeable state.
public struct BatchDocument: Codable {
    /// The ketasim version that wrote the document.
    public var ketasim: String
    /// The disclaimer printed with every output.
    public var disclaimer: String
    /// Everything that determines the results.
    public var run: RunInfo
    /// The shard, or nil for a whole run or a merge.
    public var shard: ShardInfo?
    /// Subjects simulated in this document.
    public var subjectsSimulated: UInt64
    /// The finished numbers (metrics in ng/mL, h, ng·h/mL; bands in ng/mL).
    public var summary: PopulationSummary
    /// The per-subject CSV written beside it, if any.
    public var perSubjectFile: String?
    /// The curves CSV written beside it, if any.
    public var curvesFile: String?
    /// Line count and checksum of the per-subject and curves files (checked by --resume and merge).
    public var perSubjectDigest: FileDigest? = nil
    /// Line count and checksum of the curves file.
    public var curvesDigest: FileDigest? = nil
    /// The mergeable state (kept in shards so `merge` can combine them).
    public var state: PopulationAccumulator?

    /// Memberwise initializer.
    public init(ketasim: String, disclaimer: String, run: RunInfo, shard: ShardInfo? = nil, subjectsSimulated: UInt64, summary: PopulationSummary, perSubjectFile: String? = nil, curvesFile: String? = nil, perSubjectDigest: FileDigest? = nil, curvesDigest: FileDigest? = nil, state: PopulationAccumulator? = nil) {
        self.ketasim = ketasim
        self.disclaimer = disclaimer
        self.run = run
        self.shard = shard
        self.subjectsSimulated = subjectsSimulated
        self.summary = summary
        self.perSubjectFile = perSubjectFile
        self.curvesFile = curvesFile
        self.perSubjectDigest = perSubjectDigest
        self.curvesDigest = curvesDigest
        self.state = state
    }
}
