/// A NONMEM-style data set: one record per row with ID, TIME, EVID, AMT, CMT, RATE, II, ADDL, SS
/// (MDV read when EVID is absent). Column names are case-insensitive; missing optional columns
/// default to 0; "." in a cell means 0, as in NONMEM. Extra columns are kept as covariates and
/// override model parameters of the same name (or an alias) from their record on, NOCB.
///
/// Rows whose C column holds "C", or whose first cell starts with "#", are comments (NONMEM
/// IGNORE=C / IGNORE=#) and are skipped.
public struct NonmemDataset: Sendable {
    /// One data record. `line` is its line in the file.
    public struct Row: Sendable, Equatable {
        /// Line of the record in the file.
        public var line: Int
        /// The ID cell (individual).
        public var id: String
        /// TIME (h).
        public var timeH: Double
        /// EVID: 0 observation, 1 dose, 2 other, 3 reset, 4 reset and dose (NONMEM).
        public var evid: Int
        /// AMT (mg).
        public var amount: Double
        /// CMT: compartment number (1-based; 0 = the first; negative with EVID 2 empties it, as in NONMEM).
        public var cmt: Int
        /// RATE (mg/h); -1 or -2: rate or duration from the model (R, D parameters).
        public var rate: Double
        /// II: interval between additional or steady-state doses (h).
        public var ii: Double
        /// ADDL: number of additional doses every II.
        public var addl: Int
        /// SS: 0 none, 1 steady state (reset), 2 steady state added to the current state.
        public var ss: Int
        /// Numeric value of every column, by `NonmemDataset.header` index (NaN when not numeric).
        public var values: [Double]
        /// The cells as written in the file (unquoted, not trimmed), by `header` index.
        public var cells: [String] = []
        /// The CMT cell when it names a compartment instead of numbering it ("central", "-depot.im");
        /// `resolveCompartments` turns it into `cmt`.
        public var cmtName: String? = nil
    }

    /// Column names as in the file.
    public var header: [String]
    /// The data records, comments skipped, in file order.
    public var rows: [Row]

    static let standard = ["ID", "TIME", "EVID", "AMT", "CMT", "RATE", "II", "ADDL", "SS", "MDV"]

