import PKCore
import PKProfiles

/// A clinician's override of a blocking rule, with the reason; recorded in every output.
public struct Override: Sendable, Codable, Equatable {
    /// Id of the rule overridden (a catalog rule id, or contraindication-FLAG).
    public var rule: String
    /// The clinician's reason (not empty).
    public var reason: String
    /// False when the rule did not fire in this plan (the override is still recorded).
    public var matched: Bool
    /// An override of `rule` for `reason`.
    public init(rule: String, reason: String, matched: Bool = false) {
        self.rule = rule
        self.reason = reason
        self.matched = matched
    }
}

/// Everything the planner needs for one patient and protocol.
public struct PlanRequest: Sendable {
    /// The protocol to lay out.
    public var template: ProtocolTemplate
    /// Rules, tiers, contraindications and practice items (default: the built-in catalog).
    public var catalog: ProtocolCatalog
    /// nil: no profile available for the protocol's analyte and route; the plan has no predictions.
    public var profile: ProfileModel?
    /// Why the profile is what it is (fallback message), shown in every output.
    public var profileNote: String?
    /// Weight (kg), age (years), pre-dose blood pressure (mmHg) and flags, as the rules check them.
    public var patient: PatientFacts
    /// First day of the course; the first dosing session is on or after it.
    public var start: CivilDate
    /// nil: the protocol's default weekdays.
    public var weekdays: Set<Weekday>?
    /// `weekdays` as the user typed it, quoted in errors; nil: the protocol's list.
    public var weekdaysText: String?
    /// Time of day of the sessions (min after midnight); nil: the protocol's, else 09:00.
    public var timeMin: Int?
    /// Number of dosing sessions (1-200); nil: the protocol's count.
    public var sessions: Int?
    /// Starting dose (mg or mg/kg); nil: the protocol's (its age-65 dose from 65 years where it has one).
    public var startDose: Amount?
    /// Planned in-session top-up (mg), within the protocol's top-up range; nil: none planned.
    public var topUpMg: Double?
    /// Recorded outcome by 1-based dosing session number; drives the escalation of the following sessions.
    public var responses: [Int: SessionResponse]
    /// Extra unscheduled dosing sessions: date and time of day (min after midnight).
    public var extraDoses: [(date: CivilDate, timeMin: Int)]
    /// Overrides of blocking rules, each with its reason.
    public var overrides: [Override]
    /// Ids of the rules whose warn-ack findings the clinician acknowledges.
    public var acknowledgements: [String]
    /// Session window for minutes in band (min); nil: the protocol's, else 120 for S-ketamine and 90 otherwise.
    public var windowMin: Double?
    /// The band for minutes in band in every session (ng/mL); nil: each session's tier band.
    public var band: Plan.TierBand?
    /// Observation after the window (min); nil: the protocol's, else 60.
    public var observationMin: Double?
    /// Discharge level (ng/mL); nil: the lower edge of the analyte's dissociation band (bands.json; 100 if none).
    public var dischargeNgPerML: Double?
    /// IV infusion duration (min), route iv only; nil: the protocol's, else 40.
    public var infusionMin: Double?
    /// Plasma or effect-site concentrations for predictions, bands and the discharge level.
    public var site: Site
    /// Which esketamine label sets the start dose from age 65: "eu" (28 mg, the default) or "us" (56 mg).
    public var label: String?
    /// "clinic", "home-supervised" or "home"; nil: the protocol's, else clinic.
    public var setting: String?
    /// Concentration of the solution drawn up (mg/mL): doses get a volume and are rounded to the
    /// 0.1 mL syringe step; infusion rates get mL/h. nil: doses are not rounded.
    public var concentrationMgPerML: Double?
    /// Shown in every output.
    public var disclaimer: String

    /// A request with the protocol's defaults: no responses, extra doses, overrides or acknowledgements; plasma site.
    public init(template: ProtocolTemplate, catalog: ProtocolCatalog = .builtin, profile: ProfileModel?, patient: PatientFacts, start: CivilDate,
                disclaimer: String = "Model predictions for planning and research, not medical advice.") {
        self.template = template
        self.catalog = catalog
        self.profile = profile
        self.patient = patient
        self.start = start
        responses = [:]
        extraDoses = []
        overrides = []
        acknowledgements = []
        site = .plasma
        self.disclaimer = disclaimer
    }
}

