import Foundation
import Testing
import PKCore
import TestSupport
@testable import PKProfiles

/// The effect site of a PD model on a profile (`EffectSite`) against closed forms written in the
/// test, and the PD file's loader.
@Suite("Effect site and PD models")
struct EffectSiteTests {
    /// One compartment, V = 50 L, CL = 10 L/h (k = 0.2/h), IV bolus; analyte as given.
    static func oneCompartment(analyte: String) throws -> Profile {
        try ProfileLibrary.decode("""
            {"name": "one-cmt", "title": "t", "analyte": "\(analyte)", "drug": "d", "population": "p", "citation": "c",
             "parameters": [{"name": "V", "value": 50, "unit": "L", "source": "test"},
                            {"name": "CL", "value": 10, "unit": "L/h", "source": "test"}],
             "compartments": [{"name": "central", "volume": "V"}],
             "flows": [{"from": "central", "to": null, "rate": "CL/V"}],
             "outputs": [{"name": "CP", "compartment": "central", "scale": 1000, "unit": "ng/mL"}],
             "routes": {"iv-bolus": {"inputs": [{"compartment": "central", "fraction": "1"}], "source": "test"}}}
            """, origin: "test")
    }

    static let perception = PDLibrary.builtin.model(named: "olofsen-2022-perception")!

    /// Ce after a bolus into one compartment: D/V·ke0/(ke0 − k)·(e^{−kt} − e^{−ke0·t}) (mg/L).
    static func ceBolus(d: Double, v: Double, k: Double, ke0: Double, t: Double) -> Double {
        d / v * ke0 / (ke0 - k) * (exp(-k * t) - exp(-ke0 * t))
    }

    static func simulate(_ p: Profile, doseMg: Double, endH: Double = 24) throws -> SimulationResult {
        let model = try ProfileModel(p)
        let params = model.parameters(covariates: model.covariates())
        let compiled = try Regimen().dose(amountMg: doseMg, route: .ivBolus).compile(on: model.dosing, parameters: params)
        return try Simulator.simulate(model: compiled.model, records: compiled.records, timesH: try Simulator.grid(endH: endH, stepH: 0.25))
    }