    /// Parses and checks the data set text. Errors name the line, the column and the value.
    public init(parsing text: String) throws {
        let table = try CSVTable(parsing: text, what: "data set", commentPrefix: "#")
        header = table.header
        guard !table.rows.isEmpty else { throw DataError("data set: no data rows") }
        guard let timeCol = table.column("TIME") else { throw DataError("data set: no TIME column") }
        let idCol = table.column("ID")
        let cCol = table.column("C")
        func col(_ n: String) -> Int? { table.column(n) }
        let evidCol = col("EVID"), amtCol = col("AMT"), cmtCol = col("CMT"), rateCol = col("RATE")
        let iiCol = col("II"), addlCol = col("ADDL"), ssCol = col("SS"), mdvCol = col("MDV")
        let strict: Set<Int> = Set([timeCol, evidCol, amtCol, rateCol, iiCol, addlCol, ssCol, mdvCol].compactMap { $0 })
        // A body weight (column WT, any case) given in a cell must be one: a profile or model would
        // scale WT -70 to a negative volume (the error then named neither WT nor -70) or, for a
        // text model, run to negative concentrations. "." (missing) stays 0, as NONMEM reads it.
        let weightCol = col("WT")
        var out: [Row] = []
        for (k, cells) in table.rows.enumerated() {
            let line = table.lineNumbers[k]
            if let c = cCol, cells[c].trimmedSpaces == "C" { continue }
            if cells.first?.trimmedSpaces.hasPrefix("#") == true { continue }
            var values = [Double](repeating: .nan, count: cells.count)
            for (j, raw) in cells.enumerated() {
                let s = raw.trimmedSpaces
                if s == "." || s.isEmpty { values[j] = 0; continue }
                if let v = CSVTable.number(s) {
                    guard v.isFinite else {
                        throw DataError("line \(line), column \(table.header[j]): value '\(s)' is not finite")
                    }
                    if j == weightCol && !(v > 0 && v <= 500) {
                        throw DataError("line \(line), column \(table.header[j]): \(s) kg is not a plausible body weight (0 < WT <= 500 kg)")
                    }
                    values[j] = v
                } else if strict.contains(j) {
                    throw DataError("line \(line), column \(table.header[j]): '\(s)' is not a number")
                }
            }
            func v(_ c: Int?) -> Double { c.map { values[$0] } ?? 0 }
            func integer(_ c: Int?, _ name: String) throws -> Int {
                let x = v(c)
                guard x == x.rounded(), abs(x) < 1e9 else {
                    throw DataError("line \(line), column \(name): '\(x)' must be a whole number")
                }
                return Int(x)
            }
            let amt = v(amtCol)
            var evid: Int
            if evidCol != nil {
                evid = try integer(evidCol, "EVID")
            } else {
                evid = (amt > 0 && (mdvCol == nil || v(mdvCol) == 1 || v(mdvCol) == 0)) ? 1 : 0
            }
            // CMT: a number, or a compartment name resolved against the model later.
            var cmtName: String? = nil
            if let c = cmtCol, values[c].isNaN {
                let name = cells[c].trimmedSpaces
                let bare = name.hasPrefix("-") ? String(name.dropFirst()) : name
                guard let first = bare.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else {
                    throw DataError("line \(line), column \(table.header[c]): '\(name)' is neither a compartment number nor a name")
                }
                cmtName = name
            }
            var row = Row(
                line: line, id: idCol.map { cells[$0].trimmedSpaces } ?? "1", timeH: v(timeCol), evid: evid,
                amount: amt, cmt: cmtName == nil ? try integer(cmtCol, "CMT") : 0, rate: v(rateCol), ii: v(iiCol),
                addl: try integer(addlCol, "ADDL"), ss: try integer(ssCol, "SS"), values: values, cells: cells)
            row.cmtName = cmtName
            try NonmemDataset.check(row, evidInferred: evidCol == nil)
            out.append(row)
        }
        guard !out.isEmpty else { throw DataError("data set: no data rows (all rows are comments)") }
        // TIME must not decrease within an individual, except on reset records (EVID 3 or 4).
        for k in 1..<out.count where out[k].id == out[k - 1].id && out[k].timeH < out[k - 1].timeH {
            if out[k].evid != 3 && out[k].evid != 4 {
                throw DataError("line \(out[k].line), column TIME: \(out[k].timeH) is earlier than \(out[k - 1].timeH) on the previous record of ID \(out[k].id)")
            }
        }
        rows = out
    }

    /// The compartments of a model, numbered for CMT: "1 CENTRAL, 2 PERIPH".
    public static func numbering(_ names: [String]) -> String {
        names.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: ", ")
    }

    /// Turns compartment names in CMT into numbers (case-insensitive; "-name" empties it on EVID 2)
    /// and checks every CMT against the model's compartments. The error names the line, the
    /// column, the value and the compartments.
    public mutating func resolveCompartments(_ names: [String]) throws {
        let column = header.first { $0.caseInsensitiveEquals("CMT") } ?? "CMT"
        func unknown(_ r: Row, _ value: String) -> DataError {
            DataError("line \(r.line), column \(column): '\(value)' is not a compartment of the model (CMT: \(NonmemDataset.numbering(names)))")
        }
        for k in rows.indices {
            let r = rows[k]
            if let name = r.cmtName {
                let negative = name.hasPrefix("-")
                let bare = negative ? String(name.dropFirst()) : name
                guard let i = names.firstIndex(where: { $0.caseInsensitiveEquals(bare) }) else { throw unknown(r, name) }
                rows[k].cmt = negative ? -(i + 1) : i + 1
                rows[k].cmtName = nil
            } else if abs(r.cmt) > names.count {
                throw unknown(r, "\(r.cmt)")
            }
        }
    }

    static func check(_ r: Row, evidInferred: Bool = false) throws {
        let at = "line \(r.line)"
        guard (0...4).contains(r.evid) else { throw DataError("\(at), column EVID: \(r.evid) is not 0, 1, 2, 3 or 4") }
        guard r.amount >= 0 else { throw DataError("\(at), column AMT: \(r.amount) is negative") }
        guard r.ii >= 0 else { throw DataError("\(at), column II: \(r.ii) is negative") }
        guard abs(r.timeH) <= InputLimits.maxDataTime else {
            throw DataError("\(at), column TIME: \(r.timeH) is beyond any study (|TIME| <= 1e8)")
        }
        guard r.ii <= InputLimits.maxDataTime else { throw DataError("\(at), column II: \(r.ii) is beyond any study (II <= 1e8)") }
        guard r.addl >= 0 else { throw DataError("\(at), column ADDL: \(r.addl) is negative") }
        guard r.addl <= InputLimits.maxAdditionalDoses else {
            throw DataError("\(at), column ADDL: \(r.addl) exceeds the limit of \(InputLimits.maxAdditionalDoses) additional doses")
        }
        guard (0...2).contains(r.ss) else { throw DataError("\(at), column SS: \(r.ss) is not 0, 1 or 2") }
        guard r.rate >= 0 || r.rate == -1 || r.rate == -2 else {
            throw DataError("\(at), column RATE: \(r.rate) is not ≥ 0, −1 (modelled rate) or −2 (modelled duration)")
        }
        if r.evid == 0 && (r.amount != 0 || r.rate != 0 || r.addl != 0 || r.ss != 0) {
            let what = r.amount != 0 ? "AMT \(r.amount)" : r.rate != 0 ? "RATE \(r.rate)" : r.addl != 0 ? "ADDL \(r.addl)" : "SS \(r.ss)"
            if evidInferred {
                let column = r.rate != 0 ? "RATE" : r.addl != 0 ? "ADDL" : "SS"
                throw DataError("\(at), column \(column): \(what) on a record without a dose (no EVID column; AMT 0 makes it an observation); a dose needs AMT > 0")
            }
            throw DataError("\(at), column EVID: an observation (EVID 0) with \(what); a dose needs its own record with EVID 1 (or 4)")
        }
        let isDose = r.evid == 1 || r.evid == 4
        if isDose {
            if r.addl > 0 && r.ii == 0 { throw DataError("\(at), column II: ADDL \(r.addl) needs II > 0") }
            if r.ss > 0 && r.ii == 0 && !(r.amount == 0 && r.rate > 0) {
                throw DataError("\(at), column II: SS=\(r.ss) needs II > 0 (or AMT=0 with RATE>0 for a constant-rate steady state)")
            }
        }
    }
}

