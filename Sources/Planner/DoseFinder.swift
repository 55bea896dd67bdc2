import PKCore
import PKProfiles

/// The outcome of a dose search.
public struct DoseResult: Sendable, Codable, Equatable {
    /// What was searched ("peak", "auc", "band-hold", …).
    public var goal: String
    /// Route searched, as given ("iv", "iv-bolus", "im", "in", "sl", "po").
    public var route: String
    /// The target, in `targetUnit`.
    public var target: Double
    /// Unit of `target` and `achieved`: "ng/mL" (peak) or "ng*h/mL" (AUC).
    public var targetUnit: String
    /// False when no dose within the safety ceiling reaches the target.
    public var reachable: Bool
    /// The dose found (mg); when unreachable, the safety ceiling.
    public var doseMg: Double
    /// The value the dose achieves (same unit as the target).
    public var achieved: Double
    /// Largest dose the safety limits allow for this route and patient, and why.
    public var ceilingMg: Double
    /// Why the ceiling is what it is (the rule or limit that sets it).
    public var ceilingReason: String
    /// Predicted peak of the dose (ng/mL).
    public var peakNgPerML: Double
    /// Time of the peak after the dose (min).
    public var tmaxMin: Double
    /// The IV dose with the same parent AUC in this patient on this profile (mg).
    public var ivEquivalentMg: Double
    /// The dose as drawn up (rounded to the syringe or device step of the solution, never above
    /// the ceiling), when it differs from `doseMg`; nil without a step.
    public var measuredDoseMg: Double? = nil
    /// What the measured dose achieves (unit of the target).
    public var measuredAchieved: Double? = nil
    /// The measured dose's predicted peak (ng/mL).
    public var measuredPeakNgPerML: Double? = nil
    /// For routes dosed in fixed units (esketamine devices): the unit multiples just below and above
    /// the dose, with the value each achieves.
    var unitDoses: [UnitDose]
    /// The result in words, for output.
    public var message: String

    struct UnitDose: Sendable, Codable, Equatable {
        var doseMg: Double
        var achieved: Double
        var withinCeiling: Bool
    }
}

/// A single-dose window analysis for "keep C inside a band": the dose range that holds it, or the best dose.
public struct BandResult: Sendable, Codable, Equatable {
    /// Route searched, as given ("iv", "im", …).
    public var route: String
    /// Lower edge of the band (ng/mL).
    public var lowNgPerML: Double
    /// Upper edge of the band (ng/mL).
    public var highNgPerML: Double
    /// Start of the window after the dose (min).
    public var fromMin: Double
    /// End of the window after the dose (min).
    public var toMin: Double
    /// Smallest dose with C >= low over the whole window, and largest with the peak < high (mg).
    public var minDoseMg: Double?
    /// Largest dose with the peak below `highNgPerML` (mg); nil when none.
    public var maxDoseMg: Double?
    /// True when some dose keeps C inside the band for the whole window.
    public var holds: Bool
    /// The proposed dose: the middle (geometric mean) of the holding range, else the dose with the most minutes in band.
    public var doseMg: Double
    /// Minutes inside [low, high) in the window at `doseMg` (min).
    public var minutesInBand: Double
    /// Predicted peak at `doseMg` (ng/mL).
    public var peakNgPerML: Double
    /// Largest dose the safety limits allow for this route and patient (mg).
    public var ceilingMg: Double
    /// Why the ceiling is what it is.
    public var ceilingReason: String
    /// The result in words, for output.
    public var message: String
}

