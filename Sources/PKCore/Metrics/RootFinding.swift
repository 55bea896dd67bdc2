/// Bracketed root finding: the Illinois variant of regula falsi (Dowell & Jarratt 1971), which keeps
/// the bracket like bisection but converges superlinearly on smooth functions.
public enum RootFinding {
    /// A root of `f` in [a, b] given f(a) and f(b) of opposite signs (or one of them zero).
    /// Stops when the bracket is shorter than `tolerance` or after 200 evaluations.
    public static func illinois(
        _ f: (Double) -> Double, _ a0: Double, _ b0: Double, fa fa0: Double, fb fb0: Double,
        tolerance: Double = 1e-10
    ) -> Double {
        if fa0 == 0 { return a0 }
        if fb0 == 0 { return b0 }
        var a = a0, b = b0, fa = fa0, fb = fb0
        var side = 0
        for _ in 0..<200 {
            if abs(b - a) <= tolerance { break }
            var c = (a * fb - b * fa) / (fb - fa)
            if !(c > Swift.min(a, b) && c < Swift.max(a, b)) { c = 0.5 * (a + b) }
            let fc = f(c)
            if fc == 0 { return c }
            if (fc > 0) == (fb > 0) {
                b = c; fb = fc
                if side == -1 { fa *= 0.5 }
                side = -1
            } else {
                a = c; fa = fc
                if side == 1 { fb *= 0.5 }
                side = 1
            }
        }
        let c = (a * fb - b * fa) / (fb - fa)
        return c.isFinite && c >= Swift.min(a, b) && c <= Swift.max(a, b) ? c : 0.5 * (a + b)
    }
}
