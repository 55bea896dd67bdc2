import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Reports
@testable import KetasimCLI

/// An XML document read with Foundation's XMLParser: every element with its attributes and text.
final class ParsedXML: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
    }
    private(set) var elements: [Element] = []
    private var stack: [Int] = []
    private(set) var error: String?

    /// Parses `text`; `error` is set when it is not well-formed.
    init(_ text: String) {
        super.init()
        let p = XMLParser(data: Data(text.utf8))
        p.delegate = self
        if !p.parse() { error = p.parserError.map { "\($0)" } ?? "parse failed" }
    }
    var ok: Bool { error == nil }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        stack.append(elements.count)
        elements.append(Element(name: name, attributes: attributes, text: ""))
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        _ = stack.popLast()
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for i in stack { elements[i].text += string }
    }
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = "\(parseError)" }

    func all(_ name: String, class cls: String? = nil) -> [Element] {
        elements.filter { e in
            e.name == name && (cls.map { c in (e.attributes["class"] ?? "").split(separator: " ").contains(Substring(c)) } ?? true)
        }
    }
}

/// Every number in the geometric attributes of an SVG (including path data), as written.
func svgNumbers(_ doc: ParsedXML) -> [String] {
    let geometric: Set<String> = ["x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height", "d", "transform", "viewBox"]
    var out: [String] = []
    for e in doc.elements {
        for (k, v) in e.attributes where geometric.contains(k) {
            let cleaned = String(v.replacingOccurrences(of: "rotate", with: " ").map { "MLZ(),".contains($0) ? " " : $0 })
            out += cleaned.split(separator: " ").map(String.init)
        }
    }
    return out
}

/// The plot frame's rectangle (x, y, width, height).
func frameRect(_ doc: ParsedXML) -> (x: Double, y: Double, width: Double, height: Double)? {
    guard let r = doc.all("rect", class: "frame").first?.attributes,
          let x = r["x"].flatMap(Double.init), let y = r["y"].flatMap(Double.init),
          let w = r["width"].flatMap(Double.init), let h = r["height"].flatMap(Double.init) else { return nil }
    return (x, y, w, h)
}

/// Points of a path's `d` ("M x y L x y ...").
func pathPoints(_ d: String) -> [(x: Double, y: Double)] {
    let nums = d.split(whereSeparator: { "MLZ ".contains($0) }).compactMap { Double($0) }
    return stride(from: 0, to: nums.count - 1, by: 2).map { (nums[$0], nums[$0 + 1]) }
}

let curveT = stride(from: 0.0, through: 24.0, by: 1.0 / 60).map { $0 }
func curve(peak: Double, ka: Double = 3, ke: Double = 0.3) -> [Double] {
    curveT.map { t in peak * 1.6 * (exp(-ke * t) - exp(-ka * t)) }
}

@Suite("SVG plot")
struct SVGPlotTests {
    func standardPlot() -> SVGPlot {
        SVGPlot(
            title: "Route comparison, 70 kg",
            series: [
                .init(label: "IV 0.5 mg/kg", timesH: curveT, values: curve(peak: 240, ka: 20)),
                .init(label: "IM 0.5 mg/kg", timesH: curveT, values: curve(peak: 200, ka: 8)),
                .init(label: "PO 1 mg/kg", timesH: curveT, values: curve(peak: 60, ka: 1.5)),
            ],
            bands: [.init(low: 100, high: 250, label: "dissociation 100–250 ng/mL")],
            windows: [.init(startH: 0, endH: 1.5, label: "session 0–90 min")],
            maxTimeH: 6)
    }

