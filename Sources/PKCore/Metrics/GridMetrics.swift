/// Metrics of a curve known only on a grid, linear between points.
public enum GridMetrics {
    /// Metrics of `values` (ng/mL) at `timesH` (h), linear between points: trapezoidal AUC, the
    /// first point within `CurveAnalysis.peakTieTolerance` of the maximum (as the exact path:
    /// sessions whose peaks are equal to rounding name the first session, whatever the rounding),
    /// band time and discharge by linear interpolation of the crossings.
    public static func metrics(timesH t: [Double], values c: [Double], options o: MetricOptions) -> SubjectMetrics {
        var top = c[0], auc = 0.0
        for k in 1..<c.count {
            if c[k] > top { top = c[k] }
            auc += 0.5 * (c[k] + c[k - 1]) * (t[k] - t[k - 1])
        }
        let threshold = CurveAnalysis.tieThreshold(top)
        var cmax = c[0], tmax = t[0]
        if let k = c.firstIndex(where: { $0 >= threshold }) { (cmax, tmax) = (c[k], t[k]) }
        let band = hoursAtOrAbove(t, c, o.bandLow, o.windowStartH, o.windowEndH) - hoursAtOrAbove(t, c, o.bandHigh, o.windowStartH, o.windowEndH)
        var discharge = t[0]
        if c[c.count - 1] >= o.dischargeLevel {
            discharge = .nan
        } else if let last = c.lastIndex(where: { $0 >= o.dischargeLevel }) {
            discharge = crossing(t[last], c[last], t[last + 1], c[last + 1], o.dischargeLevel)
        }
        return SubjectMetrics(cmax: cmax, tmaxH: tmax, auc: auc, hoursInBand: band, dischargeH: discharge)
    }

    static func crossing(_ t0: Double, _ c0: Double, _ t1: Double, _ c1: Double, _ level: Double) -> Double {
        c1 == c0 ? t0 : t0 + (level - c0) / (c1 - c0) * (t1 - t0)
    }

    /// Hours in [from, to] with the linear interpolant ≥ level (only the segments that reach into
    /// [from, to] are visited: the first by bisection on the non-decreasing times).
    static func hoursAtOrAbove(_ t: [Double], _ c: [Double], _ level: Double, _ from: Double, _ to: Double) -> Double {
        var total = 0.0
        guard to > from else { return 0 }
        // First k with t[k] > from: segments ending at or before `from` add nothing.
        var lo = 1, hi = t.count
        while lo < hi { let mid = (lo + hi) / 2; if t[mid] <= from { lo = mid + 1 } else { hi = mid } }
        for k in lo..<t.count {
            if t[k - 1] >= to { break }
            let (t0, t1, c0, c1) = (t[k - 1], t[k], c[k - 1], c[k])
            guard t1 > t0 else { continue }
            var a: Double, b: Double
            if c0 >= level && c1 >= level { (a, b) = (t0, t1) }
            else if c0 < level && c1 < level { continue }
            else if c0 >= level { (a, b) = (t0, crossing(t0, c0, t1, c1, level)) }
            else { (a, b) = (crossing(t0, c0, t1, c1, level), t1) }
            a = Swift.max(a, from)
            b = Swift.min(b, to)
            if b > a { total += b - a }
        }
        return total
    }
}
