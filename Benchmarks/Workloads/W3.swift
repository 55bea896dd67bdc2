import Foundation
import PKCore

/// K6 with Michaelis–Menten elimination (W3) as a concrete `ODESystem`: the four states Cp depends
/// on (depot, central, shallow, deep); norketamine and Ce do not feed back. Analytic Jacobian.
public struct K6MMSystem: ODESystem {
    public let ka: Double, v1: Double, q2: Double, v2: Double, q3: Double, v3: Double, vmax: Double, km: Double
    public init(_ p: K6Parameters) {
        ka = p.ka; v1 = p.v1; q2 = p.q2; v2 = p.v2; q3 = p.q3; v3 = p.v3; vmax = p.vmax; km = p.km
    }
    public var dimension: Int { 4 }
    public var isAutonomous: Bool { true }

    @inlinable
    public func derivatives(t: Double, state x: UnsafeBufferPointer<Double>, into dx: UnsafeMutableBufferPointer<Double>) {
        let c = x[1] / v1
        let elim = vmax * c / (km + c)
        dx[0] = -ka * x[0]
        dx[1] = ka * x[0] - elim - (q2 + q3) / v1 * x[1] + q2 / v2 * x[2] + q3 / v3 * x[3]
        dx[2] = q2 / v1 * x[1] - q2 / v2 * x[2]
        dx[3] = q3 / v1 * x[1] - q3 / v3 * x[3]
    }

    @inlinable
    public func jacobian(t: Double, state x: UnsafeBufferPointer<Double>, into j: UnsafeMutableBufferPointer<Double>) -> Bool {
        let c = x[1] / v1
        let dElim = vmax * km / ((km + c) * (km + c)) / v1
        for i in 0..<16 { j[i] = 0 }
        j[0] = -ka
        j[4] = ka; j[5] = -dElim - (q2 + q3) / v1; j[6] = q2 / v2; j[7] = q3 / v3
        j[9] = q2 / v1; j[10] = -q2 / v2
        j[13] = q3 / v1; j[15] = -q3 / v3
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
                                        options: options, workspace: &workspace)
            stats.add(r.stats)
            for i in 0..<count { curve[k0 + i] = 1000 * r.outputs[i * 4 + 1] / p.v1 }
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
