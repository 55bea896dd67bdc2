#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exposure metrics of one output curve, computed on the exact solution (not the output grid).
/// Concentrations in the output's unit (ng/mL), times in h, areas in unit·h (ng·h/mL).
public struct CurveMetrics: Sendable, Equatable {
    /// Peak value (output unit, e.g. ng/mL).
    public var cmax: Double
    /// Time of the peak (h).
    public var tmaxH: Double
    /// Exact area from the start to the end of the analysed span (unit·h, e.g. ng·h/mL).
    public var auc: Double
    /// Area to infinity: `auc` plus the exact remaining area of the linear model, −K⁻¹A(t_end)
    /// (what NCA's C_last/λz extrapolation estimates); nil while an infusion is still running.
    public var aucInfinity: Double?
    /// Terminal rate constant (1/h): the instantaneous −d ln C/dt at the end of the span (not a
    /// regression over a terminal phase); nil if the curve is not falling there.
    public var lambdaZPerH: Double?
    /// ln 2 / λz (h), from `lambdaZPerH`; nil with it.
    public var terminalHalfLifeH: Double?
}

/// Analysis of one output of a trajectory over [startH, endH].
///
/// Between knots the input is constant and the solution smooth; every extremum inside a knot
/// interval is located by a root of dC/dt (from dA/dt = K·A + r), and every threshold crossing by a
/// bracketed root on the exact solution, so results do not depend on the output step. An interval
/// is assumed to hold at most one interior extremum (true for compartment models between events
/// on intervals shorter than the fastest distribution half-life; the simulator's grid ensures it).
public struct CurveAnalysis: Sendable {
    /// The exact solution analysed.
    public let trajectory: Trajectory
    /// Index of the analysed output in the models' `outputs`.
    public let output: Int
    /// Start of the analysed span (h).
    public let startH: Double
    /// End of the analysed span (h).
    public let endH: Double

    /// A smooth piece [a, b] with values and slopes at both ends and its model/knot.
    struct Piece {
        var a: Double, b: Double
        var ca: Double, cb: Double
        var da: Double, db: Double
        var knot: Int
    }
    let pieces: [Piece]

    /// Splits [startH, endH] (default: the trajectory's first to last knot, h) into smooth pieces at the
    /// knots and evaluates value and slope at each piece's ends.
    public init(trajectory: Trajectory, output: Int, startH: Double? = nil, endH: Double? = nil) {
        self.trajectory = trajectory
        self.output = output
        let s = startH ?? trajectory.startH
        let e = endH ?? trajectory.endH
        self.startH = s
        self.endH = e
        var ps: [Piece] = []
        let ts = trajectory.knots.timesH
        for k in 0..<(ts.count - 1) where ts[k + 1] > ts[k] && ts[k + 1] > s && ts[k] < e {
            let a = Swift.max(ts[k], s), b = Swift.min(ts[k + 1], e)
            let (ca, da) = CurveAnalysis.valueAndSlope(trajectory, output, knot: k, at: a)
            // The knot at tₖ₊₁ holds the state reached by this piece (before any action there), so
            // the right end needs no exponential unless the piece is clipped.
            let (cb, db) = b == ts[k + 1]
                ? CurveAnalysis.leftLimit(trajectory, output, piece: k)
                : CurveAnalysis.valueAndSlope(trajectory, output, knot: k, at: b)
            ps.append(Piece(a: a, b: b, ca: ca, cb: cb, da: da, db: db, knot: k))
        }
        if ps.isEmpty {
            let k = trajectory.knotIndex(atOrBefore: s)
            let (c, d) = CurveAnalysis.valueAndSlope(trajectory, output, knot: k, at: s)
            ps.append(Piece(a: s, b: s, ca: c, cb: c, da: d, db: d, knot: k))
        }
        pieces = ps
    }

