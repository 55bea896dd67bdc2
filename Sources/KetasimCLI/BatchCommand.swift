import Dispatch
import Foundation
import PKCore
import PKProfiles

/// `ketasim batch`: a virtual population through one regimen, in parallel, with reproducible
/// per-subject draws, streaming per-subject output, summaries, and shards that merge exactly.
enum BatchCommand {
    static let help = """
    Usage: ketasim batch [--n N | --subjects FILE] [options]

    Simulates a virtual population: subjects drawn from a profile's covariate distributions and
    between-subject variability (Omega, through its Cholesky factor), or read from a CSV file; every
    subject through the same regimen on the exact linear solution. Writes per-subject metrics (Cmax,
    Tmax, AUC, hours in band, time to discharge) as subjects finish, in subject order, and a summary:
    mean, SD and percentiles of each metric, the probability of Cmax at or above named thresholds,
    and percentile bands of the concentration over time.

    Subjects:
      --profile P       a profile with variability (default herd-2007; 'ketasim profiles')
      --n N             number of subjects (default: the rows of --subjects)
      --seed S          random seed, 0 to 2^64-1 (default 1). Draws are keyed by (seed, subject,
                        draw), so each subject's values are the same for any --threads and --shard
      --subjects FILE   CSV of covariates and/or etas, one row per subject (first N rows): a column
                        per covariate (e.g. WT) and, optionally, eta columns; etas not given are
                        drawn from Omega. Eta columns map by name: ETA_CL (the profile's eta name),
                        or eta_X for the eta on parameter X, trailing digits dropped if needed
                        (eta_Q2 -> the eta on Q), so ../shared/bench/subjects.csv works as is
      --eta-map MAP     explicit column mapping, e.g. eta_Q2=ETA_Q,eta_KA=- (- ignores a column)

    Regimen (default: IV 0.5 mg/kg over 40 min):
      --route R, --dose D    iv, iv-bolus, im, in, po, sl, pr; e.g. 0.5mg/kg (per kg of each subject's WT)
      --infusion T           IV infusion duration (default 40min)
      --every T, --count N   repeat the dose every T, N doses in all
      --protocol NAME        a planner protocol ('ketasim plan --list') as the regimen: its dosing
                             sessions and start doses at each subject's weight (the projected course,
                             no responses or top-ups); --start DATE fixes the weekday pattern
      --data FILE            a NONMEM data set of one individual as the regimen (EVID 0 times are the
                             grid; metrics then on that grid, linear between points)

    Output grid and metrics:
      --duration T      simulated time (default 24h); --step T grid step (default 5min)
      --band B          named band (e.g. dissociation) or LOW-HIGH, e.g. 100-250ng/mL (default dissociation)
      --window T        time in band counts from 0 to T (default: the whole duration)
      --discharge C     discharge level (default: the band's lower edge)
      --threshold X     NAME=CONC or CONC, repeatable: report P(Cmax >= CONC)
                        (default: the lower edges of the analyte's named bands)
      --percentiles L   comma-separated (default 5,25,50,75,95)
      --residual R      simulated observations for the bands and --curves: none (default),
                        profile (the profile's residual error on CP), or e.g. prop=0.2,add=5ng/mL
                        (combined), add=10ng/mL, exp=0.25 (log-normal)

    Execution and output:
      --threads N       worker threads (default: all cores)
      --shard K/N       run the K-th of N deterministic parts of the subjects (write JSON; merge with
                        'ketasim merge')
      --out FILE        summary file (.json, .csv or text; default: standard output as a table)
      --format F        table, csv or json (default: from --out's extension)
      --per-subject F   per-subject metrics CSV (default with --out: <out>.subjects.csv)
      --curves F        per-subject concentration (and observation) on the grid, long CSV
      --summary-only    no per-subject file
      --resume          if --out already holds this run (same arguments), do nothing
      --quiet           no progress; --progress forces it (lines every 10 s when not a terminal)

    Quantiles: exact for metrics up to 100,000 subjects and for bands up to 250,000 values
    (subjects x grid times); beyond, a log-bucket sketch with relative error <= 0.1% (metrics) and
    <= 1% (bands; band values below 0.001 ng/mL count as 0). The choice depends on the study's N
    only. Means come from exact sums, so a merge of shards equals one run bit for bit. Memory does
    not grow with N. Files are written to a temporary file and renamed: an interrupted run leaves
    no partial output.

    Example: ketasim batch --profile herd-2007 --n 10000 --seed 42 --dose 0.5mg/kg --out study.json

    \(Ketasim.disclaimer)

    """

    static let valueOptions = [
        "--profile", "--n", "--seed", "--subjects", "--eta-map", "--route", "--dose", "--infusion", "--every", "--count", "--data",
        "--duration", "--step", "--band", "--window", "--discharge", "--threshold", "--percentiles", "--residual", "--threads",
        "--shard", "--out", "--format", "--per-subject", "--curves", "--svg", "--html", "--protocol", "--start",
    ]
    static let flagOptions = ["--summary-only", "--resume", "--quiet", "--progress"]

    static func run(_ args: [String], console: Ketasim.Console) throws {
        let a = try Arguments(args, command: "batch", values: valueOptions, flags: flagOptions)
        if a.wantsHelp { console.out(help); return }
        let job = try BatchJob(a, console: console)
        try job.execute(console: console)
    }
}

/// Everything that determines a batch run's results; shards merge only when theirs are equal.
struct RunInfo: Codable, Equatable {
    var profile: String
    var profileTitle: String
    var analyte: String
    var citation: String
    var seed: UInt64
    var n: Int
    var rng: String
    var subjects: String
    var regimen: String
    var output: String
    var grid: String
    var bandName: String?
    var bandNgPerML: [Double]
    var windowH: [Double]
    var dischargeNgPerML: Double
    var residual: ResidualError?
    var percentiles: [Double]
    var plan: SummaryPlan
    var covariates: [String]
    var etas: [String]
}

struct ShardInfo: Codable, Equatable {
    var index: Int
    var count: Int
    var firstSubject: Int
    var lastSubject: Int
}

/// The JSON output of `batch` and `merge`: metadata, summary, and the mergeable state.
struct BatchDocument: Codable {
    var ketasim: String
    var disclaimer: String
    var run: RunInfo
    var shard: ShardInfo?
    var subjectsSimulated: UInt64
    var summary: PopulationSummary
    var perSubjectFile: String?
    var curvesFile: String?
    /// Line count and checksum of the per-subject and curves files (checked by --resume and merge).
    var perSubjectDigest: FileDigest? = nil
    var curvesDigest: FileDigest? = nil
    var state: PopulationAccumulator?
}

/// A parsed and checked batch run: all errors are raised here, before any work or output.
struct BatchJob {
    var profile: ProfileModel
    var info: RunInfo
    var generator: SubjectGenerator
    var simulator: any SubjectSimulator
    var residual: ResidualError?
    var shard: (index: Int, count: Int)?
    var range: Range<Int>
    var threads: Int
    var outPath: String?
    var svgPath: String?
    var htmlPath: String?
    var format: String
    var perSubjectPath: String?
    var curvesPath: String?
    var resume: Bool
    var quiet: Bool
    var forceProgress: Bool
    var notes: [String] = []

