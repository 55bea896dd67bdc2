import Foundation
import Planner

/// Number formatting for tables and CSV: the one implementation in `PlanFormat` (shared with the
/// planner's output), with the CLI's defaults.
enum Format {
    /// Shortest round-trip text for CSV (full precision, no trailing zeros).
    static func g(_ x: Double) -> String { PlanFormat.g(x) }

    /// Fixed decimals.
    static func f(_ x: Double, _ digits: Int) -> String { PlanFormat.f(x, digits) }

    /// About `sig` significant digits, for tables.
    static func sig(_ x: Double, _ sig: Int = 4) -> String { PlanFormat.sig(x, sig) }

    /// About `sig` significant digits without trailing zeros, for labels ("0.5", "70", "35").
    static func short(_ x: Double, _ sig: Int = 4) -> String { PlanFormat.short(x, sig) }

    /// Hours as "h:mm".
    static func hm(_ h: Double) -> String { PlanFormat.hm(minutes: h * 60) }

    /// Left-pads or right-pads to a width.
    static func pad(_ s: String, _ w: Int, right: Bool = false) -> String { PlanFormat.pad(s, w, right: right) }
}
