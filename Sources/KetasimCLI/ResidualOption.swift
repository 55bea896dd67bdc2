import PKCore
import PKProfiles

/// `--residual` of `batch` and `nm --sim`, read in one place so that both take and refuse the
/// same text the same way: `none`, `profile` (the profile's own error model on one output), or
/// `prop=F,add=C,exp=S` (NONMEM's proportional, additive and exponential error; each part at most
/// once, no empty part, exponential error alone, and never an error of zero: `none` says that).
enum ResidualOption {
    /// What `profile` and `add` mean for the command's model.
    struct Model {
        /// The profile and the name of the output whose error `profile` takes (case-insensitive);
        /// nil when the model is not a profile: `profile` is then refused with `noProfile`.
        var profile: (profile: Profile, output: String)?
        /// The one-line usage error for `profile` without a profile.
        var noProfile: String
        /// `add` as a bare number, in the model output's own unit (nm); otherwise it needs a
        /// concentration unit (ng/mL, mg/L).
        var bareAdditive: Bool
        /// `add` with a concentration unit (the output is a concentration in ng/mL).
        var unitAdditive: Bool
    }

    /// The residual error `text` gives for `model`; nil for `none`.
    static func parse(_ text: String, model m: Model) throws -> ResidualError? {
        let t = text.trimmedSpaces.lowercased()
        if t == "none" { return nil }
        if t == "profile" {
            guard let (p, output) = m.profile else { throw CLIError.usage(m.noProfile) }
            let example = "give one, e.g. --residual prop=0.2,add=5ng/mL"
            guard let e = (p.residualError ?? []).first(where: { $0.output.caseInsensitiveEquals(output) }) else {
                throw CLIError.usage("--residual: profile \(p.name) has no residual error on \(output); \(example)")
            }
            let r = ResidualError(additive: e.additive ?? 0, proportional: e.proportional ?? 0, exponential: e.exponential ?? 0)
            guard !r.isZero else { throw CLIError.usage("--residual: profile \(p.name) has no residual error on \(output) (its entry is zero); \(example)") }
            return r
        }
        var r = ResidualError()
        var seen = Set<String>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let kv = part.split(separator: "=", maxSplits: 1).map { String($0).trimmedSpaces }
            guard kv.count == 2 else { throw CLIError.usage("--residual: '\(part)' is not prop=F, add=C or exp=S (or none, profile)") }
            let key = kv[0].lowercased(), value = kv[1]
            let canonical = ["proportional": "prop", "additive": "add", "exponential": "exp"][key] ?? key
            guard ["prop", "add", "exp"].contains(canonical) else {
                throw CLIError.usage("--residual: unknown part '\(kv[0])' (prop, add, exp; or none, profile)")
            }
            guard seen.insert(canonical).inserted else { throw CLIError.usage("--residual: '\(canonical)' given twice in '\(text)'") }
            func number(_ what: String, atMost top: Double) throws -> Double {
                guard let v = CSVTable.number(value), v.isFinite, v >= 0 else {
                    throw CLIError.usage("--residual: \(canonical) '\(value)' must be a number >= 0 (\(what))")
                }
                try below(v, top)
                return v
            }
            // Sizes past these are slips, not error models: a proportional SD of 10 is 1000 %, an
            // exponential SD of 5 a factor of 148 at one SD (e^5), and larger ones overflow the
            // observations to infinity (percentile bands of NaN).
            func below(_ v: Double, _ top: Double, unit: String = "") throws {
                guard v <= top else { throw CLIError.usage("--residual: \(canonical) '\(value)' is beyond any residual error model (at most \(NumberFormat.g(top))\(unit))") }
            }
            switch canonical {
            case "prop": r.proportional = try number("e.g. 0.2 for 20%", atMost: 10)
            case "exp": r.exponential = try number("SD on the log scale", atMost: 5)
            default:
                if m.bareAdditive && CSVTable.number(value) != nil {
                    r.additive = try number("SD in the output's unit", atMost: 1e6)
                } else if m.unitAdditive {
                    r.additive = try Units.concentrationNgPerML(value, flag: "--residual add")
                    try below(r.additive, 1e6, unit: " ng/mL")
                } else {
                    throw CLIError.usage("--residual: add '\(value)': give a bare number in the model output's unit")
                }
            }
        }
        if r.exponential != 0 && (r.additive != 0 || r.proportional != 0) {
            throw CLIError.usage("--residual: exponential error cannot be combined with additive/proportional here")
        }
        guard !r.isZero else { throw CLIError.usage("--residual: '\(text)' is zero error; give none (or leave --residual out) for no residual error") }
        return r
    }
}
