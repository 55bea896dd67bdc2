import Foundation
import Testing
import PKCore
import PKProfiles
@testable import KetasimCLI

@Suite("grid times without float noise")
struct GridTimeTests {
    @Test("Simulator.grid: every point is the double nearest i × step (whole minutes: i·m/60 in one division)",
          arguments: [5, 25, 7])
    func grid(minutes: Int) throws {
        let step = Double(minutes) / 60
        let g = try Simulator.grid(endH: 24, stepH: step)
        var accumulated = 0.0, accumulatedDiffers = 0, productDiffers = 0
        for (i, t) in g.enumerated() where i < g.count - 1 || t != 24 {
            // i·m is an exact integer, so one division gives the double nearest the true time.
            #expect(t == Double(i * minutes) / 60, "point \(i)")
            if accumulated != t { accumulatedDiffers += 1 }
            if Double(i) * step != t { productDiffers += 1 }
            accumulated += step
        }
        #expect(accumulatedDiffers > 0, "accumulation would have drifted; the check is meaningful")
        if minutes == 5 { #expect(productDiffers > 0, "i × (rounded step) would have float noise (5 × 5 min = 0.41666666666666663)") }
    }

    @Test("Simulator.grid: a step that is no whole number of milliseconds stays i × step")
    func gridOddStep() throws {
        let step = 0.1234567891234
        let g = try Simulator.grid(endH: 2, stepH: step)
        for (i, t) in g.enumerated() where i < g.count - 1 { #expect(t == Double(i) * step) }
    }

    @Test("simulate --step 5min: the 25-min point prints as 0.4166666666666667")
    func fiveMinuteCSV() throws {
        let c = Captured()
        let code = Ketasim.run(["simulate", "--route", "im", "--dose", "35mg", "--step", "5min", "--duration", "2h", "--format", "csv"], console: c.console)
        #expect(code == 0, "\(c.err)")
        #expect(c.out.contains(",0.4166666666666667,"))
        #expect(!c.out.contains("0.41666666666666663"))
    }

    @Test("simulate --step 25min --format csv prints the shortest round-trip of the double nearest each time")
    func simulateCSV() throws {
        let c = Captured()
        let code = Ketasim.run(["simulate", "--route", "iv", "--dose", "50mg", "--step", "25min", "--format", "csv"], console: c.console)
        #expect(code == 0, "\(c.err)")
        let step = 25.0 / 60
        let lines = c.out.split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        let col = try #require(header.firstIndex(of: "time_h"))
        var grid = 0
        for line in lines.dropFirst() {
            // The arm label is quoted and holds no comma; the time column is unaffected.
            let text = String(line.split(separator: ",", omittingEmptySubsequences: false)[col])
            let t = try #require(Double(text))
            // Shortest round-trip, judged by Swift's own description of the double (not by the formatter
            // under test), with a whole number written without its ".0".
            let shortest = "\(t)".hasSuffix(".0") ? String("\(t)".dropLast(2)) : "\(t)"
            #expect(text == shortest, "shortest round-trip: \(text) vs \(shortest)")
            let i = (t / step).rounded()
            if abs(t - i * step) < 1e-9 {
                #expect(t == Double(Int(i) * 25) / 60, "grid time \(text) is not the double nearest \(Int(i)) × 25 min")
                grid += 1
            }
        }
        #expect(grid > 10)
        // 175 min: the double nearest 35/12 h prints as 2.9166666666666665 (7 × (25 min in h) would be 2.916666666666667).
        #expect(c.out.contains(",0.4166666666666667,") && c.out.contains(",2.9166666666666665,"))
        #expect(!c.out.contains("0.41666666666666663"))
    }
}
