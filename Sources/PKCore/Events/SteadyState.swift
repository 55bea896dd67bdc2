/// Exact steady state of a linear model under a periodic dose (NONMEM SS=1/SS=2) or a constant-rate
/// infusion, by one linear solve with the interval transition matrix; never by re-dosing until the
/// state stops changing.
///
/// Periodic doses are given at times T + L − j·II for all j ≥ 1 before the record time T (L = ALAG).
/// The doses that have finished entering form a geometric series of Φ(II), summed exactly as
/// (I − Φ(II))⁻¹; infusions still running at T (duration > II − L, or > II) contribute their partial
/// input Γ(e)·r and keep running after T for their remaining time; doses implied to start after T
/// (only when L > II) are returned as future inputs. This is the NONMEM 7.5 PREDPP behaviour,
/// reproduced against its output for the mrgsolve nmtests scenarios 9–15 and 19–25.
public enum SteadyState {
    /// What a steady-state dose leaves behind at the record time.
    public struct Solution: Sendable {
        /// State at the record time (before the record's own dose enters).
        public var state: [Double]
        /// Infusions still running at the record time: (compartment, rate mg/h, remaining h).
        public var runningInfusions: [(compartment: Int, rateMgPerH: Double, remainingH: Double)]
        /// Implied doses that enter after the record time: (offset h after T, dose start).
        public var futureStarts: [(offsetH: Double, amountMg: Double, infusion: (rateMgPerH: Double, durationH: Double)?)]
    }

    /// The steady state for `dose` (SS=1 or SS=2 with II > 0) on a model whose transitions come from
    /// `cache`. The result is the steady state reached from zero; the caller resets or superimposes.
    public static func periodic(_ dose: DoseInstruction, cache: inout TransitionCache) throws -> Solution {
        let ii = dose.intervalH
        guard ii > 0, ii.isFinite else { throw SimulationError("II: steady state needs an interval > 0 (got \(ii))") }
        let n = cache.rateMatrix.rows
        let lag = dose.lagH
        // Doses implied before a lagged steady state: bounded, so the loops below are too.
        guard ((lag + (dose.infusion?.durationH ?? 0)) / ii).isFinite, (lag + (dose.infusion?.durationH ?? 0)) / ii <= Double(InputLimits.maxAdditionalDoses) else {
            throw SimulationError("SS: lag and duration span more than \(InputLimits.maxAdditionalDoses) intervals II (lag \(lag) h, II \(ii) h)")
        }
        let phiII = try cache.transition(ii).phi
        var iMinusPhi = Matrix.identity(n) - phiII
        guard let lu = LUDecomposition(iMinusPhi), lu.pivotRatio > 1e-13 else {
            throw SimulationError("SS: no steady state exists (some drug never leaves the model)")
        }
        iMinusPhi = Matrix(rows: 0, cols: 0)
        var out = Solution(state: [Double](repeating: 0, count: n), runningInfusions: [], futureStarts: [])
        let amount = dose.enteringAmountMg
        let c = dose.compartment

        guard let inf = dose.infusion, inf.durationH > 0 else {
            // Bolus: the first implied dose at or before T is j0 = max(1, ⌈L/II⌉).
            let j0 = Swift.max(1, Int((lag / ii).rounded(.up)))
            var unit = [Double](repeating: 0, count: n)
            unit[c] = amount
            var s = lu.solve(unit)                      // Σ_{k≥0} Φ(k·II)·e_c·amount
            try cache.transition(Double(j0) * ii - lag).apply(&s, rate: nil)
            out.state = s
            if j0 > 1 { for j in 1..<j0 { out.futureStarts.append((lag - Double(j) * ii, amount, nil)) } }
            return out
        }

        let (rate, dur) = inf
        var rateVec = [Double](repeating: 0, count: n)
        rateVec[c] = rate
        // Completed infusions: e_j = j·II − L ≥ D, the first such j is j0.
        let j0 = Swift.max(1, Int(((dur + lag) / ii).rounded(.up)))
        var u = [Double](repeating: 0, count: n)
        try cache.transition(dur).apply(&u, rate: rateVec)           // U(D): one whole infusion from zero
        var completed = lu.solve(u)
        let sinceEnd = Double(j0) * ii - lag - dur
        if sinceEnd > 0 { try cache.transition(sinceEnd).apply(&completed, rate: nil) }
        out.state = completed
        if j0 > 1 {
            for j in 1..<j0 {
                let elapsed = Double(j) * ii - lag
                if elapsed < 0 {
                    out.futureStarts.append((-elapsed, amount, inf))
                } else {
                    var partial = [Double](repeating: 0, count: n)
                    if elapsed > 0 { try cache.transition(elapsed).apply(&partial, rate: rateVec) }
                    for i in 0..<n { out.state[i] += partial[i] }
                    out.runningInfusions.append((c, rate, dur - elapsed))
                }
            }
        }
        return out
    }

    /// Steady state of a constant infusion `rateMgPerH` into `compartment`: the solution of
    /// K·A = −r (NONMEM SS=1 with AMT=0, RATE>0, II=0).
    public static func constantRate(compartment: Int, rateMgPerH: Double, model: LinearModel) throws -> [Double] {
        let n = model.stateCount
        guard let lu = LUDecomposition(model.rateMatrix), lu.pivotRatio > 1e-13 else {
            throw SimulationError("SS: no steady state for a constant infusion (some drug never leaves the model)")
        }
        var r = [Double](repeating: 0, count: n)
        r[compartment] = -rateMgPerH
        return lu.solve(r)
    }
}
