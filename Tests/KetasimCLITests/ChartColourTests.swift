import Foundation
import Testing
import Reports
@testable import KetasimCLI

/// Terminal charts in colour only when asked (a terminal without NO_COLOR), the same characters
/// either way, and every series visible where curves cross.
@Suite("Chart colour and crossings")
struct ChartColourTests {
    static func strip(_ s: String) -> String {
        s.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    /// A sharp, early IV-like peak and a long, flat SL-like curve that crosses it twice.
    static let sharp = ChartSeries(label: "IV", timesH: [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6],
                                   values: [0, 180, 120, 80, 60, 40, 30, 20, 12, 5])
    static let flat = ChartSeries(label: "SL", timesH: [0, 0.25, 0.5, 1, 2, 3, 4, 6],
                                  values: [0, 30, 50, 60, 60, 50, 40, 25])

    @Test("colour off: no escape codes; colour on: escape codes, and stripping them gives the same text")
    func colourIsOnlyPaint() {
        var chart = TerminalChart(series: [Self.flat, Self.sharp], band: (100, 250, "band"), width: 80, height: 14,
                                  window: (1.5, "window"), level: (20, "level"))
        let plain = chart.render()
        chart.colour = true
        let painted = chart.render()
        #expect(!plain.contains("\u{1B}"))
        #expect(painted.contains("\u{1B}[31m") && painted.contains("\u{1B}[34m"))   // one colour per series
        #expect(Self.strip(painted) == plain)
    }

    @Test("both series keep visible cells where they cross, whichever is listed first", arguments: [false, true])
    func crossings(sharpFirst: Bool) {
        let series = sharpFirst ? [Self.sharp, Self.flat] : [Self.flat, Self.sharp]
        let out = TerminalChart(series: series, width: 80, height: 14).render()
        let plot = out.split(separator: "\n").filter { $0.contains("┤") || $0.contains("│") }.joined()
        let sharpGlyph = TerminalChart.symbols[sharpFirst ? 0 : 1], flatGlyph = TerminalChart.symbols[sharpFirst ? 1 : 0]
        // The sharp peak's column holds the sharp glyph on top (it covers fewer cells, so it is drawn last).
        #expect(plot.filter { $0 == sharpGlyph }.count >= 10)
        #expect(plot.filter { $0 == flatGlyph }.count >= 10)
        let rows = out.split(separator: "\n").filter { $0.contains("┤") || $0.contains("│") }.map { Array(String($0)) }
        let topRowWithSharp = rows.firstIndex { $0.contains(sharpGlyph) }
        let topRowWithFlat = rows.firstIndex { $0.contains(flatGlyph) }
        #expect(topRowWithSharp != nil && topRowWithFlat != nil && topRowWithSharp! < topRowWithFlat!)   // 180 above 60
    }

    @Test("the CLI paints only a terminal: piped output and NO_COLOR stay plain")
    func cliPlainWhenPiped() {
        let r = ketasim("compare", "--routes", "iv,sl", "--doses", "0.5mg/kg,150mg", "--chart")
        #expect(r.code == 0)
        #expect(!r.out.contains("\u{1B}"))
    }

    @Test("prose wrapping leaves coloured chart rows alone (their escape codes are not width)")
    func wrapKeepsColouredRows() {
        var chart = TerminalChart(series: [Self.flat, Self.sharp], band: (100, 250, "band"), width: 80, height: 12)
        chart.colour = true
        let painted = chart.render()
        #expect(TextTable.wrapProse(painted, width: 80) == painted)
        #expect(Self.strip(painted).split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test("find-dose: the measured dose never rounds above the safety ceiling")
    func measuredUnderCeiling() {
        // 72 kg IV: ceiling 0.8 mg/kg = 57.6 mg; at 50 mg/mL the 0.1 mL step is 5 mg, and 57.6 mg
        // would round to 60 mg (11.52 steps), above the ceiling: it must be 55 mg = 1.1 mL.
        let r = ketasim("plan", "--find-dose", "--route", "iv", "--weight", "72kg", "--concentration", "50mg/mL", "--target-peak", "1000ng/mL")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("measured       55 mg = 1.1 mL of 50 mg/mL"))
        #expect(!r.out.contains("60 mg = 1.2 mL"))
    }
}