    init(_ a: Arguments, console: Ketasim.Console) throws {
        let pm: ProfileModel
        do { pm = try ProfileLibrary.load(a.value("--profile") ?? "herd-2007") } catch let e as ProfileError { throw CLIError.usage(e.message) }
        profile = pm
        let p = pm.profile
        let at = "profile \(p.name)"

        // Counts, seed, threads, shard.
        var n: Int? = nil
        if let t = a.value("--n") {
            guard let v = Int(t.trimmedSpaces), v >= 1, v <= 1_000_000_000_000 else {
                throw CLIError.usage("--n: '\(t)' must be a whole number of subjects >= 1")
            }
            n = v
        }
        var seed: UInt64 = 1
        if let t = a.value("--seed") {
            guard let v = UInt64(t.trimmedSpaces) else { throw CLIError.usage("--seed: '\(t)' must be a whole number from 0 to 18446744073709551615") }
            seed = v
        }
        threads = ProcessInfo.processInfo.activeProcessorCount
        if let t = a.value("--threads") {
            guard let v = Int(t.trimmedSpaces), v >= 1, v <= 1024 else { throw CLIError.usage("--threads: '\(t)' must be a whole number from 1 to 1024") }
            threads = v
        }
        if let t = a.value("--shard") {
            let parts = t.split(separator: "/", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let k = parts[0], let s = parts[1], s >= 1, k >= 1, k <= s else {
                throw CLIError.usage("--shard: '\(t)' must be K/N with 1 <= K <= N, e.g. 3/8")
            }
            shard = (k, s)
        }

        // Subjects: covariates and etas.
        let rng = CounterRNG(seed: seed)
        let covs = p.covariates ?? []
        var distributions: [CovariateDistribution] = []
        for c in covs {
            distributions.append(try BatchJob.distribution(c, at: at))
        }
        let omega = pm.omega
        var sampler: EtaSampler? = nil
        if !pm.etaNames.isEmpty {
            do { sampler = try EtaSampler(omega: omega) } catch let e as CholeskyError {
                let row = e.index < pm.etaNames.count ? " (\(pm.etaNames[e.index]))" : ""
                let detail = e.kind == .notPositiveDefinite ? "not positive definite at row \(e.index + 1)\(row): variance left \(e.pivot) after the earlier rows"
                    : e.description
                throw CLIError.failure("\(at): Omega (the \(pm.etaNames.count)x\(pm.etaNames.count) variability matrix over \(pm.etaNames.joined(separator: ", "))) is \(detail); check variability and correlations")
            }
        }
        var subjectsText = "drawn: " + (covs.isEmpty ? "no covariates" : zip(covs, distributions).map { "\($0.name) \(BatchJob.describe($1))" }.joined(separator: ", "))
            + (pm.etaNames.isEmpty ? "; no variability" : "; etas \(pm.etaNames.joined(separator: ", ")) ~ N(0, Omega)")
        var covSources = distributions.map { SubjectGenerator.CovariateSource.draw($0) }
        var etaSource: SubjectGenerator.EtaSource = sampler.map { .draw($0) } ?? .none(count: pm.etaNames.count)
        var ids: [String]? = nil
        var notes: [String] = []
        if let path = a.value("--subjects") {
            let file = try SubjectsFile(path: path, profile: pm, distributions: distributions, etaMap: a.value("--eta-map"))
            if let n, n > file.rows {
                throw CLIError.usage("--n: \(n) subjects but --subjects \(path) has \(file.rows) rows")
            }
            n = n ?? file.rows
            covSources = file.covariates
            if let e = file.etas { etaSource = .columns(e) }
            ids = file.ids
            notes = file.notes
            subjectsText = "file \((path as NSString).lastPathComponent) (\(file.rows) rows, FNV-1a \(file.checksum)): \(file.describe)"
                + (file.etas == nil && !pm.etaNames.isEmpty ? "; etas drawn from Omega" : "")
        } else if a.value("--eta-map") != nil {
            throw CLIError.usage("--eta-map: only with --subjects")
        }
        guard let total = n else { throw CLIError.usage("--n: required (number of subjects), or --subjects FILE") }
        if let s = shard, s.count > total { throw CLIError.usage("--shard: \(s.count) shards for \(total) subjects; use at most one shard per subject") }
        generator = SubjectGenerator(rng: rng, covariates: covSources, etas: etaSource, ids: ids)
        self.notes = notes

        // Metrics: band, window, discharge, thresholds, percentiles.
        let named = ProfileLibrary.bands(for: p.analyte)
        var bandName: String? = nil
        var band = (low: 100.0, high: 250.0)
        if let d = named.first(where: { $0.name == "dissociation" }), let hi = d.highNgPerML { band = (d.lowNgPerML, hi); bandName = d.name }
        if let b = a.value("--band") {
            if let nb = named.first(where: { $0.name.lowercased() == b.lowercased() }) {
                band = (nb.lowNgPerML, nb.highNgPerML ?? .infinity)
                bandName = nb.name
            } else if b.first?.isLetter == true {
                throw CLIError.usage("--band: unknown band '\(b)' for \(p.analyte) (named bands: \(named.map(\.name).joined(separator: ", ")); or LOW-HIGH, e.g. 100-250ng/mL)")
            } else {
                band = try PatientOptions.parseBand(b)
                bandName = nil
            }
        }
        let durationText = a.value("--duration")
        var durationH = 24.0
        if let d = durationText {
            durationH = try Units.hours(d, flag: "--duration")
            guard durationH > 0, durationH <= 24 * 365 else { throw CLIError.usage("--duration: '\(d)' must be more than zero and at most a year") }
        }
        var stepH = 5.0 / 60
        if let s = a.value("--step") {
            stepH = try Units.hours(s, flag: "--step")
            guard stepH > 0 else { throw CLIError.usage("--step: '\(s)' must be greater than zero") }
        }
        var window = (0.0, durationH)
        if let w = a.value("--window") {
            let h = try Units.hours(w, flag: "--window")
            guard h > 0 else { throw CLIError.usage("--window: '\(w)' must be greater than zero") }
            window = (0, h)
        }
        var discharge = band.low
        if let d = a.value("--discharge") { discharge = try Units.concentrationNgPerML(d, flag: "--discharge") }
        var thresholds: [SummaryPlan.Threshold] = named.map { .init(name: $0.name, level: $0.lowNgPerML) }
        if !a.all("--threshold").isEmpty {
            thresholds = try a.all("--threshold").map { t in
                if let eq = t.firstIndex(of: "=") {
                    let name = String(t[..<eq]).trimmedSpaces
                    guard !name.isEmpty else { throw CLIError.usage("--threshold: '\(t)' has an empty name") }
                    return .init(name: name, level: try Units.concentrationNgPerML(String(t[t.index(after: eq)...]), flag: "--threshold"))
                }
                return .init(name: t.trimmedSpaces, level: try Units.concentrationNgPerML(t, flag: "--threshold"))
            }
        }
        var percentiles = [5.0, 25, 50, 75, 95]
        if let t = a.value("--percentiles") {
            let vs = t.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !vs.isEmpty, vs.allSatisfy({ $0 != nil && $0! >= 0 && $0! <= 100 }) else {
                throw CLIError.usage("--percentiles: '\(t)' must be comma-separated numbers from 0 to 100")
            }
            percentiles = vs.map { $0! }
            guard zip(percentiles, percentiles.dropFirst()).allSatisfy({ $0 < $1 }) else { throw CLIError.usage("--percentiles: '\(t)' must increase") }
        }
        let options = MetricOptions(bandLow: band.low, bandHigh: band.high, windowStartH: window.0, windowEndH: window.1, dischargeLevel: discharge)

        // Regimen.
        let regimenText: String
        let gridText: String
        if let dataPath = a.value("--data") {
            for f in ["--route", "--dose", "--every", "--count", "--infusion", "--duration", "--step"] where a.value(f) != nil {
                throw CLIError.usage("\(f): not with --data (the data set is the regimen and its EVID 0 times the grid)")
            }
            let text = try AtomicFile.read(dataPath, flag: "--data")
            do {
                let data = try NonmemDataset(parsing: text)
                var opts = options
                if a.value("--window") == nil, let last = data.rows.filter({ $0.evid == 0 }).map(\.timeH).max() {
                    opts.windowEndH = last   // time in band over the whole data set by default
                    window.1 = last
                }
                simulator = try DatasetSubjectSimulator(data: data, model: pm.dosing.compiled, options: opts)
            } catch let e as DataError { throw CLIError.failure("--data \(dataPath): \(e.message)") }
            regimenText = "data set \((dataPath as NSString).lastPathComponent) (FNV-1a \(BatchJob.fnv1a(Data(text.utf8))))"
            gridText = "the data set's \(simulator.timesH.count) EVID 0 times"
        } else if let protocolName = a.value("--protocol") {
            for f in ["--route", "--dose", "--every", "--count", "--infusion"] where a.value(f) != nil {
                throw CLIError.usage("\(f): not with --protocol (the protocol sets route, doses and times)")
            }
            let course = try BatchProtocolCourse(protocolName, startText: a.value("--start"), profile: pm)
            let end = a.value("--duration") != nil ? durationH : course.timesH.last! + 24
            guard end > course.timesH.last! else {
                throw CLIError.usage("--duration: \(Format.g(end)) h ends before the protocol's last dose at \(Format.g(course.timesH.last!)) h")
            }
            let times = try Simulator.grid(endH: end, stepH: stepH)
            guard times.count <= 100_000 else { throw CLIError.usage("--step: \(times.count) grid points; at most 100000 (use a coarser step)") }
            let wtIndex = pm.covariateNames.firstIndex(of: "WT")
            simulator = try RegimenSubjectSimulator(model: pm.dosing, timesH: times, options: options) { s in
                course.regimen(weightKg: wtIndex.map { s.covariates[$0] } ?? 70)
            }
            regimenText = course.description
            gridText = "0 to \(Format.g(end)) h every \(Format.g(stepH * 60)) min (\(times.count) points)"
        } else {
            let routeText = a.value("--route") ?? "iv"
            guard let route = Route(text: routeText) else { throw CLIError.usage("--route: unknown route '\(routeText)' (use iv, iv-bolus, im, in, po, sl or pr)") }
            guard pm.dosing.routes[route.rawValue] != nil else {
                throw CLIError.usage("--route: profile \(p.name) has no route '\(route.rawValue)' (it has: \(pm.dosing.routeNames.joined(separator: ", ")))")
            }
            let dose = try Units.dose(a.value("--dose") ?? "0.5mg/kg")
            let wtIndex = pm.covariateNames.firstIndex(of: "WT")
            if case .mgPerKg = dose, wtIndex == nil {
                throw CLIError.usage("--dose: a dose per kg needs a WT covariate; profile \(p.name) has none (give mg)")
            }
            if case .mg(let mg) = dose, mg > 5000 { throw CLIError.usage("--dose: \(Format.sig(mg)) mg is beyond any ketamine dose (> 5 g)") }
            var count = 1, every = 0.0
            if let c = a.value("--count") {
                guard let v = Int(c), v >= 1, v <= 10_000 else { throw CLIError.usage("--count: '\(c)' must be a whole number from 1 to 10000") }
                count = v
            }
            if let e = a.value("--every") {
                every = try Units.hours(e, flag: "--every")
                guard every > 0 else { throw CLIError.usage("--every: '\(e)' must be greater than zero") }
            }
            if count > 1 && every == 0 { throw CLIError.usage("--count: \(count) doses need --every (the interval)") }
            var infusionH = 40.0 / 60
            if let i = a.value("--infusion") {
                infusionH = try Units.hours(i, flag: "--infusion")
                guard infusionH > 0 else { throw CLIError.usage("--infusion: '\(i)' must be greater than zero") }
                guard route == .ivInfusion else { throw CLIError.usage("--infusion: only for route iv") }
            }
            if Double(count - 1) * every >= durationH {
                throw CLIError.usage("--duration: \(Format.g(durationH)) h ends before the last dose at \(Format.g(Double(count - 1) * every)) h; simulate past the last dose")
            }
            if route == .ivInfusion && count > 1 && infusionH > every {
                throw CLIError.usage("--infusion: \(Format.sig(infusionH * 60)) min is longer than the interval --every \(Format.sig(every * 60)) min")
            }
            let times = try Simulator.grid(endH: durationH, stepH: stepH)
            guard times.count <= 100_000 else { throw CLIError.usage("--step: \(times.count) grid points; at most 100000 (use a coarser step)") }
            let (inf, ev, cnt) = (infusionH, every, count)
            simulator = try RegimenSubjectSimulator(model: pm.dosing, timesH: times, options: options) { s in
                let mg = dose.milligrams(weightKg: wtIndex.map { s.covariates[$0] } ?? 70)
                return route == .ivInfusion
                    ? Regimen().infusion(amountMg: mg, overH: inf, every: ev, count: cnt)
                    : Regimen().dose(amountMg: mg, route: route, every: ev, count: cnt)
            }
            var r = route.displayName + " "
            switch dose {
            case .mg(let v): r += "\(Format.g(v)) mg"
            case .mgPerKg(let v): r += "\(Format.g(v)) mg/kg"
            }
            if route == .ivInfusion { r += " over \(Format.g(infusionH * 60)) min" }
            if count > 1 { r += ", every \(Format.g(every)) h, \(count) doses" }
            regimenText = r
            gridText = "0 to \(Format.g(durationH)) h every \(Format.g(stepH * 60)) min (\(times.count) points)"
        }

        // Residual error.
        let residualText = a.value("--residual") ?? "none"
        residual = try BatchJob.residual(residualText, profile: p)

        // Outputs.
        outPath = a.value("--out")
        svgPath = a.value("--svg")
        htmlPath = a.value("--html")
        for (flag, path) in [("--out", outPath), ("--svg", svgPath), ("--html", htmlPath)] {
            guard let path else { continue }
            let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw CLIError.failure("\(flag): folder '\(dir)' does not exist")
            }
        }
        if svgPath != nil || htmlPath != nil {
            // Checked before any work: the ribbons need these percentiles.
            for p in [5.0, 25, 50, 75, 95] where !percentiles.contains(p) {
                throw CLIError.usage("--svg/--html: the ribbons need the \(Format.short(p))th percentile (keep 5, 25, 50, 75, 95 in --percentiles)")
            }
        }
        var fmt = a.value("--format")?.lowercased()
        if let f = fmt, !["table", "csv", "json"].contains(f) { throw CLIError.usage("--format: unknown format '\(f)' (use table, csv or json)") }
        if fmt == nil, let o = outPath {
            let ext = (o as NSString).pathExtension.lowercased()
            fmt = ext == "json" ? "json" : ext == "csv" ? "csv" : "table"
        }
        if shard != nil {
            guard outPath != nil else { throw CLIError.usage("--shard: needs --out FILE.json (shard outputs are merged with 'ketasim merge')") }
            if let f = fmt, f != "json" { throw CLIError.usage("--shard: shard outputs are JSON (they carry the mergeable state); got --format \(f)") }
            fmt = "json"
        }
        format = fmt ?? "table"
        resume = a.flag("--resume")
        if resume && outPath == nil { throw CLIError.usage("--resume: needs --out") }
        quiet = a.flag("--quiet")
        forceProgress = a.flag("--progress")
        if a.flag("--summary-only") {
            if a.value("--per-subject") != nil || a.value("--curves") != nil {
                throw CLIError.usage("--summary-only: not with --per-subject or --curves")
            }
            perSubjectPath = nil
            curvesPath = nil
        } else {
            perSubjectPath = a.value("--per-subject") ?? outPath.map { BatchJob.sibling($0, suffix: ".subjects.csv") }
            curvesPath = a.value("--curves")
        }
        try a.refuseOutputsOverwritingInputs([("--per-subject", perSubjectPath)])
        let paths = [outPath, perSubjectPath, curvesPath].compactMap { $0 }
        if Set(paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }).count != paths.count {
            throw CLIError.usage("--out/--per-subject/--curves: the output files must differ")
        }
        for path in paths {
            let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw CLIError.failure("output folder '\(dir)' does not exist (for \(path))")
            }
        }

        if let s = shard {
            // Contiguous parts, the first total % count of them one subject larger.
            let (q, r) = total.quotientAndRemainder(dividingBy: s.count)
            func start(_ k: Int) -> Int { (k - 1) * q + Swift.min(k - 1, r) }
            range = start(s.index)..<start(s.index + 1)
        } else {
            range = 0..<total
        }
        let plan = SummaryPlan(thresholds: thresholds, timesH: simulator.timesH, totalSubjects: total)
        info = RunInfo(
            profile: p.name, profileTitle: p.title, analyte: p.analyte, citation: p.citation, seed: seed, n: total,
            rng: "Philox4x64-10 keyed by (seed, subject index, stream, draw index); uniforms (k+0.5)/2^53; normals by inversion (Wichura AS241)",
            subjects: subjectsText, regimen: regimenText, output: options.output, grid: gridText, bandName: bandName,
            bandNgPerML: [band.low, band.high], windowH: [window.0, window.1], dischargeNgPerML: discharge,
            residual: residual, percentiles: percentiles, plan: plan, covariates: pm.covariateNames, etas: pm.etaNames)
    }

    /// A profile covariate's distribution, checked.
    static func distribution(_ c: Profile.Covariate, at: String) throws -> CovariateDistribution {
        let f = "\(at): covariates.\(c.name).distribution"
        guard let d = c.distribution else { return .fixed(c.typical) }
        let dist: CovariateDistribution
        switch d.kind.lowercased() {
        case "fixed": dist = .fixed(c.typical)
        case "uniform":
            guard let lo = d.low, let hi = d.high else { throw CLIError.failure("\(f): uniform needs low and high") }
            dist = .uniform(low: lo, high: hi)
        case "normal":
            guard let sd = d.sd else { throw CLIError.failure("\(f): normal needs sd") }
            dist = .normal(mean: d.mean ?? c.typical, sd: sd, low: d.low, high: d.high)
        case "lognormal":
            guard let m = d.mean, let sd = d.sd else { throw CLIError.failure("\(f): lognormal needs mean and sd (of the log)") }
            dist = .lognormal(mu: m, sigma: sd, low: d.low, high: d.high)
        case "bernoulli":
            guard let pr = d.p else { throw CLIError.failure("\(f): bernoulli needs p") }
            dist = .bernoulli(p: pr)
        default: throw CLIError.failure("\(f).kind: unknown kind '\(d.kind)' (uniform, normal, lognormal, bernoulli, fixed)")
        }
        do { try dist.validate() } catch let e as SimulationError { throw CLIError.failure("\(f): \(e.message)") }
        return dist
    }

    static func describe(_ d: CovariateDistribution) -> String {
        func range(_ lo: Double?, _ hi: Double?) -> String {
            lo == nil && hi == nil ? "" : " in [\(lo.map(Format.g) ?? "-inf"), \(hi.map(Format.g) ?? "inf")]"
        }
        switch d {
        case .fixed(let v): return "fixed \(Format.g(v))"
        case .uniform(let lo, let hi): return "~ U(\(Format.g(lo)), \(Format.g(hi)))"
        case .normal(let m, let s, let lo, let hi): return "~ N(\(Format.g(m)), \(Format.g(s))^2)\(range(lo, hi))"
        case .lognormal(let m, let s, let lo, let hi): return "~ logN(\(Format.g(m)), \(Format.g(s))^2)\(range(lo, hi))"
        case .bernoulli(let p): return "~ Bernoulli(\(Format.g(p)))"
        }
    }

    /// --residual: none, profile, or prop=F,add=C,exp=S.
    static func residual(_ text: String, profile p: Profile) throws -> ResidualError? {
        let t = text.trimmedSpaces.lowercased()
        if t == "none" || t.isEmpty { return nil }
        var r = ResidualError()
        if t == "profile" {
            guard let e = (p.residualError ?? []).first(where: { $0.output.lowercased() == "cp" }) else {
                throw CLIError.usage("--residual: profile \(p.name) has no residual error on CP; give one, e.g. --residual prop=0.2,add=5ng/mL")
            }
            r = ResidualError(additive: e.additive ?? 0, proportional: e.proportional ?? 0, exponential: e.exponential ?? 0)
        } else {
            for part in text.split(separator: ",") {
                let kv = part.split(separator: "=", maxSplits: 1).map { String($0).trimmedSpaces }
                guard kv.count == 2 else { throw CLIError.usage("--residual: '\(part)' is not prop=F, add=C or exp=S") }
                switch kv[0].lowercased() {
                case "prop", "proportional":
                    guard let v = Double(kv[1]), v.isFinite, v >= 0 else { throw CLIError.usage("--residual: prop '\(kv[1])' must be a number >= 0 (e.g. 0.2 for 20%)") }
                    r.proportional = v
                case "add", "additive": r.additive = try Units.concentrationNgPerML(kv[1], flag: "--residual add")
                case "exp", "exponential":
                    guard let v = Double(kv[1]), v.isFinite, v >= 0 else { throw CLIError.usage("--residual: exp '\(kv[1])' must be a number >= 0 (SD on the log scale)") }
                    r.exponential = v
                default: throw CLIError.usage("--residual: unknown part '\(kv[0])' (prop, add, exp; or none, profile)")
                }
            }
        }
        if r.exponential != 0 && (r.additive != 0 || r.proportional != 0) {
            throw CLIError.usage("--residual: exponential error cannot be combined with additive/proportional here")
        }
        return r.isZero ? nil : r
    }

    /// `path` with its extension replaced by `suffix` ("study.json" → "study.subjects.csv").
    static func sibling(_ path: String, suffix: String) -> String {
        let ns = path as NSString
        return ns.pathExtension.isEmpty ? path + suffix : ns.deletingPathExtension + suffix
    }

    /// FNV-1a 64-bit checksum, hex, to tell input files apart in the run metadata.
    static func fnv1a(_ data: Data) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in data { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return String(h, radix: 16)
    }

    // MARK: - Running

    /// Per-worker state: each worker folds its subjects into its own accumulator.
    final class Worker: @unchecked Sendable {
        var accumulator: PopulationAccumulator
        init(_ a: PopulationAccumulator) { accumulator = a }
    }

    /// What one chunk of subjects leaves for the ordered writers.
    struct ChunkText: Sendable {
        var subjects: Int
        var perSubject: String
        var curves: String
        /// The subjects' curves (observations with residual error) for the bands, folded in by the
        /// ordered emitter into one accumulator, so band memory does not grow with threads.
        var bandCurves: [[Double]]
    }

    func execute(console: Ketasim.Console) throws {
        let info = self.info
        if !quiet { for n in notes { console.err("ketasim batch: note: \(n)\n") } }
        if resume, let out = outPath, FileManager.default.fileExists(atPath: out),
           let text = try? String(contentsOfFile: out, encoding: .utf8),
           let doc = try? BatchReport.document(text, origin: out),
           doc.run == info, doc.shard == shardInfo, doc.perSubjectFile == perSubjectPath.map({ ($0 as NSString).lastPathComponent }),
           doc.curvesFile == curvesPath.map({ ($0 as NSString).lastPathComponent }),
           [perSubjectPath, curvesPath].allSatisfy({ $0.map { FileManager.default.fileExists(atPath: $0) } ?? true }),
           BatchResume.filesMatch(doc, perSubject: perSubjectPath, curves: curvesPath, out: out, console: console, quiet: quiet) {
            if !quiet { console.err("ketasim batch: \(out) already holds this run (--resume): nothing to do\n") }
            return
        }
        let plan = info.plan
        let perSubject = try perSubjectPath.map { try StreamingFile(path: $0, flag: "--per-subject") }
        let curves = try curvesPath.map { try StreamingFile(path: $0, flag: "--curves") }
        let streams = [perSubject, curves].compactMap { $0 }
        let cleanup = TempFileCleanup.register(streams.map(\.tempPath))
        defer { TempFileCleanup.unregister(cleanup) }
        do {
            perSubject?.write(BatchReport.perSubjectHeader(info, shard: shardInfo))
            curves?.write(BatchReport.curvesHeader(info, shard: shardInfo))
            let progress = ProgressLine(total: range.count, console: console,
                                        enabled: !quiet && (forceProgress || isatty(STDERR_FILENO) == 1), tty: isatty(STDERR_FILENO) == 1)
            let started = Date()
            let accumulator = try runChunks(plan: plan, perSubject: perSubject, curves: curves, progress: progress)
            progress.finish()
            try perSubject?.flush()
            try curves?.flush()
            var doc = BatchDocument(
                ketasim: Ketasim.version, disclaimer: Ketasim.disclaimer, run: info, shard: shardInfo, subjectsSimulated: accumulator.subjects,
                summary: accumulator.summary(plan: plan, percentiles: info.percentiles),
                perSubjectFile: perSubjectPath.map { ($0 as NSString).lastPathComponent },
                curvesFile: curvesPath.map { ($0 as NSString).lastPathComponent }, state: accumulator)
            (doc.perSubjectDigest, doc.curvesDigest) = (perSubject?.digest, curves?.digest)
            let text = try BatchReport.render(doc, format: format)
            // Reports first, then the streamed files: a failure anywhere leaves no partial output.
            if shardInfo == nil { try BatchGraphics.write(doc, svg: svgPath, html: htmlPath) }
            if let out = outPath { try AtomicFile.write(text, to: out) }
            try perSubject?.commit()
            try curves?.commit()
            if outPath == nil { console.out(text) }
            if progress.enabled {
                let s = Date().timeIntervalSince(started)
                console.err("ketasim batch: \(range.count) subjects in \(Format.f(s, 1)) s (\(Format.f(Double(range.count) / Swift.max(s, 1e-9), 0))/s, \(threads) threads)\n")
            }
        } catch {
            for s in streams { s.abort() }
            throw error
        }
    }

    var shardInfo: ShardInfo? {
        shard.map { ShardInfo(index: $0.index, count: $0.count, firstSubject: range.lowerBound + 1, lastSubject: range.upperBound) }
    }

    /// Runs the subjects of `range` in chunks on `threads` workers; per-subject text is written in
    /// subject order as chunks finish; returns the merged accumulator.
    func runChunks(plan: SummaryPlan, perSubject: StreamingFile?, curves: StreamingFile?, progress: ProgressLine) throws -> PopulationAccumulator {
        let chunkSize = 32
        let lo = range.lowerBound
        let count = range.count
        let chunks = (count + chunkSize - 1) / chunkSize
        let workers = (0..<threads).map { _ in Worker(PopulationAccumulator(plan: plan, bands: false)) }
        let bands = Worker(PopulationAccumulator(plan: plan))   // touched only by the serialised emitter
        let generator = self.generator, simulator = self.simulator, profile = self.profile, residual = self.residual
        let rng = generator.rng
        let writeCurves = curves != nil
        let writeSubjects = perSubject != nil
        let times = simulator.timesH
        let done = DoneCounter()
        try ChunkPipeline.run(chunks: chunks, threads: threads, ahead: 4 * threads, process: { worker, chunk in
            let first = lo + chunk * chunkSize
            let last = Swift.min(lo + count, first + chunkSize)
            var text = ChunkText(subjects: last - first, perSubject: "", curves: "", bandCurves: [])
            text.bandCurves.reserveCapacity(last - first)
            let w = workers[worker]
            for i in first..<last {
                let s = generator.subject(i)
                let params = profile.parameters(covariates: s.covariates, etas: s.etas.isEmpty ? nil : s.etas)
                let r: SubjectResult
                do { r = try simulator.simulate(s, parameters: params, wantCurve: true) } catch let e as SimulationError {
                    throw CLIError.failure("subject \(s.id) (index \(i + 1)): \(e.message); parameters \(zip(profile.dosing.compiled.parameterNames, params).map { "\($0)=\(Format.g($1))" }.joined(separator: " "))")
                } catch let e as DataError {
                    throw CLIError.failure("subject \(s.id) (index \(i + 1)): \(e.message)")
                }
                var observed = r.curve
                if let residual {
                    var stream = CounterRNG.Stream(rng, subject: UInt64(i), stream: CounterRNG.residualStream)
                    for k in observed.indices { observed[k] = residual.observe(observed[k], stream.nextNormal()) }
                }
                w.accumulator.add(r.metrics, plan: plan)
                if writeSubjects {
                    text.perSubject += BatchReport.csvField(s.id)
                    for v in s.covariates { text.perSubject += "," + BatchReport.number(v) }
                    for v in s.etas { text.perSubject += "," + BatchReport.number(v) }
                    for v in r.metrics.values { text.perSubject += "," + BatchReport.number(v) }
                    text.perSubject += "\n"
                }
                if writeCurves {
                    let id = BatchReport.csvField(s.id)
                    for k in times.indices {
                        text.curves += "\(id),\(BatchReport.number(times[k])),\(BatchReport.number(r.curve[k]))"
                        if residual != nil { text.curves += ",\(BatchReport.number(observed[k]))" }
                        text.curves += "\n"
                    }
                }
                text.bandCurves.append(observed)
            }
            return text
        }, emit: { _, text in
            for c in text.bandCurves { bands.accumulator.addBands(c) }
            perSubject?.write(text.perSubject)
            curves?.write(text.curves)
            try perSubject?.flushIfLarge()
            try curves?.flushIfLarge()
            progress.update(done.add(text.subjects))
        })
        var total = bands.accumulator
        for w in workers { total.merge(w.accumulator) }
        return total
    }
}