/// One row of the plan: a calendar entry, with dose and predictions for dosing sessions.
public struct PlanSession: Sendable, Codable, Equatable {
    /// What the session is for.
    public var kind: SessionKind
    /// Day of the session (encodes as YYYY-MM-DD).
    public var date: CivilDate
    /// The weekday of `date` (encodes as "Mon" …).
    public var weekday: Weekday
    /// Start time, HH:MM (24 h clock).
    public var time: String
    /// Booked length (min): window + observation for dosing sessions; the protocol's length for the others.
    public var durationMin: Double
    /// Short description ("dosing 3/6", "CBT 2/12").
    public var label: String
    /// Dosing sessions: the 1-based dosing number; integration sessions: the dosing session they follow; else nil.
    public var number: Int?
    /// Schedule phase of a dosing session ("induction", "added", …).
    public var phase: String?
    /// Route of the dose (dosing sessions; encodes as "iv", "im", …).
    public var route: Route?
    /// Dose (mg), after rounding to the practical step; nil for sessions without a dose.
    public var doseMg: Double?
    /// The dose in the protocol's unit ("0.5 mg/kg (35 mg)" or "56 mg").
    public var doseText: String?
    /// Planned in-session top-up (mg); nil: none.
    public var topUpMg: Double?
    /// When the top-up is given (min after the dose); nil without a planned top-up.
    public var topUpAtMin: Double?
    /// IV infusion duration (min); nil for other routes.
    public var infusionMin: Double?
    /// Dose tier by route and dose (nil: outside every tier of the route).
    public var doseTier: Tier?
    /// Response recorded for this session (encodes as none, partial, good, adverse or missed); nil: none recorded.
    public var response: SessionResponse?
    /// Why this dose: "start", "hold", "step up", …
    public var escalationNote: String?
    /// True when the dose does not follow from recorded responses (projected); nil for sessions without a dose.
    public var projected: Bool?
    /// Clinician review due before this session, and why.
    public var review: String?
    /// Predictions from the exact solution of the whole course; nil without a profile.
    public var prediction: SessionPrediction?
    /// Ids of the practice requirements of this dosing session (`Plan.practice`).
    public var practice: [String]?
    /// The protocol's dose before rounding to the practical step (mg); nil when not rounded.
    public var prescribedDoseMg: Double? = nil
    /// Volume of the dose at `Plan.preparation`'s concentration (mL).
    public var doseVolumeML: Double? = nil
    /// IV infusion rates of the dose over `infusionMin`.
    public var infusionRates: InfusionRates? = nil
    /// Earliest discharge after the dose (min): the later of the time below the discharge level and
    /// the minimum time on site (`Plan.minOnSiteMin`); nil while still above the level at the next session.
    public var earliestDischargeMin: Double? = nil
    /// Which criterion sets the earliest discharge: "level" (time below the discharge level) or "on-site" (the minimum time on site).
    public var earliestDischargeBy: DischargeCriterion? = nil
}

