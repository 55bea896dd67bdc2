import Foundation
import Testing
import PKCore
import PKProfiles
import Planner
@testable import KetasimCLI

/// simulate and compare warn, one line per finding, where plan would block or ask for acknowledgement.
@Suite("Arm warnings outside plan")
struct ArmWarningTests {
    /// On a wide console each warning is one line.
    func ketasim(_ args: String...) -> (code: Int32, out: String, err: String) {
        let c = Captured()
        let console = Ketasim.Console(out: { c.out += $0 }, err: { c.err += $0 }, isTerminal: false, width: 1000)
        return (Ketasim.run(args, console: console), c.out, c.err)
    }

    @Test("IM 5 mg/kg at 95 kg: anaesthesia band and both IM single-dose rules, with their sources")
    func imOverdose() throws {
        let r = ketasim("simulate", "--route", "im", "--dose", "5mg/kg", "--weight", "95kg")
        #expect(r.code == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").filter { $0.hasPrefix("WARNING") }
        #expect(lines.count == 3, "\(lines)")
        let floor = try #require(Planner.anaesthesiaFloor(analyte: "racemic"))
        let band = try #require(ProfileLibrary.bands(for: "racemic").first { $0.name == "anaesthesia" })
        #expect(lines.contains { $0.contains("anaesthesia band (>= \(NumberFormat.short(floor)) ng/mL)") && $0.contains(band.source) })
        for id in ["max-single-dose-im", "im-dissociative-dose"] {
            let rule = try #require(ProtocolCatalog.builtin.rules.first { $0.id == id })
            #expect(lines.contains { $0.contains("rule \(id)") && $0.contains(rule.source) }, "missing \(id)")
        }
    }

    @Test("JSON carries the warnings with rule, level and source")
    func json() throws {
        let r = ketasim("compare", "--routes", "im,iv", "--doses", "5mg/kg,0.5mg/kg", "--weight", "95kg", "--format", "json")
        #expect(r.code == 0, "\(r.err)")
        let obj = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        let arms = obj["arms"] as! [[String: Any]]
        let im = arms[0]["warnings"] as! [[String: Any]]
        #expect(Set(im.map { $0["rule"] as! String }) == ["bands.json anaesthesia (racemic)", "max-single-dose-im", "im-dissociative-dose"])
        #expect(im.allSatisfy { !($0["source"] as! String).isEmpty && !($0["message"] as! String).isEmpty })
        #expect(im.first { $0["rule"] as! String == "im-dissociative-dose" }?["level"] as? String == "block")
        #expect((arms[1]["warnings"] as! [Any]).isEmpty, "0.5 mg/kg IV over 40 min warns of nothing")
    }

    @Test("the default comparison warns of nothing; IV 1 mg/kg and esketamine 112 mg exceed their limits")
    func limits() {
        #expect(!ketasim("compare").out.contains("WARNING"))
        let iv = ketasim("simulate", "--route", "iv", "--dose", "1mg/kg")
        #expect(iv.out.contains("WARNING") && iv.out.contains("rule max-single-dose-iv") && !iv.out.contains("anaesthesia band"))
        let esk = ketasim("simulate", "--profile", "perez-ruixo-2021", "--route", "in", "--dose", "112mg")
        #expect(esk.out.contains("rule max-single-dose-esketamine"), "\(esk.out)")
        let ok = ketasim("simulate", "--profile", "perez-ruixo-2021", "--route", "in", "--dose", "84mg")
        #expect(!ok.out.contains("WARNING"))
    }
}

@Suite("Batch anaesthesia warning")
struct BatchWarningTests {
    @Test("batch table warns when subjects reach the anaesthesia band, and not otherwise")
    func batch() {
        let hi = ketasim("batch", "--n", "10", "--route", "im", "--dose", "5mg/kg")
        #expect(hi.code == 0, "\(hi.err)")
        #expect(hi.out.contains("WARNING: 10/10 subjects reach the anaesthesia band (Cmax >= 1200 ng/mL"))
        let ok = ketasim("batch", "--n", "10")
        #expect(ok.code == 0 && !ok.out.contains("WARNING"))
    }
}
