import PKCore
import PKProfiles

/// Predictions for one dosing session, from the exact solution of the whole course (so earlier
/// doses' residue is included). Concentrations in ng/mL of the profile's analyte at the chosen site.
public struct SessionPrediction: Sendable, Codable, Equatable {
    /// Highest concentration from this session's dose to the next session's (ng/mL).
    public var peakNgPerML: Double
    /// Time of the peak from the start of the session's dose (min).
    public var tmaxMin: Double
    /// The tier band used for time in band (the session's dose tier; the psycholytic band when the dose is outside every tier).
    public var bandTier: Tier
    /// Lower edge of the band (ng/mL).
    public var bandLowNgPerML: Double
    /// Upper edge of the band (ng/mL).
    public var bandHighNgPerML: Double
    /// Minutes with low <= C < high inside the session window.
    public var minutesInBand: Double
    /// The session window in which minutes in band are counted (min from the dose).
    public var windowMin: Double
    /// Discharge level (ng/mL).
    public var dischargeLevelNgPerML: Double
    /// Minutes from the dose until C stays below the discharge level (0 if it never reaches it);
    /// nil when it is still above at the next session.
    public var dischargeMin: Double?
    /// True when the concentration stays below the discharge level after this dose.
    public var neverAboveDischarge: Bool
    /// Concentration left from earlier sessions at this session's start.
    public var residualAtStartNgPerML: Double
    /// Concentration left at the next session's start (nil for the last session).
    public var residualAtNextNgPerML: Double?
    /// Tier whose exposure band holds the peak ("anaesthetic" at or above the anaesthesia floor).
    public var exposureTier: Tier
    /// The IV dose with the same parent AUC0-inf in this patient on this profile (session dose incl. top-up).
    public var ivEquivalentMg: Double
    /// For S-ketamine: IV-equivalent × the racemic potency factor.
    public var racemicEquivalentIVMg: Double?
    /// Totals over the rolling 7 days ending at this session (this session included).
    public var rolling7DayMg: Double
    /// `rolling7DayMg` per kg body weight (mg/kg).
    public var rolling7DayMgPerKg: Double
    /// IV-equivalent doses over the same 7 days (mg).
    public var rolling7DayIVEquivalentMg: Double
    /// Peak if the largest optional top-up were given (protocols with an optional top-up not planned).
    public var peakWithMaxTopUpNgPerML: Double?
    /// Predicted effect of this session (`CoursePredictor.effects`): PD model, peak S-ketamine
    /// effect-site concentration (ng/mL), its time from the session's dose (min) and peak Ce/C50.
    /// An intensity relative to the PD model's C50, not a CADSS score or a "level".
    public var effectModel: String?
    /// Peak S-ketamine effect-site concentration of the session (ng/mL).
    public var effectCeMaxNgPerML: Double?
    /// Time of that peak after the session's dose (min).
    public var effectTmaxMin: Double?
    /// Peak Ce divided by the PD model's C50 (dimensionless; 1 = half-maximal effect).
    public var effectPeakCeOverC50: Double?
}

/// A dosing session as the simulator sees it.
struct CourseDose: Sendable, Equatable {
    var timeH: Double
    var doseMg: Double
    var topUpMg: Double?
    var topUpAtH: Double
    init(timeH: Double, doseMg: Double, topUpMg: Double? = nil, topUpAtH: Double = 0.2) {
        self.timeH = timeH
        self.doseMg = doseMg
        self.topUpMg = topUpMg
        self.topUpAtH = topUpAtH
    }
    var totalMg: Double { doseMg + (topUpMg ?? 0) }
}

/// The predicted concentration over a whole course, for charts (ng/mL at `timesH`, h from the
/// first dose).
public struct CourseCurve: Sendable, Codable, Equatable {
    /// "CP" (plasma) or "CE" (effect site).
    public var output: String
    /// Sample times (h from the first dose).
    public var timesH: [Double]
    /// Concentration at `timesH` (ng/mL).
    public var valuesNgPerML: [Double]
    /// Dose times (h from the first dose).
    public var doseTimesH: [Double]
}

/// Simulates a course for one patient on one profile, by one route.
struct CoursePredictor: Sendable {
    let profile: ProfileModel
    let parameters: [Double]
    let route: Route
    /// IV infusion duration (h) for route iv.
    let infusionH: Double
    /// Output: "CP" (plasma) or "CE" (effect site).
    let output: String
    let weightKg: Double

