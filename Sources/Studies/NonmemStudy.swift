import PKCore
import PKProfiles

/// `nm`: a NONMEM-format data set through a model with NONMEM 7.5 event semantics (exact linear
/// solution, or the ODE solvers for a nonlinear text model). The data set and model come as text
/// or values: reading files is the caller's job.
public enum NonmemStudy {
    /// The model a data set runs on.
    public enum Model: Sendable {
        /// A literature profile at its typical covariates; compartments in the profile's order.
        case profile(ProfileModel)
        /// A linear model (built-in or from a JSON model file).
        case linear(LinearModelSpec)
        /// A text model (`.model` language) with ODE options.
        case text(source: String, name: String, options: ODEOptions)
    }

    /// The rows NONMEM would print, the solver used and a label naming the model and its source.
    public struct Result: Sendable {
        /// The rows as the engine produced them (predictions, outputs, amounts per record).
        public var run: NonmemRun.Result
        /// The model or profile as named in provenance, e.g. "profile clements-1981 (…)".
        public var modelLabel: String
        /// The data set as parsed: its header and every row's cells as written (for the $TABLE echo).
        public var data: NonmemDataset
        /// Lines for standard error: which columns were used as covariates, warnings (e.g. an infusion into an absorption depot).
        public var warnings: [String] = []
    }

    /// Parameters per data row from the columns named like the profile's covariates (WT, AGE, SEX...,
    /// case-insensitive): each record's covariates give its parameters through the profile's
    /// covariate model, applied NOCB by `NonmemRun` (over the interval that ends at the record);
    /// covariates without a column stay typical. Nil when no column matches. Also a line for
    /// standard error saying which columns were used. A non-numeric cell is an error naming the
    /// line and the column.
    static func covariateParameters(_ data: NonmemDataset, _ pm: ProfileModel) throws -> ([[Double]]?, String?) {
        let (rows, note) = try covariateRows(data, pm)
        guard let rows else { return (nil, note) }
        var cache: [[Double]: [Double]] = [:]
        var out: [[Double]] = []
        out.reserveCapacity(rows.count)
        for cov in rows {
            if let p = cache[cov] { out.append(p); continue }
            let p = compiledParameters(pm, covariates: cov, etas: nil)
            cache[cov] = p
            out.append(p)
        }
        return (out, note)
    }

    /// The covariate vector (in `pm.covariateNames` order) of every data row, from the columns
    /// named like the profile's covariates (typical where no column matches); nil when no column
    /// matches. Also the line for standard error naming the columns used.
    static func covariateRows(_ data: NonmemDataset, _ pm: ProfileModel) throws -> ([[Double]]?, String?) {
        let names = pm.covariateNames
        guard !names.isEmpty else { return (nil, nil) }
        var used: [(covariate: Int, column: Int)] = []
        for (ci, n) in names.enumerated() {
            if let j = data.header.firstIndex(where: { $0.caseInsensitiveEquals(n) }) { used.append((ci, j)) }
        }
        let typical = pm.typicalCovariates
        let unused = names.indices.filter { ci in !used.contains { $0.covariate == ci } }
            .map { "\(names[$0]) \(NumberFormat.g(typical[$0]))" }
        let note = "covariates from the data: " + (used.isEmpty ? "none" : used.map { data.header[$0.column] }.joined(separator: ", ") + " (per record, NOCB)")
            + (unused.isEmpty ? "" : "; typical " + unused.joined(separator: ", "))
        guard !used.isEmpty else { return (nil, note) }
        var out: [[Double]] = []
        out.reserveCapacity(data.rows.count)
        for r in data.rows {
            var cov = typical
            for (ci, j) in used {
                let v = r.values[j]
                guard !v.isNaN else {
                    throw DataError("line \(r.line), column \(data.header[j]): '\(r.cells[j].trimmedSpaces)' is not a number (covariate \(names[ci]) of profile \(pm.profile.name))")
                }
                // A weight cell read as 0 ("." or empty: NONMEM's missing) would scale the profile's
                // volumes to 0 (the error then named V1, not WT); numbers are checked on reading.
                if names[ci].caseInsensitiveEquals("WT") && !(v > 0) {
                    throw DataError("line \(r.line), column \(data.header[j]): '\(r.cells[j].trimmedSpaces)' is not a body weight (profile \(pm.profile.name) scales by WT)")
                }
                cov[ci] = v
            }
            out.append(cov)
        }
        return (out, note)
    }

    /// The compiled model's parameter vector (`pm.dosing.compiled.parameterNames` order) for
    /// covariates and etas (nil: typical), through the profile's covariate and eta model.
    static func compiledParameters(_ pm: ProfileModel, covariates: [Double], etas: [Double]?) -> [Double] {
        let compiledNames = pm.dosing.compiled.parameterNames
        let individual = pm.parameters(covariates: covariates, etas: etas)
        var p = pm.dosing.compiled.defaultParameters
        for (i, q) in pm.profile.parameters.enumerated() {
            if let ix = compiledNames.firstIndex(of: q.name) { p[ix] = individual[i] }
        }
        return p
    }

    /// Compartments of a profile that a route feeds and that have no volume and no effect site:
    /// absorption depots (0-based indices).
    static func depots(_ pm: ProfileModel) -> [Int] {
        let cmts = pm.profile.compartments
        let fed = Set(pm.profile.routes.values.flatMap { $0.inputs.map(\.compartment) })
        return cmts.indices.filter { cmts[$0].volume == nil && cmts[$0].effect == nil && fed.contains(cmts[$0].name) }
    }

