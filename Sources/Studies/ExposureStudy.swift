import PKCore
import PKProfiles
import Planner

/// A dose: absolute (mg) or per kg of body weight (mg/kg).
public enum DoseAmount: Equatable, Sendable {
    case mg(Double)
    case mgPerKg(Double)
    /// Milligrams for a patient of `weightKg`.
    public func milligrams(weightKg: Double) -> Double {
        switch self {
        case .mg(let v): return v
        case .mgPerKg(let v): return v * weightKg
        }
    }
}

/// A request a study refuses: `field` names the input (as the command line spells its option,
/// without dashes; empty when the message names its subject itself), `message` says what is wrong.
public struct StudyError: Error, Sendable, Equatable {
    /// The input at fault, as the command line spells its option without dashes ("" when none).
    public var field: String
    /// What is wrong, naming the value.
    public var message: String
    /// True for a request that cannot be run as given (a usage error); false for data that failed
    /// (a profile or file that is not valid).
    public var isUsage: Bool
    /// A refusal of `field` with `message`; `isUsage` false for data that failed.
    public init(_ field: String, _ message: String, isUsage: Bool = true) {
        self.field = field
        self.message = message
        self.isUsage = isUsage
    }
}

/// One patient and the questions asked of every exposure curve: the band and session window for
/// "minutes in band", the discharge level, the simulated horizon. Shared by `SingleSimulation` and
/// `RouteComparison`, so every command asks them the same way (defaults in `StudyDefaults`).
public struct ExposurePatient: Sendable {
    /// The pharmacokinetic profile (model, covariates, routes, sources).
    public var profile: ProfileModel
    /// Body weight (kg).
    public var weightKg: Double
    /// The band for minutes in band (ng/mL), and its name when it is a named band.
    public var bandLowNgPerML: Double
    /// Upper edge of the band (ng/mL; infinite for an open band).
    public var bandHighNgPerML: Double
    /// The band's name when it is a named band of bands.json (e.g. "dissociation"), else nil.
    public var bandName: String?
    /// Minutes in band are counted from the first dose to `windowH` (h).
    public var windowH: Double
    /// Discharge: the time until the concentration stays below this level (ng/mL).
    public var dischargeNgPerML: Double
    /// IV infusion duration (h).
    public var infusionH: Double
    /// Simulated time from the first dose (h).
    public var durationH: Double
    /// The PD models whose effect-site concentration and effect are predicted for every arm
    /// (default: every predictive model of `Profiles/pd.json`, `EffectModel.defaults`).
    public var effectModels: [EffectModel] = []

    /// The default patient on `profile`: 70 kg, the analyte's dissociation band in the first 90 min
    /// (S-ketamine: 2 h, the label's minimum time on site),
    /// discharge below the band's lower edge, 40-min infusions, 24 h.
    public init(profile: ProfileModel) {
        self.profile = profile
        weightKg = StudyDefaults.weightKg
        bandLowNgPerML = 100
        bandHighNgPerML = 250
        bandName = nil
        if let d = ProfileLibrary.bands(for: profile.profile.analyte).first(where: { $0.name == StudyDefaults.bandName }), let hi = d.highNgPerML {
            bandLowNgPerML = d.lowNgPerML
            bandHighNgPerML = hi
            bandName = d.name
        }
        dischargeNgPerML = bandLowNgPerML
        windowH = StudyDefaults.sessionWindowH(analyte: profile.profile.analyte)
        infusionH = StudyDefaults.infusionH
        durationH = StudyDefaults.durationH
        effectModels = EffectModel.defaults(for: profile)
    }
}

/// One route and dose, optionally repeated, with route parameters overridden by name (model units).
public struct ExposureArm: Sendable {
    /// The route.
    public var route: Route
    /// The dose (mg, or mg/kg at the patient's weight).
    public var dose: DoseAmount
    /// Route parameters overridden by name (model units: KA 1/h, F fraction, LAG h).
    public var overrides: [String: Double]
    /// Interval between doses (h) and number of doses.
    public var intervalH: Double
    /// Number of doses (1: a single dose).
    public var count: Int

