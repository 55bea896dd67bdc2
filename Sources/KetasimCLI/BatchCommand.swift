import Dispatch
import Foundation
import PKCore
import PKProfiles
import Planner
import Reports
import Studies

/// `ketasim batch`: a virtual population through one regimen, in parallel, with reproducible
/// per-subject draws, streaming per-subject output, summaries, and shards that merge exactly.
enum BatchCommand {
    static let spec = CommandSpec(
        name: "batch", summary: "simulate a virtual population: per-subject metrics, percentile bands, shards",
        usage: ["ketasim batch [--n N | --subjects FILE] [options]"],
        about: """
            Simulates a virtual population: subjects drawn from a profile's covariate distributions and
            between-subject variability (Omega, through its Cholesky factor), or read from a CSV file; every
            subject through the same regimen on the exact linear solution. Writes per-subject metrics (Cmax,
            Tmax, AUC, minutes in band during the session window, time to discharge) as subjects finish, in
            subject order, and a summary: mean, SD and percentiles of each metric, the probability of Cmax at
            or above named thresholds, and percentile bands of the concentration over time.
            """,
        groups: [
            OptionGroup("Subjects", [
                OptionSpec("--profile", "P", """
                    a profile ('ketasim profiles'; default \(StudyDefaults.profileName), which has no
                    between-subject variability: herd-2007 has it, fitted in children)
                    """),
                OptionSpec("--n", "N", "number of subjects (default: the rows of --subjects)"),
                OptionSpec("--seed", "S", """
                    random seed, 0 to 2^64-1 (default 1). Draws are keyed by (seed, subject,
                    draw), so each subject's values are the same for any --threads and --shard
                    """),
                OptionSpec("--subjects", "FILE", """
                    CSV of covariates and/or etas, one row per subject (first N rows): a column
                    per covariate (e.g. WT) and, optionally, eta columns; etas not given are
                    drawn from Omega. Eta columns map by name: ETA_CL (the profile's eta name),
                    or eta_X for the eta on parameter X, trailing digits dropped if needed
                    (eta_Q2 -> the eta on Q), so the benchmark subjects file works as is
                    """),
                OptionSpec("--eta-map", "MAP", "explicit column mapping, e.g. eta_Q2=ETA_Q,eta_KA=- (- ignores a column)"),
            ]),
            OptionGroup("Regimen (default: IV 0.5 mg/kg over 40 min)", [
                OptionSpec("--route", "R", "iv, iv-bolus, im, in, po, sl, pr"),
                OptionSpec("--dose", "D", "e.g. 0.5mg/kg (per kg of each subject's WT) or 35mg"),
                OptionSpec("--infusion", "T", "IV infusion duration (default 40min)"),
                OptionSpec("--every", "T", "repeat the dose every T ..."),
                OptionSpec("--count", "N", "... N doses in all"),
                OptionSpec("--protocol", "NAME", """
                    a planner protocol ('ketasim plan --list', or a protocol JSON file as for
                    'plan --protocol') as the regimen: its dosing
                    sessions and start doses at each subject's weight (the projected course,
                    no responses or top-ups)
                    """),
                OptionSpec("--start", "DATE", "with --protocol: fixes the weekday pattern (YYYY-MM-DD)"),
                OptionSpec("--data", "FILE", """
                    a NONMEM data set of one individual as the regimen (EVID 0 times are the
                    grid; metrics then on that grid, linear between points; AMT in mg, at most
                    5 g)
                    """),
            ]),
            OptionGroup("Text models", [
                OptionSpec("--model", "FILE", """
                    a text model (.model) instead of a profile: --subjects columns named
                    like its parameters set them (e.g. WT), its [omega] etas (ETA_VMAX, or
                    eta_VMAX; or --eta-map) come from columns or are drawn. Solved in lanes
                    of subjects on Dormand-Prince, Rodas4 for groups that turn stiff; the
                    output (CP) is taken as ng/mL
                    """),
                OptionSpec("--cmt", "NAME", "the dosed state of --model (default: depot, or central for IV)"),
                OptionSpec("--f", "F", "bioavailability of each --model dose (0-1, default 1)"),
                OptionSpec("--rtol", "R", "ODE relative tolerance for --model (default 1e-6)"),
                OptionSpec("--atol", "A", "ODE absolute tolerance for --model (default 1e-9; amounts)"),
                OptionSpec("--method", "M", """
                    ODE method for --model: auto (default) or dopri5 (both: the lane path),
                    rodas4 (the event engine, subject by subject)
                    """),
            ]),
            OptionGroup("Output grid and metrics", [
                OptionSpec("--duration", "T", "simulated time (default 24h)"),
                OptionSpec("--step", "T", "grid step (default 5min)"),
                OptionSpec("--band", "B", "named band (e.g. dissociation) or LOW-HIGH, e.g. 100-250ng/mL (default dissociation)"),
                OptionSpec("--window", "T", "time in band counts from 0 to T (default 90min, the session window; S-ketamine 2h)"),
                OptionSpec("--discharge", "C", "discharge level (default: the band's lower edge)"),
                OptionSpec("--threshold", "X", """
                    NAME=CONC or CONC, repeatable: report P(Cmax >= CONC)
                    (default: the lower edges of the analyte's named bands)
                    """, repeatable: true),
                OptionSpec("--percentiles", "L", "comma-separated (default 5,25,50,75,95)"),
                OptionSpec("--residual", "R", """
                    simulated observations for the bands and --curves: none (default),
                    profile (the profile's residual error on CP), or e.g. prop=0.2,add=5ng/mL
                    (combined), add=10ng/mL, exp=0.25 (log-normal)
                    """),
                .flag("--effect", """
                    also the predicted effect (racemic and S-ketamine profiles): per subject
                    and PD model with a known ke0 and C50 (Profiles/pd.json), the peak
                    S-ketamine effect-site Ce and its time, its delay after the Cp peak, peak
                    Ce/C50, minutes with Ce >= C50 and the time Ce stays below C50, on the
                    exact solution; the spread is PK only (PD between-subject variability
                    not published). Opt-in, as default batch speed is a benchmark target:
                    each PD model adds a simulation per subject. Not with --data
                    """),
            ]),
            OptionGroup("Execution and output", [
                OptionSpec("--threads", "N", "worker threads (default: all cores)"),
                OptionSpec("--shard", "K/N", """
                    run the K-th of N deterministic parts of the subjects (write JSON; merge with
                    'ketasim merge')
                    """),
                OptionSpec("--out", "FILE", "summary file (.json, .csv or text; default: standard output as a table)"),
                OptionSpec("--format", "F", "table, csv or json (default: from --out's extension)"),
                OptionSpec("--per-subject", "F", "per-subject metrics CSV (default with --out: <out>.subjects.csv)"),
                OptionSpec("--curves", "F", "per-subject concentration (and observation) on the grid, long CSV"),
                OptionSpec("--svg", "FILE", "percentile ribbons (5-95, 25-75) and median with the band, as SVG"),
                OptionSpec("--html", "FILE", "a self-contained HTML report with the ribbons and the summary"),
                .flag("--summary-only", "no per-subject file and no curves (not with --curves)"),
                .flag("--resume", "if --out already holds this run (same arguments), do nothing"),
                .flag("--quiet", "no progress line"),
                .flag("--progress", "force the progress line (lines every 10 s when not a terminal)"),
            ]),
        ],
        notes: """
            Quantiles: exact for metrics up to 100,000 subjects and for bands up to 2,000,000 values
            (subjects x grid times); beyond, a log-bucket sketch with relative error <= 0.1% (metrics) and
            <= 1% (bands; band values below 0.001 ng/mL count as 0). The choice depends on the study's N
            only. Means come from exact sums, so a merge of shards equals one run bit for bit. Memory is
            bounded (exact values up to those limits, then sketches whatever N). Files are written to a temporary file and renamed: an interrupted run leaves
            no partial output.
            """,
        examples: ["ketasim batch --profile herd-2007 --n 10000 --seed 42 --dose 0.5mg/kg --out study.json"])

