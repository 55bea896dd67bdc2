import Studies
import Foundation
import PKProfiles
import Reports
import PKCore

/// `ketasim simulate --model FILE.model`: a text model (ODE, or exact when linear) dosed by route.
enum ModelSimulation {
    static func run(path: String, route: Route, dose: Units.DoseAmount, a: Arguments, o: PatientOptions, console: Ketasim.Console,
                    intervalH: Double, count: Int, stepH: Double) throws {
        let source = try AtomicFile.read(path, flag: "--model")
        let cmtName = a.value("--cmt") ?? (route.isIntravascular ? "central" : "depot")
        let f = try a.value("--f").map { try Units.fraction($0, flag: "--f") } ?? 1
        let mg = dose.milligrams(weightKg: o.weightKg)
        let request = ModelRun.Request(
            source: source, name: path, options: try odeOptions(a), compartment: cmtName, route: route, doseMg: mg, bioavailability: f,
            infusionH: o.infusionH, intervalH: intervalH, count: count, durationH: o.durationH, stepH: stepH,
            metrics: MetricOptions(bandLow: o.band.low, bandHigh: o.band.high, windowStartH: 0, windowEndH: o.windowH, dischargeLevel: o.dischargeNgPerML))
        var req = request
        // Only a given --weight sets WT: without it the model keeps its own default (as batch --model).
        req.weightKg = a.value("--weight") != nil ? o.weightKg : nil
        let run: ModelRun.Result
        do { run = try ModelRun.run(req) } catch let e as StudyError {
            throw e.field == "model" ? CLIError.failure("--model \(e.message)") : CLIError.from(e)
        }
        let times = run.timesH, cp = run.values, made = (solver: run.solver, ())
        let cmax = run.metrics.cmax, tmax = run.metrics.tmaxH, auc = run.metrics.auc
        var stats = ""
        if let s = run.statistics {
            stats = "accepted \(s.acceptedSteps), rejected \(s.rejectedSteps), RHS \(s.rhsEvaluations), Jacobians \(s.jacobianEvaluations), LU \(s.luFactorizations)"
        }
        if a.flag("--verbose") { console.err("ketasim simulate: solver: \(made.solver)\(stats.isEmpty ? "" : "; \(stats)")\n") }
        let name = run.outputName
        let text: String
        switch o.format {
        case "json":
            struct Report: Encodable {
                var ketasim: String, disclaimer: String, model: String, solver: String, solverStatistics: String?
                var weightKg: Double?, doseMg: Double, route: String, compartment: String, cmax: Double, tmaxH: Double, aucTrapezoid: Double, metricsOn: String
                var timesH: [Double], output: [String: [Double]]
            }
            let r = Report(ketasim: Ketasim.version, disclaimer: Ketasim.disclaimer, model: path, solver: made.solver, solverStatistics: stats.isEmpty ? nil : stats,
                           weightKg: run.weightKg, doseMg: mg, route: route.rawValue, compartment: cmtName, cmax: cmax, tmaxH: tmax, aucTrapezoid: auc,
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
            if let w = run.weightKg { s += "WT: \(NumberFormat.short(w)) kg (the model's WT parameter)\n" }
            s += "Dose: \(NumberFormat.short(mg)) mg into \(cmtName) (F \(NumberFormat.short(f)))\(count > 1 ? ", \(count) doses every \(NumberFormat.short(intervalH)) h" : "")\n"
            s += "\(name) max \(NumberFormat.sig(cmax, 4)) at \(NumberFormat.f(tmax, 3)) h; AUC (trapezoid on the grid) \(NumberFormat.sig(auc, 4)); metrics on the output grid\n"
            s += "\(NumberFormat.f(run.metrics.hoursInBand * 60, 1)) min in \(NumberFormat.short(o.band.low))-\(NumberFormat.short(o.band.high)) during the first \(NumberFormat.short(o.windowH * 60)) min; below \(NumberFormat.short(o.dischargeNgPerML)) for good from \(run.metrics.dischargeH.isNaN ? "beyond the grid" : NumberFormat.hm(hours: run.metrics.dischargeH) + " h") (model output units)\n\n"
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
                                                    "dose \(NumberFormat.g(mg)) mg into \(cmtName)\(run.weightKg.map { "; WT \(NumberFormat.g($0)) kg" } ?? ""); time_h in h; \(name) in the model's output unit"],
                                  command: "simulate", a, console)
        } else {
            try ArmReport.emit(text, a, console)
        }
    }
}
