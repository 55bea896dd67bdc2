import PKCore
import PKProfiles
import Studies

/// The CSV of `nm --sim`: the $TABLE of `NonmemTable` once per replicate, replicate `IREP` first.
/// Columns: IREP, every input column as written, PRED (typical values), IPRED (individual: the
/// replicate's etas), SIMDV (IPRED with residual error, observation rows only; with residual
/// error), every model output by name and every compartment amount `A_<NAME>` (individual), then
/// the individual's etas by name (`ETA_CL`...). Rows: replicate by replicate, each in data-set
/// order. A computed column whose name an input column has gets the suffix `_SIM`. Without draws
/// (`nm` without `--sim` on a data set with eta columns) the layout is `NonmemTable`'s: no IREP, no
/// eta columns, IPRED and the outputs and amounts with the data's etas.
public struct NonmemSimTable: Sendable {
    enum Kind: Sendable, Equatable {
        case irep, input(Int), pred, ipred, simdv, output(Int), amount(Int), eta(Int)
    }

    let sim: NonmemSimulation
    let columns: [(name: String, kind: Kind)]

    /// The table of `sim`; `select` (names, case-insensitive) picks and orders columns.
    public init(_ sim: NonmemSimulation, select: [String]? = nil) throws {
        self.sim = sim
        var all: [(name: String, kind: Kind)] = []
        // "_SIM" until the name is free (an input may have both PRED and PRED_SIM), and no
        // computed column takes a name another one has.
        var taken = Set(sim.data.header.map { $0.uppercased() })
        func unique(_ n: String) -> String {
            var m = n
            while taken.contains(m.uppercased()) { m += "_SIM" }
            taken.insert(m.uppercased())
            return m
        }
        if sim.drawsEtas { all.append((unique("IREP"), .irep)) }
        for (j, n) in sim.data.header.enumerated() { all.append((n, .input(j))) }
        all.append((unique("PRED"), .pred))
        all.append((unique("IPRED"), .ipred))
        if sim.residual != nil { all.append((unique("SIMDV"), .simdv)) }
        for (o, n) in sim.typical.outputNames.enumerated() { all.append((unique(n), .output(o))) }
        for (c, n) in sim.typical.compartmentNames.enumerated() { all.append((unique(NonmemTable.amountColumn(n)), .amount(c))) }
        if sim.drawsEtas { for (k, n) in sim.etaNames.enumerated() { all.append((unique(n), .eta(k))) } }
        if let select {
            columns = try select.map { want in
                guard let c = all.first(where: { $0.name.caseInsensitiveEquals(want) }) else {
                    throw NonmemTable.UnknownColumn(name: want, available: all.map(\.name))
                }
                return c
            }
        } else {
            columns = all
        }
    }

    /// Column names in table order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The header line (with its newline).
    public var header: String { columns.map { CSV.field($0.name) }.joined(separator: ",") + "\n" }

    /// The rows of `pieces`, in the order given.
    public func rows(_ pieces: [NonmemSimulation.Piece]) -> String {
        var out = ""
        let data = sim.data, typical = sim.typical
        for p in pieces {
            let rep = String(p.replicate)
            for (k, row) in p.rows.enumerated() {
                let r = p.firstRow + k
                var first = true
                for c in columns {
                    if !first { out += "," }
                    first = false
                    switch c.kind {
                    case .irep: out += rep
                    case .input(let j):
                        let cells = data.rows[r].cells
                        out += CSV.field(j < cells.count ? cells[j] : "")
                    case .pred: out += NumberFormat.g(typical.rows[r].output)
                    case .ipred: out += NumberFormat.g(row.output)
                    case .simdv:
                        if let v = p.simulatedDV?[k], !v.isNaN { out += NumberFormat.g(v) }
                    case .output(let o): out += NumberFormat.g(row.outputs[o])
                    case .amount(let a): out += NumberFormat.g(row.amounts[a])
                    case .eta(let e): out += NumberFormat.g(p.etas[e])
                    }
                }
                out += "\n"
            }
        }
        return out
    }

    /// Provenance lines for the sidecar (or standard error).
    public func provenance(dataPath: String, replicates: ClosedRange<Int>) -> [String] {
        guard sim.drawsEtas else {
            return ["data \(dataPath)", "\(sim.modelLabel); solver: \(sim.typical.solver)",
                    "columns: input columns as written, PRED (typical values), IPRED, outputs and amounts with the etas of the data's eta columns (other etas 0)"]
        }
        var lines = ["data \(dataPath)", "\(sim.modelLabel); solver: \(sim.typical.solver)",
                     "simulation: \(sim.replicates) replicates (IREP \(replicates.lowerBound)-\(replicates.upperBound) in this file) of \(sim.individuals.count) individuals, seed \(sim.seed); "
                        + "Philox4x64-10 keyed by (seed, replicate, individual); etas \(sim.etaNames.joined(separator: ", ")) ~ N(0, Omega)"]
        if let r = sim.residual {
            lines.append("residual error on \(sim.typical.outputName): additive \(NumberFormat.g(r.additive)), proportional \(NumberFormat.g(r.proportional)), exponential \(NumberFormat.g(r.exponential)) (SIMDV on EVID 0 rows)")
        }
        lines.append("columns: IREP, input columns as written, PRED (typical values), IPRED (individual)"
            + (sim.residual == nil ? "" : ", SIMDV") + ", individual outputs "
            + sim.typical.outputNames.joined(separator: ", ") + ", individual amounts "
            + sim.typical.compartmentNames.map { NonmemTable.amountColumn($0) }.joined(separator: ", ")
            + ", etas " + sim.etaNames.joined(separator: ", "))
        return lines
    }
}
