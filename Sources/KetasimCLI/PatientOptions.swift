import Foundation
import Reports
import PKCore
import PKProfiles
import Studies

/// Options shared by `simulate` and `compare`: patient, horizon, band, window, discharge level.
struct PatientOptions {
    var profile: ProfileModel
    var weightKg = 70.0
    var bandName: String? = "dissociation"
    var durationH = 24.0
    var band = (low: 100.0, high: 250.0)
    var windowH = 1.5
    var dischargeNgPerML = 100.0
    var infusionH = 40.0 / 60
    var format = "table"
    var chart: Bool

    /// The shared options of `simulate` and `compare`, declared once for the parser and the help.
    static let options: [OptionSpec] = [
        OptionSpec("--profile", "P", """
            a built-in profile ('ketasim profiles') or a profile JSON file (default
            \(StudyDefaults.profileName))
            """),
        OptionSpec("--weight", "W", "body weight (default 70kg)"),
        OptionSpec("--duration", "T", "simulated time from the first dose (default 24h)"),
        OptionSpec("--infusion", "T", "IV infusion duration (default 40min)"),
        OptionSpec("--band", "B", """
            a named band of the profile's analyte (e.g. dissociation, analgesia; see
            'ketasim profiles bands') or LOW-HIGH with a unit, e.g. 100-250ng/mL (default:
            dissociation, racemic 100-250 ng/mL at 0.5 mg/kg over 40 min, Zanos 2018)
            """),
        OptionSpec("--window", "T", "session window for time in band, from the first dose (default 90min; S-ketamine 2h, the label's time on site)"),
        OptionSpec("--discharge", "C", """
            discharge level (default: the lower edge of the dissociation band, 100 ng/mL
            racemic; no published plasma discharge criterion exists, so choose your own)
            """),
        OptionSpec("--format", "F", "table, csv or json (default: from --out's extension, else table)"),
        OptionSpec("--out", "FILE", "write to FILE (atomically) instead of standard output"),
        OptionSpec("--svg", "FILE", "also write the concentration-time plot as SVG"),
        OptionSpec("--html", "FILE", "also write a self-contained HTML report (plots, metrics, inputs, sources)"),
        .flag("--chart", "draw the terminal chart (default: when stdout is a terminal, in colour there unless NO_COLOR is set)"),
        .flag("--no-chart", "no terminal chart"),
    ]

    init(_ a: Arguments, console: Ketasim.Console) throws {
        chart = console.isTerminal
        do { profile = try ProfileLibrary.load(a.value("--profile") ?? StudyDefaults.profileName) } catch let e as ProfileError {
            throw CLIError.usage(e.message)
        }
        let analyte = profile.profile.analyte
        // The shared defaults (StudyDefaults, through the study's patient), then the options.
        let defaults = ExposurePatient(profile: profile)
        (weightKg, band, bandName) = (defaults.weightKg, (defaults.bandLowNgPerML, defaults.bandHighNgPerML), defaults.bandName)
        (windowH, dischargeNgPerML, infusionH, durationH) = (defaults.windowH, defaults.dischargeNgPerML, defaults.infusionH, defaults.durationH)
        if let w = a.value("--weight") { weightKg = try Units.weightKg(w) }
        if let d = a.value("--duration") {
            durationH = try Units.hours(d, flag: "--duration")
            guard durationH > 0 else { throw CLIError.usage("--duration: '\(d)' must be greater than zero") }
            guard durationH <= 24 * 365 else { throw CLIError.usage("--duration: '\(d)' is longer than a year") }
        }
        if let b = a.value("--band") {
            if let named = ProfileLibrary.bands(for: analyte).first(where: { $0.name.lowercased() == b.lowercased() }) {
                band = (named.lowNgPerML, named.highNgPerML ?? .infinity)
                bandName = named.name
            } else if b.first?.isLetter == true {
                let names = ProfileLibrary.bands(for: analyte).map(\.name).joined(separator: ", ")
                throw CLIError.usage("--band: unknown band '\(b)' for \(analyte) (named bands: \(names); or LOW-HIGH, e.g. 100-250ng/mL)")
            } else {
                band = try PatientOptions.parseBand(b)
                bandName = nil
            }
        }
        if let w = a.value("--window") {
            windowH = try Units.hours(w, flag: "--window")
            guard windowH > 0 else { throw CLIError.usage("--window: '\(w)' must be greater than zero") }
        }
        if let d = a.value("--discharge") {
            dischargeNgPerML = try Units.concentrationNgPerML(d, flag: "--discharge")
            guard dischargeNgPerML > 0 else { throw CLIError.usage("--discharge: '\(d)' must be greater than zero (a concentration the curve can fall below)") }
        }
        // Minutes in band count over the window and the tables label them "in the first N min":
        // a curve that ends before the window would give a smaller number under that label.
        guard durationH >= windowH else {
            throw CLIError.usage("--duration: \(NumberFormat.short(durationH)) h ends before the session window (\(NumberFormat.short(windowH * 60)) min); "
                                 + "give --duration of at least \(NumberFormat.short(windowH)) h or a shorter --window")
        }
        if let i = a.value("--infusion") {
            infusionH = try Units.hours(i, flag: "--infusion")
            guard infusionH > 0 else { throw CLIError.usage("--infusion: '\(i)' must be greater than zero") }
        }
        format = try OutputFormat.resolve(a)
        if a.flag("--no-chart") { chart = false }
        if a.flag("--chart") { chart = true }
        if format != "table" { chart = false }
    }

