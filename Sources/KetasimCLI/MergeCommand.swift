import Studies
import Foundation
import PKProfiles
import Reports
import PKCore

/// `ketasim merge`: combines the JSON outputs of `ketasim batch --shard K/N` into exactly what one
/// run of all subjects writes.
enum MergeCommand {
    static let spec = CommandSpec(
        name: "merge", summary: "merge the shard outputs of 'batch --shard K/N' into one run's output",
        usage: ["ketasim merge SHARD.json... [--out FILE] [options]"],
        about: """
            Combines the shard outputs of 'ketasim batch --shard K/N' (every K from 1 to N, each once, all
            from the same arguments) into the output one run of all subjects would have written: the same
            counts, exact sums and means, exact quantiles, sketches and JSON, bit for bit. The per-subject
            (and --curves) files of the shards, found beside their JSON files, are concatenated in subject
            order.
            """,
        groups: [
            OptionGroup("Options", [
                OptionSpec("--out", "FILE", "merged summary (.json, .csv or text; default: standard output as a table)"),
                OptionSpec("--format", "F", "table, csv or json (default: from --out's extension)"),
                OptionSpec("--per-subject", "F", """
                    merged per-subject CSV (default with --out: <out>.subjects.csv, when the
                    shards have per-subject files)
                    """),
                OptionSpec("--curves", "F", "merged curves CSV (when the shards have curves files)"),
                OptionSpec("--svg", "FILE", "percentile ribbons and median with the band, as SVG"),
                OptionSpec("--html", "FILE", "a self-contained HTML report with the ribbons and the summary"),
                .flag("--summary-only", "no per-subject file"),
            ]),
        ],
        examples: ["ketasim merge shards/part-*.json --out study.json"], positionalMax: 1_000_000)