final class DoneCounter: @unchecked Sendable {
    private var n = 0
    func add(_ k: Int) -> Int { n += k; return n }   // called only from the serialised emitter
}

/// Chunks processed concurrently by `DispatchQueue.concurrentPerform`, emitted strictly in chunk
/// order. At most `ahead` chunks past the next one to emit are in flight, so memory stays bounded
/// however many chunks there are. The first error stops the work and is rethrown.
enum ChunkPipeline {
    final class State<T>: @unchecked Sendable {
        let lock = NSCondition()
        var nextChunk = 0
        var nextEmit = 0
        var ready: [Int: T] = [:]
        var emitting = false
        var failure: Error?
    }

    static func run<T: Sendable>(
        chunks: Int, threads: Int, ahead: Int,
        process: @escaping @Sendable (_ worker: Int, _ chunk: Int) throws -> T,
        emit: @escaping @Sendable (_ chunk: Int, T) throws -> Void
    ) throws {
        guard chunks > 0 else { return }
        let st = State<T>()
        let window = Swift.max(1, ahead)
        DispatchQueue.concurrentPerform(iterations: Swift.max(1, Swift.min(threads, chunks))) { worker in
            while true {
                st.lock.lock()
                while st.failure == nil && st.nextChunk < chunks && st.nextChunk >= st.nextEmit + window { st.lock.wait() }
                if st.failure != nil || st.nextChunk >= chunks { st.lock.unlock(); return }
                let c = st.nextChunk
                st.nextChunk += 1
                st.lock.unlock()
                let value: T
                do { value = try process(worker, c) } catch {
                    st.lock.lock()
                    if st.failure == nil { st.failure = error }
                    st.lock.broadcast()
                    st.lock.unlock()
                    return
                }
                st.lock.lock()
                st.ready[c] = value
                if !st.emitting {
                    st.emitting = true
                    while st.failure == nil, let v = st.ready.removeValue(forKey: st.nextEmit) {
                        let index = st.nextEmit
                        st.lock.unlock()
                        var err: Error? = nil
                        do { try emit(index, v) } catch { err = error }
                        st.lock.lock()
                        if let err, st.failure == nil { st.failure = err }
                        st.nextEmit += 1
                        st.lock.broadcast()
                    }
                    st.emitting = false
                }
                st.lock.unlock()
            }
        }
        if let f = st.failure { throw f }
    }
}

