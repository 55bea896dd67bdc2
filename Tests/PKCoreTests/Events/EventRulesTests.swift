import Foundation
import Testing
import PKCore
import TestSupport

/// Each NONMEM event rule of `EventEngine`, against values computed independently with the
/// closed forms of a 1-compartment model (k = 0.1 /h, V = 50 L; ka = 1 for depot doses).
@Suite("NONMEM event rules")
struct EventRulesTests {
    let k = 0.1, v = 50.0
    var iv: LinearModel { Models.oneCompartment(cl: 5, v: 50) }
    var oral: LinearModel { Models.oneCompartment(cl: 5, v: 50, ka: 1) }

    func obs(_ t: Double) -> EventRecord { EventRecord(timeH: t, action: .observe) }

    func run(_ model: LinearModel, _ records: [EventRecord]) throws -> [Double] {
        var e = EventEngine(models: [model])
        let flat = try e.run(records)
        let n = model.stateCount
        return (0..<records.count).map { model.outputValue(0, Array(flat[($0 * n)..<(($0 + 1) * n)])) }
    }

    @Test("ADDL: doses at T + j·II for j = 0…ADDL")
    func addl() throws {
        let c = try run(iv, [Models.bolus(0, 100, ii: 12, addl: 2), obs(30), obs(40)])
        #expect(isClose(c[1], [30.0, 18, 6].map { ClosedForm.bolus1(doseMg: 100, vL: v, k: k, t: $0) }.reduce(0, +), rtol: 1e-12))
        // No fourth dose at 36 h.
        #expect(isClose(c[2], [40.0, 28, 16].map { ClosedForm.bolus1(doseMg: 100, vL: v, k: k, t: $0) }.reduce(0, +), rtol: 1e-12))
    }

    @Test("a lagged dose that lands on an observation time is applied before it")
    func lagBeforeObservation() throws {
        let c = try run(iv, [Models.bolus(0, 100, lag: 2), obs(1.999), obs(2), obs(3)])
        #expect(c[0] == 0 && c[1] == 0)
        #expect(isClose(c[2], 2, rtol: 1e-14))
        #expect(isClose(c[3], 2 * exp(-k), rtol: 1e-12))
    }

    @Test("F scales the amount: with RATE the duration is F·AMT/RATE; with D the rate is F·AMT/D")
    func bioavailabilityOnInfusions() throws {
        let withRate = try run(iv, [Models.bolus(0, 100, f: 0.5, input: .rate(10)), obs(5), obs(8)])
        #expect(isClose(withRate[1], ClosedForm.infusion1(rateMgPerH: 10, durationH: 5, vL: v, k: k, t: 5), rtol: 1e-12))
        #expect(isClose(withRate[2], ClosedForm.infusion1(rateMgPerH: 10, durationH: 5, vL: v, k: k, t: 8), rtol: 1e-12))
        let withDuration = try run(iv, [Models.bolus(0, 100, f: 0.5, input: .duration(4)), obs(4), obs(8)])
        #expect(isClose(withDuration[1], ClosedForm.infusion1(rateMgPerH: 12.5, durationH: 4, vL: v, k: k, t: 4), rtol: 1e-12))
        #expect(isClose(withDuration[2], ClosedForm.infusion1(rateMgPerH: 12.5, durationH: 4, vL: v, k: k, t: 8), rtol: 1e-12))
    }

    @Test("lag moves an infusion's start, not its duration")
    func laggedInfusion() throws {
        let c = try run(iv, [Models.bolus(0, 20, lag: 1.5, input: .rate(10)), obs(2), obs(5)])
        #expect(isClose(c[1], ClosedForm.infusion1(rateMgPerH: 10, durationH: 2, vL: v, k: k, t: 0.5), rtol: 1e-12))
        #expect(isClose(c[2], ClosedForm.infusion1(rateMgPerH: 10, durationH: 2, vL: v, k: k, t: 3.5), rtol: 1e-12))
    }

    @Test("SS=1 bolus: the record shows the post-dose steady state; the trough follows")
    func steadyStateBolus() throws {
        let c = try run(iv, [Models.bolus(0, 100, ii: 12, ss: .reset), obs(12)])
        let peak = 2 / (1 - exp(-k * 12))
        #expect(isClose(c[0], peak, rtol: 1e-12))
        #expect(isClose(c[1], peak * exp(-k * 12), rtol: 1e-12))   // no further dose without ADDL
    }

    @Test("SS=1 with lag: the state at T is II − lag after a dose; the real dose lands at T + lag")
    func steadyStateLag() throws {
        let c = try run(iv, [Models.bolus(0, 100, lag: 3, ii: 12, ss: .reset), obs(3)])
        let post = 2 / (1 - exp(-k * 12))
        #expect(isClose(c[0], post * exp(-k * 9), rtol: 1e-12))
        #expect(isClose(c[1], post * exp(-k * 12) + 2, rtol: 1e-12))
    }

    /// Steady state by brute superposition of 3000 past infusions (independent of the engine).
    func superposedInfusions(rate: Double, duration: Double, ii: Double, at t: Double) -> Double {
        var c = 0.0
        for j in 0..<3000 {
            let start = -Double(j) * ii
            c += ClosedForm.infusion1(rateMgPerH: rate, durationH: duration, vL: v, k: k, t: t - start)
        }
        return c
    }

