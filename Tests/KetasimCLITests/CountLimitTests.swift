import Foundation
import Testing
import PKCore
@testable import KetasimCLI

/// Issue 16, part 6: every count read from a file or flag is bounded before any work.
@Suite("Counts from files are bounded")
struct CountLimitTests {
    static func protocolFile(_ mutate: (inout [String: Any]) -> Void) throws -> String {
        let text = try String(contentsOfFile: SharedData_repo("Profiles/protocols.json"), encoding: .utf8)
        let catalog = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        var p = (catalog["protocols"] as! [[String: Any]])[0]
        mutate(&p)
        let path = tempDir().appendingPathComponent("p.json").path
        try JSONSerialization.data(withJSONObject: p).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a protocol with 2^31 sessions is a one-line error naming the field, the value and the limit")
    func sessions() throws {
        let path = try Self.protocolFile { p in
            var s = p["schedule"] as! [[String: Any]]
            s[0]["sessions"] = 2_147_483_648
            p["schedule"] = s
        }
        let r = ketasim("plan", "--protocol", path, "--start", "2026-12-01", "--weight", "70kg")
        #expect(r.code == 1)
        #expect(r.err.contains("schedule[0].sessions: 2147483648 exceeds the limit of 200"), "\(r.err)")
        #expect(r.err.split(separator: "\n").count == 1)
        let therapy = try Self.protocolFile { p in p["therapy"] = ["name": "x", "count": 0, "overWeeks": 2, "durationMin": 60, "evidence": "S", "source": "s"] }
        let t = ketasim("plan", "--protocol", therapy, "--start", "2026-12-01", "--weight", "70kg")
        #expect(t.code == 1 && t.err.contains("therapy.count: 0 must be from 1 to 1000"), "\(t.err)")
    }

    @Test("ADDL beyond 1000000 in a data set and on the engine; grids beyond 10 million points")
    func addlAndGrid() throws {
        let data = tempDir().appendingPathComponent("d.csv").path
        try "ID,TIME,EVID,AMT,CMT,II,ADDL\n1,0,1,100,1,0.000001,5000000\n1,24,0,0,1,0,0\n".write(toFile: data, atomically: true, encoding: .utf8)
        let r = ketasim("nm", data, "--model", "1cmt-iv")
        #expect(r.code == 1)
        #expect(r.err.contains("line 2, column ADDL: 5000000 exceeds the limit of 1000000 additional doses"), "\(r.err)")
        let g = ketasim("simulate", "--route", "iv", "--dose", "35mg", "--duration", "8000h", "--step", "0.1s")
        #expect(g.code == 64 && g.err.contains("--step: too fine for --duration (over 2 million points)"), "\(g.err)")
    }
}
