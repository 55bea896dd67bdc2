import Foundation
import Testing
@testable import KetasimCLI
import Reports

/// Parses CSV text with Python's csv module (a real CSV reader, independent of ketasim's) and
/// returns the records; nil when python3 is not available.
func pythonCSV(_ text: String) throws -> [[String]]? {
    let dir = tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("t.csv")
    try text.write(to: file, atomically: true, encoding: .utf8)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='')))))", file.path]
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return nil }
    let out = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { return nil }
    return try JSONDecoder().decode([[String]].self, from: out)
}

@Suite("nm output as a $TABLE")
struct NmTableTests {
    static let data = #"""
        ID,TIME,EVID,AMT,CMT,DV,NOTE,WTX
        1,0,1,100,1,.,"dose, first", 70.0
        1,0.5,0,0,1,1.50,obs,70.0
        1,1.0,0,.,1,1e0,"say ""hi""",7E1
        2,0,1,50,1,.,,70
        2,2,0,0,1,0.25,x,70

        """#

    func run(_ extra: String...) throws -> (code: Int32, out: String, err: String) {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let d = dir.appendingPathComponent("d.csv")
        try Self.data.write(to: d, atomically: true, encoding: .utf8)
        let c = Captured()
        let code = Ketasim.run(["nm", d.path, "--model", "1cmt-iv"] + extra, console: c.console)
        return (code, c.out, c.err)
    }

    @Test("header first; input columns round-trip byte-exact; PRED, IPRED, CP and A_CENTRAL follow")
    func echo() throws {
        let r = try run()
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.hasPrefix("ID,TIME,EVID,AMT,CMT,DV,NOTE,WTX,PRED,IPRED,CP,A_CENTRAL\n"))
        guard let ours = try pythonCSV(r.out), let input = try pythonCSV(Self.data) else { return }
        let inputRows = input.filter { !$0.isEmpty }
        #expect(ours[0] == inputRows[0] + ["PRED", "IPRED", "CP", "A_CENTRAL"])
        #expect(ours.count == inputRows.count)
        for k in 1..<inputRows.count {
            #expect(Array(ours[k].prefix(8)) == inputRows[k], "row \(k)")
            let pred = Double(ours[k][8])!, ipred = Double(ours[k][9])!, cp = Double(ours[k][10])!, a = Double(ours[k][11])!
            #expect(pred == ipred && pred == cp)
            #expect(abs(cp - 1000 * a / 50) <= 1e-12 * max(1, cp))  // ng/mL from mg and L
        }
        // ID 1 at 0.5 h: 100 mg bolus, CL 5, V 50.
        #expect(abs(Double(ours[2][8])! - 2000 * exp(-0.05)) < 1e-9)
        #expect(ours[3][6] == "say \"hi\"" && ours[1][7] == " 70.0")
    }

    @Test("--columns selects and orders columns (case-insensitive); an unknown one is a usage error listing the columns")
    func select() throws {
        let r = try run("--columns", "time,cp,ID,a_central")
        #expect(r.code == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n")
        #expect(lines[0] == "TIME,CP,ID,A_CENTRAL")
        #expect(lines[1].hasPrefix("0,2000,1,100"))
        let bad = try run("--columns", "TIME,NOPE")
        #expect(bad.code == 64)
        #expect(bad.err.contains("unknown column 'NOPE'") && bad.err.contains("PRED, IPRED, CP, A_CENTRAL"))
    }

    @Test("amount columns: upper case, non-alphanumerics as _")
    func amountNames() {
        #expect(NonmemTable.amountColumn("depot.im") == "A_DEPOT_IM")
        #expect(NonmemTable.amountColumn("Central") == "A_CENTRAL")
    }
}