/// A course plan: calendar, doses, predictions, findings, overrides; the sources of all of it.
public struct Plan: Sendable, Codable {
    /// Shown in every output.
    public var disclaimer: String
    /// Protocol id (`ProtocolTemplate.id`).
    public var protocolID: String
    /// Protocol title.
    public var protocolTitle: String
    /// Where the protocol comes from, with citations.
    public var protocolSource: String
    /// Evidence mark of the protocol (V, U, S or derived).
    public var protocolEvidence: String
    /// The protocol's notes.
    public var protocolNotes: [String]
    /// Source of the catalog of rules and tiers.
    public var catalogSource: String
    /// Name of the PK profile of the predictions; nil: no predictions.
    public var profile: String?
    /// Title of the profile.
    public var profileTitle: String?
    /// Citation of the profile.
    public var profileCitation: String?
    /// True when the profile has UNCONFIRMED numbers.
    public var profileHasUnconfirmed: Bool
    /// Why the profile is what it is (a fallback message); nil: no note.
    public var profileNote: String?
    /// Route of every dose of the protocol (encodes as "iv", "im", …).
    public var route: Route
    /// "racemic" or "S-ketamine".
    public var analyte: String
    /// IV infusion duration (min); nil for other routes.
    public var infusionMin: Double?
    /// The patient facts the rules checked.
    public var patient: PatientFacts
    /// Allowed dosing days, Monday first, as lowercase short names ("mon").
    public var weekdays: [String]
    /// Time of day of the sessions, HH:MM (24 h clock).
    public var time: String
    /// Session window for minutes in band (min).
    public var windowMin: Double
    /// Observation after the window (min).
    public var observationMin: Double
    /// Where the protocol's window comes from; nil when it gives none.
    public var windowSource: String?
    /// Discharge level (ng/mL).
    public var dischargeNgPerML: Double
    /// Plasma or effect-site concentrations (encodes as "plasma" or "effect").
    public var site: Site
    /// The esketamine label in force for the age-65 start dose ("eu" or "us"); nil when the protocol has none.
    public var label: String?
    /// "clinic", "home-supervised" or "home".
    public var setting: String
    /// Window + observation: the booked length of each dosing session.
    public var bookedMin: Double
    /// Practice requirements of every dosing session, each with its source.
    public var practice: [ProtocolCatalog.PracticeItem]
    /// Exposure tier bands of the analyte (ng/mL).
    public var tierBands: [TierBand]
    /// `Planner.ivEquivalentDefinition`.
    public var ivEquivalentDefinition: String
    /// Every session of the calendar, in date and time order.
    public var sessions: [PlanSession]
    /// Safety findings: block first, then warn-ack, then info.
    public var findings: [Finding]
    /// The overrides asked for; `matched` says which rules fired.
    public var overrides: [Override]
    /// Ids of the rules acknowledged.
    public var acknowledgements: [String]
    /// True when a block finding is not overridden, or a finding needing acknowledgement is not acknowledged.
    public var refused: Bool
    /// One line per unresolved block or unacknowledged warn-ack finding, naming the option that resolves it.
    public var refusalReasons: [String]
    /// The predicted course concentration (for charts), when a profile was available.
    public var curve: CourseCurve? = nil
    /// Concentration, volumes and the practical dose step.
    public var preparation: DosePreparation? = nil
    /// Minimum time on site after each dose (min): the protocol's (esketamine label: 120), else the session window.
    var minOnSiteMin: Double = 0
    /// Where `minOnSiteMin` comes from, in words with its source.
    public var minOnSiteSource: String = ""
    /// How the calendar was laid out when it could not do what was asked (a start day moved).
    public var calendarNotes: [String] = []
    /// The first day of the course asked for (encodes as YYYY-MM-DD).
    public var startDate: CivilDate

    /// An exposure tier and its concentration band (low <= C < high, ng/mL).
    public struct TierBand: Sendable, Codable, Equatable {
        /// Tier name (catalog `tierOrder`: "sub-perceptual", "psycholytic", …).
        public var tier: Tier
        /// Lower edge (ng/mL).
        public var lowNgPerML: Double
        /// Upper edge (ng/mL); the open top tier is closed at the anaesthesia floor.
        public var highNgPerML: Double
        /// Evidence mark.
        public var evidence: String
        /// Source, with citations.
        public var source: String
        /// A tier band; `lowNgPerML` and `highNgPerML` in ng/mL.
        public init(tier: Tier, lowNgPerML: Double, highNgPerML: Double, evidence: String, source: String) {
            self.tier = tier
            self.lowNgPerML = lowNgPerML
            self.highNgPerML = highNgPerML
            self.evidence = evidence
            self.source = source
        }
    }

    /// The dosing sessions, in order.
    public var dosingSessions: [PlanSession] { sessions.filter { $0.kind == .dosing } }
}

/// Builds course plans: calendar, escalation, predictions and safety findings.
public enum Planner {
    /// What "IV-equivalent dose" means in every output.
    public static let ivEquivalentDefinition =
        "IV-equivalent dose = the IV dose giving the same parent plasma AUC (0-240 h) in this patient on this profile, i.e. dose x the route's systemic availability; for S-ketamine the racemic equivalent multiplies it by the potency factor"

    /// Exposure tier bands for an analyte, the open top closed at the anaesthesia floor.
    public static func tierBands(_ c: ProtocolCatalog, analyte: String, floor: Double) -> [Plan.TierBand] {
        let key = c.exposureTiers.keys.first { $0.lowercased() == analyte.lowercased() } ?? analyte
        return (c.exposureTiers[key] ?? []).map {
            Plan.TierBand(tier: $0.tier, lowNgPerML: $0.lowNgPerML, highNgPerML: $0.highNgPerML ?? floor, evidence: $0.evidence, source: $0.source)
        }
    }

    /// The anaesthesia floor of the analyte (bands.json "anaesthesia").
    public static func anaesthesiaFloor(analyte: String) -> Double? {
        ProfileLibrary.bands(for: analyte).first { $0.name == "anaesthesia" }?.lowNgPerML
    }