/// An IV target-controlled scheme: a loading bolus, then constant-rate steps.
public struct TCIScheme: Sendable, Codable, Equatable {
    /// One constant-rate step of the scheme.
    public struct Step: Sendable, Codable, Equatable {
        /// Start of the step (min from the bolus).
        public var startMin: Double
        /// End of the step (min from the bolus).
        public var endMin: Double
        /// Infusion rate over the step (mg/h).
        public var rateMgPerH: Double
    }
    /// Concentration each step returns to at its end (ng/mL).
    public var targetNgPerML: Double
    /// Lower edge of the band (ng/mL).
    public var lowNgPerML: Double
    /// Upper edge of the band (ng/mL).
    public var highNgPerML: Double
    /// Loading bolus at time 0 (mg).
    public var bolusMg: Double
    /// The rate steps, in time order.
    public var steps: [Step]
    /// Total drug over the scheme, bolus and infusions (mg).
    public var totalMg: Double
    /// Lowest concentration after time 0 on a 1-min grid (ng/mL).
    public var minNgPerML: Double
    /// Highest concentration, the exact peak (ng/mL).
    public var maxNgPerML: Double
    /// Minutes inside [low, high) over the scheme.
    public var minutesInBand: Double
    /// Length of the scheme (min).
    public var durationMin: Double
    /// Largest IV total the safety limits allow for this patient (mg).
    public var ceilingMg: Double
    var withinCeiling: Bool
    /// The result in words, for output; says when the scheme exceeds the IV safety limits.
    public var message: String
}

/// Dose finding on the exact model for one patient. Every search is bracketed bisection on a
/// quantity that increases with dose (peak, AUC, the window minimum): exact for linear routes and
/// for the esketamine device rule alike.
public struct DoseFinder: Sendable {
    /// The PK profile searched on.
    public let profile: ProfileModel
    /// Body weight (kg).
    public let weightKg: Double
    /// Age (years); nil: not given.
    public let ageYears: Double?
    /// Rules that set the safety ceiling (default: the built-in catalog).
    public let catalog: ProtocolCatalog
    /// "CP" or "CE".
    public let output: String
    /// IV infusion duration for route iv (h).
    public let infusionH: Double
    /// Strength of the solution (mg/mL) for the intranasal volume ceiling; nil: `DosePreparation`'s default.
    public var concentrationMgPerML: Double?

    /// The route as a clinician writes it ("IN", "IV infusion"), never the bare option value ("in").
    static func routeName(_ route: String) -> String { Route(text: route)?.displayName ?? route }

    /// A finder for one patient: weight (kg), age (years), output "CP" (plasma) or "CE" (effect site), IV infusion over `infusionH` (h).
    public init(profile: ProfileModel, weightKg: Double, ageYears: Double? = nil, catalog: ProtocolCatalog = .builtin, output: String = "CP",
                infusionH: Double = 40.0 / 60) {
        self.profile = profile
        self.weightKg = weightKg
        self.ageYears = ageYears
        self.catalog = catalog
        self.output = output
        self.infusionH = infusionH
    }

    /// The profile's analyte ("racemic" or "S-ketamine").
    public var analyte: String { profile.profile.analyte }

    func predictor(_ route: String) throws -> CoursePredictor {
        try CoursePredictor(profile: profile, weightKg: weightKg, ageYears: ageYears, route: route, infusionH: infusionH, output: output)
    }

    static func routeKey(_ route: String, analyte: String) -> String {
        let r = route == "iv-bolus" ? "iv" : route
        return analyte.lowercased() == "s-ketamine" && r == "in" ? "in-esketamine" : r
    }

