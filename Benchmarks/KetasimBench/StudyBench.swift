import Foundation
import KetasimWorkloads
import PKCore
import PKProfiles
import Studies

/// Figures that run through `PopulationStudy`, the API `ketasim batch` uses (issue 13).
enum StudyBench {
    /// `Benchmarks/k6.profile.json` next to this source folder.
    static var k6ProfilePath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("k6.profile.json").path
    }

    /// A sink like `batch --per-subject FILE`: every subject's metrics formatted as a CSV row on
    /// the workers, written in order (here to /dev/null).
    struct NullFileSink: PopulationSink {
        let handle: FileHandle
        func format(_ subjects: [PopulationSubject]) -> String {
            var rows = ""
            rows.reserveCapacity(subjects.count * 96)
            for s in subjects {
                rows += s.subject.id
                // Each number written in place, as `batch --per-subject` writes its rows.
                for v in s.result.metrics.values {
                    rows += ","
                    if !v.isNaN { v.write(to: &rows) }
                }
                rows += "\n"
            }
            return rows
        }
        func emit(_ chunk: String, subjectsDone: Int) throws { handle.write(Data(chunk.utf8)) }
        /// Rows of metrics only, as `batch --per-subject FILE` without `--curves`.
        var needsCurves: Bool { false }
    }

    /// The W2 course (6 IM doses of 0.5 mg/kg every 84 h, 504 h, 5-min grid) with K6 as a profile,
    /// the shared subjects, the batch defaults for band, window and discharge, summary only.
    static func w2Study(_ subs: [BenchSubject], threads: Int) throws -> (PopulationAccumulator, PopulationStudy) {
        let pm = try ProfileLibrary.load(k6ProfilePath)
        let n = subs.count
        let etaColumn: [String: [Double]] = [
            "ETA_CL": subs.map(\.etaCL), "ETA_V1": subs.map(\.etaV1), "ETA_Q2": subs.map(\.etaQ2),
            "ETA_V2": subs.map(\.etaV2), "ETA_KA": subs.map(\.etaKA),
        ]
        let generator = SubjectGenerator(rng: CounterRNG(seed: 1), covariates: [.column(subs.map(\.weightKg))],
                                         etas: .columns(pm.etaNames.map { etaColumn[$0]! }), ids: subs.map { "\($0.id)" })
        let times = try Simulator.grid(endH: 504, stepH: 5.0 / 60)
        let band = ProfileLibrary.bands(for: pm.profile.analyte).first { $0.name == "dissociation" }
        let low = band?.lowNgPerML ?? 100, high = band?.highNgPerML ?? 250
        let options = MetricOptions(bandLow: low, bandHigh: high, windowStartH: 0, windowEndH: StudyDefaults.sessionWindowH, dischargeLevel: low)
        let simulator = try RegimenSubjectSimulator(model: pm.dosing, timesH: times, options: options) { s in
            Regimen().dose(amountMg: 0.5 * s.covariates[0], route: .intramuscular, every: 84, count: 6)
        }
        let plan = SummaryPlan(thresholds: [], timesH: times, totalSubjects: n)
        let study = PopulationStudy(profile: pm, generator: generator, simulator: simulator, residual: nil, plan: plan, range: 0..<n, threads: threads)
        let null = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/null"))
        return (try study.run(sink: NullFileSink(handle: null)), study)
    }

    /// `Profiles/models/k6-mm.model` in this repository.
    static var k6mmModelPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Profiles/models/k6-mm.model").path
    }

    /// The pieces of W3 as `ketasim batch --model Profiles/models/k6-mm.model --subjects subjects.csv
    /// --eta-map eta_CL=ETA_VMAX --route im --f 0.93 --dose 0.5mg/kg --every 84h --count 6 --duration 504h`
    /// builds them: the text model on the lane Dormand-Prince path (rtol 1e-6, atol 1e-9), WT and the
    /// etas from the shared subjects, grid metrics and bands. `allStates`: integrate all 6 states
    /// (otherwise the 4 that CP depends on, as batch does).
    struct W3Setup {
        var names: [String]
        var generator: SubjectGenerator
        var individual: @Sendable (Subject) -> [Double]
        var simulator: TextModelSubjectSimulator
        var times: [Double]
    }

    static func w3Setup(_ subs: [BenchSubject], allStates: Bool) throws -> W3Setup {
        let source = try String(contentsOfFile: k6mmModelPath, encoding: .utf8)
        let tm = try TextModel(source: source, options: ODEOptions(rtol: 1e-6, atol: 1e-9))
        let names = tm.parameterNames
        let etaParameters = tm.program.omega?.parameters ?? []
        let etaColumn: [String: [Double]] = [
            "VMAX": subs.map(\.etaCL), "V1": subs.map(\.etaV1), "Q2": subs.map(\.etaQ2), "V2": subs.map(\.etaV2), "KA": subs.map(\.etaKA),
        ]
        let generator = SubjectGenerator(rng: CounterRNG(seed: 1), covariates: [.column(subs.map(\.weightKg))],
                                         etas: .columns(etaParameters.map { etaColumn[names[$0]]! }), ids: subs.map { "\($0.id)" })
        let individual = TextModelPopulation.individual(defaults: tm.defaultParameters, covariateParameters: [names.firstIndex(of: "WT")!],
                                                        etaParameters: etaParameters)
        let times = try Simulator.grid(endH: 504, stepH: 5.0 / 60)
        let options = MetricOptions(bandLow: 100, bandHigh: 250, windowStartH: 0, windowEndH: StudyDefaults.sessionWindowH, dischargeLevel: 100)
        let dosing = TextModelDosing(compartment: tm.compartmentNames.firstIndex(of: "depot")!, bioavailability: 0.93, infusionH: nil, intervalH: 84, count: 6)
        var simulator = try TextModelSubjectSimulator(model: tm, timesH: times, options: options, dosing: dosing) { s in 0.5 * s.covariates[0] }
        simulator.integrateNeededStatesOnly = !allStates
        return W3Setup(names: names, generator: generator, individual: individual, simulator: simulator, times: times)
    }

    /// W3 through `PopulationStudy` as `ketasim batch --model` runs it (see `w3Setup`), rows to /dev/null.
    static func w3Study(_ subs: [BenchSubject], threads: Int, allStates: Bool = false) throws -> PopulationAccumulator {
        let w = try w3Setup(subs, allStates: allStates)
        let plan = SummaryPlan(thresholds: [], timesH: w.times, totalSubjects: subs.count)
        let study = PopulationStudy(parameterNames: w.names, individual: w.individual, generator: w.generator, simulator: w.simulator, residual: nil,
                                    plan: plan, range: 0..<subs.count, threads: threads)
        let null = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/null"))
        return try study.run(sink: NullFileSink(handle: null))
    }

    /// Subject 1's CP on the grid as the study computes it (in its lane group of the first subjects).
    static func w3Curve1(_ subs: [BenchSubject], allStates: Bool) throws -> [Double] {
        let w = try w3Setup(subs, allStates: allStates)
        let group = (0..<Swift.min(subs.count, Lanes.scalarCount)).map { w.generator.subject($0) }
        guard let r = w.simulator.simulateLanes(group, parameters: group.map(w.individual), wantCurve: true) else { return [] }
        return r[0].curve
    }
}
