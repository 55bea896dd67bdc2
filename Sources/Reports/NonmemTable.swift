import Foundation
import PKCore
import PKProfiles
import Studies

/// The CSV of `nm`, laid out like a NONMEM $TABLE: one row per data row; every input column echoed
/// as written in the data set (the cell text, not re-formatted), then PRED, IPRED, every model
/// output by name and the amount in every compartment by name (`A_<NAME>`: upper case,
/// non-alphanumerics as `_`). The header is the first line. PRED is the prediction at the typical
/// values (with the data set's covariate and parameter columns); IPRED is the individual
/// prediction, equal to PRED here, without random effects (`NonmemSimTable` is the table of
/// `nm --sim`, with etas). A computed column whose
/// name an input column already has gets the suffix `_SIM`.
public enum NonmemTable {
    /// A requested column that the table does not have.
    public struct UnknownColumn: Error, Sendable {
        public let name: String
        public let available: [String]
        public var message: String {
            "--columns: unknown column '\(name)' (available: \(available.joined(separator: ", ")))"
        }
    }

    /// `A_` + the compartment name upper-cased, every non-alphanumeric character as `_`.
    public static func amountColumn(_ compartment: String) -> String {
        "A_" + String(compartment.uppercased().unicodeScalars.map { c -> Character in
            (c.isASCII && (("A"..."Z").contains(c) || ("0"..."9").contains(c))) ? Character(c) : "_"
        })
    }

    /// Every column name, in table order.
    public static func columnNames(_ r: NonmemStudy.Result) -> [String] {
        columns(r).map(\.name)
    }

    /// The CSV; `select` (names, case-insensitive) picks and orders columns.
    public static func csv(_ r: NonmemStudy.Result, select: [String]? = nil) throws -> String {
        let all = columns(r)
        var chosen = all
        if let select {
            chosen = try select.map { want in
                guard let c = all.first(where: { $0.name.caseInsensitiveEquals(want) }) else {
                    throw UnknownColumn(name: want, available: all.map(\.name))
                }
                return c
            }
        }
        var csv = chosen.map { CSV.field($0.name) }.joined(separator: ",") + "\n"
        for k in r.run.rows.indices {
            csv += chosen.map { CSV.field($0.value(k)) }.joined(separator: ",")
            csv += "\n"
        }
        return csv
    }

    struct Column {
        var name: String
        var value: (Int) -> String
    }

    static func columns(_ r: NonmemStudy.Result) -> [Column] {
        let run = r.run, data = r.data
        var cols: [Column] = []
        for (j, name) in data.header.enumerated() {
            cols.append(Column(name: name) { k in
                let cells = data.rows[k].cells
                return j < cells.count ? cells[j] : ""
            })
        }
        // "_SIM" until the name is free (an input may have both PRED and PRED_SIM), and no
        // computed column takes a name another one has.
        var taken = Set(data.header.map { $0.uppercased() })
        func unique(_ n: String) -> String {
            var m = n
            while taken.contains(m.uppercased()) { m += "_SIM" }
            taken.insert(m.uppercased())
            return m
        }
        cols.append(Column(name: unique("PRED")) { NumberFormat.g(run.rows[$0].output) })
        cols.append(Column(name: unique("IPRED")) { NumberFormat.g(run.rows[$0].output) })
        for (o, name) in run.outputNames.enumerated() {
            cols.append(Column(name: unique(name)) { NumberFormat.g(run.rows[$0].outputs[o]) })
        }
        for (c, name) in run.compartmentNames.enumerated() {
            cols.append(Column(name: unique(amountColumn(name))) { NumberFormat.g(run.rows[$0].amounts[c]) })
        }
        return cols
    }

    public static func provenance(_ r: NonmemStudy.Result, dataPath: String) -> [String] {
        ["data \(dataPath)", "\(r.modelLabel); solver: \(r.run.solver)",
         "columns: input columns as written, PRED (typical values), IPRED (= PRED: no etas), outputs "
            + r.run.outputNames.joined(separator: ", ") + ", amounts "
            + r.run.compartmentNames.map { "\(amountColumn($0)) (\($0))" }.joined(separator: ", ")]
    }
}