    /// The largest dose allowed by the route's single-dose rules (warn or block), the fast-IV
    /// rule, and a predicted peak below the anaesthesia floor.
    public func ceiling(route: String) throws -> (mg: Double, reason: String) {
        let key = DoseFinder.routeKey(route, analyte: analyte)
        var mg = 5000.0, reason = "5 g (beyond any ketamine dose)"
        for r in catalog.rules where r.kind == "maxSingleDose" && r.route == key {
            if let m = r.maxMg, m < mg { mg = m; reason = "\(r.id): \(NumberFormat.short(m)) mg" }
            if let m = r.maxMgPerKg, m * weightKg < mg { mg = m * weightKg; reason = "\(r.id): \(NumberFormat.short(m)) mg/kg" }
        }
        // Intranasal racemic ketamine: the practical volume per nostril at the solution's strength.
        if route == "in", analyte.lowercased() != "s-ketamine" {
            let prep = try DosePreparation(route: route, analyte: analyte, concentrationMgPerML: concentrationMgPerML)
            if prep.intranasalCeilingMg < mg {
                mg = prep.intranasalCeilingMg
                let c = concentrationMgPerML ?? DosePreparation.defaultIntranasalConcentrationMgPerML
                reason = "intranasal volume: \(NumberFormat.short(DosePreparation.intranasalMaxMLPerNostril)) mL per nostril x 2 at \(NumberFormat.short(c)) mg/mL\(concentrationMgPerML == nil ? " (the default; give --concentration)" : "") [fpnotebook-intranasal] [S; UNCONFIRMED]"
            }
        }
        let minutes = route == "iv-bolus" ? 0 : infusionH * 60
        if route.hasPrefix("iv"), let r = catalog.rules.first(where: { $0.kind == "fastIV" }), let lim = r.minMgPerKg, let maxMin = r.maxMinutes,
           minutes <= maxMin, lim * weightKg < mg {
            mg = lim * weightKg * (1 - 1e-9)
            reason = "\(r.id): below \(NumberFormat.short(lim)) mg/kg"
        }
        if let floor = Planner.anaesthesiaFloor(analyte: analyte) {
            let pr = try predictor(route)
            let peakAtCeiling = try pr.single(doseMg: mg).peak().cmax
            if peakAtCeiling >= floor {
                let d = try DoseFinder.bisect(lo: 0, hi: mg) { try pr.single(doseMg: $0).peak().cmax - floor }
                mg = d.lo
                reason = "anaesthetic-exposure: predicted peak below \(NumberFormat.short(floor)) ng/mL"
            }
        }
        return (mg, reason)
    }

    /// Bracketed bisection for an increasing f with f(lo) < 0 <= f(hi): returns the bracket, to a
    /// relative width of 1e-10.
    static func bisect(lo l0: Double, hi h0: Double, _ f: (Double) throws -> Double) rethrows -> (lo: Double, hi: Double) {
        var lo = l0, hi = h0
        for _ in 0..<200 {
            if hi - lo <= 1e-10 * Swift.max(hi, 1e-9) { break }
            let mid = 0.5 * (lo + hi)
            if try f(mid) < 0 { lo = mid } else { hi = mid }
        }
        return (lo, hi)
    }

    /// The dose whose predicted peak equals `target` (ng/mL), within the safety ceiling.
    public func doseForPeak(route: String, targetNgPerML target: Double) throws -> DoseResult {
        try checkTarget(target, flag: "--target-peak")
        let pr = try predictor(route)
        let (cap, why) = try ceiling(route: route)
        let f: (Double) throws -> Double = { try pr.single(doseMg: $0).peak().cmax }
        return try solve(goal: "peak", route: route, target: target, unit: "ng/mL", cap: cap, why: why, pr: pr, f: f)
    }

    /// The dose by `route` matching an IV reference (mg over the predictor's infusion time; bolus when
    /// `referenceRoute` is iv-bolus) by peak or AUC.
    public func routeEquivalent(route: String, referenceMg: Double, referenceRoute: String = "iv", metric: String = "auc") throws -> DoseResult {
        let ref = try predictor(referenceRoute)
        let pr = try predictor(route)
        let (cap, why) = try ceiling(route: route)
        let target: Double
        let f: (Double) throws -> Double
        switch metric {
        case "peak":
            target = try ref.single(doseMg: referenceMg).peak().cmax
            f = { try pr.single(doseMg: $0).peak().cmax }
        case "auc":
            target = try ref.auc(doseMg: referenceMg, route: ref.route)
            f = { try pr.auc(doseMg: $0, route: pr.route) }
        default: throw PlanError("--match: unknown metric '\(metric)' (peak or auc)")
        }
        var r = try solve(goal: metric, route: route, target: target, unit: metric == "auc" ? "ng*h/mL" : "ng/mL", cap: cap, why: why, pr: pr, f: f)
        r.message = "IV reference \(NumberFormat.short(referenceMg)) mg (\(referenceRoute == "iv" ? "over \(NumberFormat.short(infusionH * 60)) min" : "bolus")) gives \(metric) \(NumberFormat.short(target, 4)) \(r.targetUnit); " + r.message
        return r
    }

