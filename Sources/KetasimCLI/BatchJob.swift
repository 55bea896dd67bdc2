import Dispatch
import Foundation
import PKCore
import PKProfiles
import Planner
import Reports
import Studies

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
    /// `--model FILE.model`: the text model whose parameters the subjects get (instead of the profile's).
    var textModel: BatchTextModel?

    init(_ a: Arguments, console: Ketasim.Console) throws {
        let modelPath = a.value("--model")
        if modelPath != nil && a.value("--profile") != nil { throw CLIError.usage("--model: not with --profile (the model file is the model)") }
        if modelPath == nil {
            for f in ["--cmt", "--f", "--rtol", "--atol", "--method"] where a.value(f) != nil { throw CLIError.usage("\(f): only with --model") }
        }
        let pm: ProfileModel
        do { pm = try ProfileLibrary.load(a.value("--profile") ?? StudyDefaults.profileName) } catch let e as ProfileError { throw CLIError.usage(e.message) }
        profile = pm
        let p = pm.profile
        let at = "profile \(p.name)"
        var effect: PopulationEffect? = nil
        if a.flag("--effect") {
            if let modelPath { throw CLIError.usage("--effect: not with --model \(modelPath) (effect sites are defined for racemic and S-ketamine profiles)") }
            do { effect = try PopulationEffect(profile: pm) } catch let e as StudyError { throw CLIError.from(e) }
        }

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
        if let modelPath {
            let tm = try BatchTextModel(path: modelPath, options: try odeOptions(a), subjectsPath: a.value("--subjects"), etaMap: a.value("--eta-map"))
            if let rows = tm.rows, let n, n > rows {
                throw CLIError.usage("--n: \(n) subjects but --subjects \(a.value("--subjects")!) has \(rows) rows")
            }
            n = n ?? tm.rows
            covSources = tm.covariates
            etaSource = tm.etas
            ids = tm.ids
            notes = tm.notes
            subjectsText = tm.subjectsText
            textModel = tm
        } else if let path = a.value("--subjects") {
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
        var window = (0.0, Swift.min(StudyDefaults.sessionWindowH(analyte: p.analyte), durationH))
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
        var names = Set<String>()
        for t in thresholds where !names.insert(t.name.lowercased()).inserted {
            throw CLIError.usage("--threshold: the name '\(t.name)' is given twice (each names a row of the summary)")
        }
        if a.value("--start") != nil && a.value("--protocol") == nil {
            throw CLIError.usage("--start: only with --protocol (it fixes the protocol's weekday pattern)")
        }
        var percentiles = [5.0, 25, 50, 75, 95]
        if let t = a.value("--percentiles") {
            let vs = t.split(separator: ",", omittingEmptySubsequences: false).map { CSVTable.number($0.trimmingCharacters(in: .whitespaces)) }
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
        if let tm = textModel {
            for f in ["--protocol", "--data"] where a.value(f) != nil { throw CLIError.usage("\(f): not with --model (give --route, --dose, --every, --count)") }
            let routeText = a.value("--route") ?? "iv"
            guard let route = Route(text: routeText) else { throw CLIError.usage("--route: unknown route '\(routeText)' (use iv, iv-bolus, im, in, po, sl or pr)") }
            let states = tm.model.compartmentNames
            let cmtName = a.value("--cmt") ?? (route.isIntravascular ? "central" : "depot")
            guard let cmt = states.firstIndex(of: cmtName) else {
                throw CLIError.usage("--cmt: model \(tm.fileName) has no state '\(cmtName)' (states: \(states.joined(separator: ", ")))")
            }
            let f = try a.value("--f").map { try Units.fraction($0, flag: "--f") } ?? 1
            let dose = try Units.dose(a.value("--dose") ?? "0.5mg/kg")
            // Weight for doses per kg: a WT covariate column, else the model's WT parameter default.
            let wtCovariate = tm.covariateNames.firstIndex(of: "WT")
            let wtDefault = tm.model.parameterNames.firstIndex(of: "WT").map { tm.model.defaultParameters[$0] }
            if case .mgPerKg = dose, wtCovariate == nil, wtDefault == nil {
                throw CLIError.usage("--dose: a dose per kg needs a WT parameter in \(tm.fileName) or a WT column in --subjects (give mg)")
            }
            try BatchJob.checkDose(dose)
            let (count, every, infusionH, times) = try BatchJob.repeatsAndGrid(a, route: route, durationH: durationH, stepH: stepH)
            let dosing = TextModelDosing(compartment: cmt, bioavailability: f, infusionH: route == .ivInfusion ? infusionH : nil, intervalH: every, count: count)
            var sim: TextModelSubjectSimulator
            do {
                sim = try TextModelSubjectSimulator(model: tm.model, timesH: times, options: options, dosing: dosing) { s in
                    dose.milligrams(weightKg: wtCovariate.map { s.covariates[$0] } ?? wtDefault ?? 70)
                }
            } catch let e as SimulationError { throw CLIError.usage("--model \(tm.fileName): \(e.message)") }
            // Bands, thresholds and the report are in ng/mL: an output declared in another unit
            // would be read as ng/mL (mg/L a thousand times too low), so it is refused.
            if let unit = tm.model.program.outputUnits[sim.outputIndex]?.trimmedSpaces, !BatchJob.isNgPerML(unit) {
                throw CLIError.usage("--model \(tm.fileName): output \(tm.model.outputNames[sim.outputIndex]) is in '\(unit)'; batch reads it in ng/mL "
                                     + "(its bands, thresholds and report): write the output in ng/mL, e.g. 1000 * central / V [ng/mL] for V in L")
            }
            sim.useLanes = tm.model.options.method != .rodas4
            simulator = sim
            regimenText = BatchJob.regimenText(route: route, dose: dose, infusionH: infusionH, count: count, every: every)
                + " into \(cmtName), F \(NumberFormat.g(f))"
            gridText = "0 to \(NumberFormat.short(durationH, 6)) h every \(NumberFormat.short(stepH * 60, 6)) min (\(times.count) points)"
        } else if let dataPath = a.value("--data") {
            for f in ["--protocol", "--start", "--route", "--dose", "--every", "--count", "--infusion", "--duration", "--step"] where a.value(f) != nil {
                throw CLIError.usage("\(f): not with --data (the data set is the regimen and its EVID 0 times the grid)")
            }
            if effect != nil { throw CLIError.usage("--effect: not with --data (effect metrics are on the exact solution; a data set's are on its grid)") }
            let text = try AtomicFile.read(dataPath, flag: "--data")
            do {
                let data = try NonmemDataset(parsing: text)
                // The profile doses ketamine in mg: an AMT beyond any ketamine dose is a unit slip
                // (µg given as mg), as `--dose` refuses it.
                if let r = data.rows.first(where: { ($0.evid == 1 || $0.evid == 4) && $0.amount > 5000 }) {
                    throw CLIError.failure("--data \(dataPath): line \(r.line): AMT \(NumberFormat.g(r.amount)) mg is beyond any ketamine dose (> 5 g; the profile's amounts are in mg)")
                }
                simulator = try DatasetSubjectSimulator(data: data, model: pm.dosing.compiled, options: options)
                if let n = try NonmemStudy.routePartNote(data, pm) { self.notes.append("--data: " + n.dropFirst("note: ".count)) }
                // Covariate columns (WT, ...) of the one individual are not the population's: say so
                // (`nm` uses them; here every subject has its own, drawn or from --subjects).
                let unused = data.header.filter { h in pm.covariateNames.contains { $0.lowercased() == h.lowercased() } }
                if !unused.isEmpty {
                    self.notes.append("--data: the data set's \(unused.joined(separator: ", ")) column\(unused.count == 1 ? " is" : "s are") not used: "
                                 + "each subject's covariates come from the population (drawn, or --subjects)")
                }
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
                throw CLIError.usage("--duration: \(NumberFormat.g(end)) h ends before the protocol's last dose at \(NumberFormat.g(course.timesH.last!)) h")
            }
            guard !BatchJob.endsBefore(end, course.lastDoseEndH) else {
                throw CLIError.usage("--duration: \(BatchJob.hours(end, against: course.lastDoseEndH)) h ends before the protocol's last infusion does at \(BatchJob.hours(course.lastDoseEndH, against: end)) h; simulate past its end")
            }
            let times = try BatchJob.grid(endH: end, stepH: stepH)
            let wtIndex = pm.covariateNames.firstIndex(of: "WT")
            var sim = try RegimenSubjectSimulator(model: pm.dosing, timesH: times, options: options) { s in
                course.regimen(weightKg: wtIndex.map { s.covariates[$0] } ?? 70)
            }
            sim.effectSites = effect?.outputs ?? []
            simulator = sim
            regimenText = course.description
            gridText = "0 to \(NumberFormat.short(end, 6)) h every \(NumberFormat.short(stepH * 60, 6)) min (\(times.count) points)"
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
            try BatchJob.checkDose(dose)
            let (count, every, infusionH, times) = try BatchJob.repeatsAndGrid(a, route: route, durationH: durationH, stepH: stepH)
            let (inf, ev, cnt) = (infusionH, every, count)
            var sim = try RegimenSubjectSimulator(model: pm.dosing, timesH: times, options: options) { s in
                let mg = dose.milligrams(weightKg: wtIndex.map { s.covariates[$0] } ?? 70)
                return route == .ivInfusion
                    ? Regimen().infusion(amountMg: mg, overH: inf, every: ev, count: cnt)
                    : Regimen().dose(amountMg: mg, route: route, every: ev, count: cnt)
            }
            sim.effectSites = effect?.outputs ?? []
            simulator = sim
            regimenText = BatchJob.regimenText(route: route, dose: dose, infusionH: infusionH, count: count, every: every)
            gridText = "0 to \(NumberFormat.short(durationH, 6)) h every \(NumberFormat.short(stepH * 60, 6)) min (\(times.count) points)"
        }

        // Residual error.
        residual = try ResidualOption.parse(a.value("--residual") ?? "none", model: ResidualOption.Model(
            profile: textModel == nil ? (p, "CP") : nil,
            noProfile: "--residual: 'profile' needs a profile; with --model give one, e.g. --residual prop=0.2,add=5ng/mL",
            bareAdditive: false, unitAdditive: true))

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
                throw CLIError.usage("--svg/--html: the ribbons need the \(NumberFormat.short(p))th percentile (keep 5, 25, 50, 75, 95 in --percentiles)")
            }
        }
        var fmt = try OutputFormat.resolve(a)
        if shard != nil {
            guard outPath != nil else { throw CLIError.usage("--shard: needs --out FILE.json (shard outputs are merged with 'ketasim merge')") }
            if fmt != "json" { throw CLIError.usage("--shard: shard outputs are JSON (they carry the mergeable state); got --format \(fmt)") }
            fmt = "json"
        }
        format = fmt
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
        var plan = SummaryPlan(thresholds: thresholds, timesH: simulator.timesH, totalSubjects: total)
        plan.extraMetrics = effect?.extraMetrics
        var info = RunInfo(
            profile: p.name, profileTitle: p.title, analyte: p.analyte, citation: p.citation, seed: seed, n: total,
            rng: "Philox4x64-10 keyed by (seed, subject index, stream, draw index); uniforms (k+0.5)/2^53; normals by inversion (Wichura AS241)",
            subjects: subjectsText, regimen: regimenText, output: options.output, grid: gridText, bandName: bandName,
            bandNgPerML: [band.low, band.high], windowH: [window.0, window.1], dischargeNgPerML: discharge,
            residual: residual, percentiles: percentiles, plan: plan, covariates: pm.covariateNames, etas: pm.etaNames)
        info.effect = effect?.info
        if let tm = textModel, let sim = simulator as? TextModelSubjectSimulator {
            info.profile = "model \(tm.fileName)"
            info.profileTitle = "text model (FNV-1a \(tm.checksum)); output \(options.output) taken as ng/mL"
            info.citation = "the model file"
            info.covariates = tm.covariateNames
            info.etas = tm.etaNames
            let o = tm.model.options
            info.solver = sim.useLanes ? sim.solverDescription
                : "event engine subject by subject, \(o.method == .rodas4 ? "Rodas4" : "\(o.method)"), rtol \(o.rtol[0]), atol \(o.atol[0])"
        }
        self.info = info
    }

    /// The study this run is: the subjects of `range` on `threads` workers.
    func study(plan: SummaryPlan) -> PopulationStudy {
        if let tm = textModel {
            return PopulationStudy(parameterNames: tm.model.parameterNames, individual: tm.individual, generator: generator, simulator: simulator,
                                   residual: residual, plan: plan, range: range, threads: threads)
        }
        return PopulationStudy(profile: profile, generator: generator, simulator: simulator, residual: residual, plan: plan, range: range, threads: threads)
    }
}
