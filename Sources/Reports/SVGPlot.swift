import Foundation
import PKCore
import PKProfiles
import Planner
import Studies
/// A publication-quality concentration–time plot rendered to an SVG string: axes with "nice" ticks
/// and units, a title, a legend, one path per series (colour-blind-safe colours, each with its own
/// dash pattern so the curves stay distinct in grayscale print), shaded concentration bands and
/// session windows with labels, and percentile ribbons (5–95 light, 25–75 darker, median line) for
/// population output.
///
/// A pure value: `render()` depends only on the fields. No fonts, scripts or images are referenced;
/// every piece of text is XML-escaped, and every coordinate written is finite (non-finite data
/// values are gaps in the curve).
public struct SVGPlot: Sendable, Equatable {
    /// One curve: values (y unit, e.g. ng/mL) at times (h), times ascending (shared with the terminal chart).
    public typealias Series = ChartSeries

    /// A horizontal shaded band, e.g. dissociation 100–250 ng/mL. `high` may be `.infinity` (open band).
    public struct Band: Sendable, Equatable {
        public var low: Double
        public var high: Double
        public var label: String
        public init(low: Double, high: Double, label: String) {
            self.low = low
            self.high = high
            self.label = label
        }
    }

    /// A vertical shaded time window, e.g. the session 0–1.5 h (several for a plan).
    public struct Window: Sendable, Equatable {
        public var startH: Double
        public var endH: Double
        public var label: String
        public init(startH: Double, endH: Double, label: String = "") {
            self.startH = startH
            self.endH = endH
            self.label = label
        }
    }

    /// Percentiles of a population simulation at each time: 5–95 and 25–75 shaded, the median as a line.
    public struct Ribbon: Sendable, Equatable {
        public var timesH: [Double]
        public var p05: [Double]
        public var p25: [Double]
        public var p50: [Double]
        public var p75: [Double]
        public var p95: [Double]
        public var label: String
        public init(timesH: [Double], p05: [Double], p25: [Double], p50: [Double], p75: [Double], p95: [Double], label: String) {
            self.timesH = timesH
            self.p05 = p05
            self.p25 = p25
            self.p50 = p50
            self.p75 = p75
            self.p95 = p95
            self.label = label
        }
    }

    public var title: String
    public var series: [Series]
    public var bands: [Band]
    public var windows: [Window]
    public var ribbons: [Ribbon]
    /// Size in px (also the viewBox); at least 240×180 is used.
    public var width: Int
    public var height: Int
    public var xLabel: String
    public var yLabel: String
    /// Logarithmic concentration axis (decades; values ≤ 0 sit on the bottom edge).
    public var logY: Bool
    /// The time axis ends here (h); default: the end of the data, rounded up to a tick.
    public var maxTimeH: Double?
    /// Time-axis ticks given as (h, label), e.g. calendar dates of a course; nil: hours.
    public var timeTicks: [TimeTick]? = nil

    /// A labelled tick of the time axis at `h` hours.
    public struct TimeTick: Sendable, Equatable {
        public var h: Double
        public var label: String
        public init(h: Double, label: String) {
            self.h = h
            self.label = label
        }
    }

    public init(title: String = "", series: [Series] = [], bands: [Band] = [], windows: [Window] = [],
                ribbons: [Ribbon] = [], width: Int = 720, height: Int = 420, xLabel: String = "Time (h)",
                yLabel: String = "Concentration (ng/mL)", logY: Bool = false, maxTimeH: Double? = nil) {
        self.title = title
        self.series = series
        self.bands = bands
        self.windows = windows
        self.ribbons = ribbons
        self.width = width
        self.height = height
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logY = logY
        self.maxTimeH = maxTimeH
    }

    /// Okabe–Ito colour-blind-safe colours (yellow left out: too pale on white).
    public static let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
    /// Dash patterns, paired with the colours so each series differs in grayscale too.
    public static let dashes = ["", "8 4", "2 3", "10 3 2 3", "4 4", "12 3 2 3 2 3", "1 5"]
    public static let bandFills = ["#2E8B57", "#B8860B", "#7B68EE", "#708090"]
    /// Ribbon colours, apart from the series colours so a typical-patient curve stands out.
    public static let ribbonColors = ["#5E3C99", "#B2182B", "#1B7837", "#2166AC"]

