import Foundation
import Testing
@testable import KetasimCLI

/// Defects a new user found by trying the commands (session 13): each ran with exit 0 and a
/// wrong or silently changed result, or broke the 80-column bar.
@Suite("New-user report: silent results refused, output within 80 columns")
struct NewUserReportTests {
    private func run(_ args: [String], width: Int = 80) -> (code: Int32, out: String, err: String) {
        var out = "", err = ""
        let console = Ketasim.Console(out: { out += $0 }, err: { err += $0 }, isTerminal: false, width: width)
        let code = Ketasim.run(args, console: console)
        return (code, out, err)
    }

    private func expectUsage(_ args: [String], _ message: String) {
        let r = run(args)
        #expect(r.code == 64 && r.err.contains(message) && r.err.split(separator: "\n").count == 1, "\(args): \(r.err)")
    }

    @Test("batch: a dose per kg beyond 5 g for a 70 kg adult is refused like a dose in mg (it ran: Cmax 3.5e302 ng/mL)")
    func dosePerKgLimit() {
        expectUsage(["batch", "--n", "3", "--dose", "1e300mg/kg"], "--dose: 1e+300 mg/kg is ")
        expectUsage(["batch", "--n", "3", "--dose", "72mg/kg"], "--dose: 72 mg/kg is 5040 mg for a 70 kg adult, beyond any ketamine dose (> 5 g)")
        expectUsage(["batch", "--n", "3", "--dose", "5000.1mg"], "--dose: 5000.1 mg is beyond any ketamine dose (> 5 g)")
        // 71 mg/kg is 4970 mg at 70 kg: a dose (absurd, but not a unit slip).
        #expect(run(["batch", "--n", "3", "--duration", "2h", "--dose", "71mg/kg"]).code == 0)
    }

    @Test("--every without --count is refused as --count without --every is (it ran one dose)", arguments: ["batch", "simulate"])
    func everyNeedsCount(command: String) {
        let n = command == "batch" ? ["--n", "3"] : []
        expectUsage([command, "--route", "iv", "--dose", "0.5mg/kg", "--every", "12h"] + n, "--every: '12h' needs --count")
        #expect(run([command, "--route", "iv", "--dose", "0.5mg/kg", "--every", "12h", "--count", "1", "--duration", "2h"] + n).code == 0)
    }

    @Test("batch: a grid that ends inside the last infusion is refused (its peak was cut short: Cmax 109.5 for 177.3)")
    func gridEndsInsideInfusion() {
        expectUsage(["batch", "--n", "3", "--duration", "20min"], "--duration: 0.333333 h ends before the last infusion does at 0.666667 h")
        expectUsage(["batch", "--n", "3", "--infusion", "30h"], "--duration: 24 h ends before the last infusion does at 30 h")
        // Ending exactly at the end of the infusion keeps its peak.
        #expect(run(["batch", "--n", "3", "--duration", "40min", "--step", "1min"]).code == 0)
    }

    @Test("--residual beyond any error model is refused (prop=1e308 gave percentile bands of NaN)", arguments: [
        ("prop=1e308", "--residual: prop '1e308' is beyond any residual error model (at most 10)"),
        ("exp=50", "--residual: exp '50' is beyond any residual error model (at most 5)"),
        ("add=1e308ng/mL", "--residual: add '1e308ng/mL' is beyond any residual error model"),
    ])
    func residualLimits(text: String, message: String) {
        expectUsage(["batch", "--n", "3", "--duration", "2h", "--residual", text], message)
    }

