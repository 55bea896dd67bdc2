#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PKCore
import PKProfiles

/// `nm --sim`: a NONMEM data set replicated `replicates` times, each individual (a run of rows with
/// one ID, as NONMEM reads them) with its own etas per replicate: drawn from Ω by the counter-based
/// generator, or taken from the data's eta columns. Every (replicate, individual) is computed from
/// its own key alone, so the rows are bit-identical for any thread count and any split of the
/// replicates into shards.
///
/// Random numbers (`CounterRNG`, Philox4x64-10): key (seed, 0); "subject" word
/// (replicate − 1) · 2³² + individual (0-based, in data-set order); etas from stream 1 (draw j for
/// eta j: standard normal z, η = L·z with Ω = L·Lᵀ); residual ε from stream 2 (draw k for the
/// k-th row of the individual).
///
/// Precedence: an eta column (named like the profile's eta, e.g. `ETA_CL`, or `ETA_<parameter>`,
/// case-insensitive) fixes that eta for its individual in every replicate (its first row's value;
/// it must be constant within the individual). The other etas are drawn as without the column
/// (not conditioned on the given ones when Ω correlates them). A data column named like a model
/// parameter sets that parameter outright, for PRED and IPRED alike (no eta acts on it).
public struct NonmemSimulation: Sendable {
    /// The model with its between-subject variability.
    enum Engine: Sendable {
        /// A profile: individual parameters from covariates and etas through the profile's model.
        case profile(ProfileModel, covariates: [[Double]]?, index: [Int?])
        /// A text model with `[omega]`: P·exp(η) on the named parameters.
        case text(TextModel, etaParameters: [Int])
    }

    /// One individual in one replicate: its etas, every row's individual prediction, and the
    /// simulated observations.
    public struct Piece: Sendable {
        /// 1-based replicate (IREP).
        public var replicate: Int
        /// 0-based individual (contiguous ID run) in data-set order.
        public var individual: Int
        /// Index of the individual's first row in `data.rows`.
        public var firstRow: Int
        /// The individual's etas, in `etaNames` order.
        public var etas: [Double]
        /// Individual rows: outputs (the first is IPRED) and amounts, one per data row.
        public var rows: [NonmemRun.OutputRow]
        /// SIMDV per row (the first output with residual error; NaN on rows that are not
        /// observations, EVID ≠ 0); nil without residual error.
        public var simulatedDV: [Double]?
    }

    let engine: Engine
    /// The data set (compartments resolved).
    public let data: NonmemDataset
    /// The run at typical values (PRED; also the column layout: output and compartment names).
    public let typical: NonmemRun.Result
    /// The model as the output names it (profile name or model file).
    public let modelLabel: String
    /// Eta names (profile: its variability names; text model: `ETA_<parameter>`).
    public let etaNames: [String]
    /// Data column fixing each eta, if any.
    public let etaColumns: [Int?]
    /// Draws the etas from the omega matrix (Cholesky factor, counter-based normals).
    public let sampler: EtaSampler
    /// Replicates of the data set simulated.
    public let replicates: Int
    /// Seed of the counter-based random numbers (Philox4x64-10).
    public let seed: UInt64
    /// False for `nm` without `--sim` on a data set with eta columns: etas from the columns, 0 elsewhere.
    public let drawsEtas: Bool
    /// Residual error added to the individual predictions (ng/mL), or nil.
    public let residual: ResidualError?
    /// Row ranges of the individuals, in data-set order.
    public let individuals: [Range<Int>]
    let blocks: [NonmemDataset]
    /// Eta values fixed by columns: [individual][eta] (NaN where drawn).
    let fixedEtas: [[Double]]
    /// Lines for standard error (covariates used, eta columns used, warnings).
    public var warnings: [String] = []