    // MARK: - Rendering

    /// The plot as an SVG document (`standalone`: with the SVG namespace, as a .svg file needs;
    /// without it for inline use in HTML, where the parser supplies the namespace).
    public func render(standalone: Bool = true) -> String {
        let W = Double(Swift.max(width, 240))
        let left = 70.0, right = 20.0
        let top = title.isEmpty ? 16.0 : 38.0

        // Legend entries below the plot, in as many columns as fit.
        var legend: [LegendEntry] = []
        for (k, s) in series.enumerated() { legend.append(.init(kind: .line(k), label: s.label)) }
        for (k, r) in ribbons.enumerated() {
            legend.append(.init(kind: .ribbonMedian(k), label: "\(r.label) median"))
            legend.append(.init(kind: .ribbonInner(k), label: "\(r.label) 25–75th percentile"))
            legend.append(.init(kind: .ribbonOuter(k), label: "\(r.label) 5–95th percentile"))
        }
        let plotW = W - left - right
        let charW = 6.6
        let entryW = (legend.map { Double($0.label.count) }.max() ?? 0) * charW + 44
        let columns = legend.isEmpty ? 1 : Swift.max(1, Swift.min(legend.count, Int(plotW / entryW)))
        let legendRows = (legend.count + columns - 1) / columns
        let legendH = legend.isEmpty ? 0.0 : Double(legendRows) * 18 + 4
        // A standalone file carries the disclaimer in its last line (an embedded plot's page has it).
        let footerH = standalone ? 16.0 : 0
        let bottom = 50.0 + legendH + footerH
        // The canvas grows when the legend would leave less than 120 px of plot.
        let H = Swift.max(Double(Swift.max(height, 180)), top + 120 + bottom)
        let plotH = H - top - bottom
        let frame = Frame(left: left, top: top, width: plotW, height: plotH)

        var axes = computeAxes(frame)
        if let tt = timeTicks {
            let shown = tt.filter { $0.h >= axes.x0 - 1e-9 && $0.h <= axes.x1 + 1e-9 }
            axes.xTicks = shown.map(\.h)
            axes.xTickText = shown.map(\.label)
        }
        var out = ""
        out.reserveCapacity(32_000)
        let ns = standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : ""
        out += "<svg\(ns) class=\"ketasim-plot\" width=\"\(Int(W))\" height=\"\(Int(H))\" viewBox=\"0 0 \(Int(W)) \(Int(H))\" role=\"img\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
        out += "<title>\(XMLText.escape(title.isEmpty ? "Concentration–time plot" : title))</title>\n"
        out += "<rect class=\"background\" x=\"0\" y=\"0\" width=\"\(Int(W))\" height=\"\(Int(H))\" fill=\"#ffffff\"/>\n"

        // Gridlines.
        out += "<g class=\"grid\" stroke=\"#e3e3e3\" stroke-width=\"1\">\n"
        for t in axes.xTicks {
            let x = axes.px(t)
            out += "<line x1=\"\(f(x))\" y1=\"\(f(frame.top))\" x2=\"\(f(x))\" y2=\"\(f(frame.bottom))\"/>\n"
        }
        for (v, _) in axes.yTicks {
            let y = axes.py(v)
            out += "<line x1=\"\(f(frame.left))\" y1=\"\(f(y))\" x2=\"\(f(frame.right))\" y2=\"\(f(y))\"/>\n"
        }
        for v in axes.yMinorTicks {
            let y = axes.py(v)
            out += "<line x1=\"\(f(frame.left))\" y1=\"\(f(y))\" x2=\"\(f(frame.right))\" y2=\"\(f(y))\" stroke=\"#f0f0f0\"/>\n"
        }
        out += "</g>\n"

        // Session windows.
        var windowLabels = ""
        for w in windows {
            guard w.startH.isFinite, w.endH.isFinite else { continue }
            let s = Swift.max(w.startH, axes.x0), e = Swift.min(w.endH, axes.x1)
            guard e > s else { continue }
            let x0 = axes.px(s), x1 = axes.px(e)
            out += "<rect class=\"window\" x=\"\(f(x0))\" y=\"\(f(frame.top))\" width=\"\(f(x1 - x0))\" height=\"\(f(frame.height))\" fill=\"#5a5a5a\" fill-opacity=\"0.10\"/>\n"
            if !w.label.isEmpty, Double(w.label.count) * 6 + 8 <= x1 - x0 {
                windowLabels += "<text class=\"window-label\" x=\"\(f(x0 + 4))\" y=\"\(f(frame.top + 13))\" font-size=\"11\" fill=\"#333333\" \(halo)>\(XMLText.escape(w.label))</text>\n"
            }
        }

        // Concentration bands.
        var bandLabels = ""
        for (k, b) in bands.enumerated() {
            guard b.low.isFinite, !b.high.isNaN, b.high > b.low else { continue }
            let yLow = axes.py(b.low), yHigh = axes.py(b.high)
            guard yLow - yHigh > 0.5 else { continue }
            let fill = SVGPlot.bandFills[k % SVGPlot.bandFills.count]
            out += "<rect class=\"band\" x=\"\(f(frame.left))\" y=\"\(f(yHigh))\" width=\"\(f(frame.width))\" height=\"\(f(yLow - yHigh))\" fill=\"\(fill)\" fill-opacity=\"0.13\"/>\n"
            for (edge, y) in [(b.low, yLow), (b.high, yHigh)] where edge.isFinite && y > frame.top + 0.5 && y < frame.bottom - 0.5 {
                out += "<line class=\"band-edge\" x1=\"\(f(frame.left))\" y1=\"\(f(y))\" x2=\"\(f(frame.right))\" y2=\"\(f(y))\" stroke=\"\(fill)\" stroke-width=\"1\" stroke-dasharray=\"5 3\" stroke-opacity=\"0.8\"/>\n"
            }
            if !b.label.isEmpty {
                // Inside the band at its top edge when it is tall enough, else just above it.
                let y = yLow - yHigh >= 16 ? yHigh + 13 : Swift.max(frame.top + 11, yHigh - 3)
                bandLabels += "<text class=\"band-label\" x=\"\(f(frame.right - 6))\" y=\"\(f(y))\" text-anchor=\"end\" font-size=\"11\" fill=\"#1f4d33\" \(halo)>\(XMLText.escape(b.label))</text>\n"
            }
        }

        // Percentile ribbons.
        for (k, r) in ribbons.enumerated() {
            let color = SVGPlot.ribbonColors[k % SVGPlot.ribbonColors.count]
            let n = [r.timesH.count, r.p05.count, r.p25.count, r.p50.count, r.p75.count, r.p95.count].min() ?? 0
            let t = Array(r.timesH.prefix(n))
            let outer = areaPath(t, Array(r.p05.prefix(n)), Array(r.p95.prefix(n)), axes)
            let inner = areaPath(t, Array(r.p25.prefix(n)), Array(r.p75.prefix(n)), axes)
            let median = linePath(t, Array(r.p50.prefix(n)), axes)
            out += "<path class=\"ribbon ribbon-outer\" d=\"\(outer)\" fill=\"\(color)\" fill-opacity=\"0.16\" stroke=\"none\"/>\n"
            out += "<path class=\"ribbon ribbon-inner\" d=\"\(inner)\" fill=\"\(color)\" fill-opacity=\"0.34\" stroke=\"none\"/>\n"
            out += "<path class=\"ribbon-median\" d=\"\(median)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.6\" stroke-linejoin=\"round\"/>\n"
        }

        // Series.
        for (k, s) in series.enumerated() {
            let n = Swift.min(s.timesH.count, s.values.count)
            let d = linePath(Array(s.timesH.prefix(n)), Array(s.values.prefix(n)), axes)
            let (color, dash) = SVGPlot.style(k)
            let dashAttr = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
            out += "<path class=\"series\" d=\"\(d)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dashAttr) stroke-linejoin=\"round\" stroke-linecap=\"butt\"/>\n"
            // A lone point draws nothing as a path: mark it.
            for p in isolatedPoints(Array(s.timesH.prefix(n)), Array(s.values.prefix(n)), axes) {
                out += "<circle class=\"point\" cx=\"\(f(p.x))\" cy=\"\(f(p.y))\" r=\"3\" fill=\"\(color)\"/>\n"
            }
        }

        out += windowLabels
        out += bandLabels

        // Axes frame, ticks and labels.
        out += "<g class=\"axes\" stroke=\"#222222\" stroke-width=\"1\" fill=\"none\">\n"
        out += "<rect class=\"frame\" x=\"\(f(frame.left))\" y=\"\(f(frame.top))\" width=\"\(f(frame.width))\" height=\"\(f(frame.height))\"/>\n"
        for t in axes.xTicks {
            let x = axes.px(t)
            out += "<line x1=\"\(f(x))\" y1=\"\(f(frame.bottom))\" x2=\"\(f(x))\" y2=\"\(f(frame.bottom + 5))\"/>\n"
        }
        for (v, _) in axes.yTicks {
            let y = axes.py(v)
            out += "<line x1=\"\(f(frame.left - 5))\" y1=\"\(f(y))\" x2=\"\(f(frame.left))\" y2=\"\(f(y))\"/>\n"
        }
        out += "</g>\n"
        out += "<g class=\"tick-labels\" fill=\"#222222\" font-size=\"11\">\n"
        for t in axes.xTicks {
            out += "<text class=\"x-tick\" x=\"\(f(axes.px(t)))\" y=\"\(f(frame.bottom + 18))\" text-anchor=\"middle\">\(XMLText.escape(axes.xLabel(t)))</text>\n"
        }
        for (v, label) in axes.yTicks {
            out += "<text class=\"y-tick\" x=\"\(f(frame.left - 8))\" y=\"\(f(axes.py(v) + 4))\" text-anchor=\"end\">\(XMLText.escape(label))</text>\n"
        }
        out += "</g>\n"
        out += "<text class=\"axis-label x-axis-label\" x=\"\(f(frame.left + frame.width / 2))\" y=\"\(f(frame.bottom + 38))\" text-anchor=\"middle\" font-size=\"12.5\" fill=\"#222222\">\(XMLText.escape(xLabel))</text>\n"
        let yc = frame.top + frame.height / 2
        out += "<text class=\"axis-label y-axis-label\" x=\"16\" y=\"\(f(yc))\" transform=\"rotate(-90 16 \(f(yc)))\" text-anchor=\"middle\" font-size=\"12.5\" fill=\"#222222\">\(XMLText.escape(yLabel + (logY ? ", log scale" : "")))</text>\n"

        if !title.isEmpty {
            let maxChars = Swift.max(8, Int((W - 20) / 8.4))
            out += "<text class=\"plot-title\" x=\"\(f(W / 2))\" y=\"24\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\" fill=\"#111111\">\(XMLText.escape(SVGPlot.truncate(title, maxChars)))</text>\n"
        }

        // Legend.
        if !legend.isEmpty {
            let colW = plotW / Double(columns)
            let maxChars = Swift.max(6, Int((colW - 44) / charW))
            out += "<g class=\"legend\" font-size=\"11.5\" fill=\"#222222\">\n"
            for (i, e) in legend.enumerated() {
                let x = left + Double(i % columns) * colW
                let y = frame.bottom + 56 + Double(i / columns) * 18
                switch e.kind {
                case .line(let k):
                    let (color, dash) = SVGPlot.style(k)
                    let dashAttr = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
                    out += "<line class=\"legend-swatch\" x1=\"\(f(x))\" y1=\"\(f(y - 4))\" x2=\"\(f(x + 32))\" y2=\"\(f(y - 4))\" stroke=\"\(color)\" stroke-width=\"2\"\(dashAttr)/>\n"
                case .ribbonMedian(let k):
                    let color = SVGPlot.ribbonColors[k % SVGPlot.ribbonColors.count]
                    out += "<line class=\"legend-swatch\" x1=\"\(f(x))\" y1=\"\(f(y - 4))\" x2=\"\(f(x + 32))\" y2=\"\(f(y - 4))\" stroke=\"\(color)\" stroke-width=\"2.6\"/>\n"
                case .ribbonInner(let k), .ribbonOuter(let k):
                    let color = SVGPlot.ribbonColors[k % SVGPlot.ribbonColors.count]
                    let opacity: String
                    if case .ribbonInner = e.kind { opacity = "0.34" } else { opacity = "0.16" }
                    out += "<rect class=\"legend-swatch\" x=\"\(f(x))\" y=\"\(f(y - 10))\" width=\"32\" height=\"11\" fill=\"\(color)\" fill-opacity=\"\(opacity)\"/>\n"
                }
                out += "<text x=\"\(f(x + 38))\" y=\"\(f(y))\">\(XMLText.escape(SVGPlot.truncate(e.label, maxChars)))</text>\n"
            }
            out += "</g>\n"
        }
        if standalone {
            out += "<text class=\"disclaimer\" x=\"\(f(left))\" y=\"\(f(H - 5))\" font-size=\"10.5\" fill=\"#555555\">\(XMLText.escape(Product.disclaimer))</text>\n"
        }
        out += "</svg>\n"
        return out
    }

