import Foundation
import Testing
import PKProfiles
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
    ] + ProfileLibrary.builtin.map { ["profiles", "show", $0.name] }

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

    @Test("the compare table at 80 columns numbers the arms with a legend and keeps every value")
    func legend() {
        let narrow = Self.run(["compare"], width: 80).out
        let wide = Self.run(["compare"], width: 200).out
        #expect(narrow.contains("#1  IV infusion 0.5 mg/kg (35 mg) over 40 min"))
        #expect(wide.contains("Route and dose") && !wide.contains("#1  IV infusion"))
        for v in ["177.3", "434.7", "436.3", "3.05", "50.6", "1:08 h", "never reaches 100 ng/mL", "52.56", "156.1"] {
            #expect(narrow.contains(v) && wide.contains(v), "\(v)")
        }
    }
}
