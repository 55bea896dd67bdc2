#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PKCore
import TestSupport
import Testing
@testable import PKProfiles

/// The built-in profiles against published figures (`Profiles/validation.json`), against the [calc]
/// values of the research notes (`research/ketamine-pk.md`), and for the provenance of every number.
/// Reference values are published numbers or arithmetic on the published parameters written out
/// here, never outputs of the code under test.
@Suite("Profile validation")
struct ProfileValidationTests {
    /// Case ids read straight from `Profiles/validation.json` (not through the decoder under test), so a
    /// decoding failure cannot shrink the parameterized list to zero cases.
    static let caseIDs: [String] = {
        let url = SharedData.repositoryRoot.appendingPathComponent("Profiles/validation.json")
        guard let data = FileManager.default.contents(atPath: url.path),
              let root = try? JSONSerialization.jsonObject(with: data) else { return ["<Profiles/validation.json unreadable>"] }
        let list = (root as? [[String: Any]]) ?? ((root as? [String: Any])?["cases"] as? [[String: Any]]) ?? []
        let ids = list.compactMap { $0["id"] as? String }
        return ids.isEmpty ? ["<no cases in Profiles/validation.json>"] : ids
    }()

    // MARK: - Published figures

    @Test("validation.json decodes and every case is well formed")
    func casesWellFormed() throws {
        let cases = try Validation.builtinCases()
        #expect(cases.count >= 30)
        #expect(Set(cases.map(\.id)).count == cases.count, "case ids must be unique")
        for c in cases {
            #expect(ProfileLibrary.named(c.profile) != nil, "\(c.id): unknown profile \(c.profile)")
            #expect(["pass", "miss"].contains(c.expect), "\(c.id): expect must be pass or miss")
            #expect(["fitted", "independent"].contains(c.basis), "\(c.id): basis must be fitted or independent")
            #expect(c.tolerance > 0 && c.tolerance < 1, "\(c.id): tolerance \(c.tolerance)")
            #expect(!c.toleranceReason.trimmedSpaces.isEmpty, "\(c.id): toleranceReason is empty")
            #expect(!c.source.trimmedSpaces.isEmpty, "\(c.id): source is empty")
            if c.expect == "miss" { #expect(!(c.missReason ?? "").trimmedSpaces.isEmpty, "\(c.id): a miss needs its missReason") }
        }
    }

    @Test("published figure reproduced as recorded in validation.json", arguments: caseIDs)
    func publishedFigure(_ id: String) throws {
        let c = try #require(try Validation.builtinCases().first { $0.id == id })
        let r = try Validation.run(c)
        let verdict = r.passed ? "pass" : "miss"
        #expect(
            r.asExpected,
            """
            \(c.id) (\(c.source)) on \(c.profile): predicted \(Self.fmt(r.predicted)) vs published \(Self.fmt(c.published)) \(c.unit) \
            (\(Self.fmt(100 * r.relativeDifference))%, tolerance ±\(Self.fmt(100 * c.tolerance))%): \(verdict), recorded \(c.expect)\
            \(c.missReason.map { " (\($0))" } ?? "")
            """)
    }

    @Test("the decoder reads every case of validation.json, in file order")
    func decoderReadsEveryCase() throws {
        #expect(try Validation.builtinCases().map(\.id) == Self.caseIDs)
    }

    static func fmt(_ x: Double) -> String {
        let a = abs(x)
        let digits = a >= 100 ? 1 : a >= 1 ? 2 : 3
        let p = pow(10.0, Double(digits))
        return "\((x * p).rounded() / p)"
    }

    // MARK: - Per-profile checks against the research notes' [calc] values

    @Test("clements-1981: CL 80 L/h and Vss 289 L at 70 kg (notes 1.5)")
    func clements() throws {
        let t = try Typical("clements-1981")
        #expect(isClose(t["V1"] * t["K10"], 80, rtol: 0.01))
        #expect(isClose(t["V1"] * (1 + t["K12"] / t["K21"]), 289, rtol: 0.01))
    }