/// A model that can run a NONMEM data set: the linear `CompiledModel` or a text model (`TextModel`).
public protocol NonmemModel {
    var parameterNames: [String] { get }
    var defaultParameters: [Double] { get }
    var compartmentNames: [String] { get }
    var outputName: String { get }
    /// Every output's name (the first is `outputName`).
    var outputNames: [String] { get }
    /// Data-set column → parameter aliases.
    var columnAliases: [String: String] { get }
    /// Indices of the F, ALAG, R and D parameters for doses into compartment `c` (0-based).
    func doseModifiers(_ c: Int) -> CompiledModel.DoseModifierIndices
    /// An engine for these parameter sets (model index = set index), with the model's outputs and
    /// the name of the solver it uses.
    func makeEngine(parameterSets: [[Double]]) throws -> PreparedEngine
}

extension NonmemModel {
    /// Default: the one output `outputName`.
    public var outputNames: [String] { [outputName] }
}

extension CompiledModel: NonmemModel {
    /// Compartment names in state order.
    public var compartmentNames: [String] { spec.compartments.map(\.name) }
    /// The first output's name (e.g. "CP").
    public var outputName: String { spec.outputs[0].name }
    /// Every output's name, in spec order.
    public var outputNames: [String] { spec.outputs.map(\.name) }
    /// Data-set column → parameter aliases of the spec.
    public var columnAliases: [String: String] { spec.columns ?? [:] }
    /// Indices of the F, ALAG, R and D parameters for doses into compartment `c` (0-based).
    public func doseModifiers(_ c: Int) -> DoseModifierIndices { doseModifiers[c] }
    /// An exact (matrix exponential) engine with one linear model per parameter set.
    public func makeEngine(parameterSets: [[Double]]) throws -> PreparedEngine {
        PreparedEngine(linear: try parameterSets.map { try build($0) })
    }
}

/// Runs a NONMEM data set and returns one output row per data row.
public enum NonmemRun {
    /// One output row.
    public struct OutputRow: Sendable {
        /// Line of the data record in the file.
        public var line: Int
        /// The record's ID.
        public var id: String
        /// The record's TIME (h).
        public var timeH: Double
        /// The record's EVID.
        public var evid: Int
        /// The model's first output (e.g. CP).
        public var output: Double { outputs[0] }
        /// Every output, in `Result.outputNames` order.
        public var outputs: [Double]
        /// Amount in every compartment, after the record's action.
        public var amounts: [Double]
    }

