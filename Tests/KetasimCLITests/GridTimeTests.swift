import Foundation
import Testing
import PKCore
import PKProfiles
@testable import KetasimCLI

@Suite("grid times without float noise")
struct GridTimeTests {
    @Test("Simulator.grid: every point is i × step in one operation")
    func grid() throws {
        let step = 25.0 / 60
        let g = try Simulator.grid(endH: 24, stepH: step)
        var accumulated = 0.0, differ = 0
        for (i, t) in g.enumerated() where i < g.count - 1 || t != 24 {
            #expect(t == Double(i) * step, "point \(i)")
            if accumulated != t { differ += 1 }
            accumulated += step
        }
        #expect(differ > 0, "accumulation would have drifted; the check is meaningful")
    }

    @Test("simulate --step 25min --format csv prints shortest round-trip times of i × step")
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
                #expect(t == i * step, "grid time \(text) is not \(Int(i)) × step")
                grid += 1
            }
        }
        #expect(grid > 10)
        #expect(c.out.contains(",0.4166666666666667,") && c.out.contains(",2.916666666666667,"))
        #expect(!c.out.contains("0.41666666666666663"))
    }
}
