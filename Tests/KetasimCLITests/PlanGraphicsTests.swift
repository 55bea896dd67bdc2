import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import KetasimCLI

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
