import Foundation
import Testing
import TestSupport
@testable import KetasimCLI

/// One patient, one dose, one band and window: every command that reports it reports the same
/// numbers. A 70 kg adult, IV 0.5 mg/kg over 40 min, the dissociation band 100-250 ng/mL in the
/// first 90 min, on the default profile, through `compare`, `simulate`, `plan` (one session, band
/// given) and a one-subject `batch` (WT 70 from a file; the default profile has no etas).
@Suite("One definition of the metrics across commands")
struct ConsistencyTests {
    static func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
        let c = Captured()
        let code = Ketasim.run(args, console: c.console)
        return (code, c.out, c.err)
    }

    static func json(_ args: [String]) throws -> [String: Any] {
        let r = run(args)
        #expect(r.code == 0, "\(args): \(r.err)")
        let object = try JSONSerialization.jsonObject(with: Data(r.out.utf8))
        return try #require(object as? [String: Any])
    }

    @Test("compare, simulate, plan and a one-subject batch agree on Cmax, AUC and minutes in band")
    func sameNumbers() throws {
        let compareDoc = try Self.json(["compare", "--routes", "iv", "--doses", "0.5mg/kg", "--format", "json"])
        let compare = try #require((compareDoc["arms"] as? [[String: Any]])?.first?["metrics"] as? [String: Any])
        let simulateDoc = try Self.json(["simulate", "--route", "iv", "--dose", "0.5mg/kg", "--format", "json"])
        let simulate = try #require((simulateDoc["arms"] as? [[String: Any]])?.first?["metrics"] as? [String: Any])
        let planDoc = try Self.json(["plan", "--protocol", "murrough-2013", "--start", "2026-12-01", "--weight", "70kg", "--sessions", "1",
                                     "--band", "dissociation", "--window", "90min", "--format", "json"])
        let plan = try #require(planDoc["plan"] as? [String: Any])
        #expect(plan["profile"] as? String == "clements-1981")
        let session = try #require((plan["sessions"] as? [[String: Any]])?.compactMap { $0["prediction"] as? [String: Any] }.first)

        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let subjects = dir.appendingPathComponent("s.csv")
        try "ID,WT\n1,70\n".write(to: subjects, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("b.json").path
        let b = Self.run(["batch", "--subjects", subjects.path, "--out", out, "--quiet"])
        #expect(b.code == 0, "\(b.err)")
        let rows = try String(contentsOfFile: dir.appendingPathComponent("b.subjects.csv").path, encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }
        try #require(rows.count == 2, "one header and one subject row: \(rows)")
        let header = rows[0].split(separator: ",").map(String.init)
        let values = rows[1].split(separator: ",").map(String.init)
        func cell(_ name: String) throws -> Double {
            let i = try #require(header.firstIndex(of: name))
            return try #require(Double(values[i]))
        }

        let cmax = try #require(compare["cmaxNgPerML"] as? Double)
        let auc = try #require(compare["auc0tNgHPerML"] as? Double)
        let minutes = try #require(compare["minutesInBand"] as? Double)
        // The same band and window are named by every output.
        #expect(compare["bandLowNgPerML"] as? Double == 100 && compare["bandHighNgPerML"] as? Double == 250 && compare["windowEndH"] as? Double == 1.5)
        #expect(session["bandLowNgPerML"] as? Double == 100 && session["bandHighNgPerML"] as? Double == 250 && session["windowMin"] as? Double == 90)

        #expect(isClose(simulate["cmaxNgPerML"] as? Double ?? .nan, cmax, rtol: 1e-9))
        #expect(isClose(simulate["auc0tNgHPerML"] as? Double ?? .nan, auc, rtol: 1e-9))
        #expect(isClose(simulate["minutesInBand"] as? Double ?? .nan, minutes, rtol: 1e-9))
        #expect(isClose(session["peakNgPerML"] as? Double ?? .nan, cmax, rtol: 1e-9))
        #expect(isClose(session["minutesInBand"] as? Double ?? .nan, minutes, rtol: 1e-9))
        #expect(isClose(try cell("cmax"), cmax, rtol: 1e-9))
        #expect(isClose(try cell("auc"), auc, rtol: 1e-9))
        #expect(isClose(try cell("band_h") * 60, minutes, rtol: 1e-9))
        // Independent anchors: the peak of a 40-min infusion is at its end, and the curve enters the
        // band during the infusion and leaves it after, so the minutes lie strictly inside the window.
        #expect(isClose((compare["tmaxH"] as? Double) ?? .nan, 40.0 / 60, rtol: 1e-9))
        #expect(minutes > 0 && minutes < 90)
    }
}
