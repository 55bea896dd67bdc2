import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import KetasimCLI

@Suite("batch charts")
struct BatchGraphicsTests {
    @Test("batch --svg draws percentile ribbons and the median as well-formed SVG; --html embeds it; merge does too")
    func ribbons() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        func p(_ n: String) -> String { dir.appendingPathComponent(n).path }
        let common = ["batch", "--profile", "herd-2007", "--n", "40", "--seed", "5", "--dose", "0.5mg/kg", "--route", "iv", "--duration", "6h", "--quiet"]
        let c = Captured()
        #expect(Ketasim.run(common + ["--out", p("a.json"), "--svg", p("a.svg"), "--html", p("a.html")], console: c.console) == 0, "\(c.err)")
        let svg = try Data(contentsOf: URL(fileURLWithPath: p("a.svg")))
        #expect(XMLParser(data: svg).parse())
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.contains("ribbon") && text.contains("median"))
        #expect(try String(contentsOfFile: p("a.html"), encoding: .utf8).contains("not medical advice"))
        // Shards, then merge with --svg: the same plot as the single run.
        for k in 1...2 {
            #expect(Ketasim.run(common + ["--shard", "\(k)/2", "--out", p("s\(k).json")], console: Captured().console) == 0)
        }
        #expect(Ketasim.run(["merge", p("s1.json"), p("s2.json"), "--out", p("m.json"), "--svg", p("m.svg")], console: Captured().console) == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: p("m.svg"))) == svg)
    }

    @Test("--svg without the ribbon percentiles is refused before any work")
    func needsPercentiles() {
        let c = Captured()
        let code = Ketasim.run(["batch", "--profile", "herd-2007", "--n", "10", "--dose", "1mg", "--percentiles", "10,90", "--svg", "/tmp/never.svg"], console: c.console)
        #expect(code == 64)
        #expect(c.err.contains("--svg/--html"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never.svg"))
    }
}
