import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import PKProfiles
@testable import Reports
import PKCore
@testable import KetasimCLI

@Suite("HTML report")
struct HTMLReportTests {
    static let plot = SVGPlot(
        title: "Two routes",
        series: [.init(label: "IV", timesH: [0, 0.5, 1, 2], values: [0, 200, 150, 80]),
                 .init(label: "IM", timesH: [0, 0.5, 1, 2], values: [0, 180, 120, 60])],
        bands: [.init(low: 100, high: 250, label: "dissociation 100–250 ng/mL")],
        windows: [.init(startH: 0, endH: 1.5, label: "session 0–90 min")])

    static func sample() -> HTMLReport {
        HTMLReport(
            title: "Route & dose comparison <70 kg>",
            subtitle: "Profile clements-1981",
            inputs: [("Weight", "70 kg"), ("Band", "dissociation 100–250 ng/mL"), ("Note", "a < b & c > d")],
            sections: [
                .init(heading: "First 6 h", plot: plot,
                      tables: [.init(columns: ["Route and dose", "Cmax ng/mL", "Tmax min"],
                                     rows: [["IV 0.5 mg/kg", "254.1", "40.0"], ["IM 0.5 mg/kg", "201.7", "12.0"]],
                                     caption: "Exposure metrics")],
                      notes: ["AUC is exact."]),
                .init(heading: "Whole day", svg: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + plot.render()),
                .init(heading: "Text only", notes: ["no plot here"]),
            ],
            findings: [
                .init(level: "warning", rule: "max-dose", message: "Dose above 1 mg/kg IM: <check>", source: "Protocol X 2020"),
                .init(level: "info", rule: "fasting", message: "Fast 2 h before PO dosing.", source: ""),
            ],
            citations: ["Clements JA, Nimmo WS. Br J Anaesth 1981;53:27-30.", "IM study & co."])
    }

    @Test("the report is XHTML-compatible: it parses as XML")
    func parsesAsXML() {
        let html = HTMLReportTests.sample().render()
        let doc = ParsedXML(html)
        #expect(doc.ok, "\(doc.error ?? "")")
        #expect(doc.elements.first?.name == "html")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(doc.all("meta").contains { $0.attributes["charset"] == "utf-8" })
        #expect(doc.all("title").first?.text == "Route & dose comparison <70 kg>")
        #expect(doc.all("h1").first?.text == "Route & dose comparison <70 kg>")
    }

    @Test("the disclaimer is shown prominently, at the top and in the footer")
    func disclaimer() {
        let html = HTMLReportTests.sample().render()
        let line = "Model predictions for planning and research, not medical advice."
        #expect(HTMLReport.disclaimer == line)
        let doc = ParsedXML(html)
        let top = doc.all("p", class: "disclaimer")
        #expect(top.count == 1 && top[0].text == line)
        #expect(doc.all("footer").first?.text.contains(line) == true)
        // In the header, before any section.
        let header = html.range(of: "</header>")!.lowerBound
        #expect(html.range(of: line)!.lowerBound < header)
    }

    @Test("no external assets, scripts or network references")
    func selfContained() {
        let html = HTMLReportTests.sample().render().lowercased()
        for bad in ["src=\"http", "href=\"http", "<script", "<link", "@import", "url(", "<img", "<iframe", "<object", "http://", "https://", "src="] {
            #expect(!html.contains(bad), "found \(bad)")
        }
        // Even a citation with a URL stays plain text, never a link.
        let withURL = HTMLReport(title: "t", citations: ["See https://example.org/paper"]).render()
        #expect(!withURL.contains("href") && withURL.contains("See https://example.org/paper"))
    }

    @Test("the SVGs are embedded inline, without declaration or namespace URL")
    func embedsSVG() {
        let html = HTMLReportTests.sample().render()
        let doc = ParsedXML(html)
        let svgs = doc.all("svg")
        #expect(svgs.count == 2)
        #expect(doc.all("figure", class: "chart").count == 2)
        #expect(!html.contains("<?xml"))
        #expect(svgs.allSatisfy { $0.attributes["xmlns"] == nil && $0.attributes["width"] == "720" })
        #expect(doc.all("path", class: "series").count == 4)
        #expect(doc.all("rect", class: "band").count == 2)
        // The first chart comes first in the main content, right after the first heading.
        let main = html.range(of: "<main>")!.upperBound
        let afterMain = html[main...]
        #expect(afterMain.range(of: "<figure")!.lowerBound < afterMain.range(of: "<table")!.lowerBound)
    }

