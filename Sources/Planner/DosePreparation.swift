import PKCore
import PKProfiles

/// How a dose is measured and given: its volume at a concentration, the practical step it is rounded
/// to, and infusion rates in mg/h, mL/h and µg/kg/min.
///
/// Steps: a syringe is read to 0.1 mL, so at C mg/mL a syringe-drawn dose (IV, IM, IN, PO or SL
/// solution) moves in 0.1·C mg steps; esketamine nasal spray comes in 28 mg devices
/// [esketamine-us-label-2019] [V]. Rounding is to the nearest step, an exact half step down (never
/// more drug on a tie), and never below one step. Without a concentration a racemic dose is not
/// rounded and has no volume.
public struct DosePreparation: Sendable, Codable, Equatable {
    /// Route of the doses ("iv", "im", "in", "po", "sl", …).
    public var route: String
    /// "racemic" or "S-ketamine".
    public var analyte: String
    /// Concentration of the solution drawn up (mg/mL); nil: not given.
    public var concentrationMgPerML: Double?
    /// The practical dose step (mg); nil: doses are not rounded.
    public var stepMg: Double?
    /// The step in words with its source, e.g. "0.1 mL syringe step at 50 mg/mL = 5 mg".
    public var stepText: String

    /// Syringe graduation used for rounding (mL).
    static let syringeStepML = 0.1
    /// Esketamine device content (mg) [esketamine-us-label-2019] [V].
    static let esketamineDeviceMg = 28.0
    /// Largest practical volume per nostril for intranasal delivery by atomiser (mL): "maximal amount
    /// that may be absorbed intranasally is 0.3 ml" [fpnotebook-intranasal] [S]; UNCONFIRMED (a
    /// secondary clinical summary, not a primary study).
    static let intranasalMaxMLPerNostril = 0.3
    /// Both nostrils are used for one intranasal dose.
    static let nostrils = 2.0
    /// The concentration assumed for the intranasal volume ceiling when none is given (mg/mL): the
    /// most concentrated racemic ketamine vial, 100 mg/mL [ketalar-label] [U: strengths 10, 50 and
    /// 100 mg/mL as commonly supplied, not checked in the label text read].
    static let defaultIntranasalConcentrationMgPerML = 100.0
    /// The source line of the intranasal volume ceiling, for outputs.
    static let intranasalCeilingSource =
        "0.3 mL per nostril x 2 nostrils: practical intranasal volume [fpnotebook-intranasal] [S: secondary clinical summary; UNCONFIRMED]"

    var isEsketamineSpray: Bool { analyte.lowercased() == "s-ketamine" && route == "in" }

    /// `concentrationMgPerML` must be > 0 when given; an esketamine nasal spray takes none (fixed devices).
    public init(route: String, analyte: String, concentrationMgPerML: Double?) throws {
        self.route = route
        self.analyte = analyte
        self.concentrationMgPerML = concentrationMgPerML
        if let c = concentrationMgPerML, !(c > 0 && c.isFinite) {
            throw PlanError("--concentration: \(NumberFormat.short(c)) mg/mL must be greater than zero")
        }
        if analyte.lowercased() == "s-ketamine" && route == "in" {
            if concentrationMgPerML != nil {
                throw PlanError("--concentration: esketamine nasal spray comes in fixed 28 mg devices; no concentration applies")
            }
            stepMg = DosePreparation.esketamineDeviceMg
            stepText = "28 mg devices (2 sprays each) [esketamine-us-label-2019] [V]"
        } else if let c = concentrationMgPerML {
            stepMg = DosePreparation.syringeStepML * c
            stepText = "0.1 mL syringe step at \(NumberFormat.short(c)) mg/mL = \(NumberFormat.short(DosePreparation.syringeStepML * c)) mg"
        } else {
            stepMg = nil
            stepText = "not rounded (give --concentration for volumes and the 0.1 mL syringe step)"
        }
    }

    /// `mg` rounded to the nearest step (an exact half step down; at least one step); unchanged without a step.
    public func rounded(_ mg: Double) -> Double {
        guard let s = stepMg, mg > 0 else { return mg }
        let n = mg / s
        var k = n.rounded(.down)
        if n - k > 0.5 + 1e-9 { k += 1 }
        return Swift.max(1, k) * s
    }

    /// `mg` rounded as `rounded(_:)`, but never above `ceilingMg` (a safety limit): a dose that
    /// rounds up past it goes down a step instead. nil when not even one step fits under the ceiling.
    public func rounded(_ mg: Double, ceilingMg: Double) -> Double? {
        let r = rounded(mg)
        guard let step = stepMg, r > ceilingMg * (1 + 1e-12) else { return r }
        let down = (ceilingMg / step).rounded(.down) * step
        return down > 0 ? down : nil
    }

    /// Volume of `mg` at the concentration (mL); nil without one.
    public func volumeML(_ mg: Double) -> Double? { concentrationMgPerML.map { mg / $0 } }

    /// Rates of `mg` given evenly over `minutes` for a `weightKg` patient.
    public func rates(mg: Double, overMin minutes: Double, weightKg: Double) -> InfusionRates {
        let mgPerH = mg / (minutes / 60)
        return InfusionRates(mgPerH: mgPerH, mLPerH: concentrationMgPerML.map { mgPerH / $0 }, microgramPerKgPerMin: mg * 1000 / weightKg / minutes)
    }

    /// The intranasal volume ceiling (mg): per-nostril volume × nostrils × concentration (the given
    /// one, else `defaultIntranasalConcentrationMgPerML`).
    var intranasalCeilingMg: Double {
        DosePreparation.intranasalMaxMLPerNostril * DosePreparation.nostrils * (concentrationMgPerML ?? DosePreparation.defaultIntranasalConcentrationMgPerML)
    }
}

/// An infusion rate in the units pumps and TCI users read.
public struct InfusionRates: Sendable, Codable, Equatable {
    /// Rate (mg/h).
    public var mgPerH: Double
    /// Rate (mL/h) at the concentration given; nil without one.
    public var mLPerH: Double?
    /// Rate per body weight (µg/kg/min).
    public var microgramPerKgPerMin: Double

    /// Rates in mg/h, mL/h (nil without a concentration) and µg/kg/min.
    public init(mgPerH: Double, mLPerH: Double?, microgramPerKgPerMin: Double) {
        self.mgPerH = mgPerH
        self.mLPerH = mLPerH
        self.microgramPerKgPerMin = microgramPerKgPerMin
    }

    /// "52.5 mg/h = 1.05 mL/h = 12.5 µg/kg/min" (mL/h only with a concentration).
    public var text: String {
        "\(NumberFormat.short(mgPerH, 4)) mg/h" + (mLPerH.map { " = \(NumberFormat.short($0, 3)) mL/h" } ?? "") + " = \(NumberFormat.short(microgramPerKgPerMin, 3)) µg/kg/min"
    }
}
