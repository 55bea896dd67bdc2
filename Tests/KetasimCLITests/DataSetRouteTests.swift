import Foundation
import Testing
@testable import KetasimCLI

/// A NONMEM data set dosing a profile's absorption depot (CMT depot.po) is absorbed like a dose by
/// that route: the route's bioavailability and lag apply (NONMEM's F<n>/ALAG<n> of the compartment),
/// and a note names the route's other input (first pass) that one record does not give.
@Suite("Data-set doses into a route's depot")
struct DataSetRouteTests {
    static func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
        let c = Captured()
        return (Ketasim.run(args, console: c.console), c.out, c.err)
    }

    /// CP by TIME from a CSV with TIME and CP columns.
    static func cp(_ csv: String, time: String = "TIME") throws -> [Double: Double] {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let t = try #require(lines[0].firstIndex(of: time)), c = try #require(lines[0].firstIndex(of: "CP"))
        var out: [Double: Double] = [:]
        for l in lines.dropFirst() { out[Double(l[t])!] = Double(l[c])! }
        return out
    }

    /// Writes `csv` as a data set and runs `nm --profile P --columns TIME,CP` on it: CP by TIME.
    static func nm(_ csv: String, profile: String = "clements-1981") throws -> (code: Int32, err: String, cp: [Double: Double]) {
        let data = tempDir().appendingPathComponent("d.csv").path
        try csv.write(toFile: data, atomically: true, encoding: .utf8)
        let r = run(["nm", data, "--profile", profile, "--columns", "TIME,CP"])
        return (r.code, r.err, r.code == 0 ? try cp(r.out) : [:])
    }

    /// The typical value of a parameter in a profile file of the repository.
    static func parameter(_ name: String, profile: String) throws -> Double {
        let data = try Data(contentsOf: URL(fileURLWithPath: SharedData_repo("Profiles/\(profile).profile.json")))
        let obj = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let ps = try #require(obj["parameters"] as? [[String: Any]])
        return try #require(ps.first { $0["name"] as? String == name }?["value"] as? Double)
    }

    @Test("nm --profile: a PO dose into depot.po gets F_PO (the ratio to F_PO = 1 is F_PO) and equals simulate --route po")
    func nmDepotGetsRouteF() throws {
        let r = try Self.nm("ID,TIME,EVID,AMT,CMT\n1,0,1,70,depot.po\n1,0.5,0,0,central\n1,1,0,0,central\n1,2,0,0,central\n")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err.contains("note: doses into 'depot.po' get route po's F and lag") && r.err.contains("'depot.po.firstpass' (CMT 4)"), "\(r.err)")
        let withF = r.cp
        // A column named like the parameter overrides it: F_PO = 1 is the whole dose absorbed.
        let r1 = try Self.nm("ID,TIME,EVID,AMT,CMT,F_PO\n1,0,1,70,depot.po,1\n1,0.5,0,0,central,1\n1,1,0,0,central,1\n1,2,0,0,central,1\n")
        #expect(r1.code == 0, "\(r1.err)")
        let fPO = try Self.parameter("F_PO", profile: "clements-1981")
        #expect(fPO > 0 && fPO < 0.5)
        for (t, c1) in r1.cp where t > 0 {
            let c = try #require(withF[t])
            #expect(abs(c / c1 - fPO) <= 1e-12 * fPO, "t = \(t): \(c) / \(c1) vs F_PO \(fPO)")
        }
        // The route's own path (regimen, not data set) gives the same parent concentration.
        let sim = Self.run(["simulate", "--route", "po", "--dose", "70mg", "--format", "csv", "--duration", "2h"])
        #expect(sim.code == 0, "\(sim.err)")
        let viaRoute = try Self.cp(sim.out, time: "time_h")
        for t in [0.5, 1.0, 2.0] {
            let a = try #require(withF[t]), b = try #require(viaRoute[t])
            #expect(abs(a - b) <= 1e-9 * b, "t = \(t): nm \(a) vs simulate \(b)")
        }
    }

    @Test("an F3 column wins over the route's F_PO (NONMEM data-set F); racemic-adult-2026's depot.po (fed by PO and by IN's swallowed part) gets F_PO too")
    func columnWinsAndSharedDepot() throws {
        let f3 = try Self.nm("ID,TIME,EVID,AMT,CMT,F3\n1,0,1,70,depot.po,1\n1,1,0,0,central,1\n")
        let fpo = try Self.nm("ID,TIME,EVID,AMT,CMT,F_PO\n1,0,1,70,depot.po,1\n1,1,0,0,central,1\n")
        #expect(f3.code == 0 && fpo.code == 0, "\(f3.err) \(fpo.err)")
        #expect(f3.cp[1] != nil && f3.cp[1] == fpo.cp[1])
        // racemic-adult-2026: the data-set dose into depot.po gives simulate --route po's parent curve.
        let nm = try Self.nm("ID,TIME,EVID,AMT,CMT\n1,0,1,70,depot.po\n1,1,0,0,central\n1,2,0,0,central\n", profile: "racemic-adult-2026")
        let sim = Self.run(["simulate", "--profile", "racemic-adult-2026", "--route", "po", "--dose", "70mg", "--format", "csv", "--duration", "2h"])
        #expect(nm.code == 0 && sim.code == 0, "\(nm.err) \(sim.err)")
        let a = nm.cp, b = try Self.cp(sim.out, time: "time_h")
        for t in [1.0, 2.0] { #expect(abs(try #require(a[t]) - (try #require(b[t]))) <= 1e-9 * (try #require(b[t])), "t = \(t)") }
    }

    @Test("a depot whose route fraction is no single parameter (a nasal device rule) is named: its doses enter at F = 1")
    func deviceDepotNamed() throws {
        let data = tempDir().appendingPathComponent("in.csv").path
        try "ID,TIME,EVID,AMT,CMT\n1,0,1,28,depot.nasal\n1,1,0,0,1\n".write(toFile: data, atomically: true, encoding: .utf8)
        let r = Self.run(["nm", data, "--profile", "perez-ruixo-2021"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err.contains("doses into 'depot.nasal' enter at F = 1 with no lag") && r.err.contains("give F1"), "\(r.err)")
        #expect(!r.err.contains("get route in's F"))
    }

    @Test("batch --data: the same note; both depots dosed: no note")
    func batchNote() throws {
        let dir = tempDir()
        let data = dir.appendingPathComponent("po.csv").path
        try "ID,TIME,EVID,AMT,CMT\n1,0,1,70,3\n1,0.5,0,0,8\n1,1,0,0,8\n".write(toFile: data, atomically: true, encoding: .utf8)
        let r = Self.run(["batch", "--profile", "clements-1981", "--n", "3", "--data", data])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err.contains("note: --data: doses into 'depot.po' get route po's F and lag"), "\(r.err)")
        try "ID,TIME,EVID,AMT,CMT\n1,0,1,70,3\n1,0,1,70,4\n1,0.5,0,0,8\n1,1,0,0,8\n".write(toFile: data, atomically: true, encoding: .utf8)
        let both = Self.run(["batch", "--profile", "clements-1981", "--n", "3", "--data", data])
        #expect(both.code == 0 && !both.err.contains("get route po's F"), "\(both.err)")
    }
}
