import Foundation
import PKCore

/// K6 with Michaelis–Menten elimination (W3) as a concrete `ODESystem`: the four states Cp depends
/// on (depot, central, shallow, deep); norketamine and Ce do not feed back. Analytic Jacobian.
public struct K6MMSystem: ODESystem {
    public let ka: Double, v1: Double, vmax: Double, km: Double
    // Rate constants precomputed once per subject (1/h): one division per RHS call remains.
    public let invV1: Double, kOut: Double, k21: Double, k31: Double, k12: Double, k13: Double
    public init(_ p: K6Parameters) {
        ka = p.ka; v1 = p.v1; vmax = p.vmax; km = p.km
        invV1 = 1 / p.v1; kOut = (p.q2 + p.q3) / p.v1; k21 = p.q2 / p.v2; k31 = p.q3 / p.v3; k12 = p.q2 / p.v1; k13 = p.q3 / p.v1
    }
    public var dimension: Int { 4 }
    public var isAutonomous: Bool { true }

    @inlinable
    public func derivatives(t: Double, state x: UnsafeBufferPointer<Double>, into dx: UnsafeMutableBufferPointer<Double>) {
        let c = x[1] * invV1
        let elim = vmax * c / (km + c)
        let a0 = ka * x[0]
        dx[0] = -a0
        dx[1] = a0 - elim - kOut * x[1] + k21 * x[2] + k31 * x[3]
        dx[2] = k12 * x[1] - k21 * x[2]
        dx[3] = k13 * x[1] - k31 * x[3]
    }

    @inlinable
    public func jacobian(t: Double, state x: UnsafeBufferPointer<Double>, into j: UnsafeMutableBufferPointer<Double>) -> Bool {
        let c = x[1] * invV1
        let dElim = vmax * km / ((km + c) * (km + c)) * invV1
        for i in 0..<16 { j[i] = 0 }
        j[0] = -ka
        j[4] = ka; j[5] = -dElim - kOut; j[6] = k21; j[7] = k31
        j[9] = k12; j[10] = -k21
        j[13] = k13; j[15] = -k31
        return true
    }
}

extension Workload {
    /// W3 for one subject: restart at each dose, Cp on the 5-min grid from dense output.
    public static func w3(_ s: BenchSubject, options: ODEOptions, workspace: inout ODEWorkspace, stats: inout SolverStatistics,
                          curve: UnsafeMutableBufferPointer<Double>) throws {
        let p = K6Parameters(s)
        let sys = K6MMSystem(p)
        var x = [0.0, 0, 0, 0]
        var times = [Double](repeating: 0, count: 1009)
        for d in 0..<doseSteps.count {
            x[0] += p.doseMg * p.f
            let k0 = doseSteps[d]
            let k1 = d + 1 < doseSteps.count ? doseSteps[d + 1] : steps + 1
            let count = k1 - k0
            for i in 0..<count { times[i] = Double(k0 + i) * stepH }
            let tEnd = Double(k1 == steps + 1 ? steps : k1) * stepH
            let r = try ODESolver.solve(sys, t0: Double(k0) * stepH, x0: x, tEnd: tEnd, outputTimes: Array(times[0..<count]),
                                        options: options, workspace: &workspace, outputStates: [1])
            stats.add(r.stats)
            let scale = 1000 / p.v1
            for i in 0..<count { curve[k0 + i] = scale * r.outputs[i] }
            x = r.final
        }
    }

    public static func w3Metrics(_ subjects: ArraySlice<BenchSubject>, options: ODEOptions, threads: Int,
                                 keepCurvesOfFirst keep: Int = 0) throws -> (metrics: [Metrics], stats: SolverStatistics, curves: [[Double]]) {
        let n = subjects.count
        let acc = Accumulator(count: n, keep: Swift.min(keep, n), method: options.method)
        let chunk = Swift.max(1, n / (Swift.max(1, threads) * 8))
        let chunks = (n + chunk - 1) / chunk
        let work: @Sendable (Int) -> Void = { c in
            var ws = ODEWorkspace(dimension: 4)
            var st = SolverStatistics(methodUsed: options.method)
            var cp = [Double](repeating: 0, count: steps + 1)
            do {
                for i in (c * chunk)..<Swift.min(n, (c + 1) * chunk) {
                    try cp.withUnsafeMutableBufferPointer { try w3(subjects[subjects.startIndex + i], options: options, workspace: &ws, stats: &st, curve: $0) }
                    acc.set(i, metricsFromGrid(cp), curve: i < keep ? cp : nil)
                }
            } catch {
                acc.fail(error)
            }
            acc.add(st)
        }
        if threads <= 1 { for c in 0..<chunks { work(c) } } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: work) }
        if let f = acc.failure { throw f }
        return (acc.metrics, acc.stats, acc.curves)
    }
}

/// Results of parallel chunks, written by subject index under a lock (per subject, not per step).
final class Accumulator: @unchecked Sendable {
    let lock = NSLock()
    var metrics: [Workload.Metrics]
    var curves: [[Double]]
    var stats: SolverStatistics
    var failure: Error?
    init(count: Int, keep: Int, method: ODEMethod) {
        metrics = [Workload.Metrics](repeating: .init(cmax: 0, tmaxSinceDoseH: 0, auc: 0, hoursAbove: 0), count: count)
        curves = [[Double]](repeating: [], count: keep)
        stats = SolverStatistics(methodUsed: method)
    }
    func set(_ i: Int, _ m: Workload.Metrics, curve: [Double]?) {
        lock.lock(); defer { lock.unlock() }
        metrics[i] = m
        if let curve { curves[i] = curve }
    }
    func add(_ s: SolverStatistics) { lock.lock(); stats.add(s); lock.unlock() }
    func fail(_ e: Error) { lock.lock(); failure = e; lock.unlock() }
}