    /// Value and slope at time t inside the piece that starts at knot k (t ≥ knot time).
    static func valueAndSlope(_ tr: Trajectory, _ o: Int, knot k: Int, at t: Double) -> (Double, Double) {
        let m = tr.models[tr.modelIndex(after: k)]
        var x = Array(tr.knotState(k))
        let r = Array(tr.knotRates(k))
        let dt = t - tr.knots.timesH[k]
        if dt > 0 {
            Transition(rateMatrix: m.rateMatrix, dtH: dt).apply(&x, rate: r.contains { $0 != 0 } ? r : nil)
        }
        let s = m.outputs[o].state
        var d = r[s]
        for j in 0..<m.stateCount { d += m.rateMatrix[s, j] * x[j] }
        return (m.outputs[o].scale * x[s], m.outputs[o].scale * d)
    }

    /// Value and slope at the end of piece k from the stored state of knot k + 1 and the piece's rates.
    static func leftLimit(_ tr: Trajectory, _ o: Int, piece k: Int) -> (Double, Double) {
        let m = tr.models[tr.modelIndex(after: k)]
        let x = tr.knotState(k + 1)
        let r = tr.knotRates(k)
        let s = m.outputs[o].state
        var d = r[r.startIndex + s]
        for j in 0..<m.stateCount { d += m.rateMatrix[s, j] * x[x.startIndex + j] }
        return (m.outputs[o].scale * x[x.startIndex + s], m.outputs[o].scale * d)
    }

    func value(_ p: Piece, _ t: Double) -> Double { CurveAnalysis.valueAndSlope(trajectory, output, knot: p.knot, at: t).0 }
    func slope(_ p: Piece, _ t: Double) -> Double { CurveAnalysis.valueAndSlope(trajectory, output, knot: p.knot, at: t).1 }

    /// Curvature (d²C/dt², output unit/h²) at time t inside the piece that starts at knot k: the
    /// output row of K applied to dA/dt = K·A + r (r constant inside the piece).
    static func curvature(_ tr: Trajectory, _ o: Int, knot k: Int, at t: Double) -> Double {
        let m = tr.models[tr.modelIndex(after: k)]
        var x = Array(tr.knotState(k))
        let r = Array(tr.knotRates(k))
        let dt = t - tr.knots.timesH[k]
        if dt > 0 { Transition(rateMatrix: m.rateMatrix, dtH: dt).apply(&x, rate: r.contains { $0 != 0 } ? r : nil) }
        let n = m.stateCount, s = m.outputs[o].state
        var c = 0.0
        for j in 0..<n {
            var dj = r[j]
            for i in 0..<n { dj += m.rateMatrix[j, i] * x[i] }
            c += m.rateMatrix[s, j] * dj
        }
        return m.outputs[o].scale * c
    }

    /// Where the slope of a piece that starts flat (slope exactly 0 at `a`, as an effect site or a
    /// chain of absorption compartments does after a first dose from nothing) first takes the sign
    /// opposite to `db` (its slope at the end): the start of a bracket of the interior extremum, with
    /// that slope; nil when it has none (the curve leaves the flat start towards `db`'s sign). The
    /// first nonzero derivative at `a` decides when it is the curvature; when that is 0 too, the
    /// slope is sampled at a + (b − a)/2^k (k = 1...60) towards `a`.
    static func flatStartBracket(a: Double, b: Double, db: Double, curvature: Double, slope: (Double) -> Double) -> (t: Double, d: Double)? {
        guard db != 0, b > a else { return nil }
        if curvature != 0 && (curvature > 0) == (db > 0) { return nil }
        var k = 1
        while k <= 60 {
            let t = a + (b - a) * Double(sign: .plus, exponent: -k, significand: 1)
            guard t > a else { break }
            let d = slope(t)
            if d != 0 && (d > 0) != (db > 0) { return (t, d) }
            k += 1
        }
        return nil
    }

    /// The interior extremum of a piece, if its slope changes sign inside (also from a flat start:
    /// slope exactly 0 at the piece's start, then of the sign opposite to its end's).
    func interiorExtremum(_ p: Piece) -> (t: Double, c: Double)? {
        guard p.b > p.a else { return nil }
        var a = p.a, da = p.da
        if da == 0 {
            // (Flat at both ends, as before the first dose: nothing to find, no exponential spent.)
            guard p.db != 0 else { return nil }
            let bend = CurveAnalysis.curvature(trajectory, output, knot: p.knot, at: p.a)
            guard let start = CurveAnalysis.flatStartBracket(a: p.a, b: p.b, db: p.db, curvature: bend, slope: { slope(p, $0) }) else { return nil }
            (a, da) = start
        }
        guard (da > 0 && p.db < 0) || (da < 0 && p.db > 0) else { return nil }
        let t = RootFinding.illinois({ slope(p, $0) }, a, p.b, fa: da, fb: p.db, tolerance: 1e-12 * Swift.max(1, p.b))
        return (t, value(p, t))
    }