    @Test("domino-1982: CL 116 L/h and Vss 193 L at 70 kg, V1 per kg (notes 1.5)")
    func domino() throws {
        let t = try Typical("domino-1982")
        #expect(isClose(t["V1"], 0.063 * 70, rtol: 1e-12))
        #expect(isClose(t["V1"] * t["K10"], 116, rtol: 0.01))
        #expect(isClose(t["V1"] * (1 + t["K12"] / t["K21"] + t["K13"] / t["K31"]), 193, rtol: 0.01))
        let light = try Typical("domino-1982", weightKg: 50)
        #expect(isClose(light["V1"] * light["K10"], 116 * 50 / 70, rtol: 0.01))
        #expect(t.model.dosing.routeNames == ["iv", "iv-bolus"])
    }

    @Test("herd-2007: allometric scaling to 70 kg and BSV as CV% (notes 1.5)")
    func herd() throws {
        let t = try Typical("herd-2007")
        #expect(isClose(t["CL"], 90, rtol: 1e-12))
        #expect(isClose(t["V1"] + t["V2"], 140.7, rtol: 1e-9))
        let child = try Typical("herd-2007", weightKg: 32.5)
        #expect(isClose(child["CL"], 90 * pow(32.5 / 70, 0.75), rtol: 1e-12))
        #expect(isClose(child["Q"], 215 * pow(32.5 / 70, 0.75), rtol: 1e-12))
        #expect(isClose(child["V1"], 38.7 * 32.5 / 70, rtol: 1e-12))
        #expect(isClose(t.model.omega[0, 0], log(1 + 0.64 * 0.64), rtol: 1e-12))
        #expect(isClose(t.model.omega[2, 2], log(1 + 0.381 * 0.381), rtol: 1e-12))
        #expect(t.model.dosing.routeNames == ["iv", "iv-bolus"])
    }

    @Test("perez-ruixo-2021: hepatic extraction 0.72, CL 109 L/h, fm 0.71 (notes 1.1)")
    func perezRuixoLiver() throws {
        let t = try Typical("perez-ruixo-2021")
        let clint = (t["KEL"] + t["KMET"]) * t["VH"]
        let e = clint / (t["QH"] + clint)
        #expect(isClose(e, 0.72, rtol: 0.005))
        #expect(isClose(t["QH"] * e, 109, rtol: 0.01))
        #expect(isClose(t["KMET"] / (t["KEL"] + t["KMET"]), 0.71, rtol: 0.01))
        // Covariates: age above 60 on Qh, Asian on kel and CLn/F.
        let old = try Typical("perez-ruixo-2021", overrides: ["AGE": 70])
        #expect(isClose(old["QH"], 151 - 2.19 * 10, rtol: 1e-12))
        let asian = try Typical("perez-ruixo-2021", overrides: ["ASIAN": 1])
        #expect(isClose(asian["KEL"], 1.11 * 0.36, rtol: 1e-12))
        #expect(isClose(asian["CLN"], 38.0 * 0.81, rtol: 1e-12))
    }

    @Test("perez-ruixo-2021: effective FRn 0.54/0.437/0.403 and F 0.62/0.54/0.51 for 28/56/84 mg (notes 1.1)",
          arguments: [(28.0, 0.54, 0.62), (56.0, 0.437, 0.54), (84.0, 0.403, 0.51)])
    func perezRuixoNasal(_ mg: Double, _ frn: Double, _ total: Double) throws {
        let t = try Typical("perez-ruixo-2021")
        let clint = (t["KEL"] + t["KMET"]) * t["VH"]
        let e = clint / (t["QH"] + clint)
        let ins = try t.model.dosing.inputs(route: "in", amountMg: mg, parameters: t.values)
        #expect(ins.count == 2)
        #expect(isClose(ins[0].bioavailability, frn, rtol: 0.002))
        #expect(isClose(ins[1].bioavailability, (1 - ins[0].bioavailability) * 0.64, rtol: 1e-12))
        let f = ins[0].bioavailability + ins[1].bioavailability * (1 - e)
        #expect(isClose(f, total, rtol: 0.01))
        // The structure delivers that F: AUC·CL/dose from the simulated curve.
        let auc = try #require(try t.curve(.intranasal, mg: mg).metrics().aucInfinity)
        #expect(isClose(auc / 1000 * t["QH"] * e / mg, f, rtol: 1e-9))
    }

