import Foundation
import Testing
@testable import KetasimCLI

@Suite("ketasim plan")
struct PlanCommandTests {
    @Test("table: calendar dates, protocol and profile sources, disclaimer")
    func table() {
        let r = ketasim("plan", "--protocol", "murrough-2013", "--start", "2026-11-30", "--weight", "70kg")
        #expect(r.code == 0, "\(r.err)")
        for d in ["2026-11-30  Mon", "2026-12-02  Wed", "2026-12-04  Fri", "2026-12-07  Mon", "2026-12-09  Wed", "2026-12-11  Fri"] {
            #expect(r.out.contains(d), "missing \(d)")
        }
        #expect(!r.out.contains("2026-12-14"))
        #expect(r.out.contains("Protocol source: Murrough et al. 2013"))
        #expect(r.out.contains("Profile source: Clements JA"))
        #expect(r.out.contains("not medical advice"))
        #expect(r.out.contains("0.5 mg/kg (35 mg)"))
    }

    @Test("CSV: the header is the first line, one row per calendar entry; sources and disclaimer in the sidecar")
    func csv() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("plan.csv").path
        let r = ketasim("plan", "--protocol", "im-kap", "--start", "2026-12-01", "--format", "csv", "--top-up", "30mg", "--out", out)
        #expect(r.code == 0, "\(r.err)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        let meta = try String(contentsOfFile: out + ".meta.json", encoding: .utf8)
        #expect(meta.contains("not medical advice"))
        #expect(meta.contains("Protocol source: Open-label IM KAP"))
        #expect(meta.contains("Profile source:"))
        #expect(!lines.contains { $0.hasPrefix("#") })
        let rows = lines
        #expect(rows[0].hasPrefix("date,weekday,time,kind"))
        #expect(rows.count == 1 + 7)   // preparation, 3 dosing, 3 integration
        let dosing = rows.filter { $0.contains(",dosing,") }
        #expect(dosing.count == 3 && dosing.allSatisfy { $0.contains(",35,0.5 mg/kg (35 mg),30,") })
    }

    @Test("JSON: sessions, findings, disclaimer; responses drive escalation")
    func json() throws {
        // 84 mg needs ~2:13 h to fall below the discharge level: book 30 min observation after the 120 min window (issue 19 recovery rule).
        let r = ketasim("plan", "--protocol", "esketamine-label", "--start", "2026-11-30", "--sessions", "4", "--response", "1:none", "--observation", "30min",
                        "--format", "json")
        #expect(r.code == 0, "\(r.err)")
        let obj = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        let plan = obj["plan"] as! [String: Any]
        #expect((plan["disclaimer"] as! String).contains("not medical advice"))
        #expect(plan["profile"] as? String == "perez-ruixo-2021")
        let doses = (plan["sessions"] as! [[String: Any]]).filter { $0["kind"] as? String == "dosing" }.map { $0["doseMg"] as! Double }
        #expect(doses == [56, 84, 84, 84])
    }

    @Test("a blocking finding refuses the plan (exit 1, no output file); an override with a reason is recorded in every format")
    func overrideFlow() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("plan.txt").path
        let base = ["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--add-dose", "2026-12-02T15:00"]
        let c = Captured()
        let refused = Ketasim.run(base + ["--out", out], console: c.console)
        #expect(refused == 1)
        #expect(c.err.hasPrefix("ketasim: plan refused: BLOCK same-day"))
        #expect(c.err.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        let reason = "rescue dose agreed with the patient"
        for format in ["table", "csv", "json"] {
            let c2 = Captured()
            // The extra dose also needs the interval and weekly-total warnings acknowledged (WARN-ACK since issue 19).
            let code = Ketasim.run(base + ["--override", "same-day", "--reason", reason, "--acknowledge", "min-interval,weekly-total", "--format", format, "--out", out],
                                   console: c2.console)
            #expect(code == 0, "\(c2.err)")
            var text = try String(contentsOfFile: out, encoding: .utf8)
            if format == "csv" { text += try String(contentsOfFile: out + ".meta.json", encoding: .utf8) }   // provenance lives beside the CSV
            #expect(text.contains("same-day") && text.contains(reason), "\(format)")
            #expect(text.contains("not medical advice"), "\(format)")
        }
    }

    @Test("usage errors: one line naming the flag and value, exit 64, nothing on stdout", arguments: [
        (["plan", "--protocol", "nope", "--start", "2026-12-01"], "--protocol: unknown protocol 'nope'"),
        (["plan", "--protocol", "murrough-2013", "--start", "2026-13-45"], "--start: '2026-13-45' is not a valid date"),
        (["plan", "--protocol", "murrough-2013"], "--start: required"),
        (["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--weekdays", "mon,tue"], "--weekdays: 'mon,tue' gives 2 dosing days a week"),
        (["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--weekdays", "mon,blursday"], "--weekdays: unknown weekday 'blursday'"),
        (["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--time", "9am"], "--time: '9am' is not a time of day"),
        (["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--response", "3:meh"], "--response: '3:meh' is not N:RESPONSE"),
        (["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--response", "7:none"], "--response: session 7 is not one of the 6"),
        (["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--response", "1:good", "--response", "1:adverse"], "--response: session 1 given twice ('1:good', '1:adverse')"),
        (["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--response", "2:good,2:none"], "--response: session 2 given twice"),
        (["plan", "--protocol", "murrough-2013", "--start", "2027-01-04", "--add-dose", "2026-12-20"], "--add-dose: 2026-12-20 09:00 is before the first dosing session (2027-01-04 09:00)"),
        // 2026-12-01 is a Tuesday: murrough-2013 (Mon/Wed/Fri) first doses on Wednesday 2 December.
        (["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--add-dose", "2026-12-01T15:00"], "--add-dose: 2026-12-01 15:00 is before the first dosing session (2026-12-02 09:00)"),
        (["plan", "--protocol", "murrough-2013", "--start", "2026-12-02", "--add-dose", "2026-12-02T07:00"], "--add-dose: 2026-12-02 07:00 is before the first dosing session (2026-12-02 09:00)"),
        (["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--override", "same-day"], "--override: 'same-day' needs --reason"),
        (["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--override", "bogus", "--reason", "x"], "--override: unknown rule 'bogus'"),
        (["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--profile", "perez-ruixo-2021"], "--profile: perez-ruixo-2021 is S-ketamine"),
        (["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--bp", "high"], "--bp: 'high' is not SYSTOLIC/DIASTOLIC"),
        (["plan", "--find-dose", "--route", "im", "--target-peak", "1500ng/mL"], "--target-peak: 1500 ng/mL is in the anaesthetic range"),
        (["plan", "--find-dose", "--route", "im"], "--find-dose: give exactly one of"),
        (["plan", "--find-dose", "--route", "im", "--band", "100-250ng/mL", "--hold", "60min-10min"], "--hold: '60min-10min' needs FROM < TO"),
    ])
    func usageErrors(args: [String], message: String) {
        let c = Captured()
        let code = Ketasim.run(args, console: c.console)
        #expect(code == 64, "\(c.err)")
        #expect(c.err.hasPrefix("ketasim: \(message)"), "\(c.err)")
        #expect(c.err.split(separator: "\n").count == 1)
        #expect(c.out.isEmpty)
    }

    @Test("find-dose: target peak, unreachable target, route equivalence, TCI")
    func findDose() throws {
        let r = ketasim("plan", "--find-dose", "--route", "iv-bolus", "--target-peak", "50ng/mL", "--format", "json")
        #expect(r.code == 0, "\(r.err)")
        let obj = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        let res = obj["result"] as! [String: Any]
        #expect(abs(res["doseMg"] as! Double - 0.05 * 1.7522 * 70) < 1e-6)
        #expect((obj["disclaimer"] as! String).contains("not medical advice"))
        let no = ketasim("plan", "--find-dose", "--route", "im", "--target-peak", "1000ng/mL")
        #expect(no.code == 0 && no.out.contains("no safe dose reaches peak 1000 ng/mL"))
        let eq = ketasim("plan", "--find-dose", "--route", "sl", "--match-iv", "0.5mg/kg")
        #expect(eq.code == 0 && eq.out.contains("120.7 mg"))
        let tci = ketasim("plan", "--find-dose", "--route", "iv", "--band", "100-250ng/mL", "--tci", "--format", "csv")
        #expect(tci.code == 0 && tci.out.contains("bolus,") && tci.out.contains("rate 50-60 min"))
    }

    @Test("a user protocol file in the catalog schema")
    func userProtocol() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("mine.json")
        try """
        {"id": "clinic-im", "title": "IM 0.3 mg/kg weekly x2", "source": "clinic protocol v1", "evidence": "derived", "route": "im",
         "analyte": "racemic", "dose": {"mgPerKg": 0.3}, "schedule": [{"sessions": 2, "perWeek": 1, "evidence": "derived", "source": "clinic"}],
         "defaultWeekdays": ["thu"]}
        """.write(to: f, atomically: true, encoding: .utf8)
        let r = ketasim("plan", "--protocol", f.path, "--start", "2026-12-01")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("2026-12-03  Thu") && r.out.contains("2026-12-10  Thu") && r.out.contains("clinic protocol v1"))
        try "{\"id\": 3}".write(to: f, atomically: true, encoding: .utf8)
        let bad = ketasim("plan", "--protocol", f.path, "--start", "2026-12-01")
        #expect(bad.code == 1 && bad.err.contains(f.path))
    }

    @Test("help has an example and the disclaimer; --list names every protocol")
    func helpAndList() {
        let h = ketasim("plan", "--help")
        #expect(h.code == 0 && h.out.contains("Example: ketasim plan") && h.out.contains("not medical advice"))
        let l = ketasim("plan", "--list")
        for id in ["murrough-2013", "wilkinson-2017", "esketamine-label", "im-kap", "sl-lozenge", "al-shirawi-2017", "krupitsky-2002", "krupitsky-2007"] {
            #expect(l.out.contains(id))
        }
    }
}
