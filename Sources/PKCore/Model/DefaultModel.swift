#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built-in adult racemic ketamine disposition used until a literature profile is chosen.
///
/// - Parent: Clements & Nimmo 1981 "250 µg/kg" set (*Br J Anaesth* 53:27), 2-compartment,
///   V1 1.7522 L/kg, k10 0.0109, k12 0.0186, k21 0.0137 /min. Seen only in opentiva code:
///   UNCONFIRMED against the paper. Gives CL 80 L/h at 70 kg, matching the Kamp 2020 meta-analysis
///   (79 L/h/70 kg) (`research/ketamine-pk.md` §1.5).
/// - Norketamine: Otto 2021 S-norketamine re-estimate (V 98.6 L, CL 57.7 L/h, Vp 160 L,
///   Q 42.8 L/h at 70 kg), used for racemic norketamine for want of a racemic set (assumption),
///   scaled by (WT/70)^0.75 for clearances and WT/70 for volumes (assumption). Fraction of parent
///   clearance forming norketamine 0.8: a common review figure, UNCONFIRMED.
/// - Effect site: t½ke0 6.1 min, the mean across endpoints in Olofsen 2012 (*Anesthesiology*
///   117:353), S-ketamine → ke0 = ln 2 / 6.1 min = 6.82 /h [calc].
public enum DefaultModel {
    /// Citation line shown with every output that uses this model.
    public static let citation =
        "Clements & Nimmo 1981 (250 ug/kg set, UNCONFIRMED: opentiva code only); norketamine Otto 2021 S-NK (assumed for racemic, fm 0.8 UNCONFIRMED); ke0 from Olofsen 2012 t1/2ke0 6.1 min"

    /// Clements 250 µg/kg micro-constants (per min) and V1 (L/kg).
    public static let clementsV1LPerKg = 1.7522
    public static let clementsK10PerMin = 0.0109
    public static let clementsK12PerMin = 0.0186
    public static let clementsK21PerMin = 0.0137

    public static let ke0PerH = log(2.0) / (6.1 / 60.0)

    /// The default model for a patient of `weightKg`, without depots (add them per route).
    public static func racemic(weightKg: Double) -> MammillaryModel {
        let v1 = clementsV1LPerKg * weightKg
        let disposition = Disposition(
            k10PerH: clementsK10PerMin * 60, k12PerH: clementsK12PerMin * 60,
            k21PerH: clementsK21PerMin * 60, centralVolumeL: v1)
        let w = weightKg / 70
        let clScale = pow(w, 0.75)
        let metabolite = MetaboliteDisposition(
            fractionFormed: 0.8, clearanceLPerH: 57.7 * clScale, centralVolumeL: 98.6 * w,
            qLPerH: 42.8 * clScale, peripheralVolumeL: 160 * w)
        return MammillaryModel(disposition: disposition, metabolite: metabolite, ke0PerH: ke0PerH)
    }
}
