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
