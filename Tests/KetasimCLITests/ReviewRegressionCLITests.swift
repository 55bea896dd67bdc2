import Foundation
import Testing
@testable import KetasimCLI

@Suite("Review regressions (CLI)")
struct ReviewRegressionCLITests {
    /// A NONMEM data set of one 35 mg dose and one observation (a temporary file's path).
    static func oneDoseDataSet() throws -> String {
        let data = tempDir().appendingPathComponent("d.csv").path
        try "ID,TIME,EVID,AMT,CMT\n1,0,1,35,1\n1,1,0,0,1\n".write(toFile: data, atomically: true, encoding: .utf8)
        return data
    }

    @Test("a duration that ends before the last dose is a usage error (metrics need the tail)")
    func durationBeforeLastDose() {
        let r = ketasim("simulate", "--route", "im", "--dose", "10mg", "--every", "12h", "--count", "4", "--duration", "24h")
        #expect(r.code == 64 && r.err.contains("--duration"), "\(r.err)")
        #expect(ketasim("batch", "--profile", "herd-2007", "--n", "5", "--dose", "1mg", "--every", "12h", "--count", "4", "--duration", "24h").code == 64)
    }

    @Test("batch with an --svg folder that does not exist fails before any work and leaves no file")
    func batchMissingFolder() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("r.json").path
        let r = ketasim("batch", "--profile", "herd-2007", "--n", "20", "--dose", "1mg", "--quiet", "--out", out, "--svg", dir.appendingPathComponent("missing/r.svg").path)
        #expect(r.code == 1 && r.err.contains("--svg"), "\(r.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("a band with exponents parses")
    func bandExponent() throws {
        let b = try PatientOptions.parseBand("5e-2mg/L-0.25mg/L")
        #expect(abs(b.low - 50) < 1e-9 && abs(b.high - 250) < 1e-9)
    }

    @Test("a duration shorter than the session window is a usage error naming both (minutes in band would be cut short under the window's label)",
          arguments: ["simulate", "compare"])
    func durationShorterThanWindow(command: String) {
        let args = command == "simulate" ? ["simulate", "--route", "iv", "--dose", "0.5mg/kg"] : ["compare"]
        let short = ketasimArgs(args + ["--duration", "1h"])
        #expect(short.code == 64, "\(short.err)")
        #expect(short.err.contains("--duration: 1 h ends before the session window (90 min)"), "\(short.err)")
        #expect(ketasimArgs(args + ["--duration", "1h", "--window", "45min"]).code == 0)
        #expect(ketasimArgs(args + ["--duration", "1.5h"]).code == 0)
    }

    @Test("nm: a data set with a column twice, and --columns naming one twice, are errors")
    func duplicateColumns() throws {
        let dir = tempDir()
        let data = dir.appendingPathComponent("d.csv").path
        try "ID,TIME,EVID,AMT,AMT,CMT\n1,0,1,100,200,2\n1,1,0,0,0,2\n".write(toFile: data, atomically: true, encoding: .utf8)
        let r = ketasim("nm", data, "--model", "1cmt-oral")
        #expect(r.code == 1 && r.err.contains("column 'AMT' appears twice in the header (columns 4 and 5)"), "\(r.err)")
        try "ID,TIME,EVID,AMT,CMT\n1,0,1,100,2\n1,1,0,0,2\n".write(toFile: data, atomically: true, encoding: .utf8)
        let c = ketasim("nm", data, "--model", "1cmt-oral", "--columns", "ID,TIME,id")
        #expect(c.code == 64 && c.err.contains("--columns: 'id' appears twice"), "\(c.err)")
    }

