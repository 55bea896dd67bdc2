import Foundation
import Testing
import PKCore
import PKProfiles
@testable import KetasimCLI
import Reports

/// `simulate` and `compare` show the effect site and intensity with the PD source; JSON carries the
/// effect metrics; esketamine nasal spray shows the label's population figures as such.
@Suite("Effect output")
struct EffectOutputTests {
    func ketasim(_ args: String..., width: Int = 80) -> (code: Int32, out: String, err: String) {
        let c = Captured()
        let console = Ketasim.Console(out: { c.out += $0 }, err: { c.err += $0 }, isTerminal: false, width: width)
        return (Ketasim.run(args, console: console), c.out, c.err)
    }

    @Test("simulate IV 0.5 mg/kg over 40 min: effect section with source and caveats; the effect peaks after the plasma peak")
    func simulateIV() throws {
        let r = ketasim("simulate", "--route", "iv", "--dose", "0.5mg/kg", width: 1000)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Predicted effect at the S-ketamine effect site: external perception (olofsen-2022-perception)"))
        #expect(r.out.contains("[olofsen-2022 abstract]"))
        #expect(r.out.contains("Caveat: arterial vs venous"))
        #expect(r.out.contains(EffectReport.columnLabel))
        #expect(!r.out.contains("not an individual prediction"), "label figures are for esketamine nasal spray only")
        let j = ketasim("simulate", "--route", "iv", "--dose", "0.5mg/kg", "--format", "json")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(j.out.utf8)) as? [String: Any])
        let arm = try #require((obj["arms"] as? [[String: Any]])?.first)
        let e = try #require((arm["effects"] as? [[String: Any]])?.first)
        for key in ["ceMaxNgPerML", "ceTmaxH", "plasmaTmaxH", "effectDelayMin", "peakCeOverC50", "c50NgPerML", "ke0PerH",
                    "minutesAtOrAboveHalfMaximal", "caveats", "pdModel", "pdSampling", "profileSampling", "sFraction"] {
            #expect(e[key] != nil, "missing \(key)")
        }
        let ceT = try #require(e["ceTmaxH"] as? Double), cpT = try #require(e["plasmaTmaxH"] as? Double)
        #expect(abs(cpT - 40.0 / 60) < 1e-9 && ceT > cpT)
        #expect(e["gamma"] == nil && e["peakFractionOfEmax"] == nil, "gamma is not known: no fraction of Emax")
        let refs = try #require(obj["references"] as? [[String: Any]])
        #expect(refs.contains { $0["key"] as? String == "olofsen-2022" })
        #expect(obj["populationFigures"] == nil)
    }

    @Test("esketamine 56 mg IN: effect after the plasma peak, label figures labelled 'not an individual prediction', no CADSS/mmHg prediction")
    func esketamine() throws {
        let r = ketasim("simulate", "--profile", "perez-ruixo-2021", "--route", "in", "--dose", "56mg")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("not an individual prediction"))
        #expect(r.out.contains("[esketamine-us-label-2019 Table 6]"))
        for line in r.out.split(separator: "\n") {
            #expect(line.count <= 80 || line.contains("://"), "over 80: \(line)")
        }
        let j = ketasim("compare", "--profile", "perez-ruixo-2021", "--routes", "in,in", "--doses", "56mg,84mg", "--format", "json")
        #expect(j.code == 0, "\(j.err)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(j.out.utf8)) as? [String: Any])
        let pop = try #require(obj["populationFigures"] as? [String: Any])
        #expect((pop["note"] as? String)?.contains("not an individual prediction") == true)
        let arms = try #require(obj["arms"] as? [[String: Any]])
        var peaks: [Double] = []
        for a in arms {
            let e = try #require((a["effects"] as? [[String: Any]])?.first)
            let ceT = try #require(e["ceTmaxH"] as? Double), cpT = try #require(e["plasmaTmaxH"] as? Double)
            #expect(ceT > cpT, "effect peak \(ceT) h after plasma peak \(cpT) h")
            peaks.append(try #require(e["peakCeOverC50"] as? Double))
        }
        #expect(peaks[1] > peaks[0], "84 mg gives a higher peak Ce/C50 than 56 mg")
        // The text reports give intensity as Ce/C50 and never a score, pressure or level prediction.
        let t = ketasim("compare", "--profile", "perez-ruixo-2021", "--routes", "in,in", "--doses", "56mg,84mg", width: 1000)
        let effect = try #require(t.out.range(of: "Predicted effect")).lowerBound
        let section = t.out[effect...]
        #expect(!section.contains("predicted CADSS") && !section.contains("predicted level") && !section.contains("mmHg predicted"))
        #expect(section.contains("peak Ce/C50"))
    }

    @Test("plan: every dosing session has its peak effect after its plasma peak; session 1 agrees with simulate; table says what it is not")
    func plan() throws {
        let j = ketasim("plan", "--protocol", "murrough-2013", "--weight", "70kg", "--start", "2026-12-07", "--format", "json")
        #expect(j.code == 0, "\(j.err)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(j.out.utf8)) as? [String: Any])
        let sessions = try #require((obj["plan"] as? [String: Any])?["sessions"] as? [[String: Any]])
        let preds = sessions.compactMap { $0["prediction"] as? [String: Any] }
        #expect(preds.count == 6)
        for p in preds {
            let te = try #require(p["effectTmaxMin"] as? Double), tp = try #require(p["tmaxMin"] as? Double)
            #expect(te > tp, "effect peak \(te) min vs plasma \(tp) min")
            #expect(p["effectModel"] as? String == "olofsen-2022-perception")
        }
        // The same first session through simulate (a different code path: the exposure study).
        let s = ketasim("simulate", "--route", "iv", "--dose", "0.5mg/kg", "--format", "json")
        let sobj = try #require(try JSONSerialization.jsonObject(with: Data(s.out.utf8)) as? [String: Any])
        let e = try #require(((sobj["arms"] as? [[String: Any]])?.first?["effects"] as? [[String: Any]])?.first)
        let ce1 = try #require(preds[0]["effectCeMaxNgPerML"] as? Double), ce2 = try #require(e["ceMaxNgPerML"] as? Double)
        #expect(abs(ce1 - ce2) <= 1e-9 * ce2, "plan \(ce1) vs simulate \(ce2)")
        let t = ketasim("plan", "--protocol", "esketamine-label", "--weight", "70kg", "--start", "2026-12-07")
        #expect(t.code == 0, "\(t.err)")
        #expect(t.out.contains("Predicted effect per session") && t.out.contains("not a CADSS score"))
        #expect(t.out.contains("label population figures, not an individual prediction"))
        // The effect section fits 80 columns (the rest of plan is issue 17's).
        let section = try #require(t.out.range(of: "Predicted effect per session")).lowerBound
        let tail = t.out[section...].components(separatedBy: "\nReferences").first ?? ""
        #expect(tail.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test("HTML report: an effect section with the Ce curve, the table, the caveats and the PD reference")
    func html() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ketasim-effect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.html").path
        let r = ketasim("simulate", "--profile", "perez-ruixo-2021", "--route", "in", "--dose", "56mg", "--html", path)
        #expect(r.code == 0, "\(r.err)")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("Predicted effect at the S-ketamine effect site: external perception"))
        #expect(html.contains("S-ketamine effect site Ce (ng/mL)"))
        #expect(html.contains("Caveat: arterial vs venous"))
        #expect(html.contains("not an individual prediction"))
        #expect(html.contains("Ketamine psychedelic and antinociceptive effects are connected"), "the olofsen-2022 entry is in the references")
    }
}