    /// One line when a dose goes into an absorption depot with RATE ≠ 0 (or a DUR column > 0): an
    /// infusion into a depot is absorbed first-order afterwards, rarely what a data set means.
    static func depotInfusionWarning(_ dataSet: NonmemDataset, _ pm: ProfileModel) throws -> String? {
        var data = dataSet
        let names = pm.profile.compartments.map(\.name)
        try data.resolveCompartments(names)
        let depots = Set(depots(pm))
        let durCol = data.header.firstIndex { $0.caseInsensitiveEquals("DUR") }
        let hits = data.rows.filter { r in
            guard r.evid == 1 || r.evid == 4 else { return false }
            let c = (r.cmt == 0 ? 1 : r.cmt) - 1
            let dur = durCol.map { r.values[$0] } ?? 0
            return depots.contains(c) && (r.rate != 0 || (dur.isFinite && dur > 0))
        }
        guard let first = hits.first else { return nil }
        let c = (first.cmt == 0 ? 1 : first.cmt) - 1
        let central = pm.profile.compartments.firstIndex { $0.volume != nil } ?? 0
        let more = hits.count > 1 ? " (and \(hits.count - 1) more row\(hits.count > 2 ? "s" : ""))" : ""
        return "warning: line \(first.line)\(more): a dose with RATE/DUR (an infusion) into absorption depot '\(names[c])' (CMT \(c + 1)); "
            + "an intravenous infusion goes into '\(names[central])' (CMT \(central + 1))"
    }

    /// One line about data-set doses into a route's depot: a depot whose route has other inputs
    /// (the first-pass part of PO and SL into its own depot) that the data set never doses (a
    /// record doses one compartment, as in NONMEM, so that part is missing unless the data set doses
    /// its compartment too); and a depot that got no route F and lag (several routes feed it
    /// differently, or its fraction is an expression such as a device rule), whose doses enter at
    /// F = 1 unless the data set gives F<n>.
    public static func routePartNote(_ dataSet: NonmemDataset, _ pm: ProfileModel) throws -> String? {
        var data = dataSet
        let names = pm.profile.compartments.map(\.name)
        try data.resolveCompartments(names)
        let doses = data.rows.filter { $0.evid == 1 || $0.evid == 4 }
        let dosed = Set(doses.map { (($0.cmt == 0 ? 1 : $0.cmt) - 1) })
        let mods = pm.dosing.compiled.doseModifiers
        var notes: [String] = []
        for (route, r) in pm.profile.routes.sorted(by: { $0.key < $1.key }) {
            guard let main = r.inputs.first.flatMap({ names.firstIndex(of: $0.compartment) }), dosed.contains(main) else { continue }
            if !mods[main].fromRoute {
                let hasColumn = data.header.contains { $0.caseInsensitiveEquals("F\(main + 1)") }
                if !hasColumn && !notes.contains(where: { $0.contains("'\(names[main])' enter at F = 1") }) {
                    notes.append("doses into '\(names[main])' enter at F = 1 with no lag: route \(route)'s fraction (\(r.inputs[0].fraction)) is not one parameter of this "
                                 + "compartment alone; give F\(main + 1) (and ALAG\(main + 1)) columns, or dose by route with simulate/batch")
                }
                continue
            }
            for m in r.inputs.dropFirst() {
                guard let k = names.firstIndex(of: m.compartment), !dosed.contains(k) else { continue }
                notes.append("doses into '\(names[main])' get route \(route)'s F and lag; its other input (\(m.fraction) of the dose into '\(m.compartment)', "
                             + "a first-pass or swallowed part) is not given unless the data set also doses '\(m.compartment)' (CMT \(k + 1))")
            }
        }
        return notes.isEmpty ? nil : "note: " + notes.joined(separator: "; ")
    }

    /// Runs `dataText` (a NONMEM CSV) on `model`. Throws `DataError` for the data set (with line
    /// and column), `StudyError` for the model.
    public static func run(dataText: String, model: Model) throws -> Result {
        let data = try NonmemDataset(parsing: dataText)
        switch model {
        case .profile(let pm):
            let (rowParameters, note) = try covariateParameters(data, pm)
            var result = Result(run: try NonmemRun.simulate(data, model: pm.dosing.compiled, rowParameters: rowParameters),
                                modelLabel: "profile \(pm.profile.name) (\(pm.profile.citation))", data: data)
            if let note { result.warnings.append(note) }
            if let w = try depotInfusionWarning(data, pm) { result.warnings.append(w) }
            if let n = try routePartNote(data, pm) { result.warnings.append(n) }
            return result
        case .linear(let spec):
            let compiled: CompiledModel
            do { compiled = try CompiledModel(spec) } catch let e as ModelSpecError {
                throw StudyError("model", "\(spec.name): \(e.message)", isUsage: false)
            }
            return Result(run: try NonmemRun.simulate(data, model: compiled),
                          modelLabel: "model \(spec.name)\(spec.description.map { " (\($0))" } ?? "")", data: data)
        case .text(let source, let name, let options):
            let tm: TextModel
            do { tm = try TextModel(source: source, options: options) } catch let e as ModelSpecError {
                throw StudyError("model", "\(name): \(e.message)", isUsage: false)
            }
            return Result(run: try NonmemRun.simulate(data, model: tm), modelLabel: "text model \(name)", data: data)
        }
    }
}
