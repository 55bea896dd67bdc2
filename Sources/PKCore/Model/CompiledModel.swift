/// A `LinearModelSpec` checked and compiled once: names resolved to indices, rate expressions
/// parsed. `build(_:)` turns a parameter vector into a `LinearModel` without parsing anything, so it
/// can run per subject or per data record.
public struct CompiledModel: Sendable {
    /// The specification it was compiled from.
    public let spec: LinearModelSpec
    /// Parameter names in vector order.
    public let parameterNames: [String]
    /// Typical values from the spec.
    public let defaultParameters: [Double]
    /// Per compartment: indices of its bioavailability, lag, rate and duration parameters, if defined.
    public internal(set) var doseModifiers: [DoseModifierIndices]

    @usableFromInline let nameIndex: [String: Int]
    @usableFromInline let flows: [(from: Int, to: Int?, rate: RateExpression, yield: RateExpression?)]
    @usableFromInline let volumes: [Int?]
    @usableFromInline let effects: [(state: Int, source: Int, ke0: Int)]
    @usableFromInline let outputDefs: [(name: String, state: Int, scale: Double, unit: String)]
    /// The compartment names in state order, and the mass flags (false for effect sites), once:
    /// every `build` shares them.
    @usableFromInline let stateNames: [String]
    @usableFromInline let massFlags: [Bool]

    /// Parameter indices of NONMEM's per-compartment dose modifiers (nil = not defined).
    public struct DoseModifierIndices: Sendable, Equatable {
        /// Index of F (fraction of AMT entering).
        public var bioavailability: Int?
        /// Index of ALAG (h).
        public var lag: Int?
        /// Index of R, the modelled rate (mg/h) used when RATE = −1.
        public var rate: Int?
        /// Index of D, the modelled duration (h) used when RATE = −2.
        public var duration: Int?
        /// True when these come from the route whose depot this compartment is (`DosingModel`):
        /// a data set's own F<n>/ALAG<n>/D<n> columns then win over them, as in a control stream
        /// that reads them from the data.
        public var fromRoute = false
    }

    /// Checks and compiles `spec`: unique names, known references, at least one compartment and
    /// output, effect sources with a volume, no flow into itself or touching an effect site, and
    /// that the typical values build. Throws `ModelSpecError` naming the field and value.
    public init(_ spec: LinearModelSpec) throws {
        self.spec = spec
        guard !spec.compartments.isEmpty else { throw ModelSpecError("compartments: model '\(spec.name)' has none") }
        var index: [String: Int] = [:]
        for (i, p) in spec.parameters.enumerated() {
            guard !p.name.isEmpty else { throw ModelSpecError("parameters[\(i)].name: empty") }
            guard index[p.name] == nil else { throw ModelSpecError("parameters: duplicate name '\(p.name)'") }
            guard p.value.isFinite else { throw ModelSpecError("parameters.\(p.name).value: not finite (\(p.value))") }
            index[p.name] = i
        }
        nameIndex = index
        parameterNames = spec.parameters.map(\.name)
        defaultParameters = spec.parameters.map(\.value)

        var cmtIndex: [String: Int] = [:]
        for (i, c) in spec.compartments.enumerated() {
            guard cmtIndex[c.name] == nil else { throw ModelSpecError("compartments: duplicate name '\(c.name)'") }
            cmtIndex[c.name] = i
        }
        func cmt(_ name: String, _ field: String) throws -> Int {
            guard let i = cmtIndex[name] else { throw ModelSpecError("\(field): unknown compartment '\(name)'") }
            return i
        }
        func param(_ name: String?, _ field: String) throws -> Int? {
            guard let name else { return nil }
            guard let i = index[name] else { throw ModelSpecError("\(field): unknown parameter '\(name)'") }
            return i
        }
        var vols: [Int?] = []
        var effs: [(Int, Int, Int)] = []
        var mods: [DoseModifierIndices] = []
        for (i, c) in spec.compartments.enumerated() {
            let f = "compartments.\(c.name)"
            vols.append(try param(c.volume, "\(f).volume"))
            if let e = c.effect {
                effs.append((i, try cmt(e.source, "\(f).effect.source"), try param(e.ke0, "\(f).effect.ke0")!))
            }
            let n = i + 1
            mods.append(
                DoseModifierIndices(
                    bioavailability: try c.bioavailability.map { try param($0, "\(f).bioavailability")! } ?? index["F\(n)"],
                    lag: try c.lag.map { try param($0, "\(f).lag")! } ?? index["ALAG\(n)"],
                    rate: try c.rate.map { try param($0, "\(f).rate")! } ?? index["R\(n)"],
                    duration: try c.duration.map { try param($0, "\(f).duration")! } ?? index["D\(n)"]))
        }
        for e in effs where vols[e.1] == nil {
            throw ModelSpecError("compartments.\(spec.compartments[e.0].name).effect.source: '\(spec.compartments[e.1].name)' has no volume")
        }
        volumes = vols
        effects = effs
        stateNames = spec.compartments.map(\.name)
        var massFlags = [Bool](repeating: true, count: spec.compartments.count)
        for e in effs { massFlags[e.0] = false }
        self.massFlags = massFlags
        doseModifiers = mods
        flows = try spec.flows.enumerated().map { i, fl in
            let f = "flows[\(i)]"
            let from = try cmt(fl.from, "\(f).from")
            let to = try fl.to.map { try cmt($0, "\(f).to") }
            if to == from { throw ModelSpecError("\(f): flow from '\(fl.from)' into itself") }
            if effs.contains(where: { $0.0 == from || $0.0 == to }) {
                throw ModelSpecError("\(f): an effect-site compartment cannot take part in flows")
            }
            return (from, to, try RateExpression(parsing: fl.rate, field: "\(f).rate", index: index),
                    try fl.yield.map { try RateExpression(parsing: $0, field: "\(f).yield", index: index) })
        }
        guard !spec.outputs.isEmpty else { throw ModelSpecError("outputs: model '\(spec.name)' has none") }
        outputDefs = try spec.outputs.enumerated().map { i, o in
            let s = try cmt(o.compartment, "outputs[\(i)].compartment")
            let scale = o.scale ?? 1000
            guard scale.isFinite else { throw ModelSpecError("outputs[\(i)].scale: not finite") }
            return (o.name, s, scale, o.unit ?? "ng/mL")
        }
        if let cols = spec.columns {
            for (col, p) in cols where index[p] == nil {
                throw ModelSpecError("columns.\(col): unknown parameter '\(p)'")
            }
        }
        // Check the typical values build.
        _ = try build(defaultParameters)
    }

