#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import Studies
@testable import Reports
import PKCore
import PKProfiles
import TestSupport
@testable import KetasimCLI

private func run(_ args: [String], width: Int = 100) -> (code: Int32, out: String, err: String) {
    let c = Captured()
    let console = Ketasim.Console(out: { c.out += $0 }, err: { c.err += $0 }, isTerminal: false, width: width)
    return (Ketasim.run(args, console: console), c.out, c.err)
}

private func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

/// Header and data rows of a CSV (no comment lines are expected: the header is the first line).
private func table(_ csv: String) -> (header: [String], rows: [[String]]) {
    let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    return (lines[0], Array(lines.dropFirst()))
}

private func column(_ csv: String, _ name: String) throws -> [Double] {
    let t = table(csv)
    let k = try #require(t.header.firstIndex(of: name), "no column \(name) in \(t.header)")
    return t.rows.map { Double($0[k]) ?? .nan }
}

/// A subjects file of one subject: the profile's typical covariates with WT 70 kg, every eta 0.
private func typicalSubject(_ pm: ProfileModel, in dir: URL) throws -> URL {
    let cov = pm.covariates(weightKg: 70)
    let text = (["id"] + pm.covariateNames + pm.etaNames).joined(separator: ",") + "\n"
        + (["1"] + cov.map { NumberFormat.g($0) } + pm.etaNames.map { _ in "0" }).joined(separator: ",") + "\n"
    let url = dir.appendingPathComponent("one.csv")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
}

private let pd = "olofsen-2022-perception"

