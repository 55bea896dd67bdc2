import Foundation

/// Number formatting for plan output and the CLI (which calls these): one implementation, safe on
/// non-finite values.
public enum PlanFormat {
    /// About `sig` significant digits.
    public static func sig(_ x: Double, _ sig: Int = 3) -> String {
        if x == 0 || !x.isFinite { return x == 0 ? "0" : "\(x)" }
        let mag = Int(floor(log10(abs(x))))
        let digits = Swift.max(0, sig - 1 - mag)
        return String(format: "%.\(Swift.min(digits, 6))f", x)
    }

    /// Significant digits without trailing zeros.
    public static func short(_ x: Double, _ sig: Int = 4) -> String {
        var s = PlanFormat.sig(x, sig)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    public static func f(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

    /// Full precision for CSV.
    public static func g(_ x: Double) -> String {
        if x == 0 { return "0" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// Minutes as "h:mm".
    public static func hm(minutes: Double) -> String {
        guard minutes.isFinite, abs(minutes) < 1e12 else { return "\(minutes)" }
        let m = Int(minutes.rounded())
        return "\(m / 60):" + String(format: "%02d", m % 60)
    }

    public static func pad(_ s: String, _ w: Int, right: Bool = false) -> String {
        let n = s.count
        if n >= w { return s }
        let p = String(repeating: " ", count: w - n)
        return right ? p + s : s + p
    }

    /// A CSV field, quoted when needed.
    public static func csv(_ s: String) -> String {
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