/// A file written as a stream into a hidden temporary file beside the target and renamed over it
/// at the end, so an interrupted run never leaves a partial file under the target's name.
final class StreamingFile: @unchecked Sendable {
    let path: String
    let tempPath: String
    let flag: String
    private var handle: FileHandle?
    private var buffer = Data()
    /// Line count and checksum of everything flushed so far.
    private(set) var digest = FileDigest()

    init(path: String, flag: String) throws {
        self.path = path
        self.flag = flag
        let url = URL(fileURLWithPath: path)
        tempPath = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)").path
        guard FileManager.default.createFile(atPath: tempPath, contents: nil), let h = FileHandle(forWritingAtPath: tempPath) else {
            throw CLIError.failure("\(flag): cannot write '\(path)'")
        }
        handle = h
    }

    func write(_ s: String) { buffer.append(contentsOf: s.utf8) }
    func write(_ d: Data) { buffer.append(d) }

    func flushIfLarge() throws { if buffer.count >= 1 << 16 { try flush() } }

    func flush() throws {
        guard !buffer.isEmpty, let h = handle else { return }
        digest.update(buffer)
        do { try h.write(contentsOf: buffer) } catch { throw CLIError.failure("\(flag): cannot write '\(path)': \(error.localizedDescription)") }
        buffer.removeAll(keepingCapacity: true)
    }

    func commit() throws {
        try flush()
        try? handle?.close()
        handle = nil
        guard rename(tempPath, path) == 0 else {
            let msg = String(cString: strerror(errno))
            unlink(tempPath)
            throw CLIError.failure("\(flag): cannot write '\(path)': \(msg)")
        }
    }

    func abort() {
        try? handle?.close()
        handle = nil
        unlink(tempPath)
    }
}