    @Test("perez-ruixo-2021: oral solution F = Fgut(1-E) ~ 18.6% of a swallowed dose (notes 1.1)")
    func perezRuixoOral() throws {
        let t = try Typical("perez-ruixo-2021")
        let clint = (t["KEL"] + t["KMET"]) * t["VH"]
        let e = clint / (t["QH"] + clint)
        let auc = try #require(try t.curve(.oral, mg: 84).metrics().aucInfinity)
        let f = auc / 1000 * t["QH"] * e / 84
        #expect(isClose(f, 0.64 * (1 - e), rtol: 1e-9))
        #expect(isClose(f, 0.186, rtol: 0.05), "paper: 18.6% of a swallowed dose reaches the circulation")
    }

    @Test("perez-ruixo-2021: Japanese 56/84 mg esketamine Cmax 94.5/131.3 ng/mL (V11, model-typical, ±10%)",
          arguments: [(56.0, 94.5), (84.0, 131.3)])
    func perezRuixoJapanese(_ mg: Double, _ published: Double) throws {
        let t = try Typical("perez-ruixo-2021", overrides: ["ASIAN": 1, "JAPANESE": 1])
        #expect(isClose(t["FRN"], 0.54 * 1.34, rtol: 1e-12))
        let cmax = try t.curve(.intranasal, mg: mg).peak().cmax
        #expect(abs(cmax / published - 1) <= 0.10, "Japanese \(mg) mg: predicted \(cmax) vs Table 4 \(published) ng/mL")
    }

    @Test("fanta-otto-2021: CL 95.2 L/h, Vss 418.8 L, scaling of V1 and CL only (notes 1.2)")
    func fantaOtto() throws {
        let t = try Typical("fanta-otto-2021")
        #expect(isClose(t["CL"], 95.2, rtol: 1e-12))
        #expect(isClose(t["V1"] + t["VP1"] + t["VP2"], 418.8, rtol: 1e-9))
        let light = try Typical("fanta-otto-2021", weightKg: 50)
        #expect(isClose(light["V1"], 133 * 50 / 70, rtol: 1e-12))
        #expect(isClose(light["CL"], 95.2 * pow(50 / 70, 0.75), rtol: 1e-12))
        #expect(isClose(light["VP1"], 187, rtol: 1e-12))
        #expect(isClose(light["Q2"], 157, rtol: 1e-12))
        // IIV block: cov(V1, CL) 0.023.
        let i = try #require(t.model.etaNames.firstIndex(of: "ETA_V1")), j = try #require(t.model.etaNames.firstIndex(of: "ETA_CL"))
        #expect(t.model.omega[i, j] == 0.023 && t.model.omega[j, i] == 0.023)
    }

    @Test("fanta-otto-2021: oral F 8%, S-norketamine AUC 16.5x parent after oral, 1.65x after IV, Tmax 0.96 h")
    func fantaOttoOral() throws {
        let t = try Typical("fanta-otto-2021")
        let parent = try t.curve(.oral, mg: 17.5)
        let nk = try t.curve(.oral, mg: 17.5, output: "CM")
        let aucK = try #require(parent.metrics().aucInfinity), aucNK = try #require(nk.metrics().aucInfinity)
        #expect(isClose(aucK / 1000 * 95.2 / 17.5, 0.08, rtol: 1e-9))
        #expect(isClose(aucNK / aucK, 16.5, rtol: 0.01), "Fanta 2015: oral S-norketamine AUC 16.5x S-ketamine")
        #expect(isClose(parent.peak().tmaxH, 0.96, rtol: 0.03))
        let ivK = try #require(try t.curve(.ivBolus, mg: 10).metrics().aucInfinity)
        let ivNK = try #require(try t.curve(.ivBolus, mg: 10, output: "CM").metrics().aucInfinity)
        #expect(isClose(ivNK / ivK, 95.2 / 57.7, rtol: 1e-9))
    }

