import Foundation
import PKCore
import PKProfiles
import Planner
import Studies
/// Plain-text tables and CSV fields, for every report.
public enum TextTable {
    public static func pad(_ s: String, _ w: Int, right: Bool = false) -> String {
        let n = s.count
        if n >= w { return s }
        let p = String(repeating: " ", count: w - n)
        return right ? p + s : s + p
    }

    /// A CSV field, quoted when needed.
    public static func csvField(_ s: String) -> String {
        s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// A text table with a header rule; columns in `left` are left-aligned, the others right-aligned.
    public static func table(_ header: [String], _ rows: [[String]], left: Set<Int> = [0]) -> String {
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = Swift.max(widths[i], c.count) } }
        func line(_ r: [String]) -> String {
            r.enumerated().map { i, c in pad(c, widths[i], right: !left.contains(i)) }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var s = line(header) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for r in rows { s += line(r) + "\n" }
        return s
    }
}
