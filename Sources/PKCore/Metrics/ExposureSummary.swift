#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The clinician-facing numbers for one simulated regimen: peak, time to peak, exposure, time in
/// a concentration band during the session, and time until the discharge level.
/// Concentrations in ng/mL, times in h (tmax and band time also in min), areas in ng·h/mL.
public struct ExposureSummary: Sendable, Codable, Equatable {
    public var cmaxNgPerML: Double
    public var tmaxH: Double
    public var auc0tNgHPerML: Double
    public var aucInfNgHPerML: Double?
    /// Terminal half-life (h) of the model itself: ln 2 / |slowest eigenvalue| of the disposition
    /// block of CP (`TerminalPhase`) in the final model, so it does not depend on the simulated window.
    public var terminalHalfLifeH: Double?
    /// Minutes with bandLow ≤ Cp < bandHigh inside the session window.
    public var minutesInBand: Double
    public var bandLowNgPerML: Double
    public var bandHighNgPerML: Double
    public var windowStartH: Double
    public var windowEndH: Double
    /// Hours from the first dose until Cp stays below the discharge level; nil if not within 30 days.
    public var dischargeH: Double?
    public var dischargeLevelNgPerML: Double
    /// Peak metabolite (norketamine) and effect-site concentrations, when the model has them.
    public var metaboliteCmaxNgPerML: Double?
    public var effectCmaxNgPerML: Double?

    /// Computes the summary for output "CP" of `result` (and "CM", "CE" when present).
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
