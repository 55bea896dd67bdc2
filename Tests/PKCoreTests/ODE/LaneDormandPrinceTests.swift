import Foundation
import Testing
@testable import PKCore
import TestSupport

/// One-compartment oral model with a different KA and k in every lane.
struct LaneOral: LaneODESystem {
    var ka: Lanes, k: Lanes
    var dimension: Int { 2 }
    func derivatives(t: Double, state x: UnsafeMutablePointer<Lanes>, into dx: UnsafeMutablePointer<Lanes>) {
        dx[0] = -ka * x[0]
        dx[1] = ka * x[0] - k * x[1]
    }
}

@Suite("DOPRI5 on SIMD lanes")
struct LaneDormandPrinceTests {
    // Eight cases; with 4 lanes the kernel runs them in two batches.
    static let kaAll: [Double] = [0.5, 1, 2, 4, 8, 0.1, 0.1 * (1 + 1e-9), 30]
    static let kAll: [Double] = [0.1, 0.1, 0.3, 1, 0.05, 0.1, 0.1, 2]
    static let times = (0...240).map { Double($0) * 0.1 }

    static func lanes(_ v: [Double], batch: Int) -> Lanes {
        var l = Lanes.zero
        for i in 0..<Lanes.scalarCount { l[i] = v[Swift.min(v.count - 1, batch * Lanes.scalarCount + i)] }
        return l
    }
    static var batches: Int { (kaAll.count + Lanes.scalarCount - 1) / Lanes.scalarCount }

    func solve(rtol: Double, batch: Int) throws -> [Lanes] {
        var out = [Lanes](repeating: .zero, count: LaneDormandPrinceTests.times.count)
        var stats = SolverStatistics(methodUsed: .dormandPrince54)
        _ = try LaneDormandPrinceTests.times.withUnsafeBufferPointer { tb in
            try out.withUnsafeMutableBufferPointer { ob in
                try LaneDormandPrince.solve(LaneOral(ka: Self.lanes(Self.kaAll, batch: batch), k: Self.lanes(Self.kAll, batch: batch)), t0: 0,
                                            x0: [Lanes(repeating: 100), .zero], tEnd: 24, outputTimes: tb, outputState: 1,
                                            rtol: rtol, atol: 1e-12, into: ob.baseAddress!, stats: &stats)
            }
        }
        #expect(stats.acceptedSteps > 0 && stats.rhsEvaluations == 1 + 6 * (stats.acceptedSteps + stats.rejectedSteps))
        return out
    }

    @Test("a NaN in one lane is an error, not a silently accepted step (review: the lane reductions skip NaN)")
    func nanInOneLaneThrows() throws {
        var ka = Lanes(repeating: 1), k = Lanes(repeating: 0.1)
        ka[1] = .nan
        k[1] = 0.2
        var out = [Lanes](repeating: .zero, count: Self.times.count)
        var stats = SolverStatistics(methodUsed: .dormandPrince54)
        #expect(throws: ODEError.self) {
            _ = try Self.times.withUnsafeBufferPointer { tb in
                try out.withUnsafeMutableBufferPointer { ob in
                    try LaneDormandPrince.solve(LaneOral(ka: ka, k: k), t0: 0, x0: [Lanes(repeating: 100), .zero], tEnd: 24, outputTimes: tb,
                                                outputState: 1, rtol: 1e-6, atol: 1e-12, into: ob.baseAddress!, stats: &stats)
                }
            }
        }
    }

    @Test("every lane meets the tolerance against the Bateman closed form at the dense-output points", arguments: [1e-6, 1e-9])
    func bateman(rtol: Double) throws {
        for batch in 0..<Self.batches {
        let out = try solve(rtol: rtol, batch: batch)
        let ka = Self.lanes(Self.kaAll, batch: batch), k = Self.lanes(Self.kAll, batch: batch)
        for lane in 0..<Lanes.scalarCount {
            var worst = 0.0, peak = 0.0
            for (i, t) in LaneDormandPrinceTests.times.enumerated() {
                let ref = ClosedForm.oral1(doseMg: 100, vL: 1, ka: ka[lane], k: k[lane], t: t)
                peak = max(peak, ref)
                if ref > 1e-3 * peak { worst = max(worst, abs(out[i][lane] - ref) / ref) }
            }
            // Local error control plus a 4th-order interpolant: within 10 × rtol on this damped system.
            #expect(worst <= 10 * rtol, "batch \(batch) lane \(lane): \(worst)")
        }
        }
    }

    @Test("bad tolerances and too few steps are named errors")
    func errors() throws {
        var out = [Lanes](repeating: .zero, count: 1)
        var stats = SolverStatistics(methodUsed: .dormandPrince54)
        let sys = LaneOral(ka: Self.lanes(Self.kaAll, batch: 0), k: Self.lanes(Self.kAll, batch: 0))
        try [24.0].withUnsafeBufferPointer { tb in
            try out.withUnsafeMutableBufferPointer { ob in
                #expect(throws: ODEError.self) {
                    _ = try LaneDormandPrince.solve(sys, t0: 0, x0: [Lanes(repeating: 1), .zero], tEnd: 24, outputTimes: tb, outputState: 1,
                                                    rtol: 0, atol: 0, into: ob.baseAddress!, stats: &stats)
                }
                do {
                    _ = try LaneDormandPrince.solve(sys, t0: 0, x0: [Lanes(repeating: 1), .zero], tEnd: 24, outputTimes: tb, outputState: 1,
                                                    rtol: 1e-10, atol: 1e-14, maxSteps: 5, into: ob.baseAddress!, stats: &stats)
                    Issue.record("expected maxStepsExceeded")
                } catch let e as ODEError {
                    if case .maxStepsExceeded = e {} else { Issue.record("got \(e)") }
                }
            }
        }
    }

    @Test("the inlined lane max and min/max reductions give the stdlib's bits (NaN, infinities, signed zeros included)")
    func laneReductionsMatchStdlib() {
        var rng = SplitMix64(state: 17)
        let special: [Double] = [.nan, -.nan, .infinity, -.infinity, 0, -0.0, 1, -1, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        for _ in 0..<20_000 {
            var a = Lanes(), b = Lanes()
            for l in 0..<Lanes.scalarCount {
                a[l] = rng.below(3) == 0 ? rng.pick(special) : rng.uniform(-2, 2)
                b[l] = rng.below(4) == 0 ? a[l] : (rng.below(3) == 0 ? rng.pick(special) : rng.uniform(-2, 2))
            }
            let m = LaneDormandPrince.laneMax(a, b), ref = pointwiseMax(a, b)
            for l in 0..<Lanes.scalarCount { #expect(m[l].bitPattern == ref[l].bitPattern, "max \(a) \(b)") }
            #expect(LaneDormandPrince.laneReduceMin(a).bitPattern == a.min().bitPattern, "min \(a)")
            #expect(LaneDormandPrince.laneReduceMax(a).bitPattern == a.max().bitPattern, "max \(a)")
        }
    }
}