    func checkTarget(_ target: Double, flag: String) throws {
        guard target > 0, target.isFinite else { throw PlanError("\(flag): target must be > 0 ng/mL") }
        if let floor = Planner.anaesthesiaFloor(analyte: analyte), target >= floor {
            throw PlanError("\(flag): \(NumberFormat.short(target)) ng/mL is in the anaesthetic range for \(analyte) (>= \(NumberFormat.short(floor)) ng/mL, bands.json 'anaesthesia'); not a planning target")
        }
    }

    func solve(goal: String, route: String, target: Double, unit: String, cap: Double, why: String, pr: CoursePredictor,
               f: (Double) throws -> Double) throws -> DoseResult {
        let atCap = try f(cap)
        let reachable = atCap >= target
        var dose = cap
        if reachable {
            let b = try DoseFinder.bisect(lo: 0, hi: cap) { try f($0) - target }
            dose = b.hi
        }
        let a = try pr.single(doseMg: dose)
        let (peak, tmax) = a.peak()
        let achieved = try f(dose)
        var msg = reachable
            ? "\(DoseFinder.routeName(route)) \(NumberFormat.short(dose, 4)) mg (\(NumberFormat.short(dose / weightKg, 3)) mg/kg) gives \(goal) \(NumberFormat.short(achieved, 4)) \(unit)"
            : "no safe dose reaches \(goal) \(NumberFormat.short(target, 4)) \(unit) by the \(DoseFinder.routeName(route)) route: the ceiling \(NumberFormat.short(cap, 4)) mg (\(why)) gives \(NumberFormat.short(atCap, 4)) \(unit)"
        var units: [DoseResult.UnitDose] = []
        let key = DoseFinder.routeKey(route, analyte: analyte)
        if let k = catalog.rules.first(where: { $0.kind == "doseMultiple" && $0.route == key })?.multipleOfMg {
            let below = Swift.max(k, (dose / k).rounded(.down) * k), above = Swift.max(k, (dose / k).rounded(.up) * k)
            for d in Set([below, above]).sorted() {
                units.append(.init(doseMg: d, achieved: try f(d), withinCeiling: d <= cap * (1 + 1e-12)))
            }
            msg += "; in \(NumberFormat.short(k)) mg units: " + units.map { "\(NumberFormat.short($0.doseMg)) mg gives \(NumberFormat.short($0.achieved, 4)) \(unit)\($0.withinCeiling ? "" : " (above the ceiling)")" }.joined(separator: ", ")
        }
        var result = DoseResult(goal: goal, route: route, target: target, targetUnit: unit, reachable: reachable, doseMg: dose, achieved: achieved,
                                ceilingMg: cap, ceilingReason: why, peakNgPerML: peak, tmaxMin: ReportedPrecision.minutes(tmax * 60),
                                ivEquivalentMg: ReportedPrecision.milligrams(try pr.ivEquivalent(doseMg: dose)),
                                unitDoses: units, message: msg)
        // The dose a clinician can draw up: its own prediction (the target is met by the exact dose only).
        let prep = try DosePreparation(route: route == "iv-bolus" ? "iv" : route, analyte: analyte, concentrationMgPerML: concentrationMgPerML)
        if prep.stepMg != nil, let m = prep.rounded(dose, ceilingMg: cap), m > 0, m != dose {
            result.measuredDoseMg = m
            result.measuredAchieved = try f(m)
            result.measuredPeakNgPerML = try pr.single(doseMg: m).peak().cmax
        }
        return result
    }