    @Test("IV bolus, one compartment: Ce(t), the time and height of its peak and the C50 crossing match the closed form")
    func closedForm() throws {
        let pd = Self.perception
        let ke0 = try #require(pd.ke0.value), c50 = try #require(pd.c50?.value)
        let (d, v, k) = (100.0, 50.0, 0.2)
        let aug = try EffectSite.augment(try Self.oneCompartment(analyte: "S-ketamine"), with: pd)
        let r = try Self.simulate(aug, doseMg: d)
        let ce = try #require(r.trajectory.models[0].outputIndex(EffectSite.outputName))
        for t in [0.01, 0.1, 0.25, 0.37, 1, 3.3, 10, 24] {
            let expected = 1000 * Self.ceBolus(d: d, v: v, k: k, ke0: ke0, t: t)
            let got = r.trajectory.output(ce, atH: t)
            #expect(isClose(got, expected, rtol: 1e-10), "t \(t): \(got) vs \(expected)")
        }
        let m = try EffectSite.metrics(r, pd: pd, profile: try Self.oneCompartment(analyte: "S-ketamine"))
        // dCe/dt = 0 at t* = ln(ke0/k)/(ke0 − k).
        let tStar = log(ke0 / k) / (ke0 - k)
        #expect(isClose(m.ceTmaxH, tStar, rtol: 1e-9), "\(m.ceTmaxH) vs \(tStar)")
        #expect(isClose(m.ceMaxNgPerML, 1000 * Self.ceBolus(d: d, v: v, k: k, ke0: ke0, t: tStar), rtol: 1e-10))
        #expect(m.plasmaTmaxH == 0 && m.effectDelayMin > 0)
        // Time Ce stays below C50: bisection on the closed form after the peak.
        var (lo, hi) = (tStar, 48.0)
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if 1000 * Self.ceBolus(d: d, v: v, k: k, ke0: ke0, t: mid) >= c50 { lo = mid } else { hi = mid }
        }
        let until = try #require(m.halfMaximalUntilH)
        #expect(isClose(until, lo, rtol: 1e-9), "\(until) vs \(lo)")
        #expect(isClose(try #require(EffectSite.timeBelow(fractionOfEmax: 0.5, r, pd: pd)), lo, rtol: 1e-9))
        // Without gamma no other level has a concentration, and no fraction of Emax is claimed.
        #expect(EffectSite.timeBelow(fractionOfEmax: 0.2, r, pd: pd) == nil)
        #expect(m.peakFractionOfEmax == nil && m.peakEffect == nil)
        #expect(isClose(try #require(m.peakCeOverC50), m.ceMaxNgPerML / c50, rtol: 1e-15))
    }

    @Test("first-order absorption: the effect site starts flat (dCe/dt = 0 at the dose), and its peak and the plasma peak are exact on a grid of one 24 h step as on a fine one (the closed form)",
          arguments: [24.0, 6.0, 0.25])
    func flatStartPeak(stepH: Double) throws {
        // depot -ka-> central (V 50 L, k 0.2/h) -ke0-> effect; ka 3/h, ke0 2/h.
        let p = try ProfileLibrary.decode("""
            {"name": "depot-cmt", "title": "t", "analyte": "S-ketamine", "drug": "d", "population": "p", "citation": "c",
             "parameters": [{"name": "V", "value": 50, "unit": "L", "source": "test"},
                            {"name": "CL", "value": 10, "unit": "L/h", "source": "test"},
                            {"name": "KA", "value": 3, "unit": "1/h", "source": "test"},
                            {"name": "KE0", "value": 2, "unit": "1/h", "source": "test"}],
             "compartments": [{"name": "depot"}, {"name": "central", "volume": "V"},
                              {"name": "effect", "effect": {"source": "central", "ke0": "KE0"}}],
             "flows": [{"from": "depot", "to": "central", "rate": "KA"}, {"from": "central", "to": null, "rate": "CL/V"}],
             "outputs": [{"name": "CP", "compartment": "central", "scale": 1000, "unit": "ng/mL"},
                         {"name": "CE", "compartment": "effect", "scale": 1000, "unit": "ng/mL"}],
             "routes": {"im": {"inputs": [{"compartment": "depot", "fraction": "1"}], "source": "test"}}}
            """, origin: "test")
        let model = try ProfileModel(p)
        let compiled = try Regimen().dose(amountMg: 100, route: .intramuscular).compile(on: model.dosing, parameters: model.parameters(covariates: model.covariates()))
        let r = try Simulator.simulate(model: compiled.model, records: compiled.records, timesH: try Simulator.grid(endH: 24, stepH: stepH))
        let (d, v, k, ka, ke0) = (100.0, 50.0, 0.2, 3.0, 2.0)
        // Cp = D·ka/(V(ka − k))·(e^{−kt} − e^{−ka·t}); Ce = ke0 ∫ Cp(s) e^{−ke0(t−s)} ds.
        func ce(_ t: Double) -> Double {
            1000 * d * ka * ke0 / (v * (ka - k)) * ((exp(-k * t) - exp(-ke0 * t)) / (ke0 - k) - (exp(-ka * t) - exp(-ke0 * t)) / (ke0 - ka))
        }
        func dce(_ t: Double) -> Double {
            let cp = 1000 * d * ka / (v * (ka - k)) * (exp(-k * t) - exp(-ka * t))
            return ke0 * (cp - ce(t))
        }
        // The peak where dCe/dt changes sign, by bisection on the closed form.
        var (lo, hi) = (1e-6, 24.0)
        for _ in 0..<200 { let mid = (lo + hi) / 2; if dce(mid) > 0 { lo = mid } else { hi = mid } }
        let ceIndex = try #require(r.trajectory.models[0].outputIndex("CE"))
        let peak = CurveAnalysis(trajectory: r.trajectory, output: ceIndex).peak()
        #expect(isClose(peak.tmaxH, lo, rtol: 1e-9), "step \(stepH): Tmax \(peak.tmaxH) vs \(lo)")
        #expect(isClose(peak.cmax, ce(lo), rtol: 1e-10), "step \(stepH): Cmax \(peak.cmax) vs \(ce(lo))")
        // The plasma peak: t = ln(ka/k)/(ka − k).
        let cpPeak = CurveAnalysis(trajectory: r.trajectory, output: 0).peak()
        #expect(isClose(cpPeak.tmaxH, log(ka / k) / (ka - k), rtol: 1e-9))
    }

    @Test("racemic profile: the effect site follows the S half of the concentration")
    func racemicHalf() throws {
        let pd = Self.perception
        let ke0 = try #require(pd.ke0.value)
        let r = try Self.simulate(try EffectSite.augment(try Self.oneCompartment(analyte: "racemic"), with: pd), doseMg: 100)
        let ce = try #require(r.trajectory.models[0].outputIndex(EffectSite.outputName))
        for t in [0.2, 1.5, 6] {
            #expect(isClose(r.trajectory.output(ce, atH: t), 500 * Self.ceBolus(d: 100, v: 50, k: 0.2, ke0: ke0, t: t), rtol: 1e-10))
        }
    }

    @Test("sigmoid Emax with a given gamma: E/Emax and its inverse (independent arithmetic)")
    func emaxArithmetic() throws {
        var pd = Self.perception
        pd.gamma.value = 2
        pd.emax.value = 10
        let c50 = try #require(pd.c50?.value)
        #expect(pd.fractionOfEmax(ceNgPerML: c50) == 0.5)
        #expect(isClose(try #require(pd.fractionOfEmax(ceNgPerML: 2 * c50)), 0.8, rtol: 1e-15))
        #expect(isClose(try #require(pd.concentration(atFractionOfEmax: 0.8)), 2 * c50, rtol: 1e-15))
        #expect(isClose(try #require(pd.effect(ceNgPerML: 3 * c50)), 9, rtol: 1e-14))
        #expect(pd.fractionOfEmax(ceNgPerML: 0) == 0)
    }

    @Test("hysteresis on real profiles: the effect peaks after the plasma peak, where Ce = f·Cp")
    func hysteresis() throws {
        let pd = Self.perception
        let cases: [(String, Route, Double, Double?)] = [("clements-1981", .ivInfusion, 35, 40.0 / 60), ("perez-ruixo-2021", .intranasal, 56, nil)]
        for (name, route, mg, over) in cases {
            let p = try #require(ProfileLibrary.named(name))
            let model = try ProfileModel(try EffectSite.augment(p, with: pd))
            let params = model.parameters(covariates: model.covariates(weightKg: 70))
            let reg = over.map { Regimen().infusion(amountMg: mg, overH: $0) } ?? Regimen().dose(amountMg: mg, route: route)
            let c = try reg.compile(on: model.dosing, parameters: params)
            let r = try Simulator.simulate(model: c.model, records: c.records, timesH: try Simulator.grid(endH: 12, stepH: 1.0 / 60))
            let m = try EffectSite.metrics(r, pd: pd, profile: p)
            #expect(m.ceTmaxH > m.plasmaTmaxH && m.effectDelayMin > 1, "\(name): effect \(m.ceTmaxH) h, plasma \(m.plasmaTmaxH) h")
            // At the effect peak dCe/dt = ke0·(f·Cp − Ce) = 0.
            let tr = r.trajectory
            let cp = tr.output(try #require(tr.models[0].outputIndex("CP")), atH: m.ceTmaxH)
            #expect(isClose(m.ceMaxNgPerML, m.sFraction * cp, rtol: 1e-8), "\(name): Ce \(m.ceMaxNgPerML) vs f*Cp \(m.sFraction * cp)")
            #expect(m.sFraction == (p.analyte == "racemic" ? 0.5 : 1))
            #expect(m.caveats.contains { $0.hasPrefix("arterial vs venous") }, "\(name) is venous, the PD model arterial")
        }
    }

    @Test("pd.json: built-in models decode; only models with ke0 and potency predict; missing numbers say why")
    func builtin() throws {
        let lib = PDLibrary.builtin
        #expect(lib.models.count >= 4)
        #expect(lib.predictive.map(\.name) == ["olofsen-2022-perception"])
        for m in lib.models {
            for n in [m.ke0, m.gamma, m.emax] + [m.c50, m.slope].compactMap({ $0 }) {
                #expect(!Bibliography.citations(in: n.source).isEmpty, "\(m.name): '\(n.source)' cites no reference")
            }
        }
        // The conversion: 0.51 nmol/mL × 237.73 g/mol, and ke0 = 60 ln 2 / 8.3 min.
        #expect(isClose(try #require(Self.perception.c50?.value), 0.51 * 237.73, rtol: 1e-12))
        #expect(isClose(try #require(Self.perception.ke0.value), 60 * log(2.0) / 8.3, rtol: 1e-6))
        #expect(lib.labelFigures(drug: "esketamine", route: "in").count >= 5)
    }

    @Test("pd.json loader is strict: unknown keys, bad model, sampling, units and missing sources are errors naming the field")
    func strict() throws {
        let text = try #require(EmbeddedProfiles.files["pd.json"])
        _ = try PDLibrary.decode(text, origin: "pd.json")
        let bad: [(String, String, String)] = [
            ("\"variabilityNote\"", "\"variabiltyNote\"", "variabiltyNote"),
            ("\"model\": \"sigmoidEmax\"", "\"model\": \"emax\"", "model"),
            ("\"sampling\": \"arterial\"", "\"sampling\": \"artery\"", "sampling"),
            ("\"unit\": \"1/h\"", "\"unit\": \"1/min\"", "ke0.unit"),
            ("\"unit\": \"ng/mL\"", "\"unit\": \"nmol/mL\"", "c50.unit"),
            ("\"value\": 121.2423", "\"value\": -1", "c50.value"),
            ("\"models\"", "\"modles\"", "modles"),
        ]
        for (from, to, field) in bad {
            let mutated = try #require(text.range(of: from).map { text.replacingCharacters(in: $0, with: to) })
            do {
                _ = try PDLibrary.decode(mutated, origin: "pd.json")
                Issue.record("accepted \(to)")
            } catch let e as ProfileError {
                #expect(e.message.contains(field) && !e.message.contains("\n"), "\(to): \(e.message)")
            }
        }
        let noSource = text.replacingOccurrences(of: "\"source\": \"not in the abstract [olofsen-2022]; the full text was not reached\"", with: "\"source\": \" \"")
        #expect(noSource != text)
        #expect(throws: ProfileError.self) { try PDLibrary.decode(noSource, origin: "pd.json") }
    }

    @Test("PD validation: every case runs, is independent, and has the verdict pd-validation.json records")
    func pdValidation() throws {
        let text = try #require(EmbeddedProfiles.files["pd-validation.json"])
        let raw = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        let cases = try PDValidation.builtinCases()
        #expect(cases.map(\.id) == raw.map { $0["id"] as? String ?? "" })
        #expect(cases.count >= 3)
        for c in cases {
            let r = try PDValidation.run(c)
            #expect(r.asExpected, "\(c.id): predicted \(r.predicted) vs \(c.published), expected \(c.expect)")
            #expect(c.basis == "independent")
            #expect(!Bibliography.citations(in: c.source).isEmpty)
        }
    }
}