    /// An arm; `intervalH` (h) and `count` repeat the dose.
    public init(route: Route, dose: DoseAmount, overrides: [String: Double] = [:], intervalH: Double = 0, count: Int = 1) {
        self.route = route
        self.dose = dose
        self.overrides = overrides
        self.intervalH = intervalH
        self.count = count
    }
}

/// What one arm gives: the curve on the grid and the exposure metrics on the exact solution.
public struct ExposureResult: Sendable {
    /// The arm simulated.
    public var arm: ExposureArm
    /// The dose in mg at the patient's weight.
    public var doseMg: Double
    /// The outputs on the grid (h; ng/mL).
    public var curve: SimulationResult
    /// Exposure metrics on the exact solution: Cmax (ng/mL), Tmax (h), AUC (ng·h/mL), minutes in band
    /// within the window, discharge time (h), metabolite and effect-site peaks.
    public var metrics: ExposureSummary
    /// The route's source as the profile gives it.
    public var routeSource: String?
    /// What the planner would flag in this arm outside a plan: a peak in the analyte's anaesthesia
    /// band, a dose above the route's single-dose limit.
    public var warnings: [ExposureWarning] = []
    /// Effect-site concentration and effect of each of the patient's PD models (`EffectStudy`).
    public var effects: [EffectPrediction] = []
}

/// A warning on one arm, with the rule or band that gives it and its source.
public enum ExposureWarning: Sendable, Equatable {
    /// The predicted peak reaches the analyte's anaesthesia band (bands.json "anaesthesia").
    case anaesthesiaBand(peakNgPerML: Double, band: ConcentrationBand)
    /// A dose exceeds a single-dose limit of the planner's rules (protocols.json maxSingleDose).
    case singleDoseLimit(Finding)
    /// An IV dose is given faster than a planner rule allows (protocols.json fastIV: a bolus of
    /// 1 mg/kg or more, a short infusion).
    case fastIV(Finding)

    /// The warnings for an arm: peak against the anaesthesia band, each dose against the route's
    /// limits and, IV, its speed (`infusionMin`: the infusion's length, ignored for a bolus).
    public static func check(analyte: String, route: Route, doseMg: Double, weightKg: Double, peakNgPerML: Double,
                             infusionMin: Double? = nil) -> [ExposureWarning] {
        var out: [ExposureWarning] = []
        if let band = ProfileLibrary.bands(for: analyte).first(where: { $0.name == "anaesthesia" }), peakNgPerML >= band.lowNgPerML {
            out.append(.anaesthesiaBand(peakNgPerML: peakNgPerML, band: band))
        }
        out += SafetyRules.singleDoseFindings(route: route.rawValue, analyte: analyte, doseMg: doseMg, weightKg: weightKg)
            .map { .singleDoseLimit($0) }
        out += SafetyRules.fastIVFindings(route: route.rawValue, analyte: analyte, doseMg: doseMg, weightKg: weightKg, infusionMin: infusionMin)
            .map { .fastIV($0) }
        return out
    }
}

/// `simulate`: one route and dose for one patient.
public enum SingleSimulation {
    /// The largest dose a study accepts (mg): beyond any ketamine dose.
    public static let maxDoseMg = 5000.0

