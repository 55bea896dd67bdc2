import PKCore
import PKProfiles
import Studies

/// The effect-site columns of the per-time CSV of `simulate` and `compare`: per PD model,
/// `Ce_<model>` (S-ketamine effect-site concentration, ng/mL) and `Ce_over_C50_<model>` (Ce/C50;
/// NA when the model has no C50).
public enum EffectColumns {
    /// Column names, in the order of `effects`.
    public static func names(_ effects: [EffectPrediction]) -> [String] {
        effects.flatMap { ["Ce_\($0.pd.name)", "Ce_over_C50_\($0.pd.name)"] }
    }

    /// The cells at grid index `i` of a curve on `timesH` (NA where an effect is on another grid).
    public static func cells(_ effects: [EffectPrediction], timesH: [Double], index i: Int) -> [String] {
        effects.flatMap { e -> [String] in
            guard e.timesH.count == timesH.count, e.timesH[i] == timesH[i] else { return ["NA", "NA"] }
            let ce = e.ceNgPerML[i]
            return [NumberFormat.g(ce), e.pd.c50?.value.map { NumberFormat.g(ce / $0) } ?? "NA"]
        }
    }

    /// The units line of the CSV's provenance sidecar (empty without effects).
    public static func provenance(_ effects: [EffectPrediction]) -> [String] {
        effects.map { e in
            "columns Ce_\(e.pd.name) in ng/mL of S-ketamine (effect site of \(e.pd.summary)) and Ce_over_C50_\(e.pd.name) = Ce/C50 (1 = half-maximal effect)"
        }
    }
}