    @Test("hexadecimal numbers in data files are not numbers (0x46 was read as a weight of 70 kg, 0x10 as TIME 16)")
    func hexadecimalCells() throws {
        let dir = tempDir()
        let subjects = dir.appendingPathComponent("s.csv").path
        try "ID,WT\n1,0x46\n".write(toFile: subjects, atomically: true, encoding: .utf8)
        let b = run(["batch", "--subjects", subjects, "--n", "1", "--duration", "2h"])
        #expect(b.code == 1 && b.err.contains("column WT: '0x46' is not a finite number"), "\(b.err)")
        let data = dir.appendingPathComponent("d.csv").path
        try "ID,TIME,EVID,AMT,CMT\n1,0,1,35,1\n1,0x10,0,0,1\n".write(toFile: data, atomically: true, encoding: .utf8)
        let n = run(["nm", data, "--profile", "herd-2007"])
        #expect(n.code != 0 && n.err.contains("column TIME: '0x10' is not a number"), "\(n.err)")
    }

    @Test("merge refuses shards of which only some have a per-subject file (the merged file silently lacked their subjects)")
    func mergeMixedPerSubject() throws {
        let dir = tempDir()
        let p1 = dir.appendingPathComponent("p1.json").path, p2 = dir.appendingPathComponent("p2.json").path
        let common = ["batch", "--n", "6", "--duration", "2h"]
        #expect(run(common + ["--shard", "1/2", "--out", p1]).code == 0)
        #expect(run(common + ["--shard", "2/2", "--out", p2, "--summary-only"]).code == 0)
        let m = run(["merge", p1, p2, "--out", dir.appendingPathComponent("m.json").path])
        #expect(m.code == 1 && m.err.contains("--per-subject: shard \(p2) has no per-subject file") && m.err.contains("--summary-only"), "\(m.err)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("m.json").path))
        #expect(run(["merge", p1, p2, "--summary-only", "--out", dir.appendingPathComponent("m.json").path]).code == 0)
    }

    @Test("batch: --start without --protocol and a --threshold name given twice are refused (they were ignored or doubled)")
    func ignoredOptions() {
        expectUsage(["batch", "--n", "3", "--start", "2026-12-01"], "--start: only with --protocol")
        expectUsage(["batch", "--n", "3", "--threshold", "a=100ng/mL", "--threshold", "A=200ng/mL"], "--threshold: the name 'A' is given twice")
    }

