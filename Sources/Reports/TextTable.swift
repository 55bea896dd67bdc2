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

    /// Greedy word wrap of one line: `first` before the first line, `rest` before the others. Breaks
    /// only at spaces outside [brackets] (a citation "[zanos-2018 Table 1]" stays whole); runs of
    /// spaces inside a line are kept; a word wider than the line stays whole. Ends with a newline.
    public static func wrap(_ text: String, width: Int, first: String, rest: String) -> String {
        var words: [String] = []
        var pendingSpaces = 0
        var depth = 0
        for piece in text.split(separator: " ", omittingEmptySubsequences: false) {
            if piece.isEmpty { pendingSpaces += 1; continue }
            let glue = depth > 0 && !words.isEmpty && words[words.count - 1].count + pendingSpaces + piece.count < 40
            let spaces = String(repeating: " ", count: pendingSpaces)
            if glue { words[words.count - 1] += " " + spaces + piece } else { words.append(spaces + piece) }
            pendingSpaces = 0
            for ch in piece { if ch == "[" { depth += 1 } else if ch == "]" { depth = Swift.max(0, depth - 1) } }
        }
        var lines: [String] = []
        var line = first
        var empty = true
        for w in words {
            let bare = String(w.drop { $0 == " " })
            if !empty && line.count + 1 + w.count > width {
                lines.append(line)
                line = rest + bare
            } else {
                line += empty ? bare : " " + w
            }
            empty = false
        }
        lines.append(line)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Word-wraps every line of `text` longer than `width` at spaces; continuation lines are indented
    /// two columns more than the line's own leading spaces. A single word longer than the width (a
    /// URL) stays whole. Meant for prose (headers, notes, sources), never for table rows.
    public static func wrapProse(_ text: String, width: Int) -> String {
        let endsWithNewline = text.hasSuffix("\n")
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            // A line with ANSI colour codes is a chart row laid out to the width already; its
            // escape characters would count as width.
            if line.count <= width || line.contains("\u{1B}") { out.append(line); continue }
            let lead = line.prefix { $0 == " " }.count
            let first = String(repeating: " ", count: lead)
            let rest = String(repeating: " ", count: Swift.min(lead + 2, width / 2))
            let wrapped = wrap(String(line.dropFirst(lead)), width: width, first: first, rest: rest)
            out.append(String(wrapped.dropLast()))
        }
        var joined = out.joined(separator: "\n")
        if endsWithNewline && !joined.hasSuffix("\n") { joined += "\n" }
        return joined
    }

    /// A table that fits in `width` columns: the whole table when it fits; else the columns after the
    /// first split into several tables that each repeat the first column (when it is narrow) or an
    /// arm number "#" explained by a legend; else, when a column alone is too wide, one record per
    /// row: the first cell, then "heading: value" lines wrapped at word boundaries. Rows are never
    /// wrapped. `left`: left-aligned columns.
    public static func fit(_ header: [String], _ rows: [[String]], width: Int, left: Set<Int> = [0]) -> String {
        let full = table(header, rows, left: left)
        if full.split(separator: "\n").allSatisfy({ $0.count <= width }) { return full }
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = Swift.max(widths[i], c.count) } }
        let numbered = "#\(rows.count)".count
        let rest = Array(1..<header.count)
        let keyFits = rest.allSatisfy { widths[0] + 2 + widths[$0] <= width }
        let numFits = rest.allSatisfy { numbered + 2 + widths[$0] <= width }
        func split(_ keyW: Int) -> [[Int]] {
            var groups: [[Int]] = [[]]
            var used = keyW
            for c in rest {
                if !groups[groups.count - 1].isEmpty && used + 2 + widths[c] > width { groups.append([]); used = keyW }
                groups[groups.count - 1].append(c)
                used += 2 + widths[c]
            }
            return groups
        }
        // The first column repeats in every part when it is narrow; else rows are numbered.
        let useKey = keyFits && (widths[0] <= width / 3 || !numFits)
        let groups = (keyFits || numFits) ? split(useKey ? widths[0] : numbered) : []
        if (keyFits || numFits) && groups.count <= 3 {
            let keyFits = useKey
            var out = ""
            if !keyFits {
                out += rows.enumerated().map { i, r in
                    wrap(r[0], width: width, first: TextTable.pad("#\(i + 1)", numbered) + "  ", rest: String(repeating: " ", count: numbered + 2))
                }.joined()
                out += "\n"
            }
            out += groups.map { g in
                let h = [keyFits ? header[0] : "#"] + g.map { header[$0] }
                // A row with nothing in this part's columns (a calendar's support session) is left out of it.
                let rs = rows.enumerated().filter { _, r in g.contains { $0 < r.count && !r[$0].isEmpty } }
                    .map { i, r in [keyFits ? r[0] : "#\(i + 1)"] + g.map { $0 < r.count ? r[$0] : "" } }
                var l: Set<Int> = [0]
                for (k, c) in g.enumerated() where left.contains(c) { l.insert(k + 1) }
                return table(h, rs, left: l)
            }.joined(separator: "\n")
            return out
        }
        // One record per row; short "heading: value" fields share a line.
        return rows.map { r in
            var s = wrap(r[0], width: width, first: "", rest: "  ")
            var line = ""
            func flush() { if !line.isEmpty { s += "  " + line + "\n"; line = "" } }
            for c in rest where c < r.count && !r[c].isEmpty {
                let field = "\(header[c]): \(r[c])"
                if field.count + 2 > width { flush(); s += wrap(field, width: width, first: "  ", rest: "      "); continue }
                if !line.isEmpty && 2 + line.count + 2 + field.count > width { flush() }
                line += (line.isEmpty ? "" : "  ") + field
            }
            flush()
            return s
        }.joined(separator: "\n")
    }
}
