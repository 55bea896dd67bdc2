import Foundation
import Testing
@testable import PKCore
import TestSupport

/// Regressions found in review: each test failed before its fix.
@Suite("Review regressions (core)")
struct ReviewRegressionTests {
    @Test("a bolus that lifts the curve across a level at a knot counts as a crossing (band time, discharge)")
    func jumpCrossing() throws {
        // 1-cmt, k = 0.1: 100 mg every 6 h → C = 2 mg/L after dose 1, trough 2e^{-0.6} = 1.0976 before dose 2.
        let m = Models.oneCompartment(cl: 5, v: 50)
        let res = try Simulator.simulate(model: m, records: [Models.bolus(0, 100, ii: 6, addl: 1)], timesH: try Simulator.grid(endH: 48, stepH: 1))
        let a = CurveAnalysis(trajectory: res.trajectory, output: 0)
        let level = 1.5
        let c2 = 2 + 2 * exp(-0.6)                       // just after dose 2
        let firstEnd = log(2 / level) / 0.1               // below 1.5 at 2.877 h
        let secondEnd = 6 + log(c2 / level) / 0.1         // and again after dose 2
        #expect(isClose(a.hoursAtOrAbove(level), firstEnd + (secondEnd - 6), rtol: 1e-10))
        #expect(isClose(a.timeBelowForGood(level)!, secondEnd, rtol: 1e-10))
    }

    @Test("an absurdly fine grid is an error, not a trap")
    func fineGrid() {
        #expect(throws: SimulationError.self) { try Simulator.grid(endH: 1, stepH: 1e-18) }
    }

    @Test("with several models, observations take the next record's model (NOCB), and outputs its scale")
    func multiModel() throws {
        let m0 = Models.oneCompartment(cl: 5, v: 50), m1 = Models.oneCompartment(cl: 10, v: 50)
        let records = [Models.bolus(0, 100), EventRecord(timeH: 10, action: .other, modelIndex: 1)]
        let r = try Simulator.simulate(models: [m0, m1], records: records, timesH: [2, 10])
        // Over (0, 10] the model is m1 (the record at 10 carries it): k = 0.2.
        #expect(isClose(r.series("CP")![0], 2 * exp(-0.2 * 2), rtol: 1e-12))
        #expect(isClose(r.series("CP")![1], 2 * exp(-0.2 * 10), rtol: 1e-12))
        #expect(throws: SimulationError.self) { try Simulator.simulate(model: m0, records: [Models.bolus(0, 1, cmt: 5)], timesH: [1]) }
    }

    @Test("ADDL = 1,000,000 runs at once: additional doses are scheduled one at a time")
    func hugeADDL() throws {
        let data = try NonmemDataset(parsing: "ID,TIME,EVID,AMT,CMT,II,ADDL\n1,0,1,100,1,1,1000000\n1,10.5,0,0,1,0,0\n")
        let r = try NonmemRun.simulate(data, model: try CompiledModel(BuiltinModels.spec(named: "1cmt-iv")!))
        let ref = (0...10).map { 1000 * ClosedForm.bolus1(doseMg: 100, vL: 50, k: 0.1, t: 10.5 - Double($0)) }.reduce(0, +)
        #expect(isClose(r.rows[1].output, ref, rtol: 1e-12))
    }

    @Test("'#' comment rows of any length are skipped, a '#ID' header is read, and a bad parameter names its own line")
    func dataSetDetails() throws {
        let data = try NonmemDataset(parsing: "#ID,TIME,EVID,AMT,CMT\n1,0,1,100,1\n# dose changed on the ward\n1,1,0,0,1\n")
        #expect(data.rows.count == 2 && data.rows[1].timeH == 1)
        let bad = try NonmemDataset(parsing: "ID,TIME,EVID,AMT,CMT,V\n1,0,1,100,1,50\n1,1,0,0,1,50\n1,2,0,0,1,0\n")
        do {
            _ = try NonmemRun.simulate(bad, model: try CompiledModel(BuiltinModels.spec(named: "1cmt-iv")!))
            Issue.record("expected an error")
        } catch let e as DataError {
            #expect(e.message.hasPrefix("line 4"), "\(e.message)")
        }
    }
}
