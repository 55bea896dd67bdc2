import Studies
import Foundation
import Reports
import PKCore
import PKProfiles
import Planner

/// A planner protocol as a population regimen: the dosing-session times come from the protocol's
/// schedule (computed once), the doses from the protocol's start dose and escalation for each
/// subject's weight with no recorded responses (the projected course). Top-ups are not included.
struct BatchProtocolCourse: Sendable {
    let template: ProtocolTemplate
    let route: Route
    let infusionH: Double
    /// Dosing-session times (h from the first dose).
    let timesH: [Double]

    /// For a protocol read from a file: its name and FNV-1a checksum (in the run's regimen, so
    /// shards and resumed runs of different files do not merge).
    let file: (name: String, checksum: String)?

    /// `name`: a built-in protocol or a protocol JSON file (as `plan --protocol`).
    init(_ name: String, startText: String?, profile: ProfileModel) throws {
        let t: ProtocolTemplate
        if let builtin = ProtocolCatalog.builtin.named(name) {
            t = builtin
            file = nil
        } else {
            guard FileManager.default.fileExists(atPath: name) else {
                throw CLIError.usage("--protocol: unknown protocol '\(name)' (built-in: \(ProtocolCatalog.builtin.protocols.map(\.id).joined(separator: ", ")); or a JSON file)")
            }
            let text = try AtomicFile.read(name, flag: "--protocol")
            do { t = try ProtocolTemplate.decodeFile(text, origin: name) } catch let e as PlanError { throw CLIError.failure("--protocol \(e.message)") }
            file = ((name as NSString).lastPathComponent, BatchJob.fnv1a(Data(text.utf8)))
        }
        guard t.analyte.lowercased() == profile.profile.analyte.lowercased() else {
            throw CLIError.usage("--protocol: \(name) is for \(t.analyte) but profile \(profile.profile.name) is \(profile.profile.analyte) (use --profile \(t.profile ?? "…"))")
        }
        guard let r = Route(text: t.route) else { throw CLIError.failure("--protocol \(name): unknown route '\(t.route)'") }
        guard profile.dosing.routes[r.rawValue] != nil else {
            throw CLIError.usage("--protocol: \(name) gives route \(r.rawValue), which profile \(profile.profile.name) does not have (use --profile \(t.profile ?? "…"))")
        }
        var start = CivilDate(year: 2026, month: 1, day: 5)!
        if let s = startText {
            guard let d = CivilDate.parse(s) else { throw CLIError.usage("--start: '\(s)' is not a valid date (YYYY-MM-DD)") }
            start = d
        }
        let plan: Plan
        do {
            plan = try Planner.plan(PlanRequest(template: t, profile: nil, patient: PatientFacts(weightKg: 70), start: start))
        } catch let e as PlanError { throw CLIError.usage("--protocol \(name): \(e.message)") }
        let dosing = plan.sessions.filter { $0.kind == .dosing }
        guard let first = dosing.first, case let d0 = first.date, let m0 = CivilDate.parseTime(first.time) else {
            throw CLIError.failure("--protocol \(name): the schedule has no dosing session")
        }
        timesH = dosing.compactMap { s in
            let d = s.date
            guard let m = CivilDate.parseTime(s.time) else { return nil }
            return Double(d.daysSinceEpoch - d0.daysSinceEpoch) * 24 + Double(m - m0) / 60
        }
        template = t
        route = r
        infusionH = (t.infusionMin ?? 40) / 60
        // A protocol file's doses within what ketamine is ever given, as --dose (a unit slip in a
        // file, 500 mg/kg, would otherwise run as 35 g doses).
        for d in Escalation.doses(template: t, catalog: .builtin, weightKg: 70, ageYears: nil, startOverride: nil,
                                  count: timesH.count, responses: [:]) where d.doseMg > SingleSimulation.maxDoseMg {
            throw CLIError.usage("--protocol \(name): a dose of \(NumberFormat.g(d.doseMg)) mg for a 70 kg adult is beyond any ketamine dose (> 5 g)")
        }
    }

    /// When the last dose's infusion ends (h from the first dose): the last session's time plus
    /// the infusion for route iv, else the last session's time.
    var lastDoseEndH: Double { timesH.last! + (route == .ivInfusion ? infusionH : 0) }

    var description: String {
        "protocol \(template.id)\(file.map { " from \($0.name) (FNV-1a \($0.checksum))" } ?? "") (\(template.source)): \(timesH.count) dosing sessions of \(template.dose.text) by \(route.displayName), projected course"
    }

    func regimen(weightKg: Double) -> Regimen {
        let doses = Escalation.doses(template: template, catalog: .builtin, weightKg: weightKg, ageYears: nil,
                                             startOverride: nil, count: timesH.count, responses: [:])
        var r = Regimen()
        for (t, d) in zip(timesH, doses) {
            r = route == .ivInfusion ? r.infusion(amountMg: d.doseMg, overH: infusionH, atH: t) : r.dose(amountMg: d.doseMg, route: route, atH: t)
        }
        return r
    }
}
