#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import PKCore
import TestSupport

/// Guard for NONMEM data sets on the lane kernel (`DatasetSubjectSimulator.simulateLanes`): on
/// random eligible data sets and random subject parameters, the curve at the observation records
/// and the grid metrics must equal `NonmemRun`'s (the event engine, run per subject) to 1e-9
/// relative; data sets the kernel cannot express must decline the lanes and still run.
struct DatasetLaneTests {
    /// Depot → central ↔ peripheral, elimination from central; F1 and ALAG1 on the depot, the
    /// modelled rate R2 and duration D2 on the central compartment. `lag`: ALAG1 is a parameter.
    static func model(lag: Bool) throws -> CompiledModel {
        var params: [LinearModelSpec.Parameter] = [
            .init(name: "CL", value: 10), .init(name: "V", value: 50), .init(name: "Q", value: 5), .init(name: "V2", value: 80),
            .init(name: "KA", value: 1.5), .init(name: "F1", value: 0.8), .init(name: "R2", value: 20), .init(name: "D2", value: 0.75),
        ]
        if lag { params.append(.init(name: "ALAG1", value: 0.4)) }
        let spec = LinearModelSpec(
            name: "3cmt", parameters: params,
            compartments: [.init(name: "depot"), .init(name: "central", volume: "V"), .init(name: "periph", volume: "V2")],
            flows: [.init(from: "depot", to: "central", rate: "KA"), .init(from: "central", to: nil, rate: "CL/V"),
                    .init(from: "central", to: "periph", rate: "Q/V"), .init(from: "periph", to: "central", rate: "Q/V2")],
            outputs: [.init(name: "CP", compartment: "central")])
        return try CompiledModel(spec)
    }

    static let options = MetricOptions(bandLow: 50, bandHigh: 400, windowStartH: 1, windowEndH: 30, dischargeLevel: 20)

    /// Random subject parameters around the model's values (every parameter log-normal, F1 ≤ 1).
    static func parameters(_ m: CompiledModel, _ rng: inout SplitMix64) -> [Double] {
        m.parameterNames.enumerated().map { i, name in
            let v = m.defaultParameters[i] * exp(0.4 * rng.normal())
            return name == "F1" ? Swift.min(v, 1) : v
        }
    }

    /// A random data set of one individual: boluses into the depot or the central compartment,
    /// infusions by RATE, by modelled rate (−1) and duration (−2), ADDL/II, observations between
    /// doses and at dose times (after the dose record), an optional pre-dose observation at time
    /// 0, EVID 2 records and an optional F2 data column.
    static func dataSet(_ rng: inout SplitMix64) -> String {
        let f2Column = rng.below(3) == 0
        var lines = ["ID,TIME,EVID,AMT,CMT,RATE,II,ADDL,SS,MDV" + (f2Column ? ",F2" : "")]
        func row(_ t: Double, _ evid: Int, _ amt: Double = 0, _ cmt: Int = 0, _ rate: Double = 0, _ ii: Double = 0, _ addl: Int = 0) {
            lines.append("1,\(t),\(evid),\(amt),\(cmt),\(rate),\(ii),\(addl),0,\(evid == 0 ? 0 : 1)"
                         + (f2Column ? ",\(rng.uniform(0.6, 1))" : ""))
        }
        if rng.below(2) == 0 { row(0, 0) }   // pre-dose observation
        var t = 0.0
        let doses = 1 + rng.below(4)
        for _ in 0..<doses {
            switch rng.below(5) {
            case 0: row(t, 1, rng.uniform(10, 200), 1)
            case 1: row(t, 1, rng.uniform(10, 200), 2)
            case 2: row(t, 1, rng.uniform(10, 200), 2, rng.uniform(20, 400))
            case 3: row(t, 1, rng.uniform(10, 100), 2, -1)
            default: row(t, 1, rng.uniform(10, 100), 2, -2)
            }
            let gap = rng.uniform(2, 14)
            // Records after the dose, in time order: observations (one at a repeat's time), EVID 2.
            var later: [(t: Double, evid: Int)] = (0..<(2 + rng.below(6))).map { _ in (t + rng.uniform(0, gap), 0) }
            if rng.below(3) == 0 {   // additional doses: the dose record repeated every II
                var cells = lines.removeLast().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                let ii = rng.pick([rng.uniform(1, 8), 4.0, 6.0])
                cells[6] = "\(ii)"
                cells[7] = "\(1 + rng.below(3))"
                lines.append(cells.joined(separator: ","))
                later.append((t + ii, 0))
            }
            if rng.below(2) == 0 { row(t, 0) }   // observation at the dose time, after it
            if rng.below(4) == 0 { later.append((t + rng.uniform(0, 2), 2)) }
            later.sort { $0.t < $1.t }
            for r in later { row(r.t, r.evid) }
            if rng.below(4) == 0, let last = later.last(where: { $0.evid == 0 }) { row(Swift.max(last.t, later.last!.t), 0) }   // a repeated time
            t = (Swift.max(later.last!.t, t + gap)).rounded(.down) + 1
        }
        row(t + rng.uniform(0, 10), 0)
        return lines.joined(separator: "\n") + "\n"
    }