    @Test("simons-2022: CLK1 88.8 L/h, Vss 224.6 L, swallowed F2 116% split into four inputs (notes 1.3)")
    func simons() throws {
        let t = try Typical("simons-2022")
        #expect(isClose(t["CLK1"], 1.48 * 60, rtol: 1e-12))
        #expect(isClose(t["VK1"] + t["VK2"] + t["VK3"], 224.6, rtol: 1e-9))
        #expect(isClose(t["MTTKNK"], 20.1 / 60, rtol: 1e-12))
        let ins = try t.model.dosing.inputs(route: "sl", amountMg: 50, parameters: t.values)
        #expect(isClose(ins[0].bioavailability, 0.263, rtol: 1e-12))
        #expect(isClose(ins.dropFirst().map(\.bioavailability).reduce(0, +), 1.16, rtol: 1e-12))
    }

    @Test("simons-2022: mass balance - 80% of metabolised S-ketamine forms S-norketamine; only F1 reaches systemic parent")
    func simonsMassBalance() throws {
        let t = try Typical("simons-2022")
        let profile = t.model.profile
        let nkScale = try #require(profile.outputs.first { $0.name == "CM" }?.scale)
        #expect(isClose(nkScale, 1000 * 223.70 / 237.73, rtol: 1e-12))
        // IV: all S-ketamine is cleared by CLK1 into the chain; S-NK leaves only by CLN1.
        let ivNK = try #require(try t.curve(.ivBolus, mg: 20, output: "CM", endH: 240).metrics().aucInfinity)
        #expect(isClose(ivNK / nkScale * t["CLN1"], 0.8 * 20, rtol: 1e-9))
        // Film: systemic parent = F1 only; S-NK formed from F1 + F2 of the dose.
        let slK = try #require(try t.curve(.sublingual, mg: 50, endH: 240).metrics().aucInfinity)
        #expect(isClose(slK / 1000 * t["CLK1"], 0.263 * 50, rtol: 1e-9))
        let slNK = try #require(try t.curve(.sublingual, mg: 50, output: "CM", endH: 240).metrics().aucInfinity)
        #expect(isClose(slNK / nkScale * t["CLN1"], 0.8 * (0.263 + 1.16) * 50, rtol: 1e-9))
    }

    // MARK: - Provenance