    /// The dose range keeping low <= C < high over [fromH, toH] after a single dose, or the dose with
    /// the most minutes in band when no dose holds it throughout.
    public func doseForBand(route: String, low: Double, high: Double, fromH: Double, toH: Double) throws -> BandResult {
        try checkTarget(high, flag: "--band")
        guard low < high, toH > fromH else { throw PlanError("--band: need LOW < HIGH and a window with end > start") }
        let pr = try predictor(route)
        let (cap, why) = try ceiling(route: route)
        let horizon = Swift.max(toH + 1, 12)
        // Window minimum reaches `low`: the full window is at or above it (increasing in dose).
        let span = toH - fromH
        func covered(_ d: Double) throws -> Double { try pr.single(doseMg: d, horizonH: horizon).hoursAtOrAbove(low, from: fromH, to: toH) - span * (1 - 1e-9) }
        func peak(_ d: Double) throws -> Double { try pr.single(doseMg: d, horizonH: horizon).peak().cmax }
        var minDose: Double? = nil, maxDose: Double? = nil
        if try covered(cap) >= 0 { minDose = try DoseFinder.bisect(lo: 0, hi: cap) { try covered($0) }.hi }
        if try peak(cap) < high { maxDose = cap } else { maxDose = try DoseFinder.bisect(lo: 0, hi: cap) { try peak($0) - high }.lo }
        func minutes(_ d: Double) throws -> Double { try pr.single(doseMg: d, horizonH: horizon).hoursInBand(lower: low, upper: high, from: fromH, to: toH) * 60 }
        var dose: Double
        let holds = minDose != nil && maxDose != nil && minDose! <= maxDose!
        if holds {
            dose = (minDose! * maxDose!).squareRoot()
        } else {
            // Scan, then refine around the best by golden-section search.
            var best = (d: 0.0, m: -1.0)
            let n = 60
            for i in 1...n {
                let d = cap * Double(i) / Double(n)
                let m = try minutes(d)
                if m > best.m { best = (d, m) }
            }
            var a = Swift.max(0, best.d - cap / Double(n)), b = Swift.min(cap, best.d + cap / Double(n))
            let g = (5.0.squareRoot() - 1) / 2
            for _ in 0..<40 {
                let x1 = b - g * (b - a), x2 = a + g * (b - a)
                if try minutes(x1) >= minutes(x2) { b = x2 } else { a = x1 }
            }
            dose = try minutes(0.5 * (a + b)) >= best.m ? 0.5 * (a + b) : best.d
            // No dose within the ceiling reaches the band: the ceiling comes closest.
            if best.m <= 0 { dose = cap }
        }
        let m = try minutes(dose)
        let pk = try peak(dose)
        let win = "\(NumberFormat.short(fromH * 60)) to \(NumberFormat.short(toH * 60)) min"
        let msg: String
        if holds {
            msg = "\(DoseFinder.routeName(route)) doses of \(NumberFormat.short(minDose!, 4))-\(NumberFormat.short(maxDose!, 4)) mg keep \(NumberFormat.short(low))-\(NumberFormat.short(high)) ng/mL from \(win); middle \(NumberFormat.short(dose, 4)) mg (\(NumberFormat.short(dose / weightKg, 3)) mg/kg)"
        } else {
            var why2 = ""
            if minDose == nil { why2 = "even the ceiling \(NumberFormat.short(cap, 4)) mg (\(why)) does not stay above \(NumberFormat.short(low)) ng/mL for the whole window" }
            else { why2 = "reaching \(NumberFormat.short(low)) ng/mL over the whole window needs \(NumberFormat.short(minDose!, 4)) mg, which peaks at or above \(NumberFormat.short(high)) ng/mL" }
            msg = "no single \(DoseFinder.routeName(route)) dose holds \(NumberFormat.short(low))-\(NumberFormat.short(high)) ng/mL from \(win): \(why2); the most time in band is \(NumberFormat.short(m, 3)) min at \(NumberFormat.short(dose, 4)) mg"
        }
        return BandResult(route: route, lowNgPerML: low, highNgPerML: high, fromMin: fromH * 60, toMin: toH * 60, minDoseMg: minDose, maxDoseMg: maxDose,
                          holds: holds, doseMg: dose, minutesInBand: m, peakNgPerML: pk, ceilingMg: cap, ceilingReason: why, message: msg)
    }