/// Removes the runs' temporary files if the process is interrupted (SIGINT, SIGTERM, SIGHUP), then
/// dies of the same signal. Handlers are installed while at least one batch run writes (runs may
/// overlap in one process, e.g. in tests) and the previous ones restored after the last.
enum TempFileCleanup {
    static let lock = NSLock()
    nonisolated(unsafe) static var registered: [Int: [UnsafeMutablePointer<CChar>]] = [:]
    /// What the handler unlinks: a snapshot of all registered paths.
    nonisolated(unsafe) static var snapshot: [UnsafeMutablePointer<CChar>] = []
    nonisolated(unsafe) static var nextToken = 0
    nonisolated(unsafe) static var previous: [(Int32, sighandler_t?)] = []
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Registers files for removal on a signal; returns the token for `unregister`.
    static func register(_ files: [String]) -> Int {
        lock.lock()
        defer { lock.unlock() }
        nextToken += 1
        registered[nextToken] = files.map { strdup($0) }
        snapshot = registered.values.flatMap { $0 }
        if previous.isEmpty {
            previous = signals.map { s in
                (s, signal(s, { sig in
                    for p in TempFileCleanup.snapshot { unlink(p) }
                    signal(sig, SIG_DFL)
                    raise(sig)
                }))
            }
        }
        return nextToken
    }