    @Test("batch --model refuses an output declared in another unit than ng/mL (mg/L was reported as ng/mL, 1000x too low)")
    func textModelOutputUnit() throws {
        let dir = tempDir()
        func model(_ unit: String) throws -> String {
            let path = dir.appendingPathComponent("m\(unit.count).model").path
            try """
                [parameters]
                CL = 60 [L/h]
                V = 100 [L]
                [odes]
                d/dt(central) = -CL / V * central
                [outputs]
                CP = \(unit == "[mg/L]" ? "" : "1000 * ")central / V \(unit)
                """.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let mgPerL = try model("[mg/L]")
        expectUsage(["batch", "--model", mgPerL, "--n", "3", "--route", "iv-bolus", "--dose", "35mg", "--duration", "2h"],
                    "output CP is in 'mg/L'; batch reads it in ng/mL")
        for unit in ["[ng/mL]", "[ug/L]", ""] {
            let r = run(["batch", "--model", try model(unit), "--n", "3", "--route", "iv-bolus", "--dose", "35mg", "--duration", "2h"])
            #expect(r.code == 0, "\(unit): \(r.err)")
            // 35 mg in 100 L: 350 ng/mL at the bolus.
            #expect(r.out.contains("350.0"), "\(unit)")
        }
    }

    @Test("nm: a negative weight, a TIME past any study and an unknown --columns name are one line naming the row or flag")
    func nmMessages() throws {
        let dir = tempDir()
        func data(_ text: String) throws -> String {
            let p = dir.appendingPathComponent("d\(text.count).csv").path
            try text.write(toFile: p, atomically: true, encoding: .utf8)
            return p
        }
        let wt = run(["nm", try data("ID,TIME,EVID,AMT,CMT,WT\n1,0,1,35,1,-70\n1,1,0,0,1,-70\n"), "--profile", "herd-2007"])
        #expect(wt.code == 1 && wt.err.contains("line 2, column WT: -70 kg is not a plausible body weight") && wt.err.split(separator: "\n").count == 1, "\(wt.err)")
        let t = run(["nm", try data("ID,TIME,EVID,AMT,CMT\n1,0,1,35,1\n1,1e300,0,0,1\n"), "--profile", "herd-2007"])
        #expect(t.code == 1 && t.err.contains("line 3, column TIME: 1e+300 is beyond any study"), "\(t.err)")
        let c = run(["nm", try data("ID,TIME,EVID,AMT,CMT\n1,0,1,35,1\n1,1,0,0,1\n"), "--profile", "herd-2007", "--columns", "ID,FOO"])
        #expect(c.code == 64 && c.err.contains("--columns: unknown column 'FOO'") && c.err.split(separator: "\n").count == 1, "\(c.err)")
    }

    @Test("batch --protocol takes a protocol file as plan does: the same subjects as the built-in one, its checksum in the run")
    func protocolFile() throws {
        let catalog = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: SharedData_repo("Profiles/protocols.json")))) as! [String: Any]
        let murrough = try #require((catalog["protocols"] as! [[String: Any]]).first { $0["id"] as? String == "murrough-2013" })
        let dir = tempDir()
        let file = dir.appendingPathComponent("mine.json").path
        try JSONSerialization.data(withJSONObject: ["protocols": [murrough]]).write(to: URL(fileURLWithPath: file))
        let common = ["batch", "--n", "5", "--profile", "racemic-adult-2026"]
        let a = dir.appendingPathComponent("a.json").path, b = dir.appendingPathComponent("b.json").path
        let builtin = run(common + ["--protocol", "murrough-2013", "--out", a])
        let fromFile = run(common + ["--protocol", file, "--out", b])
        #expect(builtin.code == 0 && fromFile.code == 0, "\(builtin.err) \(fromFile.err)")
        let ra = try String(contentsOfFile: dir.appendingPathComponent("a.subjects.csv").path, encoding: .utf8)
        let rb = try String(contentsOfFile: dir.appendingPathComponent("b.subjects.csv").path, encoding: .utf8)
        #expect(ra == rb && ra.split(separator: "\n").count == 6)
        let doc = try String(contentsOfFile: b, encoding: .utf8)
        #expect(doc.contains("protocol murrough-2013 from mine.json (FNV-1a "), "\(doc.prefix(600))")
        expectUsage(common + ["--protocol", dir.appendingPathComponent("none.json").path], "--protocol: unknown protocol")
    }

    @Test("review: a protocol file's doses are held to 5 g; minute-made infusion ends are not refused by rounding; the protocol path checks its last infusion")
    func reviewProtocolAndInfusion() throws {
        let catalog = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: SharedData_repo("Profiles/protocols.json")))) as! [String: Any]
        var murrough = try #require((catalog["protocols"] as! [[String: Any]]).first { $0["id"] as? String == "murrough-2013" })
        murrough["dose"] = ["mgPerKg": 500]
        let file = tempDir().appendingPathComponent("slip.json").path
        try JSONSerialization.data(withJSONObject: ["protocols": [murrough]]).write(to: URL(fileURLWithPath: file))
        expectUsage(["batch", "--n", "3", "--profile", "racemic-adult-2026", "--protocol", file], "a dose of 35000 mg for a 70 kg adult is beyond any ketamine dose (> 5 g)")
        // 3 × 12 min is 0.6000000000000001 h in hours, after the grid's 36 min (0.6): the infusion
        // would still run at the end (discharge and AUCinf undefined), so refused, saying why.
        expectUsage(["batch", "--n", "3", "--every", "12min", "--count", "3", "--infusion", "12min", "--duration", "36min", "--step", "1min"],
                    "--duration: 0.6 h ends before the last infusion does at 0.6000000000000001 h (times add up in hours)")
        let past = run(["batch", "--n", "3", "--every", "12min", "--count", "3", "--infusion", "12min", "--duration", "37min", "--step", "1min", "--per-subject", tempDir().appendingPathComponent("p.csv").path])
        #expect(past.code == 0, "\(past.err)")
        let r = run(["batch", "--n", "3", "--profile", "racemic-adult-2026", "--protocol", "murrough-2013", "--duration", "264.3h"])
        #expect(r.code == 64 && r.err.contains("ends before the protocol's last infusion does at 264.667 h"), "\(r.err)")
    }

    @Test("review: a WT cell '.' is not checked as a weight; a WT parameter of a text model is held to a body weight; units of a model output are read as Units reads them; --residual numbers are decimal")
    func reviewWeightUnitsResidual() throws {
        let dir = tempDir()
        let dotted = dir.appendingPathComponent("dot.csv").path
        try "ID,TIME,EVID,AMT,CMT,WT\n1,0,1,35,1,.\n1,1,0,0,1,.\n".write(toFile: dotted, atomically: true, encoding: .utf8)
        let plain = dir.appendingPathComponent("plain.model").path
        try "[parameters]\nK = 0.1 [1/h]\n[odes]\nd/dt(central) = -K * central\n[outputs]\nCP = central [ng/mL]\n".write(toFile: plain, atomically: true, encoding: .utf8)
        let dottedRun = run(["nm", dotted, "--model", plain])
        #expect(dottedRun.code == 0, "\(dottedRun.err)")
        let dottedProfile = run(["nm", dotted, "--profile", "herd-2007"])
        #expect(dottedProfile.code == 1 && dottedProfile.err.contains("line 2, column WT: '.' is not a body weight (profile herd-2007 scales by WT)"), "\(dottedProfile.err)")
        let model = dir.appendingPathComponent("wt.model").path
        try """
            [parameters]
            WT = 70 [kg]
            [odes]
            d/dt(central) = -0.1 * central
            [outputs]
            CP = 1000 * central / WT [ng / mL]
            """.write(toFile: model, atomically: true, encoding: .utf8)
        let negative = dir.appendingPathComponent("neg.csv").path
        try "ID,TIME,EVID,AMT,CMT,WT\n1,0,1,35,1,-70\n1,1,0,0,1,-70\n".write(toFile: negative, atomically: true, encoding: .utf8)
        let n = run(["nm", negative, "--model", model])
        #expect(n.code == 1 && n.err.contains("line 2, column WT: -70 kg is not a plausible body weight"), "\(n.err)")
        #expect(run(["batch", "--model", model, "--n", "3", "--route", "iv-bolus", "--dose", "35mg", "--duration", "2h"]).code == 0)
        expectUsage(["batch", "--n", "3", "--duration", "2h", "--residual", "add=2000mg/L"], "(at most 1000000 ng/mL)")
        expectUsage(["batch", "--n", "3", "--duration", "2h", "--residual", "prop=0x0.4p0"], "--residual: prop '0x0.4p0' must be a number >= 0")
        expectUsage(["batch", "--n", "3", "--duration", "2h", "--percentiles", "5,0x32"], "--percentiles: '5,0x32' must be comma-separated numbers")
    }

    @Test("clinician report: with --out the WARNING lines still reach the console; a dose of 0 and a lag past the simulation are refused")
    func clinicianReport() throws {
        let dir = tempDir()
        for (command, extra) in [("simulate", ["--route", "im", "--dose", "4mg/kg"]), ("compare", ["--routes", "im", "--doses", "4mg/kg"])] {
            for format in ["csv", "json", "table"] {
                let out = dir.appendingPathComponent("\(command).\(format)").path
                let r = run([command] + extra + ["--format", format, "--out", out])
                #expect(r.code == 0 && r.out.isEmpty, "\(command) \(format): \(r.err)")
                // IM 4 mg/kg peaks near 1600 ng/mL: the anaesthesia band.
                #expect(r.err.contains("ketasim \(command): WARNING IM 4 mg/kg") && r.err.contains("anaesthe"), "\(command) \(format): \(r.err)")
            }
        }
        #expect(!run(["simulate", "--route", "iv", "--dose", "0.5mg/kg"]).err.contains("WARNING"))
        for command in [["simulate", "--route", "iv", "--dose", "0mg"], ["compare", "--routes", "iv", "--doses", "0mg/kg"], ["batch", "--n", "3", "--dose", "0mg"]] {
            expectUsage(command, "'\(command.contains("0mg") ? "0mg" : "0mg/kg")' must be greater than zero")
        }
        expectUsage(["simulate", "--route", "im", "--dose", "35mg", "--lag", "25h"], "--lag: '25h' is not shorter than --duration 24 h")
        #expect(run(["simulate", "--route", "im", "--dose", "35mg", "--lag", "23h"]).code == 0)
    }

    @Test("clinician report: an empty output name and a blood pressure no cuff reads are usage errors; a sub-hour interval reads in minutes")
    func clinicianInputs() {
        expectUsage(["simulate", "--route", "iv", "--dose", "0.5mg/kg", "--out", ""], "--out: an empty file name")
        expectUsage(["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--bp", "300/20"], "--bp: '300/20' is not SYSTOLIC/DIASTOLIC")
        let r = run(["simulate", "--route", "po", "--dose", "100mg", "--every", "45min", "--count", "3"])
        #expect(r.code == 0 && r.out.contains("Repeated every 45 min, 3 doses"), "\(r.err)")
    }

    @Test("clinician report: simulate and compare name the planner's fast-IV rules (a 2 mg/kg bolus: iv-fast-bolus); a weight below 2 kg is refused")
    func fastIVAndWeight() {
        // (A wide console: the warning's words on one line.)
        let bolus = run(["simulate", "--route", "iv-bolus", "--dose", "2mg/kg"], width: 400)
        #expect(bolus.code == 0 && bolus.out.contains("rule iv-fast-bolus ('plan' level: block)") && bolus.out.contains("2 mg/kg IV over 0 min (a bolus)"), "\(bolus.out.suffix(1500))")
        // 1 mg/kg over 10 min is 0.1 mg/kg/min: under the 0.2 of iv-fast-bolus; over 5 min (0.2) not faster either, over 4 min it is.
        let slow = run(["simulate", "--route", "iv", "--dose", "1mg/kg", "--infusion", "10min"], width: 400)
        #expect(slow.code == 0 && !slow.out.contains("iv-fast-bolus"))
        let fast = run(["compare", "--routes", "iv", "--doses", "1mg/kg", "--infusion", "4min"], width: 400)
        #expect(fast.code == 0 && fast.out.contains("rule iv-fast-bolus"), "\(fast.err)")
        #expect(!run(["simulate", "--route", "iv", "--dose", "0.5mg/kg"]).out.contains("WARNING"))
        expectUsage(["simulate", "--route", "iv", "--dose", "35mg", "--weight", "1000g"], "--weight: '1000g' is not a plausible body weight (< 2 kg)")
    }

    @Test("ketasim --help fits 80 columns (command summaries wrap under themselves)")
    func mainHelpWidth() {
        let r = run(["--help"])
        #expect(r.code == 0)
        for line in r.out.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        #expect(r.out.contains("  plan      plan a course of sessions from a protocol"))
    }

    @Test("batch: percentile columns beyond 80 continue in a second table; no row is wrapped")
    func widePercentileTables() {
        let r = run(["batch", "--n", "5", "--duration", "2h", "--percentiles", "1,2.5,5,10,25,50,75,90,95,97.5,99"])
        #expect(r.code == 0)
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines { #expect(line.count <= 80, "\(line)") }
        // Each metric row starts with its label in both tables (a wrapped row would not).
        #expect(lines.filter { $0.hasPrefix("Cmax ng/mL ") }.count == 2)
        #expect(lines.filter { $0.hasPrefix("Metric ") }.count == 2)
        #expect(lines.contains { $0.hasPrefix("Metric ") && $0.hasSuffix("p99") })
    }
}
