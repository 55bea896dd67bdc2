import Foundation
import PKProfiles
import Reports
import PKCore

/// `ketasim compare`: routes and doses side by side for one patient.
enum CompareCommand {
    /// Default arms: what a KAP clinician would line up.
    static let defaultArms: [(Route, String)] = [
        (.ivInfusion, "0.5mg/kg"), (.intramuscular, "0.5mg/kg"), (.intranasal, "50mg"), (.sublingual, "100mg"), (.oral, "1mg/kg"),
    ]

    static let spec = CommandSpec(
        name: "compare", summary: "compare routes and doses for one patient, side by side",
        usage: ["ketasim compare [--routes R1,R2,...] [--doses D1,D2,...] [options]"],
        about: """
            Compares routes and doses of racemic ketamine for one patient, side by side: Cmax, Tmax, AUC,
            minutes inside the band during the session window, time until below the discharge level, and a
            chart of the curves. Every number comes from the exact solution of the linear model.

            With no arguments it compares, for a 70 kg adult:
              IV 0.5 mg/kg over 40 min  the standard antidepressant infusion [zarate-2006; murrough-2013]
              IM 0.5 mg/kg              within the IM KAP range (<= 0.75 mg/kg plus top-up) [im-kap-feasibility-trial]
              IN 50 mg                  the highest adult dose of the racemic IN study [pharmacotherapy-2022]
              SL 100 mg                 lower end of the 100-200 mg SL "empathogenic" range [samadhi-ketamine-dose];
                                        RDTs come as 50/100 mg [wolfson-ctp-lozenge]
              PO 1 mg/kg                lower arm of the oral RCT (1 vs 2 mg/kg) [kheirabadi-2023]
            """,
        groups: [
            OptionGroup("Options", [
                OptionSpec("--routes", "LIST", "comma-separated: iv, iv-bolus, im, in, po, sl, pr"),
                OptionSpec("--doses", "LIST", "one dose per route, e.g. 0.5mg/kg,0.5mg/kg,50mg (default: the doses above)"),
                OptionSpec("--step", "T", "grid step of the curves (default 1min); metrics are exact whatever the step"),
            ] + PatientOptions.options),
        ],
        notes: """
            Route parameters (racemic adults; 'ketasim profiles show clements-1981' lists every source):
              IM F 0.93 (secondary sources, UNCONFIRMED) [clements-1982], IN F 0.45 [yanagihara-2003] (adults
              10-50 mg gave 0.11-0.17 [pharmacotherapy-2022]), PO F 0.20 [yanagihara-2003] (reviews 0.17-0.20),
              SL F 0.29 [rolan-2014], PR F 0.25 [malinovsky-1996]. Absorption rate constants are fitted [calc]
              to the published mean Tmax. Disposition: Clements 250 ug/kg set (UNCONFIRMED: opentiva code only)
              [clements-1981].
            """,
        examples: ["ketasim compare --routes iv,im,in --doses 0.5mg/kg,0.5mg/kg,56mg --weight 80kg"])

    static func run(_ args: [String], console: Ketasim.Console) throws {
        let a = try Arguments(args, spec: spec)
        if a.wantsHelp { console.out(spec.help); return }
        let o = try PatientOptions(a, console: console)
        var arms: [(Route, Units.DoseAmount)] = []
        let routeTexts = a.value("--routes").map { $0.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmedSpaces } }
        let doseTexts = a.value("--doses").map { $0.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmedSpaces } }
        if let rs = routeTexts {
            guard !rs.isEmpty, rs.allSatisfy({ !$0.isEmpty }) else { throw CLIError.usage("--routes: '\(a.value("--routes")!)' has an empty entry") }
            guard rs.count <= TerminalChart.symbols.count else { throw CLIError.usage("--routes: at most \(TerminalChart.symbols.count) arms") }
            if let ds = doseTexts, ds.count != rs.count {
                throw CLIError.usage("--doses: \(ds.count) doses for \(rs.count) routes; give one dose per route")
            }
            for (i, r) in rs.enumerated() {
                guard let route = Route(text: r) else { throw CLIError.usage("--routes: unknown route '\(r)' (use iv, iv-bolus, im, in, po, sl or pr)") }
                let d: String
                if let ds = doseTexts { d = ds[i] } else {
                    guard let def = defaultArms.first(where: { $0.0 == route }) else {
                        throw CLIError.usage("--doses: no default dose for route '\(r)'; give --doses")
                    }
                    d = def.1
                }
                arms.append((route, try Units.dose(d, flag: "--doses")))
            }
        } else {
            // The default arms need every default route; a profile with fewer (herd-2007: IV only)
            // is an error naming the profile's routes, not the --route flag nobody gave.
            let missing = defaultArms.map(\.0).filter { o.profile.dosing.routes[$0.rawValue] == nil }
            if !missing.isEmpty {
                let has = o.profile.dosing.routeNames.joined(separator: ", ")
                throw CLIError.usage("--routes: the default arms need routes \(missing.map(\.rawValue).joined(separator: ", ")), which profile \(o.profile.profile.name) "
                                     + "does not have (it has: \(has)); give --routes and --doses, e.g. --routes \(o.profile.dosing.routeNames.prefix(2).joined(separator: ","))")
            }
            if let ds = doseTexts, ds.count != defaultArms.count {
                throw CLIError.usage("--doses: \(ds.count) doses for the \(defaultArms.count) default routes (iv,im,in,sl,po); give --routes too")
            }
            for (i, (route, d)) in defaultArms.enumerated() { arms.append((route, try Units.dose(doseTexts?[i] ?? d, flag: "--doses"))) }
        }
        let stepH = try a.value("--step").map { try Units.hours($0, flag: "--step") } ?? 1.0 / 60
        guard stepH > 0, o.durationH / stepH <= 2_000_000 else { throw CLIError.usage("--step: must be > 0 and give at most 2 million points") }
        let results = try arms.map { try Arm.run(route: $0.0, dose: $0.1, options: o, stepH: stepH) }
        let r = o.report(width: console.width, colour: console.colour && a.value("--out") == nil)
        let text: String
        switch o.format {
        case "csv": text = ArmReport.csv(results, r)
        case "json": text = try ArmReport.json(results, r)
        default:
            var s = ArmReport.header(r).joined(separator: "\n") + "\n\n" + ArmReport.metricsTable(results, r)
            let effect = EffectReport.text(results, r)
            if !effect.isEmpty { s += "\n" + effect }
            if o.chart { s += "\n" + ArmReport.chart(results, r) }
            s = TextTable.wrapProse(s, width: console.width)
            text = s + ReferenceList.text(citedIn: [s], width: Swift.min(80, console.width))
        }
        try ArmReport.graphics(results, r, a, title: "Route comparison")
        if o.format == "csv" {
            try ArmReport.emitCSV(text, provenance: ArmReport.provenance(results, r), command: "compare", a, console)
        } else {
            try ArmReport.emit(text, a, console)
        }
        ArmReport.warnOnConsole(results, r, a, command: "compare", console)
    }
}