    /// Colour and dash pattern of series `k`; beyond the palette, the dash cycle is shifted so
    /// (colour, dash) pairs stay distinct.
    public static func style(_ k: Int) -> (color: String, dash: String) {
        let c = colors.count
        return (colors[k % c], dashes[(k + k / c) % dashes.count])
    }

    public static func truncate(_ s: String, _ maxChars: Int) -> String {
        s.count <= maxChars ? s : String(s.prefix(Swift.max(1, maxChars - 1))) + "…"
    }

    private var halo: String { "stroke=\"#ffffff\" stroke-width=\"3\" stroke-opacity=\"0.85\" paint-order=\"stroke\"" }

    // MARK: - Layout and scales

    public struct Frame {
        var left, top, width, height: Double
        var right: Double { left + width }
        var bottom: Double { top + height }
    }

    public enum LegendKind { case line(Int), ribbonMedian(Int), ribbonInner(Int), ribbonOuter(Int) }
    public struct LegendEntry {
        var kind: LegendKind
        var label: String
    }

    public struct Axes {
        var frame: Frame
        var x0: Double, x1: Double
        var xStep: Double
        var logY: Bool
        /// Linear: 0...yTop; log: 10^decLo ... 10^decHi.
        var yTop: Double
        var decLo: Int, decHi: Int
        var xTicks: [Double]
        var yTicks: [(Double, String)]
        var yMinorTicks: [Double]
        /// Labels of `xTicks` when given (dates); nil: hours.
        var xTickText: [String]? = nil