    static func unregister(_ token: Int) {
        lock.lock()
        defer { lock.unlock() }
        let paths = registered.removeValue(forKey: token) ?? []
        snapshot = registered.values.flatMap { $0 }
        for p in paths { free(p) }
        if registered.isEmpty {
            for (s, h) in previous { signal(s, h) }
            previous = []
        }
    }
}

/// Progress on standard error: done/total, rate and ETA, after the first second, at most 4 times a
/// second on a terminal (one line, redrawn) and every 10 s otherwise (with --progress).
final class ProgressLine: @unchecked Sendable {
    let total: Int
    let console: Ketasim.Console
    let enabled: Bool
    let tty: Bool
    let start = Date()
    var last = Date.distantPast
    var shown = false

    init(total: Int, console: Ketasim.Console, enabled: Bool, tty: Bool) {
        self.total = total
        self.console = console
        self.enabled = enabled
        self.tty = tty
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed >= 1, now.timeIntervalSince(last) >= (tty ? 0.25 : 10) || done == total else { return }
        last = now
        let rate = Double(done) / elapsed
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let line = "ketasim batch: \(done)/\(total) subjects, \(Format.f(rate, 0))/s, ETA \(ProgressLine.clock(eta))"
        console.err(tty ? "\r\(line)   " : line + "\n")
        shown = true
    }

