import PKCore
import PKProfiles

/// Everything that determines a batch run's results; shards merge only when theirs are equal.
public struct RunInfo: Codable, Equatable, Sendable {
    public var profile: String
    public var profileTitle: String
    public var analyte: String
    public var citation: String
    public var seed: UInt64
    public var n: Int
    public var rng: String
    public var subjects: String
    public var regimen: String
    public var output: String
    public var grid: String
    public var bandName: String?
    public var bandNgPerML: [Double]
    public var windowH: [Double]
    public var dischargeNgPerML: Double
    public var residual: ResidualError?
    public var percentiles: [Double]
    public var plan: SummaryPlan
    public var covariates: [String]
    public var etas: [String]
    /// How the subjects were solved, for text models (`batch --model`): the lane Dormand-Prince path
    /// with its tolerances and the stiff fallback, or the event engine; nil for profiles (exact).
    public var solver: String? = nil

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

public struct ShardInfo: Codable, Equatable, Sendable {
    public var index: Int
    public var count: Int
    public var firstSubject: Int
    public var lastSubject: Int

    public init(index: Int, count: Int, firstSubject: Int, lastSubject: Int) {
        self.index = index
        self.count = count
        self.firstSubject = firstSubject
        self.lastSubject = lastSubject
    }
}

/// The JSON output of `batch` and `merge`: metadata, summary, and the mergeable state.
public struct BatchDocument: Codable {
    public var ketasim: String
    public var disclaimer: String
    public var run: RunInfo
    public var shard: ShardInfo?
    public var subjectsSimulated: UInt64
    public var summary: PopulationSummary
    public var perSubjectFile: String?
    public var curvesFile: String?
    /// Line count and checksum of the per-subject and curves files (checked by --resume and merge).
    public var perSubjectDigest: FileDigest? = nil
    public var curvesDigest: FileDigest? = nil
    public var state: PopulationAccumulator?

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
