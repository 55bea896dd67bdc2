import Foundation
import PKCore
import PKProfiles
import Planner
import Studies
/// One curve of a chart: values (y unit, e.g. ng/mL) at times (h), times ascending.
public struct ChartSeries: Sendable, Equatable {
    public var label: String
    public var timesH: [Double]
    public var values: [Double]
    public init(label: String, timesH: [Double], values: [Double]) {
        self.label = label
        self.timesH = timesH
        self.values = values
    }
}

/// A concentration–time chart drawn with text: one symbol per series, a shaded concentration band,
/// labelled axes with units, and a legend.
public struct TerminalChart {
    public typealias Series = ChartSeries

    public var series: [Series]
    public var band: (low: Double, high: Double, label: String)?
    public var width: Int
    public var height: Int
    public var yUnit: String
    /// Only times up to this are drawn (h).
    public var maxTimeH: Double?
    /// The end of the session window (h), marked by a vertical line of "|", and its legend label.
    public var window: (endH: Double, label: String)?
    /// A concentration level (e.g. the discharge level) marked by a horizontal line of "-".
    public var level: (value: Double, label: String)?

    /// Time-axis ticks given as (h, label), e.g. dates of a course, and the axis name; nil: hours.
    public var timeTicks: (ticks: [(h: Double, label: String)], axis: String)? = nil

    public static let symbols: [Character] = ["*", "o", "+", "x", "#", "@", "%", "&"]

    /// Draw in colour (ANSI SGR): one colour per series, the band and marks dimmed. Off by default;
    /// the CLI turns it on only for a terminal without `NO_COLOR` (https://no-color.org) and with a
    /// `TERM` other than "dumb". Colour never changes the characters: the glyph per series stays, so
    /// the chart reads the same in black and white.
    public var colour = false
    /// SGR foreground colours of the series, in series order (red, blue, green, magenta, cyan, yellow).
    static let seriesColours = ["31", "34", "32", "35", "36", "33"]

    public init(series: [Series], band: (low: Double, high: Double, label: String)? = nil, width: Int = 80,
                height: Int = 18, yUnit: String = "ng/mL", maxTimeH: Double? = nil,
                window: (endH: Double, label: String)? = nil, level: (value: Double, label: String)? = nil) {
        self.window = window
        self.level = level
        self.series = series
        self.band = band
        self.width = width
        self.height = height
        self.yUnit = yUnit
        self.maxTimeH = maxTimeH
    }

    /// A "nice" step (1, 2, 2.5 or 5 × 10^k) giving about `count` ticks over `span`.
    public static func niceStep(_ span: Double, count: Int) -> Double {
        guard span > 0 else { return 1 }
        let raw = span / Double(count)
        let mag = pow10(floorLog10(raw))
        for m in [1.0, 2.0, 2.5, 5.0, 10.0] where m * mag >= raw { return m * mag }
        return 10 * mag
    }
    public static func floorLog10(_ x: Double) -> Int {
        var e = 0
        var v = x
        while v >= 10 { v /= 10; e += 1 }
        while v < 1 { v *= 10; e -= 1 }
        return e
    }
    public static func pow10(_ e: Int) -> Double {
        var r = 1.0
        if e >= 0 { for _ in 0..<e { r *= 10 } } else { for _ in 0..<(-e) { r /= 10 } }
        return r
    }

    public static func label(_ v: Double) -> String {
        if v == v.rounded() { return String(Int(v)) }
        var s = String(v)
        if s.count > 6 { s = String(s.prefix(6)) }
        return s
    }

