import Dispatch
import Foundation
import PKCore
import PKProfiles
import Planner
import Reports
import Studies

/// A subjects CSV mapped onto a profile's covariates and etas.
struct SubjectsFile {
    /// Column `c` of a subjects table as finite numbers; an error names the file, line, column and cell.
    static func numbers(_ table: CSVTable, column c: Int, at: String) throws -> [Double] {
        try table.rows.enumerated().map { k, r in
            let s = r[c].trimmedSpaces
            guard let v = CSVTable.number(s), v.isFinite else {
                throw CLIError.failure("\(at) line \(table.lineNumbers[k]), column \(table.header[c]): '\(s)' is not a finite number")
            }
            return v
        }
    }

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
        func numbers(_ c: Int) throws -> [Double] { try SubjectsFile.numbers(table, column: c, at: at) }
        // Covariates: a column named like each covariate; only fixed ones may be missing.
        var covs: [SubjectGenerator.CovariateSource] = []
        var describeParts: [String] = []
        for (k, name) in pm.covariateNames.enumerated() {
            if let c = table.column(name) {
                used.insert(c)
                let values = try numbers(c)
                // Body weight: the plausible range of --weight (a WT of 0 or below gives negative
                // volumes and NaN parameters; above 500 kg is a unit slip).
                if name.uppercased() == "WT", let k = values.firstIndex(where: { !($0 > 0 && $0 <= 500) }) {
                    throw CLIError.failure("\(at) line \(table.lineNumbers[k]), column \(table.header[c]): \(NumberFormat.g(values[k])) kg is not a plausible body weight (0 < WT <= 500 kg)")
                }
                covs.append(.column(values))
                describeParts.append("\(name) from the file")
            } else if case .fixed = distributions[k] {
                covs.append(.draw(distributions[k]))
            } else {
                throw CLIError.failure("\(at): no column for covariate \(name) of profile \(p.name) (columns: \(table.header.joined(separator: ", ")))")
            }
        }
        covariates = covs
        let targets = (p.variability ?? []).map { (name: $0.name, parameter: $0.parameter) }
        let etaColumn = try SubjectsFile.etaColumns(table, skipping: used, targets: targets, etaMap: etaMap, path: path, owner: "profile \(p.name)",
                                                    notAnEta: "not a covariate or eta of profile \(p.name)", noEtaHint: "", at: at, notes: &notes)
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

extension SubjectsFile {
    /// The columns of a subjects file that give etas, as eta index → column: an explicit
    /// `--eta-map COLUMN=ETA` (or `COLUMN=-` to drop one) first, then a column named like an eta,
    /// then `eta_<PARAMETER>` (trailing digits dropped if needed). Columns in `skipping` are taken;
    /// other columns are noted as ignored. Shared by profile and text-model (`--model`) runs.
    static func etaColumns(_ table: CSVTable, skipping used: Set<Int>, targets: [(name: String, parameter: String)], etaMap: String?,
                           path: String, owner: String, notAnEta: String, noEtaHint: String, at: String,
                           notes: inout [String]) throws -> [Int: Int] {
        var explicit: [String: String] = [:]
        if let m = etaMap {
            for part in m.split(separator: ",") {
                let kv = part.split(separator: "=", maxSplits: 1).map { String($0).trimmedSpaces }
                guard kv.count == 2, !kv[0].isEmpty, !kv[1].isEmpty else { throw CLIError.usage("--eta-map: '\(part)' is not COLUMN=ETA or COLUMN=-") }
                guard table.column(kv[0]) != nil else { throw CLIError.usage("--eta-map: no column '\(kv[0])' in \(path) (columns: \(table.header.joined(separator: ", ")))") }
                guard kv[1] == "-" || targets.contains(where: { $0.name.caseInsensitiveEquals(kv[1]) }) else {
                    throw CLIError.usage("--eta-map: \(owner) has no eta '\(kv[1])' (etas: \(targets.isEmpty ? "none" : targets.map(\.name).joined(separator: ", ")))")
                }
                explicit[kv[0].lowercased()] = kv[1]
            }
        }
        var etaColumn: [Int: Int] = [:]
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
                    notes.append("\(at): column \(header) ignored (\(owner) has no eta on \(param)\(noEtaHint))")
                    continue
                }
            } else {
                notes.append("\(at): column \(header) ignored (\(notAnEta))")
                continue
            }
            guard let t = target else { continue }
            if let other = etaColumn[t] {
                throw CLIError.usage("\(at): columns \(table.header[other]) and \(header) both map to eta \(targets[t].name); drop one with --eta-map \(header)=-")
            }
            etaColumn[t] = c
        }
        return etaColumn
    }
}