    static func run(_ args: [String], console: Ketasim.Console) throws {
        let a = try Arguments(args, spec: spec)
        if a.wantsHelp { console.out(spec.help); return }
        // The provenance sidecars batch writes beside the shards' CSV files (`*.meta.json`) match the
        // usual glob `shards/part-*.json`; they are never shards, so they are passed over.
        let inputs = a.positional.filter { !$0.hasSuffix(Provenance.sidecarSuffix) }
        guard !inputs.isEmpty else { throw CLIError.usage("merge: no shard files (see 'ketasim merge --help')") }
        let format = try OutputFormat.resolve(a)
        let out = a.value("--out")

        // Read and check every shard before writing anything.
        var shards: [(path: String, doc: BatchDocument, state: PopulationAccumulator, shard: ShardInfo)] = []
        for path in inputs {
            let text = try AtomicFile.read(path, flag: "merge")
            let doc: BatchDocument
            doc = try BatchReport.document(text, origin: "merge: \(path)")
            guard let state = doc.state else { throw CLIError.failure("merge: \(path) has no mergeable state") }
            guard let sh = doc.shard else { throw CLIError.failure("merge: \(path) is a complete run, not a shard (--shard K/N)") }
            guard state.subjects == UInt64(sh.lastSubject - sh.firstSubject + 1) else {
                throw CLIError.failure("merge: \(path) holds \(state.subjects) subjects, but shard \(sh.index)/\(sh.count) has \(sh.lastSubject - sh.firstSubject + 1)")
            }
            if let first = shards.first {
                guard doc.ketasim == first.doc.ketasim else {
                    throw CLIError.failure("merge: \(path) is from ketasim \(doc.ketasim), \(first.path) from \(first.doc.ketasim); rerun the shards with one version")
                }
                guard doc.run == first.doc.run else {
                    throw CLIError.failure("merge: \(path) is from a different run than \(first.path) (\(differences(doc.run, first.doc.run)) differ)")
                }
                guard sh.count == first.shard.count else {
                    throw CLIError.failure("merge: \(path) is shard \(sh.index)/\(sh.count), \(first.path) is of \(first.shard.count) shards")
                }
            }
            if let dup = shards.first(where: { $0.shard.index == sh.index }) {
                throw CLIError.failure("merge: \(path) and \(dup.path) are both shard \(sh.index)/\(sh.count)")
            }
            shards.append((path, doc, state, sh))
        }
        shards.sort { $0.shard.index < $1.shard.index }
        let count = shards[0].shard.count
        let missing = Set(1...count).subtracting(shards.map(\.shard.index)).sorted()
        guard missing.isEmpty else {
            throw CLIError.failure("merge: missing shard\(missing.count > 1 ? "s" : "") \(missing.map(String.init).joined(separator: ", ")) of \(count)")
        }
        let run = shards[0].doc.run

        // Per-subject and curves files beside each shard's JSON.
        func companions(_ key: KeyPath<BatchDocument, String?>, flag: String, explicit: String?) throws -> (out: String, inputs: [String])? {
            if a.flag("--summary-only") { return nil }
            let names = shards.map { s in s.doc[keyPath: key].map { URL(fileURLWithPath: s.path).deletingLastPathComponent().appendingPathComponent($0).path } }
            guard let target = explicit ?? (flag == "--per-subject" ? out.map { BatchJob.sibling($0, suffix: ".subjects.csv") } : nil) else { return nil }
            guard names.allSatisfy({ $0 != nil && FileManager.default.fileExists(atPath: $0!) }) else {
                // Explicitly asked for, or written by the shards' runs and now missing: an error (a
                // merge that silently drops the per-subject rows would look complete).
                // Some shards with the file and some without (one run with --summary-only) is
                // refused too: the merged file would silently lack those shards' subjects.
                let recordedButMissing = names.contains { $0 != nil && !FileManager.default.fileExists(atPath: $0!) }
                let mixed = names.contains { $0 != nil } && names.contains { $0 == nil }
                if explicit != nil || recordedButMissing || mixed {
                    // A recorded file that is gone is named first (before a shard that never had one).
                    let gone = zip(shards, names).first { $0.1 != nil && !FileManager.default.fileExists(atPath: $0.1!) }
                    let which = gone ?? zip(shards, names).first { $0.1 == nil }!
                    throw CLIError.failure("\(flag): shard \(which.0.path) has no \(flag == "--curves" ? "curves" : "per-subject") file\(which.1.map { " (\($0) not found)" } ?? "")"
                                           + (explicit == nil ? "; give --summary-only to merge the summaries alone" : ""))
                }
                return nil
            }
            return (target, names.map { $0! })
        }
        let perSubject = try companions(\.perSubjectFile, flag: "--per-subject", explicit: a.value("--per-subject"))
        let curves = try companions(\.curvesFile, flag: "--curves", explicit: a.value("--curves"))
        try a.refuseOutputsOverwritingInputs([("--per-subject", perSubject?.out), ("--curves", curves?.out)],
                                             inputs: ((perSubject?.inputs ?? []) + (curves?.inputs ?? [])).map { ("shard's companion", $0) })
        for (files, recorded) in [(perSubject?.inputs, shards.map(\.doc.perSubjectDigest)), (curves?.inputs, shards.map(\.doc.curvesDigest))] {
            for (k, path) in (files ?? []).enumerated() where recorded[k] != nil && FileDigest(path: path) != recorded[k] {
                throw CLIError.failure("merge: \(path) does not match the line count and checksum recorded in \(shards[k].path) (truncated or changed)")
            }
        }

        var merged = PopulationAccumulator(plan: run.plan)
        for s in shards {
            if let problem = merged.mergeProblem(s.state) { throw CLIError.failure("merge: \(s.path): its state does not fit the run's plan (\(problem))") }
            merged.merge(s.state)
        }
        var streams: [StreamingFile] = []
        var cleanup: [Int] = []
        defer { for t in cleanup { TempFileCleanup.unregister(t) } }
        do {
            if let ps = perSubject {
                let f = try StreamingFile(path: ps.out, flag: "--per-subject")
                streams.append(f)
                cleanup.append(TempFileCleanup.register([f.tempPath]))
                try concatenate(ps.inputs, shards: shards.map(\.shard), into: f, rowsPerSubject: 1)
            }
            if let cv = curves {
                let f = try StreamingFile(path: cv.out, flag: "--curves")
                streams.append(f)
                cleanup.append(TempFileCleanup.register([f.tempPath]))
                try concatenate(cv.inputs, shards: shards.map(\.shard), into: f, rowsPerSubject: run.plan.timesH.count)
            }
            for s in streams { try s.commit() }
            if let ps = perSubject { try Provenance.writeSidecar(for: ps.out, command: "merge", lines: BatchReport.perSubjectProvenance(run, shard: nil), flag: "--per-subject") }
            if let cv = curves { try Provenance.writeSidecar(for: cv.out, command: "merge", lines: BatchReport.curvesProvenance(run, shard: nil), flag: "--curves") }
        } catch {
            for s in streams { s.abort() }
            throw error
        }
        var doc = BatchDocument(
            ketasim: shards[0].doc.ketasim, disclaimer: shards[0].doc.disclaimer, run: run, shard: nil, subjectsSimulated: merged.subjects,
            summary: merged.summary(plan: run.plan, percentiles: run.percentiles),
            perSubjectFile: perSubject.map { ($0.out as NSString).lastPathComponent },
            curvesFile: curves.map { ($0.out as NSString).lastPathComponent }, state: merged)
        doc.perSubjectDigest = perSubject.flatMap { p in streams.first { $0.path == p.out }?.digest }
        doc.curvesDigest = curves.flatMap { c in streams.first { $0.path == c.out }?.digest }
        let text = try BatchReport.render(doc, format: format, width: out == nil ? console.width : 80)
        try BatchGraphics.write(doc, svg: a.value("--svg"), html: a.value("--html"))
        if format == "csv" {
            try Provenance.emitCSV(text, command: "merge", lines: BatchReport.headerLines(doc), out: out, console: console)
        } else if let o = out { try Provenance.writeOutput(text, to: o) } else {
            // As `batch`: the text summary's prose lines wrap at the console width (its tables fit).
            console.out(format == "json" ? text : TextTable.wrapProse(text, width: console.width))
        }
    }

