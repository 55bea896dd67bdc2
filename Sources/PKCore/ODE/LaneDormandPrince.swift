#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An ODE system evaluated for several subjects at once, one per SIMD lane (`Lanes`): the form that lets
/// a population of the same model be integrated in lock-step.
public protocol LaneODESystem {
    /// Number of state variables n.
    var dimension: Int { get }
    /// f(t, x) for every lane into `dx` (n lanes vectors). Must not allocate.
    func derivatives(t: Double, state x: UnsafeMutablePointer<Lanes>, into dx: UnsafeMutablePointer<Lanes>)
    /// Storage the solver should work in, when `derivatives` is cheapest from and into it (an
    /// interpreted model's register file): `storageBlockCount` blocks of `dimension` vectors, in the
    /// order y, y1, stage state, k1 ... k7, scratch (RHS calls read the stage state or y1 and write a
    /// k block). nil (the default): the solver allocates its own. Contents need not survive a solve.
    var solverStorage: UnsafeMutablePointer<Lanes>? { get }
    /// f(t, x) for Dormand–Prince stage `stage` (1 ... 6: into k2 ... k7; t in the system's time
    /// unit, h for ketasim's models, x in its state units, f per that time unit): `x` is the stage-state
    /// block (stages 1 to 5) or y1 (stage 6) and `dx` the k block of that stage, in the solver's
    /// storage. The same values as `derivatives(t:state:into:)` with these pointers (the default
    /// calls it); a system working in its own `solverStorage` knows the blocks from the stage.
    func stageDerivatives(t: Double, stage: Int, state x: UnsafeMutablePointer<Lanes>, into dx: UnsafeMutablePointer<Lanes>)
}

extension LaneODESystem {
    /// No storage of the system's: the solver allocates its own.
    public var solverStorage: UnsafeMutablePointer<Lanes>? { nil }

    /// `derivatives(t:state:into:)`.
    @inlinable @inline(__always)
    public func stageDerivatives(t: Double, stage: Int, state x: UnsafeMutablePointer<Lanes>, into dx: UnsafeMutablePointer<Lanes>) {
        derivatives(t: t, state: x, into: dx)
    }
}

/// Dormand–Prince 5(4) for `Lanes.scalarCount` subjects in lock-step: the same tableau, error estimate and PI step
/// control as `DormandPrince54` (Hairer, Nørsett & Wanner I §II.4–II.6), with one step size for all
/// lanes, chosen from the largest scaled error over the lanes, so every lane meets its tolerance
/// (a lane never takes a longer step than it would alone). Dense output (the 4th-order continuous
/// extension) of one state at shared output times, without shortening steps to hit them.
public enum LaneDormandPrince {
    /// Blocks of `dimension` vectors the solver works in (`LaneODESystem.solverStorage`): y, y1,
    /// stage state, k1 ... k7, scratch.
    public static let storageBlockCount = 11

    /// Thrown by `solve(detectStiffness: true)` when Hairer's stiffness test has fired (h·ρ > 3.25 on
    /// 15 accepted steps without 6 consecutive non-stiff ones, over the largest lane) and the solve
    /// has taken more than `stiffStepBudget` step attempts: the caller reruns the group on a stiff solver.
    public struct LaneStiffnessDetected: Error, Sendable {
        /// Time (h) of the step that declared stiffness.
        public var t: Double
        @usableFromInline init(t: Double) { self.t = t }
    }