    /// IV target-controlled scheme: a bolus bringing the central concentration to `target`, then
    /// constant rates over steps of `stepH`, each chosen so the concentration is back at `target` at
    /// the step's end (exact on the linear model: the free response is simulated, the unit-rate
    /// response added). Holds for `durationH`.
    public func tciScheme(low: Double, high: Double, target: Double? = nil, durationH: Double, stepH: Double) throws -> TCIScheme {
        try checkTarget(high, flag: "--band")
        guard low < high else { throw PlanError("--band: need LOW < HIGH") }
        guard durationH > 0, stepH > 0, durationH / stepH <= 500 else { throw PlanError("--tci-step: need 0 < step and at most 500 steps") }
        guard profile.dosing.routes["iv-bolus"] != nil, profile.dosing.routes["iv"] != nil else {
            throw PlanError("--tci: profile \(profile.profile.name) needs routes iv and iv-bolus")
        }
        let c = target ?? (low * high).squareRoot()
        guard c >= low && c < high else { throw PlanError("--target: \(NumberFormat.short(c)) ng/mL is outside the band") }
        let params = try predictor("iv").parameters
        let bolusPr = try predictor("iv-bolus")
        // Bolus: C(0+) = dose / V1, found on the model itself (bisection on the t = 0 concentration).
        let unitBolus = try bolusPr.single(doseMg: 1, horizonH: 0.01, stepH: 0.01).peak().cmax
        let bolus = c / unitBolus
        var reg = Regimen().dose(amountMg: bolus, route: .ivBolus)
        func cpAt(_ r: Regimen, _ t: Double) throws -> Double {
            let comp = try r.compile(on: profile.dosing, parameters: params)
            let res = try Simulator.simulate(model: comp.model, records: comp.records, timesH: [t])
            return res.series(output)![0]
        }
        let unitStep = try cpAt(Regimen().infusion(amountMg: stepH, overH: stepH), stepH)   // 1 mg/h for one step
        var steps: [TCIScheme.Step] = []
        var t = 0.0
        var total = bolus
        while t < durationH - 1e-9 {
            let h = Swift.min(stepH, durationH - t)
            let unit = h == stepH ? unitStep : try cpAt(Regimen().infusion(amountMg: h, overH: h), h)
            let free = try cpAt(reg, t + h)
            let rate = Swift.max(0, (c - free) / unit)
            if rate > 0 { reg = reg.infusion(amountMg: rate * h, overH: h, atH: t) }
            steps.append(.init(startMin: t * 60, endMin: (t + h) * 60, rateMgPerH: rate))
            total += rate * h
            t += h
        }
        let comp = try reg.compile(on: profile.dosing, parameters: params)
        let res = try Simulator.simulate(model: comp.model, records: comp.records, timesH: try Simulator.grid(endH: durationH, stepH: 1.0 / 60))
        let o = res.trajectory.models[0].outputIndex(output)!
        let a = CurveAnalysis(trajectory: res.trajectory, output: o, startH: 0, endH: durationH)
        let inBand = a.hoursInBand(lower: low, upper: high) * 60
        let series = res.series(output)!
        var lo = Double.infinity
        for (i, tt) in res.timesH.enumerated() where tt > 1e-9 { lo = Swift.min(lo, series[i]) }
        let hi = a.peak().cmax
        let cap = try ceiling(route: "iv")
        let within = total <= cap.mg * (1 + 1e-9) && bolus / weightKg < (catalog.rules.first { $0.kind == "fastIV" }?.minMgPerKg ?? .infinity)
        var msg = "bolus \(NumberFormat.short(bolus, 3)) mg then \(steps.count) rate steps; total \(NumberFormat.short(total, 4)) mg (\(NumberFormat.short(total / weightKg, 3)) mg/kg) over \(NumberFormat.short(durationH * 60)) min; \(NumberFormat.short(inBand, 3)) of \(NumberFormat.short(durationH * 60)) min in band (minimum \(NumberFormat.short(lo, 4)), maximum \(NumberFormat.short(hi, 4)) ng/mL on a 1-min grid and exact peak)"
        if !within { msg += "; EXCEEDS the IV safety limits (\(cap.reason)): no safe scheme holds this band for this long" }
        return TCIScheme(targetNgPerML: c, lowNgPerML: low, highNgPerML: high, bolusMg: bolus, steps: steps, totalMg: total, minNgPerML: lo, maxNgPerML: hi,
                         minutesInBand: inBand, durationMin: durationH * 60, ceilingMg: cap.mg, withinCeiling: within, message: msg)
    }
}
