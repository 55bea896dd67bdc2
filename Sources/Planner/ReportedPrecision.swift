/// The resolution of a plan's reported times and amounts: far below anything the model or a
/// clinic can tell apart, and far above the rounding left by the double arithmetic that made
/// them. A session's times are differences of course times in hours (48.666…h − 48h leaves about
/// 1e-14 h, printed as `39.99999999999986` min) and its IV-equivalent amounts are products
/// (35 mg × 0.93 is `32.549999999999955`); rounded here they print, in CSV and JSON alike, as the
/// short decimals they stand for (`40`, `32.55`). Concentrations are left as computed.
public enum ReportedPrecision {
    /// Minutes to the nearest 1e-9 min (60 ns: 1e-9 relative to a minute-long interval, as the
    /// metrics agree across commands, and above the ~3e-11 min a course of 2,000 h leaves).
    public static func minutes(_ x: Double) -> Double { rounded(x, per: 1e9) }
    /// Milligrams (or mg/kg) to the nearest 1e-9 mg.
    public static func milligrams(_ x: Double) -> Double { rounded(x, per: 1e9) }

    /// x to the nearest 1/`per`: an integer count of steps divided by `per` (a correctly rounded
    /// quotient of two exact integers is the double nearest the decimal, whose shortest form is
    /// that decimal). Non-finite values and magnitudes past 2^53 steps are returned unchanged.
    static func rounded(_ x: Double, per: Double) -> Double {
        let steps = (x * per).rounded()
        guard x.isFinite, abs(steps) < 9.007_199_254_740_992e15 else { return x }
        // -0.0 for a tiny negative value would print as "-0".
        return steps == 0 ? 0 : steps / per
    }
}