    /// Prepares the simulation. Throws `StudyError` naming the option (`--sim`, `--residual`,
    /// `model`) and `DataError` for the data set (line and column).
    /// With `drawEtas` false, etas without a column are 0 instead of drawn (one run, no random numbers).
    public init(dataText: String, model: NonmemStudy.Model, replicates: Int, seed: UInt64, residual: ResidualError?, drawEtas: Bool = true) throws {
        guard replicates >= 1 else { throw StudyError("sim", "\(replicates) must be a whole number of replicates >= 1") }
        let base = try NonmemStudy.run(dataText: dataText, model: model)
        typical = base.run
        modelLabel = base.modelLabel
        warnings = base.warnings
        var data = base.data
        let omega: Matrix
        switch model {
        case .profile(let pm):
            try data.resolveCompartments(pm.profile.compartments.map(\.name))
            guard !pm.etaNames.isEmpty, pm.omega.elements.contains(where: { $0 != 0 }) else {
                throw StudyError("sim", "profile \(pm.profile.name) has no between-subject variability (Ω); "
                    + "simulate with a profile that has (e.g. herd-2007, fanta-otto-2021)")
            }
            omega = pm.omega
            etaNames = pm.etaNames
            let compiledNames = pm.dosing.compiled.parameterNames
            let index = pm.profile.parameters.map { q in compiledNames.firstIndex(of: q.name) }
            engine = .profile(pm, covariates: try NonmemStudy.covariateRows(data, pm).0, index: index)
            etaColumns = etaNames.indices.map { k in
                let target = pm.profile.variability![k].parameter
                return data.header.firstIndex { $0.caseInsensitiveEquals(pm.etaNames[k]) || $0.caseInsensitiveEquals("ETA_" + target) }
            }
        case .text(let source, let name, let options):
            let tm = try TextModel(source: source, options: options)   // compiled by NonmemStudy.run already
            try data.resolveCompartments(tm.compartmentNames)
            guard let o = tm.program.omega, o.matrix.contains(where: { $0 != 0 }) else {
                throw StudyError("sim", "text model \(name) has no [omega] section (between-subject variability); "
                    + "add one (Sources/ModelLanguage/FORMAT.md)")
            }
            var m = Matrix(rows: o.parameters.count, cols: o.parameters.count)
            m.elements = o.matrix
            omega = m
            etaNames = o.parameters.map { "ETA_" + tm.parameterNames[$0] }
            engine = .text(tm, etaParameters: o.parameters)
            etaColumns = etaNames.map { n in data.header.firstIndex { $0.caseInsensitiveEquals(n) } }
        case .linear(let spec):
            throw StudyError("sim", "model \(spec.name) has no between-subject variability (Ω); "
                + "use --profile with variability or a text model with an [omega] section")
        }
        do { sampler = try EtaSampler(omega: omega) } catch let e as CholeskyError {
            throw StudyError("sim", "Ω is not positive definite at eta \(etaNames[e.index]) (pivot \(e.pivot))", isUsage: false)
        }
        self.data = data
        self.replicates = replicates
        self.seed = seed
        self.residual = residual
        drawsEtas = drawEtas
        var runs: [Range<Int>] = []
        var start = 0
        while start < data.rows.count {
            var end = start + 1
            while end < data.rows.count && data.rows[end].id == data.rows[start].id { end += 1 }
            runs.append(start..<end)
            start = end
        }
        individuals = runs
        blocks = runs.map { r in var d = data; d.rows = Array(data.rows[r]); return d }
        var fixed = [[Double]](repeating: [Double](repeating: .nan, count: etaNames.count), count: runs.count)
        for (k, col) in etaColumns.enumerated() {
            guard let j = col else { continue }
            for (b, r) in runs.enumerated() {
                let first = data.rows[r.lowerBound]
                for row in data.rows[r] {
                    guard !row.values[j].isNaN else {
                        throw DataError("line \(row.line), column \(data.header[j]): '\(row.cells[j].trimmedSpaces)' is not a number (eta \(etaNames[k]))")
                    }
                    guard row.values[j] == first.values[j] else {
                        throw DataError("line \(row.line), column \(data.header[j]): \(row.cells[j].trimmedSpaces) differs from \(first.cells[j].trimmedSpaces) on line \(first.line); an eta is one value per individual (ID \(row.id))")
                    }
                }
                fixed[b][k] = first.values[j]
            }
        }
        fixedEtas = fixed
        let given = etaColumns.enumerated().compactMap { k, c in c.map { "\(data.header[$0]) (\(etaNames[k]))" } }
        if !given.isEmpty { warnings.append("etas from the data: " + given.joined(separator: ", ") + (drawEtas ? "; the other etas drawn from Ω" : "; the other etas 0")) }
    }

    /// True when the data set has a column naming one of the model's etas (a profile's eta name,
    /// or ETA_<parameter> for a parameter with an eta): `nm` then predicts IPRED with those etas.
    public static func dataGivesEtas(dataText: String, model: NonmemStudy.Model) throws -> Bool {
        let header = try NonmemDataset(parsing: dataText).header
        var names: [String] = []
        switch model {
        case .profile(let pm):
            names = pm.etaNames + (pm.profile.variability ?? []).map { "ETA_" + $0.parameter }
        case .text(let source, _, let options):
            guard let tm = try? TextModel(source: source, options: options), let o = tm.program.omega else { return false }
            names = o.parameters.map { "ETA_" + tm.parameterNames[$0] }
        case .linear: return false
        }
        return header.contains { h in names.contains { $0.caseInsensitiveEquals(h) } }
    }

    /// The RNG "subject" word of an individual in a replicate (1-based).
    static func key(replicate: Int, individual: Int) -> UInt64 { UInt64(replicate - 1) << 32 | UInt64(individual) }

