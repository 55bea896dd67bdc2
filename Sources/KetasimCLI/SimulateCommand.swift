import Foundation
import PKProfiles
import Reports
import PKCore

/// `ketasim simulate`: one route and dose (optionally repeated), the curve and its metrics.
enum SimulateCommand {
    static let spec = CommandSpec(
        name: "simulate", summary: "simulate one route and dose: curve and metrics",
        usage: ["ketasim simulate --route ROUTE --dose DOSE [options]"],
        about: """
            Simulates racemic ketamine by one route for one patient and prints the metrics (peak, time to
            peak, AUC, the model's terminal half-life, minutes in the band during the session window,
            time until below the discharge level) computed on the exact solution, the concentration
            curve, and a chart. A WARNING line names the band or the planner's single-dose rule when the
            peak reaches the anaesthesia band or the dose exceeds the route's limit. The predicted effect
            follows: the S-ketamine effect-site concentration of each PD model with a known ke0 and C50
            (Profiles/pd.json), the time of peak effect and its delay after the plasma peak, and the peak
            Ce/C50, with caveats (arterial vs venous, racemic); for esketamine nasal spray also the label's
            population figures, which are not individual predictions.
            """,
        groups: [
            OptionGroup("Options", [
                OptionSpec("--route", "R", "iv (infusion), iv-bolus, im, in, po, sl, pr"),
                OptionSpec("--dose", "D", "e.g. 0.5mg/kg, 35mg, 500ug/kg"),
                OptionSpec("--step", "T", "output grid step (default 1min; the table shows every 15min unless given)"),
                OptionSpec("--every", "T", "repeat the dose every T ..."),
                OptionSpec("--count", "N", "... N times in all (default 1)"),
                OptionSpec("--f", "F", "override the route's bioavailability (0-1)"),
                OptionSpec("--ka", "K", "override the absorption rate constant, e.g. 3/h or 0.05/min"),
                OptionSpec("--lag", "T", "override the absorption lag time, e.g. 5min"),
                OptionSpec("--first-pass", "F", "override the fraction converted to norketamine before absorption (0-1)"),
            ] + PatientOptions.options),
            OptionGroup("Text models", [
                OptionSpec("--model", "FILE", """
                    simulate a text model (.model) instead of a profile; the dose goes into
                    --cmt NAME with bioavailability --f; --weight sets a WT parameter
                    """),
                OptionSpec("--cmt", "NAME", "the dosed compartment of --model (default: depot, or central for IV)"),
                OptionSpec("--rtol", "R", "ODE relative tolerance (default 1e-6)"),
                OptionSpec("--atol", "A", "ODE absolute tolerance (default 1e-9; amounts)"),
                OptionSpec("--method", "M", "ODE method: auto (default), dopri5, rodas4"),
                .flag("--verbose", "name the solver and its statistics on standard error"),
            ]),
        ],
        notes: """
            Route parameters come from the profile ('ketasim profiles show clements-1981' for the racemic
            route set); --f, --ka, --lag and --first-pass override its F_<ROUTE>, KA_<ROUTE>, LAG_<ROUTE>, FP_<ROUTE>.
            """,
        examples: ["ketasim simulate --route im --dose 0.5mg/kg --weight 70kg --duration 12h"])