    @Test("two outputs naming one file are a usage error before any work", arguments: [
        ["batch", "--n", "3", "--duration", "2h", "--out", "DIR/r.json", "--html", "DIR/r.json"],
        ["simulate", "--route", "iv", "--dose", "35mg", "--out", "DIR/x.csv", "--svg", "DIR/./x.csv"],
    ])
    func outputsSharingAFile(args: [String]) throws {
        let dir = tempDir()
        let r = ketasimArgs(args.map { $0.replacingOccurrences(of: "DIR", with: dir.path) })
        #expect(r.code == 64 && r.err.contains("two outputs cannot share a file"), "\(r.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("compare on a profile without the default routes names the profile's routes, not --route")
    func compareDefaultArmsMissingRoutes() {
        let r = ketasim("compare", "--profile", "herd-2007")
        #expect(r.code == 64 && r.err.contains("--routes: the default arms need routes im, in, sl, po") && r.err.contains("(it has: iv, iv-bolus)"), "\(r.err)")
        #expect(ketasim("compare", "--profile", "herd-2007", "--routes", "iv,iv-bolus", "--doses", "0.5mg/kg,0.25mg/kg").code == 0)
    }

    @Test("--subjects: an implausible WT names the file, line, column and value", arguments: ["-70", "0", "7000"])
    func subjectsWeight(wt: String) throws {
        let file = tempDir().appendingPathComponent("s.csv").path
        try "ID,WT\n1,70\n2,\(wt)\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = ketasim("batch", "--subjects", file, "--n", "2")
        #expect(r.code == 1 && r.err.contains("\(file) line 3, column WT: \(wt) kg is not a plausible body weight"), "\(r.err)")
        #expect(r.err.split(separator: "\n").count == 1)
    }

    @Test("simulate on a profile refuses the text-model options instead of ignoring them", arguments: [["--cmt", "central"], ["--rtol", "1e-8"], ["--method", "rodas4"]])
    func profileRefusesModelOptions(option: [String]) {
        let r = ketasimArgs(["simulate", "--route", "im", "--dose", "35mg"] + option)
        #expect(r.code == 64 && r.err.contains("\(option[0]): only with --model"), "\(r.err)")
    }

    @Test("--residual: batch and nm refuse the same text with the same line (one parser)", arguments: [
        ("prop=0.2,,add=5ng/mL", "--residual: '' is not prop=F, add=C or exp=S (or none, profile)"),
        ("prop", "--residual: 'prop' is not prop=F, add=C or exp=S (or none, profile)"),
        ("prop=0,add=0ng/mL", "--residual: 'prop=0,add=0ng/mL' is zero error; give none (or leave --residual out) for no residual error"),
        ("prop=-0.1", "--residual: prop '-0.1' must be a number >= 0 (e.g. 0.2 for 20%)"),
        ("exp=nan", "--residual: exp 'nan' must be a number >= 0 (SD on the log scale)"),
        ("prop=0.1,exp=0.2", "--residual: exponential error cannot be combined with additive/proportional here"),
        ("sd=0.1", "--residual: unknown part 'sd' (prop, add, exp; or none, profile)"),
        ("exponential=0.1,exp=0.2", "--residual: 'exp' given twice in 'exponential=0.1,exp=0.2'"),
        ("add=5ng/mL,additive=1mg/L", "--residual: 'add' given twice in 'add=5ng/mL,additive=1mg/L'"),
        ("add=-5ng/mL", "--residual add: "),
    ])
    func residualOneParser(text: String, message: String) throws {
        let data = try ReviewRegressionCLITests.oneDoseDataSet()
        let b = ketasim("batch", "--n", "3", "--duration", "2h", "--residual", text)
        let n = ketasim("nm", data, "--profile", "herd-2007", "--sim", "2", "--residual", text)
        for r in [b, n] {
            #expect(r.code == 64 && r.err.contains(message) && r.err.split(separator: "\n").count == 1, "\(text): \(r.err)")
        }
        #expect(b.err == n.err)
    }

    @Test("--residual add: batch needs a concentration unit; nm takes a bare number in the output's unit, and a unit only on a profile")
    func residualAdditiveUnits() throws {
        let b = ketasim("batch", "--n", "3", "--duration", "2h", "--residual", "add=5")
        #expect(b.code == 64 && b.err.contains("--residual add: '5' has no unit"), "\(b.err)")
        let data = try ReviewRegressionCLITests.oneDoseDataSet()
        let bare = ketasim("nm", data, "--profile", "herd-2007", "--sim", "2", "--residual", "add=5")
        #expect(bare.code == 0, "\(bare.err)")
        let unit = ketasim("nm", data, "--profile", "herd-2007", "--sim", "2", "--residual", "add=0.005mg/L")
        #expect(unit.code == 0, "\(unit.err)")
    }

    @Test("batch: too many grid points is one usage error whatever the count", arguments: ["10d", "365d"])
    func batchGridLimit(duration: String) {
        let r = ketasim("batch", "--n", "2", "--duration", duration, "--step", "1s")
        #expect(r.code == 64 && r.err.contains("--step: ") && r.err.contains("grid points over") && r.err.contains("at most 100000"), "\(r.err)")
    }

    @Test("plan --protocol with a copy of the whole catalog says a file holds one protocol and names the catalog's keys")
    func planProtocolCatalogCopy() throws {
        let file = tempDir().appendingPathComponent("p.json").path
        try FileManager.default.copyItem(atPath: SharedData_repo("Profiles/protocols.json"), toPath: file)
        let r = ketasim("plan", "--protocol", file, "--start", "2026-12-07")
        #expect(r.code == 1 && r.err.contains("a protocol file holds one protocol") && r.err.contains("version") && r.err.contains("rules"), "\(r.err)")
        #expect(r.err.split(separator: "\n").count == 1)
    }

    @Test("compare's NK and Ce columns are named by the profile's analyte")
    func ceColumnByAnalyte() {
        // Prose wraps at the console width: compare the text with its line breaks and indents as spaces.
        func flat(_ s: String) -> String { s.split(whereSeparator: { $0 == "\n" || $0 == " " }).joined(separator: " ") }
        let rac = ketasim("compare")
        #expect(rac.code == 0 && rac.out.contains("rac Ce max") && flat(rac.out).contains("NK = norketamine;"))
        let es = ketasim("compare", "--profile", "perez-ruixo-2021", "--routes", "in,iv", "--doses", "56mg,0.2mg/kg")
        #expect(es.code == 0, "\(es.err)")
        #expect(flat(es.out).contains("NK = S-norketamine; Ce = S-ketamine") && !es.out.contains("rac Ce"), "\(es.out)")
    }

    @Test("nm: computed columns never repeat a name (input PRED and PRED_SIM: PRED_SIM_SIM); /dev/null may take several outputs")
    func simSuffixAndDevNull() throws {
        let data = tempDir().appendingPathComponent("d.csv").path
        try "ID,TIME,EVID,AMT,CMT,PRED,PRED_SIM\n1,0,1,100,1,0,0\n1,1,0,0,1,0,0\n".write(toFile: data, atomically: true, encoding: .utf8)
        let r = ketasim("nm", data, "--model", "1cmt-iv")
        #expect(r.code == 0, "\(r.err)")
        let header = (r.out.split(separator: "\n").first ?? "").split(separator: ",").map(String.init)
        #expect(Set(header.map { $0.uppercased() }).count == header.count, "\(header)")
        #expect(header.contains("PRED_SIM_SIM"))
        #expect(ketasim("simulate", "--route", "iv", "--dose", "35mg", "--svg", "/dev/null", "--html", "/dev/null").code == 0)
        #expect(Self.isCharacterDevice("/dev/null"), "/dev/null was replaced")
    }

    static func isCharacterDevice(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR
    }

    @Test("an output to /dev/null is written into the device, never renamed over it (as root that replaced it with a file); a CSV there has no sidecar")
    func devNullStaysADevice() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(Self.isCharacterDevice("/dev/null"))
        let r = ketasim("batch", "--n", "8", "--duration", "2h", "--step", "30min", "--format", "csv", "--out", "/dev/null",
                        "--summary-only", "--svg", "/dev/null")
        #expect(r.code == 0, "\(r.err)")
        // A streamed per-subject file too.
        let s = ketasim("batch", "--n", "8", "--duration", "2h", "--step", "30min", "--out", dir.appendingPathComponent("s.json").path,
                        "--per-subject", "/dev/null")
        #expect(s.code == 0, "\(s.err)")
        #expect(Self.isCharacterDevice("/dev/null"), "/dev/null was replaced")
        #expect(!FileManager.default.fileExists(atPath: "/dev/null.meta.json"))
        // A name under /dev/ that is not there is an error, never a new file.
        let missing = ketasim("simulate", "--route", "iv", "--dose", "35mg", "--svg", "/dev/ketasim-no-such-device")
        #expect(missing.code == 1 && missing.err.contains("--svg: cannot write '/dev/ketasim-no-such-device'"), "\(missing.err)")
        #expect(!FileManager.default.fileExists(atPath: "/dev/ketasim-no-such-device"))
        // A FIFO in a folder is written into as well (a reader takes the text).
        let fifo = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Thread {
            // A plain reader (open blocks until ketasim opens the other end; read to its close).
            let r = open(fifo, O_RDONLY)
            guard r >= 0 else { return }
            var buffer = [UInt8](repeating: 0, count: 65536)
            while read(r, &buffer, buffer.count) > 0 {}
            close(r)
        }
        reader.start()
        #expect(ketasim("simulate", "--route", "iv", "--dose", "35mg", "--svg", fifo).code == 0)
        // (Had nothing opened the FIFO, this open ends the reader's wait.)
        let w = open(fifo, O_WRONLY | O_NONBLOCK)
        if w >= 0 { close(w) }
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO, "the FIFO was replaced")
    }

    @Test("a profile file whose T12KE0 no longer gives its KE0 is refused, naming both (KE0 alone drives the model)")
    func staleDerivedKe0() throws {
        let file = tempDir().appendingPathComponent("p.profile.json").path
        let text = try String(contentsOfFile: SharedData_repo("Profiles/clements-1981.profile.json"), encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"value\": 6.1,", with: "\"value\": 60,")
        #expect(edited != text)
        try edited.write(toFile: file, atomically: true, encoding: .utf8)
        let r = ketasim("simulate", "--profile", file, "--route", "im", "--dose", "35mg")
        #expect(r.code == 64 && r.err.contains("parameters.KE0") && r.err.contains("is not ln 2 / T12KE0 (60.0 min"), "\(r.err)")
        #expect(r.err.split(separator: "\n").count == 1)
    }

    @Test("--discharge 0 is a usage error")
    func zeroDischarge() {
        let r = ketasim("simulate", "--route", "iv", "--dose", "0.5mg/kg", "--discharge", "0ng/mL")
        #expect(r.code == 64 && r.err.contains("--discharge: '0ng/mL' must be greater than zero"), "\(r.err)")
    }
}

private func ketasimArgs(_ args: [String]) -> (code: Int32, out: String, err: String) {
    let c = Captured()
    return (Ketasim.run(args, console: c.console), c.out, c.err)
}
