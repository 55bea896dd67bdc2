import Foundation
import Testing
@testable import KetasimCLI
import PKCore
import PKProfiles
import Reports
import Studies
import TestSupport

/// `nm --sim`: replicates with etas from Ω, IREP/SIMDV, determinism over threads and shards.
@Suite("nm --sim: simulation with between-subject variability on a data set")
struct NmSimulationTests {
    /// Two individuals, IV infusions, covariate WT, CMT by name.
    static let data = """
        ID,TIME,EVID,AMT,CMT,RATE,DV,WT
        1,0,1,35,central,70,0,70
        1,0.25,0,0,central,0,310,70
        1,0.5,0,0,central,0,520,70
        1,1,0,0,central,0,240,70
        1,2,0,0,central,0,110,70
        1,4,0,0,central,0,45,70
        2,0,1,50,central,100,0,95
        2,0.25,0,0,central,0,330,95
        2,1,0,0,central,0,260,95
        2,4,0,0,central,0,40,95

        """

    /// One-compartment IV model with a block Ω on CL and V and a diagonal one on KX (unused).
    static let model = """
        [parameters]
        CL = 20 [L/h]
        V = 30 [L]
        KX = 1
        [odes]
        d/dt(central) = -CL / V * central
        [outputs]
        CP = 1000 * central / V
        [omega]
        block(CL, V) = 0.09,
                       0.02, 0.04
        KX = 0.25

        """

    static func files(_ data: String = NmSimulationTests.data) throws -> (dir: URL, data: String, model: String) {
        let dir = tempDir()
        let d = dir.appendingPathComponent("d.csv"), m = dir.appendingPathComponent("m.model")
        try data.write(to: d, atomically: true, encoding: .utf8)
        try model.write(to: m, atomically: true, encoding: .utf8)
        return (dir, d.path, m.path)
    }