    /// Peak value (output unit) and its time (h) over the span, including interior maxima.
    public func peak() -> (cmax: Double, tmaxH: Double) {
        // Every candidate in time order: piece start, interior extremum, piece end.
        var points: [(c: Double, t: Double)] = []
        for p in pieces {
            points.append((p.ca, p.a))
            if let e = interiorExtremum(p) { points.append((e.c, e.t)) }
            points.append((p.cb, p.b))
        }
        let top = points.map(\.c).max() ?? pieces[0].ca
        let threshold = CurveAnalysis.tieThreshold(top)
        let first = points.first { $0.c >= threshold } ?? (pieces[0].ca, pieces[0].a)
        return (first.c, first.t)
    }

    /// Peaks within this relative distance of the maximum tie, and the earliest is Cmax/Tmax (the
    /// convention of PKNCA's `first.tmax`): sessions that wash out fully have peaks equal to
    /// rounding, and the first session is then named, not whichever rounding favours.
    public static let peakTieTolerance = 1e-12

    /// The lowest value that ties with the maximum `top`: `top` less `peakTieTolerance` of it, or
    /// `top` itself when it is infinite (∞ − ∞ would be NaN and tie with nothing).
    public static func tieThreshold(_ top: Double) -> Double {
        top.isFinite ? top - peakTieTolerance * abs(top) : top
    }

    /// Exact area under the output from `startH` to `endH` (unit·h), by the integral transition.
    public func area() -> Double {
        var total = 0.0
        var cache: [String: IntegralTransition] = [:]
        for p in pieces where p.b > p.a {
            let tr = trajectory
            let mi = tr.modelIndex(after: p.knot)
            let m = tr.models[mi]
            let s = m.outputs[output].state
            // Start state of the piece (at p.a, which may be inside the knot interval).
            var x = Array(tr.knotState(p.knot))
            let r = Array(tr.knotRates(p.knot))
            let lead = p.a - tr.knots.timesH[p.knot]
            if lead > 0 { Transition(rateMatrix: m.rateMatrix, dtH: lead).apply(&x, rate: r.contains { $0 != 0 } ? r : nil) }
            let h = p.b - p.a
            let key = "\(mi):\(h.bitPattern)"
            let it: IntegralTransition
            if let c = cache[key] { it = c } else { it = IntegralTransition(rateMatrix: m.rateMatrix, dtH: h); cache[key] = it }
            total += m.outputs[output].scale * it.integral(row: s, state: x[...], rate: r[...])
        }
        return total
    }

    /// Times where the output crosses `level`, in order, each with its direction.
    public func crossings(of level: Double) -> [(timeH: Double, upward: Bool)] {
        var out: [(Double, Bool)] = []
        var previousEnd: Double? = nil
        for p in pieces where p.b > p.a {
            // A dose can lift (or a reset drop) the curve across the level at a knot: a jump.
            if let prev = previousEnd, (prev >= level) != (p.ca >= level) {
                out.append((p.a, p.ca >= level))
            }
            previousEnd = p.cb
            var cuts: [(Double, Double)] = [(p.a, p.ca)]
            if let e = interiorExtremum(p) { cuts.append((e.t, e.c)) }
            cuts.append((p.b, p.cb))
            for i in 0..<(cuts.count - 1) {
                let (t0, c0) = cuts[i], (t1, c1) = cuts[i + 1]
                let f0 = c0 - level, f1 = c1 - level
                if (f0 < 0 && f1 >= 0) || (f0 >= 0 && f1 < 0) {
                    let t = RootFinding.illinois({ value(p, $0) - level }, t0, t1, fa: f0, fb: f1, tolerance: 1e-12 * Swift.max(1, t1))
                    out.append((t, f1 >= 0))
                }
            }
        }
        return out
    }

