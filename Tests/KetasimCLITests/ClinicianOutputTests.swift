import Foundation
import Testing
import Planner
import Reports
@testable import KetasimCLI

/// Issue 17: what a clinician reads from plan, find-dose and the reports.
@Suite("Clinician-facing output")
struct ClinicianOutputTests {
    static func run(_ args: [String], width: Int = 100, terminal: Bool = false) -> (code: Int32, out: String, err: String) {
        let c = Captured()
        let console = Ketasim.Console(out: { c.out += $0 }, err: { c.err += $0 }, isTerminal: terminal, width: width)
        return (Ketasim.run(args, console: console), c.out, c.err)
    }

    @Test("esketamine plan: 'below 50 at' and the earliest discharge (>= 2 h, the label) are separate, both criteria named")
    func esketamineText() {
        let r = Self.run(["plan", "--protocol", "esketamine-label", "--start", "2026-11-30"], width: 400)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("below 50 at") && r.out.contains("Earliest discharge"))
        #expect(r.out.contains("1:34 h") && r.out.contains("2:00 site"))
        #expect(r.out.contains("the later of that time ('level') and the label's >= 120 min on site"))
        #expect(r.out.contains("UNCONFIRMED)"))   // the discharge level is the unconfirmed band's edge
    }

    @Test("plan at 80 columns: the calendar in parts that repeat the date, a legend, notes listed; support sessions only where they have cells")
    func narrowPlan() {
        let r = Self.run(["plan", "--protocol", "im-kap", "--start", "2026-12-01"], width: 80)
        #expect(r.code == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 80 || $0.trimmingCharacters(in: .whitespaces).hasPrefix("https://") })
        let headers = lines.indices.filter { lines[$0].hasPrefix("Date  ") }
        #expect(headers.count == 2)
        // The preparation day (2026-12-01) is a row of the first part only.
        let second = lines[headers[1]...].prefix { !$0.isEmpty }
        #expect(lines[headers[0]...].prefix { !$0.isEmpty }.contains { $0.hasPrefix("2026-12-01") })
        #expect(!second.contains { $0.hasPrefix("2026-12-01") } && second.contains { $0.hasPrefix("2026-12-08") })
        #expect(r.out.contains("Disch: earliest discharge h:mm") && r.out.contains("Notes:\n  2026-12-08 dose 1/3: start; peak 200 ng/mL below"))
    }

    @Test("the 7-day totals are two columns with the same precision, never '142.5 (142)'")
    func sevenDay() throws {
        let r = Self.run(["plan", "--protocol", "murrough-2013", "--start", "2026-11-30", "--weight", "95kg"], width: 400)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("7-day mg") && r.out.contains("7-day IV-eq mg"))
        #expect(r.out.range(of: #"\d+\.\d+ \(\d+\)"#, options: .regularExpression) == nil)
        #expect(r.out.contains("142.5  ") && !r.out.contains("(142)"))   // 3 x 47.5 mg, IV: IV-eq = mg
    }

    @Test("--concentration: volumes, the rounding and the infusion rate in mg/h, mL/h and ug/kg/min are printed")
    func concentrationText() {
        let r = Self.run(["plan", "--protocol", "murrough-2013", "--start", "2026-11-30", "--weight", "71.3kg", "--concentration", "50mg/mL"], width: 400)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("35.65 mg rounded to 35 mg = 0.7 mL of 50 mg/mL"))
        #expect(r.out.contains("52.5 mg/h = 1.05 mL/h = 12.3 µg/kg/min"))   // 35000 ug / 71.3 kg / 40 min = 12.27, 3 digits
        #expect(Self.run(["plan", "--protocol", "murrough-2013", "--start", "2026-11-30", "--concentration", "50"]).code == 64)
        // 70 kg at 100 mg/mL: 35 mg is 0.35 mL, a half step, down to 0.3 mL = 30 mg: -14.29%, said.
        let coarse = Self.run(["plan", "--protocol", "murrough-2013", "--start", "2026-11-30", "--concentration", "100mg/mL"], width: 400)
        #expect(coarse.out.contains("35 mg rounded to 30 mg (-14%: a more dilute solution gives finer steps) = 0.3 mL of 100 mg/mL"))
        #expect(Self.run(["plan", "--protocol", "esketamine-label", "--start", "2026-11-30", "--concentration", "50mg/mL"]).code == 64)
    }

    @Test("TCI rates in mL/h at --concentration and in ug/kg/min besides mg/h")
    func tciRates() {
        let r = Self.run(["plan", "--find-dose", "--route", "iv", "--tci", "--band", "100-250ng/mL", "--concentration", "10mg/mL", "--weight", "80kg"])
        #expect(r.code == 0, "\(r.err)")
        let rates = r.out.split(separator: "\n").filter { $0.hasPrefix("rate ") && !$0.hasPrefix("rates") }
        #expect(rates.count == 6)
        for line in rates {
            // mg/h / 10 mg/mL = mL/h; mg/h x 1000 / 80 kg / 60 min = ug/kg/min.
            let nums = line.split(separator: " ").compactMap { Double($0) }
            guard nums.count == 3 else { Issue.record("\(line)"); continue }
            #expect(abs(nums[1] - nums[0] / 10) <= 0.01 * nums[1])
            #expect(abs(nums[2] - nums[0] * 1000 / 80 / 60) <= 0.01 * nums[2])
        }
    }

    @Test("find-dose --route in: the route reads 'IN', the volume ceiling applies and is cited")
    func intranasalFindDose() {
        let r = Self.run(["plan", "--find-dose", "--route", "in", "--band", "100-250ng/mL", "--concentration", "100mg/mL"])
        #expect(r.code == 0, "\(r.err)")
        #expect(!r.out.contains("mg in keep"))
        #expect(r.out.contains("IN dose"))
        #expect(r.out.contains("ceiling                          60 mg (intranasal volume"))
        #expect(r.out.contains("fpnotebook-intranasal"))
    }

    @Test("HTML calendar has every column of the text table, Notes with the max top-up peak; only the route's inputs")
    func htmlCalendar() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let im = dir.appendingPathComponent("im.html").path
        #expect(Self.run(["plan", "--protocol", "im-kap", "--start", "2026-12-01", "--html", im]).code == 0)
        let h = try String(contentsOfFile: im, encoding: .utf8)
        for c in ["Tmax min", "IV-eq mg", "7-day mg", "7-day IV-eq mg", "Resid next", "Notes", "Earliest discharge", "with max top-up",
                  "peak 200 ng/mL below the psychedelic band 250-640", "class=\"metrics nowrap\""] {
            #expect(h.contains(c), "\(c)")
        }
        #expect(!h.contains("IV infusion duration"))
        let esk = dir.appendingPathComponent("esk.html").path
        #expect(Self.run(["plan", "--protocol", "esketamine-label", "--start", "2026-12-01", "--html", esk]).code == 0)
        let e = try String(contentsOfFile: esk, encoding: .utf8)
        #expect(!e.contains("IV infusion duration") && e.contains("UNCONFIRMED"))
        let iv = dir.appendingPathComponent("iv.html").path
        #expect(Self.run(["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--html", iv]).code == 0)
        #expect(try String(contentsOfFile: iv, encoding: .utf8).contains("IV infusion duration"))
        // compare/simulate: no infusion duration for an esketamine IN arm; the unconfirmed band is marked.
        let sim = dir.appendingPathComponent("sim.html").path
        #expect(Self.run(["simulate", "--profile", "perez-ruixo-2021", "--route", "in", "--dose", "56mg", "--html", sim]).code == 0)
        let s = try String(contentsOfFile: sim, encoding: .utf8)
        #expect(!s.contains("IV infusion duration") && s.contains("dissociation 50–125 ng/mL (UNCONFIRMED)"))
    }

    @Test("S-ketamine defaults follow the label: a 2 h session window; the unconfirmed band is marked in header and chart")
    func esketamineDefaults() {
        let r = Self.run(["compare", "--profile", "perez-ruixo-2021", "--routes", "in", "--doses", "56mg", "--chart"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("50 to 125 ng/mL (UNCONFIRMED) in the first 120 min"))
        #expect(r.out.contains("band 50-125 ng/mL (UNCONFIRMED)"))
        let batch = Self.run(["batch", "--n", "3", "--seed", "1", "--profile", "perez-ruixo-2021", "--route", "in", "--dose", "56mg"], width: 1000)
        #expect(batch.out.contains("Band 'dissociation': 50-125 ng/mL (UNCONFIRMED) from 0 to 2 h"), "\(batch.err)")
        let racemic = Self.run(["compare", "--routes", "iv", "--doses", "0.5mg/kg"])
        #expect(racemic.out.contains("in the first 90 min") && !racemic.out.contains("UNCONFIRMED) in the first"))
    }

    @Test("course charts on a date axis: terminal and SVG tick labels are calendar dates")
    func dateAxis() throws {
        let r = Self.run(["plan", "--protocol", "murrough-2013", "--start", "2026-11-30", "--chart"], width: 80)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("date (MM-DD, from 2026-11-30)"))
        #expect(r.out.contains("12-01") && r.out.contains("12-07"))
        #expect(!r.out.contains("time h"))
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("c.svg").path
        #expect(Self.run(["plan", "--protocol", "murrough-2013", "--start", "2026-11-30", "--svg", svg]).code == 0)
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.contains(">12-01</text>") && text.contains("Date (MM-DD; first dose 2026-11-30 09:00)"))
        // First dose 09:00: the 12-01 tick is 15 h after it, the first midnight.
        let ticks = PlanRender.dateTicks(try Planner.plan(PlanRequest(template: ProtocolCatalog.builtin.named("murrough-2013")!, profile: nil,
                                                                       patient: PatientFacts(weightKg: 70), start: CivilDate.parse("2026-11-30")!)),
                                         spanH: 48, maxTicks: 10)!
        #expect(ticks.ticks.map(\.h) == [15, 39] && ticks.ticks.map(\.label) == ["12-01", "12-02"])
    }
}
