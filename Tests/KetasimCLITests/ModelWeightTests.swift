import Foundation
import Testing
@testable import KetasimCLI

/// `simulate --model`: --weight sets the model's WT parameter (not only the mg/kg dose), and the
/// profile-only route overrides are refused instead of ignored.
@Suite("simulate --model: weight and route overrides")
struct ModelWeightTests {
    static func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
        let c = Captured()
        return (Ketasim.run(args, console: c.console), c.out, c.err)
    }

    @Test("--weight 100kg equals the model with WT = 100 as its default and the dose in mg")
    func weightSetsWT() throws {
        let dir = tempDir()
        let source = try String(contentsOfFile: SharedData_repo("Profiles/models/k6-mm.model"), encoding: .utf8)
        #expect(source.contains("WT = 70 [kg]"))
        let heavy = dir.appendingPathComponent("heavy.model").path
        try source.replacingOccurrences(of: "WT = 70 [kg]", with: "WT = 100 [kg]").write(toFile: heavy, atomically: true, encoding: .utf8)
        let viaWeight = Self.run(["simulate", "--model", SharedData_repo("Profiles/models/k6-mm.model"), "--route", "im", "--dose", "0.5mg/kg",
                                  "--weight", "100kg", "--duration", "6h", "--format", "csv"])
        let viaFile = Self.run(["simulate", "--model", heavy, "--route", "im", "--dose", "50mg", "--weight", "100kg", "--duration", "6h", "--format", "csv"])
        #expect(viaWeight.code == 0 && viaFile.code == 0, "\(viaWeight.err) \(viaFile.err)")
        #expect(viaWeight.out == viaFile.out)
        // And not the 70 kg model with a 50 mg dose.
        let light = Self.run(["simulate", "--model", SharedData_repo("Profiles/models/k6-mm.model"), "--route", "im", "--dose", "50mg",
                              "--duration", "6h", "--format", "csv"])
        #expect(light.code == 0 && light.out != viaWeight.out)
        #expect(viaWeight.err.contains("WT 100 kg"), "\(viaWeight.err)")
        // Without --weight the model keeps its own WT (here 100 from the file, not the CLI's 70 kg).
        let own = Self.run(["simulate", "--model", heavy, "--route", "im", "--dose", "50mg", "--duration", "6h", "--format", "csv"])
        #expect(own.code == 0 && own.out == viaFile.out && own.err.contains("WT 100 kg"), "\(own.err)")
    }

    @Test("--ka, --lag, --first-pass and --profile are refused with --model", arguments: [["--ka", "3/h"], ["--lag", "10min"], ["--first-pass", "0.5"], ["--profile", "herd-2007"]])
    func overridesRefused(flag: [String]) {
        let r = Self.run(["simulate", "--model", SharedData_repo("Profiles/models/k6-mm.model"), "--route", "im", "--dose", "35mg"] + flag)
        #expect(r.code == 64, "\(r.err)")
        #expect(r.err.hasPrefix("ketasim: \(flag[0]): not with --model"), "\(r.err)")
    }
}