        func px(_ t: Double) -> Double {
            let x = frame.left + (t - x0) / (x1 - x0) * frame.width
            return x.isFinite ? Swift.min(frame.right, Swift.max(frame.left, x)) : frame.left
        }
        func py(_ v: Double) -> Double {
            let frac: Double
            if logY {
                if v.isNaN || v <= 0 { return frame.bottom }
                frac = (log10(v) - Double(decLo)) / Double(decHi - decLo)
            } else {
                frac = v / yTop
            }
            if frac.isNaN { return frame.bottom }
            return frame.bottom - Swift.min(1, Swift.max(0, frac)) * frame.height
        }
        func xLabel(_ t: Double) -> String {
            if let text = xTickText, let i = xTicks.firstIndex(of: t) { return text[i] }
            return SVGPlot.tickLabel(t, step: xStep)
        }
    }

    public func computeAxes(_ frame: Frame) -> Axes {
        // Time domain.
        var tMin = 0.0, tMax = -Double.infinity
        func see(_ ts: [Double]) {
            for t in ts where t.isFinite { tMin = Swift.min(tMin, t); tMax = Swift.max(tMax, t) }
        }
        for s in series { see(Array(s.timesH.prefix(s.values.count))) }
        for r in ribbons { see(r.timesH) }
        for w in windows where w.endH.isFinite && w.startH.isFinite && w.endH > w.startH { see([w.endH]) }
        var x0 = tMin, x1 = tMax
        if let m = maxTimeH, m.isFinite, m > x0 { x1 = m }
        if !(x1 > x0) || !(x1 - x0).isFinite { x0 = Swift.min(0, x0.isFinite ? x0 : 0); x1 = x0 + 1 }
        let xCount = Swift.max(2, Int(frame.width / 80))
        let xStep = SVGPlot.timeStep(x1 - x0, count: xCount)
        if maxTimeH == nil {
            let rounded = x0 + ((x1 - x0) / xStep - 1e-9).rounded(.up) * xStep
            if rounded.isFinite, rounded > x0 { x1 = rounded }
        }
        var xTicks: [Double] = []
        let firstTick = (x0 / xStep).rounded(.up) * xStep
        var i = 0
        while xTicks.count < 60 {
            let t = firstTick + Double(i) * xStep
            if !t.isFinite || t > x1 + xStep * 1e-6 { break }
            xTicks.append(abs(t) < xStep * 1e-9 ? 0 : t)
            i += 1
        }

        // Concentration range over the visible times.
        var yMax = -Double.infinity, yMinPos = Double.infinity
        func seeY(_ ts: [Double], _ vs: [Double]) {
            for run in SVGPlot.runs(ts, vs, x0: x0, x1: x1) {
                for (_, v) in run {
                    yMax = Swift.max(yMax, v)
                    if v > 0 { yMinPos = Swift.min(yMinPos, v) }
                }
            }
        }
        for s in series { seeY(Array(s.timesH.prefix(s.values.count)), s.values) }
        for r in ribbons { for p in [r.p05, r.p25, r.p50, r.p75, r.p95] { seeY(r.timesH, p) } }
        let dataMax = yMax.isFinite ? Swift.max(0, yMax) : 0

        if logY {
            var hi = yMax > 0 ? yMax : 1, lo = yMinPos.isFinite ? yMinPos : hi / 10
            for b in bands where b.low.isFinite && b.low > 0 {
                lo = Swift.min(lo, b.low)
                hi = Swift.max(hi, b.low * 1.2)
                if b.high.isFinite && b.high <= Swift.max(dataMax, b.low) * 2 { hi = Swift.max(hi, b.high) }
            }
            var decHi = Int(log10(hi).rounded(.up)), decLo = Int(log10(lo).rounded(.down))
            decHi = Swift.min(decHi, 308)
            decLo = Swift.max(decLo, decHi - 6, -300)
            if decHi <= decLo { decHi = decLo + 1 }
            var ticks: [(Double, String)] = []
            var minor: [Double] = []
            for d in decLo...decHi {
                let v = SVGPlot.pow10(d)
                ticks.append((v, SVGPlot.decadeLabel(d)))
                if d < decHi && decHi - decLo <= 4 { for m in 2...9 { minor.append(Double(m) * v) } }
            }
            return Axes(frame: frame, x0: x0, x1: x1, xStep: xStep, logY: true, yTop: SVGPlot.pow10(decHi), decLo: decLo,
                        decHi: decHi, xTicks: xTicks, yTicks: ticks, yMinorTicks: minor)
        }

        var yTop = dataMax * 1.05
        if !yTop.isFinite { yTop = dataMax }
        for b in bands where b.low.isFinite && b.low > 0 {
            yTop = Swift.max(yTop, b.low * 1.15)
            if b.high.isFinite && b.high <= Swift.max(dataMax, b.low) * 2 { yTop = Swift.max(yTop, b.high * 1.05) }
        }
        if !(yTop > 0) || !yTop.isFinite { yTop = 1 }
        let yCount = Swift.max(3, Int(frame.height / 55))
        let yStep = TerminalChart.niceStep(yTop, count: yCount)
        let rounded = (yTop / yStep).rounded(.up) * yStep
        if rounded.isFinite && rounded >= yTop { yTop = rounded }
        var ticks: [(Double, String)] = []
        var j = 0
        while ticks.count < 60 {
            let v = Double(j) * yStep
            if !v.isFinite || v > yTop * (1 + 1e-9) { break }
            ticks.append((v, SVGPlot.tickLabel(v, step: yStep)))
            j += 1
        }
        return Axes(frame: frame, x0: x0, x1: x1, xStep: xStep, logY: false, yTop: yTop, decLo: 0, decHi: 1,
                    xTicks: xTicks, yTicks: ticks, yMinorTicks: [])
    }