    /// Builds the plan. Input errors throw `PlanError`; a plan with unresolved blocking findings is
    /// returned with `refused` set (the caller decides not to emit it).
    public static func plan(_ r: PlanRequest) throws -> Plan {
        let p = r.template, c = r.catalog
        // Checks on the request.
        let allowed = r.weekdays ?? Set(p.defaultWeekdays.compactMap { Weekday(text: $0) })
        try Scheduler.checkFits(p, allowed: allowed, weekdaysText: r.weekdaysText ?? p.defaultWeekdays.joined(separator: ","))
        let timeMin = r.timeMin ?? p.time.flatMap { CivilDate.parseTime($0) } ?? 9 * 60
        if let n = r.sessions, !(1...200).contains(n) { throw PlanError("--sessions: \(n) must be from 1 to 200") }
        if let t = r.topUpMg {
            guard let spec = p.topUp else { throw PlanError("--top-up: protocol \(p.id) has no in-session top-up") }
            guard t >= spec.minMg - 1e-9 && t <= spec.maxMg + 1e-9 else {
                throw PlanError("--top-up: \(NumberFormat.short(t)) mg is outside the protocol's \(NumberFormat.short(spec.minMg))-\(NumberFormat.short(spec.maxMg)) mg")
            }
        }
        let known = Set(c.ruleIDs)
        for o in r.overrides {
            guard known.contains(o.rule) else { throw PlanError("--override: unknown rule '\(o.rule)' (rules: \(c.rules.map(\.id).joined(separator: ", ")), contraindication-FLAG)") }
            guard !o.reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw PlanError("--reason: empty reason for --override \(o.rule)") }
        }
        for a in r.acknowledgements where !known.contains(a) { throw PlanError("--acknowledge: unknown rule '\(a)'") }
        if let l = r.label {
            guard ["us", "eu"].contains(l) else { throw PlanError("--label: '\(l)' (use us or eu)") }
            guard p.doseAge65 != nil else { throw PlanError("--label: protocol \(p.id) has no label-dependent start dose (esketamine only)") }
        }
        guard let route = Route(rawValue: p.route) else { throw PlanError("protocol \(p.id): route: unknown route '\(p.route)'") }
        let setting = r.setting ?? p.setting ?? "clinic"
        guard ProtocolTemplate.settings.contains(setting) else { throw PlanError("--setting: '\(setting)' (use clinic, home-supervised or home)") }
        let label: String? = p.doseAge65 != nil ? (r.label ?? "eu") : nil
        for f in r.patient.flags where !c.contraindications.contains(where: { $0.flag == f }) {
            throw PlanError("--flag: unknown flag '\(f)' (flags: \(c.contraindications.map(\.flag).joined(separator: ", ")))")
        }
        if let prof = r.profile, prof.profile.analyte.lowercased() != p.analyte.lowercased() {
            throw PlanError("--profile: \(prof.profile.name) is \(prof.profile.analyte); protocol \(p.id) is \(p.analyte)")
        }
        let sKetamine = p.analyte.lowercased() == "s-ketamine"
        // S-ketamine: the label's 2 h on site is the default session window [esketamine-us-label-2019] [V].
        let windowMin = r.windowMin ?? p.windowMin ?? (sKetamine ? 120 : 90)
        let preparation = try DosePreparation(route: p.route, analyte: p.analyte, concentrationMgPerML: r.concentrationMgPerML)
        let observationMin = r.observationMin ?? p.observationMin ?? 60
        let infusionMin: Double? = p.route == "iv" ? (r.infusionMin ?? p.infusionMin ?? 40) : nil

