import Foundation

/// Numbers as text: the one implementation used by every message and report (safe on non-finite
/// values). Tables, CSV fields and layout live in the Reports module.
public enum NumberFormat {
    /// About `sig` significant digits: fixed decimals when 6 or fewer show them, else `%g` with
    /// `sig` digits (the exponent form for tiny values, trailing zeros dropped), so a nonzero
    /// value never prints as 0: 1e-9 mg is "1e-09", not "0".
    public static func sig(_ x: Double, _ sig: Int = 3) -> String {
        if x == 0 || !x.isFinite { return x == 0 ? "0" : "\(x)" }
        let mag = Int(floor(log10(abs(x))))
        let digits = Swift.max(0, sig - 1 - mag)
        if digits > 6 { return String(format: "%.\(Swift.max(1, sig))g", x) }
        return String(format: "%.\(digits)f", x)
    }

    /// Significant digits without trailing zeros.
    public static func short(_ x: Double, _ sig: Int = 4) -> String {
        var s = NumberFormat.sig(x, sig)
        // Trailing zeros of fixed decimals only (the exponent form has none to drop: `%g`).
        if s.contains(".") && !s.contains("e") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    public static func f(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

    /// Full precision for CSV.
    public static func g(_ x: Double) -> String {
        var s = ""
        appendG(x, to: &s)
        return s
    }

    /// `g(x)` appended to `out` (no intermediate string: for rows of many numbers).
    public static func appendG(_ x: Double, to out: inout String) {
        if x == 0 { out += "0"; return }
        if x == x.rounded() && abs(x) < 1e15 { out += String(Int64(x)); return }
        x.write(to: &out)
    }

    /// Minutes as "h:mm".
    public static func hm(minutes: Double) -> String {
        guard minutes.isFinite, abs(minutes) < 1e12 else { return "\(minutes)" }
        let m = Int(minutes.rounded())
        return "\(m / 60):" + String(format: "%02d", m % 60)
    }

    /// Hours as "h:mm".
    public static func hm(hours: Double) -> String { hm(minutes: hours * 60) }
}
