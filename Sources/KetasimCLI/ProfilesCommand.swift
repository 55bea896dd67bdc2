import Foundation
import Reports
import PKCore
import PKProfiles
import Studies

/// `ketasim profiles [show NAME | bands]`: the literature profiles, their numbers and sources.
enum ProfilesCommand {
    static let spec = CommandSpec(
        name: "profiles", summary: "list literature profiles; 'profiles show NAME' for every number and source",
        usage: ["ketasim profiles", "ketasim profiles show NAME|PATH [--format json]", "ketasim profiles bands", "ketasim profiles pd"],
        about: """
            The literature profiles behind every prediction. With no argument, lists the built-in profiles;
            'show' prints every parameter of one profile (or a profile JSON file) with its unit, source and
            UNCONFIRMED marks; 'bands' lists the named concentration bands; 'pd' lists the PD (effect)
            models of Profiles/pd.json with every number, or why it is missing.

            Sources cite Profiles/references.json as [key] or [key Table 1]; each listing ends with the
            references it cites.
            """,
        groups: [OptionGroup("Options", [OptionSpec("--format", "F", "table or json (default table; json: the profile and its references)")])],
        examples: ["ketasim profiles show clements-1981"], positionalMax: 2)

    static func run(_ args: [String], console: Ketasim.Console) throws {
        let a = try Arguments(args, spec: spec)
        if a.wantsHelp { console.out(spec.help); return }
        let format = a.value("--format") ?? "table"
        guard ["table", "json"].contains(format) else { throw CLIError.usage("--format: unknown format '\(format)' (use table or json)") }
        switch a.positional.first {
        case nil: console.out(list(width: console.width))
        case "show":
            guard a.positional.count == 2 else { throw CLIError.usage("profiles show: give a profile name or file") }
            let m: ProfileModel
            do { m = try ProfileLibrary.load(a.positional[1]) } catch let e as ProfileError { throw CLIError.usage(e.message) }
            console.out(format == "json" ? try ReferenceList.profileJSON(m.profile) : show(m, width: console.width))
        case "bands": console.out(bands(width: console.width))
        case "pd": console.out(EffectReport.pdList(width: console.width))
        case let other?: throw CLIError.usage("profiles: unknown sub-command '\(other)' (show, bands, pd)")
        }
    }

    static func list(width: Int = .max) -> String {
        var rows: [[String]] = [["name", "drug", "routes", "population", "source"]]
        for p in ProfileLibrary.builtin {
            rows.append([p.name + (p.hasUnconfirmed ? " *" : ""), p.drug, p.routes.keys.sorted().joined(separator: ","),
                         String(p.population.prefix(40)), Bibliography.citedKeys(in: [p.citation]).map { "[\($0)]" }.joined(separator: " ")])
        }
        let s = TextTable.wrapProse(table(rows, width: width) + "* has numbers marked UNCONFIRMED (not confirmed against the primary paper); 'ketasim profiles show NAME' lists them.\n", width: width)
        return s + ReferenceList.text(citedIn: [s], width: Swift.min(80, width))
    }

    static func table(width: Int, _ rows: [[String]]) -> String { table(rows, width: width) }

    /// A left-aligned table with a header row, fitted to `width` (`TextTable.fit`).
    static func table(_ rows: [[String]], width: Int = .max) -> String {
        TextTable.fit(rows[0], Array(rows.dropFirst()), width: width, left: Set(0..<rows[0].count))
    }

