import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import KetasimCLI
import PKProfiles
import PKCore

@Suite("plan charts")
struct PlanGraphicsTests {
    @Test("plan --svg and --html write a well-formed plot with one window per dosing session, and the report")
    func files() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("p.svg").path, html = dir.appendingPathComponent("p.html").path
        let r = ketasim("plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--weight", "70kg", "--svg", svg, "--html", html)
        #expect(r.code == 0, "\(r.err)")
        let data = try Data(contentsOf: URL(fileURLWithPath: svg))
        #expect(XMLParser(data: data).parse())
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.components(separatedBy: "class=\"window\"").count - 1 == 6)
        let report = try String(contentsOfFile: html, encoding: .utf8)
        #expect(report.contains("not medical advice") && report.contains("<svg") && report.contains("Murrough"))
    }

    @Test("plan shows its route's evidence: once per route in the text (80 columns), beside each dosing row in the HTML")
    func routeEvidence() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("p.html").path
        let c = Captured()
        let console = Ketasim.Console(out: { c.out += $0 }, err: { c.err += $0 }, isTerminal: false, width: 80)
        let code = Ketasim.run(["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--weight", "70kg", "--html", html], console: console)
        #expect(code == 0, "\(c.err)")
        // murrough-2013: IV infusions on the protocol's profile clements-1981.
        #expect(c.out.contains("Profile: clements-1981:"))
        let line = Validation.evidence(for: try ProfileLibrary.load("clements-1981").profile, route: .ivInfusion)
        #expect(line.hasPrefix("IV: ") && line.contains("independent figure"), "\(line)")
        func words(_ s: String) -> String { s.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ") }
        #expect(c.out.components(separatedBy: "Evidence per route").count == 2, "once: one route")
        #expect(words(c.out).contains(words("Evidence per route (published figures not used to fit the profile clements-1981, 'ketasim validate'): " + line)))
        let wide = c.out.split(separator: "\n").filter { $0.count > 80 && !$0.contains("://") }  // a URL is not broken
        #expect(wide.isEmpty, "\(wide)")
        let report = try String(contentsOfFile: html, encoding: .utf8)
        #expect(report.components(separatedBy: "route evidence: " + line).count - 1 == 6, "one per dosing session (6)")
    }

    @Test("the course chart shows every session's peak (no column skips a 40-min infusion peak)")
    func terminalPeaks() {
        let r = ketasim("plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--weight", "70kg", "--chart")
        #expect(r.code == 0)
        // The 150 ng/mL row must contain the series symbol once per session (6 sessions, peaks ~177).
        let row150 = r.out.split(separator: "\n").first { $0.hasPrefix(" 150 ┤") } ?? ""
        let groups = row150.split(whereSeparator: { $0 != "*" }).count
        #expect(groups == 6, "\(row150)")
    }
}
