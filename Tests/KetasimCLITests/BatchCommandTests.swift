import Foundation
import Testing
@testable import Studies
@testable import Reports
import PKCore
import PKProfiles
import TestSupport
@testable import KetasimCLI

/// Small, fast runs: a few dozen subjects on a coarse 4-hour grid.
private let small = ["--duration", "4h", "--step", "20min", "--quiet"]

private func ketasim(_ args: [String]) -> (code: Int32, out: String, err: String) {
    let c = Captured()
    let code = Ketasim.run(args, console: c.console)
    return (code, c.out, c.err)
}

private func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

private func files(_ dir: URL) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() }

/// Data rows (not comments, not the column header) of a per-subject CSV, split on commas.
private func rows(_ csv: String) -> [[String]] {
    Array(csv.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) })
}

private func column(_ csv: String, _ name: String) -> [Double] {
    let header = csv.split(separator: "\n").first { !$0.hasPrefix("#") }!.split(separator: ",").map(String.init)
    let k = header.firstIndex(of: name)!
    return rows(csv).map { Double($0[k]) ?? .nan }
}

/// The first rows of ../shared/bench/subjects.csv, inlined so the tests do not need the shared folder.
private let benchSubjects = """
id,WT,eta_CL,eta_V1,eta_Q2,eta_V2,eta_KA
1,94.222096,-0.36513046,-0.01713073,0.56561875,-0.09396742,0.05156159
2,58.990115,-0.19294403,-0.14972605,-0.12203163,0.25458251,-0.35469819
3,100.005733,0.30754022,-0.04373494,0.31761410,0.25305420,-0.04882094
4,85.405650,-0.21036670,-0.21711861,0.32404610,0.28038859,-0.05851308

"""

@Suite("batch and merge")
struct BatchCommandTests {
    @Test("help: example and disclaimer for batch and merge; both listed in the main help")
    func help() {
        for c in ["batch", "merge"] {
            let r = ketasim(c, "--help")
            #expect(r.code == 0)
            #expect(r.out.contains("Example: ketasim \(c)") && r.out.contains("not medical advice"))
        }
        let main = ketasim("--help")
        #expect(main.out.contains("  batch") && main.out.contains("  merge"))
    }

    /// The profile run of these tests, or the same study on the text model k6-mm.model (its
    /// [omega] etas drawn, WT at its default 70 kg, IM into depot), whose lane groups are coupled
    /// by a shared step size.
    static let models: [[String]] = [["--profile", "herd-2007"], ["--model", SharedData_repo("Profiles/models/k6-mm.model"), "--route", "im", "--f", "0.93"]]

    @Test("bit-identical outputs for 1, 2 and 3 threads (summary JSON, per-subject and curves files, residual error on)", arguments: models)
    func threadsReproducible(model: [String]) throws {
        var outputs: [[String]] = []
        for threads in ["1", "2", "3"] {
            let dir = tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let out = dir.appendingPathComponent("study.json")
            let r = Ketasim.run(["batch"] + model + ["--n", "70", "--seed", "99", "--threads", threads, "--residual", "prop=0.2,add=2ng/mL",
                                 "--curves", dir.appendingPathComponent("curves.csv").path, "--out", out.path] + small,
                                console: Captured().console)
            #expect(r == 0)
            #expect(try files(dir) == ["curves.csv", "curves.csv.meta.json", "study.json", "study.subjects.csv", "study.subjects.csv.meta.json"])
            outputs.append([try read(out), try read(dir.appendingPathComponent("study.subjects.csv")), try read(dir.appendingPathComponent("curves.csv"))])
        }
        #expect(outputs[0] == outputs[1] && outputs[1] == outputs[2])
        #expect(rows(outputs[0][1]).count == 70)
        #expect(outputs[0][2].contains("id,time_h,CP,DV\n"))
        let doc = try BatchReport.decoder.decode(BatchDocument.self, from: Data(outputs[0][0].utf8))
        #expect(doc.run.seed == 99 && doc.run.n == 70 && doc.ketasim == Ketasim.version)
        if model[0] == "--model" {
            #expect(doc.run.profile == "model k6-mm.model" && doc.run.etas == ["ETA_VMAX", "ETA_V1", "ETA_Q2", "ETA_V2", "ETA_KA"])
            #expect(doc.run.solver?.contains("Dormand-Prince 5(4), rtol 1e-06, atol 1e-09") == true && doc.run.solver?.contains("Rodas4") == true)
        } else {
            #expect(doc.run.profile == "herd-2007" && doc.run.solver == nil)
        }
    }

