import Foundation
import Testing
import PKCore
import TestSupport
@testable import KetasimCLI

/// The terminal half-life is a property of the patient's model (ln 2 / |slowest disposition
/// eigenvalue|), not a slope fitted to the end of the simulated window.
@Suite("Terminal half-life")
struct TerminalHalfLifeTests {
    func halfLife(_ args: [String]) throws -> Double {
        let c = Captured()
        let code = Ketasim.run(args + ["--format", "json"], console: c.console)
        #expect(code == 0, "\(c.err)")
        let obj = try JSONSerialization.jsonObject(with: Data(c.out.utf8)) as! [String: Any]
        let metrics = (obj["arms"] as! [[String: Any]])[0]["metrics"] as! [String: Any]
        return metrics["terminalHalfLifeH"] as! Double
    }

    @Test("IV 0.5 mg/kg on clements-1981: the same for --duration 90min and 24h, and ln 2 / beta of the published micro-constants")
    func windowIndependent() throws {
        let short = try halfLife(["simulate", "--route", "iv", "--dose", "0.5mg/kg", "--duration", "90min"])
        let long = try halfLife(["simulate", "--route", "iv", "--dose", "0.5mg/kg", "--duration", "24h"])
        // Clements 1981 micro-constants (1/min): k10 0.0109, k12 0.0186, k21 0.0137. The 2-compartment
        // disposition exponents are the roots of λ² − (k10 + k12 + k21)λ + k10·k21 = 0; β the smaller.
        let k10 = 0.0109 * 60, k12 = 0.0186 * 60, k21 = 0.0137 * 60
        let s = k10 + k12 + k21
        let beta = (s - (s * s - 4 * k10 * k21).squareRoot()) / 2
        #expect(isClose(short, log(2) / beta, rtol: 1e-10))
        #expect(isClose(long, log(2) / beta, rtol: 1e-10))
        #expect(short == long)
        // Oral dosing does not change the disposition: same half-life (the depot is not part of it).
        let po = try halfLife(["simulate", "--route", "po", "--dose", "1mg/kg", "--duration", "3h"])
        #expect(isClose(po, log(2) / beta, rtol: 1e-10))
    }

    @Test("the table labels it 'terminal t1/2'")
    func label() {
        let r = ketasim("simulate", "--route", "iv", "--dose", "0.5mg/kg")
        #expect(r.out.contains("terminal t1/2"))
    }
}