    @Test("tables contain the rows given: metrics, inputs, findings, citations")
    func tables() {
        let doc = ParsedXML(HTMLReportTests.sample().render())
        func rows(_ tableClass: String) -> [[String]] {
            // Rows of the first table with that class, as the texts of their cells.
            var out: [[String]] = []
            var state = 0   // 0 before the table, 1 inside it, 2 after it
            for e in doc.elements {
                if e.name == "table" { state = state == 0 && e.attributes["class"] == tableClass ? 1 : (state == 1 ? 2 : state) }
                guard state == 1 else { continue }
                if e.name == "tr" { out.append([]) }
                if e.name == "td" || e.name == "th", !out.isEmpty { out[out.count - 1].append(e.text) }
            }
            return out
        }
        let metrics = rows("metrics")
        #expect(metrics == [["Route and dose", "Cmax ng/mL", "Tmax min"], ["IV 0.5 mg/kg", "254.1", "40.0"], ["IM 0.5 mg/kg", "201.7", "12.0"]])
        #expect(doc.all("caption").first?.text == "Exposure metrics")
        #expect(doc.all("td", class: "num").map(\.text) == ["254.1", "40.0", "201.7", "12.0"])
        #expect(rows("kv") == [["Weight", "70 kg"], ["Band", "dissociation 100–250 ng/mL"], ["Note", "a < b & c > d"]])
        let findings = rows("findings-table")
        #expect(findings.count == 3)
        #expect(findings[1] == ["WARNING", "max-dose", "Dose above 1 mg/kg IM: <check>", "Protocol X 2020"])
        #expect(doc.all("span", class: "badge-warning").count == 1 && doc.all("span", class: "badge-info").count == 1)
        #expect(doc.all("li").map(\.text) == ["Clements JA, Nimmo WS. Br J Anaesth 1981;53:27-30.", "IM study & co."])
        #expect(doc.all("p", class: "note").map(\.text).contains("no plot here"))
    }

    @Test("findings: nil leaves the section out, empty says none were reported")
    func findingsSection() {
        let none = HTMLReport(title: "t").render()
        #expect(!none.contains("Safety findings"))
        let empty = HTMLReport(title: "t", findings: []).render()
        #expect(empty.contains("Safety findings") && empty.contains("No safety findings were reported"))
        #expect(ParsedXML(none).ok && ParsedXML(empty).ok)
        #expect(HTMLReport.levelClass("CAUTION") == "warning" && HTMLReport.levelClass("x\" onclick=\"y") == "other")
    }

    @Test("print styles are included")
    func printCSS() {
        let html = HTMLReport(title: "t").render()
        #expect(html.contains("@media print") && html.contains("break-inside: avoid") && html.contains("print-color-adjust: exact"))
    }

    @Test("the simulate/compare report: plots, the metrics of every arm, inputs and sources")
    func armsReport() throws {
        let a = try Arguments([], spec: CompareCommand.spec)
        let o = try PatientOptions(a, console: Captured().console)
        let arms = try [(Route.ivInfusion, Units.DoseAmount.mgPerKg(0.5)), (.intramuscular, .mgPerKg(0.5)), (.intranasal, .mg(50))]
            .map { try Arm.run(route: $0.0, dose: $0.1, options: o, stepH: 1.0 / 60) }
        let report = HTMLReport.arms(arms, o.report(), title: "Route comparison", findings: [])
        let html = report.render()
        let doc = ParsedXML(html)
        #expect(doc.ok, "\(doc.error ?? "")")
        #expect(doc.all("svg").count == 3, "session hours, the whole 24 h on a log scale, then the effect site (EffectReport)")
        #expect(doc.all("path", class: "series").count == 9)
        let yLabels = doc.all("text", class: "y-axis-label")
        #expect(yLabels.count == 3 && yLabels[1].text.contains("log scale") && yLabels[2].text.contains("effect site"))
        let metrics = HTMLReport.metricsTable(arms, o.report())
        #expect(metrics.rows.count == 3 && metrics.columns.count == 11)
        for (row, arm) in zip(metrics.rows, arms) {
            #expect(row[0] == arm.label)
            // Beside each row: its route's evidence from the profile's validation table.
            #expect(row.last == Validation.evidence(for: o.profile.profile, route: arm.route))
            #expect(row[1] == NumberFormat.sig(arm.summary.cmaxNgPerML, 4))
            #expect(html.contains(XMLText.escape(arm.label)))
        }
        #expect(html.contains(XMLText.escape(o.profile.profile.citation)))
        #expect(html.contains("dissociation 100–250 ng/mL") && html.contains("session 0–90 min"))
        #expect(html.contains(HTMLReport.disclaimer))
        #expect(!html.lowercased().contains("<script") && !html.contains("href=\"http") && !html.contains("src=\"http"))
        // The terminal metrics table shows the same numbers.
        let terminal = ArmReport.metricsTable(arms, o.report())
        for row in metrics.rows { for cell in row.dropFirst() where cell != "-" { #expect(terminal.contains(cell)) } }

        // A sample for Tests/render-html.sh while the --html flag is not wired: KETASIM_SAMPLE_HTML=/path/report.html.
        if let path = ProcessInfo.processInfo.environment["KETASIM_SAMPLE_HTML"] {
            try AtomicFile.write(html, to: path)
        }
    }
}