    @Test("well-formed XML: one path per series, band and window rects, axis labels with units, legend")
    func wellFormed() {
        let svg = standardPlot().render()
        let doc = ParsedXML(svg)
        #expect(doc.ok, "\(doc.error ?? "")")
        #expect(doc.elements.first?.name == "svg")
        #expect(doc.elements.first?.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(doc.elements.first?.attributes["width"] == "720" && doc.elements.first?.attributes["height"] == "420")
        #expect(doc.all("path", class: "series").count == 3)
        for p in doc.all("path", class: "series") { #expect(pathPoints(p.attributes["d"] ?? "").count > 50) }
        // Distinct colour and dash pattern per series.
        let styles = Set(doc.all("path", class: "series").map { "\($0.attributes["stroke"] ?? "")|\($0.attributes["stroke-dasharray"] ?? "")" })
        #expect(styles.count == 3)
        #expect(Set(doc.all("path", class: "series").map { $0.attributes["stroke-dasharray"] ?? "solid" }).count == 3)
        #expect(doc.all("rect", class: "band").count == 1)
        #expect(doc.all("rect", class: "window").count == 1)
        #expect(doc.all("text", class: "x-axis-label").first?.text == "Time (h)")
        #expect(doc.all("text", class: "y-axis-label").first?.text == "Concentration (ng/mL)")
        #expect(doc.all("text", class: "band-label").first?.text == "dissociation 100–250 ng/mL")
        #expect(doc.all("text", class: "window-label").first?.text == "session 0–90 min")
        #expect(doc.all("text", class: "plot-title").first?.text == "Route comparison, 70 kg")
        let legend = doc.all("g", class: "legend").first?.text ?? ""
        for l in ["IV 0.5 mg/kg", "IM 0.5 mg/kg", "PO 1 mg/kg"] { #expect(legend.contains(l)) }
        // Nice ticks: 0-6 h in whole hours, concentration (peak about 315) in steps of 100.
        #expect(doc.all("text", class: "x-tick").map(\.text) == ["0", "1", "2", "3", "4", "5", "6"])
        let yTicks = doc.all("text", class: "y-tick").map(\.text)
        #expect(yTicks == ["0", "100", "200", "300", "400"], "\(yTicks)")
        #expect(!svg.contains("<script") && !svg.contains("href"))
    }

    @Test("a standalone SVG says it is a model prediction, not medical advice; an embedded one leaves that to its page")
    func disclaimer() {
        let standalone = standardPlot().render(), embedded = standardPlot().render(standalone: false)
        #expect(standalone.contains("Model predictions for planning and research, not medical advice."))
        #expect(ParsedXML(standalone).ok)
        #expect(!embedded.contains("not medical advice"))
    }

    @Test("the window and band rects are placed on the axes' scale")
    func geometry() throws {
        let doc = ParsedXML(standardPlot().render())
        let frame = try #require(frameRect(doc))
        let (left, top, width, height) = (frame.x, frame.y, frame.width, frame.height)
        let window = try #require(doc.all("rect", class: "window").first)
        #expect(Double(window.attributes["x"]!)! == left)
        #expect(abs(Double(window.attributes["width"]!)! - width * 1.5 / 6) <= 0.1)
        let band = try #require(doc.all("rect", class: "band").first)
        let yTop = try #require(doc.all("text", class: "y-tick").compactMap { Double($0.text) }.max())
        #expect(abs(Double(band.attributes["height"]!)! - height * 150 / yTop) <= 0.2)
        #expect(abs(Double(band.attributes["y"]!)! - (top + height * (1 - 250 / yTop))) <= 0.2)
        // Every series point is inside the plot frame.
        for p in doc.all("path", class: "series") {
            for pt in pathPoints(p.attributes["d"]!) {
                #expect(pt.x >= left && pt.x <= left + width && pt.y >= top && pt.y <= top + height)
            }
        }
    }

    @Test("percentile ribbons: 5-95 and 25-75 areas and the median line")
    func ribbons() {
        let med = curve(peak: 150)
        let ribbon = SVGPlot.Ribbon(timesH: curveT, p05: med.map { $0 * 0.4 }, p25: med.map { $0 * 0.7 }, p50: med,
                                    p75: med.map { $0 * 1.4 }, p95: med.map { $0 * 2.2 }, label: "IM 0.5 mg/kg, n = 1000")
        let svg = SVGPlot(title: "Population", series: [.init(label: "typical patient", timesH: curveT, values: med)],
                          bands: [.init(low: 100, high: 250, label: "dissociation 100–250 ng/mL")], ribbons: [ribbon]).render()
        let doc = ParsedXML(svg)
        #expect(doc.ok, "\(doc.error ?? "")")
        let outer = doc.all("path", class: "ribbon-outer"), inner = doc.all("path", class: "ribbon-inner")
        #expect(outer.count == 1 && inner.count == 1)
        #expect(doc.all("path", class: "ribbon-median").count == 1)
        #expect(doc.all("path", class: "series").count == 1)
        for p in outer + inner {
            let d = p.attributes["d"] ?? ""
            #expect(d.hasPrefix("M") && d.hasSuffix("Z"))
        }
        // The outer area is lighter than the inner one.
        #expect(Double(outer[0].attributes["fill-opacity"]!)! < Double(inner[0].attributes["fill-opacity"]!)!)
        // The y axis reaches the 95th percentile's peak.
        let yTop = doc.all("text", class: "y-tick").compactMap { Double($0.text) }.max() ?? 0
        #expect(yTop >= (med.max()! * 2.2))
        let legend = doc.all("g", class: "legend").first?.text ?? ""
        #expect(legend.contains("median") && legend.contains("25–75th percentile") && legend.contains("5–95th percentile"))
        // 24 h of data without a maximum time: the axis ends at 24 h on a whole-hour tick.
        #expect(doc.all("text", class: "x-tick").last?.text == "24")
    }

    @Test("edge cases give well-formed SVG with finite coordinates only",
          arguments: [
            ("no series", SVGPlot()),
            ("empty series", SVGPlot(title: "empty", series: [.init(label: "none", timesH: [], values: [])])),
            ("flat zero", SVGPlot(series: [.init(label: "zero", timesH: [0, 1, 2], values: [0, 0, 0])],
                                  bands: [.init(low: 100, high: 250, label: "band")])),
            ("flat zero, log", SVGPlot(series: [.init(label: "zero", timesH: [0, 1, 2], values: [0, 0, 0])], logY: true)),
            ("one point", SVGPlot(series: [.init(label: "one", timesH: [0], values: [5])])),
            ("one point at t > 0", SVGPlot(series: [.init(label: "one", timesH: [3], values: [5])])),
            ("huge values", SVGPlot(series: [.init(label: "huge", timesH: [0, 1, 2], values: [1e300, 1.7e308, 0])])),
            ("huge values, log", SVGPlot(series: [.init(label: "huge", timesH: [0, 1, 2], values: [1e-300, 1.7e308, 1])], logY: true)),
            ("tiny values", SVGPlot(series: [.init(label: "tiny", timesH: [0, 1, 2], values: [0, 1e-12, 3e-13])])),
            ("non-finite values", SVGPlot(series: [.init(label: "nan", timesH: [0, 1, .nan, 3, 4, 5], values: [1, .nan, 2, .infinity, 4, -.infinity])],
                                          ribbons: [.init(timesH: [0, 1, 2], p05: [.nan, 0, 0], p25: [0, 1, 1], p50: [1, 2, .infinity],
                                                          p75: [2, 3, 3], p95: [3, 4], label: "ragged")])),
            ("negative and zero times", SVGPlot(series: [.init(label: "pre", timesH: [-2, -1, 0], values: [1, 2, 3])])),
            ("all at one time", SVGPlot(series: [.init(label: "same", timesH: [1, 1, 1], values: [1, 2, 3])])),
            ("mismatched lengths", SVGPlot(series: [.init(label: "short", timesH: [0, 1, 2, 3], values: [1, 2])])),
            ("open band, odd window", SVGPlot(series: [.init(label: "a", timesH: [0, 1], values: [0, 50])],
                                             bands: [.init(low: 40, high: .infinity, label: "≥ 40"), .init(low: .nan, high: 3, label: "bad")],
                                             windows: [.init(startH: 5, endH: 2, label: "reversed"), .init(startH: 0, endH: .infinity, label: "inf")])),
            ("tiny canvas, long labels", SVGPlot(title: String(repeating: "long title ", count: 30),
                                                series: (0..<12).map { .init(label: String(repeating: "x", count: 80) + "\($0)", timesH: [0, 1], values: [1, 0]) },
                                                width: 10, height: 10)),
            ("max time before the data", SVGPlot(series: [.init(label: "late", timesH: [10, 11], values: [1, 2])], maxTimeH: 5)),
          ])
    func edgeCases(_ name: String, _ plot: SVGPlot) {
        for svg in [plot.render(), plot.render(standalone: false)] {
            let doc = ParsedXML(svg)
            #expect(doc.ok, "\(name): \(doc.error ?? "")")
            #expect(doc.all("path", class: "series").count == plot.series.count, "\(name)")
            let nums = svgNumbers(doc)
            #expect(!nums.isEmpty)
            for n in nums {
                let v = Double(n)
                #expect(v != nil && v!.isFinite && abs(v!) < 100_000, "\(name): coordinate '\(n)'")
            }
            for bad in ["nan", "inf", "NaN"] {
                #expect(!svg.lowercased().contains("=\"\(bad)") && !svg.contains(" \(bad) "), "\(name): \(bad)")
            }
        }
    }

    @Test("one point is drawn as a marker")
    func onePoint() {
        let doc = ParsedXML(SVGPlot(series: [.init(label: "one", timesH: [0], values: [5])]).render())
        #expect(doc.all("circle", class: "point").count == 1)
    }

    @Test("text is XML-escaped in title, labels, bands and windows")
    func escaping() {
        let nasty = "A<B & C \"q\" 'x' </svg><script>alert(1)</script>\u{1}"
        let plot = SVGPlot(title: nasty, series: [.init(label: nasty, timesH: [0, 1], values: [1, 2])],
                           bands: [.init(low: 0.5, high: 1.5, label: nasty)], windows: [.init(startH: 0, endH: 1, label: "a<b")],
                           xLabel: "t & <h>", yLabel: "C <ng/mL>")
        let svg = plot.render()
        let doc = ParsedXML(svg)
        #expect(doc.ok, "\(doc.error ?? "")")
        #expect(!svg.contains("<script") && !svg.contains("<B"))
        #expect(svg.contains("A&lt;B &amp; C &quot;q&quot; &#39;x&#39;"))
        let expected = "A<B & C \"q\" 'x' </svg><script>alert(1)</script>"
        #expect(doc.all("title").first?.text == expected)
        #expect(doc.all("text", class: "band-label").first?.text == expected)
        #expect(doc.all("g", class: "legend").first?.text.contains(expected) == true)
        #expect(doc.all("text", class: "x-axis-label").first?.text == "t & <h>")
        #expect(doc.all("text", class: "y-axis-label").first?.text == "C <ng/mL>")
        #expect(doc.elements.filter { $0.name == "script" }.isEmpty)
        #expect(XMLText.escape("a\u{0}b\u{1F}c\td") == "abc\td")
    }

    @Test("log scale: decade ticks, zeros on the bottom edge")
    func logScale() {
        let plot = SVGPlot(series: [.init(label: "Cp", timesH: curveT, values: curve(peak: 200))],
                           bands: [.init(low: 100, high: 250, label: "band")], logY: true)
        let doc = ParsedXML(plot.render())
        #expect(doc.ok)
        let ticks = doc.all("text", class: "y-tick").map(\.text)
        #expect(ticks.contains("1") && ticks.contains("10") && ticks.contains("100") && ticks.contains("1000"), "\(ticks)")
        #expect(ticks.count <= 7)
        #expect(doc.all("text", class: "y-axis-label").first?.text.contains("log scale") == true)
    }

    @Test("long dense series are thinned per pixel column and keep the peak")
    func thinning() throws {
        let n = 200_000
        let t = (0..<n).map { Double($0) / Double(n - 1) * 10 }
        var v = t.map { 50 + 10 * sin($0 * 40) }
        v[123_457] = 500   // a one-sample spike
        let doc = ParsedXML(SVGPlot(series: [.init(label: "dense", timesH: t, values: v)]).render())
        let d = try #require(doc.all("path", class: "series").first?.attributes["d"])
        let pts = pathPoints(d)
        #expect(pts.count < 4 * 720 && pts.count > 600)
        let frame = try #require(frameRect(doc))
        // The spike (500, against at most 60 elsewhere) is drawn in the upper half of the frame.
        #expect(pts.map(\.y).min()! < frame.y + frame.height * 0.5)
    }

    @Test("a maximum time cuts the curves at the edge by interpolation")
    func cutAtMaxTime() throws {
        let doc = ParsedXML(SVGPlot(series: [.init(label: "lin", timesH: [0, 10], values: [0, 100])], maxTimeH: 5).render())
        let pts = pathPoints(try #require(doc.all("path", class: "series").first?.attributes["d"]))
        #expect(pts.count == 2)
        let ticks = doc.all("text", class: "y-tick").compactMap { Double($0.text) }
        #expect(ticks.max()! >= 50 && ticks.max()! < 100, "y range from the visible part: \(ticks)")
    }

    @Test("more series than colours: every series keeps a distinct colour and dash pair")
    func manySeries() {
        let styles = (0..<20).map { SVGPlot.style($0) }
        #expect(Set(styles.map { "\($0.color)|\($0.dash)" }).count == 20)
    }

    @Test("nice time steps in hours")
    func timeSteps() {
        #expect(SVGPlot.timeStep(24, count: 8) == 3)
        #expect(SVGPlot.timeStep(24, count: 6) == 4)
        #expect(SVGPlot.timeStep(6, count: 8) == 1)
        #expect(SVGPlot.timeStep(1.5, count: 8) == 0.25)
        #expect(SVGPlot.timeStep(0.5, count: 8) == 0.1)
        #expect(SVGPlot.timeStep(168, count: 8) == 24)
        #expect(SVGPlot.tickLabel(0.25, step: 0.25) == "0.25")
        #expect(SVGPlot.tickLabel(100, step: 50) == "100")
        #expect(SVGPlot.tickLabel(2e8, step: 5e7) == "2e+08")
    }

    @Test("inline SVG has no namespace URL")
    func inline() {
        let svg = SVGPlot(series: [.init(label: "a", timesH: [0, 1], values: [0, 1])]).render(standalone: false)
        #expect(!svg.contains("http"))
        #expect(ParsedXML(svg).ok)
    }
}
