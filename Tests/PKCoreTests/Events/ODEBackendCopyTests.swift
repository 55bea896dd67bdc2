import Foundation
import Testing
@testable import PKCore

/// Copies of an ODE backend (e.g. an `EventEngine` handed to another thread) must not evaluate the
/// model into shared registers: each copy takes its own on its first integration.
@Suite("ODE backend copies own their registers")
struct ODEBackendCopyTests {
    @Test("a copied backend integrates into its own registers, and both copies give the same state as one alone")
    func copyOnWrite() throws {
        let tm = try TextModel(source: TextModelTests.k6mm, options: ODEOptions(rtol: 1e-8, atol: 1e-12))
        let p = tm.defaultParameters
        var a = ODEBackend(program: tm.program, parameterSets: [p], options: tm.options)
        var b = a
        #expect(a.box === b.box, "copies share the registers until one integrates")
        var xa = [Double](repeating: 0, count: tm.program.stateCount), xb = xa
        xa[0] = 35; xb[0] = 35
        _ = try b.integrate(&xb, from: 0, to: 2, rates: nil, model: 0)
        #expect(a.box !== b.box, "the integrating copy took its own registers")
        _ = try a.integrate(&xa, from: 0, to: 2, rates: nil, model: 0)
        #expect(xa == xb)
        // A fresh backend alone gives the same state (the registers carry nothing between calls).
        var c = ODEBackend(program: tm.program, parameterSets: [p], options: tm.options)
        var xc = [Double](repeating: 0, count: tm.program.stateCount)
        xc[0] = 35
        _ = try c.integrate(&xc, from: 0, to: 2, rates: nil, model: 0)
        #expect(xc == xa && xc[1] > 0)
    }
}
