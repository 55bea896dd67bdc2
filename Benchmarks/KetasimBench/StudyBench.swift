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
            for s in subjects {
                rows += s.subject.id
                for v in s.result.metrics.values { rows += ","; rows += v.isNaN ? "" : "\(v)" }
                rows += "\n"
            }
            return rows
        }
        func emit(_ chunk: String, subjectsDone: Int) throws { handle.write(Data(chunk.utf8)) }
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
}