    static func subjects(_ count: Int) -> [Subject] {
        (0..<count).map { Subject(index: $0, id: "\($0 + 1)", covariates: [], etas: []) }
    }

    /// |a − b| ≤ 1e-9·max(|a|, |b|, floor); NaN equals NaN.
    static func close(_ a: Double, _ b: Double, floor: Double) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        return abs(a - b) <= 1e-9 * Swift.max(abs(a), abs(b), floor)
    }

    /// The same digits (NaN equal to NaN).
    static func same(_ a: SubjectMetrics, _ b: SubjectMetrics) -> Bool {
        a.values.map(\.bitPattern) == b.values.map(\.bitPattern)
    }

    /// Lane results against `NonmemRun` per subject: curve and metrics.
    static func expectEqual(_ lanes: [SubjectResult], _ sim: DatasetSubjectSimulator, _ params: [[Double]], _ text: String) throws {
        for (k, p) in params.enumerated() {
            let run = try NonmemRun.simulate(sim.data, model: try sim.model.withDefaults(p))
            let reference = run.rows.filter { $0.evid == 0 }.map(\.output)
            let lane = lanes[k]
            #expect(lane.curve.count == reference.count)
            let peak = reference.map(abs).max() ?? 0
            for (a, b) in zip(lane.curve, reference) where !close(a, b, floor: 1e-12 * peak) {
                Issue.record("curve \(a) vs NonmemRun \(b) (subject \(k))\n\(text)")
                break
            }
            let m = lane.metrics, e = GridMetrics.metrics(timesH: sim.timesH, values: reference, options: options)
            #expect(close(m.cmax, e.cmax, floor: 1e-12 * peak) && close(m.auc, e.auc, floor: 1e-12 * peak), "cmax/auc\n\(text)")
            // Tmax: the first grid maximum, so a near tie may name another point with the same value.
            #expect(sim.timesH.indices.contains { sim.timesH[$0] == m.tmaxH && close(reference[$0], e.cmax, floor: 1e-12 * peak) },
                    "tmax \(m.tmaxH) vs \(e.tmaxH)\n\(text)")
            #expect(close(m.hoursInBand, e.hoursInBand, floor: 1) && close(m.dischargeH, e.dischargeH, floor: 1),
                    "band \(m.hoursInBand) vs \(e.hoursInBand), discharge \(m.dischargeH) vs \(e.dischargeH)\n\(text)")
        }
    }

    @Test("random eligible data sets on the lanes equal NonmemRun per subject (curve and grid metrics, 1e-9 relative), in any group")
    func lanesMatchNonmemRun() throws {
        var rng = SplitMix64(state: 20261213)
        var laneGroups = 0
        for round in 0..<60 {
            let model = try Self.model(lag: round % 3 == 2)
            let text = Self.dataSet(&rng)
            let sim = try DatasetSubjectSimulator(data: try NonmemDataset(parsing: text), model: model, options: Self.options)
            let params = (0..<Lanes.scalarCount).map { _ in Self.parameters(model, &rng) }
            let lanes = try #require(sim.simulateLanes(Self.subjects(params.count), parameters: params, wantCurve: true),
                                     "an eligible data set declined the lanes:\n\(text)")
            laneGroups += 1
            try Self.expectEqual(lanes, sim, params, text)
            // Per-lane independence: each subject alone gives the same digits as in the group.
            for (k, p) in params.enumerated() {
                let alone = try #require(sim.simulateLanes([Self.subjects(1)[0]], parameters: [p], wantCurve: true))
                #expect(alone[0].curve == lanes[k].curve && Self.same(alone[0].metrics, lanes[k].metrics), "subject \(k) alone\n\(text)")
            }
            // Without the curve: the same metrics.
            let bare = try #require(sim.simulateLanes(Self.subjects(params.count), parameters: params, wantCurve: false))
            #expect(bare.allSatisfy { $0.curve.isEmpty } && zip(bare, lanes).allSatisfy { Self.same($0.metrics, $1.metrics) })
        }
        #expect(laneGroups == 60)
    }

    @Test("a pre-dose observation at the first dose time is the empty state on the lanes, as in NonmemRun")
    func preDoseObservationIsZero() throws {
        let text = """
            ID,TIME,EVID,AMT,CMT,RATE
            1,0,0,0,0,0
            1,0,1,100,2,0
            1,0,0,0,0,0
            1,1,0,0,0,0
            1,4,0,0,0,0
            """
        let model = try Self.model(lag: false)
        let sim = try DatasetSubjectSimulator(data: try NonmemDataset(parsing: text), model: model, options: Self.options)
        var rng = SplitMix64(state: 3)
        let params = (0..<3).map { _ in Self.parameters(model, &rng) }
        let lanes = try #require(sim.simulateLanes(Self.subjects(3), parameters: params, wantCurve: true))
        for (k, p) in params.enumerated() {
            #expect(lanes[k].curve[0] == 0)
            // A 100 mg bolus into V: 100/V mg/L = 100000/V ng/mL right after it.
            #expect(isClose(lanes[k].curve[1], 100_000 / p[1], rtol: 1e-12))
        }
        try Self.expectEqual(lanes, sim, params, text)
    }

    @Test("data sets the lanes cannot express (reset, SS, parameter column, observation before a same-time dose) decline them and still run as NonmemRun")
    func ineligibleDataSetsFallBack() throws {
        let header = "ID,TIME,EVID,AMT,CMT,RATE,II,ADDL,SS"
        let cases: [(String, String)] = [
            ("reset", "1,0,1,100,2,0,0,0,0\n1,1,0,0,0,0,0,0,0\n1,2,3,0,0,0,0,0,0\n1,3,1,50,1,0,0,0,0\n1,5,0,0,0,0,0,0,0"),
            ("reset and dose", "1,0,1,100,2,0,0,0,0\n1,1,0,0,0,0,0,0,0\n1,2,4,50,1,0,0,0,0\n1,5,0,0,0,0,0,0,0"),
            ("steady state", "1,0,1,100,1,0,12,0,1\n1,1,0,0,0,0,0,0,0\n1,6,0,0,0,0,0,0,0"),
            ("emptied compartment", "1,0,1,100,1,0,0,0,0\n1,1,0,0,0,0,0,0,0\n1,2,2,0,-1,0,0,0,0\n1,6,0,0,0,0,0,0,0"),
            ("observation before a same-time dose", "1,0,1,100,2,0,0,0,0\n1,4,0,0,0,0,0,0,0\n1,4,1,80,2,0,0,0,0\n1,8,0,0,0,0,0,0,0"),
        ]
        let model = try Self.model(lag: false)
        var rng = SplitMix64(state: 5)
        var all = cases.map { ($0.0, header + "\n" + $0.1 + "\n") }
        all.append(("parameter column", header + ",CL\n1,0,1,100,2,0,0,0,0,8\n1,1,0,0,0,0,0,0,0,8\n1,3,0,0,0,0,0,0,0,12\n1,6,0,0,0,0,0,0,0,12\n"))
        for (name, text) in all {
            let sim = try DatasetSubjectSimulator(data: try NonmemDataset(parsing: text), model: model, options: Self.options)
            let params = (0..<Lanes.scalarCount).map { _ in Self.parameters(model, &rng) }
            #expect(sim.simulateLanes(Self.subjects(params.count), parameters: params, wantCurve: true) == nil, "\(name) ran on the lanes")
            #expect(sim.simulateLanes(Self.subjects(1), parameters: [params[0]], wantCurve: true) == nil, "\(name) ran on the lanes alone")
            // What a population run then does: each subject through `simulate` (NonmemRun).
            let results = try params.map { try sim.simulate(Self.subjects(1)[0], parameters: $0, wantCurve: true) }
            for (k, p) in params.enumerated() {
                let run = try NonmemRun.simulate(sim.data, model: try sim.model.withDefaults(p))
                #expect(results[k].curve == run.rows.filter { $0.evid == 0 }.map(\.output), "\(name)")
            }
        }
    }

    @Test("dose records after the last observation: left out on the lanes when valid, and a subject NonmemRun rejects is declined")
    func trailingDoseRecords() throws {
        let model = try Self.model(lag: false)
        var rng = SplitMix64(state: 9)
        let params = (0..<Lanes.scalarCount).map { _ in Self.parameters(model, &rng) }
        let valid = "ID,TIME,EVID,AMT,CMT,RATE\n1,0,1,100,1,0\n1,1,0,0,0,0\n1,5,0,0,0,0\n1,5,1,50,2,0\n1,9,1,50,2,-2\n"
        let sim = try DatasetSubjectSimulator(data: try NonmemDataset(parsing: valid), model: model, options: Self.options)
        let lanes = try #require(sim.simulateLanes(Self.subjects(params.count), parameters: params, wantCurve: true))
        try Self.expectEqual(lanes, sim, params, valid)
        // RATE −1 into the depot, which has no modelled rate R1: NonmemRun names the line.
        let invalid = "ID,TIME,EVID,AMT,CMT,RATE\n1,0,1,100,1,0\n1,1,0,0,0,0\n1,5,0,0,0,0\n1,9,1,50,1,-1\n"
        let bad = try DatasetSubjectSimulator(data: try NonmemDataset(parsing: invalid), model: model, options: Self.options)
        #expect(bad.simulateLanes(Self.subjects(params.count), parameters: params, wantCurve: true) == nil)
        #expect(throws: DataError.self) { try bad.simulate(Self.subjects(1)[0], parameters: params[0], wantCurve: true) }
    }

    @Test("useLanes false keeps every subject on NonmemRun")
    func lanesOff() throws {
        var sim = try DatasetSubjectSimulator(data: try NonmemDataset(parsing: "ID,TIME,EVID,AMT,CMT\n1,0,1,100,2\n1,1,0,0,0\n1,2,0,0,0\n"),
                                              model: try Self.model(lag: false), options: Self.options)
        #expect(sim.simulateLanes(Self.subjects(1), parameters: [sim.model.defaultParameters], wantCurve: true) != nil)
        sim.useLanes = false
        #expect(sim.simulateLanes(Self.subjects(1), parameters: [sim.model.defaultParameters], wantCurve: true) == nil)
    }
}

extension CompiledModel {
    /// The model with `p` as its parameter values (an independent route to `NonmemRun`: the
    /// spec's own values, not the simulator's individual wrapper).
    fileprivate func withDefaults(_ p: [Double]) throws -> CompiledModel {
        var s = spec
        for i in s.parameters.indices { s.parameters[i].value = p[i] }
        return try CompiledModel(s)
    }
}