    /// The output of a run: one row per data row.
    public struct Result: Sendable {
        /// The first output's name (e.g. "CP").
        public var outputName: String
        /// Every output's name (the first is `outputName`).
        public var outputNames: [String] = []
        /// Compartment names, in the order of each row's `amounts`.
        public var compartmentNames: [String]
        /// One row per data row, in data order.
        public var rows: [OutputRow]
        /// Which solver ran ("exact (matrix exponential)" or the ODE method).
        public var solver: String = ""
    }

    /// Simulates every individual. Parameter columns (spec parameters, their aliases in
    /// `spec.columns`, and F/ALAG/R/D<n> for any compartment n) override values NOCB.
    /// `rowParameters` (one vector per data row, e.g. from covariate columns) replaces the model's
    /// default parameters row by row; each record's vector applies NOCB like a parameter column.
    public static func simulate<M: NonmemModel>(_ dataSet: NonmemDataset, model: M, rowParameters: [[Double]]? = nil) throws -> Result {
        precondition(rowParameters == nil || rowParameters!.count == dataSet.rows.count, "one parameter vector per data row")
        var data = dataSet
        try data.resolveCompartments(model.compartmentNames)
        let nCmt = model.compartmentNames.count
        // Column → parameter bindings.
        var paramColumn: [(param: Int, column: Int)] = []
        for (j, name) in data.header.enumerated() {
            if let p = model.parameterNames.firstIndex(where: { $0.caseInsensitiveEquals(name) }) {
                paramColumn.append((p, j))
            } else if let alias = model.columnAliases.first(where: { $0.key.caseInsensitiveEquals(name) }),
                      let p = model.parameterNames.firstIndex(of: alias.value) {
                paramColumn.append((p, j))
            }
        }
        // Dose modifiers given only as data columns (no spec parameter).
        func modifierColumn(_ prefix: String, _ n: Int) -> Int? {
            data.header.firstIndex { $0.caseInsensitiveEquals("\(prefix)\(n)") }
        }
        let columnF = (1...nCmt).map { modifierColumn("F", $0) }
        let columnLag = (1...nCmt).map { modifierColumn("ALAG", $0) }
        let columnR = (1...nCmt).map { modifierColumn("R", $0) }
        let columnD = (1...nCmt).map { modifierColumn("D", $0) }
        for (p, j) in paramColumn {
            for r in data.rows where r.values[j].isNaN {
                throw DataError("line \(r.line), column \(data.header[j]): parameter \(model.parameterNames[p]) needs a number")
            }
        }

        var result = Result(outputName: model.outputName, outputNames: model.outputNames, compartmentNames: model.compartmentNames, rows: [])
        result.rows.reserveCapacity(data.rows.count)
        var start = 0
        while start < data.rows.count {
            var end = start + 1
            while end < data.rows.count && data.rows[end].id == data.rows[start].id { end += 1 }
            let rows = data.rows[start..<end]
            // One parameter set per distinct parameter vector.
            var modelIndexOf: [[Double]: Int] = [:]
            var paramsOf: [[Double]] = []
            var records: [EventRecord] = []
            for (k, r) in zip(rows.indices, rows) {
                var p = rowParameters?[k] ?? model.defaultParameters
                for (pi, j) in paramColumn { p[pi] = r.values[j] }
                let mi: Int
                if let existing = modelIndexOf[p] { mi = existing } else {
                    mi = paramsOf.count
                    modelIndexOf[p] = mi
                    paramsOf.append(p)
                }
                records.append(EventRecord(timeH: r.timeH, action: try action(r, p, mi)))
                records[records.count - 1].modelIndex = mi
            }
            func action(_ r: NonmemDataset.Row, _ p: [Double], _ mi: Int) throws -> EventRecord.Action {
                let at = "line \(r.line)"
                guard abs(r.cmt) <= nCmt else {
                    throw DataError("\(at), column CMT: compartment \(r.cmt) does not exist (model has \(nCmt))")
                }
                switch r.evid {
                case 0: return .observe
                case 3: return .reset
                case 2:
                    if r.cmt < 0 {
                        guard -r.cmt <= nCmt else { throw DataError("\(at), column CMT: compartment \(-r.cmt) does not exist (model has \(nCmt))") }
                        return .emptyCompartment(-r.cmt - 1)
                    }
                    return .other
                default:
                    let cmt = r.cmt == 0 ? 1 : r.cmt
                    guard cmt >= 1 && cmt <= nCmt else {
                        throw DataError("\(at), column CMT: compartment \(r.cmt) does not exist (model has \(nCmt))")
                    }
                    let c = cmt - 1
                    let mods = model.doseModifiers(c)
                    func value(_ idx: Int?, _ column: Int?, _ fallback: Double) -> Double? {
                        // A route's default (a profile's depot) yields to the data set's own column.
                        if mods.fromRoute, let column { return r.values[column].isNaN ? nil : r.values[column] }
                        if let idx { return p[idx] }
                        if let column { return r.values[column].isNaN ? nil : r.values[column] }
                        return fallback
                    }
                    let f = value(mods.bioavailability, columnF[c], 1) ?? 1
                    let lag = value(mods.lag, columnLag[c], 0) ?? 0
                    guard f >= 0 else { throw DataError("\(at): bioavailability F\(cmt) is \(f); it must be ≥ 0") }
                    guard lag >= 0 else { throw DataError("\(at): lag ALAG\(cmt) is \(lag); it must be ≥ 0") }
                    let input: DoseInput
                    switch r.rate {
                    case 0: input = .bolus
                    case -1:
                        guard mods.rate != nil || columnR[c] != nil, let rr = value(mods.rate, columnR[c], 0), rr > 0 else {
                            throw DataError("\(at), column RATE: −1 (modelled rate) needs R\(cmt) > 0 in the model or data")
                        }
                        input = .rate(rr)
                    case -2:
                        guard mods.duration != nil || columnD[c] != nil, let dd = value(mods.duration, columnD[c], 0), dd > 0 else {
                            throw DataError("\(at), column RATE: −2 (modelled duration) needs D\(cmt) > 0 in the model or data")
                        }
                        input = .duration(dd)
                    default: input = .rate(r.rate)
                    }
                    let dose = DoseInstruction(
                        compartment: c, amountMg: r.amount, bioavailability: f, lagH: lag, input: input,
                        intervalH: r.ii, additionalDoses: r.addl, steadyState: SteadyStateMode(rawValue: r.ss)!)
                    return r.evid == 4 ? .resetAndDose(dose) : .dose(dose)
                }
            }
            let made: PreparedEngine
            do { made = try model.makeEngine(parameterSets: paramsOf) } catch let e as ModelSpecError {
                // Name the first record whose parameter set fails.
                var line = rows.first!.line
                for (k, rec) in records.enumerated() where (try? model.makeEngine(parameterSets: [paramsOf[rec.modelIndex]])) == nil {
                    line = rows[rows.startIndex + k].line
                    break
                }
                throw DataError("line \(line): \(e.message)")
            }
            result.solver = made.solver
            var engine = made.engine
            engine.start(atH: rows.first!.timeH)
            // Split at time restarts (EVID 3/4 with an earlier TIME); run each part in one go so the
            // ODE path can fill observations from dense output.
            var k = 0
            while k < records.count {
                var e = k + 1
                while e < records.count && records[e].timeH >= records[e - 1].timeH { e += 1 }
                do {
                    if records[k].timeH < engine.timeH { engine.restart(atH: records[k].timeH) }
                    let flat = try engine.run(Array(records[k..<e]))
                    let n = nCmt
                    for q in k..<e {
                        let r = rows[rows.startIndex + q]
                        let x = Array(flat[((q - k) * n)..<((q - k + 1) * n)])
                        result.rows.append(OutputRow(line: r.line, id: r.id, timeH: r.timeH, evid: r.evid,
                                                     outputs: made.outputs(records[q].modelIndex, x, r.timeH), amounts: x))
                    }
                } catch let err as SimulationError {
                    // Name the first record of the failing part; re-run record by record to find the line.
                    var probe = made.engine
                    probe.start(atH: records[0].timeH)
                    var line = rows[rows.startIndex + k].line
                    for q in 0..<e {
                        if records[q].timeH < probe.timeH { probe.restart(atH: records[q].timeH) }
                        do { try probe.process(records[q]) } catch { line = rows[rows.startIndex + q].line; break }
                    }
                    throw DataError("line \(line): \(err.message)")
                }
                k = e
            }
            start = end
        }
        return result
    }
}