    /// A tick step for a time span in hours: whole hours that divide a day (1, 2, 3, 4, 6, 12, 24)
    /// and multiples of days for long spans; 15 and 30 min; 1-2-2.5-5 steps below that.
    public static func timeStep(_ span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(Swift.max(1, count))
        if raw <= 0.125 { return TerminalChart.niceStep(span, count: count) }
        if raw <= 1 { return raw <= 0.25 ? 0.25 : raw <= 0.5 ? 0.5 : 1 }
        for s in [1.0, 2, 3, 4, 6, 12, 24, 48, 72, 168, 336, 720] where s >= raw { return s }
        return TerminalChart.niceStep(span, count: count)
    }

    public static func pow10(_ e: Int) -> Double { Foundation.pow(10.0, Double(e)) }

    public static func decadeLabel(_ d: Int) -> String {
        if d >= 0 && d <= 6 { return String(Int(pow10(d))) }
        if d < 0 && d >= -4 { return "0." + String(repeating: "0", count: -d - 1) + "1" }
        return "1e\(d)"
    }

    /// A tick value with as many decimals as the step needs; very large or small values in exponent form.
    public static func tickLabel(_ v: Double, step: Double) -> String {
        guard v.isFinite else { return "" }
        if v == 0 { return "0" }
        if abs(v) >= 1e7 || abs(step) < 1e-4 { return String(format: "%.3g", v) }
        var decimals = 0
        var s = step
        while decimals < 6 && abs(s - s.rounded()) > 1e-9 * Swift.max(1, abs(s)) { s *= 10; decimals += 1 }
        return String(format: "%.\(decimals)f", v)
    }