    static func run(_ args: [String], console: Ketasim.Console) throws {
        let a = try Arguments(args, spec: spec)
        if a.wantsHelp { console.out(spec.help); return }
        let job = try BatchJob(a, console: console)
        try job.execute(console: console)
    }
}

extension BatchJob {
    /// Runs the study and writes its outputs: streamed files first, then --out, so --resume trusts
    /// only finished runs.
    func execute(console: Ketasim.Console) throws {
        let info = self.info
        if !quiet { for n in notes { console.err("ketasim batch: note: \(n)\n") } }
        if resume, let out = outPath, AtomicFile.isCompleted(out),
           let text = try? String(contentsOfFile: out, encoding: .utf8),
           let doc = try? BatchReport.document(text, origin: out),
           doc.run == info, doc.shard == shardInfo, doc.perSubjectFile == perSubjectPath.map({ ($0 as NSString).lastPathComponent }),
           doc.curvesFile == curvesPath.map({ ($0 as NSString).lastPathComponent }),
           [perSubjectPath, curvesPath].allSatisfy({ $0.map(AtomicFile.isCompleted) ?? true }),
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
            let sink = BatchFileSink(perSubject: perSubject, curves: curves, timesH: simulator.timesH, withObservations: residual != nil, progress: progress)
            let accumulator: PopulationAccumulator
            do { accumulator = try study(plan: plan).run(sink: sink) } catch let e as PopulationStudy.SubjectFailure {
                throw CLIError.failure(e.message)
            }
            progress.finish()
            try perSubject?.flush()
            try curves?.flush()
            var doc = BatchDocument(
                ketasim: Ketasim.version, disclaimer: Ketasim.disclaimer, run: info, shard: shardInfo, subjectsSimulated: accumulator.subjects,
                summary: accumulator.summary(plan: plan, percentiles: info.percentiles),
                perSubjectFile: perSubjectPath.map { ($0 as NSString).lastPathComponent },
                curvesFile: curvesPath.map { ($0 as NSString).lastPathComponent }, state: accumulator)
            (doc.perSubjectDigest, doc.curvesDigest) = (perSubject?.digest, curves?.digest)
            let text = try BatchReport.render(doc, format: format, width: outPath == nil ? console.width : 80)
            // Reports first, then the streamed files, then --out (the sign of a finished run for
            // --resume): a failure anywhere leaves no partial output.
            if shardInfo == nil { try BatchGraphics.write(doc, svg: svgPath, html: htmlPath) }
            let summary = try outPath.map { try AtomicFile.prepare(text, to: $0) }
            try perSubject?.commit()
            try curves?.commit()
            if let p = perSubjectPath { try Provenance.writeSidecar(for: p, command: "batch", lines: BatchReport.perSubjectProvenance(info, shard: shardInfo), flag: "--per-subject") }
            if let p = curvesPath { try Provenance.writeSidecar(for: p, command: "batch", lines: BatchReport.curvesProvenance(info, shard: shardInfo), flag: "--curves") }
            if format == "csv", let o = outPath { try Provenance.writeSidecar(for: o, command: "batch", lines: BatchReport.headerLines(doc)) }
            try summary?.commit()
            if format != "csv", let o = outPath { Provenance.removeStaleSidecar(of: o) }
            if outPath == nil {
                // Prose lines of the text summary wrap at the console width; its tables already fit.
                console.out(format == "csv" || format == "json" ? text : TextTable.wrapProse(text, width: console.width))
                if format == "csv" { console.err("ketasim batch: " + BatchReport.headerLines(doc).joined(separator: "; ") + "\n") }
            }
            if progress.enabled {
                let s = Date().timeIntervalSince(started)
                console.err("ketasim batch: \(range.count) subjects in \(NumberFormat.f(s, 1)) s (\(NumberFormat.f(Double(range.count) / Swift.max(s, 1e-9), 0))/s, \(threads) threads)\n")
            }
        } catch {
            for s in streams { s.abort() }
            throw error
        }
    }
}

/// The batch command's sink: per-subject and curves CSV rows formatted on the workers, written in
/// subject order to the streaming files, with the progress line.
struct BatchFileSink: PopulationSink {
    var perSubject: StreamingFile?
    var curves: StreamingFile?
    var timesH: [Double]
    var withObservations: Bool
    var progress: ProgressLine
    /// Curves only for the curves file.
    var needsCurves: Bool { curves != nil }

    func format(_ subjects: [PopulationSubject]) -> (perSubject: String, curves: String) {
        var rows = "", curveRows = ""
        if perSubject != nil {
            rows.reserveCapacity(subjects.count * 160)
            for s in subjects { BatchReport.appendPerSubjectRow(s, to: &rows) }
        }
        if curves != nil { for s in subjects { curveRows += BatchReport.curveRows(s, timesH: timesH, withObservations: withObservations) } }
        return (rows, curveRows)
    }

    func emit(_ chunk: (perSubject: String, curves: String), subjectsDone: Int) throws {
        perSubject?.write(chunk.perSubject)
        curves?.write(chunk.curves)
        try perSubject?.flushIfLarge()
        try curves?.flushIfLarge()
        progress.update(subjectsDone)
    }
}