    /// The header line of the first file, then the rows of every file in order (comment lines, which
    /// files of older versions started with, are dropped).
    static func concatenate(_ inputs: [String], shards: [ShardInfo], into f: StreamingFile, rowsPerSubject: Int) throws {
        for (k, path) in inputs.enumerated() {
            guard let h = FileHandle(forReadingAtPath: path) else { throw CLIError.failure("merge: cannot read '\(path)'") }
            defer { try? h.close() }
            var pending = Data()
            var inHeader = true
            var rows = 0
            while true {
                let chunk = h.readData(ofLength: 1 << 20)
                if chunk.isEmpty { break }
                if inHeader {
                    pending.append(chunk)
                    // Header: comment lines, then the column line.
                    while inHeader, let nl = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        let line = pending[pending.startIndex...nl]
                        if k == 0 && line.first != UInt8(ascii: "#") { f.write(Data(line)) }
                        if line.first != UInt8(ascii: "#") { inHeader = false }
                        pending = Data(pending[(nl + 1)...])
                    }
                    if inHeader { continue }
                    rows += pending.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
                    f.write(pending)
                    pending = Data()
                } else {
                    rows += chunk.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
                    f.write(chunk)
                }
                try f.flushIfLarge()
            }
            let expected = (shards[k].lastSubject - shards[k].firstSubject + 1) * rowsPerSubject
            guard rows == expected else {
                throw CLIError.failure("merge: \(path) has \(rows) rows, expected \(expected) for shard \(shards[k].index)/\(shards[k].count)")
            }
        }
    }

    /// Names of the run settings that differ.
    static func differences(_ a: RunInfo, _ b: RunInfo) -> String {
        var d: [String] = []
        if a.profile != b.profile { d.append("profile") }
        if a.seed != b.seed { d.append("seed") }
        if a.n != b.n { d.append("N") }
        if a.subjects != b.subjects { d.append("subjects") }
        if a.regimen != b.regimen { d.append("regimen") }
        if a.solver != b.solver { d.append("solver") }
        if a.grid != b.grid || a.plan.timesH != b.plan.timesH { d.append("grid") }
        if a.bandNgPerML != b.bandNgPerML || a.windowH != b.windowH || a.dischargeNgPerML != b.dischargeNgPerML { d.append("band/window/discharge") }
        if a.plan.thresholds != b.plan.thresholds { d.append("thresholds") }
        if a.percentiles != b.percentiles { d.append("percentiles") }
        if a.residual != b.residual { d.append("residual error") }
        if a.effect != b.effect || a.plan.extraMetrics != b.plan.extraMetrics { d.append("--effect") }
        return d.isEmpty ? "settings" : d.joined(separator: ", ")
    }
}
