import PKCore
import PKProfiles

/// A PD model with the patient's profile augmented by its effect site (`EffectSite.augment`),
/// compiled once.
public struct EffectModel: Sendable {
    public var pd: PDModel
    public var model: ProfileModel

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
    public var pd: PDModel
    public var metrics: EffectMetrics
    public var timesH: [Double]
    public var ceNgPerML: [Double]
}
