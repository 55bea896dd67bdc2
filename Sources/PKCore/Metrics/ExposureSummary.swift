#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The clinician-facing numbers for one simulated regimen: peak, time to peak, exposure, time in
/// a concentration band during the session, and time until the discharge level.
/// Concentrations in ng/mL, times in h (band time in min), areas in ng·h/mL. The ng/mL labels assume
/// the model's CP output is in ng/mL (the default output scale); `compute` does not check the unit.
public struct ExposureSummary: Sendable, Codable, Equatable {
    /// Peak CP (ng/mL) on the exact solution over the output grid's span.
    public var cmaxNgPerML: Double
    /// Time of the peak (h, simulation clock).
    public var tmaxH: Double
    /// Exact AUC of CP over the output grid's span (ng·h/mL).
    public var auc0tNgHPerML: Double
    /// AUC extrapolated to infinity exactly (−K⁻¹A at the end, ng·h/mL); nil when an input still runs
    /// at the end or K is singular (see `CurveMetrics.aucInfinity`).
    public var aucInfNgHPerML: Double?
    /// Terminal half-life (h) of the model itself: ln 2 / |slowest eigenvalue| of the disposition
    /// block of CP (`TerminalPhase`) in the final model, so it does not depend on the simulated window.
    public var terminalHalfLifeH: Double?
    /// Minutes with bandLow ≤ Cp < bandHigh inside [windowStartH, windowEndH] (min).
    public var minutesInBand: Double
    /// Lower edge of the band (ng/mL), inclusive.
    public var bandLowNgPerML: Double
    /// Upper edge of the band (ng/mL), exclusive.
    public var bandHighNgPerML: Double
    /// Start of the window for `minutesInBand` (h, simulation clock).
    public var windowStartH: Double
    /// End of the window for `minutesInBand` (h, simulation clock).
    public var windowEndH: Double
    /// Hours from the first dose until Cp stays below the discharge level (≥ 0); nil if it does not
    /// fall below within 30 days (720 h) after the end of the simulation.
    public var dischargeH: Double?
    /// The discharge level used for `dischargeH` (ng/mL).
    public var dischargeLevelNgPerML: Double
    /// Peak metabolite (norketamine) concentration, output "CM" (ng/mL of metabolite), when the model
    /// has it.
    public var metaboliteCmaxNgPerML: Double?
    /// Peak effect-site concentration, output "CE" (ng/mL), when the model has it.
    public var effectCmaxNgPerML: Double?

    /// Computes the summary for output "CP" of `result` (and "CM", "CE" when present) over the
    /// span of `result.timesH`. `band` and `dischargeLevel` in ng/mL, `windowH` and `firstDoseH` in h.
    /// Throws `SimulationError` when the model has no CP output.
    public static func compute(
        _ result: SimulationResult, band: (low: Double, high: Double), windowH: (start: Double, end: Double),
        dischargeLevel: Double, firstDoseH: Double = 0
    ) throws -> ExposureSummary {
        let tr = result.trajectory
        guard let cp = tr.models[0].outputIndex("CP") else { throw SimulationError("model has no CP output") }
        let a = CurveAnalysis(trajectory: tr, output: cp, startH: result.timesH.first, endH: result.timesH.last)
        let m = a.metrics()
        let inBand = a.hoursInBand(lower: band.low, upper: band.high, from: windowH.start, to: windowH.end) * 60
        let discharge = a.timeBelowForGood(dischargeLevel).map { Swift.max(0, $0 - firstDoseH) }
        let finalModel = tr.models[tr.finalModelIndex]
        let terminal = TerminalPhase.slowestRatePerH(finalModel.rateMatrix, state: finalModel.outputs[cp].state)
            .map { log(2.0) / $0 }
        func peak(_ name: String) -> Double? {
            tr.models[0].outputIndex(name).map {
                CurveAnalysis(trajectory: tr, output: $0, startH: result.timesH.first, endH: result.timesH.last).peak().cmax
            }
        }
        return ExposureSummary(
            cmaxNgPerML: m.cmax, tmaxH: m.tmaxH, auc0tNgHPerML: m.auc, aucInfNgHPerML: m.aucInfinity,
            terminalHalfLifeH: terminal, minutesInBand: inBand, bandLowNgPerML: band.low,
            bandHighNgPerML: band.high, windowStartH: windowH.start, windowEndH: windowH.end,
            dischargeH: discharge, dischargeLevelNgPerML: dischargeLevel,
            metaboliteCmaxNgPerML: peak("CM"), effectCmaxNgPerML: peak("CE"))
    }
}
