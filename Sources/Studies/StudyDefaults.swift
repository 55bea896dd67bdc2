/// The defaults every study and command shares, set in one place so that `compare`, `simulate`,
/// `plan` and `batch` answer the same question the same way unless told otherwise.
public enum StudyDefaults {
    /// The default profile of every command: the racemic adult Clements & Nimmo 1981 disposition with
    /// the racemic route set (see `ketasim profiles show clements-1981`).
    public static let profileName = "clements-1981"
    /// Body weight of the default patient (kg).
    public static let weightKg = 70.0
    /// The named band "minutes in band" counts by default (racemic 100-250 ng/mL).
    public static let bandName = "dissociation"
    /// The session window over which minutes in band are counted, from the first dose (h): a KAP
    /// dosing session lasts 60-120 min; 90 min is its middle.
    public static let sessionWindowH = 1.5
    /// The S-ketamine (esketamine) session window (h): the label requires at least 2 h on site after
    /// dosing [esketamine-us-label-2019] [V].
    public static let esketamineSessionWindowH = 2.0

    /// The default session window for `analyte` (h): 2 h for S-ketamine (label), else 90 min.
    public static func sessionWindowH(analyte: String) -> Double {
        analyte.lowercased() == "s-ketamine" ? esketamineSessionWindowH : sessionWindowH
    }
    /// Simulated time from the first dose (h).
    public static let durationH = 24.0
    /// IV infusion duration (h): 40 min, the antidepressant infusion (Zarate 2006, Murrough 2013).
    public static let infusionH = 40.0 / 60
}