    static func show(_ m: ProfileModel, width: Int = .max) -> String {
        let p = m.profile
        var s = "\(p.name): \(p.title)\n\(Ketasim.disclaimer)\n\nDrug: \(p.drug) (bands: \(p.analyte))\nPopulation: \(p.population)\nCitation: \(p.citation)\n"
        if let smp = p.sampling { s += "Sampling: \(smp)\n" }
        let typical = m.parameters(covariates: m.typicalCovariates)
        s += "\nParameters (published value and unit; model value in h, L, mg at typical covariates):\n"
        var rows: [[String]] = [["name", "value", "unit", "model", "mark", "source"]]
        for (i, q) in p.parameters.enumerated() {
            var mark = [String]()
            if q.unconfirmed == true { mark.append("UNCONFIRMED") }
            if q.calc == true { mark.append("[calc]") }
            rows.append([q.name, NumberFormat.g(q.value), q.unit, NumberFormat.sig(typical[i], 5), mark.joined(separator: " "), q.source])
        }
        s += table(rows, width: width)
        if let covs = p.covariates, !covs.isEmpty {
            s += "\nCovariates:\n" + table(width: width, [["name", "unit", "reference", "typical", "source"]] + covs.map {
                [$0.name, $0.unit, NumberFormat.g($0.reference), NumberFormat.g($0.typical), $0.source ?? ""] })
        }
        if let effs = p.covariateEffects, !effs.isEmpty {
            s += "\nCovariate effects:\n" + table(width: width, [["parameter", "covariate", "kind", "value", "mark", "source"]] + effs.map { e in
                let v = e.exponent.map { "exponent \(NumberFormat.g($0))" } ?? e.slope.map { "slope \(NumberFormat.g($0))" + (e.threshold.map { " above \(NumberFormat.g($0))" } ?? "") }
                    ?? e.factor.map { "x\(NumberFormat.g($0)) at \(NumberFormat.g(e.level ?? 1))" } ?? ""
                return [e.parameter, e.covariate, e.kind, v, e.unconfirmed == true ? "UNCONFIRMED" : "", e.source]
            })
        }
        if let v = p.variability, !v.isEmpty {
            s += "\nBetween-subject variability (omega^2 on the transform's scale):\n" + table(width: width, [["eta", "parameter", "transform", "omega^2", "given as", "mark", "source"]] + v.enumerated().map { i, r in
                let given = r.cv.map { "CV \(NumberFormat.g($0))%" } ?? r.sd.map { "SD \(NumberFormat.g($0))" } ?? r.variance.map { "var \(NumberFormat.g($0))" } ?? ""
                return [r.name, r.parameter, r.transform ?? "exponential", NumberFormat.sig(m.omega[i, i], 4), given, r.unconfirmed == true ? "UNCONFIRMED" : "", r.source]
            })
        }
        if let r = p.residualError, !r.isEmpty {
            s += "\nResidual error:\n" + table(width: width, [["output", "proportional", "additive", "exponential", "mark", "source"]] + r.map {
                [$0.output, $0.proportional.map { NumberFormat.g($0) } ?? "-", $0.additive.map { NumberFormat.g($0) } ?? "-",
                 $0.exponential.map { NumberFormat.g($0) } ?? "-", $0.unconfirmed == true ? "UNCONFIRMED" : "", $0.source] })
        }
        s += "\nCompartments (numbered for 'ketasim nm' CMT; a name works too):\n"
        let fed = Set(p.routes.values.flatMap { $0.inputs.map(\.compartment) })
        for (i, c) in p.compartments.enumerated() {
            let kind = c.effect != nil ? "effect site" : c.volume.map { "volume \($0)" }
                ?? (fed.contains(c.name) ? "absorption depot" : "amount only")
            s += "  \(i + 1) \(c.name) (\(kind))\n"
        }
        s += "Outputs: " + p.outputs.map(\.name).joined(separator: ", ") + "\n"
        s += "\nRoutes:\n"
        for (name, r) in p.routes.sorted(by: { $0.key < $1.key }) {
            let ins = r.inputs.map { "\($0.fraction) -> \($0.compartment)" + ($0.duration.map { " over \($0)" } ?? "") + ($0.lag.map { " lag \($0)" } ?? "") }
            s += "  \(name): " + ins.joined(separator: "; ") + (r.devices.map { "; devices of \(NumberFormat.g($0.sizeMg)) mg, later devices x\($0.laterDeviceFactor)" } ?? "") + "\n"
            if let src = r.source { s += "      \(src)\n" }
        }
        if let notes = p.notes, !notes.isEmpty { s += "\nNotes:\n" + notes.map { "  - \($0)\n" }.joined() }
        s = TextTable.wrapProse(s, width: width)
        return s + ReferenceList.text(citedIn: [s], width: Swift.min(80, width))
    }

    static func bands(width: Int = .max) -> String {
        let s = table(width: width, [["analyte", "band", "ng/mL", "mark", "source"]] + ProfileLibrary.bands.map {
            [$0.analyte, $0.name, NumberFormat.g($0.lowNgPerML) + ($0.highNgPerML.map { "-\(NumberFormat.g($0))" } ?? "+"),
             $0.unconfirmed == true ? "UNCONFIRMED" : "", $0.source] })
        return s + ReferenceList.text(citedIn: [s], width: Swift.min(80, width))
    }
}

/// `ketasim validate`: predicted vs published PK figures.
enum ValidateCommand {
    static let spec = CommandSpec(
        name: "validate", summary: "predicted vs published PK figures for the built-in profiles",
        usage: ["ketasim validate [--format table|csv|json]"],
        about: """
            Reproduces published PK figures (Profiles/validation.json) with the built-in profiles at typical
            parameters and prints predicted vs published with the stated tolerance and pass/miss. Misses are
            shown, never tuned away; 'expected' says whether the miss is known and why. The table ends with
            the references the sources cite; --format json carries them in full.
            """,
        groups: [OptionGroup("Options", [OptionSpec("--format", "F", "table, csv or json (default table)")])],
        examples: ["ketasim validate"])

    static func run(_ args: [String], console: Ketasim.Console) throws {
        let a = try Arguments(args, spec: spec)
        if a.wantsHelp { console.out(spec.help); return }
        let format = a.value("--format") ?? "table"
        guard ["table", "csv", "json"].contains(format) else { throw CLIError.usage("--format: unknown format '\(format)' (use table, csv or json)") }
        let result: ValidationStudy.Result
        do { result = try ValidationStudy.run() } catch let e as StudyError { throw CLIError.from(e) }
        switch format {
        case "json": console.out(try ValidationReport.json(result))
        case "csv": console.out(ValidationReport.csv(result))
        default: console.out(ValidationReport.text(result, width: console.width))
        }
        let unexpected = result.unexpected
        if unexpected > 0 { throw CLIError.failure("validate: \(unexpected) figure(s) changed verdict from the expected one in Profiles/validation.json or pd-validation.json") }
    }
}