    /// Integrates from (t0, x0) to tEnd. Writes state `outputState` at each of `outputTimes` (sorted,
    /// within [t0, tEnd]) into `out`; returns x(tEnd). Throws `ODEError` like `ODESolver`.
    @inlinable
    public static func solve<S: LaneODESystem>(
        _ system: S, t0: Double, x0: [Lanes], tEnd: Double, outputTimes: UnsafeBufferPointer<Double>, outputState: Int,
        rtol: Double, atol: Double, maxSteps: Int = 100_000, detectStiffness: Bool = false, stiffStepBudget: Int = 2_000,
        into out: UnsafeMutablePointer<Lanes>, stats: inout SolverStatistics
    ) throws -> [Lanes] {
        typealias C = DormandPrince54Coefficients
        let n = system.dimension
        precondition(x0.count == n && outputState >= 0 && outputState < n, "sizes")
        guard rtol > 0 || atol > 0, rtol >= 0, atol >= 0 else { throw ODEError.invalidTolerance("rtol \(rtol), atol \(atol)") }
        let given = system.solverStorage
        var storage = [Lanes](repeating: .zero, count: given == nil ? storageBlockCount * n : 0)
        return try storage.withUnsafeMutableBufferPointer { buf -> [Lanes] in
            let base = given ?? buf.baseAddress!
            let y = base, y1 = base + n, s = base + 2 * n
            let k1 = base + 3 * n, k2 = base + 4 * n, k3 = base + 5 * n, k4 = base + 6 * n
            let k5 = base + 7 * n, k6 = base + 8 * n, k7 = base + 9 * n
            for i in 0..<n { y[i] = x0[i] }
            var nextOut = 0
            while nextOut < outputTimes.count && outputTimes[nextOut] <= t0 { out[nextOut] = y[outputState]; nextOut += 1 }
            if tEnd <= t0 { return Array(UnsafeBufferPointer(start: y, count: n)) }
            system.derivatives(t: t0, state: y, into: k1)
            stats.rhsEvaluations += 1
            let rt = Lanes(repeating: rtol), at = Lanes(repeating: atol)
            // Initial step (HNW I §II.4), the smallest over the lanes.
            var d0 = Lanes.zero, d1 = Lanes.zero
            for i in 0..<n {
                let sc = at + rt * y[i].replacing(with: -y[i], where: y[i] .< 0)
                d0 += (y[i] / sc) * (y[i] / sc)
                d1 += (k1[i] / sc) * (k1[i] / sc)
            }
            var h = tEnd - t0
            for l in 0..<Lanes.scalarCount {
                let a = d0[l], b = d1[l]
                let hl = (a <= 1e-10 || b <= 1e-10) ? 1e-6 : 0.01 * (a / b).squareRoot()
                h = Swift.min(h, hl)
            }
            var controller = PIStepController(k: DormandPrince54.controllerExponentBase)
            var stiffness = StiffnessDetector()
            var declaredStiff = false
            var t = t0
            var attempts = 0
            let roundoff = 10 * Double.ulpOfOne * Swift.max(Swift.abs(t0), Swift.abs(tEnd))
            while true {
                guard attempts < maxSteps else { throw ODEError.maxStepsExceeded(t: t, steps: attempts) }
                attempts += 1
                var hs = h
                let last = t + 1.0001 * hs >= tEnd
                if last { hs = tEnd - t } else if hs <= roundoff { throw ODEError.stepSizeUnderflow(t: t, h: hs) }
                let hv = Lanes(repeating: hs)
                for i in 0..<n { s[i] = y[i] + hv * (C.a21 * k1[i]) }
                system.stageDerivatives(t: t + C.c2 * hs, stage: 1, state: s, into: k2)
                for i in 0..<n { s[i] = y[i] + hv * (C.a31 * k1[i] + C.a32 * k2[i]) }
                system.stageDerivatives(t: t + C.c3 * hs, stage: 2, state: s, into: k3)
                for i in 0..<n { s[i] = y[i] + hv * (C.a41 * k1[i] + C.a42 * k2[i] + C.a43 * k3[i]) }
                system.stageDerivatives(t: t + C.c4 * hs, stage: 3, state: s, into: k4)
                for i in 0..<n { s[i] = y[i] + hv * (C.a51 * k1[i] + C.a52 * k2[i] + C.a53 * k3[i] + C.a54 * k4[i]) }
                system.stageDerivatives(t: t + C.c5 * hs, stage: 4, state: s, into: k5)
                for i in 0..<n { s[i] = y[i] + hv * (C.a61 * k1[i] + C.a62 * k2[i] + C.a63 * k3[i] + C.a64 * k4[i] + C.a65 * k5[i]) }
                let tNew = last ? tEnd : t + hs
                system.stageDerivatives(t: tNew, stage: 5, state: s, into: k6)
                for i in 0..<n { y1[i] = y[i] + hv * (C.b1 * k1[i] + C.b3 * k3[i] + C.b4 * k4[i] + C.b5 * k5[i] + C.b6 * k6[i]) }
                system.stageDerivatives(t: tNew, stage: 6, state: y1, into: k7)
                stats.rhsEvaluations += 6
                var sum = Lanes.zero
                // Every lane finite (x·0 is 0 only for finite x, and a sum of zeros stays 0 while a
                // NaN or ±inf term makes it NaN): the lane reductions skip NaN (IEEE minNum/maxNum),
                // so they cannot tell (review).
                var zeros = Lanes.zero
                // The stiffness test's sums (below), in the same loop while the stages are at hand.
                var num = Lanes.zero, den = Lanes.zero
                for i in 0..<n {
                    let err = hv * (C.e1 * k1[i] + C.e3 * k3[i] + C.e4 * k4[i] + C.e5 * k5[i] + C.e6 * k6[i] + C.e7 * k7[i])
                    let ay = y[i].replacing(with: -y[i], where: y[i] .< 0), ay1 = y1[i].replacing(with: -y1[i], where: y1[i] .< 0)
                    let r = err / (at + rt * laneMax(ay, ay1))
                    sum += r * r
                    zeros += y1[i] * 0 + r * 0
                    if detectStiffness {
                        let a = k7[i] - k6[i], b = y1[i] - s[i]
                        num += a * a
                        den += b * b
                    }
                }
                let finite = all(zeros .== Lanes.zero)
                // The largest RMS error over the lanes decides.
                let e = (laneReduceMax(sum) / Double(n)).squareRoot()
                guard finite && e.isFinite else {
                    stats.rejectedSteps += 1
                    controller.forcedRejection()
                    h = 0.1 * hs
                    if attempts > 8 && h <= roundoff { throw ODEError.nonFiniteState(t: t, index: 0) }
                    continue
                }
                guard e <= 1 else {
                    stats.rejectedSteps += 1
                    h = controller.rejected(err: e, h: hs)
                    continue
                }
                stats.acceptedSteps += 1
                if detectStiffness {
                    // Hairer's test (dopri5.f) on the lane with the largest h·ρ: ρ ≈ ‖k7 − k6‖/‖y1 − s6‖
                    // (num, den above). hs·√q is nondecreasing in q, so the largest h·ρ is hs·√ of the
                    // largest quotient (NaN quotients skipped alike by `max`): the same bits, one root.
                    var q = 0.0
                    for l in 0..<Lanes.scalarCount where den[l] > 0 { q = Swift.max(q, num[l] / den[l]) }
                    let hRho = hs * q.squareRoot()
                    if stiffness.update(hRho: hRho) { declaredStiff = true }
                    // Mild stiffness (steps at the stability boundary in a washout) costs less on
                    // lanes than a stiff solver per subject; only a stiff solve that also runs long does not.
                    if declaredStiff && attempts > stiffStepBudget { throw LaneStiffnessDetected(t: tNew) }
                }
                if nextOut < outputTimes.count && outputTimes[nextOut] <= tNew {
                    // Continuous extension of the output state only (dopri5.f contd5).
                    let o = outputState
                    let ydiff = y1[o] - y[o]
                    let bspl = hv * k1[o] - ydiff
                    let c3 = ydiff - hv * k7[o] - bspl
                    let c5 = hv * (C.d1 * k1[o] + C.d3 * k3[o] + C.d4 * k4[o] + C.d5 * k5[o] + C.d6 * k6[o] + C.d7 * k7[o])
                    let invH = 1 / hs
                    while nextOut < outputTimes.count && outputTimes[nextOut] <= tNew {
                        let th = Swift.min(1, Swift.max(0, (outputTimes[nextOut] - t) * invH))
                        let th1 = 1 - th
                        out[nextOut] = y[o] + th * (ydiff + th1 * (bspl + th * (c3 + th1 * c5)))
                        nextOut += 1
                    }
                }
                for i in 0..<n { y[i] = y1[i]; k1[i] = k7[i] }
                t = tNew
                if last { break }
                h = controller.accepted(err: e, h: hs)
            }
            return Array(UnsafeBufferPointer(start: y, count: n))
        }
    }

    // The stdlib's `pointwiseMax` and SIMD `min()`/`max()` on floating-point lanes, written out with the
    // same scalar operations (`Double.maximum`/`minimum`, folds from lane 0 over every lane) so they
    // inline here instead of being calls per state per step: the results are the same bits.

    /// `pointwiseMax(a, b)`: `Double.maximum` lane by lane.
    @inlinable @inline(__always)
    static func laneMax(_ a: Lanes, _ b: Lanes) -> Lanes {
        var o = Lanes()
        for l in 0..<Lanes.scalarCount { o[l] = Double.maximum(a[l], b[l]) }
        return o
    }

    /// `v.min()`: a fold of `Double.minimum` from lane 0 over every lane.
    @inlinable @inline(__always)
    static func laneReduceMin(_ v: Lanes) -> Double {
        var m = v[0]
        for l in 0..<Lanes.scalarCount { m = Double.minimum(m, v[l]) }
        return m
    }

    /// `v.max()`: a fold of `Double.maximum` from lane 0 over every lane.
    @inlinable @inline(__always)
    static func laneReduceMax(_ v: Lanes) -> Double {
        var m = v[0]
        for l in 0..<Lanes.scalarCount { m = Double.maximum(m, v[l]) }
        return m
    }
}
