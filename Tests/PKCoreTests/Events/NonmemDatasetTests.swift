import Foundation
import Testing
import PKCore
import TestSupport

@Suite("NONMEM data sets")
struct NonmemDatasetTests {
    static let model: CompiledModel = try! CompiledModel(BuiltinModels.spec(named: "1cmt-oral")!)

    func run(_ csv: String) throws -> NonmemRun.Result {
        try NonmemRun.simulate(try NonmemDataset(parsing: csv), model: NonmemDatasetTests.model)
    }

    @Test("one output row per data row; case-insensitive names; missing columns default to 0; '.' is 0")
    func basics() throws {
        let r = try run("""
        id,Time,evid,AMT,cmt,DV
        1,0,1,100,2,.
        1,1,0,.,2,.
        2,0,1,100,1,.
        2,2,0,0,2,.
        """)
        #expect(r.rows.count == 4)
        // 1cmt-oral defaults: CL 5, V 50, KA 1.
        #expect(isClose(r.rows[1].output, 1000 * ClosedForm.bolus1(doseMg: 100, vL: 50, k: 0.1, t: 1), rtol: 1e-12))
        #expect(isClose(r.rows[3].output, 1000 * ClosedForm.oral1(doseMg: 100, vL: 50, ka: 1, k: 0.1, t: 2), rtol: 1e-12))
        #expect(r.rows[2].id == "2" && r.rows[2].amounts[0] == 100)   // dose rows show the post-dose state
    }

    @Test("a parameter column overrides from its record on, NOCB; F/ALAG/D columns work without model parameters")
    func covariates() throws {
        let r = try run("""
        ID,TIME,EVID,AMT,CMT,RATE,CL,F2,ALAG2,D2
        1,0,1,100,2,-2,5,0.5,1,2
        1,4,0,0,2,0,5,0.5,1,2
        1,6,0,0,2,0,10,0.5,1,2
        """)
        // F2 0.5 → 50 mg over D2 = 2 h starting at ALAG2 = 1 h.
        let at4 = 1000 * ClosedForm.infusion1(rateMgPerH: 25, durationH: 2, vL: 50, k: 0.1, t: 3)
        #expect(isClose(r.rows[1].output, at4, rtol: 1e-12))
        #expect(isClose(r.rows[2].output, at4 * exp(-0.2 * 2), rtol: 1e-12))   // CL = 10 over (4, 6]
    }

    @Test("validation errors name the line and the column", arguments: [
        ("ID,TIME,EVID,AMT,CMT\n1,0,1,-5,1\n", "line 2, column AMT"),
        ("ID,TIME,EVID,AMT,CMT,ADDL\n1,0,1,5,1,3\n", "line 2, column II"),
        ("ID,TIME,EVID,AMT,CMT,SS\n1,0,1,5,1,1\n", "line 2, column II"),
        ("ID,TIME,EVID,AMT,CMT,RATE\n1,0,1,5,2,-2\n", "line 2, column RATE"),
        ("ID,TIME,EVID,AMT,CMT\n1,0,1,5,7\n", "line 2, column CMT"),
        ("ID,TIME,EVID,AMT,CMT\n1,5,0,0,1\n1,2,0,0,1\n", "line 3, column TIME"),
        ("ID,TIME,EVID,AMT,CMT\n1,0,1,abc,1\n", "line 2, column AMT: 'abc' is not a number"),
        ("", "empty file"),
        ("ID,TIME\n", "no data rows"),
        ("ID,AMT\n1,5\n", "no TIME column"),
        ("ID,TIME,EVID\n1,0,7\n", "line 2, column EVID"),
        ("ID,TIME,EVID,AMT\n1,0,1,5,9\n", "line 2: 5 cells but the header has 4"),
        ("ID,TIME,EVID,AMT,RATE\n1,0,1,5,-3\n", "line 2, column RATE"),
        ("ID,TIME,EVID,AMT,CL\n1,0,1,5,x\n", "column CL"),
        ("ID,TIME,EVID,AMT,CMT\n1,0,1,inf,1\n", "not finite"),
        ("ID,TIME,EVID,AMT,CMT\n1,0,0,100,2\n", "line 2, column EVID: an observation (EVID 0) with AMT 100"),
        ("ID,TIME,EVID,AMT,CMT,RATE\n1,0,0,0,2,5\n", "line 2, column EVID: an observation (EVID 0) with RATE 5"),
        ("ID,TIME,AMT,CMT,RATE\n1,0,0,2,5\n", "line 2, column RATE: RATE 5.0 on a record without a dose (no EVID column"),
    ])
    func errors(csv: String, message: String) {
        do {
            _ = try run(csv)
            Issue.record("expected an error containing '\(message)'")
        } catch let e as DataError {
            #expect(e.message.contains(message), "\(e.message)")
        } catch { Issue.record("unexpected error \(error)") }
    }

    @Test("time may restart on a reset record, and comment rows are skipped")
    func resetTimeAndComments() throws {
        let r = try run("""
        C,ID,TIME,EVID,AMT,CMT
        .,1,0,1,100,2
        C,1,1,0,0,2
        .,1,5,0,0,2
        .,1,0,4,100,2
        .,1,1,0,0,2
        """)
        #expect(r.rows.count == 4)
        #expect(isClose(r.rows[3].output, 1000 * ClosedForm.bolus1(doseMg: 100, vL: 50, k: 0.1, t: 1), rtol: 1e-12))
    }
}
