import Foundation
import PKCore
import PKProfiles
import Reports
import Studies

/// `nm --sim N`: the data set replicated with between-subject variability (`NonmemSimulation`),
/// streamed as CSV in replicate order to --out (atomically) or standard output.
enum NmSimulate {
    /// Options that only mean something with --sim.
    static let needsSim = ["--seed", "--residual", "--threads", "--shard"]

    static func run(_ a: Arguments, dataPath: String, dataText: String, model: NonmemStudy.Model, select: [String]?,
                    console: Ketasim.Console) throws {
        guard let simText = a.value("--sim") else {
            let given = needsSim.first { a.value($0) != nil }!
            throw CLIError.usage("\(given): needs --sim N (a simulated replicate; use --sim 1 for one)")
        }
        guard let n = Int(simText.trimmedSpaces), n >= 1, n <= 1_000_000 else {
            throw CLIError.usage("--sim: '\(simText)' must be a whole number of replicates from 1 to 1000000")
        }
        var seed: UInt64 = 1
        if let t = a.value("--seed") {
            guard let v = UInt64(t.trimmedSpaces) else { throw CLIError.usage("--seed: '\(t)' must be a whole number from 0 to 18446744073709551615") }
            seed = v
        }
        var threads = ProcessInfo.processInfo.activeProcessorCount
        if let t = a.value("--threads") {
            guard let v = Int(t.trimmedSpaces), v >= 1, v <= 1024 else { throw CLIError.usage("--threads: '\(t)' must be a whole number from 1 to 1024") }
            threads = v
        }
        var replicates = 1...n
        if let t = a.value("--shard") {
            let parts = t.split(separator: "/", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let k = parts[0], let s = parts[1], s >= 1, k >= 1, k <= s else {
                throw CLIError.usage("--shard: '\(t)' must be K/N with 1 <= K <= N, e.g. 3/8")
            }
            guard s <= n, let r = NonmemSimulation.shard(k, of: s, replicates: n) else {
                throw CLIError.usage("--shard: \(s) shards for \(n) replicates; use at most one shard per replicate")
            }
            replicates = r
        }
        let residual = try a.value("--residual").flatMap { try self.residual($0, model: model) }
        let sim: NonmemSimulation
        do { sim = try NonmemSimulation(dataText: dataText, model: model, replicates: n, seed: seed, residual: residual) } catch let e as DataError {
            throw CLIError.failure("\(dataPath): \(e.message)")
        } catch let e as StudyError {
            throw e.field == "model" ? CLIError.failure("--model \(e.message)") : CLIError.from(e)
        }
        try stream(sim, a, dataPath: dataPath, select: select, replicates: replicates, threads: threads, console: console)
    }

    /// `nm` without --sim on a data set with eta columns: one run, IPRED with the data's etas.
    static func individual(_ a: Arguments, dataPath: String, dataText: String, model: NonmemStudy.Model, select: [String]?,
                           console: Ketasim.Console) throws {
        let sim: NonmemSimulation
        do { sim = try NonmemSimulation(dataText: dataText, model: model, replicates: 1, seed: 0, residual: nil, drawEtas: false) } catch let e as DataError {
            throw CLIError.failure("\(dataPath): \(e.message)")
        } catch let e as StudyError {
            throw e.field == "model" ? CLIError.failure("--model \(e.message)") : CLIError.from(e)
        }
        try stream(sim, a, dataPath: dataPath, select: select, replicates: 1...1, threads: 1, console: console)
    }

    /// The table of `sim` streamed to --out (atomically, with its sidecar) or standard output.
    static func stream(_ sim: NonmemSimulation, _ a: Arguments, dataPath: String, select: [String]?, replicates: ClosedRange<Int>,
                       threads: Int, console: Ketasim.Console) throws {
        let table: NonmemSimTable
        do { table = try NonmemSimTable(sim, select: select) } catch let e as NonmemTable.UnknownColumn { throw CLIError.usage(e.message) }
        for w in sim.warnings { console.err("ketasim nm: \(w)\n") }
        if a.flag("--verbose") { console.err("ketasim nm: solver: \(sim.typical.solver)\n") }
        let lines = table.provenance(dataPath: dataPath, replicates: replicates)
        let out = a.value("--out")
        let file = try out.map { try StreamingFile(path: $0, flag: "--out") }
        let sink = Sink(table: table, file: file, console: console)
        do {
            try sink.emit(table.header)
            try sim.run(replicates: replicates, threads: threads, sink: sink)
            try file?.commit()
        } catch {
            file?.abort()
            if let e = error as? DataError { throw CLIError.failure("\(dataPath): \(e.message)") }
            throw error
        }
        if let out {
            try Provenance.writeSidecar(for: out, command: "nm", lines: lines)
        } else {
            console.err("ketasim nm: " + ([Ketasim.disclaimer] + lines).joined(separator: "; ").replacingOccurrences(of: "\n", with: " ") + "\n")
        }
    }

    /// Formats chunks on the workers; writes them in order to the file or standard output.
    struct Sink: NonmemSimulationSink, @unchecked Sendable {   // emit runs serialised (ChunkPipeline)
        let table: NonmemSimTable
        let file: StreamingFile?
        let console: Ketasim.Console
        func format(_ pieces: [NonmemSimulation.Piece]) -> String { table.rows(pieces) }
        func emit(_ chunk: String) throws {
            if let file { file.write(chunk); try file.flushIfLarge() } else { console.out(chunk) }
        }
    }

    /// --residual: 'profile' (the profile's error model on its first output) or prop=F,add=C,exp=S;
    /// add as a bare number is in the first output's unit, with a unit (ng/mL...) only for profiles.
    static func residual(_ text: String, model: NonmemStudy.Model) throws -> ResidualError? {
        var profile: (Profile, String)? = nil
        if case .profile(let pm) = model { profile = (pm.profile, pm.profile.outputs[0].name) }
        return try ResidualOption.parse(text, model: ResidualOption.Model(
            profile: profile, noProfile: "--residual: 'profile' needs --profile; give prop=F,add=C,exp=S",
            bareAdditive: true, unitAdditive: profile != nil))
    }
}