    /// The chart as lines of text.
    public func render() -> String {
        let tEnd = maxTimeH ?? (series.compactMap { $0.timesH.last }.max() ?? 1)
        let yMaxData = series.flatMap { s in zip(s.timesH, s.values).filter { $0.0 <= tEnd }.map(\.1) }.max() ?? 1
        var yTop = Swift.max(yMaxData, band.map { $0.low * 1.1 } ?? 0) * 1.05
        if yTop <= 0 { yTop = 1 }
        let yStep = TerminalChart.niceStep(yTop, count: 5)
        yTop = (yTop / yStep).rounded(.up) * yStep
        let yLabels = stride(from: 0.0, through: yTop + yStep * 0.01, by: yStep).map { TerminalChart.label($0) }
        let labelWidth = (yLabels.map(\.count).max() ?? 1) + 1
        let plotW = Swift.max(20, width - labelWidth - 2)
        let plotH = Swift.max(6, height)
        var grid = [[Character]](repeating: [Character](repeating: " ", count: plotW), count: plotH)
        func row(_ y: Double) -> Int { Int(((1 - y / yTop) * Double(plotH - 1)).rounded()) }
        func col(_ t: Double) -> Int { Int((t / tEnd * Double(plotW - 1)).rounded()) }
        if let b = band {
            let r0 = Swift.max(0, row(Swift.min(b.high, yTop))), r1 = Swift.min(plotH - 1, row(b.low))
            if r0 <= r1 { for r in r0...r1 { for c in 0..<plotW { grid[r][c] = "." } } }
        }
        if let l = level, l.value > 0, l.value <= yTop {
            let r = row(l.value)
            for c in 0..<plotW { grid[r][c] = "-" }
        }
        if let w = window, w.endH > 0, w.endH <= tEnd {
            let c = col(w.endH)
            for r in 0..<plotH { grid[r][c] = "|" }
        }
        // Each series' cells, drawn widest first, so a short, sharp curve (an IV peak) is drawn over
        // a long flat one (SL) at their crossings instead of vanishing under it.
        var cellsOf = [[(Int, Int)]](repeating: [], count: series.count)
        for (k, s) in series.enumerated() {
            // Per column, the range of the samples the column covers (so short peaks are not
            // skipped), joined to the previous column so steep rises stay connected.
            var prevRow: Int? = nil
            var idx = 0
            let colWidth = tEnd / Double(plotW - 1)
            for c in 0..<plotW {
                let t = Double(c) * colWidth
                let lo = t - colWidth / 2, hi = t + colWidth / 2
                guard let v = TerminalChart.interpolate(s, at: Swift.min(Swift.max(t, s.timesH.first ?? 0), s.timesH.last ?? 0)),
                      t >= (s.timesH.first ?? 0) - colWidth / 2, t <= (s.timesH.last ?? 0) + colWidth / 2 else { prevRow = nil; continue }
                var vmin = v, vmax = v
                while idx < s.timesH.count && s.timesH[idx] < lo { idx += 1 }
                var j = idx
                while j < s.timesH.count && s.timesH[j] <= hi {
                    vmin = Swift.min(vmin, s.values[j]); vmax = Swift.max(vmax, s.values[j]); j += 1
                }
                let rTop = Swift.min(plotH - 1, Swift.max(0, row(vmax)))
                let rBottom = Swift.min(plotH - 1, Swift.max(0, row(vmin)))
                var from = rTop, to = rBottom
                if let p = prevRow { from = Swift.min(from, p < rTop ? p + 1 : from); to = Swift.max(to, p > rBottom ? p - 1 : to) }
                for r in from...to { cellsOf[k].append((r, c)) }
                prevRow = row(v) < plotH ? Swift.min(plotH - 1, Swift.max(0, row(v))) : nil
            }
        }
        var owner = [[Int]](repeating: [Int](repeating: -1, count: plotW), count: plotH)
        for k in series.indices.sorted(by: { (cellsOf[$0].count, $1) > (cellsOf[$1].count, $0) }) {
            let sym = TerminalChart.symbols[k % TerminalChart.symbols.count]
            for (r, c) in cellsOf[k] { grid[r][c] = sym; owner[r][c] = k }
        }
        func paint(_ r: Int) -> String {
            guard colour else { return String(grid[r]) }
            var line = "", current = ""
            for c in 0..<plotW {
                let ch = grid[r][c]
                let code = owner[r][c] >= 0 ? TerminalChart.seriesColours[owner[r][c] % TerminalChart.seriesColours.count]
                    : (ch == " " ? "" : "2")   // band, level and window marks dimmed
                if code != current { line += current.isEmpty ? "" : "\u{1B}[0m"; if !code.isEmpty { line += "\u{1B}[\(code)m" }; current = code }
                line.append(ch)
            }
            return line + (current.isEmpty ? "" : "\u{1B}[0m")
        }
        var out = "  \(yUnit)\n"
        let tickRows = Dictionary(uniqueKeysWithValues: stride(from: 0.0, through: yTop + yStep * 0.01, by: yStep).map { (row($0), TerminalChart.label($0)) })
        for r in 0..<plotH {
            let lab = tickRows[r] ?? ""
            out += String(repeating: " ", count: labelWidth - lab.count) + lab + (tickRows[r] != nil ? " ┤" : " │") + paint(r) + "\n"
        }
        out += String(repeating: " ", count: labelWidth) + " └" + String(repeating: "─", count: plotW) + "\n"
        // x ticks
        let xStep = TerminalChart.niceStep(tEnd, count: Swift.max(2, plotW / 12))
        var axis = [Character](repeating: " ", count: plotW + 8)
        var ticks: [(h: Double, label: String)] = []
        if let given = timeTicks?.ticks { ticks = given.filter { $0.h >= 0 && $0.h <= tEnd + 1e-9 } } else {
            var t = 0.0
            while t <= tEnd + 1e-9 { ticks.append((t, TerminalChart.label(t))); t += xStep }
        }
        var lastEnd = -1
        for (t, lab) in ticks {
            let c = col(t)
            // A label never overwrites the one before it (dates are wider than hours).
            if c + lab.count <= axis.count && labelWidth + 2 + c + lab.count <= width && c > lastEnd {
                for (i, ch) in lab.enumerated() { axis[c + i] = ch }
                lastEnd = c + lab.count
            }
        }
        let axisName = timeTicks?.axis ?? "time h"
        let axisLine = String(repeating: " ", count: labelWidth + 2) + String(axis).trimmingTrailingSpaces()
        if axisLine.count + 2 + axisName.count <= width {
            out += axisLine + "  " + axisName + "\n"
        } else {
            out += axisLine + "\n" + String(repeating: " ", count: Swift.max(0, width - axisName.count)) + axisName + "\n"
        }
        // Legend items, a line break only between items.
        var items: [String] = []
        var glyphs: [String: String] = [:]   // legend item → its coloured glyph
        for (k, s) in series.enumerated() {
            let sym = String(TerminalChart.symbols[k % TerminalChart.symbols.count])
            let item = "\(sym) \(s.label)"
            items.append(item)
            if colour { glyphs[item] = "\u{1B}[\(TerminalChart.seriesColours[k % TerminalChart.seriesColours.count])m\(sym)\u{1B}[0m" }
        }
        if let b = band { items.append(". \(b.label)") }
        if let l = level, l.value > 0, l.value <= yTop { items.append("- \(l.label)") }
        if let w = window, w.endH > 0, w.endH <= tEnd { items.append("| \(w.label)") }
        // Widths are counted on the plain text; colour codes are added as each item is placed.
        var legend = "  ", plain = "  "
        for item in items {
            if plain.count > 2 && plain.count + 3 + item.count > width { out += legend + "\n"; legend = "  "; plain = "  " }
            let sep = plain.count > 2 ? "   " : ""
            plain += sep + item
            legend += sep + (glyphs[item].map { $0 + String(item.dropFirst()) } ?? item)
        }
        out += legend + "\n"
        return out
    }

    public static func interpolate(_ s: Series, at t: Double) -> Double? {
        guard let first = s.timesH.first, let last = s.timesH.last, t >= first, t <= last else { return nil }
        var lo = 0, hi = s.timesH.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if s.timesH[mid] <= t { lo = mid } else { hi = mid }
        }
        let t0 = s.timesH[lo], t1 = s.timesH[hi]
        if t1 == t0 { return s.values[lo] }
        let w = (t - t0) / (t1 - t0)
        return s.values[lo] * (1 - w) + s.values[hi] * w
    }
}

extension String {
    public func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