    /// Simulates `arm` for `patient` on a grid of `stepH` (h) from 0 to the patient's duration (the
    /// end of a single infusion is added to the grid so the curve shows its peak). Metrics are
    /// computed on the exact solution, not the grid.
    public static func run(_ patient: ExposurePatient, arm: ExposureArm, stepH: Double) throws -> ExposureResult {
        let pm = patient.profile
        guard let def = pm.dosing.routes[arm.route.rawValue] else {
            throw StudyError("route", "profile \(pm.profile.name) has no route '\(arm.route.rawValue)' (it has: \(pm.dosing.routeNames.joined(separator: ", ")))")
        }
        let mg = arm.dose.milligrams(weightKg: patient.weightKg)
        guard mg.isFinite, mg >= 0 else { throw StudyError("dose", "\(mg) mg is not a valid dose") }
        let lastDoseH = Double(arm.count - 1) * arm.intervalH
        guard patient.durationH > lastDoseH else {
            // Metrics such as the discharge time need the simulation to run past the last dose.
            throw StudyError("duration", "\(NumberFormat.short(patient.durationH)) h ends before the last dose at \(NumberFormat.short(lastDoseH)) h; simulate past the last dose")
        }
        guard mg <= maxDoseMg else { throw StudyError("dose", "\(NumberFormat.sig(mg, 4)) mg is beyond any ketamine dose (> 5 g)") }
        let result = try simulate(pm, patient, arm: arm, mg: mg, stepH: stepH)
        let summary = try ExposureSummary.compute(
            result, band: (patient.bandLowNgPerML, patient.bandHighNgPerML), windowH: (0, patient.windowH),
            dischargeLevel: patient.dischargeNgPerML)
        let warnings = ExposureWarning.check(analyte: pm.profile.analyte, route: arm.route, doseMg: mg,
                                             weightKg: patient.weightKg, peakNgPerML: summary.cmaxNgPerML, infusionMin: patient.infusionH * 60)
        var out = ExposureResult(arm: arm, doseMg: mg, curve: result, metrics: summary, routeSource: def.source, warnings: warnings)
        out.effects = try patient.effectModels.map { e in
            let r = try simulate(e.model, patient, arm: arm, mg: mg, stepH: stepH)
            do {
                return EffectPrediction(pd: e.pd, metrics: try EffectSite.metrics(r, pd: e.pd, profile: pm.profile),
                                        timesH: r.timesH, ceNgPerML: r.series(EffectSite.outputName) ?? [])
            } catch let e as SimulationError { throw StudyError("", e.message, isUsage: false) }
        }
        return out
    }

    /// The curve of `arm` on `pm` (the patient's profile, or the profile augmented with an effect
    /// site): typical parameters at the patient's weight with the arm's overrides, on a grid of
    /// `stepH` (h) plus the end of a single infusion.
    static func simulate(_ pm: ProfileModel, _ patient: ExposurePatient, arm: ExposureArm, mg: Double, stepH: Double) throws -> SimulationResult {
        var params = pm.parameters(covariates: pm.covariates(weightKg: patient.weightKg))
        for (name, v) in arm.overrides.sorted(by: { $0.key < $1.key }) {
            guard let i = pm.dosing.compiled.parameterIndex(name) else {
                throw StudyError("", "profile \(pm.profile.name) has no parameter \(name) to override for route \(arm.route.rawValue)")
            }
            params[i] = v
        }
        var regimen = Regimen()
        if arm.route == .ivInfusion {
            regimen = regimen.infusion(amountMg: mg, overH: patient.infusionH, every: arm.intervalH, count: arm.count)
        } else {
            regimen = regimen.dose(amountMg: mg, route: arm.route, every: arm.intervalH, count: arm.count)
        }
        let compiled = try regimen.compile(on: pm.dosing, parameters: params)
        var times = try Simulator.grid(endH: patient.durationH, stepH: stepH)
        if arm.route == .ivInfusion && arm.count == 1 && patient.infusionH < patient.durationH && !times.contains(patient.infusionH) {
            times.append(patient.infusionH)   // show the end-of-infusion peak on the grid too
            times.sort()
        }
        return try Simulator.simulate(model: compiled.model, records: compiled.records, timesH: times)
    }
}

/// `compare`: several routes and doses for one patient, side by side.
public enum RouteComparison {
    /// Simulates every arm for the patient on a grid of `stepH` (h); throws `StudyError` on the first
    /// arm that cannot run.
    public static func run(_ patient: ExposurePatient, arms: [ExposureArm], stepH: Double) throws -> [ExposureResult] {
        try arms.map { try SingleSimulation.run(patient, arm: $0, stepH: stepH) }
    }
}
