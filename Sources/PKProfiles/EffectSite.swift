#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PKCore

/// Effect-site concentration of a PD model on any profile, exactly.
///
/// The effect compartment dCe/dt = ke0·(f·Cp − Ce) (f: the S-ketamine fraction of the profile's
/// parent concentration) is linear in the states, so it is added to the profile's linear system as
/// one more state (`augment`), and the matrix-exponential solution gives Ce(t) exactly at every
/// time, for every route and regimen, with no discretisation. The effect E(t) = model(Ce(t)) is a
/// monotone function of Ce for the models here (sigmoid Emax, linear with a positive slope), so the
/// time of peak effect is the time of peak Ce, and the time the effect falls below a level is the
/// time Ce falls below that level's concentration: both are roots of the exact solution
/// (`CurveAnalysis`).
public enum EffectSite {
    /// Name of the added output: S-ketamine effect-site concentration (ng/mL).
    public static let outputName = "CE_S"
    /// Names of the added compartment and ke0 parameter.
    public static let compartmentName = "pd.effect"
    public static let ke0Parameter = "PD_KE0"

    /// `profile` with an effect compartment following the concentration of its "CP" output with rate
    /// `pd.ke0` (1/h), and an output `CE_S` = S fraction × CP scale × Ce (ng/mL of S-ketamine).
    /// The added parameter comes last, so parameter and eta indices of the profile do not move.
    public static func augment(_ profile: Profile, with pd: PDModel) throws -> Profile {
        guard let ke0 = pd.ke0.value else { throw ProfileError("pd model \(pd.name): ke0 is not known, so no effect site can be computed") }
        guard let cp = profile.outputs.first(where: { $0.name == "CP" }) else {
            throw ProfileError("profile \(profile.name): no CP output to drive the effect site")
        }
        guard !profile.parameters.contains(where: { $0.name == ke0Parameter }),
              !profile.compartments.contains(where: { $0.name == compartmentName }) else {
            throw ProfileError("profile \(profile.name): already has \(ke0Parameter) or \(compartmentName)")
        }
        // The S fraction is known only for these two: a profile of another analyte (R-ketamine, or
        // racemic ketamine labelled otherwise) would be read as all S-ketamine.
        guard ["racemic", "s-ketamine"].contains(profile.analyte.lowercased()) else {
            throw ProfileError("profile \(profile.name): analyte '\(profile.analyte)' (an effect site needs racemic or S-ketamine)")
        }
        var p = profile
        p.parameters.append(Profile.Parameter(name: ke0Parameter, value: ke0, unit: "1/h", source: pd.ke0.source, calc: pd.ke0.calc))
        p.compartments.append(.init(name: compartmentName, effect: .init(source: cp.compartment, ke0: ke0Parameter)))
        let f = pd.sFraction(forAnalyte: profile.analyte)
        p.outputs.append(.init(name: outputName, compartment: compartmentName, scale: (cp.scale ?? 1000) * f, unit: "ng/mL"))
        return p
    }

    /// The effect metrics of `pd` on a simulation of a profile augmented by `augment`, from
    /// `startH` (the first dose) to the end of the simulation.
    public static func metrics(_ result: SimulationResult, pd: PDModel, profile: Profile, startH: Double = 0) throws -> EffectMetrics {
        let tr = result.trajectory
        guard let ce = tr.models[0].outputIndex(outputName), let cp = tr.models[0].outputIndex("CP") else {
            throw SimulationError("the model has no \(outputName) or CP output (augment the profile first)")
        }
        let end = result.timesH.last ?? startH
        let ceCurve = CurveAnalysis(trajectory: tr, output: ce, startH: startH, endH: end)
        let (ceMax, ceT) = ceCurve.peak()
        let cpT = CurveAnalysis(trajectory: tr, output: cp, startH: startH, endH: end).peak().tmaxH
        var m = EffectMetrics(
            pdModel: pd.name, endpoint: pd.endpoint, scale: pd.scale, model: pd.model, pdSampling: pd.sampling,
            profileSampling: profile.sampling ?? "unknown", sFraction: pd.sFraction(forAnalyte: profile.analyte),
            ke0PerH: pd.ke0.value ?? .nan, ceMaxNgPerML: ceMax, ceTmaxH: ceT, plasmaTmaxH: cpT,
            effectDelayMin: (ceT - cpT) * 60)
        m.c50NgPerML = pd.c50?.value
        m.gamma = pd.gamma.value
        m.emax = pd.emax.value
        if let c50 = pd.c50?.value {
            m.peakCeOverC50 = ceMax / c50
            m.peakFractionOfEmax = pd.fractionOfEmax(ceNgPerML: ceMax)
            if ceMax >= c50 {
                m.halfMaximalFromH = ceCurve.intervalsAtOrAbove(c50).first.map { $0.startH - startH }
                m.halfMaximalUntilH = ceCurve.timeBelowForGood(c50).map { $0 - startH }
                m.minutesAtOrAboveHalfMaximal = ceCurve.hoursAtOrAbove(c50) * 60
            } else {
                m.minutesAtOrAboveHalfMaximal = 0
            }
        }
        m.peakEffect = pd.effect(ceNgPerML: ceMax)
        m.caveats = caveats(pd: pd, profile: profile)
        return m
    }