    func finish() { if shown && tty { console.err("\n") } }

    static func clock(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 3600 ? "\(t / 3600):" + String(format: "%02d:%02d", (t / 60) % 60, t % 60) : "\(t / 60):" + String(format: "%02d", t % 60)
    }
}

/// A subjects CSV mapped onto a profile's covariates and etas.
struct SubjectsFile {
    var rows: Int
    var covariates: [SubjectGenerator.CovariateSource]
    var etas: [[Double]]?
    var ids: [String]?
    var notes: [String] = []
    var checksum: String
    var describe: String

    init(path: String, profile pm: ProfileModel, distributions: [CovariateDistribution], etaMap: String?) throws {
        let text = try AtomicFile.read(path, flag: "--subjects")
        checksum = BatchJob.fnv1a(Data(text.utf8))
        let at = "--subjects \(path)"
        let table: CSVTable
        do { table = try CSVTable(parsing: text, what: at) } catch let e as DataError { throw CLIError.failure(e.message) }
        guard !table.rows.isEmpty else { throw CLIError.failure("\(at): no subject rows") }
        rows = table.rows.count
        let p = pm.profile
        var used = Set<Int>()
        let idCol = table.column("id")
        if let c = idCol { used.insert(c); ids = table.rows.map { $0[c].trimmedSpaces } }
        func numbers(_ c: Int) throws -> [Double] {
            try table.rows.enumerated().map { k, r in
                let s = r[c].trimmedSpaces
                guard let v = Double(s), v.isFinite else {
                    throw CLIError.failure("\(at) line \(table.lineNumbers[k]), column \(table.header[c]): '\(s)' is not a finite number")
                }
                return v
            }
        }
        // Covariates: a column named like each covariate; only fixed ones may be missing.
        var covs: [SubjectGenerator.CovariateSource] = []
        var describeParts: [String] = []
        for (k, name) in pm.covariateNames.enumerated() {
            if let c = table.column(name) {
                used.insert(c)
                covs.append(.column(try numbers(c)))
                describeParts.append("\(name) from the file")
            } else if case .fixed = distributions[k] {
                covs.append(.draw(distributions[k]))
            } else {
                throw CLIError.failure("\(at): no column for covariate \(name) of profile \(p.name) (columns: \(table.header.joined(separator: ", ")))")
            }
        }
        covariates = covs
        // Etas: explicit map, then eta names, then eta_<PARAMETER> (trailing digits dropped if needed).
        var explicit: [String: String] = [:]
        if let m = etaMap {
            for part in m.split(separator: ",") {
                let kv = part.split(separator: "=", maxSplits: 1).map { String($0).trimmedSpaces }
                guard kv.count == 2, !kv[0].isEmpty, !kv[1].isEmpty else { throw CLIError.usage("--eta-map: '\(part)' is not COLUMN=ETA or COLUMN=-") }
                guard table.column(kv[0]) != nil else { throw CLIError.usage("--eta-map: no column '\(kv[0])' in \(path) (columns: \(table.header.joined(separator: ", ")))") }
                guard kv[1] == "-" || pm.etaNames.contains(where: { $0.caseInsensitiveEquals(kv[1]) }) else {
                    throw CLIError.usage("--eta-map: profile \(p.name) has no eta '\(kv[1])' (etas: \(pm.etaNames.isEmpty ? "none" : pm.etaNames.joined(separator: ", ")))")
                }
                explicit[kv[0].lowercased()] = kv[1]
            }
        }
        let targets = (p.variability ?? []).map { (name: $0.name, parameter: $0.parameter) }
        var etaColumn: [Int: Int] = [:]   // eta index → column
        for (c, header) in table.header.enumerated() where !used.contains(c) {
            var target: Int? = nil
            if let e = explicit[header.lowercased()] {
                if e == "-" { continue }
                target = targets.firstIndex { $0.name.caseInsensitiveEquals(e) }
            } else if let k = targets.firstIndex(where: { $0.name.caseInsensitiveEquals(header) }) {
                target = k
            } else if header.lowercased().hasPrefix("eta_") {
                let param = String(header.dropFirst(4))
                target = targets.firstIndex { $0.parameter.caseInsensitiveEquals(param) }
                if target == nil {
                    let stripped = String(param.reversed().drop { $0.isNumber }.reversed())
                    if !stripped.isEmpty && stripped != param { target = targets.firstIndex { $0.parameter.caseInsensitiveEquals(stripped) } }
                }
                if target == nil {
                    notes.append("\(at): column \(header) ignored (profile \(p.name) has no eta on \(param))")
                    continue
                }
            } else {
                notes.append("\(at): column \(header) ignored (not a covariate or eta of profile \(p.name))")
                continue
            }
            guard let t = target else { continue }
            if let other = etaColumn[t] {
                throw CLIError.usage("\(at): columns \(table.header[other]) and \(header) both map to eta \(targets[t].name); drop one with --eta-map \(header)=-")
            }
            etaColumn[t] = c
        }
        if etaColumn.isEmpty {
            etas = nil
        } else {
            for (k, t) in targets.enumerated() where etaColumn[k] == nil {
                throw CLIError.failure("\(at): no column for eta \(t.name) (on \(t.parameter)); the file gives some etas, so it must give all (map one with --eta-map COLUMN=\(t.name))")
            }
            etas = try targets.indices.map { try numbers(etaColumn[$0]!) }
            describeParts.append("etas " + targets.indices.map { "\(targets[$0].name)<-\(table.header[etaColumn[$0]!])" }.joined(separator: ", "))
        }
        describe = describeParts.isEmpty ? "no columns used" : describeParts.joined(separator: "; ")
    }
}

