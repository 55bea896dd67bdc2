import Foundation
import Testing
import Planner
@testable import KetasimCLI

/// Issue 19: the safety layer through the command line. Each scenario of the audit is refused (exit 1,
/// one stderr line naming the rules) until overridden with a reason or acknowledged.
@Suite("ketasim plan: safety rules through the CLI")
struct PlanSafetyCLITests {
    /// A wide console: these tests read one finding or requirement per line (prose wraps at the
    /// console width; the 80-column layout is checked in NarrowConsoleTests).
    static func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
        let c = Captured()
        var console = c.console
        console.width = 1000
        let code = Ketasim.run(["plan", "--start", "2026-12-01", "--no-chart"] + args, console: console)
        return (code, c.out, c.err)
    }

    @Test("a 16-year-old pregnant patient with psychosis, on an MAOI, with severe hepatic impairment: esketamine refused until overridden and acknowledged")
    func multiFlagEsketamine() {
        let base = ["--protocol", "esketamine-label", "--sessions", "2", "--age", "16", "--flag", "pregnancy,psychosis,maoi,hepatic-severe"]
        let r = Self.run(base)
        #expect(r.code == 1 && r.out.isEmpty)
        for s in ["BLOCK esketamine-age", "BLOCK contraindication-pregnancy", "BLOCK contraindication-psychosis",
                  "WARN-ACK contraindication-maoi", "WARN-ACK contraindication-hepatic-severe"] {
            #expect(r.err.contains(s), "missing \(s): \(r.err)")
        }
        // Overrides alone are not enough: the warnings still need acknowledgement.
        let overrides = ["--override", "esketamine-age", "--override", "contraindication-pregnancy", "--override", "contraindication-psychosis",
                         "--reason", "test of the override path"]
        let half = Self.run(base + overrides)
        #expect(half.code == 1 && !half.err.contains("BLOCK") && half.err.contains("--acknowledge contraindication-maoi"))
        let ok = Self.run(base + overrides + ["--acknowledge", "contraindication-maoi,contraindication-hepatic-severe"])
        #expect(ok.code == 0, "\(ok.err)")
        #expect(ok.out.contains("BLOCK contraindication-pregnancy") && ok.out.contains("[OVERRIDDEN: test of the override path]"))
        #expect(ok.out.contains("WARN-ACK contraindication-maoi") && ok.out.contains("[acknowledged]"))
    }

    @Test("blood pressure 170/125 is refused by the diastolic hard gate; 175/115 before IM 2 mg/kg needs acknowledgement")
    func bloodPressure() {
        let r = Self.run(["--protocol", "murrough-2013", "--bp", "170/125", "--acknowledge", "bp-racemic"])
        #expect(r.code == 1 && r.err.contains("BLOCK bp-hard-limit") && r.err.contains("diastolic 125 >= 120"))
        let im = Self.run(["--protocol", "krupitsky-2002", "--bp", "175/115", "--acknowledge", "recovery-time"])
        #expect(im.code == 1 && im.err.contains("WARN-ACK bp-racemic") && !im.err.contains("BLOCK"))
        let ack = Self.run(["--protocol", "krupitsky-2002", "--bp", "175/115", "--acknowledge", "recovery-time,bp-racemic"])
        #expect(ack.code == 0, "\(ack.err)")
    }

    @Test("esketamine 112 mg and IM 4 mg/kg are refused; IV 2 mg/kg over 6 min is refused, 0.95 mg/kg over 1 min needs acknowledgement")
    func doses() {
        let esk = Self.run(["--protocol", "esketamine-label", "--sessions", "1", "--dose", "112mg"])
        #expect(esk.code == 1 && esk.err.contains("BLOCK max-single-dose-esketamine"))
        let im = Self.run(["--protocol", "krupitsky-2002", "--dose", "4mg/kg"])
        #expect(im.code == 1 && im.err.contains("BLOCK im-dissociative-dose"))
        let iv = Self.run(["--protocol", "murrough-2013", "--sessions", "1", "--dose", "2mg/kg", "--infusion", "6min"])
        #expect(iv.code == 1 && iv.err.contains("BLOCK iv-fast-bolus"))
        let quick = Self.run(["--protocol", "murrough-2013", "--sessions", "1", "--dose", "0.95mg/kg", "--infusion", "1min"])
        #expect(quick.code == 1 && quick.err.contains("WARN-ACK iv-rapid") && !quick.err.contains("BLOCK"))
    }

    @Test("Krupitsky 2 mg/kg IM in a 240-min session gives a recovery finding; a longer observation clears it")
    func recovery() {
        let r = Self.run(["--protocol", "krupitsky-2002"])
        #expect(r.code == 1 && r.err.contains("WARN-ACK recovery-time") && r.err.contains("4:50 h") && r.err.contains("booked 240 min"))
        let ack = Self.run(["--protocol", "krupitsky-2002", "--acknowledge", "recovery-time"])
        #expect(ack.code == 0 && ack.out.contains("WARN-ACK recovery-time") && ack.out.contains("[acknowledged]"))
        let longer = Self.run(["--protocol", "krupitsky-2002", "--observation", "3h"])
        #expect(longer.code == 0 && !longer.out.contains("recovery-time"), "\(longer.err)")
    }

    @Test("esketamine observation is counted once from dosing: a 120 min booked session, the label minimum checked")
    func esketamineObservation() {
        let r = Self.run(["--protocol", "esketamine-label", "--sessions", "1"])
        #expect(r.code == 0 && r.out.contains("booked 120 min"))
        let short = Self.run(["--protocol", "esketamine-label", "--sessions", "1", "--window", "90min"])
        #expect(short.code == 1 && short.err.contains("recovery-time") && short.err.contains("the label's 120 min on site"))
    }

    @Test("the oral template does not escalate without recorded responses; --response drives it")
    func oralTitration() throws {
        func doses(_ extra: [String]) throws -> [Double] {
            let r = Self.run(["--protocol", "al-shirawi-2017", "--format", "json"] + extra)
            #expect(r.code == 0, "\(r.err)")
            let obj = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
            let plan = obj["plan"] as! [String: Any]
            return (plan["sessions"] as! [[String: Any]]).filter { $0["kind"] as? String == "dosing" }.map { $0["doseMg"] as! Double }
        }
        #expect(try doses([]) == Array(repeating: 50, count: 8))
        #expect(try doses(["--response", "1:none", "--response", "2:good"]) == [50, 75, 75, 75, 75, 75, 75, 75])
    }

    @Test("--label us|eu sets the esketamine start at 65; --setting home fires the home-use rules")
    func labelAndSetting() {
        let eu = Self.run(["--protocol", "esketamine-label", "--sessions", "1", "--age", "70"])
        #expect(eu.code == 0 && eu.out.contains("28 mg") && eu.out.contains("esketamine label eu"))
        let us = Self.run(["--protocol", "esketamine-label", "--sessions", "1", "--age", "70", "--label", "us"])
        #expect(us.code == 0 && us.out.contains("56 mg") && us.out.contains("esketamine label us"))
        let bad = Self.run(["--protocol", "esketamine-label", "--label", "jp"])
        #expect(bad.code == 64 && bad.err.contains("--label: 'jp'"))
        let home = Self.run(["--protocol", "sl-lozenge", "--setting", "home"])
        #expect(home.code == 1 && home.err.contains("WARN-ACK unsupervised-home"))
        let esk = Self.run(["--protocol", "esketamine-label", "--setting", "home-supervised"])
        #expect(esk.code == 1 && esk.err.contains("BLOCK esketamine-home"))
        let h = Self.run(["--help"])
        #expect(h.out.contains("--label") && h.out.contains("the default") && h.out.contains("--setting"))
    }

    @Test("every dosing session lists its practice requirements with sources")
    func practice() throws {
        let esk = Self.run(["--protocol", "esketamine-label", "--sessions", "2"])
        #expect(esk.code == 0)
        for id in ["fasting-esketamine", "nasal-spray-timing", "oximetry", "airway", "no-driving", "escort"] { #expect(esk.out.contains("  \(id): "), "\(id)") }
        #expect(esk.out.contains("every dosing session (sessions 1-2)"))
        let iv = Self.run(["--protocol", "murrough-2013"])
        #expect(iv.out.contains("fasting-racemic: ") && !iv.out.contains("nasal-spray-timing"))
        for line in iv.out.split(separator: "\n") where line.hasPrefix("  fasting-racemic") { #expect(line.contains("| source: ") && line.contains("(evidence: ")) }
        let json = Self.run(["--protocol", "murrough-2013", "--sessions", "1", "--format", "json"])
        let plan = (try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as! [String: Any])["plan"] as! [String: Any]
        #expect((plan["practice"] as! [[String: Any]]).contains { $0["id"] as? String == "oximetry" })
        let dosing = (plan["sessions"] as! [[String: Any]]).first { $0["kind"] as? String == "dosing" }!
        #expect((dosing["practice"] as! [String]).contains("no-driving"))
    }

    @Test("every rule, flag and practice item prints its source and evidence mark (--list); findings print theirs")
    func sourcesAndMarks() {
        let c = Captured()
        var console = c.console
        console.width = 1000   // one rule per line, unwrapped
        #expect(Ketasim.run(["plan", "--list"], console: console) == 0)
        let lines = c.out.split(separator: "\n").map(String.init)
        for r in ProtocolCatalog.builtin.rules {
            let line = lines.first { $0.contains(" \(r.id): ") }
            #expect(line?.contains(r.source) == true && line?.contains("(evidence: \(r.evidence))") == true, "\(r.id)")
            #expect(line?.hasPrefix("  \(r.level.uppercased())") == true, "\(r.id)")
        }
        for f in ProtocolCatalog.builtin.contraindications {
            #expect(lines.contains { $0.hasPrefix("  \(f.flag): ") && $0.contains(f.source) && $0.contains("(evidence: \(f.evidence))") }, "\(f.flag)")
        }
        for i in ProtocolCatalog.builtin.practice { #expect(lines.contains { $0.contains("\(i.id)") && $0.contains(i.source) }, "\(i.id)") }
        let r = Self.run(["--protocol", "murrough-2013", "--bp", "150/95", "--acknowledge", "bp-racemic"])
        let f = r.out.split(separator: "\n").first { $0.contains("WARN-ACK bp-racemic") }
        #expect(f?.contains("| source: ") == true && f?.contains("(evidence: derived)") == true)
    }
}

@Suite("README lists the planner rules")
struct ReadmeRulesTests {
    @Test("every rule and flag appears in README's planner section with its action")
    func readmeRules() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        for r in ProtocolCatalog.builtin.rules {
            let row = lines.first { $0.hasPrefix("| `\(r.id)` |") }
            #expect(row?.contains("| \(r.level.uppercased()) |") == true && row?.hasSuffix("| \(r.evidence) |") == true, "\(r.id)")
        }
        for f in ProtocolCatalog.builtin.contraindications {
            let level = f.levels["racemic"]!.uppercased()
            var inBlock = false, found = false
            for l in lines {
                if l.hasPrefix("- ") { inBlock = l.hasPrefix("- \(level):") }
                if inBlock && l.contains("`\(f.flag)`") { found = true }
            }
            #expect(found, "\(f.flag) under \(level)")
        }
    }
}
