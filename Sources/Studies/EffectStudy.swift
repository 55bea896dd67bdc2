import PKCore
import PKProfiles

/// A PD model with the patient's profile augmented by its effect site (`EffectSite.augment`),
/// compiled once.
public struct EffectModel: Sendable {
    /// The PD model (ke0 in 1/h, C50 in ng/mL, with sources).
    public var pd: PDModel
    /// The profile with the S-ketamine effect site added.
    public var model: ProfileModel

    /// Augments `profile` with the effect site of `pd` (`EffectSite.augment`); throws when the PD
    /// model does not predict or does not apply to the profile's analyte.
    public init(pd: PDModel, profile: ProfileModel) throws {
        self.pd = pd
        model = try ProfileModel(try EffectSite.augment(profile.profile, with: pd))
    }

    /// Every predictive built-in PD model on `profile` (models without a known ke0 or potency are
    /// listed by `ketasim profiles pd` but cannot predict). A profile without a CP output has none.
    public static func defaults(for profile: ProfileModel) -> [EffectModel] {
        PDLibrary.builtin.predictive.compactMap { try? EffectModel(pd: $0, profile: profile) }
    }
}

/// The predicted effect of one PD model on one arm: the metrics, and the S-ketamine effect-site
/// concentration on the arm's grid (ng/mL; times in h).
public struct EffectPrediction: Sendable {
    /// The PD model.
    public var pd: PDModel
    /// Effect metrics: Ce max (ng/mL), time of peak effect (h), delay after the Cp peak (min),
    /// peak Ce/C50, minutes at or above C50, caveats.
    public var metrics: EffectMetrics
    /// The grid (h).
    public var timesH: [Double]
    /// S-ketamine effect-site concentration on the grid (ng/mL).
    public var ceNgPerML: [Double]
}
