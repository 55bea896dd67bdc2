import Dispatch
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
    /// Whether `format` reads the subjects' curves (`result.curve`, `observed`); when false and
    /// there is no residual error they are left empty and the lane kernel writes the grid values
    /// straight into the percentile bands' buffer. True by default.
    var needsCurves: Bool { get }
}

extension PopulationSink {
    /// True: the subjects come with their curves.
    public var needsCurves: Bool { true }
}

/// A sink that keeps nothing: summaries only.
public struct SummaryOnlySink: PopulationSink {
    /// A sink that keeps nothing.
    public init() {}
    /// The number of subjects in the chunk.
    public func format(_ subjects: [PopulationSubject]) -> Int { subjects.count }
    /// Nothing to write.
    public func emit(_ chunk: Int, subjectsDone: Int) {}
    /// False: no curves kept.
    public var needsCurves: Bool { false }
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
        /// Curves waiting for the percentile bands, in slots of W = `Lanes.scalarCount` subjects (a
        /// lane group): column c (the c-th waiting place) at grid time t is
        /// `rows[(c / W) · times · W + t · W + c % W]`, so the lane kernel writes a group's curve as
        /// one sequential stream. Up to 1024 columns and about 2^23 values (64 MB) over all
        /// workers, and at least one chunk a worker; each chunk starts a slot. When full, a block
        /// of times at a time is gathered into one row per time and each time's sketch takes the
        /// row (hundreds of values in one visit, so its buckets are fetched once per visit, not
        /// once per value). The counts are the same for any grouping; the values keep their order.
        ///
        /// In code mode (`codeState` set: sketched bands, values written by the lane kernel) the
        /// columns hold 16-bit band codes (`BandCodeFormat`) in the same layout, up to 4096
        /// columns and about 2^24 codes (32 MB) over all workers; the extrema and the values the
        /// codes cannot carry wait in `codeState`. Codes are not gathered: a flush counts them
        /// straight from the slots into the worker's 16-bit counters per grid time and code
        /// (`codeState.counts`, `PopulationAccumulator.addBandCodes(slots:...)`, about half the
        /// sketch stores' size), which reach the merged sketches after the last flush (`run`),
        /// or before a flush that could overflow them.
        let times: Int, capacity: Int
        private var filled = 0
        /// Columns holding subjects, in order: one run per chunk.
        private var runs: [(start: Int, count: Int)] = []
        private var rows: UnsafeMutablePointer<Double>? = nil
        private var codeRows: UnsafeMutablePointer<UInt16>? = nil
        let codeState: BandCodeState?
        init(_ a: PopulationAccumulator, times: Int, chunk: Int, workers: Int, codes: BandCodeFormat?) {
            accumulator = a
            self.times = times
            codeState = codes.map { BandCodeState(times: times, format: $0) }
            let columns = codes == nil ? Swift.min(1024, (1 << 23) / Swift.max(1, workers) / Swift.max(1, times))
                                       : Swift.min(4096, (1 << 24) / Swift.max(1, workers) / Swift.max(1, times))
            capacity = Worker.slots(Swift.max(chunk, columns)) * Worker.W
        }
        /// Subjects per slot: the lane width.
        static let W = Lanes.scalarCount
        var W: Int { Worker.W }
        deinit {
            rows?.deallocate()
            codeRows?.deallocate()
        }
        /// Slots of W columns for n columns.
        static func slots(_ n: Int) -> Int { (n + W - 1) / W }
        /// Room for `n` ≤ `capacity` more subjects (the waiting ones added to the bands first when
        /// they would not fit): the first one's column.
        func reserve(_ n: Int) -> Int {
            precondition(n <= capacity, "chunk larger than the band buffer")
            // Exceptional values (negative outputs, non-finite values) travel as (time, value)
            // pairs: flushed once they reach about the codes' own size, so memory stays bounded
            // whatever the values.
            if filled + n > capacity || (codeState?.side.count ?? 0) > Worker.sideLimit { flushBands() }
            if codeState != nil {
                if codeRows == nil { codeRows = .allocate(capacity: times * capacity) }
            } else if rows == nil { rows = .allocate(capacity: times * capacity) }
            return filled
        }
        /// Exceptional values kept before the buffer is flushed early (16 bytes each: 16 MB).
        static let sideLimit = 1 << 20
        /// Column c's value at grid time 0; the next time's is W further on.
        func column(_ c: Int) -> UnsafeMutablePointer<Double> { rows! + (c / W) * (times * W) + c % W }
        /// Column c's code writer (code mode): its lane 0 is column c.
        func codeColumn(_ c: Int) -> BandCodeWriter {
            BandCodeWriter(codes: codeRows! + (c / W) * (times * W) + c % W, stride: W, state: codeState!)
        }
        /// The `n` subjects written after `reserve(n)` now wait for the bands.
        func commit(_ n: Int) {
            runs.append((filled, n))
            filled += Worker.slots(n) * W
        }
        func flushBands() {
            if codeState != nil { flushCodes(); return }
            guard filled > 0, let rows else { return }
            gather(rows, Lanes.self, budget: 1 << 16) { out, width, n, ts in
                accumulator.addBands(rows: out, stride: width, subjects: n, times: ts)
            }
            runs.removeAll(keepingCapacity: true)
            filled = 0
        }
        /// The waiting columns of `rows` gathered a block of times at a time (about `budget`
        /// elements) into rows of n + W elements, handed to `take(rows, width, n, times)`: a
        /// slot's W lanes are copied whole as one vector `V` (the next slot overwrites what a
        /// partial one wrote past its subjects).
        private func gather<T, V: BitwiseCopyable>(_ rows: UnsafeMutablePointer<T>, _ vector: V.Type, budget: Int,
                                                   _ take: (UnsafePointer<T>, Int, Int, Range<Int>) -> Void) {
            let n = runs.reduce(0) { $0 + $1.count }
            let width = n + W
            let block = Swift.max(1, Swift.min(times, budget / width))
            let size = MemoryLayout<T>.stride
            withUnsafeTemporaryAllocation(of: T.self, capacity: block * width) { buffer in
                let out = buffer.baseAddress!
                var t0 = 0
                while t0 < times {
                    let b = Swift.min(block, times - t0)
                    var j = 0
                    for run in runs {
                        var c = run.start, left = run.count
                        while left > 0 {
                            let from = UnsafeRawPointer(rows + (c / W) * (times * W) + t0 * W)
                            var to = UnsafeMutableRawPointer(out + j)
                            for t in 0..<b {
                                to.storeBytes(of: from.loadUnaligned(fromByteOffset: t * MemoryLayout<V>.size, as: V.self), as: V.self)
                                to += width * size
                            }
                            let k = Swift.min(W, left)
                            j += k
                            left -= k
                            c += W
                        }
                    }
                    take(out, width, n, t0..<(t0 + b))
                    t0 += b
                }
            }
        }
        /// `flushBands` in code mode: the codes counted straight from the slots into the
        /// worker's counters (no gather: the counts do not depend on the order; a grid time with
        /// exceptional values takes a row into its sketch), then the exceptional values.
        private func flushCodes() {
            guard filled > 0, let rows = codeRows, let state = codeState else { return }
            // Subjects per slot: each run fills whole slots but perhaps its last.
            var lanes: [Int] = []
            for run in runs {
                var left = run.count
                while left > 0 { lanes.append(Swift.min(W, left)); left -= W }
            }
            accumulator.addBandCodes(slots: rows, slotStride: times * W, lanes: lanes, state: state)
            accumulator.addBandSideValues(state)
            state.reset()
            runs.removeAll(keepingCapacity: true)
            filled = 0
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
        // The simulator's grid is the bands' grid (its curves fill them).
        precondition(simulator.timesH.count == plan.timesH.count, "the simulator's grid differs from the plan's")
        // Without residual error and curves for the sink, the kernel writes the grid values
        // straight into the bands' buffer (no curve per subject); coupled groups may reach
        // outside the chunk, so they take the copy.
        let sinkCurves = sink.needsCurves
        let direct = residual == nil && !sinkCurves && !simulator.lanesCoupled
        // Sketched bands written directly take 16-bit codes instead of the values.
        let codeFormat = direct ? PopulationAccumulator(plan: plan).bandCodeFormat : nil
        let workers = (0..<threads).map { _ in
            Worker(PopulationAccumulator(plan: plan), times: plan.timesH.count, chunk: chunkSize, workers: threads, codes: codeFormat)
        }
        let generator = self.generator, simulator = self.simulator, individual = self.individual, residual = self.residual
        let parameterNames = self.parameterNames
        let coupled = simulator.lanesCoupled
        let times = plan.timesH.count
        let studySize = Swift.max(plan.totalSubjects, range.upperBound)
        let rng = generator.rng
        let done = Counter()
        try ChunkPipeline.run(chunks: chunks, threads: threads, ahead: 4 * threads, process: { worker, chunk in
            let first = lo + chunk * chunkSize
            let last = Swift.min(lo + count, first + chunkSize)
            var subjects: [PopulationSubject] = []
            subjects.reserveCapacity(last - first)
            let w = workers[worker]
            let base = w.reserve(last - first)
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
                // (A call that returns nil may leave exceptional band values behind: dropped.)
                let codes = w.codeState
                var mark = codes?.side.count ?? 0
                let laneResults = codes != nil
                    ? simulator.simulateLanes(group, parameters: groupParams, wantCurve: false, codes: w.codeColumn(base + g - first))
                    : direct
                    ? simulator.simulateLanes(group, parameters: groupParams, wantCurve: false, grid: w.column(base + g - first), stride: w.W)
                    : simulator.simulateLanes(group, parameters: groupParams, wantCurve: true)
                if laneResults == nil { codes?.truncateSide(to: mark) }
                for i in g..<groupEnd {
                    let k = i - full.lowerBound
                    let s = group[k]
                    let params = groupParams[k]
                    let column = codes == nil ? w.column(base + i - first) : nil
                    let r: SubjectResult
                    var written = direct
                    if laneResults == nil { mark = codes?.side.count ?? 0 }
                    if let laneResults { r = laneResults[k] } else if !coupled, group.count > 1,
                        let alone = codes != nil ? simulator.simulateLanes([s], parameters: [params], wantCurve: false, codes: w.codeColumn(base + i - first))
                                  : direct ? simulator.simulateLanes([s], parameters: [params], wantCurve: false, grid: column!, stride: w.W)
                                           : simulator.simulateLanes([s], parameters: [params], wantCurve: true) {
                        r = alone[0]
                    } else {
                        codes?.truncateSide(to: mark)
                        written = false
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
                    if !written {
                        precondition(observed.count == times, "curve length differs from the grid")
                        if codes != nil {
                            let writer = w.codeColumn(base + i - first)
                            for t in 0..<times { writer.write(observed[t], lane: 0, time: t) }
                        } else {
                            for t in 0..<times { column![t * w.W] = observed[t] }
                        }
                    }
                    w.accumulator.add(r.metrics, extra: r.effectValues, plan: plan)
                    subjects.append(PopulationSubject(index: i, subject: s, result: r, observed: observed))
                }
                g = groupEnd
            }
            w.commit(last - first)
            return Chunk(subjects: subjects.count, sink: try sink.format(subjects))
        }, emit: { _, chunk in
            try sink.emit(chunk.sink, subjectsDone: done.add(chunk.subjects))
        }, finish: { worker in
            // Each worker's last band flush on its own thread, as soon as it has no chunk left.
            workers[worker].flushBands()
        })
        // (Workers that never ran have nothing waiting: this does nothing after `finish`.)
        for w in workers { w.flushBands() }
        // Merged into the first worker's state (taken out of the worker, so no copy is made).
        var total = workers[0].accumulator
        workers[0].accumulator = PopulationAccumulator(plan: plan, bands: false)
        for w in workers.dropFirst() { total.merge(w.accumulator) }
        // Code mode: the codes the workers counted go straight into the merged sketches, the grid
        // times split over the threads (one sketch store per grid time, filled once: not one per
        // worker filled and then merged, which left one thread merging while the others waited).
        let states = workers.compactMap { $0.codeState }
        if !states.isEmpty {
            total.addStagedBandCodes(states, parts: threads) { n, body in
                if n == 1 { body(0) } else { DispatchQueue.concurrentPerform(iterations: n, execute: body) }
            }
        }
        return total
    }

    private final class Counter: @unchecked Sendable {
        private var n = 0
        func add(_ k: Int) -> Int { n += k; return n }   // called only from the serialised emitter
    }
}