    static func run(_ args: [String], console: Ketasim.Console) throws {
        let a = try Arguments(args, spec: spec)
        if a.wantsHelp { console.out(spec.help); return }
        guard let routeText = a.value("--route") else { throw CLIError.usage("--route: required (iv, iv-bolus, im, in, po, sl, pr)") }
        guard let route = Route(text: routeText) else {
            throw CLIError.usage("--route: unknown route '\(routeText)' (use iv, iv-bolus, im, in, po, sl or pr)")
        }
        guard let doseText = a.value("--dose") else { throw CLIError.usage("--dose: required, e.g. --dose 0.5mg/kg") }
        let dose = try Units.dose(doseText)
        let o = try PatientOptions(a, console: console)
        let (count, every) = try Units.repeats(a)
        if route == .ivInfusion && count > 1 && o.infusionH > every {
            throw CLIError.usage("--infusion: \(NumberFormat.sig(o.infusionH * 60, 4)) min is longer than the interval --every \(NumberFormat.sig(every * 60, 4)) min")
        }
        if let modelPath = a.value("--model") {
            // A text model's own parameters set its absorption; these act on a profile's route parameters.
            for f in ["--ka", "--lag", "--first-pass", "--profile"] where a.value(f) != nil {
                throw CLIError.usage("\(f): not with --model (\(f == "--profile" ? "give one of them" : "set the model's own parameters in the .model file"))")
            }
            let stepH = try a.value("--step").map { try Units.hours($0, flag: "--step") } ?? 1.0 / 60
            guard stepH > 0, o.durationH / stepH <= 2_000_000 else { throw CLIError.usage("--step: must be > 0 and give at most 2 million points") }
            try ModelSimulation.run(path: modelPath, route: route, dose: dose, a: a, o: o, console: console, intervalH: every, count: count, stepH: stepH)
            return
        }
        // Options of the text-model path would be ignored on a profile: refused instead.
        for f in ["--cmt", "--rtol", "--atol", "--method"] where a.value(f) != nil {
            throw CLIError.usage("\(f): only with --model (a profile runs on the exact solution)")
        }
        // Route overrides act on the profile's route parameters F_<ROUTE>, KA_<ROUTE>, LAG_<ROUTE>, FP_<ROUTE>.
        let tag = route.rawValue.uppercased().replacingOccurrences(of: "-", with: "_")
        var overrides: [String: Double] = [:]
        if let f = a.value("--f") { overrides["F_\(tag)"] = try Units.fraction(f, flag: "--f") }
        if let k = a.value("--ka") {
            if route.isIntravascular { throw CLIError.usage("--ka: not used by route \(route.rawValue)") }
            overrides["KA_\(tag)"] = try Units.perHour(k, flag: "--ka")
        }
        if let l = a.value("--lag") {
            let lagH = try Units.hours(l, flag: "--lag")
            // A lag past the simulated span gives a curve of zeros and metrics of nothing.
            guard lagH < o.durationH else {
                throw CLIError.usage("--lag: '\(l)' is not shorter than --duration \(NumberFormat.short(o.durationH, 6)) h (the dose would be absorbed after the simulation ends)")
            }
            overrides["LAG_\(tag)"] = lagH
        }
        if let fp = a.value("--first-pass") { overrides["FP_\(tag)"] = try Units.fraction(fp, flag: "--first-pass") }
        if overrides["F_\(tag)"] != nil || overrides["FP_\(tag)"] != nil {
            let names = o.profile.dosing.compiled.parameterNames
            let typical = o.profile.parameters(covariates: o.profile.covariates(weightKg: o.weightKg))
            func value(_ n: String) -> Double { overrides[n] ?? names.firstIndex(of: n).map { typical[$0] } ?? 0 }
            if value("F_\(tag)") + value("FP_\(tag)") > 1 + 1e-12 {
                throw CLIError.usage("--f/--first-pass: F \(value("F_\(tag)")) + first pass \(value("FP_\(tag)")) exceed 1")
            }
        }
        let stepGiven = a.value("--step")
        let stepH = try stepGiven.map { try Units.hours($0, flag: "--step") } ?? 1.0 / 60
        guard stepH > 0 else { throw CLIError.usage("--step: '\(stepGiven ?? "")' must be greater than zero") }
        guard o.durationH / stepH <= 2_000_000 else { throw CLIError.usage("--step: too fine for --duration (over 2 million points)") }
        let arm = try Arm.run(route: route, dose: dose, options: o, overrides: overrides, intervalH: every, count: count, stepH: stepH)

        let r = o.report(width: console.width, colour: console.colour && a.value("--out") == nil)
        let text: String
        switch o.format {
        case "csv": text = ArmReport.csv([arm], r)
        case "json": text = try ArmReport.json([arm], r)
        default:
            var s = ArmReport.header(r).joined(separator: "\n") + "\n"
            s += "Route: \(arm.route.displayName): \(arm.routeNote)\n"
            if count > 1 {
                let interval = every < 1 ? "\(NumberFormat.short(every * 60, 4)) min" : "\(NumberFormat.short(every, 4)) h"
                s += "Repeated every \(interval), \(count) doses\n"
            }
            s += "\n" + ArmReport.metricsTable([arm], r)
            let effect = EffectReport.text([arm], r)
            if !effect.isEmpty { s += "\n" + effect }
            if o.chart { s += "\n" + ArmReport.chart([arm], r) }
            let tableStep = stepGiven == nil ? 0.25 : stepH
            s += "\n" + curveTable(arm, every: tableStep)
            s = TextTable.wrapProse(s, width: console.width)
            text = s + ReferenceList.text(citedIn: [s], width: Swift.min(80, console.width))
        }
        try ArmReport.graphics([arm], r, a, title: arm.label)
        if o.format == "csv" {
            try ArmReport.emitCSV(text, provenance: ArmReport.provenance([arm], r), command: "simulate", a, console)
        } else {
            try ArmReport.emit(text, a, console)
        }
        ArmReport.warnOnConsole([arm], r, a, command: "simulate", console)
    }

    static func curveTable(_ arm: Arm, every stepH: Double) -> String {
        let r = arm.result
        let names = r.outputNames
        var picked: [Int] = []
        var next = r.timesH.first ?? 0
        for (i, t) in r.timesH.enumerated() where t >= next - 1e-9 {
            picked.append(i)
            next = t + stepH
        }
        // h:mm like every other time in the report; h:mm:ss when a row is not on a whole minute.
        let seconds = picked.contains { i in let m = r.timesH[i] * 60; return abs(m - m.rounded()) > 1e-6 }
        func time(_ h: Double) -> String {
            guard seconds else { return NumberFormat.hm(hours: h) }
            let total = Int((h * 3600).rounded())
            return "\(total / 3600):" + String(format: "%02d:%02d", total / 60 % 60, total % 60)
        }
        let label = seconds ? "time h:mm:ss" : "time h:mm"
        let w = Swift.max(label.count, picked.map { time(r.timesH[$0]).count }.max() ?? 0) + 2
        // The S-ketamine effect site of each PD model (same grid as the curve).
        let effects = arm.effects.filter { $0.timesH == r.timesH }
        var s = TextTable.pad(label, w) + names.map { TextTable.pad($0 + " ng/mL", 14, right: true) }.joined()
            + effects.map { _ in TextTable.pad(EffectReport.columnLabel, 12, right: true) }.joined() + "\n"
        for i in picked {
            s += TextTable.pad(time(r.timesH[i]), w) + (0..<names.count).map { TextTable.pad(NumberFormat.sig(r.outputs[$0][i], 4), 14, right: true) }.joined()
                + effects.map { TextTable.pad(NumberFormat.sig($0.ceNgPerML[i], 4), 12, right: true) }.joined() + "\n"
        }
        if !effects.isEmpty { s += "\(EffectReport.columnLabel): S-ketamine effect-site concentration of PD model \(effects.map(\.pd.name).joined(separator: ", ")).\n" }
        return s
    }
}
