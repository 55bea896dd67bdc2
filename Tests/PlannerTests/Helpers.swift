import Foundation
import PKCore
import PKProfiles
@testable import Planner

let catalog = ProtocolCatalog.builtin
let clements = try! ProfileLibrary.load("clements-1981")

func template(_ id: String) -> ProtocolTemplate { catalog.named(id)! }

func date(_ s: String) -> CivilDate { CivilDate.parse(s)! }

/// A request for a built-in protocol with its own profile, 70 kg unless given.
func request(_ id: String, start: String = "2026-12-01", weightKg: Double = 70, _ edit: (inout PlanRequest) -> Void = { _ in }) -> PlanRequest {
    let t = template(id)
    var r = PlanRequest(template: t, profile: try! ProfileLibrary.load(t.profile ?? "clements-1981"), patient: PatientFacts(weightKg: weightKg), start: date(start))
    edit(&r)
    return r
}

func plan(_ id: String, start: String = "2026-12-01", weightKg: Double = 70, _ edit: (inout PlanRequest) -> Void = { _ in }) throws -> Plan {
    try Planner.plan(request(id, start: start, weightKg: weightKg, edit))
}

func dosingDates(_ p: Plan) -> [String] { p.dosingSessions.map(\.date.description) }

func finding(_ p: Plan, _ rule: String) -> Finding? { p.findings.first { $0.rule == rule } }

/// Clements 1981 central-compartment concentration (ng/mL) after a zero-order infusion of `mg` over
/// `tInfH` for a 70 kg adult, from the macro-constant closed form of the two-compartment model
/// (Gibaldi & Perrier): C = Σ A_i/λ_i·(1 − e^{−λ_i t}) during the infusion, and
/// Σ A_i/λ_i·(e^{−λ_i (t − T)} − e^{−λ_i t}) after, with A_i the bolus coefficients per mg/h.
func clementsInfusion(mg: Double, tInfH: Double, weightKg: Double = 70, t: Double) -> Double {
    let v1 = 1.7522 * weightKg, k10 = 0.0109 * 60, k12 = 0.0186 * 60, k21 = 0.0137 * 60
    let s = k10 + k12 + k21
    let disc = (s * s - 4 * k10 * k21).squareRoot()
    let alpha = (s + disc) / 2, beta = (s - disc) / 2
    let rate = mg / tInfH
    let a = rate / v1 * (alpha - k21) / (alpha - beta), b = rate / v1 * (k21 - beta) / (alpha - beta)
    func term(_ c: Double, _ l: Double) -> Double {
        t <= tInfH ? c / l * (1 - exp(-l * t)) : c / l * (exp(-l * (t - tInfH)) - exp(-l * t))
    }
    return 1000 * (term(a, alpha) + term(b, beta))
}