/// K6-MM for `Lanes.scalarCount` subjects at once (one per SIMD lane), for `LaneDormandPrince`.
public struct K6MMLaneSystem: LaneODESystem {
    public var ka = Lanes.zero, invV1 = Lanes.zero, kOut = Lanes.zero, k21 = Lanes.zero, k31 = Lanes.zero
    public var k12 = Lanes.zero, k13 = Lanes.zero, vmax = Lanes.zero, km = Lanes.zero
    public init(_ ps: [K6Parameters]) {
        for (l, p) in ps.enumerated() {
            let s = K6MMSystem(p)
            ka[l] = s.ka; invV1[l] = s.invV1; kOut[l] = s.kOut; k21[l] = s.k21; k31[l] = s.k31
            k12[l] = s.k12; k13[l] = s.k13; vmax[l] = s.vmax; km[l] = s.km
        }
    }
    public var dimension: Int { 4 }

    @inlinable
    public func derivatives(t: Double, state x: UnsafeMutablePointer<Lanes>, into dx: UnsafeMutablePointer<Lanes>) {
        let c = x[1] * invV1
        let elim = vmax * c / (km + c)
        let a0 = ka * x[0]
        dx[0] = -a0
        dx[1] = a0 - elim - kOut * x[1] + k21 * x[2] + k31 * x[3]
        dx[2] = k12 * x[1] - k21 * x[2]
        dx[3] = k13 * x[1] - k31 * x[3]
    }
}

extension Workload {
    /// W3 for up to `Lanes.scalarCount` subjects in lock-step (padded with copies of the last): Cp on the grid per lane.
    public static func w3LaneBatch(_ batch: ArraySlice<BenchSubject>, rtol: Double, atol: Double, stats: inout SolverStatistics) throws -> [[Double]] {
        let lanes = Lanes.scalarCount
        let ps = (0..<lanes).map { K6Parameters(batch[batch.startIndex + Swift.min($0, batch.count - 1)]) }
        let sys = K6MMLaneSystem(ps)
        var amount = Lanes.zero, scale = Lanes.zero
        for (l, p) in ps.enumerated() { amount[l] = p.doseMg * p.f; scale[l] = 1000 / p.v1 }
        var x = [Lanes](repeating: .zero, count: 4)
        var curve = [Lanes](repeating: .zero, count: steps + 1)
        var times = [Double](repeating: 0, count: 1009)
        try curve.withUnsafeMutableBufferPointer { cbuf in
            for d in 0..<doseSteps.count {
                x[0] += amount
                let k0 = doseSteps[d]
                let k1 = d + 1 < doseSteps.count ? doseSteps[d + 1] : steps + 1
                let count = k1 - k0
                for i in 0..<count { times[i] = Double(k0 + i) * stepH }
                let tEnd = Double(k1 == steps + 1 ? steps : k1) * stepH
                x = try times.withUnsafeBufferPointer { tb in
                    try LaneDormandPrince.solve(sys, t0: Double(k0) * stepH, x0: x, tEnd: tEnd,
                                                outputTimes: UnsafeBufferPointer(rebasing: tb[0..<count]), outputState: 1,
                                                rtol: rtol, atol: atol, into: cbuf.baseAddress! + k0, stats: &stats)
                }
            }
        }
        return (0..<batch.count).map { l in curve.map { $0[l] * scale[l] } }
    }

    /// W3 on the lane solver over `subjects`, in parallel chunks of batches; results by index.
    public static func w3LaneMetrics(_ subjects: ArraySlice<BenchSubject>, rtol: Double, atol: Double, threads: Int,
                                     keepCurvesOfFirst keep: Int = 0) throws -> (metrics: [Metrics], stats: SolverStatistics, curves: [[Double]]) {
        let n = subjects.count, lanes = Lanes.scalarCount
        let batches = (n + lanes - 1) / lanes
        let acc = Accumulator(count: n, keep: Swift.min(keep, n), method: .dormandPrince54)
        let chunk = Swift.max(1, batches / (Swift.max(1, threads) * 8))
        let chunks = (batches + chunk - 1) / chunk
        let work: @Sendable (Int) -> Void = { c in
            var st = SolverStatistics(methodUsed: .dormandPrince54)
            do {
                for b in (c * chunk)..<Swift.min(batches, (c + 1) * chunk) {
                    let lo = b * lanes, hi = Swift.min(n, lo + lanes)
                    let curves = try w3LaneBatch(subjects[(subjects.startIndex + lo)..<(subjects.startIndex + hi)], rtol: rtol, atol: atol, stats: &st)
                    for (j, cp) in curves.enumerated() { acc.set(lo + j, metricsFromGrid(cp), curve: lo + j < keep ? cp : nil) }
                }
            } catch { acc.fail(error) }
            acc.add(st)
        }
        if threads <= 1 { for c in 0..<chunks { work(c) } } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: work) }
        if let f = acc.failure { throw f }
        return (acc.metrics, acc.stats, acc.curves)
    }
}