    init(profile: ProfileModel, weightKg: Double, ageYears: Double? = nil, route routeName: String, infusionH: Double = 40.0 / 60, output: String = "CP") throws {
        guard let r = Route(text: routeName) else { throw PlanError("route: unknown route '\(routeName)'") }
        guard profile.dosing.routes[r.rawValue] != nil else {
            throw PlanError("--profile: \(profile.profile.name) has no route '\(r.rawValue)' (it has: \(profile.dosing.routeNames.joined(separator: ", ")))")
        }
        guard profile.dosing.compiled.spec.outputs.contains(where: { $0.name == output }) else {
            throw PlanError("--site: profile \(profile.profile.name) has no output \(output)")
        }
        self.profile = profile
        var overrides: [String: Double] = [:]
        if let a = ageYears, profile.covariateNames.contains("AGE") { overrides["AGE"] = a }
        parameters = profile.parameters(covariates: profile.covariates(weightKg: weightKg, overrides: overrides))
        route = r
        self.infusionH = infusionH
        self.output = output
        self.weightKg = weightKg
    }

    func regimen(_ doses: [CourseDose], topUps: Bool = true, extraTopUpMg: Double? = nil) -> Regimen {
        var reg = Regimen()
        for d in doses {
            if route == .ivInfusion { reg = reg.infusion(amountMg: d.doseMg, overH: infusionH, atH: d.timeH) }
            else { reg = reg.dose(amountMg: d.doseMg, route: route, atH: d.timeH) }
            let top = extraTopUpMg ?? (topUps ? d.topUpMg : nil)
            if let t = top, t > 0 { reg = reg.dose(amountMg: t, route: route, atH: d.timeH + d.topUpAtH) }
        }
        return reg
    }

    /// Simulates `regimen` with observation points fine around each dose (1 min for 6 h) and
    /// hourly after, up to `endH`.
    func simulate(_ reg: Regimen, doseTimes: [Double], endH: Double) throws -> SimulationResult {
        var times: [Double] = [0]
        for (i, t) in doseTimes.enumerated() {
            let next = i + 1 < doseTimes.count ? doseTimes[i + 1] : endH
            let fineEnd = Swift.min(next, t + 6)
            // Each time from an integer count in one step (not accumulated): no float noise in the CSV.
            var i = 0
            while t + Double(i) / 60 < fineEnd - 1e-9 { times.append(t + Double(i) / 60); i += 1 }
            let hourly = t + Double(i) / 60
            var j = 0
            while hourly + Double(j) < next - 1e-9 { times.append(hourly + Double(j)); j += 1 }
        }
        times.append(endH)
        times = Array(Set(times.filter { $0 >= 0 && $0 <= endH })).sorted()
        let c = try reg.compile(on: profile.dosing, parameters: parameters)
        return try Simulator.simulate(model: c.model, records: c.records, timesH: times)
    }

    /// The course curve: 1-min points for 6 h after each dose, hourly between.
    func curve(_ doses: [CourseDose], endH: Double) throws -> CourseCurve {
        let res = try simulate(regimen(doses), doseTimes: doses.map(\.timeH), endH: endH)
        return CourseCurve(output: output, timesH: res.timesH, valuesNgPerML: res.series(output) ?? [], doseTimesH: doses.map(\.timeH))
    }

    /// Single-dose curve analysis over [0, horizonH].
    func single(doseMg: Double, horizonH: Double = 24, stepH: Double = 1.0 / 60) throws -> CurveAnalysis {
        let reg = regimen([CourseDose(timeH: 0, doseMg: doseMg)])
        let c = try reg.compile(on: profile.dosing, parameters: parameters)
        let r = try Simulator.simulate(model: c.model, records: c.records, timesH: try Simulator.grid(endH: horizonH, stepH: stepH))
        guard let o = r.trajectory.models[0].outputIndex(output) else { throw PlanError("profile has no output \(output)", usage: false) }
        return CurveAnalysis(trajectory: r.trajectory, output: o, startH: 0, endH: horizonH)
    }

    /// Exact parent AUC over 0-240 h of `doseMg` by `route` (ng·h/mL), from the plasma output.
    func auc(doseMg: Double, route r: Route) throws -> Double {
        var reg = Regimen()
        if r == .ivInfusion { reg = reg.infusion(amountMg: doseMg, overH: infusionH) } else { reg = reg.dose(amountMg: doseMg, route: r) }
        let c = try reg.compile(on: profile.dosing, parameters: parameters)
        let res = try Simulator.simulate(model: c.model, records: c.records, timesH: try Simulator.grid(endH: 240, stepH: 1))
        guard let o = res.trajectory.models[0].outputIndex("CP") else { throw PlanError("profile has no output CP", usage: false) }
        return CurveAnalysis(trajectory: res.trajectory, output: o, startH: 0, endH: 240).area()
    }

    /// IV-equivalent dose: the IV dose with the same parent plasma AUC (0-240 h, ~AUC0-inf) in this
    /// patient on this profile. For a linear route this is dose × the route's systemic availability.
    func ivEquivalent(doseMg: Double) throws -> Double {
        guard doseMg > 0 else { return 0 }
        if route.isIntravascular { return doseMg }
        let ivRoute: Route = profile.dosing.routes[Route.ivBolus.rawValue] != nil ? .ivBolus : .ivInfusion
        return doseMg * (try auc(doseMg: doseMg, route: route)) / (try auc(doseMg: doseMg, route: ivRoute))
    }

