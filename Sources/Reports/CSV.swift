/// The one CSV writer of every report (RFC 4180): fields quoted only when they hold a comma, a
/// quote or a line break, quotes doubled, rows ended by "\n". Header first, no comment lines:
/// provenance goes to a sidecar (see the CLI's `Provenance`).
public enum CSV {
    /// One field, quoted when it holds `,`, `"`, CR or LF.
    public static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One row of fields, ended by a newline.
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    /// A whole table: the header row, then the rows.
    public static func table(header: [String], rows: [[String]]) -> String {
        row(header) + rows.map(row).joined()
    }
}
