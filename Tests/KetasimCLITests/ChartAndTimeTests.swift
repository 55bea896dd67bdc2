import Foundation
import Testing
import Reports
@testable import KetasimCLI

/// simulate's table times are h:mm like the rest of the report; the terminal chart names its time
/// axis and marks the session window and the discharge level.
@Suite("Chart marks and h:mm times")
struct ChartAndTimeTests {
    @Test("simulate table: 'time h:mm' rows 0:00, 0:15, ...; h:mm:ss for a step under a minute")
    func times() {
        let r = ketasim("simulate", "--route", "iv", "--dose", "0.5mg/kg", "--duration", "2h")
        #expect(r.out.contains("time h:mm "))
        let rows = r.out.split(separator: "\n").filter { $0.hasPrefix("0:") || $0.hasPrefix("1:") || $0.hasPrefix("2:") }
        #expect(rows.first?.hasPrefix("0:00 ") == true && rows.contains { $0.hasPrefix("0:15 ") } && rows.contains { $0.hasPrefix("2:00 ") })
        #expect(!r.out.contains("0.250"))
        let fine = ketasim("simulate", "--route", "iv", "--dose", "0.5mg/kg", "--duration", "5min", "--window", "5min", "--step", "30s")
        #expect(fine.out.contains("time h:mm:ss") && fine.out.contains("0:00:30 "))
    }

    @Test("chart: 'time h' axis, the window end at its column, the level row, both in the legend")
    func chart() {
        let chart = TerminalChart(series: [.init(label: "a", timesH: [0, 1, 2, 3, 4, 5, 6], values: [0, 200, 150, 100, 60, 30, 10])],
                                  band: (100, 250, "band"), width: 80, height: 12, yUnit: "Cp ng/mL", maxTimeH: 6,
                                  window: (1.5, "session window ends at 1:30 h"), level: (100, "below 100 ng/mL level")).render()
        let lines = chart.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasSuffix("time h") })
        #expect(chart.contains("| session window ends at 1:30 h") && chart.contains("- below 100 ng/mL level"))
        let plotRows = lines.filter { $0.contains("┤") || $0.contains("│") }
        // The window column: every plot row has a '|' (or a curve symbol) at the same place.
        let bars = plotRows.compactMap { row in row.firstIndex(of: "|").map { row.distance(from: row.startIndex, to: $0) } }
        #expect(bars.count >= plotRows.count - 1 && Set(bars).count == 1)
        // The level row is the one labelled 100 on the y axis.
        #expect(plotRows.contains { $0.hasPrefix(" 100 ┤") && $0.filter { $0 == "-" }.count > 40 })
        #expect(lines.allSatisfy { $0.count <= 80 })
    }

    @Test("simulate --chart carries the marks")
    func cli() {
        let r = ketasim("simulate", "--route", "iv", "--dose", "0.5mg/kg", "--chart")
        #expect(r.out.contains("time h") && r.out.contains("| session window ends at 1:30 h") && r.out.contains("- below 100 ng/mL level"))
    }
}
