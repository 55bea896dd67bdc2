import Studies
import Foundation
import Reports
import PKCore
import PKProfiles

/// `ketasim nm DATA.csv --model MODEL [--out FILE]`: runs a NONMEM-style data set.
enum NmCommand {
    static let spec = CommandSpec(
        name: "nm", summary: "run a NONMEM-style data set (ID, TIME, EVID, AMT, CMT, RATE, II, ADDL, SS)",
        usage: ["ketasim nm DATA.csv (--model MODEL | --profile PROFILE) [--columns LIST] [--out FILE]",
                "ketasim nm DATA.csv (--profile P | --model FILE.model) --sim N [--seed S] [--residual R] [--threads T] [--shard K/N] [--out FILE]"],
        about: """
            Runs a NONMEM-style data set with NONMEM 7.5 event semantics (ADDL, SS=1/2, lag, F, modelled
            rate/duration, EVID 0-4) on an exact linear model, and writes a NONMEM-style $TABLE, one CSV
            row per data row (header first, no comment lines): every input column as written, then
            PRED (prediction at the typical values), IPRED (individual prediction: equal to PRED
            unless eta columns or --sim give etas), every model output by name (CP, CM, CE...) and the amount in every
            compartment by name (A_CENTRAL, A_DEPOT_IM...: upper case, non-alphanumerics as _).
            """,
        groups: [
            OptionGroup("Options", [
                OptionSpec("--model", "NAME|PATH", """
                    a built-in model ('ketasim models' lists each with its compartment numbers) or a
                    JSON model file (README: Model files); compartments are numbered in the file's order
                    """),
                OptionSpec("--profile", "P", """
                    a literature profile ('ketasim profiles') at typical covariates; compartments
                    are numbered in the profile's order ('ketasim profiles show P' lists the numbers)
                    """),
                OptionSpec("--columns", "LIST", "comma-separated columns to write, in that order (case-insensitive; default all)"),
                OptionSpec("--out", "FILE", "write the CSV to FILE (atomically) instead of standard output"),
                OptionSpec("--rtol", "R", "ODE relative tolerance for text models (default 1e-6)"),
                OptionSpec("--atol", "A", "ODE absolute tolerance for text models (default 1e-9; amounts)"),
                OptionSpec("--method", "M", "ODE method for text models: auto (default), dopri5, rodas4"),
                .flag("--verbose", "say which solver ran, and the ODE statistics, on standard error"),
            ]),
            OptionGroup("Simulation with between-subject variability", [
                OptionSpec("--sim", "N", """
                    replicate the data set N times; each individual (run of rows with one ID) gets
                    etas drawn from the profile's or text model's Omega per replicate; the table
                    gets IREP (replicate) first, IPRED and the outputs and amounts become individual,
                    and the etas are added by name (ETA_CL...)
                    """),
                OptionSpec("--seed", "S", "seed of the counter-based generator (default 1; needs --sim)"),
                OptionSpec("--residual", "R", """
                    add SIMDV, the first output (IPRED) with residual error, on EVID 0 rows:
                    'profile' (the profile's error model) or prop=F,add=C,exp=S (add in the
                    output's unit, or with ng/mL for a profile); needs --sim (use --sim 1 for one)
                    """),
                OptionSpec("--threads", "T", "worker threads (default: all cores; output is identical for any T)"),
                OptionSpec("--shard", "K/N", """
                    write only part K of N of the replicates (contiguous, IREP kept); the parts'
                    rows, concatenated with one header, equal the whole run
                    """),
            ]),
        ],
        notes: """
            Text models (a .model file, see Sources/ModelLanguage/FORMAT.md) run on the exact solver when
            their equations are linear in the states, else on the ODE solvers; the provenance
            (OUT.meta.json, or standard error) and --verbose say which.

            Data set: columns ID, TIME, EVID, AMT, CMT, RATE, II, ADDL, SS (case-insensitive; missing ones are 0);
            CMT is a compartment number or name (case-insensitive, e.g. central or depot.im; -name on EVID 2);
            RATE -1/-2 take R<n>/D<n> from the model or data; columns named like a model parameter (or mapped
            in the model's "columns") override it from their record on, NOCB. "." counts as 0.
            With --profile, columns named like the profile's covariates (WT, AGE, SEX...; 'profiles show P')
            drive its covariate model per record, NOCB (a record's values hold over the interval ending at
            it); missing covariates are typical; standard error names the columns used. Other columns are
            carried to the output.

            Simulation (--sim): etas use NONMEM's exp(eta) convention for log-normal parameters
            (profiles: each eta's own transform). Random numbers are Philox4x64-10 keyed by (seed,
            replicate, individual), so the output is bit-identical for any --threads and --shard.
            Etas may be given per individual by columns named like the profile's etas (ETA_CL...)
            or ETA_<parameter>: such a column fixes that eta in every replicate (one value per
            individual) and the other etas are drawn (without --sim: 0, and IPRED, the outputs and
            amounts use the given etas); a column named like a parameter sets that
            parameter for PRED and IPRED alike. Input DV is kept as written; SIMDV is the
            simulated observation. Read the output with pandas.read_csv('out.csv') or R's
            read.csv('out.csv'); e.g. quantiles of IPRED by TIME over IREP.
            """,
        examples: ["ketasim nm Tests/Conformance/example.csv --model 1cmt-oral",
                   "ketasim nm Tests/Conformance/example.csv --profile herd-2007 --sim 200 --seed 1 --residual prop=0.2,add=5ng/mL --out sim.csv",
                   "ketasim nm Tests/Conformance/example.csv --model Tests/Conformance/example-omega.model --sim 100 --out sim.csv"],
        positionalMax: 1)