        // Calendar and doses.
        let (cal, calendarNotes) = try Scheduler.layout(p, .init(start: r.start, allowed: allowed, timeMin: timeMin, sessions: r.sessions, extra: r.extraDoses,
                                                  windowMin: windowMin, observationMin: observationMin))
        let dosing = cal.filter { $0.kind == .dosing }
        for k in r.responses.keys where k < 1 || k > dosing.count {
            throw PlanError("--response: session \(k) is not one of the \(dosing.count) dosing sessions")
        }
        var doses = Escalation.doses(template: p, catalog: c, weightKg: r.patient.weightKg, ageYears: r.patient.ageYears,
                                     startOverride: r.startDose, count: dosing.count, responses: r.responses,
                                     age65Start: label.map { l in p.doseAge65Labels?.contains(l) ?? true } ?? true)
        // Doses drawn up by syringe move in 0.1 mL steps at the concentration; esketamine doses are
        // whole devices already (a dose that is not blocks by esketamine-device-step).
        let prescribed = doses.map(\.doseMg)
        if preparation.stepMg != nil && !preparation.isEsketamineSpray {
            for i in doses.indices {
                let mg = preparation.rounded(doses[i].doseMg)
                guard abs(mg - doses[i].doseMg) > 1e-9 * Swift.max(1, mg) else { continue }
                doses[i].doseMg = mg
                doses[i].text = "\(NumberFormat.short(mg)) mg" + (doses[i].text.contains("mg/kg") ? " (\(NumberFormat.short(mg / r.patient.weightKg, 3)) mg/kg)" : "")
            }
        }
        let first = dosing[0]
        func hours(_ e: CalendarEntry) -> Double { Double(e.date.daysSinceEpoch - first.date.daysSinceEpoch) * 24 + Double(e.timeMin - first.timeMin) / 60 }
        let topUpAtH = (p.topUp?.atMin ?? 12) / 60
        let courseDoses = zip(dosing, doses).map { CourseDose(timeH: hours($0), doseMg: $1.doseMg, topUpMg: r.topUpMg, topUpAtH: topUpAtH) }

        // Predictions.
        let floor = anaesthesiaFloor(analyte: p.analyte) ?? .infinity
        let bands = tierBands(c, analyte: p.analyte, floor: floor)
        let dissociation = ProfileLibrary.bands(for: p.analyte).first { $0.name == "dissociation" }?.lowNgPerML ?? 100
        let discharge = r.dischargeNgPerML ?? dissociation
        var predictions: [SessionPrediction]? = nil
        var curve: CourseCurve? = nil
        if let prof = r.profile {
            let predictor = try CoursePredictor(profile: prof, weightKg: r.patient.weightKg, ageYears: r.patient.ageYears, route: p.route,
                                                infusionH: (infusionMin ?? 40) / 60, output: r.site == .effect ? "CE" : "CP")
            let routeTiers = c.doseTiers[p.routeKey] ?? []
            let sessionBands: [(tier: Tier, low: Double, high: Double)] = doses.map { d in
                if let b = r.band { return (b.tier, b.lowNgPerML, b.highNgPerML) }
                var name = d.doseTier
                if name == nil, let firstTier = routeTiers.first, let lastTier = routeTiers.last {
                    name = firstTier.value(mg: d.doseMg, weightKg: r.patient.weightKg) < firstTier.min ? firstTier.tier : lastTier.tier
                }
                let b = bands.first { $0.tier == name } ?? bands.first { $0.tier == "psycholytic" } ?? Plan.TierBand(tier: "none", lowNgPerML: 0, highNgPerML: floor, evidence: "", source: "")
                return (b.tier, b.lowNgPerML, b.highNgPerML)
            }
            let maxTopUp = r.topUpMg == nil ? p.topUp?.maxMg : nil
            let potency = p.analyte.lowercased() == "s-ketamine" ? c.potency.sKetamineToRacemic : nil
            predictions = try predictor.predict(courseDoses, bands: sessionBands, exposureTiers: bands.map { ($0.tier, $0.lowNgPerML, $0.highNgPerML) },
                                                anaesthesiaFloor: floor, windowMin: windowMin, dischargeLevel: discharge, maxTopUpMg: maxTopUp, potency: potency)
            curve = try predictor.curve(courseDoses, endH: (courseDoses.last?.timeH ?? 0) + 24)
            if let pd = PDLibrary.builtin.predictive.first, var pr = predictions {
                try predictor.addEffects(&pr, courseDoses, pd: pd)
                predictions = pr
            }
        }

        // Findings.
        let ruleSessions = dosing.enumerated().map { i, e in
            RuleSession(number: i + 1, date: e.date, timeH: hours(e), doseMg: doses[i].doseMg, topUpMg: r.topUpMg,
                        optionalTopUpMg: r.topUpMg == nil ? p.topUp?.maxMg : nil, prediction: predictions?[i],
                        review: doses[i].review, doseTier: doses[i].doseTier)
        }
        var findings = SafetyRules.evaluate(catalog: c, template: p, sessions: ruleSessions, patient: r.patient, infusionMin: infusionMin,
                                            anaesthesiaFloor: floor.isFinite ? floor : nil, setting: setting, bookedMin: windowMin + observationMin)
        var overrides = r.overrides
        for i in findings.indices {
            if let k = overrides.firstIndex(where: { $0.rule == findings[i].rule }) {
                findings[i].overridden = true
                findings[i].overrideReason = overrides[k].reason
                overrides[k].matched = true
            }
            if findings[i].requiresAcknowledgement && r.acknowledgements.contains(findings[i].rule) { findings[i].acknowledged = true }
        }
        var reasons: [String] = []
        for f in findings where f.level == .block && !f.overridden {
            reasons.append("BLOCK \(f.rule)\(f.sessions.isEmpty ? "" : " at session \(f.sessions.map(String.init).joined(separator: ","))"): \(f.message); give --override \(f.rule) --reason TEXT")
        }
        for f in findings where f.requiresAcknowledgement && !f.acknowledged && !f.overridden {
            reasons.append("WARN-ACK \(f.rule)\(f.sessions.isEmpty ? "" : " at session \(f.sessions.map(String.init).joined(separator: ","))"): \(f.message); acknowledgement required: give --acknowledge \(f.rule)")
        }

