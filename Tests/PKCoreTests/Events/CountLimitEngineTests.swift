import Testing
import PKCore
import TestSupport

@Suite("Engine count limits")
struct CountLimitEngineTests {
    @Test("ADDL beyond the limit and a steady-state lag spanning too many intervals are errors, not long runs")
    func addl() throws {
        let m = Models.oneCompartment(cl: 5, v: 50)
        let many = EventRecord(timeH: 0, action: .dose(DoseInstruction(compartment: 0, amountMg: 1, intervalH: 1e-6, additionalDoses: 2_000_000)))
        #expect(throws: SimulationError("ADDL: 2000000 exceeds the limit of 1000000")) { _ = try Models.cp(m, [many], [1]) }
        let ok = EventRecord(timeH: 0, action: .dose(DoseInstruction(compartment: 0, amountMg: 1, intervalH: 1, additionalDoses: 1_000_000)))
        // At the limit it runs, and right: 1 mg every hour into V 50 L, k 0.1 /h, seen at 1 h, is the
        // dose at 0 decayed for 1 h plus the dose at 1 h (doses at an observation time come first).
        let c = try Models.cp(m, [ok], [1])
        #expect(isClose(c[0], ClosedForm.bolus1(doseMg: 1, vL: 50, k: 0.1, t: 1) + 1.0 / 50, rtol: 1e-12), "\(c)")
    }
}