    static func run(_ args: [String], console: Ketasim.Console) throws {
        let a = try Arguments(args, spec: spec)
        if a.wantsHelp { console.out(spec.help); return }
        guard let dataPath = a.positional.first else { throw CLIError.usage("nm: missing DATA.csv (see 'ketasim nm --help')") }
        let text = try AtomicFile.read(dataPath, flag: "DATA")
        let model: NonmemStudy.Model
        if let p = a.value("--profile") {
            if a.value("--model") != nil { throw CLIError.usage("nm: give --model or --profile, not both") }
            do { model = .profile(try ProfileLibrary.load(p)) } catch let e as ProfileError { throw CLIError.usage(e.message) }
        } else {
            guard let m = a.value("--model") else { throw CLIError.usage("--model: required (a built-in name, a JSON or .model file), or --profile") }
            model = m.hasSuffix(".model") ? .text(source: try AtomicFile.read(m, flag: "--model"), name: m, options: try odeOptions(a))
                : .linear(try ModelLoader.load(m))
        }
        var select: [String]?
        if let list = a.value("--columns") {
            select = list.split(separator: ",").map { String($0).trimmedSpaces }.filter { !$0.isEmpty }
            if select!.isEmpty { throw CLIError.usage("--columns: empty list") }
            var seen = Set<String>()
            for c in select! where !seen.insert(c.lowercased()).inserted {
                throw CLIError.usage("--columns: '\(c)' appears twice (names are case-insensitive)")
            }
        }
        if a.value("--sim") != nil || NmSimulate.needsSim.contains(where: { a.value($0) != nil }) {
            return try NmSimulate.run(a, dataPath: dataPath, dataText: text, model: model, select: select, console: console)
        }
        if (try? NonmemSimulation.dataGivesEtas(dataText: text, model: model)) == true {
            return try NmSimulate.individual(a, dataPath: dataPath, dataText: text, model: model, select: select, console: console)
        }
        let result: NonmemStudy.Result
        do { result = try NonmemStudy.run(dataText: text, model: model) } catch let e as DataError {
            throw CLIError.failure("\(dataPath): \(e.message)")
        } catch let e as StudyError {
            throw CLIError.failure("--model \(e.message)")
        }
        let csv: String
        do { csv = try NonmemTable.csv(result, select: select) } catch let e as NonmemTable.UnknownColumn {
            throw CLIError.usage(e.message)
        }
        // Notes once the table is made: a refused --columns is then the one line on standard error.
        for w in result.warnings { console.err("ketasim nm: \(w)\n") }
        if a.flag("--verbose") { console.err("ketasim nm: solver: \(result.run.solver)\n") }
        try Provenance.emitCSV(csv, command: "nm", lines: NonmemTable.provenance(result, dataPath: dataPath),
                               out: a.value("--out"), console: console)
    }
}

/// ODE options from --rtol, --atol, --method.
func odeOptions(_ a: Arguments) throws -> ODEOptions {
    var o = ODEOptions()
    func positive(_ flag: String) throws -> Double? {
        guard let t = a.value(flag) else { return nil }
        guard let v = Double(t), v.isFinite, v > 0, v < 1 else { throw CLIError.usage("\(flag): '\(t)' must be a number between 0 and 1") }
        return v
    }
    if let r = try positive("--rtol") { o.rtol = [r] }
    if let t = try positive("--atol") { o.atol = [t] }
    switch a.value("--method")?.lowercased() {
    case nil, "auto", "automatic": o.method = .automatic
    case "dopri5", "dormand-prince": o.method = .dormandPrince54
    case "rodas4", "rosenbrock": o.method = .rodas4
    case let m?: throw CLIError.usage("--method: unknown method '\(m)' (auto, dopri5, rodas4)")
    }
    return o
}

/// `ketasim models`: the built-in models.
enum ModelsCommand {
    static let spec = CommandSpec(
        name: "models", summary: "list the built-in models for 'nm'", usage: ["ketasim models"],
        about: "Lists the built-in models for 'ketasim nm --model', each with its compartments numbered for CMT.", groups: [], examples: ["ketasim models"])

    static func run(_ args: [String], console: Ketasim.Console) throws {
        let a = try Arguments(args, spec: spec)
        if a.wantsHelp { console.out(spec.help); return }
        var s = ""
        for m in BuiltinModels.catalogue {
            s += "\(m.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(m.summary)\n"
            if let spec = BuiltinModels.spec(named: m.name) {
                s += String(repeating: " ", count: 13) + "CMT: " + NonmemDataset.numbering(spec.compartments.map(\.name)) + "\n"
            }
        }
        console.out(s)
    }
}

/// Loads a model spec from a built-in name or a JSON file.
enum ModelLoader {
    static func load(_ nameOrPath: String) throws -> LinearModelSpec {
        if let s = BuiltinModels.spec(named: nameOrPath) { return s }
        guard nameOrPath.hasSuffix(".json") || FileManager.default.fileExists(atPath: nameOrPath) else {
            throw CLIError.usage("--model: unknown model '\(nameOrPath)' (built-in: \(BuiltinModels.catalogue.map(\.name).joined(separator: ", ")), or a .json file)")
        }
        let text = try AtomicFile.read(nameOrPath, flag: "--model")
        do {
            return try StrictJSON.decode(LinearModelSpec.self, from: text)
        } catch let e as DecodingError {
            throw CLIError.failure("--model \(nameOrPath): \(JSONErrors.describe(e))")
        } catch let e as StrictJSONError {
            throw CLIError.failure("--model \(nameOrPath): \(e)")
        } catch {
            throw CLIError.failure("--model \(nameOrPath): not valid JSON")
        }
    }
}