    @Test("merge of 3 shards equals one run, byte for byte: summary JSON, per-subject and curves files", arguments: models)
    func shardsMerge(model: [String]) throws {
        let root = tempDir()
        defer { try? FileManager.default.removeItem(at: root) }
        let single = root.appendingPathComponent("single"), shards = root.appendingPathComponent("shards"), merged = root.appendingPathComponent("merged")
        for d in [single, shards, merged] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        let common = ["batch"] + model + ["--n", "31", "--seed", "5", "--residual", "prop=0.15"] + small
        #expect(ketasim(common + ["--threads", "2", "--out", single.appendingPathComponent("study.json").path,
                                  "--curves", single.appendingPathComponent("curves.csv").path]).code == 0)
        var parts: [String] = []
        for k in 1...3 {
            let out = shards.appendingPathComponent("part-\(k).json").path
            let r = ketasim(common + ["--threads", "\(k)", "--shard", "\(k)/3", "--out", out, "--curves", shards.appendingPathComponent("part-\(k).curves.csv").path])
            #expect(r.code == 0, "\(r.err)")
            parts.append(out)
        }
        let m = ketasim(["merge"] + parts.reversed() + ["--out", merged.appendingPathComponent("study.json").path, "--curves", merged.appendingPathComponent("curves.csv").path])
        #expect(m.code == 0, "\(m.err)")
        for name in ["study.json", "study.subjects.csv", "curves.csv"] {
            let a = try read(single.appendingPathComponent(name)), b = try read(merged.appendingPathComponent(name))
            #expect(a == b, "\(name) differs")
        }
        // Each shard's rows are exactly its slice of the single run.
        let all = rows(try read(single.appendingPathComponent("study.subjects.csv")))
        let second = rows(try read(shards.appendingPathComponent("part-2.subjects.csv")))
        #expect(second == Array(all[11..<21]))   // 31 = 11 + 10 + 10
        // Incomplete or mixed sets are refused before writing.
        let missing = ketasim("merge", parts[0], parts[2], "--out", merged.appendingPathComponent("x.json").path)
        #expect(missing.code == 1 && missing.err.contains("missing shard 2 of 3"))
        let other = shards.appendingPathComponent("other.json").path
        #expect(ketasim(["batch"] + model + ["--n", "31", "--seed", "6", "--residual", "prop=0.15", "--shard", "2/3", "--summary-only", "--out", other] + small).code == 0)
        let mixed = ketasim("merge", parts[0], other, parts[2])
        #expect(mixed.code == 1 && mixed.err.contains("different run") && mixed.err.contains("seed"))
        let whole = ketasim("merge", single.appendingPathComponent("study.json").path)
        #expect(whole.code == 1 && whole.err.contains("complete run, not a shard"))
        #expect(!FileManager.default.fileExists(atPath: merged.appendingPathComponent("x.json").path))
        // A shard's per-subject file gone: the merge says so instead of leaving the rows out.
        try FileManager.default.removeItem(at: shards.appendingPathComponent("part-2.subjects.csv"))
        let lost = ketasim(["merge"] + parts + ["--out", merged.appendingPathComponent("y.json").path])
        #expect(lost.code == 1 && lost.err.contains("part-2.subjects.csv not found") && lost.err.contains("--summary-only"), "\(lost.err)")
        #expect(!FileManager.default.fileExists(atPath: merged.appendingPathComponent("y.json").path))
        #expect(ketasim(["merge"] + parts + ["--summary-only", "--out", merged.appendingPathComponent("y.json").path]).code == 0)
    }

    @Test("the merge state is written part by part, byte for byte as Foundation's encoder writes it whole (exact metrics, sketched and exact bands, no bands)")
    func stateEncoding() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 7000 subjects × 289 grid times: past the 2 million values of exact bands.
        for (n, extra) in [("7000", ["--duration", "24h", "--step", "5min"]), ("41", small)] {
            let out = dir.appendingPathComponent("s\(n).json")
            let r = ketasim(["batch", "--n", n, "--seed", "8", "--summary-only", "--out", out.path, "--quiet"] + extra)
            #expect(r.code == 0, "\(r.err)")
            let text = try read(out)
            let doc = try BatchReport.decoder.decode(BatchDocument.self, from: Data(text.utf8))
            let state = try #require(doc.state)
            #expect(n == "41" ? state.bands[0].isExact : !state.bands[0].isExact)
            let whole = String(decoding: try BatchReport.compactEncoder.encode(state), as: UTF8.self)
            #expect(try BatchReport.compactState(state) == whole)
            #expect(text.contains("\n  \"state\" : " + whole + "\n}\n"))
            var noBands = PopulationAccumulator(plan: doc.run.plan, bands: false)
            noBands.merge(PopulationAccumulator(plan: doc.run.plan, bands: false))
            #expect(try BatchReport.compactState(noBands) == String(decoding: try BatchReport.compactEncoder.encode(noBands), as: UTF8.self))
        }
    }

    @Test("summary numbers agree with the per-subject file: exact percentiles, exact-sum means, threshold counts")
    func summaryMatchesSubjects() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("s.json")
        #expect(ketasim(["batch", "--profile", "herd-2007", "--n", "41", "--seed", "3", "--threshold", "high=280ng/mL", "--percentiles", "10,50,90", "--out", out.path] + small).code == 0)
        let doc = try BatchReport.decoder.decode(BatchDocument.self, from: Data(try read(out).utf8))
        let csv = try read(dir.appendingPathComponent("s.subjects.csv"))
        let cmax = column(csv, "cmax").sorted()
        #expect(cmax.count == 41)
        let m = doc.summary.metrics[0]
        #expect(m.name == "cmax" && m.method == "exact" && m.n == 41)
        #expect(m.percentiles == [cmax[4], cmax[20], cmax[36]])   // type 7: h = 40q is whole here
        #expect(isClose(m.mean!, cmax.reduce(0, +) / 41, rtol: 1e-14))
        #expect(m.min == cmax.first && m.max == cmax.last)
        #expect(doc.summary.thresholds.map(\.name) == ["high"])
        #expect(doc.summary.thresholds[0].count == UInt64(cmax.filter { $0 >= 280 }.count))
        #expect(doc.summary.timesH.count == 13 && doc.summary.bands.count == 3)
        // The 90th-percentile band lies above the median band at every time.
        #expect(zip(doc.summary.bands[1], doc.summary.bands[2]).allSatisfy { $0 <= $1 })
        let table = ketasim(["batch", "--profile", "herd-2007", "--n", "41", "--seed", "3"] + small)
        #expect(table.out.contains("Cmax ng/mL") && table.out.contains("CP percentiles") && table.out.contains("not medical advice"))
        let csvSummary = ketasim(["batch", "--profile", "herd-2007", "--n", "41", "--seed", "3", "--format", "csv"] + small)
        #expect(csvSummary.out.contains("kind,name,time_h,n,not_reached,mean,sd,min,p5,p25,p50,p75,p95,max,count,probability"))
    }

    @Test("--model with the bench subjects: WT and the etas mapped by name (eta_CL -> ETA_VMAX by --eta-map); W3 Cmax and AUC equal the peers' Radau reference",
          .enabled(if: SharedData.shouldRun(SharedData.file("bench/peers/reference_w3.csv"))))
    func modelSubjects() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("subjects.csv")
        try benchSubjects.write(to: file, atomically: true, encoding: .utf8)
        let per = dir.appendingPathComponent("per.csv")
        let r = ketasim(["batch", "--model", SharedData_repo("Profiles/models/k6-mm.model"), "--subjects", file.path, "--eta-map", "eta_CL=ETA_VMAX",
                         "--route", "im", "--f", "0.93", "--dose", "0.5mg/kg", "--every", "84h", "--count", "6", "--duration", "504h",
                         "--per-subject", per.path, "--quiet"])
        #expect(r.code == 0, "\(r.err)")
        let csv = try read(per)
        #expect(column(csv, "WT") == [94.222096, 58.990115, 100.005733, 85.405650])
        #expect(column(csv, "ETA_VMAX") == [-0.36513046, -0.19294403, 0.30754022, -0.21036670])
        #expect(column(csv, "ETA_KA") == [0.05156159, -0.35469819, -0.04882094, -0.05851308])
        // W3 (WORKLOADS.md): Radau at rtol 1e-12 in ../shared/bench/peers; Cmax on the grid, AUC by the trapezoid on the grid.
        let ref = try SharedData.csvRows(try #require(SharedData.file("bench/peers/reference_w3.csv"))).prefix(4)
        for (k, row) in ref.enumerated() {
            let cmax = Double(row[1])!, auc = Double(row[3])!
            #expect(abs(column(csv, "cmax")[k] - cmax) <= 1e-5 * cmax, "subject \(k + 1): \(column(csv, "cmax")[k]) vs \(cmax)")
            #expect(abs(column(csv, "auc")[k] - auc) <= 1e-5 * auc, "subject \(k + 1): \(column(csv, "auc")[k]) vs \(auc)")
        }
        let bad = ketasim(["batch", "--model", SharedData_repo("Profiles/models/k6-mm.model"), "--subjects", file.path, "--eta-map", "eta_CL=ETA_CL", "--quiet"])
        #expect(bad.code == 64 && bad.err.contains("--eta-map: model k6-mm.model has no eta 'ETA_CL'"))
        let both = ketasim(["batch", "--model", SharedData_repo("Profiles/models/k6-mm.model"), "--profile", "herd-2007", "--n", "3"])
        #expect(both.code == 64 && both.err.contains("--model: not with --profile"))
        let cmt = ketasim(["batch", "--model", SharedData_repo("Profiles/models/k6-mm.model"), "--n", "3", "--cmt", "gut"])
        #expect(cmt.code == 64 && cmt.err.contains("--cmt: model k6-mm.model has no state 'gut'"))
        let res = ketasim(["batch", "--model", SharedData_repo("Profiles/models/k6-mm.model"), "--n", "3", "--residual", "profile"])
        #expect(res.code == 64 && res.err.contains("--residual: 'profile' needs a profile"))
        let f = ketasim(["batch", "--n", "3", "--f", "0.5"])
        #expect(f.code == 64 && f.err.contains("--f: only with --model"))
    }

    @Test("--subjects with the bench layout: covariates and etas taken from the file (eta_Q2 -> ETA_Q), eta_KA noted")
    func subjectsFile() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("subjects.csv")
        try benchSubjects.write(to: file, atomically: true, encoding: .utf8)
        let per = dir.appendingPathComponent("per.csv")
        let r = ketasim(["batch", "--profile", "herd-2007", "--subjects", file.path, "--n", "3", "--dose", "0.5mg/kg", "--per-subject", per.path, "--duration", "4h", "--step", "20min"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err.contains("column eta_KA ignored"))
        let csv = try read(per)
        #expect(column(csv, "WT") == [94.222096, 58.990115, 100.005733])
        #expect(column(csv, "ETA_CL") == [-0.36513046, -0.19294403, 0.30754022])
        #expect(column(csv, "ETA_Q") == [0.56561875, -0.12203163, 0.31761410])
        // Subject 2 worked out independently: herd-2007 as its profile states it (70 kg values V1 38.7 L,
        // V2 102 L, CL 90 L/h, Q 215 L/h; V x W/70, CL and Q x (W/70)^0.75; exponential etas), a
        // 0.5 mg/kg infusion over 40 min, whose peak is at the end of the infusion (2-cmt closed form).
        let wt = 58.990115, w = wt / 70
        let subject2 = TwoCompartment(clLPerH: 90 * pow(w, 0.75) * exp(-0.19294403), v1L: 38.7 * w * exp(-0.14972605),
                                      qLPerH: 215 * pow(w, 0.75) * exp(-0.12203163), v2L: 102 * w * exp(0.25458251))
        let peak = 1000 * subject2.infusion(doseMg: 0.5 * wt, durationH: 40.0 / 60, t: 40.0 / 60)
        #expect(isClose(column(csv, "cmax")[1], peak, rtol: 1e-10), "\(column(csv, "cmax")[1]) vs \(peak)")
        #expect(isClose(column(csv, "tmax_h")[1], 40.0 / 60, rtol: 1e-9))
        // Explicit mapping, and an explicit ignore.
        let mapped = ketasim(["batch", "--profile", "herd-2007", "--subjects", file.path, "--eta-map", "eta_Q2=ETA_Q,eta_KA=-", "--summary-only", "--quiet"] + small)
        #expect(mapped.code == 0 && mapped.err.isEmpty)
    }

    @Test("a data set's covariate columns (WT) are named as not used: the subjects' own covariates count")
    func dataSetCovariateColumn() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("regimen.csv")
        var text = "ID,TIME,EVID,AMT,CMT,RATE,WT\n1,0,1,35,1,52.5,50\n"
        for t in [0.0, 0.5, 1, 2, 4] { text += "1,\(t),0,0,1,0,50\n" }
        try text.write(to: data, atomically: true, encoding: .utf8)
        let r = ketasim(["batch", "--profile", "herd-2007", "--n", "4", "--seed", "3", "--data", data.path])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err.contains("note: --data: the data set's WT column is not used"), "\(r.err)")
        // Without the column: no such note.
        try text.replacingOccurrences(of: ",WT", with: "").replacingOccurrences(of: ",50\n", with: "\n").write(to: data, atomically: true, encoding: .utf8)
        let plain = ketasim(["batch", "--profile", "herd-2007", "--n", "4", "--seed", "3", "--data", data.path])
        #expect(plain.code == 0 && !plain.err.contains("column is not used"), "\(plain.err)")
    }

    @Test("--data: an AMT beyond any ketamine dose (a slip of µg for mg) is refused with its line")
    func dataSetHugeAmount() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("regimen.csv")
        try "ID,TIME,EVID,AMT,CMT,RATE\n1,0,0,0,1,0\n1,0,1,35000,1,0\n1,1,0,0,1,0\n".write(to: data, atomically: true, encoding: .utf8)
        let r = ketasim(["batch", "--profile", "herd-2007", "--n", "4", "--data", data.path])
        #expect(r.code == 1, "\(r.err)")
        #expect(r.err.contains("line 3: AMT 35000 mg is beyond any ketamine dose"), "\(r.err)")
        #expect(r.err.split(separator: "\n").count == 1)
        // 5 g itself is allowed (the same limit as --dose).
        try "ID,TIME,EVID,AMT,CMT,RATE\n1,0,1,5000,1,0\n1,0,0,0,1,0\n1,1,0,0,1,0\n".write(to: data, atomically: true, encoding: .utf8)
        #expect(ketasim(["batch", "--profile", "herd-2007", "--n", "4", "--data", data.path]).code == 0)
    }

    @Test("a NONMEM data set as the regimen: grid Cmax equals the exact Cmax when the grid holds the end of the infusion")
    func dataSetRegimen() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("regimen.csv")
        var text = "ID,TIME,EVID,AMT,CMT,RATE\n1,0,1,35,1,52.5\n"
        for t in [0.0, 0.25, 0.5, 2.0 / 3, 1, 2, 3, 4] { text += "1,\(t),0,0,1,0\n" }
        try text.write(to: data, atomically: true, encoding: .utf8)
        let a = dir.appendingPathComponent("a.csv"), b = dir.appendingPathComponent("b.csv")
        let viaData = ketasim(["batch", "--profile", "herd-2007", "--n", "6", "--seed", "8", "--data", data.path, "--per-subject", a.path, "--quiet"])
        #expect(viaData.code == 0, "\(viaData.err)")
        #expect(ketasim(["batch", "--profile", "herd-2007", "--n", "6", "--seed", "8", "--dose", "35mg", "--per-subject", b.path] + small).code == 0)
        let viaDose = try read(b)
        #expect(column(viaDose, "cmax").count == 6)
        for (x, y) in zip(column(try read(a), "cmax"), column(viaDose, "cmax")) { #expect(isClose(x, y, rtol: 1e-9)) }
        // Each subject's peak, worked out from its own WT and etas as written in the file: herd-2007 in
        // closed form (70 kg V1 38.7 L, V2 102 L, CL 90 L/h, Q 215 L/h; V x W/70, CL and Q x (W/70)^0.75;
        // exponential etas), 35 mg over 40 min, peak at the end of the infusion.
        let wt = column(viaDose, "WT"), eV1 = column(viaDose, "ETA_V1"), eV2 = column(viaDose, "ETA_V2")
        let eCL = column(viaDose, "ETA_CL"), eQ = column(viaDose, "ETA_Q"), cmax = column(viaDose, "cmax")
        for i in 0..<cmax.count {
            let w = wt[i] / 70
            let s = TwoCompartment(clLPerH: 90 * pow(w, 0.75) * exp(eCL[i]), v1L: 38.7 * w * exp(eV1[i]),
                                   qLPerH: 215 * pow(w, 0.75) * exp(eQ[i]), v2L: 102 * w * exp(eV2[i]))
            #expect(isClose(cmax[i], 1000 * s.infusion(doseMg: 35, durationH: 40.0 / 60, t: 40.0 / 60), rtol: 1e-9), "subject \(i + 1)")
        }
        let both = ketasim(["batch", "--profile", "herd-2007", "--n", "6", "--data", data.path, "--dose", "35mg"])
        #expect(both.code == 64 && both.err.contains("--dose: not with --data"))
        let protocolToo = ketasim(["batch", "--profile", "herd-2007", "--n", "6", "--data", data.path, "--protocol", "murrough-2013"])
        #expect(protocolToo.code == 64 && protocolToo.err.contains("--protocol: not with --data"), "\(protocolToo.err)")
    }

    @Test("--resume leaves a finished output alone; a plain rerun rewrites it cleanly")
    func resume() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("r.json").path
        let args = ["batch", "--profile", "herd-2007", "--n", "12", "--out", out, "--duration", "2h", "--step", "30min"]
        #expect(ketasim(args + ["--quiet"]).code == 0)
        let before = try read(URL(fileURLWithPath: out))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 0)], ofItemAtPath: out)
        let again = ketasim(args + ["--resume"])
        #expect(again.code == 0 && again.err.contains("nothing to do"))
        #expect((try FileManager.default.attributesOfItem(atPath: out)[.modificationDate] as! Date) == Date(timeIntervalSince1970: 0))
        let changed = ketasim(args + ["--resume", "--seed", "2", "--quiet"])
        #expect(changed.code == 0)
        #expect(try read(URL(fileURLWithPath: out)) != before)
        #expect(try files(dir) == ["r.json", "r.subjects.csv", "r.subjects.csv.meta.json"])
    }

    @Test("bad input: one-line error before any work, exit 64 or 1, no output file", arguments: [
        (["--n", "0"], 64, "--n: '0' must be a whole number of subjects >= 1"),
        (["--n", "-3"], 64, "--n: '-3' must be a whole number"),
        (["--n", "ten"], 64, "--n: 'ten' must be a whole number"),
        ([] as [String], 64, "--n: required"),
        (["--n", "10", "--shard", "5/4"], 64, "--shard: '5/4' must be K/N with 1 <= K <= N"),
        (["--n", "10", "--shard", "0/4"], 64, "--shard: '0/4'"),
        (["--n", "3", "--shard", "1/4"], 64, "--shard: 4 shards for 3 subjects"),
        (["--n", "10", "--threads", "0"], 64, "--threads: '0'"),
        (["--n", "10", "--profile", "herd-2007", "--route", "im"], 64, "--route: profile herd-2007 has no route 'im'"),
        (["--n", "10", "--percentiles", "50,5"], 64, "--percentiles: '50,5' must increase"),
        (["--n", "10", "--residual", "profile"], 64, "--residual: profile clements-1981 has no residual error on CP"),
        (["--n", "10", "--residual", "prop=0.1,exp=0.2"], 64, "--residual: exponential error cannot be combined"),
        // As nm --sim: an error of zero and an empty part are refused (batch read them as none and skipped).
        (["--n", "10", "--residual", "prop=0"], 64, "--residual: 'prop=0' is zero error"),
        (["--n", "10", "--residual", "prop=0.2,,add=5ng/mL"], 64, "--residual: '' is not prop=F, add=C or exp=S"),
        (["--n", "10", "--residual", ""], 64, "--residual: '' is not prop=F, add=C or exp=S"),
        (["--n", "10", "--profile", "nosuch"], 64, "--profile: unknown profile 'nosuch'"),
        (["--n", "10", "--format", "csv", "--shard", "1/2"], 64, "--shard: needs --out"),
        (["--n", "10", "--eta-map", "a=b"], 64, "--eta-map: only with --subjects"),
    ])
    func badInput(args: [String], code: Int32, message: String) throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let hasOut = args.contains("--shard") && !args.contains("--format")
        let c = Captured()
        let rc = Ketasim.run(["batch"] + args + (hasOut ? ["--out", dir.appendingPathComponent("o.json").path] : []), console: c.console)
        #expect(rc == code)
        #expect(c.err.hasPrefix("ketasim: \(message)"), "\(c.err)")
        #expect(c.err.split(separator: "\n").count == 1 && c.out.isEmpty)
        #expect(try files(dir).isEmpty)
    }

    @Test("bad subjects files and an Omega that is not positive definite: exit 1 naming the file, column, line or profile")
    func badFiles() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ args: [String]) -> (Int32, String) {
            let c = Captured()
            let profile = args.contains("--profile") ? [] : ["--profile", "herd-2007"]
            let rc = Ketasim.run(["batch"] + profile + args + ["--out", dir.appendingPathComponent("o.json").path], console: c.console)
            return (rc, c.err)
        }
        let noWT = dir.appendingPathComponent("nowt.csv"), nan = dir.appendingPathComponent("nan.csv"), partial = dir.appendingPathComponent("partial.csv")
        try "id,eta_CL\n1,0.1\n".write(to: noWT, atomically: true, encoding: .utf8)
        try "id,WT\n1,70\n2,NaN\n".write(to: nan, atomically: true, encoding: .utf8)
        try "WT,eta_CL\n70,0.1\n".write(to: partial, atomically: true, encoding: .utf8)
        let good = dir.appendingPathComponent("good.csv")
        try "id,WT\n1,70\n2,80\n".write(to: good, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["--subjects", noWT.path], "no column for covariate WT of profile herd-2007"),
            (["--subjects", nan.path], "line 3, column WT: 'NaN' is not a finite number"),
            (["--subjects", partial.path], "no column for eta ETA_V1"),
            (["--subjects", dir.appendingPathComponent("none.csv").path], "--subjects: file"),
            (["--subjects", good.path, "--n", "5"], "--n: 5 subjects but --subjects"),
        ]
        for (args, message) in cases {
            let (rc, err) = run(args)
            #expect(rc == (message.hasPrefix("--n") ? 64 : 1), "\(err)")
            #expect(err.contains(message) && err.split(separator: "\n").count == 1, "\(err)")
        }
        // A profile whose correlation exceeds 1 (herd-2007 with r(V1, CL) = 1.5).
        let src = SharedData.repositoryRoot.appendingPathComponent("Profiles/herd-2007.profile.json")
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: src)) as! [String: Any]
        json["name"] = "bad-omega"
        json["correlations"] = [["first": "ETA_V1", "second": "ETA_CL", "correlation": 1.5, "source": "test"]]
        let bad = dir.appendingPathComponent("bad-omega.profile.json")
        try JSONSerialization.data(withJSONObject: json).write(to: bad)
        let (rc, err) = run(["--n", "10", "--profile", bad.path])
        #expect(rc == 1)
        #expect(err.contains("profile bad-omega: Omega") && err.contains("not positive definite at row 3 (ETA_CL)"), "\(err)")
        #expect(try files(dir).sorted() == ["bad-omega.profile.json", "good.csv", "nan.csv", "nowt.csv", "partial.csv"])
    }

    @Test("the chunk pipeline emits in order with bounded look-ahead and stops at the first error")
    func pipeline() throws {
        final class Log: @unchecked Sendable {
            let lock = NSLock()
            var emitted: [Int] = []
            var inFlightMax = 0
            var inFlight = 0
        }
        let log = Log()
        try ChunkPipeline.run(chunks: 60, threads: 3, ahead: 4, process: { _, c in
            log.lock.lock(); log.inFlight += 1; log.inFlightMax = max(log.inFlightMax, log.inFlight); log.lock.unlock()
            usleep(UInt32((c * 7919) % 5) * 200)
            log.lock.lock(); log.inFlight -= 1; log.lock.unlock()
            return c * c
        }, emit: { c, v in
            #expect(v == c * c)
            log.lock.lock(); log.emitted.append(c); log.lock.unlock()
        })
        #expect(log.emitted == Array(0..<60))
        #expect(log.inFlightMax <= 3)
        struct Boom: Error {}
        let failed = Log()
        #expect(throws: Boom.self) {
            try ChunkPipeline.run(chunks: 40, threads: 2, ahead: 3, process: { _, c in
                if c == 17 { throw Boom() }
                return c
            }, emit: { c, _ in failed.lock.lock(); failed.emitted.append(c); failed.lock.unlock() })
        }
        #expect(failed.emitted == Array(0..<failed.emitted.count) && failed.emitted.count <= 17)
    }
}

