import Foundation
import Testing
import PKProfiles
import Planner
import TestSupport
@testable import KetasimCLI

/// With an 80-column console no output line is wider than 80 characters (a lone URL may be).
@Suite("80-column output")
struct NarrowConsoleTests {
    static func run(_ args: [String], width: Int) -> (code: Int32, out: String) {
        let c = Captured()
        let console = Ketasim.Console(out: { c.out += $0 }, err: { c.err += $0 }, isTerminal: false, width: width)
        return (Ketasim.run(args, console: console), c.out)
    }

    static let commands: [[String]] = [
        ["compare"],
        ["compare", "--chart"],
        ["compare", "--routes", "iv,im,po", "--doses", "0.5mg/kg,5mg/kg,0.2mg/kg", "--weight", "95kg"],
        ["simulate", "--route", "iv", "--dose", "0.5mg/kg"],
        ["simulate", "--route", "im", "--dose", "5mg/kg", "--weight", "95kg", "--chart"],
        ["simulate", "--profile", "perez-ruixo-2021", "--route", "in", "--dose", "112mg"],
        ["profiles"],
        ["profiles", "bands"],
        ["profiles", "pd"],
        ["validate"],
        ["plan", "--list"],
        ["plan", "--find-dose", "--route", "in", "--band", "100-250ng/mL"],
        ["plan", "--find-dose", "--route", "iv", "--tci", "--band", "100-250ng/mL", "--concentration", "50mg/mL"],
        ["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--concentration", "50mg/mL", "--chart"],
        ["batch", "--n", "20", "--seed", "1"],
        ["batch", "--n", "20", "--seed", "1", "--profile", "herd-2007", "--dose", "3mg/kg"],
    ] + ProfileLibrary.builtin.map { ["profiles", "show", $0.name] }
        // Every protocol template of 'ketasim plan --list' (Krupitsky's recovery time acknowledged).
        + ProtocolCatalog.builtin.protocols.map { ["plan", "--protocol", $0.id, "--start", "2026-12-01", "--acknowledge", "recovery-time"] }

    @Test("every line <= 80 at width 80", arguments: commands)
    func narrow(_ args: [String]) {
        let r = Self.run(args, width: 80)
        #expect(r.code == 0 || args == ["validate"], "exit \(r.code)")
        #expect(!r.out.isEmpty)
        let long = r.out.split(separator: "\n").filter { line in
            line.count > 80 && !(line.trimmingCharacters(in: .whitespaces).split(separator: " ").count == 1
                                 && line.contains("://"))
        }
        #expect(long.isEmpty, "\(args): \(long.count) lines over 80, e.g. \(long.first ?? "")")
    }

    @Test("merge prints its summary within 80 columns, as batch does")
    func mergeNarrow() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let parts = ["1/2", "2/2"].enumerated().map { dir.appendingPathComponent("part\($0.offset).json").path }
        for (k, shard) in ["1/2", "2/2"].enumerated() {
            #expect(Self.run(["batch", "--n", "20", "--seed", "1", "--shard", shard, "--out", parts[k]], width: 80).code == 0)
        }
        let r = Self.run(["merge"] + parts, width: 80)
        #expect(r.code == 0)
        #expect(r.out.contains("Profile: "))
        let long = r.out.split(separator: "\n").filter { $0.count > 80 }.map(String.init)
        #expect(long.isEmpty, "\(long.count) lines over 80, e.g. \(long.first ?? "")")
    }

    /// The value cells of the wide compare table, row by row (label dropped): the rows between the
    /// dashed rule and the first line that is not a table row.
    static func wideCells(_ table: String) -> [[String]] {
        let lines = table.split(separator: "\n").map(String.init)
        guard let rule = lines.firstIndex(where: { $0.hasPrefix("-----") }) else { return [] }
        return lines[(rule + 1)...].prefix { $0.contains("  ") && !$0.hasPrefix("AUC in") }.map { row in
            Array(row.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.dropFirst())
        }
    }

    @Test("the compare table at 80 columns numbers the arms with a legend and keeps every value")
    func legend() {
        let narrow = Self.run(["compare"], width: 80).out
        let wide = Self.run(["compare"], width: 200).out
        #expect(narrow.contains("#1  IV infusion 0.5 mg/kg (35 mg) over 40 min"))
        #expect(wide.contains("Route and dose") && !wide.contains("#1  IV infusion"))
        // Every value of the wide table is in the narrow output too (five arms, nine columns each).
        let cells = Self.wideCells(wide)
        #expect(cells.count == 5 && cells.allSatisfy { $0.count == 9 }, "\(cells)")
        for v in cells.joined() { #expect(narrow.contains(v), "\(v) missing at 80 columns") }
        // The IV row's values, worked out independently: Clements 1981 at 70 kg, 35 mg over 40 min, in
        // closed form (TestSupport.TwoCompartment), printed to the table's 4 significant digits.
        let m = TwoCompartment.clements(weightKg: 70), tInf = 40.0 / 60
        func cp(_ t: Double) -> Double { 1000 * m.infusion(doseMg: 35, durationH: tInf, t: t) }
        let up = crossing(cp, level: 100, lo: 0, hi: tInf), down = crossing(cp, level: 100, lo: tInf, hi: 12)
        let levelMin = Int((down * 60).rounded())
        let iv = [String(format: "%.1f", cp(tInf)),                                                // 177.3
                  String(format: "%.1f", 1000 * m.infusionArea(doseMg: 35, durationH: tInf, to: 24)),  // 434.7
                  String(format: "%.1f", 1000 * m.areaToInfinity(doseMg: 35)),                        // 436.3
                  String(format: "%.2f", log(2) / m.rates.beta),                                      // 3.05
                  String(format: "%.1f", (down - up) * 60),                                            // 50.6
                  "\(levelMin / 60):\(String(format: "%02d", levelMin % 60)) h"]                      // 1:08 h
        let row = cells.first ?? []
        for v in iv { #expect(row.contains(v) && narrow.contains(v), "IV \(v): wide row \(row)") }
        #expect(narrow.contains("never reaches 100 ng/mL") && wide.contains("never reaches 100 ng/mL"))
    }
}