    /// Index of parameter `name`, if defined.
    public func parameterIndex(_ name: String) -> Int? { nameIndex[name] }

    /// Number of compartments (states).
    public var stateCount: Int { spec.compartments.count }

    /// Builds the model for parameter values `p` (in `parameterNames` order). Throws when a volume
    /// is not positive or a rate is negative or not finite, naming the parameter or flow.
    public func build(_ p: [Double]) throws -> LinearModel {
        precondition(p.count == parameterNames.count, "parameter vector has the wrong length")
        let n = spec.compartments.count
        var k = Matrix(rows: n, cols: n)
        var elim = [Double](repeating: 0, count: n)
        for (i, v) in volumes.enumerated() {
            if let v, !(p[v] > 0 && p[v].isFinite) {
                throw ModelSpecError("\(parameterNames[v]): volume of '\(spec.compartments[i].name)' must be positive and finite (got \(p[v]))")
            }
        }
        for (i, fl) in flows.enumerated() {
            let r = fl.rate.evaluate(p)
            guard r.isFinite, r >= 0 else {
                throw ModelSpecError("flows[\(i)].rate '\(spec.flows[i].rate)' evaluates to \(r); rates must be finite and ≥ 0")
            }
            guard r <= MatrixExponential.maxRateConstant else {
                throw ModelSpecError("flows[\(i)].rate '\(spec.flows[i].rate)' evaluates to \(r) /h, beyond the supported \(MatrixExponential.maxRateConstant) /h")
            }
            let y = fl.yield?.evaluate(p) ?? 1
            guard y.isFinite, y >= 0, y <= 1 else {
                throw ModelSpecError("flows[\(i)].yield '\(spec.flows[i].yield ?? "")' evaluates to \(y); it must be in [0, 1]")
            }
            k[fl.from, fl.from] -= r
            if let to = fl.to {
                k[to, fl.from] += r * y
                elim[fl.from] += r * (1 - y)
            } else {
                elim[fl.from] += r
            }
        }
        for e in effects {
            let ke0 = p[e.ke0]
            guard ke0.isFinite, ke0 >= 0, ke0 <= MatrixExponential.maxRateConstant,
                  ke0 / p[volumes[e.source]!] <= MatrixExponential.maxRateConstant else {
                throw ModelSpecError("\(parameterNames[e.ke0]): ke0 must be finite, ≥ 0 and ≤ \(MatrixExponential.maxRateConstant) /h, also per unit volume (got \(ke0))")
            }
            k[e.state, e.source] += ke0 / p[volumes[e.source]!]
            k[e.state, e.state] -= ke0
        }
        let outs = outputDefs.map { o -> ModelOutput in
            let v = volumes[o.state].map { p[$0] } ?? 1
            return ModelOutput(name: o.name, state: o.state, scale: o.scale / v, unit: o.unit)
        }
        return LinearModel(
            stateNames: stateNames, rateMatrix: k, isMassState: massFlags, outputs: outs,
            eliminationRatePerH: elim)
    }
}