/// A simulator whose lane path marks results with Cmax 2 and the event engine with Cmax 1; the lane
/// path refuses any group holding subject `bad` (alone too), as a lane kernel refuses a subject it
/// cannot take.
private struct MarkingSimulator: SubjectSimulator {
    let bad: Int
    var timesH: [Double] { [0, 1] }
    func result(_ cmax: Double) -> SubjectResult {
        SubjectResult(metrics: SubjectMetrics(cmax: cmax, tmaxH: 0, auc: 0, hoursInBand: 0, dischargeH: .nan), curve: [cmax, 0])
    }
    func simulate(_ subject: Subject, parameters: [Double], wantCurve: Bool) throws -> SubjectResult { result(1) }
    func simulateLanes(_ subjects: [Subject], parameters: [[Double]], wantCurve: Bool) -> [SubjectResult]? {
        subjects.contains { $0.index == bad } ? nil : subjects.map { _ in result(2) }
    }
}

private final class CmaxSink: PopulationSink, @unchecked Sendable {
    let lock = NSLock()
    var cmax: [Int: Double] = [:]
    func format(_ subjects: [PopulationSubject]) -> [(Int, Double)] { subjects.map { ($0.index, $0.result.metrics.cmax) } }
    func emit(_ chunk: [(Int, Double)], subjectsDone: Int) {
        lock.lock()
        for (i, c) in chunk { cmax[i] = c }
        lock.unlock()
    }
}

@Suite("PopulationStudy lane fallback")
struct LaneFallbackTests {
    @Test("a lane group that fails runs each subject alone on the lane path; only the subject that fails there goes to the event engine")
    func aloneOnLanes() throws {
        let n = 3 * Lanes.scalarCount, bad = Lanes.scalarCount + 1
        let study = PopulationStudy(parameterNames: [], individual: { _ in [] },
                                    generator: SubjectGenerator(rng: CounterRNG(seed: 1), covariates: [], etas: .none(count: 0)),
                                    simulator: MarkingSimulator(bad: bad), residual: nil,
                                    plan: SummaryPlan(thresholds: [], timesH: [0, 1], totalSubjects: n), range: 0..<n, threads: 2)
        let sink = CmaxSink()
        let acc = try study.run(sink: sink)
        #expect(acc.subjects == UInt64(n))
        #expect(sink.cmax.count == n)
        for i in 0..<n { #expect(sink.cmax[i] == (i == bad ? 1 : 2), "subject \(i)") }
    }
}
