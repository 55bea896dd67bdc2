import Testing
import PKCore

@Suite("Engine count limits")
struct CountLimitEngineTests {
    @Test("ADDL beyond the limit and a steady-state lag spanning too many intervals are errors, not long runs")
    func addl() throws {
        let m = Models.oneCompartment(cl: 5, v: 50)
        let many = EventRecord(timeH: 0, action: .dose(DoseInstruction(compartment: 0, amountMg: 1, intervalH: 1e-6, additionalDoses: 2_000_000)))
        #expect(throws: SimulationError("ADDL: 2000000 exceeds the limit of 1000000")) { _ = try Models.cp(m, [many], [1]) }
        let ok = EventRecord(timeH: 0, action: .dose(DoseInstruction(compartment: 0, amountMg: 1, intervalH: 1, additionalDoses: 1_000_000)))
        _ = try Models.cp(m, [ok], [1])
    }
}
