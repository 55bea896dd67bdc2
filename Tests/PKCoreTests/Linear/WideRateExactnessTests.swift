import Foundation
import Testing
import PKCore
import TestSupport

/// Issue 16, part 1: the exact path with widely separated rates (KA up to 1e12 /h next to an
/// elimination of 0.005 /h) and long times, against the Bateman function and its infusion form.
@Suite("Exact solver: widely separated rates and long times")
struct WideRateExactnessTests {
    static let k = 0.005
    static let times: [Double] = [0.5, 1, 10, 100, 1000, 5000, 10000]

    /// Central amount during a zero-order infusion at rate r into the depot, started at 0:
    /// A₂(t) = r·[(1 − e^{−kt})/k − e^{−kt}·(1 − e^{−(ka−k)t})/(ka − k)].
    static func infusionIntoDepot(rate r: Double, ka: Double, k: Double, t: Double) -> Double {
        let d = ka - k
        return r * (-expm1(-k * t) / k - exp(-k * t) * (-expm1(-d * t)) / d)
    }

    static func rateMatrix(ka: Double, k: Double) -> Matrix { Matrix([[-ka, 0], [ka, -k]]) }

    @Test("one step: Φ and Γ of the 1-cmt oral model ≤ 1e-10 relative", arguments: [1e6, 1e9, 1e12])
    func oneStep(ka: Double) throws {
        var worst = 0.0
        for t in Self.times {
            let tr = Transition(rateMatrix: Self.rateMatrix(ka: ka, k: Self.k), dtH: t)
            let bolus = ClosedForm.oral1(doseMg: 1, vL: 1, ka: ka, k: Self.k, t: t)
            let inf = Self.infusionIntoDepot(rate: 1, ka: ka, k: Self.k, t: t)
            for (got, want) in [(tr.phi[1, 0], bolus), (tr.phi[1, 1], exp(-Self.k * t)), (tr.gamma[1, 0], inf),
                                (tr.gamma[1, 1], -expm1(-Self.k * t) / Self.k)] {
                let e = relativeError(got, want)
                worst = max(worst, e)
                #expect(e <= 1e-10, "ka=\(ka) t=\(t): \(got) vs \(want)")
            }
            #expect(tr.phi[0, 1] == 0 && tr.gamma[0, 1] == 0, "structural zeros stay zero")
            #expect(tr.phi[0, 0] >= 0 && tr.phi[0, 0] <= exp(-ka * t) * (1 + 1e-10) + 1e-300)
        }
        print("wide-rate exactness ka=\(ka): max relative error \(worst)")
    }

    @Test("through the event engine: bolus and 2 h infusion into the depot", arguments: [1e6, 1e9, 1e12])
    func engine(ka: Double) throws {
        let cl = Self.k * 50
        let m = Models.oneCompartment(cl: cl, v: 50, ka: ka)
        let cp = try Models.cp(m, [Models.bolus(0, 100)], Self.times)
        for (t, c) in zip(Self.times, cp) {
            let ref = ClosedForm.oral1(doseMg: 100, vL: 50, ka: ka, k: Self.k, t: t)
            #expect(relativeError(c, ref) <= 1e-10, "ka=\(ka) t=\(t): \(c) vs \(ref)")
        }
        let inf = try Models.cp(m, [Models.bolus(0, 40, input: .duration(2))], Self.times)
        for (t, c) in zip(Self.times, inf) {
            let end = Self.infusionIntoDepot(rate: 20, ka: ka, k: Self.k, t: min(t, 2))
            let depot = 20 / ka * -expm1(-ka * min(t, 2))   // depot amount at the end (only matters while infusing)
            var ref = end / 50
            if t > 2 { ref = ClosedForm.oral1(doseMg: depot, vL: 1, ka: ka, k: Self.k, t: t - 2) / 50 + end / 50 * exp(-Self.k * (t - 2)) }
            #expect(relativeError(c, ref) <= 1e-10, "infusion ka=\(ka) t=\(t): \(c) vs \(ref)")
        }
    }

    @Test("a 3-state chain depot → central → metabolite with a fast depot")
    func chain() {
        let ka = 1e12, k1 = 0.3, km = 0.02
        let k = Matrix([[-ka, 0, 0], [ka, -k1, 0], [0, k1, -km]])
        for t in [1.0, 50, 500, 5000] {
            let phi = Transition(rateMatrix: k, dtH: t).phi
            // ka → ∞: central e^{−k1 t}, metabolite k1 (e^{−km t} − e^{−k1 t})/(k1 − km) (Bateman).
            let central = ClosedForm.oral1(doseMg: 1, vL: 1, ka: ka, k: k1, t: t)
            let metabolite = k1 * (exp(-km * t) - exp(-k1 * t)) / (k1 - km)
            #expect(relativeError(phi[1, 0], central) <= 1e-10 || central < 1e-290, "t=\(t)")
            #expect(relativeError(phi[2, 0], metabolite) <= 1e-10, "t=\(t): \(phi[2, 0]) vs \(metabolite)")
        }
    }

    @Test("rates beyond the supported range are a thrown error, not a trap or a wrong number",
          arguments: [1e20, 1e300, Double.infinity])
    func outOfRange(ka: Double) throws {
        var cache = TransitionCache(rateMatrix: Self.rateMatrix(ka: ka, k: 0.1))
        #expect(throws: MatrixExponential.RangeError.self) { _ = try cache.transition(1e4) }
        let e = MatrixExponential.exp(1e4 * Self.rateMatrix(ka: ka, k: 0.1))
        #expect(e.elements.allSatisfy { $0.isNaN })
        // Models refuse rate constants beyond 1e12 /h when they are built, naming the flow.
        let spec = LinearModelSpec(name: "1cmt", parameters: [.init(name: "CL", value: 5), .init(name: "V", value: 50), .init(name: "KA", value: ka)],
                                   compartments: [.init(name: "depot"), .init(name: "central", volume: "V")],
                                   flows: [.init(from: "central", to: nil, rate: "CL/V"), .init(from: "depot", to: "central", rate: "KA")],
                                   outputs: [.init(name: "CP", compartment: "central", scale: 1)])
        #expect(throws: ModelSpecError.self) { let c = try CompiledModel(spec); _ = try c.build(c.defaultParameters) }
    }
}