    /// The etas of `individual` in `replicate` (1-based): drawn from Ω, then the data's eta columns.
    public func etas(replicate: Int, individual: Int) -> [Double] {
        var eta = [Double](repeating: 0, count: sampler.count)
        if drawsEtas {
            var stream = CounterRNG.Stream(CounterRNG(seed: seed), subject: Self.key(replicate: replicate, individual: individual), stream: CounterRNG.etaStream)
            var z = [Double](repeating: 0, count: sampler.count)
            for j in z.indices { z[j] = stream.nextNormal() }
            eta = sampler.etas(z)
        }
        for (k, v) in fixedEtas[individual].enumerated() where !v.isNaN { eta[k] = v }
        return eta
    }

    /// One individual in one replicate (1-based replicate, 0-based individual).
    public func piece(replicate: Int, individual: Int) throws -> Piece {
        let eta = etas(replicate: replicate, individual: individual)
        let block = blocks[individual]
        let range = individuals[individual]
        var params: [[Double]] = []
        params.reserveCapacity(range.count)
        let run: NonmemRun.Result
        do {
            switch engine {
            case .profile(let pm, let covariates, let index):
                var cache: (cov: [Double], p: [Double])? = nil
                let typicalCovariates = pm.typicalCovariates
                for r in range {
                    let cov = covariates?[r] ?? typicalCovariates
                    if let c = cache, c.cov == cov { params.append(c.p); continue }
                    let values = pm.parameters(covariates: cov, etas: eta)
                    var p = pm.dosing.compiled.defaultParameters
                    for (i, ix) in index.enumerated() { if let ix { p[ix] = values[i] } }
                    cache = (cov, p)
                    params.append(p)
                }
                run = try NonmemRun.simulate(block, model: pm.dosing.compiled, rowParameters: params)
            case .text(let tm, let etaParameters):
                var p = tm.defaultParameters
                for (k, i) in etaParameters.enumerated() { p[i] *= exp(eta[k]) }
                run = try NonmemRun.simulate(block, model: tm, rowParameters: [[Double]](repeating: p, count: range.count))
            }
        } catch let e as DataError {
            let named = zip(etaNames, eta).map { "\($0)=\(NumberFormat.g($1))" }.joined(separator: " ")
            throw DataError("replicate \(replicate), ID \(block.rows[0].id): \(e.message) (etas \(named))")
        }
        var dv: [Double]? = nil
        if let residual {
            var stream = CounterRNG.Stream(CounterRNG(seed: seed), subject: Self.key(replicate: replicate, individual: individual), stream: CounterRNG.residualStream)
            dv = run.rows.map { row in
                let eps = stream.nextNormal()
                return row.evid == 0 ? residual.observe(row.output, eps) : .nan
            }
        }
        return Piece(replicate: replicate, individual: individual, firstRow: range.lowerBound, etas: eta, rows: run.rows, simulatedDV: dv)
    }

    /// Replicates `replicates` (1-based, within 1...self.replicates) split into the contiguous
    /// part `index` of `count` (1-based), the first `replicates % count` parts one larger.
    public static func shard(_ index: Int, of count: Int, replicates: Int) -> ClosedRange<Int>? {
        let (q, r) = replicates.quotientAndRemainder(dividingBy: count)
        func start(_ k: Int) -> Int { (k - 1) * q + Swift.min(k - 1, r) }
        let lo = start(index), hi = start(index + 1)
        return hi > lo ? (lo + 1)...hi : nil
    }

    /// Runs the replicates `range` (1-based) on `threads` workers: pieces are formatted by `sink`
    /// on the workers, `individualsPerChunk` at a time, and emitted in order (replicate, then
    /// data-set order), so the output does not depend on `threads`.
    public func run<S: NonmemSimulationSink>(replicates range: ClosedRange<Int>, threads: Int, sink: S, individualsPerChunk: Int = 16) throws {
        let perRep = individuals.count
        let total = range.count * perRep
        let size = Swift.max(1, individualsPerChunk)
        let chunks = (total + size - 1) / size
        let first = range.lowerBound
        let me = self
        try ChunkPipeline.run(chunks: chunks, threads: Swift.max(1, threads), ahead: 4 * Swift.max(1, threads), process: { _, c in
            var pieces: [Piece] = []
            for item in (c * size)..<Swift.min(total, (c + 1) * size) {
                pieces.append(try me.piece(replicate: first + item / perRep, individual: item % perRep))
            }
            return try sink.format(pieces)
        }, emit: { _, chunk in try sink.emit(chunk) })
    }
}

/// Where `NonmemSimulation.run` sends its pieces: `format` runs on the worker threads, `emit`
/// receives the formatted chunks one at a time, in order.
public protocol NonmemSimulationSink: Sendable {
    associatedtype Chunk: Sendable
    func format(_ pieces: [NonmemSimulation.Piece]) throws -> Chunk
    func emit(_ chunk: Chunk) throws
}