    /// The typed request of the exposure studies.
    var patient: ExposurePatient {
        var p = ExposurePatient(profile: profile)
        p.weightKg = weightKg
        p.bandLowNgPerML = band.low
        p.bandHighNgPerML = band.high
        p.bandName = bandName
        p.windowH = windowH
        p.dischargeNgPerML = dischargeNgPerML
        p.infusionH = infusionH
        p.durationH = durationH
        return p
    }

    /// What the reports need from these options: the typed context of `ArmReport`, `EffectReport`
    /// and the arm plots, with the console's width and colour.
    func report(width: Int = .max, colour: Bool = false) -> ArmReportContext {
        ArmReportContext(profile: profile, weightKg: weightKg, bandName: bandName, band: band, windowH: windowH,
                         dischargeNgPerML: dischargeNgPerML, infusionH: infusionH, durationH: durationH, width: width, colour: colour)
    }

    /// "100-250ng/mL" → (100, 250) in ng/mL.
    static func parseBand(_ text: String) throws -> (low: Double, high: Double) {
        let t = text.trimmedSpaces
        // Split at a '-' that follows a digit (so exponents and a leading minus are not split).
        var cut: String.Index? = nil
        var i = t.startIndex
        while i < t.endIndex {
            if t[i] == "-", i > t.startIndex {
                let prev = t[t.index(before: i)]
                // "5e-2": a minus after an exponent marker that follows a digit is not the separator.
                let exponent = (prev == "e" || prev == "E") && t.index(before: i) > t.startIndex && t[t.index(t.index(before: i), offsetBy: -1)].isNumber
                if (prev.isNumber || prev.isLetter) && !exponent { cut = i; break }
            }
            i = t.index(after: i)
        }
        guard let cut else { throw CLIError.usage("--band: '\(text)' is not LOW-HIGH with a unit, e.g. 100-250ng/mL") }
        var lowText = String(t[..<cut]), highText = String(t[t.index(after: cut)...])
        let (_, unitHigh) = try Units.split(highText, flag: "--band")
        let (_, unitLow) = try Units.split(lowText, flag: "--band")
        if unitLow.isEmpty && unitHigh.isEmpty {
            throw CLIError.usage("--band: '\(text)' has no unit (e.g. 100-250ng/mL)")
        }
        if unitLow.isEmpty { lowText += unitHigh }
        if unitHigh.isEmpty { highText += unitLow }
        let lo = try Units.concentrationNgPerML(lowText, flag: "--band")
        let hi = try Units.concentrationNgPerML(highText, flag: "--band")
        guard hi > lo else { throw CLIError.usage("--band: '\(text)' needs LOW < HIGH") }
        return (lo, hi)
    }
}

extension Arm {
    /// Simulates `dose` by `route` for the patient on the chosen profile, with parameters
    /// overridden by name (`overrides`, model units).
    static func run(route: Route, dose: Units.DoseAmount, options o: PatientOptions, overrides: [String: Double] = [:],
                    intervalH: Double = 0, count: Int = 1, stepH: Double) throws -> Arm {
        let study: ExposureResult
        do {
            study = try SingleSimulation.run(o.patient, arm: ExposureArm(route: route, dose: dose, overrides: overrides, intervalH: intervalH, count: count),
                                             stepH: stepH)
        } catch let e as StudyError {
            throw CLIError.from(e)
        }
        return Arm(study, route: route, dose: dose, overrides: overrides, infusionH: o.infusionH)
    }
}