/// Rendering of batch documents (shared with `merge`).
enum BatchReport {
    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }
    static var compactEncoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }
    static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }

    /// CSV number: shortest round-trip text, NA for NaN.
    static func number(_ x: Double) -> String { x.isNaN ? "NA" : Format.g(x) }

    static func csvField(_ s: String) -> String {
        s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func render(_ doc: BatchDocument, format: String) throws -> String {
        switch format {
        case "json": return try json(doc)
        case "csv": return csv(doc)
        default: return table(doc)
        }
    }

    /// Pretty JSON for the metadata and summary, the state compact on one line.
    static func json(_ doc: BatchDocument) throws -> String {
        var head = doc
        head.state = nil
        var text = String(decoding: try encoder.encode(head), as: UTF8.self)
        guard let state = doc.state else { return text + "\n" }
        while let l = text.last, l == "\n" || l == " " || l == "}" {
            text.removeLast()
            if l == "}" { break }
        }
        return text + ",\n  \"state\" : " + String(decoding: try compactEncoder.encode(state), as: UTF8.self) + "\n}\n"
    }

    static func headerLines(_ doc: BatchDocument) -> [String] {
        let r = doc.run
        var lines = [
            "ketasim \(doc.ketasim) batch: \(doc.disclaimer)",
            "Profile: \(r.profile): \(r.profileTitle) (\(r.analyte))",
            "Source: \(r.citation)",
            "Population: N \(r.n), seed \(r.seed); subjects \(r.subjects)",
            "Random numbers: \(r.rng)",
            "Regimen: \(r.regimen); grid \(r.grid)",
            "Band\(r.bandName.map { " '\($0)'" } ?? ""): \(Format.g(r.bandNgPerML[0]))-\(Format.g(r.bandNgPerML[1])) ng/mL from \(Format.g(r.windowH[0])) to \(Format.g(r.windowH[1])) h; discharge below \(Format.g(r.dischargeNgPerML)) ng/mL",
            "Residual error: " + (r.residual.map { e in
                [e.proportional != 0 ? "proportional \(Format.g(e.proportional))" : nil, e.additive != 0 ? "additive \(Format.g(e.additive)) ng/mL" : nil,
                 e.exponential != 0 ? "exponential \(Format.g(e.exponential))" : nil].compactMap { $0 }.joined(separator: ", ") + " (bands are of simulated observations)"
            } ?? "none"),
        ]
        if let s = doc.shard { lines.append("Shard \(s.index)/\(s.count): subjects \(s.firstSubject)-\(s.lastSubject)") }
        lines.append("Simulated: \(doc.subjectsSimulated) subjects; quantiles: metrics \(doc.summary.metrics.first?.method ?? "-"), bands \(doc.summary.bandMethod)")
        return lines
    }

    static func perSubjectHeader(_ info: RunInfo, shard: ShardInfo?) -> String {
        var s = "# ketasim \(Ketasim.version) batch: profile \(info.profile); seed \(info.seed); N \(info.n); \(Ketasim.disclaimer)\n"
        s += "# regimen: \(info.regimen); subjects: \(info.subjects)\n"
        s += "# units: cmax ng/mL, tmax_h h, auc ng*h/mL (0 to end), band_h h in \(Format.g(info.bandNgPerML[0]))-\(Format.g(info.bandNgPerML[1])) ng/mL, discharge_h h until below \(Format.g(info.dischargeNgPerML)) ng/mL for good (NA: not within 30 days)\n"
        if let sh = shard { s += "# shard \(sh.index)/\(sh.count): subjects \(sh.firstSubject)-\(sh.lastSubject)\n" }
        s += (["id"] + info.covariates + info.etas + SubjectMetrics.names).map(csvField).joined(separator: ",") + "\n"
        return s
    }

    static func curvesHeader(_ info: RunInfo, shard: ShardInfo?) -> String {
        var s = "# ketasim \(Ketasim.version) batch: profile \(info.profile); seed \(info.seed); N \(info.n); \(Ketasim.disclaimer)\n"
        s += "# regimen: \(info.regimen); \(info.output) in ng/mL\(info.residual == nil ? "" : "; DV: with residual error")\n"
        if let sh = shard { s += "# shard \(sh.index)/\(sh.count): subjects \(sh.firstSubject)-\(sh.lastSubject)\n" }
        s += "id,time_h,\(info.output)" + (info.residual == nil ? "" : ",DV") + "\n"
        return s
    }

    static let metricLabels = ["Cmax ng/mL", "Tmax h", "AUC ng*h/mL", "h in band", "discharge h"]

    static func pctName(_ p: Double) -> String { "p" + Format.g(p) }

    static func csv(_ doc: BatchDocument) -> String {
        let s = doc.summary
        var out = headerLines(doc).map { "# " + $0 }.joined(separator: "\n") + "\n"
        out += "kind,name,time_h,n,not_reached,mean,sd,min," + s.percentiles.map(pctName).joined(separator: ",") + ",max,count,probability\n"
        func num(_ x: Double?) -> String { x.map(number) ?? "" }
        for m in s.metrics {
            out += "metric,\(m.name),,\(m.n),\(m.notReached),\(num(m.mean)),\(num(m.sd)),\(num(m.min)),"
                + m.percentiles.map(number).joined(separator: ",") + ",\(num(m.max)),,\n"
        }
        let blanks = String(repeating: ",", count: s.percentiles.count)
        for t in s.thresholds {
            out += "threshold,\(csvField("\(t.name) cmax>=\(Format.g(t.levelNgPerML))ng/mL")),,\(s.subjects),,,,\(blanks),,\(t.count),\(number(t.probability))\n"
        }
        for (i, t) in s.timesH.enumerated() {
            out += "band,\(doc.run.output),\(number(t)),,,,,," + s.bands.map { number($0[i]) }.joined(separator: ",") + ",,,\n"
        }
        return out
    }

    static func table(_ doc: BatchDocument) -> String {
        let s = doc.summary
        var out = headerLines(doc).joined(separator: "\n") + "\n\n"
        let cols = ["Metric", "n", "mean", "sd"] + s.percentiles.map(pctName)
        var rows: [[String]] = []
        for (k, m) in s.metrics.enumerated() {
            rows.append([metricLabels[k] + (m.notReached > 0 ? " (\(m.notReached) NA)" : ""), "\(m.n)", m.mean.map { Format.sig($0) } ?? "-",
                         m.sd.map { Format.sig($0) } ?? "-"] + m.percentiles.map { $0.isNaN ? "-" : Format.sig($0) })
        }
        out += grid(cols, rows)
        if !s.thresholds.isEmpty {
            out += "\nP(Cmax >= threshold):\n"
            for t in s.thresholds {
                out += "  \(Format.pad(t.name, 24)) \(Format.pad(Format.short(t.levelNgPerML) + " ng/mL", 12, right: true))  \(Format.f(t.probability, 4))  (\(t.count)/\(s.subjects))\n"
            }
        }
        if !s.timesH.isEmpty {
            out += "\n\(doc.run.output) percentiles, ng/mL (\(s.bandMethod)):\n"
            let step = Swift.max(1, s.timesH.count / 24)
            var brows: [[String]] = []
            var i = 0
            while i < s.timesH.count {
                brows.append([Format.f(s.timesH[i], 2)] + s.bands.map { Format.sig($0[i]) })
                if i == s.timesH.count - 1 { break }
                i = Swift.min(i + step, s.timesH.count - 1)
            }
            out += grid(["time h"] + s.percentiles.map(pctName), brows)
        }
        return out
    }

    static func grid(_ cols: [String], _ rows: [[String]]) -> String {
        var widths = cols.map(\.count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = Swift.max(widths[i], c.count) } }
        func line(_ r: [String]) -> String {
            zip(r, widths).enumerated().map { i, cw in Format.pad(cw.0, cw.1, right: i > 0) }.joined(separator: "  ") + "\n"
        }
        return line(cols) + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" + rows.map(line).joined()
    }
}
