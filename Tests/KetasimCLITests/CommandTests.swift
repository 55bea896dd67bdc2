import Foundation
import Testing
import PKCore
import TestSupport
@testable import KetasimCLI

/// Commands run in-process through `Ketasim.run`, with captured output.
final class Captured: @unchecked Sendable {
    var out = ""
    var err = ""
    var console: Ketasim.Console {
        Ketasim.Console(out: { self.out += $0 }, err: { self.err += $0 }, isTerminal: false, width: 100)
    }
}

func ketasim(_ args: String...) -> (code: Int32, out: String, err: String) {
    let c = Captured()
    let code = Ketasim.run(args, console: c.console)
    return (code, c.out, c.err)
}

func tempDir() -> URL {
    let u = FileManager.default.temporaryDirectory.appendingPathComponent("ketasim-test-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    return u
}

@Suite("CLI commands")
struct CommandTests {
    @Test("compare with no arguments: five default arms, disclaimer, exact IV peak")
    func compareDefaults() throws {
        let r = ketasim("compare")
        #expect(r.code == 0)
        #expect(r.out.contains("not medical advice"))
        for label in ["IV infusion 0.5 mg/kg (35 mg) over 40 min", "IM 0.5 mg/kg", "IN 50 mg", "SL 100 mg", "PO 1 mg/kg"] {
            #expect(r.out.contains(label), "missing \(label)")
        }
        #expect(!r.out.contains("Cp ng/mL\n"), "no chart when stdout is not a terminal")
        let chart = ketasim("compare", "--chart")
        #expect(chart.out.contains("Cp ng/mL") && chart.out.contains("band 100-250 ng/mL"))
    }

    @Test("compare JSON: every IV metric equals the 2-compartment closed form (peak, AUC, band minutes, level time, t1/2)")
    func compareJSON() throws {
        let r = ketasim("compare", "--routes", "iv", "--doses", "0.5mg/kg", "--format", "json")
        #expect(r.code == 0, "\(r.err)")
        let obj = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        let arm = (obj["arms"] as! [[String: Any]])[0]
        let metrics = arm["metrics"] as! [String: Any]
        func value(_ key: String) throws -> Double { try #require(metrics[key] as? Double, "\(key)") }
        // Independent: Clements 1981 at 70 kg, 35 mg over 40 min, in closed form (TestSupport.TwoCompartment).
        let m = TwoCompartment.clements(weightKg: 70)
        let tEnd = 40.0 / 60, endH = try #require((arm["timesH"] as? [Double])?.last)
        #expect(endH == 24)
        func cp(_ t: Double) -> Double { 1000 * m.infusion(doseMg: 35, durationH: tEnd, t: t) }
        #expect(isClose(try value("cmaxNgPerML"), cp(tEnd), rtol: 1e-10))          // 177.3 ng/mL
        #expect(isClose(try value("tmaxH"), tEnd, rtol: 1e-9))
        #expect(isClose(try value("auc0tNgHPerML"), 1000 * m.infusionArea(doseMg: 35, durationH: tEnd, to: 24), rtol: 1e-10))
        #expect(isClose(try value("aucInfNgHPerML"), 1000 * m.areaToInfinity(doseMg: 35), rtol: 1e-10))
        #expect(isClose(try value("terminalHalfLifeH"), log(2) / m.rates.beta, rtol: 1e-10))
        // Band 100-250 in 0-90 min: the peak (177 ng/mL) stays below 250, so the minutes are those above
        // 100, from the rise during the infusion to the fall after it (before 90 min).
        let up = crossing(cp, level: 100, lo: 0, hi: tEnd), down = crossing(cp, level: 100, lo: tEnd, hi: 12)
        #expect(cp(tEnd) < 250 && down < 1.5)
        #expect(try value("windowStartH") == 0 && value("windowEndH") == 1.5)
        #expect(isClose(try value("minutesInBand"), (down - up) * 60, rtol: 1e-9))    // 50.6 min
        #expect(isClose(try value("dischargeH"), down, rtol: 1e-9))                    // 1:08 h
        #expect((obj["disclaimer"] as! String).contains("not medical advice"))
    }

    @Test("compare JSON: the default IM, IN, SL and PO arms peak where the first-order-input closed form does")
    func compareAbsorptionRoutes() throws {
        let r = ketasim("compare", "--format", "json")
        #expect(r.code == 0, "\(r.err)")
        let obj = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        let arms = try #require(obj["arms"] as? [[String: Any]])
        #expect(arms.count == 5)
        // Clements 1981 at 70 kg with the profile's (F, KA /h) per route; the parent sees only the first
        // input of PO and SL (the presystemic part goes to the metabolite). Peak where dC/dt = 0.
        let m = TwoCompartment.clements(weightKg: 70)
        let expected: [(label: String, mg: Double, f: Double, ka: Double)] = [
            ("IM 0.5 mg/kg", 35, 0.93, 14.8), ("IN 50 mg", 50, 0.45, 5.2), ("SL 100 mg", 100, 0.29, 1.44), ("PO 1 mg/kg", 70, 0.20, 0.992)]
        for e in expected {
            let arm = try #require(arms.first { ($0["label"] as? String)?.hasPrefix(e.label) == true }, "\(e.label)")
            let metrics = try #require(arm["metrics"] as? [String: Any])
            #expect(arm["doseMg"] as? Double == e.mg)
            let tmax = crossing({ m.firstOrder(doseMg: e.mg, f: e.f, kaPerH: e.ka, t: $0, derivative: true) }, level: 0, lo: 1e-6, hi: 24)
            #expect(isClose(metrics["tmaxH"] as? Double ?? .nan, tmax, rtol: 1e-8), "\(e.label)")
            #expect(isClose(metrics["cmaxNgPerML"] as? Double ?? .nan, 1000 * m.firstOrder(doseMg: e.mg, f: e.f, kaPerH: e.ka, t: tmax), rtol: 1e-10), "\(e.label)")
            #expect(isClose(metrics["aucInfNgHPerML"] as? Double ?? .nan, 1000 * m.areaToInfinity(doseMg: e.f * e.mg), rtol: 1e-10), "\(e.label)")
        }
    }

    @Test("simulate: CSV whose first line is the header, one row per grid point; provenance on one stderr line")
    func simulateCSV() {
        let r = ketasim("simulate", "--route", "im", "--dose", "0.5mg/kg", "--weight", "80kg", "--duration", "2h", "--step", "10min", "--format", "csv")
        #expect(r.code == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n")
        #expect(lines.first == "arm,route,dose_mg,time_h,CP,CM,CE,Ce_olofsen-2022-perception,Ce_over_C50_olofsen-2022-perception")
        #expect(!r.out.contains("#"))
        #expect(r.err.hasPrefix("ketasim simulate: Model predictions") && r.err.contains("clements-1981") && r.err.split(separator: "\n").count == 1)
        #expect(lines.filter { $0.hasPrefix("IM ") }.count == 13)   // 0, 10, ..., 120 min; the label holds no comma, so RFC 4180 leaves it unquoted
        #expect(r.out.contains("arm,route,dose_mg,time_h,CP,CM,CE,Ce_olofsen-2022-perception"))
    }

    @Test("usage errors exit 64 with a one-line message naming the flag and value", arguments: [
        (["simulate", "--route", "xx", "--dose", "1mg"], "--route: unknown route 'xx'"),
        (["simulate", "--route", "im", "--dose", "0.5"], "--dose: '0.5' has no unit"),
        (["simulate", "--route", "im", "--dose", "-1mg"], "--dose: '-1mg' is negative"),
        (["simulate", "--route", "im"], "--dose: required"),
        (["simulate", "--route", "im", "--dose", "1mg", "--weight", "70"], "--weight: '70' has no unit"),
        (["simulate", "--route", "im", "--dose", "1mg", "--count", "3"], "--count: 3 doses need --every"),
        (["simulate", "--route", "im", "--dose", "1mg", "--bogus"], "unknown option '--bogus'"),
        (["compare", "--routes", "iv,im", "--doses", "1mg"], "--doses: 1 doses for 2 routes"),
        (["compare", "--band", "250-100ng/mL"], "--band: '250-100ng/mL' needs LOW < HIGH"),
        (["compare", "--format", "xml"], "--format: unknown format 'xml'"),
        (["frobnicate"], "unknown command 'frobnicate'"),
        (["nm"], "nm: missing DATA.csv"),
    ])
    func usageErrors(args: [String], message: String) {
        let c = Captured()
        let code = Ketasim.run(args, console: c.console)
        #expect(code == 64)
        #expect(c.err.hasPrefix("ketasim: \(message)"), "\(c.err)")
        #expect(c.err.split(separator: "\n").count == 1)
        #expect(c.out.isEmpty)
    }

    @Test("every command's help has an example and the disclaimer", arguments: ["compare", "simulate", "nm"])
    func help(command: String) {
        let r = ketasim(command, "--help")
        #expect(r.code == 0)
        #expect(r.out.contains("Example: ketasim \(command)"))
        #expect(r.out.contains("not medical advice"))
    }

    @Test("nm writes the output file atomically; a bad data set exits 1 and leaves no file")
    func nmFiles() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.csv"), bad = dir.appendingPathComponent("bad.csv")
        try "ID,TIME,EVID,AMT,CMT\n1,0,1,100,1\n1,1,0,0,1\n".write(to: good, atomically: true, encoding: .utf8)
        try "ID,TIME,EVID,AMT,CMT\n1,0,1,100,1\n1,1,0,0,9\n".write(to: bad, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out.csv").path
        let ok = ketasim("nm", good.path, "--model", "1cmt-iv", "--out", out)
        #expect(ok.code == 0, "\(ok.err)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.hasPrefix("ID,TIME,EVID,AMT,CMT,PRED,IPRED,CP,A_CENTRAL\n"))
        let failed = ketasim("nm", bad.path, "--model", "1cmt-iv", "--out", dir.appendingPathComponent("out2.csv").path)
        #expect(failed.code == 1)
        #expect(failed.err.contains("line 3, column CMT"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(leftovers == ["bad.csv", "good.csv", "out.csv", "out.csv.meta.json"])
    }

    @Test("model files: unknown names and malformed JSON are errors naming the field")
    func modelFiles() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("d.csv")
        try "ID,TIME,EVID,AMT,CMT\n1,0,1,100,1\n".write(to: data, atomically: true, encoding: .utf8)
        let cases: [(String, String)] = [
            ("{\"name\": \"x\"}", "field 'parameters' is missing"),
            ("{not json", "not valid JSON"),
            ("""
            {"name":"x","parameters":[{"name":"CL","value":1}],"compartments":[{"name":"C","volume":"V"}],"flows":[],"outputs":[{"name":"CP","compartment":"C"}]}
            """, "compartments.C.volume: unknown parameter 'V'"),
            ("""
            {"name":"x","parameters":[{"name":"V","value":1}],"compartments":[{"name":"C","volume":"V"}],"flows":[{"from":"C","to":null,"rate":"CL/V"}],"outputs":[{"name":"CP","compartment":"C"}]}
            """, "flows[0].rate: unknown parameter 'CL'"),
            ("""
            {"name":"x","parameters":[{"name":"V","value":-1}],"compartments":[{"name":"C","volume":"V"}],"flows":[],"outputs":[{"name":"CP","compartment":"C"}]}
            """, "V: volume of 'C' must be positive"),
        ]
        for (i, (json, message)) in cases.enumerated() {
            let m = dir.appendingPathComponent("m\(i).json")
            try json.write(to: m, atomically: true, encoding: .utf8)
            let r = ketasim("nm", data.path, "--model", m.path)
            #expect(r.code == 1)
            #expect(r.err.contains(message), "\(r.err)")
        }
        #expect(ketasim("nm", data.path, "--model", "nosuchmodel").code == 64)
    }
}
