import Foundation
import Testing
import PKCore
import PKProfiles
import TestSupport

/// The racemic route set of the clements-1981 profile.
@Suite("Racemic route set (clements-1981)")
struct RacemicRouteSetTests {
    static let model = try! ProfileModel(ProfileLibrary.named("clements-1981")!)

    func metrics(_ route: Route, weightKg: Double = 70, overrides: [String: Double] = [:], output: String = "CP", doseMg: Double = 50) throws -> CurveMetrics {
        let m = RacemicRouteSetTests.model
        var p = m.parameters(covariates: m.covariates(weightKg: weightKg))
        for (k, v) in overrides { p[m.dosing.compiled.parameterIndex(k)!] = v }
        let regimen = route == .ivInfusion ? Regimen().infusion(amountMg: 35, overH: 2.0 / 3) : Regimen().dose(amountMg: doseMg, route: route)
        let c = try regimen.compile(on: m.dosing, parameters: p)
        let res = try Simulator.simulate(model: c.model, records: c.records, timesH: try Simulator.grid(endH: 96, stepH: 0.5))
        return CurveAnalysis(trajectory: res.trajectory, output: c.model.outputIndex(output)!).metrics()
    }

    /// Published mean Tmax per route (research notes section 2), the targets the KAs were fitted to.
    static let tmaxTargetsH: [Route: Double] = [
        .intramuscular: 10.0 / 60,   // 5-15 min review figure (S18), middle
        .intranasal: 20.0 / 60,      // adult IN 14-23 min (S17), ~20 min children (S21)
        .oral: 0.96,                 // Chong 2006 (S23)
        .sublingual: 0.75,           // Rolan 2014 (S24)
        .rectal: 42.0 / 60,          // Malinovsky 1996 (S21)
    ]

    /// (F, KA /h) of the parent's absorption per route, as the profile states them.
    static let absorption: [Route: (f: Double, ka: Double)] = [
        .intramuscular: (0.93, 14.8), .intranasal: (0.45, 5.2), .oral: (0.20, 0.992), .sublingual: (0.29, 1.44), .rectal: (0.25, 1.6),
    ]

    @Test("each fitted KA gives the published mean Tmax on the Clements disposition, at any weight; Tmax and Cmax are the closed form's",
          arguments: [Route.intramuscular, .intranasal, .oral, .sublingual, .rectal])
    func tmaxFit(route: Route) throws {
        let (f, ka) = try #require(Self.absorption[route])
        for w in [50.0, 70, 110] {
            let m = try metrics(route, weightKg: w)
            let target = RacemicRouteSetTests.tmaxTargetsH[route]!
            #expect(abs(m.tmaxH - target) / target < 0.01, "\(route) at \(w) kg: Tmax \(m.tmaxH * 60) min vs \(target * 60)")
            // Independent: first-order input into the 2-compartment disposition (TestSupport.TwoCompartment);
            // the peak is where dC/dt = 0. The presystemic part of PO and SL goes to the metabolite only.
            let model = TwoCompartment.clements(weightKg: w)
            let tmax = crossing({ model.firstOrder(doseMg: 50, f: f, kaPerH: ka, t: $0, derivative: true) }, level: 0, lo: 1e-6, hi: 24)
            #expect(isClose(m.tmaxH, tmax, rtol: 1e-8), "\(route) at \(w) kg")
            #expect(isClose(m.cmax, 1000 * model.firstOrder(doseMg: 50, f: f, kaPerH: ka, t: tmax), rtol: 1e-10), "\(route) at \(w) kg")
        }
    }

    @Test("exposure scales with F: parent AUC∞ is F × the IV bolus AUC∞ (F from the route table)",
          arguments: [(Route.intramuscular, 0.93), (.intranasal, 0.45), (.oral, 0.20), (.sublingual, 0.29), (.rectal, 0.25)])
    func bioavailability(route: Route, f: Double) throws {
        let iv = try metrics(.ivBolus)
        #expect(isClose(try metrics(route).aucInfinity!, f * iv.aucInfinity!, rtol: 1e-9), "\(route)")
    }

    @Test("first-pass metabolite: oral norketamine exposure includes the presystemic fraction")
    func firstPass() throws {
        let withFP = try metrics(.oral, output: "CM", doseMg: 100).aucInfinity!
        let without = try metrics(.oral, overrides: ["FP_PO": 0], output: "CM", doseMg: 100).aucInfinity!
        // Metabolite AUC∞ is linear in what reaches it: parent part F·fm, presystemic part 0.39.
        let fm = 0.8, f = 0.20
        #expect(isClose(withFP / without, (f * fm + 0.39) / (f * fm), rtol: 1e-9))
    }

    @Test("Zarate-type 0.5 mg/kg over 40 min: the 2-cmt closed form at the end of the infusion")
    func zarate() throws {
        // Independent: the macro-constant closed form of the infusion (TestSupport.TwoCompartment).
        let c = TwoCompartment.clements(weightKg: 70).infusion(doseMg: 35, durationH: 40.0 / 60, t: 40.0 / 60)
        #expect(isClose(try metrics(.ivInfusion).cmax, 1000 * c, rtol: 1e-10))
    }