    @Test("SS=1 infusions shorter than, equal to, and longer than II (tails keep running)",
          arguments: [(10.0, 2.0), (10.0, 12.0), (12.5, 20.0), (4.0, 30.0)])
    func steadyStateInfusion(rate: Double, duration: Double) throws {
        let ii = 12.0
        let records = [Models.bolus(0, rate * duration, ii: ii, ss: .reset, input: .rate(rate)), obs(0.5), obs(6), obs(13), obs(40)]
        let c = try run(iv, records)
        // After the record (no ADDL), only the record's own infusion and the tails of earlier ones run.
        for (i, t) in [0.0, 0.5, 6, 13, 40].enumerated() {
            let ref = superposedInfusions(rate: rate, duration: duration, ii: ii, at: t)
            #expect(isClose(c[i], ref, rtol: 1e-9), "t=\(t): \(c[i]) vs \(ref)")
        }
    }

    @Test("SS=2 adds the steady state to the current state")
    func steadyStateSuperimpose() throws {
        let c = try run(iv, [Models.bolus(0, 50), Models.bolus(6, 100, ii: 24, ss: .superimpose)])
        #expect(isClose(c[1], ClosedForm.bolus1(doseMg: 50, vL: v, k: k, t: 6) + 2 / (1 - exp(-k * 24)), rtol: 1e-12))
    }

    @Test("SS=1 with AMT 0, RATE > 0, II 0: constant-rate steady state, infusion not continued")
    func constantRate() throws {
        let c = try run(iv, [Models.bolus(0, 0, ss: .reset, input: .rate(10)), obs(5)])
        #expect(isClose(c[0], 10.0 / 5, rtol: 1e-12))           // Css = R/CL
        #expect(isClose(c[1], 2 * exp(-k * 5), rtol: 1e-12))
    }

    @Test("EVID 3 resets and cancels pending doses; EVID 4 resets then doses")
    func resets() throws {
        let c = try run(iv, [Models.bolus(0, 100, ii: 12, addl: 5), EventRecord(timeH: 20, action: .reset), obs(30),
                             EventRecord(timeH: 40, action: .resetAndDose(DoseInstruction(compartment: 0, amountMg: 50))), obs(41)])
        #expect(c[1] == 0 && c[2] == 0)
        #expect(isClose(c[4], ClosedForm.bolus1(doseMg: 50, vL: v, k: k, t: 1), rtol: 1e-12))
    }

    @Test("EVID 2 with a negative CMT empties that compartment")
    func emptyCompartment() throws {
        let m = oral
        var e = EventEngine(models: [m])
        _ = try e.run([Models.bolus(0, 100), EventRecord(timeH: 1, action: .emptyCompartment(0))])
        #expect(e.state[0] == 0)
        let central = ClosedForm.oral1(doseMg: 100, vL: v, ka: 1, k: k, t: 1) * v
        #expect(isClose(e.state[1], central, rtol: 1e-12))
    }

    @Test("NOCB: a record's parameters apply over the interval that ends at it")
    func nocb() throws {
        let fast = Models.oneCompartment(cl: 10, v: 50)   // k = 0.2
        var e = EventEngine(models: [iv, fast])
        let flat = try e.run([Models.bolus(0, 100), EventRecord(timeH: 1, action: .observe, modelIndex: 0),
                              EventRecord(timeH: 3, action: .observe, modelIndex: 1)])
        #expect(isClose(flat[1] / v, 2 * exp(-0.1), rtol: 1e-12))
        #expect(isClose(flat[2] / v, 2 * exp(-0.1) * exp(-0.2 * 2), rtol: 1e-12))
    }

    @Test("an infusion into the depot is an ordinary zero-order input there")
    func infusionIntoDepot() throws {
        var e = EventEngine(models: [oral])
        _ = try e.run([Models.bolus(0, 10, input: .rate(10)), EventRecord(timeH: 0.5, action: .observe)])
        #expect(isClose(e.state[0], 10 * (1 - exp(-0.5)), rtol: 1e-12))   // depot: R/ka·(1 − e^{−ka t})
    }

    @Test("invalid doses are errors naming the field")
    func invalid() {
        for (d, field) in [(DoseInstruction(compartment: 0, amountMg: -1), "AMT"),
                           (DoseInstruction(compartment: 0, amountMg: .nan), "AMT"),
                           (DoseInstruction(compartment: 3, amountMg: 1), "CMT"),
                           (DoseInstruction(compartment: 0, amountMg: 1, additionalDoses: 2), "II"),
                           (DoseInstruction(compartment: 0, amountMg: 1, input: .rate(-2)), "RATE"),
                           (DoseInstruction(compartment: 0, amountMg: 1, steadyState: .reset), "SS")] {
            var e = EventEngine(models: [iv])
            do {
                _ = try e.run([EventRecord(timeH: 0, action: .dose(d))])
                Issue.record("expected an error for \(field)")
            } catch let err as SimulationError {
                #expect(err.message.contains(field), "\(err.message)")
            } catch { Issue.record("\(error)") }
        }
    }
}