    /// The time (h after `startH`) from which the effect stays below `fraction` of Emax, on a
    /// simulation of an augmented profile: the time Ce stays below `pd.concentration(atFractionOfEmax:)`.
    /// nil when that concentration is not known (γ unknown and fraction ≠ 0.5) or never left.
    public static func timeBelow(fractionOfEmax fraction: Double, _ result: SimulationResult, pd: PDModel, startH: Double = 0) -> Double? {
        guard let level = pd.concentration(atFractionOfEmax: fraction),
              let ce = result.trajectory.models[0].outputIndex(outputName) else { return nil }
        let a = CurveAnalysis(trajectory: result.trajectory, output: ce, startH: startH, endH: result.timesH.last ?? startH)
        return a.timeBelowForGood(level).map { $0 - startH }
    }

    /// The caveats that go with every prediction of `pd` on `profile`.
    public static func caveats(pd: PDModel, profile: Profile) -> [String] {
        var out: [String] = []
        let site = (profile.sampling ?? "unknown").lowercased()
        if pd.sampling == "arterial" && !site.hasPrefix("arterial") {
            out.append("arterial vs venous: \(pd.name) was fitted to arterial concentrations; profile \(profile.name) is \(profile.sampling ?? "of unknown sampling site"). Arterial exceeds venous while the concentration rises, so this pairing likely under-predicts the early effect; no adjustment is applied.")
        }
        if profile.analyte.lowercased() == "racemic" {
            out.append("racemic: the effect is driven by the S-ketamine half of the racemic concentration (R-ketamine did not contribute [olofsen-2022 abstract]); S and R clearances differ, so this is approximate late after a dose.")
        }
        if pd.gamma.value == nil {
            out.append("gamma and Emax of \(pd.name) are not known (full text not reached), so intensity is given as Ce/C50; at Ce = C50 the effect is half-maximal whatever gamma is.")
        }
        if pd.variability.isEmpty { out.append("no between-subject variability of the PD model is applied (not reached); individuals differ widely.") }
        return out
    }
}

/// The effect of one PD model on one simulated arm. Concentrations in ng/mL of S-ketamine, times in h
/// after the first dose (delay in min).
public struct EffectMetrics: Sendable, Codable, Equatable {
    public var pdModel: String
    public var endpoint: String
    public var scale: String
    public var model: String
    /// Sampling site of the PD model's and of the PK profile's data.
    public var pdSampling: String
    public var profileSampling: String
    /// Fraction of the profile's parent concentration driving the effect (0.5 for racemic).
    public var sFraction: Double
    public var ke0PerH: Double
    /// Peak effect-site concentration (S-ketamine) and its time: the time of peak effect.
    public var ceMaxNgPerML: Double
    public var ceTmaxH: Double
    /// Time of the plasma (CP) peak, and the delay of the effect peak after it (hysteresis).
    public var plasmaTmaxH: Double
    public var effectDelayMin: Double
    public var c50NgPerML: Double?
    public var gamma: Double?
    public var emax: Double?
    /// Peak Ce/C50: the intensity measure that needs no γ or Emax.
    public var peakCeOverC50: Double?
    /// Peak E/Emax (only when γ is known).
    public var peakFractionOfEmax: Double?
    /// Peak effect in the scale's unit (only when γ and Emax, or the slope, are known).
    public var peakEffect: Double?
    /// Half-maximal effect (Ce ≥ C50): first reached, stays below from, and minutes at or above.
    public var halfMaximalFromH: Double?
    public var halfMaximalUntilH: Double?
    public var minutesAtOrAboveHalfMaximal: Double?
    public var caveats: [String] = []
}
