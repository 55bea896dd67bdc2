import PKProfiles
/// A clinician-entered outcome of a dosing session.
public enum SessionResponse: String, Sendable, Codable, CaseIterable {
    /// Completed, no response ("none").
    case noResponse = "none"
    /// Completed, partial response.
    case partial
    /// Completed, good response.
    case good
    /// Completed, not tolerated.
    case adverse
    /// Not completed (missed, stopped early).
    case missed

    var completed: Bool { self != .missed }
}

/// The dose of one dosing session and why.
public struct SessionDose: Sendable, Codable, Equatable {
    /// Dose (mg).
    public var doseMg: Double
    /// The dose in the protocol's unit ("0.5 mg/kg (35 mg)" or "56 mg").
    public var text: String
    /// Dose tier by route and dose range (nil: outside every tier of the route).
    public var doseTier: Tier?
    /// "start", "hold", "step up", "step down", "at maximum", …
    public var note: String
    /// True when the dose follows from recorded responses; false when projected.
    public var recorded: Bool
    /// Clinician review due before this session (no response after N completed sessions, or end of a phase).
    public var review: String?
}

/// Escalation through the tiers.
///
/// Rules: the dose moves only after a completed session at the current dose (a missed session
/// holds it); one route step at a time (the protocol's step, else the route's), never above the
/// protocol's maximum, never more than one tier up per step (a step that would skip a tier goes to
/// the bottom of the next tier). Trigger "no-response": step up after a completed session with
/// response none or partial, hold after good, step down after adverse. Trigger "scheduled"
/// (titration): the same, and sessions without a recorded response are projected as completed
/// steps up (so the plan shows the titration); for "no-response" they are projected as holds.
/// After `futilitySessions` consecutive completed sessions without response the next session
/// carries a review cue and holds its dose.
public enum Escalation {
    static func tier(of mg: Double, weightKg: Double, tiers: [ProtocolCatalog.DoseTier], order: [Tier]) -> Tier? {
        var found: ProtocolCatalog.DoseTier? = nil
        for t in tiers.sorted(by: { (order.firstIndex(of: $0.tier) ?? 0) < (order.firstIndex(of: $1.tier) ?? 0) }) {
            let v = t.value(mg: mg, weightKg: weightKg)
            if v >= t.min * (1 - 1e-9) && v <= t.max * (1 + 1e-9) { found = t }   // ties go to the higher tier
        }
        return found?.tier
    }

    static func text(_ mg: Double, unitPerKg: Bool, weightKg: Double) -> String {
        unitPerKg ? "\(NumberFormat.short(mg / weightKg)) mg/kg (\(NumberFormat.short(mg)) mg)" : "\(NumberFormat.short(mg)) mg"
    }

    /// The doses of `count` dosing sessions: the protocol's start dose, `startOverride` (mg or mg/kg) or the age-65 dose (when `age65Start`), escalated by `responses` (keyed by 1-based session number); `weightKg` (kg) turns mg/kg into mg.
    public static func doses(
        template p: ProtocolTemplate, catalog c: ProtocolCatalog, weightKg: Double, ageYears: Double?,
        startOverride: Amount?, count: Int, responses: [Int: SessionResponse], age65Start: Bool = true
    ) -> [SessionDose] {
        let tiers = c.doseTiers[p.routeKey] ?? []
        var startAmount = p.dose
        var startNote = "start"
        if let s = startOverride { startAmount = s; startNote = "start (given)" }
        else if let a = ageYears, a >= 65, let d65 = p.doseAge65, age65Start { startAmount = d65; startNote = "start (age >= 65)" }
        let perKg = startAmount.mgPerKg != nil
        var mg = startAmount.milligrams(weightKg: weightKg)
        let trigger = p.escalation?.trigger ?? "none"
        let step = (p.escalation?.step ?? c.escalationSteps[p.routeKey]?.amount)?.milligrams(weightKg: weightKg) ?? 0
        let maxMg = p.escalation?.max?.milligrams(weightKg: weightKg) ?? .infinity
        let floorMg = Swift.min(mg, step > 0 ? step : mg)
        let futility = c.rules.first { $0.kind == "futility" }?.sessions ?? 3
        var out: [SessionDose] = []
        var note = startNote
        var recorded = true
        var noResponseRun = 0
        var review: String? = nil
        for i in 0..<count {
            out.append(SessionDose(doseMg: mg, text: text(mg, unitPerKg: perKg, weightKg: weightKg),
                                   doseTier: tier(of: mg, weightKg: weightKg, tiers: tiers, order: c.tierOrder),
                                   note: note, recorded: recorded, review: review))
            review = nil
            if let r = p.reviewAfterSessions, i + 1 == r { review = "end of phase review after \(r) sessions (\(p.reviewSource ?? p.source))" }
            // Decide the next session's dose from this one's response.
            let resp = responses[i + 1]
            if resp == nil { recorded = false }
            let current = mg
            var wantUp = false, wantDown = false
            switch resp {
            case .noResponse?, .partial?:
                wantUp = trigger != "none"
                note = "\(resp!.rawValue) at session \(i + 1): step up"
                noResponseRun = resp == .noResponse ? noResponseRun + 1 : 0
            case .good?:
                note = "good response at session \(i + 1): hold"
                noResponseRun = 0
            case .adverse?:
                wantDown = trigger != "none"
                note = "adverse at session \(i + 1): step down"
                noResponseRun = 0
            case .missed?:
                note = "session \(i + 1) not completed: hold"
            case nil:
                if trigger == "scheduled" { wantUp = true; note = "titration step (projected)" }
                else { note = trigger == "none" ? "fixed dose" : "hold (projected; no response recorded)" }
            }
            if trigger == "none" && resp != nil && resp != .missed { note = "fixed dose" }
            if noResponseRun >= futility && resp == .noResponse {
                review = "no response after \(noResponseRun) sessions: clinician review before dosing"
                wantUp = false
                note = "review due: hold"
            }
            if wantUp && step > 0 {
                var next = Swift.min(current + step, maxMg)
                // One tier at a time.
                let order = c.tierOrder
                if let t0 = tier(of: current, weightKg: weightKg, tiers: tiers, order: order), let t1 = tier(of: next, weightKg: weightKg, tiers: tiers, order: order),
                   let i0 = order.firstIndex(of: t0), let i1 = order.firstIndex(of: t1), i1 > i0 + 1,
                   let nextTier = tiers.first(where: { $0.tier == order[i0 + 1] }) {
                    next = nextTier.unit == "mg/kg" ? nextTier.min * weightKg : nextTier.min
                }
                if next <= current * (1 + 1e-12) { note = "at maximum \(text(maxMg, unitPerKg: perKg, weightKg: weightKg)): hold" }
                mg = Swift.max(next, current)
            } else if wantDown && step > 0 {
                mg = Swift.max(current - step, floorMg)
                if mg >= current { note = "adverse at session \(i + 1): already at the lowest step, hold" }
            }
        }
        return out
    }
}