    /// The sub-intervals of [startH, endH] where the output is ≥ `level`.
    public func intervalsAtOrAbove(_ level: Double) -> [(startH: Double, endH: Double)] {
        var result: [(Double, Double)] = []
        var open: Double? = pieces[0].ca >= level ? startH : nil
        for c in crossings(of: level) {
            if c.upward { if open == nil { open = c.timeH } }
            else if let o = open { result.append((o, c.timeH)); open = nil }
        }
        if let o = open { result.append((o, endH)) }
        return result
    }

    /// Hours with the output ≥ `level` inside [from, to] (default: the whole analysis span).
    public func hoursAtOrAbove(_ level: Double, from: Double? = nil, to: Double? = nil) -> Double {
        let lo = from ?? startH, hi = to ?? endH
        return intervalsAtOrAbove(level).reduce(0) { $0 + Swift.max(0, Swift.min($1.endH, hi) - Swift.max($1.startH, lo)) }
    }

    /// Hours with lower ≤ output < upper inside [from, to].
    public func hoursInBand(lower: Double, upper: Double, from: Double? = nil, to: Double? = nil) -> Double {
        hoursAtOrAbove(lower, from: from, to: to) - hoursAtOrAbove(upper, from: from, to: to)
    }

    /// Time (h) from which the output stays below `level` for good: the last downward crossing.
    /// When the output is still at or above the level at the end, the solution is continued past
    /// the end with the inputs then in force (exactly, in steps of 1 h for up to `maxExtraH`);
    /// nil if it does not fall below within that time. `startH` if it is never at or above.
    public func timeBelowForGood(_ level: Double, maxExtraH: Double = 24 * 30) -> Double? {
        let last = pieces[pieces.count - 1]
        if last.cb < level {
            return intervalsAtOrAbove(level).last?.endH ?? startH
        }
        let tr = trajectory
        let k = tr.knots.timesH.count - 1
        let m = tr.models[tr.finalModelIndex]
        var x = tr.state(atH: endH)
        let r = Array(tr.knotRates(k))
        let rate: [Double]? = r.contains { $0 != 0 } ? r : nil
        let hour = Transition(rateMatrix: m.rateMatrix, dtH: 1)
        var t = endH
        while t - endH < maxExtraH {
            let before = x
            hour.apply(&x, rate: rate)
            if m.outputValue(output, x) < level {
                let t0 = t
                let f: (Double) -> Double = { s in
                    var y = before
                    Transition(rateMatrix: m.rateMatrix, dtH: s - t0).apply(&y, rate: rate)
                    return m.outputValue(self.output, y) - level
                }
                return RootFinding.illinois(f, t0, t0 + 1, fa: m.outputValue(output, before) - level,
                                            fb: m.outputValue(output, x) - level, tolerance: 1e-10 * Swift.max(1, t0))
            }
            t += 1
        }
        return nil
    }

    /// All standard metrics. `aucInfinity` needs no input running at the last knot, the span to
    /// reach the trajectory's end and an invertible K (LU pivot ratio > 1e-14).
    public func metrics() -> CurveMetrics {
        let (cmax, tmax) = peak()
        let auc = area()
        let tr = trajectory
        let last = pieces[pieces.count - 1]
        let k = tr.knots.timesH.count - 1
        let infusing = tr.knotRates(k).contains { $0 != 0 }
        var lambda: Double? = nil
        if last.cb > 0 && last.db < 0 { lambda = -last.db / last.cb }
        var aucInf: Double? = nil
        let m = tr.models[tr.finalModelIndex]
        if !infusing, endH >= tr.endH, let lu = LUDecomposition(m.rateMatrix), lu.pivotRatio > 1e-14 {
            let x = tr.state(atH: endH)
            let tail = lu.solve(x)   // K⁻¹A; the remaining area is −K⁻¹A
            let s = m.outputs[output].state
            aucInf = auc - m.outputs[output].scale * tail[s]
        }
        return CurveMetrics(cmax: cmax, tmaxH: tmax, auc: auc, aucInfinity: aucInf, lambdaZPerH: lambda,
                            terminalHalfLifeH: lambda.map { log(2.0) / $0 })
    }
}