        // Earliest discharge: the later of the time below the level and the minimum time on site.
        let minOnSite = p.minOnSiteMin ?? windowMin
        let minOnSiteSource = p.minOnSiteMin != nil
            ? (sKetamine ? "the label's >= \(NumberFormat.short(minOnSite)) min on site after dosing [esketamine-us-label-2019] [V]" : "the protocol's minimum \(NumberFormat.short(minOnSite)) min on site")
            : "the end of the \(NumberFormat.short(windowMin)) min session window (the protocol states no minimum time on site)"

        // Rows.
        var rows: [PlanSession] = []
        for e in cal {
            var s = PlanSession(kind: e.kind, date: e.date, weekday: e.date.weekday, time: CivilDate.timeText(e.timeMin),
                                durationMin: e.durationMin, label: e.label, number: e.number, phase: e.phase)
            if e.kind == .dosing, let n = e.number {
                let d = doses[n - 1]
                s.route = route
                s.doseMg = d.doseMg
                s.doseText = d.text
                s.topUpMg = r.topUpMg
                s.topUpAtMin = r.topUpMg != nil ? p.topUp?.atMin : nil
                s.infusionMin = infusionMin
                s.doseTier = d.doseTier
                s.response = r.responses[n]
                s.escalationNote = d.note
                s.projected = !d.recorded
                s.review = d.review
                s.prediction = predictions?[n - 1]
                s.practice = c.practice(for: p).map(\.id)
                if abs(prescribed[n - 1] - d.doseMg) > 1e-9 * Swift.max(1, d.doseMg) { s.prescribedDoseMg = prescribed[n - 1] }
                s.doseVolumeML = preparation.volumeML(d.doseMg)
                if let m = infusionMin { s.infusionRates = preparation.rates(mg: d.doseMg, overMin: m, weightKg: r.patient.weightKg) }
                if let pr = predictions?[n - 1] {
                    if let t = pr.dischargeMin {
                        s.earliestDischargeMin = Swift.max(t, minOnSite)
                        s.earliestDischargeBy = t > minOnSite ? .level : .onSite
                    }
                } else {
                    (s.earliestDischargeMin, s.earliestDischargeBy) = (minOnSite, .onSite)
                }
            }
            rows.append(s)
        }
        return Plan(
            disclaimer: r.disclaimer, protocolID: p.id, protocolTitle: p.title, protocolSource: p.source, protocolEvidence: p.evidence,
            protocolNotes: p.notes ?? [], catalogSource: c.source, profile: r.profile?.profile.name, profileTitle: r.profile?.profile.title,
            profileCitation: r.profile?.profile.citation, profileHasUnconfirmed: r.profile?.profile.hasUnconfirmed ?? false, profileNote: r.profileNote,
            route: route, analyte: p.analyte, infusionMin: infusionMin, patient: r.patient,
            weekdays: allowed.sorted().map { $0.short.lowercased() }, time: CivilDate.timeText(timeMin), windowMin: windowMin,
            observationMin: observationMin, windowSource: p.windowSource, dischargeNgPerML: discharge, site: r.site, label: label, setting: setting,
            bookedMin: windowMin + observationMin, practice: c.practice(for: p), tierBands: bands,
            ivEquivalentDefinition: ivEquivalentDefinition, sessions: rows, findings: findings, overrides: overrides,
            acknowledgements: r.acknowledgements, refused: !reasons.isEmpty, refusalReasons: reasons, curve: curve,
            preparation: preparation, minOnSiteMin: minOnSite, minOnSiteSource: minOnSiteSource, calendarNotes: calendarNotes,
            startDate: r.start)
    }
}