    @Test("effect site: CE after an IV bolus is the plasma curve convolved with ke0·e^{−ke0·t} (closed form)")
    func effectSite() throws {
        let m = RacemicRouteSetTests.model
        let c = try Regimen().dose(amountMg: 35, route: .ivBolus).compile(on: m.dosing, parameters: m.parameters(covariates: m.covariates(weightKg: 70)))
        let times = [0.0, 0.05, 0.1, 0.25, 0.5, 1, 2, 6, 24]
        let res = try Simulator.simulate(model: c.model, records: c.records, timesH: times)
        let ce = try #require(res.series("CE")), cp = try #require(res.series("CP"))
        // Independent: Cp = D·Σ cᵢe^{−λᵢt} (TwoCompartment), dCe/dt = ke0·(Cp − Ce), Ce(0) = 0, so
        // Ce = D·Σ cᵢ·ke0/(ke0 − λᵢ)·(e^{−λᵢt} − e^{−ke0·t}); ke0 = ln 2 / 6.1 min (T12KE0 of the profile).
        let two = TwoCompartment.clements(weightKg: 70), ke0 = log(2) / (6.1 / 60)
        let (alpha, beta) = two.rates
        let ca = (alpha - two.k21) / (two.v1L * (alpha - beta)), cb = (two.k21 - beta) / (two.v1L * (alpha - beta))
        for (i, t) in times.enumerated() {
            let want = 1000 * 35 * (ca * ke0 / (ke0 - alpha) * (exp(-alpha * t) - exp(-ke0 * t))
                                    + cb * ke0 / (ke0 - beta) * (exp(-beta * t) - exp(-ke0 * t)))
            #expect(isClose(ce[i], want, rtol: 1e-10, atol: 1e-12), "t=\(t): \(ce[i]) vs \(want)")
            #expect(isClose(cp[i], 1000 * two.bolus(doseMg: 35, t: t), rtol: 1e-10), "t=\(t)")
        }
    }

    @Test("norketamine after an IV bolus: the closed form of the parent's 2-compartment disposition feeding the metabolite's")
    func metaboliteCurve() throws {
        let m = RacemicRouteSetTests.model
        let c = try Regimen().dose(amountMg: 35, route: .ivBolus).compile(on: m.dosing, parameters: m.parameters(covariates: m.covariates(weightKg: 70)))
        let times = [0.1, 0.5, 1, 2, 4, 8, 24, 48]
        let cm = try #require(try Simulator.simulate(model: c.model, records: c.records, timesH: times).series("CM"))
        // Independent (Laplace, residues): the metabolite's central amount is
        // FM·k10·D·(s + k21)(s + km21) / ((s + α)(s + β)(s + αm)(s + βm)), with the metabolite's own
        // macro constants from km10 = CLM/VM, km12 = QM/VM, km21 = QM/VMP (CLM 57.7 L/h, VM 98.6 L,
        // QM 42.8 L/h, VMP 160 L, FM 0.8). CM in ng/mL of norketamine: 1000 × 223.70/237.73 (molar masses) × A/VM.
        let parent = TwoCompartment.clements(weightKg: 70)
        let metabolite = TwoCompartment(clLPerH: 57.7, v1L: 98.6, qLPerH: 42.8, v2L: 160)
        let lambdas = [parent.rates.alpha, parent.rates.beta, metabolite.rates.alpha, metabolite.rates.beta]
        for (k, t) in times.enumerated() {
            var amount = 0.0
            for (i, l) in lambdas.enumerated() {
                var d = 1.0
                for (j, o) in lambdas.enumerated() where j != i { d *= o - l }
                amount += (parent.k21 - l) * (metabolite.k21 - l) / d * exp(-l * t)
            }
            amount *= 0.8 * parent.k10 * 35
            let want = 1000 * 223.70 / 237.73 * amount / 98.6
            #expect(isClose(cm[k], want, rtol: 1e-9), "t=\(t): \(cm[k]) vs \(want)")
        }
    }

    @Test("regimen errors name the dose and the value")
    func errors() {
        var base = MammillaryModel(disposition: Disposition(clearanceLPerH: 80, centralVolumeL: 120))
        base.metabolite = MetaboliteDisposition(fractionFormed: 0.8, clearanceLPerH: 57.7, centralVolumeL: 98.6)
        let cases: [(Regimen, String)] = [
            (Regimen(), "no doses"),
            (Regimen().dose(amountMg: -1, route: .intramuscular), "amount"),
            (Regimen().dose(amountMg: .infinity, route: .intramuscular), "amount"),
            (Regimen().dose(amountMg: 10, route: .intramuscular, every: 0, count: 3), "interval"),
            (Regimen().infusion(amountMg: 10, overH: 0), "duration"),
            (Regimen().infusion(amountMg: 10, overH: 2, every: 1, count: 2), "longer than the interval"),
        ]
        for (r, text) in cases {
            #expect(throws: SimulationError.self) { try r.compile(on: base) }
            do { _ = try r.compile(on: base) } catch { #expect("\(error)".contains(text), "\(error)") }
        }
        let bad = RouteParameters(bioavailability: 0.2, kaPerH: 1, firstPassMetaboliteFraction: 0.9)
        #expect(throws: SimulationError.self) { try Regimen().dose(amountMg: 10, route: .oral).compile(on: base, routeParameters: [.oral: bad]) }
        #expect(throws: SimulationError.self) { try Regimen().dose(amountMg: 10, route: .oral).compile(on: base) }
    }
}
