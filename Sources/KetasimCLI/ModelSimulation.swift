import Foundation
import PKProfiles
import Reports
import PKCore

/// `ketasim simulate --model FILE.model`: a text model (ODE, or exact when linear) dosed by route.
enum ModelSimulation {
    static func run(path: String, route: Route, dose: Units.DoseAmount, a: Arguments, o: PatientOptions, console: Ketasim.Console,
                    intervalH: Double, count: Int, stepH: Double) throws {
        let source = try AtomicFile.read(path, flag: "--model")
        let tm: TextModel
        do { tm = try TextModel(source: source, options: try odeOptions(a)) } catch let e as ModelSpecError {
            throw CLIError.failure("--model \(path): \(e.message)")
        }
        let states = tm.compartmentNames
        let cmtName = a.value("--cmt") ?? (route.isIntravascular ? "central" : "depot")
        guard let cmt = states.firstIndex(of: cmtName) else {
            throw CLIError.usage("--cmt: model has no state '\(cmtName)' (states: \(states.joined(separator: ", "))); name the dosing compartment with --cmt")
        }
        let f = try a.value("--f").map { try Units.fraction($0, flag: "--f") } ?? 1
        let mg = dose.milligrams(weightKg: o.weightKg)
        let input: DoseInput = route == .ivInfusion ? .duration(o.infusionH) : .bolus
        let inst = DoseInstruction(compartment: cmt, amountMg: mg, bioavailability: f, input: input,
                                   intervalH: count > 1 ? intervalH : 0, additionalDoses: count - 1)
        let times = try Simulator.grid(endH: o.durationH, stepH: stepH)
        var records = [EventRecord(timeH: 0, action: .dose(inst))]
        records += times.map { EventRecord(timeH: $0, action: .observe) }
        let made: (engine: EventEngine, output: (Int, [Double], Double) -> Double, solver: String)
        do { made = try tm.makeEngine(parameterSets: [tm.defaultParameters]) } catch let e as ModelSpecError {
            throw CLIError.failure("--model \(path): \(e.message)")
        }
        var engine = made.engine
        let flat = try engine.run(records)
        let n = states.count
        let cp = times.indices.map { k in made.output(0, Array(flat[((k + 1) * n)..<((k + 2) * n)]), times[k]) }
        // Grid metrics (the exact-path metrics need a linear model; these are stated as grid-based).
        var cmax = -Double.infinity, tmax = 0.0, auc = 0.0
        for (k, c) in cp.enumerated() {
            if c > cmax { cmax = c; tmax = times[k] }
            if k > 0 { auc += 0.5 * (c + cp[k - 1]) * (times[k] - times[k - 1]) }
        }
        var stats = ""
        if let s = engine.ode?.statistics {
            stats = "accepted \(s.acceptedSteps), rejected \(s.rejectedSteps), RHS \(s.rhsEvaluations), Jacobians \(s.jacobianEvaluations), LU \(s.luFactorizations)"
        }
        if a.flag("--verbose") { console.err("ketasim simulate: solver: \(made.solver)\(stats.isEmpty ? "" : "; \(stats)")\n") }
        let name = tm.outputName
        let text: String
        switch o.format {
        case "json":
            struct Report: Encodable {
                var ketasim: String, disclaimer: String, model: String, solver: String, solverStatistics: String?
                var doseMg: Double, route: String, compartment: String, cmax: Double, tmaxH: Double, aucTrapezoid: Double, metricsOn: String
                var timesH: [Double], output: [String: [Double]]
            }
            let r = Report(ketasim: Ketasim.version, disclaimer: Ketasim.disclaimer, model: path, solver: made.solver, solverStatistics: stats.isEmpty ? nil : stats,
                           doseMg: mg, route: route.rawValue, compartment: cmtName, cmax: cmax, tmaxH: tmax, aucTrapezoid: auc,
                           metricsOn: "output grid", timesH: times, output: [name: cp])
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            text = String(decoding: try enc.encode(r), as: UTF8.self) + "\n"
        case "csv":
            text = "time_h,\(name)\n"
                + zip(times, cp).map { "\(NumberFormat.g($0)),\(NumberFormat.g($1))" }.joined(separator: "\n") + "\n"
        default:
            var s = "ketasim \(Ketasim.version): \(Ketasim.disclaimer)\nModel: \(path)\nSolver: \(made.solver)\n"
            if !stats.isEmpty { s += "Solver statistics: \(stats)\n" }
            s += "Dose: \(NumberFormat.short(mg)) mg into \(cmtName) (F \(NumberFormat.short(f)))\(count > 1 ? ", \(count) doses every \(NumberFormat.short(intervalH)) h" : "")\n"
            s += "\(name) max \(NumberFormat.sig(cmax, 4)) at \(NumberFormat.f(tmax, 3)) h; AUC (trapezoid on the grid) \(NumberFormat.sig(auc, 4)); metrics on the output grid\n\n"
            s += TextTable.pad("time h", 10) + TextTable.pad(name, 14, right: true) + "\n"
            let every = a.value("--step") == nil ? 0.25 : stepH
            var next = 0.0
            for (t, c) in zip(times, cp) where t >= next - 1e-9 {
                s += TextTable.pad(NumberFormat.f(t, 3), 10) + TextTable.pad(NumberFormat.sig(c, 4), 14, right: true) + "\n"
                next = t + every
            }
            text = s
        }
        if o.format == "csv" {
            try ArmReport.emitCSV(text, provenance: ["model \(path); solver: \(made.solver)\(stats.isEmpty ? "" : " (\(stats))")",
                                                    "dose \(NumberFormat.g(mg)) mg into \(cmtName); time_h in h; \(name) in the model's output unit"],
                                  command: "simulate", a, console)
        } else {
            try ArmReport.emit(text, a, console)
        }
    }
}