    @Test("every number has a source; UNCONFIRMED and [calc] marks agree with the flags")
    func provenance() throws {
        #expect(ProfileLibrary.builtin.count >= 6)
        for p in ProfileLibrary.builtin {
            #expect(!(p.notes ?? []).isEmpty, "\(p.name): notes are empty")
            for q in p.parameters {
                #expect(!q.source.trimmedSpaces.isEmpty, "\(p.name).\(q.name): no source")
                if q.source.contains("UNCONFIRMED") { #expect(q.unconfirmed == true, "\(p.name).\(q.name): source says UNCONFIRMED, flag missing") }
                if q.calc == true { #expect(q.source.contains("[calc]"), "\(p.name).\(q.name): calc without a [calc] source") }
                if q.source.hasPrefix("[calc]") { #expect(q.calc == true, "\(p.name).\(q.name): [calc] source without the calc flag") }
            }
            for e in p.covariateEffects ?? [] { #expect(!e.source.trimmedSpaces.isEmpty, "\(p.name): effect on \(e.parameter) has no source") }
            for r in p.variability ?? [] {
                #expect(!r.source.trimmedSpaces.isEmpty, "\(p.name).\(r.name): no source")
                if r.source.contains("UNCONFIRMED") { #expect(r.unconfirmed == true, "\(p.name).\(r.name): UNCONFIRMED flag missing") }
            }
            for c in p.correlations ?? [] { #expect(!c.source.trimmedSpaces.isEmpty, "\(p.name): correlation has no source") }
            for r in p.residualError ?? [] {
                #expect(!r.source.trimmedSpaces.isEmpty, "\(p.name): residual on \(r.output) has no source")
                if r.source.contains("UNCONFIRMED") { #expect(r.unconfirmed == true, "\(p.name): residual on \(r.output): UNCONFIRMED flag missing") }
            }
        }
    }

    @Test("UNCONFIRMED marks of the research notes carried into the profiles (spot checks)")
    func unconfirmedSpotChecks() throws {
        func param(_ profile: String, _ name: String) throws -> Profile.Parameter {
            let p = try #require(ProfileLibrary.named(profile))
            return try #require(p.parameters.first { $0.name == name }, "\(profile).\(name)")
        }
        // Domino and Clements micro-constants: opentiva code only.
        for n in ["V1", "K10", "K12", "K13", "K21", "K31"] { #expect(try param("domino-1982", n).unconfirmed == true, "domino \(n)") }
        for n in ["V1", "K10", "K12", "K21", "F_IM"] { #expect(try param("clements-1981", n).unconfirmed == true, "clements \(n)") }
        // Fanta: oral ka and presystemic fraction not in the abstract.
        #expect(try param("fanta-otto-2021", "KA_PO").unconfirmed == true)
        #expect(try param("fanta-otto-2021", "KA_PO").calc == true)
        #expect(try param("fanta-otto-2021", "FP_PO").calc == true)
        // Perez-Ruixo: FRn IIV reading; kmet IIV not published, so no eta on KMET.
        let perez = try #require(ProfileLibrary.named("perez-ruixo-2021"))
        #expect(perez.variability?.first { $0.parameter == "FRN" }?.unconfirmed == true)
        #expect(perez.variability?.contains { $0.parameter == "KMET" } == false)
        // Simons: allometric exponents and the S-ketamine residual reading; Part 2 ke0.
        let simons = try #require(ProfileLibrary.named("simons-2022"))
        #expect((simons.covariateEffects ?? []).allSatisfy { $0.unconfirmed == true })
        #expect(simons.residualError?.first { $0.output == "CP" }?.unconfirmed == true)
        #expect(try param("simons-2022", "T12KE0").unconfirmed == true)
        // Herd: residual error absent (UNCONFIRMED in the notes), said so in the notes.
        let herd = try #require(ProfileLibrary.named("herd-2007"))
        #expect((herd.residualError ?? []).isEmpty)
        #expect((herd.notes ?? []).contains { $0.contains("Residual error") && $0.contains("UNCONFIRMED") })
    }
}

/// Typical parameters of a built-in profile (model units: h, L, mg), with a one-dose simulator.
struct Typical {
    let model: ProfileModel
    let values: [Double]

    init(_ name: String, weightKg: Double = 70, overrides: [String: Double] = [:]) throws {
        guard let profile = ProfileLibrary.named(name) else { throw ProfileError("no built-in profile \(name)") }
        model = try ProfileModel(profile)
        values = model.parameters(covariates: model.covariates(weightKg: weightKg, overrides: overrides))
    }

    subscript(_ name: String) -> Double {
        guard let i = model.dosing.compiled.parameterIndex(name) else { preconditionFailure("no parameter \(name)") }
        return values[i]
    }

    /// One dose (or an infusion over `overH`), simulated to `endH`, analysed on `output`.
    func curve(_ route: Route, mg: Double, overH: Double? = nil, output: String = "CP", endH: Double = 120) throws -> CurveAnalysis {
        let regimen = overH.map { Regimen().infusion(amountMg: mg, overH: $0) } ?? Regimen().dose(amountMg: mg, route: route)
        let compiled = try regimen.compile(on: model.dosing, parameters: values)
        let result = try Simulator.simulate(model: compiled.model, records: compiled.records, timesH: try Simulator.grid(endH: endH, stepH: 0.25))
        guard let o = compiled.model.outputIndex(output) else { throw ProfileError("no output \(output)") }
        return CurveAnalysis(trajectory: result.trajectory, output: o)
    }
}
