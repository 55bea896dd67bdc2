import PKCore
import PKProfiles

/// One simulated subject as a study hands it to its sink: who it is, its metrics on the exact
/// solution, and its curve on the grid (with residual error in `observed` when asked).
public struct PopulationSubject: Sendable {
    /// Subject index in the whole study (0-based).
    public var index: Int
    /// Who it is: id, covariates and etas.
    public var subject: Subject
    /// Its metrics and curve on the exact solution.
    public var result: SubjectResult
    /// The curve with residual error, or the curve itself without residual error (ng/mL).
    public var observed: [Double]
}

/// Where a population study's subjects go. `format` runs on the worker threads, in parallel, on a
/// chunk of consecutive subjects; `emit` receives the chunks strictly in subject order, one at a
/// time, so files written there are identical for any thread count.
public protocol PopulationSink: Sendable {
    associatedtype Chunk: Sendable
    func format(_ subjects: [PopulationSubject]) throws -> Chunk
    func emit(_ chunk: Chunk, subjectsDone: Int) throws
}

/// A sink that keeps nothing: summaries only.
public struct SummaryOnlySink: PopulationSink {
    /// A sink that keeps nothing.
    public init() {}
    /// The number of subjects in the chunk.
    public func format(_ subjects: [PopulationSubject]) -> Int { subjects.count }
    /// Nothing to write.
    public func emit(_ chunk: Int, subjectsDone: Int) {}
}

/// A virtual population through one regimen: subjects drawn (or read) by `generator`, each
/// simulated by `simulator` on the exact solution, metrics folded into a `PopulationAccumulator`
/// (exact sums, exact or sketched quantiles), in parallel, bit-identical for any thread count and
/// for any split of `range` into shards merged afterwards.
public struct PopulationStudy: Sendable {
    /// The profile whose individual parameters the subjects get; nil when `individual` comes from
    /// elsewhere (a text model's parameters).
    public var profile: ProfileModel?
    /// A subject's parameters, in `parameterNames` order (the model's parameter vector).
    public var individual: @Sendable (Subject) -> [Double]
    /// Names of the parameters, for failure messages.
    public var parameterNames: [String]
    /// Makes subject `i` (covariates and etas) from the seed or a file.
    public var generator: SubjectGenerator
    /// The per-subject kernel (exact path, lane kernel, text model, or a data set).
    public var simulator: any SubjectSimulator
    /// Residual error added to the curves (ng/mL), or nil.
    public var residual: ResidualError?
    /// What the summary keeps (thresholds, grid, exact limits).
    public var plan: SummaryPlan
    /// The subjects this run simulates (indices into the whole study).
    public var range: Range<Int>
    /// Worker threads (results do not depend on it).
    public var threads: Int
    /// Subjects per chunk handed to the sink.
    public var chunkSize = 32

    /// A study of `profile`'s subjects (parameters from the profile's covariate and eta model).
    public init(profile: ProfileModel, generator: SubjectGenerator, simulator: any SubjectSimulator, residual: ResidualError?,
                plan: SummaryPlan, range: Range<Int>, threads: Int) {
        self.profile = profile
        individual = { profile.parameters(covariates: $0.covariates, etas: $0.etas.isEmpty ? nil : $0.etas) }
        parameterNames = profile.dosing.compiled.parameterNames
        self.generator = generator
        self.simulator = simulator
        self.residual = residual
        self.plan = plan
        self.range = range
        self.threads = threads
    }

    /// A study whose subjects' parameters come from `individual` (e.g. a text model's parameters
    /// with covariate columns and etas applied), not from a profile.
    public init(parameterNames: [String], individual: @escaping @Sendable (Subject) -> [Double], generator: SubjectGenerator,
                simulator: any SubjectSimulator, residual: ResidualError?, plan: SummaryPlan, range: Range<Int>, threads: Int) {
        profile = nil
        self.individual = individual
        self.parameterNames = parameterNames
        self.generator = generator
        self.simulator = simulator
        self.residual = residual
        self.plan = plan
        self.range = range
        self.threads = threads
    }

    /// A subject that could not be simulated: which one, why, and its parameters.
    public struct SubjectFailure: Error, Sendable {
        /// One line: the subject, the reason and its parameters.
        public var message: String
    }

    private final class Worker: @unchecked Sendable {
        var accumulator: PopulationAccumulator
        /// Curves waiting for the percentile bands: filled in groups of up to `bandGroup` subjects
        /// (at most 256, and about 2^20 values on long grids, so memory stays bounded: ~8 MB a
        /// worker at most), fewer passes over the band sketches than one per chunk of 32. The
        /// counts are the same for any grouping; the order of the values is kept. (The curves are
        /// held, not copied: `addBands` gathers them a block of times at a time.)
        var pendingCurves: [[Double]] = []
        let bandGroup: Int
        init(_ a: PopulationAccumulator, times: Int) {
            accumulator = a
            bandGroup = Swift.min(256, Swift.max(32, (1 << 20) / Swift.max(1, times)))
        }
        func addBands(_ subjects: [PopulationSubject]) {
            guard !accumulator.bands.isEmpty else { return }
            for s in subjects { pendingCurves.append(s.observed) }
            if pendingCurves.count >= bandGroup { flushBands() }
        }
        func flushBands() {
            guard !pendingCurves.isEmpty else { return }
            accumulator.addBands(pendingCurves)
            pendingCurves.removeAll(keepingCapacity: true)
        }
    }

