import PKCore
import PKProfiles
import Studies

/// The CSV of `nm`: one row per data row, ID, TIME, EVID, the model's first output and the amount
/// in every compartment; provenance lines for its sidecar.
public enum NonmemTable {
    public static func csv(_ r: NonmemStudy.Result) -> String {
        let run = r.run
        var csv = "ID,TIME,EVID,\(run.outputName)"
        for i in 1...run.compartmentNames.count { csv += ",A\(i)" }
        csv += "\n"
        for row in run.rows {
            csv += "\(row.id),\(NumberFormat.g(row.timeH)),\(row.evid),\(NumberFormat.g(row.output))"
            for v in row.amounts { csv += ",\(NumberFormat.g(v))" }
            csv += "\n"
        }
        return csv
    }

    public static func provenance(_ r: NonmemStudy.Result, dataPath: String) -> [String] {
        ["data \(dataPath)", "\(r.modelLabel); solver: \(r.run.solver)",
         "A1..A\(r.run.compartmentNames.count): " + r.run.compartmentNames.joined(separator: ", ")]
    }
}
