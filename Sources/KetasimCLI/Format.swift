import Foundation

/// Number formatting for tables and CSV.
enum Format {
    /// Shortest round-trip text for CSV (full precision, no trailing zeros).
    static func g(_ x: Double) -> String {
        if x == 0 { return "0" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// Fixed decimals.
    static func f(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

    /// About `sig` significant digits, for tables.
    static func sig(_ x: Double, _ sig: Int = 4) -> String {
        if x == 0 { return "0" }
        let mag = Int(floor(log10(abs(x))))
        let digits = Swift.max(0, sig - 1 - mag)
        return String(format: "%.\(Swift.min(digits, 6))f", x)
    }

    /// About `sig` significant digits without trailing zeros, for labels ("0.5", "70", "35").
    static func short(_ x: Double, _ sig: Int = 4) -> String {
        var s = Format.sig(x, sig)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// Hours as "h:mm".
    static func hm(_ h: Double) -> String {
        let totalMin = Int((h * 60).rounded())
        return "\(totalMin / 60):" + String(format: "%02d", totalMin % 60)
    }

    /// Left-pads or right-pads to a width.
    static func pad(_ s: String, _ w: Int, right: Bool = false) -> String {
        let n = s.count
        if n >= w { return s }
        let p = String(repeating: " ", count: w - n)
        return right ? p + s : s + p
    }
}