    private struct Chunk<T: Sendable>: Sendable {
        var subjects: Int
        var sink: T
    }

    /// Runs the subjects of `range` and returns the merged accumulator; subjects reach `sink` in order.
    public func run<S: PopulationSink>(sink: S) throws -> PopulationAccumulator {
        let chunkSize = self.chunkSize
        let lo = range.lowerBound
        let count = range.count
        let chunks = (count + chunkSize - 1) / chunkSize
        let plan = self.plan
        // Each worker keeps its own percentile-band state (counts merge exactly, in any order).
        let workers = (0..<threads).map { _ in Worker(PopulationAccumulator(plan: plan), times: plan.timesH.count) }
        let generator = self.generator, simulator = self.simulator, individual = self.individual, residual = self.residual
        let parameterNames = self.parameterNames
        let coupled = simulator.lanesCoupled
        let studySize = Swift.max(plan.totalSubjects, range.upperBound)
        let rng = generator.rng
        let done = Counter()
        try ChunkPipeline.run(chunks: chunks, threads: threads, ahead: 4 * threads, process: { worker, chunk in
            let first = lo + chunk * chunkSize
            let last = Swift.min(lo + count, first + chunkSize)
            var subjects: [PopulationSubject] = []
            subjects.reserveCapacity(last - first)
            let w = workers[worker]
            let width = Lanes.scalarCount
            var g = first
            while g < last {
                // Coupled lanes (a shared step size): the group is the aligned block of `width`
                // subjects of the whole study, simulated whole even where this run (a shard, a
                // chunk) holds only part of it, so every subject's result is the same in any run.
                let full: Range<Int>
                let groupEnd: Int
                if coupled {
                    let a = (g / width) * width
                    full = a..<Swift.min(studySize, a + width)
                    groupEnd = Swift.min(last, full.upperBound)
                } else {
                    groupEnd = Swift.min(last, g + width)
                    full = g..<groupEnd
                }
                let group = full.map { generator.subject($0) }
                let groupParams = group.map(individual)
                // The lane kernel when it can take the group; otherwise each subject alone on the
                // lane kernel (uncoupled lanes: the same digits as in any group), then the event engine.
                let laneResults = simulator.simulateLanes(group, parameters: groupParams, wantCurve: true)
                for i in g..<groupEnd {
                    let k = i - full.lowerBound
                    let s = group[k]
                    let params = groupParams[k]
                    let r: SubjectResult
                    if let laneResults { r = laneResults[k] } else if !coupled, group.count > 1,
                        let alone = simulator.simulateLanes([s], parameters: [params], wantCurve: true) {
                        r = alone[0]
                    } else {
                        do { r = try simulator.simulate(s, parameters: params, wantCurve: true) } catch let e as SimulationError {
                            let named = zip(parameterNames, params).map { "\($0)=\(NumberFormat.g($1))" }.joined(separator: " ")
                            throw SubjectFailure(message: "subject \(s.id) (index \(i + 1)): \(e.message); parameters \(named)")
                        } catch let e as DataError {
                            throw SubjectFailure(message: "subject \(s.id) (index \(i + 1)): \(e.message)")
                        }
                    }
                    var observed = r.curve
                    if let residual {
                        var stream = CounterRNG.Stream(rng, subject: UInt64(i), stream: CounterRNG.residualStream)
                        for k in observed.indices { observed[k] = residual.observe(observed[k], stream.nextNormal()) }
                    }
                    w.accumulator.add(r.metrics, extra: r.effectValues, plan: plan)
                    subjects.append(PopulationSubject(index: i, subject: s, result: r, observed: observed))
                }
                g = groupEnd
            }
            w.addBands(subjects)
            return Chunk(subjects: subjects.count, sink: try sink.format(subjects))
        }, emit: { _, chunk in
            try sink.emit(chunk.sink, subjectsDone: done.add(chunk.subjects))
        })
        // Merged into the first worker's state (taken out of the worker, so no copy is made).
        for w in workers { w.flushBands() }
        var total = workers[0].accumulator
        workers[0].accumulator = PopulationAccumulator(plan: plan, bands: false)
        for w in workers.dropFirst() { total.merge(w.accumulator) }
        return total
    }

    private final class Counter: @unchecked Sendable {
        private var n = 0
        func add(_ k: Int) -> Int { n += k; return n }   // called only from the serialised emitter
    }
}