    /// Predictions for each session of a course.
    func predict(
        _ doses: [CourseDose], bands: [(tier: Tier, low: Double, high: Double)], exposureTiers: [(tier: Tier, low: Double, high: Double)],
        anaesthesiaFloor: Double, windowMin: Double, dischargeLevel: Double, maxTopUpMg: Double?, potency: Double?
    ) throws -> [SessionPrediction] {
        guard !doses.isEmpty else { return [] }
        let times = doses.map(\.timeH)
        let endH = times.last! + 72
        let result = try simulate(regimen(doses), doseTimes: times, endH: endH)
        guard let o = result.trajectory.models[0].outputIndex(output) else { throw PlanError("profile has no output \(output)", usage: false) }
        var worst: SimulationResult? = nil
        if let m = maxTopUpMg { worst = try simulate(regimen(doses, extraTopUpMg: m), doseTimes: times, endH: endH) }
        var ivEqCache: [Double: Double] = [:]
        func ivEq(_ mg: Double) throws -> Double {
            if let v = ivEqCache[mg] { return v }
            let v = try ivEquivalent(doseMg: mg)
            ivEqCache[mg] = v
            return v
        }
        var out: [SessionPrediction] = []
        for (i, d) in doses.enumerated() {
            let t0 = d.timeH
            let t1 = i + 1 < doses.count ? doses[i + 1].timeH : endH
            let a = CurveAnalysis(trajectory: result.trajectory, output: o, startH: t0, endH: Swift.max(t1, t0))
            let (cmax, tmax) = a.peak()
            let band = bands[i]
            let inBand = a.hoursInBand(lower: band.low, upper: band.high, from: t0, to: Swift.min(t0 + windowMin / 60, t1)) * 60
            var discharge: Double? = nil
            let neverAbove = cmax < dischargeLevel
            if neverAbove { discharge = 0 } else if let t = a.timeBelowForGood(dischargeLevel), t <= t1 + 1e-9 || i == doses.count - 1 {
                discharge = (t - t0) * 60
            }
            // Residues: prefix courses observed exactly at the session starts (no action at that instant).
            func residual(before k: Int) throws -> Double {
                guard k > 0 else { return 0 }
                let reg = regimen(Array(doses[0..<k]))
                let c = try reg.compile(on: profile.dosing, parameters: parameters)
                let r = try Simulator.simulate(model: c.model, records: c.records, timesH: [doses[k].timeH])
                return r.outputs[o][0]
            }
            let resStart = try residual(before: i)
            let resNext = i + 1 < doses.count ? try residual(before: i + 1) : nil
            var exposure: Tier = "anaesthetic"
            if cmax < anaesthesiaFloor {
                exposure = exposureTiers.first { cmax >= $0.low && cmax < $0.high }?.tier ?? "below tiers"
            }
            let iv = try ivEq(d.doseMg) + (d.topUpMg.map { try ivEq($0) } ?? 0)
            var wMg = 0.0, wIV = 0.0
            for e in doses where e.timeH > t0 - 168 + 1e-9 && e.timeH <= t0 + 1e-9 {
                wMg += e.totalMg
                wIV += try ivEq(e.doseMg) + (e.topUpMg.map { try ivEq($0) } ?? 0)
            }
            var worstPeak: Double? = nil
            if let w = worst {
                worstPeak = CurveAnalysis(trajectory: w.trajectory, output: o, startH: t0, endH: Swift.max(t1, t0)).peak().cmax
            }
            // Times and amounts at their reported resolution (`ReportedPrecision`).
            let minutes = ReportedPrecision.minutes, mg = ReportedPrecision.milligrams
            out.append(SessionPrediction(
                peakNgPerML: cmax, tmaxMin: minutes((tmax - t0) * 60), bandTier: band.tier, bandLowNgPerML: band.low, bandHighNgPerML: band.high,
                minutesInBand: minutes(inBand), windowMin: windowMin, dischargeLevelNgPerML: dischargeLevel, dischargeMin: discharge.map(minutes),
                neverAboveDischarge: neverAbove, residualAtStartNgPerML: resStart, residualAtNextNgPerML: resNext, exposureTier: exposure,
                ivEquivalentMg: mg(iv), racemicEquivalentIVMg: potency.map { mg(iv * $0) }, rolling7DayMg: mg(wMg), rolling7DayMgPerKg: mg(wMg / weightKg),
                rolling7DayIVEquivalentMg: mg(wIV), peakWithMaxTopUpNgPerML: worstPeak))
        }
        return out
    }
}