@Suite("batch --effect")
struct BatchEffectTests {
    @Test("one typical subject with zero etas: the batch's effect metrics equal simulate's (EffectStudy) to 1e-9", arguments: [
        ("clements-1981", "iv", "1mg/kg"), ("clements-1981", "iv", "0.5mg/kg"), ("herd-2007", "iv-bolus", "0.7mg/kg"),
        ("perez-ruixo-2021", "in", "56mg"), ("fanta-otto-2021", "iv", "0.3mg/kg"),
    ])
    func oneSubjectMatchesSimulate(profile: String, route: String, dose: String) throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pm = try ProfileLibrary.load(profile)
        let per = dir.appendingPathComponent("per.csv")
        let r = run(["batch", "--profile", profile, "--subjects", try typicalSubject(pm, in: dir).path, "--n", "1", "--route", route, "--dose", dose,
                     "--duration", "24h", "--step", "5min", "--effect", "--per-subject", per.path, "--quiet"])
        #expect(r.code == 0, "\(r.err)")
        let csv = try read(per)
        // simulate's study for the same patient (70 kg, typical) and regimen.
        var patient = ExposurePatient(profile: pm)
        patient.durationH = 24
        let amount = try Units.dose(dose)
        let single = try SingleSimulation.run(patient, arm: ExposureArm(route: try #require(Route(text: route)), dose: amount), stepH: 5.0 / 60)
        let e = try #require(single.effects.first { $0.pd.name == pd }).metrics
        func value(_ name: String) throws -> Double { try #require(try column(csv, "\(name)_\(pd)").first) }
        #expect(isClose(try value("ce_max_ngml"), e.ceMaxNgPerML, rtol: 1e-9), "\(profile) \(route) \(dose): Ce max")
        #expect(isClose(try value("ce_tmax_h"), e.ceTmaxH, rtol: 1e-9), "\(profile) \(route) \(dose): Ce peak time")
        #expect(isClose(try value("effect_delay_min"), e.effectDelayMin, rtol: 1e-9, atol: 1e-9))
        #expect(isClose(try value("peak_ce_over_c50"), try #require(e.peakCeOverC50), rtol: 1e-9))
        #expect(isClose(try value("ce_ge_c50_min"), try #require(e.minutesAtOrAboveHalfMaximal), rtol: 1e-9, atol: 1e-9))
        if let until = e.halfMaximalUntilH {
            #expect(isClose(try value("ce_below_c50_h"), until, rtol: 1e-9))
        } else {
            #expect(try value("ce_below_c50_h").isNaN)
        }
        // The plasma metrics of the same subject are simulate's too, and the effect peaks after the plasma peak.
        #expect(isClose(try #require(try column(csv, "cmax").first), single.metrics.cmaxNgPerML, rtol: 1e-9))
        #expect(try value("ce_tmax_h") > (try #require(try column(csv, "tmax_h").first)))
    }

    @Test("the effect site on the lane kernel equals the event engine's on drawn subjects (herd-2007, IV and IV bolus)")
    func lanesMatchEngine() throws {
        let pm = try ProfileLibrary.load("herd-2007")
        let effect = try PopulationEffect(profile: pm)
        var rng = SplitMix64(state: 18)
        for route in [Route.ivInfusion, .ivBolus] {
            let times = try Simulator.grid(endH: 8, stepH: 0.25)
            var sim = try RegimenSubjectSimulator(model: pm.dosing, timesH: times,
                                                  options: MetricOptions(bandLow: 100, bandHigh: 250, windowStartH: 0, windowEndH: 1.5, dischargeLevel: 100)) { s in
                let mg = 1.2 * s.covariates[pm.covariateNames.firstIndex(of: "WT")!]
                return route == .ivInfusion ? Regimen().infusion(amountMg: mg, overH: 0.5) : Regimen().dose(amountMg: mg, route: route)
            }
            sim.effectSites = effect.outputs
            let subjects: [Subject] = (0..<Lanes.scalarCount).map { i in
                Subject(index: i, id: "\(i + 1)", covariates: pm.covariates(weightKg: rng.uniform(40, 110)),
                        etas: pm.etaNames.indices.map { k in rng.normal() * pm.omega[k, k].squareRoot() })
            }
            let params = subjects.map { pm.parameters(covariates: $0.covariates, etas: $0.etas) }
            let lanes = try #require(sim.simulateLanes(subjects, parameters: params, wantCurve: false))
            sim.useLanes = false
            var reached = 0
            for (k, s) in subjects.enumerated() {
                let a = try sim.simulate(s, parameters: params[k], wantCurve: false).effectValues, b = lanes[k].effectValues
                #expect(a.count == 6 && b.count == 6)
                for (x, y) in zip(a, b) {
                    #expect((x.isNaN && y.isNaN) || isClose(x, y, rtol: 1e-9, atol: 1e-9), "\(route) subject \(k): engine \(a) lanes \(b)")
                }
                if a[3] >= 1 { reached += 1 }
            }
            #expect(reached > 0, "no subject reached C50: the threshold metrics were not exercised")
        }
    }

    @Test("summary: the effect distribution in JSON (exact percentiles and mean of the per-subject column), text, CSV and HTML, with PK-only variability stated")
    func summary() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("s.json"), html = dir.appendingPathComponent("s.html")
        let args = ["batch", "--profile", "herd-2007", "--n", "41", "--seed", "4", "--dose", "1mg/kg", "--duration", "8h", "--step", "15min", "--effect", "--quiet"]
        let r = run(args + ["--percentiles", "10,50,90", "--out", out.path])
        #expect(r.code == 0, "\(r.err)")
        let doc = try BatchReport.decoder.decode(BatchDocument.self, from: Data(try read(out).utf8))
        let csv = try read(dir.appendingPathComponent("s.subjects.csv"))
        let effect = try #require(doc.run.effect)
        #expect(effect.variability.contains("PD between-subject variability not published"))
        #expect(effect.models.map(\.name) == [pd])
        let names = ["ce_max_ngml", "ce_tmax_h", "effect_delay_min", "peak_ce_over_c50", "ce_ge_c50_min", "ce_below_c50_h"].map { "\($0)_\(pd)" }
        #expect(effect.models[0].metrics == names)
        #expect(doc.run.plan.extraMetrics?.map(\.name) == names)
        #expect(doc.summary.metrics.map(\.name) == SubjectMetrics.names + names)
        for name in names {
            let m = try #require(doc.summary.metrics.first { $0.name == name })
            let all = try column(csv, name)
            let v = all.filter { !$0.isNaN }.sorted()
            #expect(m.n == UInt64(v.count) && m.notReached == UInt64(all.count - v.count) && all.count == 41, "\(name)")
            guard !v.isEmpty else { continue }
            // Type 7 quantiles at h = (n − 1)q, worked out here.
            let q = [0.1, 0.5, 0.9].map { p -> Double in
                let h = Double(v.count - 1) * p, lo = Int(h.rounded(.down)), hi = Swift.min(lo + 1, v.count - 1)
                return v[lo] + (h - Double(lo)) * (v[hi] - v[lo])
            }
            for (a, b) in zip(m.percentiles, q) { #expect(isClose(a, b, rtol: 1e-14, atol: 1e-300), "\(name): \(a) vs \(b)") }
            #expect(isClose(try #require(m.mean), v.reduce(0, +) / Double(v.count), rtol: 1e-12), "\(name) mean")
            #expect(m.min == v.first && m.max == v.last)
        }
        // 1 mg/kg racemic: some subjects reach C50 and some stay below, so both kinds are counted.
        let ratio = try column(csv, "peak_ce_over_c50_\(pd)")
        #expect(ratio.contains { $0 >= 1 })
        let below = try column(csv, "ce_below_c50_h_\(pd)")
        for (r, b) in zip(ratio, below) { #expect(r >= 1 ? b > 0 : b.isNaN) }
        // The ratio column is Ce max over pd.json's C50 (121.2423 ng/mL S-ketamine).
        for (r, c) in zip(ratio, try column(csv, "ce_max_ngml_\(pd)")) { #expect(isClose(r, c / 121.2423, rtol: 1e-12)) }
        // Text: within 80 columns, the effect section and its limits.
        let text = run(args, width: 80)
        #expect(text.code == 0)
        let unwrapped = text.out.replacingOccurrences(of: "\n  ", with: " ")
        #expect(unwrapped.contains("Predicted effect at the S-ketamine effect site: external perception (\(pd))"))
        #expect(unwrapped.contains("PD between-subject variability not published"))
        #expect(text.out.contains("Ce max ng/mL") && text.out.contains("peak Ce/C50") && text.out.contains("Caveat: racemic"))
        #expect(text.out.split(separator: "\n").allSatisfy { $0.count <= 80 }, "a line is wider than 80 columns")
        let summaryCSV = run(args + ["--format", "csv"])
        for name in names { #expect(summaryCSV.out.contains("\nmetric,\(name),,")) }
        #expect(summaryCSV.err.contains("PD between-subject variability not published"))
        // HTML: the effect section with its table and the statement.
        #expect(run(args + ["--html", html.path]).code == 0)
        let page = try read(html)
        #expect(page.contains("Predicted effect at the S-ketamine effect site: external perception"))
        #expect(page.contains("PD between-subject variability not published") && page.contains("peak Ce/C50"))
        // Without --effect nothing of it appears.
        let plain = run(["batch", "--profile", "herd-2007", "--n", "5", "--duration", "2h", "--step", "30min", "--quiet", "--format", "json"])
        #expect(plain.code == 0 && !plain.out.contains("\"effect\"") && !plain.out.contains("extraMetrics") && !plain.out.contains("ce_max_ngml"))
    }

    @Test("shards with --effect merge to the single run byte for byte; mixing with a run without --effect is refused; threads do not matter")
    func shardsMerge() throws {
        let root = tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let common = ["batch", "--profile", "herd-2007", "--n", "23", "--seed", "12", "--dose", "1mg/kg", "--duration", "4h", "--step", "20min", "--effect", "--quiet"]
        let dirs = ["single", "three", "merged"].map { root.appendingPathComponent($0) }
        for d in dirs { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        let single = dirs[0].appendingPathComponent("study.json").path
        #expect(run(common + ["--threads", "1", "--out", single]).code == 0)
        let three = dirs[1].appendingPathComponent("study.json").path
        #expect(run(common + ["--threads", "3", "--out", three]).code == 0)
        #expect(try read(URL(fileURLWithPath: single)) == read(URL(fileURLWithPath: three)))
        #expect(try read(dirs[0].appendingPathComponent("study.subjects.csv")) == read(dirs[1].appendingPathComponent("study.subjects.csv")))
        var parts: [String] = []
        for k in 1...3 {
            let out = root.appendingPathComponent("part-\(k).json").path
            let r = run(common + ["--threads", "2", "--shard", "\(k)/3", "--out", out])
            #expect(r.code == 0, "\(r.err)")
            parts.append(out)
        }
        let merged = dirs[2].appendingPathComponent("study.json").path
        let m = run(["merge"] + parts.reversed() + ["--out", merged])
        #expect(m.code == 0, "\(m.err)")
        #expect(try read(URL(fileURLWithPath: single)) == read(URL(fileURLWithPath: merged)))
        #expect(try read(dirs[0].appendingPathComponent("study.subjects.csv")) == read(dirs[2].appendingPathComponent("study.subjects.csv")))
        #expect(try read(URL(fileURLWithPath: merged)).contains("ce_max_ngml_\(pd)"))
        let plain = root.appendingPathComponent("plain.json").path
        #expect(run(common.filter { $0 != "--effect" } + ["--shard", "2/3", "--summary-only", "--out", plain]).code == 0)
        let mixed = run(["merge", parts[0], plain, parts[2]])
        #expect(mixed.code == 1 && mixed.err.contains("different run") && mixed.err.contains("--effect"), "\(mixed.err)")
    }

    @Test("bad input: --effect refused for a profile without an effect site, with --data and with --model", arguments: [
        ("r-ketamine", 64, "--effect: profile r-test has no effect site (analyte 'R-ketamine'"),
        ("data", 64, "--effect: not with --data"),
        ("model", 64, "--effect: not with --model x.model"),
    ])
    func badInput(kind: String, code: Int32, message: String) throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var args = ["batch", "--n", "3", "--effect", "--out", dir.appendingPathComponent("o.json").path]
        switch kind {
        case "r-ketamine":
            // A built-in profile relabelled as another analyte: no S fraction is known for it.
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Profiles/herd-2007.profile.json")
            var text = try read(url)
            text = text.replacingOccurrences(of: "\"analyte\": \"racemic\"", with: "\"analyte\": \"R-ketamine\"")
            text = text.replacingOccurrences(of: "\"name\": \"herd-2007\"", with: "\"name\": \"r-test\"")
            #expect(text.contains("R-ketamine") && text.contains("r-test"))
            let p = dir.appendingPathComponent("r.json")
            try text.write(to: p, atomically: true, encoding: .utf8)
            args += ["--profile", p.path]
        case "data":
            let p = dir.appendingPathComponent("d.csv")
            try "ID,TIME,EVID,AMT,CMT,RATE\n1,0,1,35,1,52.5\n1,0,0,0,1,0\n1,1,0,0,1,0\n".write(to: p, atomically: true, encoding: .utf8)
            args += ["--data", p.path]
        default:
            args += ["--model", "x.model"]
        }
        let r = run(args)
        #expect(r.code == code)
        #expect(r.err.hasPrefix("ketasim: \(message)"), "\(r.err)")
        #expect(r.err.split(separator: "\n").count == 1 && r.out.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("o.json").path))
    }
}

@Suite("simulate CSV effect columns")
struct SimulateEffectCSVTests {
    @Test("Ce_<model> and Ce_over_C50_<model> follow the CSV's own CP through dCe/dt = ke0 (f Cp - Ce); header first")
    func columns() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("x.csv")
        let r = run(["simulate", "--route", "iv", "--dose", "1mg/kg", "--duration", "6h", "--step", "1min", "--format", "csv", "--out", out.path])
        #expect(r.code == 0, "\(r.err)")
        let csv = try read(out)
        let t = table(csv)
        #expect(t.header == ["arm", "route", "dose_mg", "time_h", "CP", "CM", "CE", "Ce_\(pd)", "Ce_over_C50_\(pd)"])
        let time = try column(csv, "time_h"), cp = try column(csv, "CP"), ce = try column(csv, "Ce_\(pd)"), ratio = try column(csv, "Ce_over_C50_\(pd)")
        #expect(time.count == 361 && ce.count == 361)
        // Independently: integrate dCe/dt = ke0 (0.5 Cp - Ce) exactly for Cp linear between the CSV's
        // rows (racemic: half is S-ketamine; ke0 = 60 ln 2 / 8.3 per h). The 1-min grid holds the end
        // of the infusion, so linear interpolation errs by O(h^2 Cp'').
        let ke0 = 60 * log(2.0) / 8.3
        var y = 0.0, worst = 0.0
        for i in 1..<time.count {
            let h = time[i] - time[i - 1], a = 0.5 * cp[i - 1], b = 0.5 * cp[i], s = (b - a) / h, e = exp(-ke0 * h)
            // y' = ke0 (a + s τ - y): y(h) = y e + (a - s/ke0)(1 - e) + s h
            y = y * e + (a - s / ke0) * (1 - e) + s * h
            worst = Swift.max(worst, abs(y - ce[i]))
        }
        let peak = ce.max()!
        #expect(worst <= 2e-3 * peak, "worst \(worst) ng/mL of peak \(peak)")
        for (c, q) in zip(ce, ratio) { #expect(isClose(q, c / 121.2423, rtol: 1e-12, atol: 1e-300)) }
        // The same numbers as the study gives on that grid.
        var patient = ExposurePatient(profile: try ProfileLibrary.load("clements-1981"))
        patient.durationH = 6
        let study = try SingleSimulation.run(patient, arm: ExposureArm(route: .ivInfusion, dose: .mgPerKg(1)), stepH: 1.0 / 60)
        let e = try #require(study.effects.first)
        #expect(e.ceNgPerML.count == ce.count)
        for (a, b) in zip(e.ceNgPerML, ce) { #expect(isClose(a, b, rtol: 1e-12, atol: 1e-12)) }
        // Sidecar names the units; compare has the columns too.
        let meta = try read(URL(fileURLWithPath: out.path + ".meta.json"))
        #expect(meta.contains("Ce_\(pd) in ng/mL of S-ketamine"))
        let cmp = run(["compare", "--format", "csv", "--duration", "2h"])
        #expect(cmp.code == 0 && cmp.out.split(separator: "\n").first?.hasSuffix(",Ce_\(pd),Ce_over_C50_\(pd)") == true, "\(cmp.out.prefix(200))")
    }
}