    // MARK: - Paths

    /// Runs of finite points inside the visible time range, cut at x1 by interpolation.
    public static func runs(_ ts: [Double], _ vs: [Double], x0: Double, x1: Double) -> [[(t: Double, v: Double)]] {
        var out: [[(t: Double, v: Double)]] = []
        var cur: [(t: Double, v: Double)] = []
        var prev: (t: Double, v: Double)? = nil
        func cross(_ p: (t: Double, v: Double), _ q: (t: Double, v: Double), at edge: Double) -> (t: Double, v: Double)? {
            let w = (edge - p.t) / (q.t - p.t)
            let v = p.v + (q.v - p.v) * w
            return w.isFinite && v.isFinite ? (edge, v) : nil
        }
        func inside(_ t: Double) -> Bool { t >= x0 && t <= x1 }
        for (t, v) in zip(ts, vs) {
            guard t.isFinite, v.isFinite else {
                if !cur.isEmpty { out.append(cur); cur = [] }
                prev = nil
                continue
            }
            let q = (t: t, v: v)
            if let p = prev {
                switch (inside(p.t), inside(t)) {
                case (true, false):   // leaving the visible range
                    if let c = cross(p, q, at: t > x1 ? x1 : x0) { cur.append(c) }
                    if !cur.isEmpty { out.append(cur); cur = [] }
                case (false, true):   // entering it
                    if let c = cross(p, q, at: p.t < x0 ? x0 : x1) { cur.append(c) }
                case (false, false) where (p.t < x0) != (t < x0):   // jumping across it
                    let (a, b) = p.t < t ? (x0, x1) : (x1, x0)
                    let run = [cross(p, q, at: a), cross(p, q, at: b)].compactMap { $0 }
                    if run.count == 2 { out.append(run) }
                default: break
                }
            }
            if inside(t) { cur.append(q) }
            prev = q
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }

    /// Pixel points of one run, thinned to at most about four points per pixel column (first,
    /// lowest, highest and last of each column, in order) so peaks survive.
    private func pixels(_ run: [(t: Double, v: Double)], _ axes: Axes) -> [(x: Double, y: Double)] {
        let pts = run.map { (x: axes.px($0.t), y: axes.py($0.v)) }
        guard pts.count > Int(axes.frame.width) * 2 else { return pts }
        var out: [(x: Double, y: Double)] = []
        out.reserveCapacity(Int(axes.frame.width) * 4)
        var i = 0
        while i < pts.count {
            let col = pts[i].x.rounded(.down)
            var j = i, lo = i, hi = i
            while j < pts.count && pts[j].x.rounded(.down) == col {
                if pts[j].y < pts[lo].y { lo = j }
                if pts[j].y > pts[hi].y { hi = j }
                j += 1
            }
            for k in Set([i, lo, hi, j - 1]).sorted() { out.append(pts[k]) }
            i = j
        }
        return out
    }

    private func linePath(_ ts: [Double], _ vs: [Double], _ axes: Axes) -> String {
        var d = ""
        for run in SVGPlot.runs(ts, vs, x0: axes.x0, x1: axes.x1) where run.count >= 2 {
            for (i, p) in pixels(run, axes).enumerated() {
                d += (i == 0 ? "M" : "L") + f(p.x) + " " + f(p.y)
            }
        }
        return d
    }

    private func isolatedPoints(_ ts: [Double], _ vs: [Double], _ axes: Axes) -> [(x: Double, y: Double)] {
        SVGPlot.runs(ts, vs, x0: axes.x0, x1: axes.x1).filter { $0.count == 1 }.map { (x: axes.px($0[0].t), y: axes.py($0[0].v)) }
    }

    /// A closed area between `lower` and `upper`: along the upper edge, back along the lower one.
    private func areaPath(_ ts: [Double], _ lower: [Double], _ upper: [Double], _ axes: Axes) -> String {
        // Points where both edges are finite; a gap in either one splits the area.
        let ok = zip(lower, upper).map { $0.0.isFinite && $0.1.isFinite }
        let lo = zip(lower, ok).map { $0.1 ? $0.0 : .nan }
        let up = zip(upper, ok).map { $0.1 ? $0.0 : .nan }
        let upRuns = SVGPlot.runs(ts, up, x0: axes.x0, x1: axes.x1), loRuns = SVGPlot.runs(ts, lo, x0: axes.x0, x1: axes.x1)
        var d = ""
        for (u, l) in zip(upRuns, loRuns) where u.count >= 2 && l.count >= 2 {
            let every = Swift.max(1, u.count / Swift.max(1, Int(axes.frame.width) * 2))
            func thin(_ r: [(t: Double, v: Double)]) -> [(t: Double, v: Double)] {
                guard every > 1 else { return r }
                var s = stride(from: 0, to: r.count, by: every).map { r[$0] }
                if let last = r.last, s.last?.t != last.t { s.append(last) }
                return s
            }
            for (i, p) in thin(u).enumerated() { d += (i == 0 ? "M" : "L") + f(axes.px(p.t)) + " " + f(axes.py(p.v)) }
            for p in thin(l).reversed() { d += "L" + f(axes.px(p.t)) + " " + f(axes.py(p.v)) }
            d += "Z"
        }
        return d
    }
}

/// A coordinate with one decimal, always finite.
private func f(_ v: Double) -> String {
    guard v.isFinite else { return "0" }
    let r = (v * 10).rounded() / 10
    if r == r.rounded(), abs(r) < 1e9 { return String(Int(r)) }
    return String(r)
}

/// XML/HTML text escaping, shared by the SVG and HTML writers.
public enum XMLText {
    /// Escapes `& < > " '` and drops characters XML 1.0 does not allow (control characters other
    /// than tab, newline and carriage return), so any label is safe in text and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