    func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
        let c = Captured()
        let code = Ketasim.run(args, console: c.console)
        return (code, c.out, c.err)
    }

    @Test("--sim 200 --seed 1: bit-identical at 1 and 2 threads and across shards; IREP then input order")
    func deterministic() throws {
        let f = try Self.files()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        let base = ["nm", f.data, "--profile", "herd-2007", "--sim", "200", "--seed", "1", "--residual", "prop=0.2,add=5ng/mL"]
        let one = run(base + ["--threads", "1"])
        let two = run(base + ["--threads", "2"])
        #expect(one.code == 0, "\(one.err)")
        #expect(one.out == two.out)
        let lines = one.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 1 + 200 * 10)
        #expect(lines.first == "IREP,ID,TIME,EVID,AMT,CMT,RATE,DV,WT,PRED,IPRED,SIMDV,CP,CE,A_CENTRAL,A_PERIPHERAL,A_EFFECT,ETA_V1,ETA_V2,ETA_CL,ETA_Q")
        let inputRows = Self.data.split(separator: "\n").dropFirst()
        for (k, line) in lines.dropFirst().enumerated() {
            let rep = k / 10 + 1, row = inputRows[inputRows.startIndex + k % 10]
            #expect(line.hasPrefix("\(rep),\(row),"), "row \(k + 1)")
            if !line.hasPrefix("\(rep),\(row),") { break }
        }
        var shards = ""
        for k in 1...3 {
            let part = run(base + ["--shard", "\(k)/3", "--threads", "2"])
            #expect(part.code == 0, "\(part.err)")
            shards += k == 1 ? part.out : String(part.out.drop { $0 != "\n" }.dropFirst())
        }
        #expect(shards == one.out)
        // Each individual's etas are its own: the same for any data set around it.
        let seed1 = run(["nm", f.data, "--profile", "herd-2007", "--sim", "3", "--seed", "2"]).out
        let seed2 = run(["nm", f.data, "--profile", "herd-2007", "--sim", "3", "--seed", "3"]).out
        #expect(seed1 != seed2)
    }

    @Test("etas drawn over many individuals have mean 0 and covariance Ω within sampling error")
    func etaStatistics() throws {
        // One individual, 20,000 replicates: every (replicate, individual) has its own key.
        let data = "ID,TIME,EVID,AMT,CMT\n1,0,1,100,1\n1,1,0,0,1\n"
        let sim = try NonmemSimulation(dataText: data, model: .text(source: Self.model, name: "m", options: ODEOptions()),
                                       replicates: 20_000, seed: 7, residual: nil)
        #expect(sim.etaNames == ["ETA_CL", "ETA_V", "ETA_KX"])
        let omega: [[Double]] = [[0.09, 0.02, 0], [0.02, 0.04, 0], [0, 0, 0.25]]
        let n = 20_000
        var draws: [[Double]] = []
        for r in 1...n { draws.append(sim.etas(replicate: r, individual: 0)) }
        for i in 0..<3 {
            let mean = draws.map { $0[i] }.reduce(0, +) / Double(n)
            #expect(abs(mean) < 4 * (omega[i][i] / Double(n)).squareRoot(), "mean of eta \(i): \(mean)")
            for j in 0...i {
                let cov = draws.map { $0[i] * $0[j] }.reduce(0, +) / Double(n)
                // SE of a sample covariance of normals: √((Ω_ii Ω_jj + Ω_ij²) / n).
                let se = ((omega[i][i] * omega[j][j] + omega[i][j] * omega[i][j]) / Double(n)).squareRoot()
                #expect(abs(cov - omega[i][j]) < 4 * se, "cov(\(i), \(j)) = \(cov), Ω = \(omega[i][j])")
            }
        }
        // A profile's etas: ω² = ln(1 + CV²) on the diagonal (herd-2007 states CVs).
        let pm = try ProfileLibrary.load("herd-2007")
        let psim = try NonmemSimulation(dataText: data, model: .profile(pm), replicates: n, seed: 7, residual: nil)
        for (k, v) in pm.profile.variability!.enumerated() {
            let w2 = log(1 + (v.cv! / 100) * (v.cv! / 100))
            let xs = (1...n).map { psim.etas(replicate: $0, individual: 0)[k] }
            let variance = xs.map { $0 * $0 }.reduce(0, +) / Double(n)
            #expect(abs(variance - w2) < 4 * w2 * (2.0 / Double(n)).squareRoot(), "\(v.name): \(variance) vs \(w2)")
        }
    }

    @Test("IPRED = P·exp(η) worked out in the test; eta columns fix the etas; zero etas give IPRED == PRED")
    func individualPredictions() throws {
        let data = """
            ID,TIME,EVID,AMT,CMT,ETA_CL,ETA_V
            1,0,1,100,1,0,0
            1,1,0,0,1,0,0
            1,3,0,0,1,0,0
            2,0,1,100,1,0.3,-0.2
            2,2,0,0,1,0.3,-0.2
            3,0,1,100,1,.,.
            3,2,0,0,1,.,.

            """
        let f = try Self.files(data)
        defer { try? FileManager.default.removeItem(at: f.dir) }
        let r = run(["nm", f.data, "--model", f.model, "--sim", "5", "--seed", "4", "--threads", "2"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err.contains("etas from the data: ETA_CL (ETA_CL), ETA_V (ETA_V)"))
        let rows = r.out.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let h = rows[0]
        func col(_ n: String) -> Int { h.firstIndex(of: n)! }
        #expect(h.contains("ETA_CL_SIM") && h.contains("ETA_KX"))
        var kxSeen = Set<String>()
        for row in rows.dropFirst() {
            let id = row[col("ID")], t = Double(row[col("TIME")])!
            let pred = Double(row[col("PRED")])!, ipred = Double(row[col("IPRED")])!
            let ecl = Double(row[col("ETA_CL_SIM")])!, ev = Double(row[col("ETA_V_SIM")])!
            kxSeen.insert(row[col("ETA_KX")])
            switch id {
            case "1": #expect(ipred == pred && ecl == 0 && ev == 0)
            case "2": #expect(ecl == 0.3 && ev == -0.2)
            default: #expect(ecl == 0 && ev == 0)   // "." reads as 0, as in NONMEM
            }
            let cl = 20 * exp(ecl), v = 30 * exp(ev)
            #expect(isClose(ipred, 1000 * 100 / v * exp(-cl / v * t), rtol: 1e-10), "ID \(id) t \(t)")
            #expect(isClose(pred, 1000 * 100 / 30 * exp(-20.0 / 30 * t), rtol: 1e-10))
        }
        #expect(kxSeen.count == 5 * 3)   // the eta without a column is drawn per replicate and ID

        // Without --sim: the given etas, the others 0; the $TABLE layout (no IREP, no eta columns).
        let plain = run(["nm", f.data, "--model", f.model])
        #expect(plain.code == 0, "\(plain.err)")
        let prow = plain.out.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(prow[0] == ["ID", "TIME", "EVID", "AMT", "CMT", "ETA_CL", "ETA_V", "PRED", "IPRED", "CP", "A_CENTRAL"])
        #expect(prow.count == 8)
        for row in prow.dropFirst() {
            let t = Double(row[1])!, ecl = Double(row[5]) ?? 0, ev = Double(row[6]) ?? 0, ipred = Double(row[8])!   // "." is 0
            #expect(row[5] != "." || row[0] == "3")
            let cl = 20 * exp(ecl), v = 30 * exp(ev)
            #expect(isClose(ipred, 1000 * 100 / v * exp(-cl / v * t), rtol: 1e-10), "ID \(row[0]) t \(t)")
            #expect(row[9] == row[8])
        }
    }

    @Test("SIMDV = IPRED + √(add² + (prop·IPRED)²)·ε: standardised residuals are N(0, 1) within sampling error")
    func residualDistribution() throws {
        let data = "ID,TIME,EVID,AMT,CMT,DV\n1,0,1,100,1,0\n" + (1...8).map { "1,\($0),0,0,1,-1" }.joined(separator: "\n") + "\n"
        let sim = try NonmemSimulation(dataText: data, model: .text(source: Self.model, name: "m", options: ODEOptions()),
                                       replicates: 1500, seed: 11, residual: ResidualError(additive: 5, proportional: 0.2))
        var z: [Double] = []
        for r in 1...1500 {
            let p = try sim.piece(replicate: r, individual: 0)
            for (k, row) in p.rows.enumerated() {
                let y = p.simulatedDV![k]
                if row.evid != 0 { #expect(y.isNaN); continue }
                z.append((y - row.output) / (25 + 0.04 * row.output * row.output).squareRoot())
            }
        }
        let n = Double(z.count)
        #expect(z.count == 1500 * 8)
        let mean = z.reduce(0, +) / n
        let variance = z.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
        #expect(abs(mean) < 4 / n.squareRoot())
        #expect(abs(variance - 1) < 4 * (2 / n).squareRoot())
        let inside = Double(z.filter { abs($0) < 1.959963984540054 }.count) / n
        #expect(abs(inside - 0.95) < 4 * (0.95 * 0.05 / n).squareRoot())
        // The input DV is kept as written.
        let table = try NonmemSimTable(sim)
        let text = table.rows([try sim.piece(replicate: 1, individual: 0)])
        #expect(text.split(separator: "\n").dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false)[6] == "-1" })
    }

    @Test("bad input: one line naming the flag or column, exit 64/1, no output file")
    func badInput() throws {
        let f = try Self.files()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        let out = f.dir.appendingPathComponent("o.csv").path
        let varying = Self.data.replacingOccurrences(of: "ID,TIME,EVID,AMT,CMT,RATE,DV,WT", with: "ID,TIME,EVID,AMT,CMT,RATE,DV,ETA_CL")
            .replacingOccurrences(of: "2,1,0,0,central,0,260,95", with: "2,1,0,0,central,0,260,0.5")
        let vf = f.dir.appendingPathComponent("v.csv").path
        try varying.write(toFile: vf, atomically: true, encoding: .utf8)
        let badCov = f.dir.appendingPathComponent("c.csv").path
        try Self.data.replacingOccurrences(of: "central,0,520,70", with: "central,0,520,heavy").write(toFile: badCov, atomically: true, encoding: .utf8)
        let badCmt = f.dir.appendingPathComponent("k.csv").path
        try Self.data.replacingOccurrences(of: "1,1,0,0,central", with: "1,1,0,0,gut").write(toFile: badCmt, atomically: true, encoding: .utf8)
        let cases: [([String], Int32, String)] = [
            (["--profile", "herd-2007", "--sim", "0"], 64, "--sim: '0'"),
            (["--profile", "clements-1981", "--sim", "2"], 64, "--sim: profile clements-1981 has no between-subject variability"),
            (["--model", "1cmt-iv", "--sim", "2"], 64, "--sim: model 1cmt-iv has no between-subject variability"),
            (["--profile", "herd-2007", "--residual", "prop=0.2"], 64, "--residual: needs --sim"),
            (["--profile", "herd-2007", "--seed", "3"], 64, "--seed: needs --sim"),
            (["--profile", "herd-2007", "--sim", "2", "--residual", "prop=x"], 64, "--residual: prop 'x'"),
            (["--profile", "herd-2007", "--sim", "2", "--residual", "profile"], 64, "--residual: profile herd-2007 has no residual error on CP"),
            (["--model", f.model, "--sim", "2", "--residual", "add=5ng/mL"], 64, "--residual: add '5ng/mL'"),
            (["--profile", "herd-2007", "--sim", "2", "--shard", "3/3"], 64, "--shard: 3 shards for 2 replicates"),
            (["--profile", "herd-2007", "--sim", "2", "--columns", "IREP,NOPE"], 64, "--columns: unknown column 'NOPE'"),
        ]
        for (args, code, text) in cases {
            let r = run(["nm", f.data] + args + ["--out", out])
            #expect(r.code == code, "\(args): \(r.err)")
            #expect(r.err.hasPrefix("ketasim: \(text)"), "\(args): \(r.err)")
            #expect(r.err.filter { $0 == "\n" }.count == 1, "\(args): \(r.err)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(args)")
        }
        let data: [(String, String)] = [
            (badCov, "line 4, column WT: 'heavy' is not a number (covariate WT of profile herd-2007)"),
            (badCmt, "line 5, column CMT: 'gut' is not a compartment"),
            (vf, "line 10, column ETA_CL: 0.5 differs from 95 on line 8"),
        ]
        for (path, text) in data {
            let r = run(["nm", path, "--profile", "herd-2007", "--sim", "2", "--out", out])
            #expect(r.code == 1, "\(path): \(r.err)")
            #expect(r.err.contains(text), "\(r.err)")
            #expect(r.err.filter { $0 == "\n" }.count == 1, "\(r.err)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test("--out: CSV with the header first (Python's csv reads it), sidecar names seed and replicates")
    func sidecar() throws {
        let f = try Self.files()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        let out = f.dir.appendingPathComponent("sim.csv").path
        let r = run(["nm", f.data, "--model", f.model, "--sim", "4", "--seed", "9", "--residual", "prop=0.1", "--out", out])
        #expect(r.code == 0, "\(r.err)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.hasPrefix("IREP,ID,TIME,EVID,AMT,CMT,RATE,DV,WT,PRED,IPRED,SIMDV,CP,A_CENTRAL,ETA_CL,ETA_V,ETA_KX\n"))
        let meta = try String(contentsOfFile: out + ".meta.json", encoding: .utf8)
        #expect(meta.contains("4 replicates") && meta.contains("seed 9"))
        if let rows = try pythonCSV(text) {
            #expect(rows.count == 1 + 4 * 10)
            #expect(rows.allSatisfy { $0.count == 17 })
        } else if ProcessInfo.processInfo.environment["KETASIM_REQUIRE_TOOLS"] == "1" {
            Issue.record("python3 is required under CI")
        }
    }
}
