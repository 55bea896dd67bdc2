import Foundation
import Testing
import PKCore
import TestSupport

@Suite("Text models on the event engine")
struct TextModelTests {
    static let k6mm = try! SharedData.k6mmModel()

    /// Individual K6-MM parameters of a subject of ../shared/bench/subjects.csv (WORKLOADS.md, W3).
    static func w3Parameters(_ tm: TextModel, wt: Double, eta: [Double]) -> [Double] {
        var p = tm.defaultParameters
        func set(_ n: String, _ v: Double) { p[tm.parameterNames.firstIndex(of: n)!] = v }
        let w = wt / 70, a = pow(w, 0.75)
        set("VMAX", 400 * a * exp(eta[0])); set("V1", 20 * w * exp(eta[1])); set("Q2", 120 * a * exp(eta[2]))
        set("V2", 60 * w * exp(eta[3])); set("KA", 8 * exp(eta[4])); set("Q3", 30 * a); set("V3", 150 * w)
        set("CLm", 25 * a); set("Vm", 120 * w)
        return p
    }

    @Test("K6 with Michaelis–Menten elimination matches the Radau reference (W3 subject 1) to 1e-5 where Cp > 1 ng/mL",
          .enabled(if: SharedData.shouldRun(SharedData.file("bench/peers/reference_w3_subject1.csv"), SharedData.file("bench/subjects.csv"))))
    func k6mmReference() throws {
        let subject = try String(contentsOf: try #require(SharedData.file("bench/subjects.csv"), "../shared/bench/subjects.csv is missing"), encoding: .utf8)
            .split(separator: "\n")[1].split(separator: ",").map { Double($0)! }
        let tm = try TextModel(source: TextModelTests.k6mm, options: ODEOptions(rtol: 1e-6, atol: 1e-9))
        let p = TextModelTests.w3Parameters(tm, wt: subject[1], eta: Array(subject[2...6]))
        let ref = try SharedData.csvRows(try #require(SharedData.file("bench/peers/reference_w3_subject1.csv"), "../shared/bench/peers/reference_w3_subject1.csv is missing")).map { ($0[0], Double($0[1])!) }
        var records: [EventRecord] = []
        let dose = 0.5 * subject[1] * 0.93
        var d = 0
        for (k, (_, _)) in ref.enumerated() {
            let t = Double(k) / 12
            if d < 6 && abs(t - 84 * Double(d)) < 1e-9 {
                records.append(EventRecord(timeH: t, action: .dose(DoseInstruction(compartment: 0, amountMg: dose))))
                d += 1
            }
            records.append(EventRecord(timeH: t, action: .observe))
        }
        let made = try tm.makeEngine(parameterSets: [p])
        #expect(made.solver.hasPrefix("ODE"))
        var engine = made.engine
        let flat = try engine.run(records)
        let n = tm.compartmentNames.count
        var worst = 0.0, k = 0
        for (i, r) in records.enumerated() {
            guard case .observe = r.action else { continue }
            let cp = made.output(0, Array(flat[(i * n)..<((i + 1) * n)]), r.timeH)
            let refCp = ref[k].1
            if refCp > 1 { worst = max(worst, abs(cp - refCp) / refCp) }
            k += 1
        }
        #expect(k == ref.count)
        #expect(worst <= 1e-5, "max relative error \(worst)")
    }

    static let linearSource = """
    [parameters]
    CL = 5 [L/h]
    V = 50 [L]
    KA = 1.2 [1/h]
    [odes]
    d/dt(depot) = -KA * depot
    d/dt(central) = KA * depot - CL / V * central
    [outputs]
    CP = 1000 * central / V
    """

    static let data = """
    ID,TIME,EVID,AMT,CMT,II,ADDL,CL
    1,0,1,100,1,12,2,5
    1,1,0,0,2,0,0,5
    1,6,0,0,2,0,0,5
    1,13,0,0,2,0,0,8
    1,30,0,0,2,0,0,8
    """

    @Test("a linear text model runs on the exact path and equals the JSON-spec model")
    func linearRoutedToExact() throws {
        let ds = try NonmemDataset(parsing: TextModelTests.data)
        let text = try NonmemRun.simulate(ds, model: try TextModel(source: TextModelTests.linearSource))
        #expect(text.solver.hasPrefix("exact"))
        var spec = BuiltinModels.spec(named: "1cmt-oral")!
        spec.parameters = [.init(name: "CL", value: 5), .init(name: "V", value: 50), .init(name: "KA", value: 1.2)]
        let json = try NonmemRun.simulate(ds, model: try CompiledModel(spec))
        #expect(text.rows.count == 5 && json.rows.count == 5)
        for (a, b) in zip(text.rows, json.rows) { #expect(isClose(a.output, b.output, rtol: 1e-12, atol: 1e-12)) }
        // Both against an independent propagation: depot → central in closed form between events
        // (A_d ← A_d·e^{−ka·h}; A_c ← A_c·e^{−k·h} + A_d·ka·(e^{−k·h} − e^{−ka·h})/(ka − k)), 100 mg into the
        // depot at 0, 12 and 24 h (ADDL 2); k = CL/V = 0.1 /h up to 6 h, then 0.16 /h (CL 8 from the record
        // at 13 h, NOCB: it holds over (6, 13]).
        var depot = 0.0, central = 0.0, now = 0.0
        func advance(to t: Double, k: Double) {
            let h = t - now, ka = 1.2
            central = central * exp(-k * h) + depot * ka * (exp(-k * h) - exp(-ka * h)) / (ka - k)
            depot *= exp(-ka * h)
            now = t
        }
        depot += 100
        var expected = [1000 * central / 50]
        advance(to: 1, k: 0.1); expected.append(1000 * central / 50)
        advance(to: 6, k: 0.1); expected.append(1000 * central / 50)
        advance(to: 12, k: 0.16); depot += 100
        advance(to: 13, k: 0.16); expected.append(1000 * central / 50)
        advance(to: 24, k: 0.16); depot += 100
        advance(to: 30, k: 0.16); expected.append(1000 * central / 50)
        for (row, want) in zip(text.rows, expected) {
            #expect(isClose(row.output, want, rtol: 1e-12, atol: 1e-12), "t=\(row.timeH): \(row.output) vs \(want)")
        }
    }

    @Test("forced onto the ODE path, the same model agrees with the exact one within the tolerance", arguments: [ODEMethod.dormandPrince54, .rodas4, .automatic])
    func odeAgreesWithExact(method: ODEMethod) throws {
        let ds = try NonmemDataset(parsing: TextModelTests.data)
        let exact = try NonmemRun.simulate(ds, model: try TextModel(source: TextModelTests.linearSource))
        let ode = try NonmemRun.simulate(ds, model: try TextModel(source: TextModelTests.linearSource,
                                                                  options: ODEOptions(rtol: 1e-8, atol: 1e-12, method: method), forceODE: true))
        #expect(ode.solver.hasPrefix("ODE"))
        for (a, b) in zip(ode.rows, exact.rows) where b.output > 1 {
            #expect(isClose(a.output, b.output, rtol: 1e-6), "t=\(a.timeH): \(a.output) vs \(b.output)")
        }
    }

    @Test("steady state on a nonlinear model is an error naming SS; parse errors carry line and column")
    func errors() throws {
        let tm = try TextModel(source: TextModelTests.k6mm)
        let ds = try NonmemDataset(parsing: "ID,TIME,EVID,AMT,CMT,SS,II\n1,0,1,10,1,1,12\n")
        #expect(throws: DataError.self) { try NonmemRun.simulate(ds, model: tm) }
        do { _ = try NonmemRun.simulate(ds, model: tm) } catch { #expect("\(error)".contains("SS")) }
        do {
            _ = try TextModel(source: "[odes]\nd/dt(x) = -k * x $\n")
            Issue.record("expected a parse error")
        } catch let e as ModelSpecError {
            #expect(e.message.contains("line 2"), "\(e.message)")
        }
    }
}
