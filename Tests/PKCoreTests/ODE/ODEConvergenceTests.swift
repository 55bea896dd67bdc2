import Testing
@testable import PKCore

/// Observed order with fixed steps on y′ = −y + sin t, y(0) = 1, t ∈ [0, 2], calling the steppers
/// directly (no step control). Errors at the end point and, through dense output, at every step
/// midpoint, for h = 0.2, 0.1, 0.05.
@Suite("ODE convergence order")
struct ODEConvergenceTests {
    static let y0 = 1.0, tEnd = 2.0

    /// (|error at tEnd|, max |error at step midpoints via dense output|) with `steps` fixed steps.
    static func fixedStepErrors(_ method: ActiveMethod, steps: Int) -> (end: Double, mid: Double) {
        let system = ODEForcedDecay()
        var workspace = ODEWorkspace(dimension: 1)
        let h = tEnd / Double(steps)
        return workspace.withBuffers { b in
            b.y[0] = y0
            b.rtol[0] = 1e-6
            b.atol[0] = 1e-6
            var midError = 0.0
            var t = 0.0
            var mid = 0.0
            for step in 0..<steps {
                t = Double(step) * h
                system.evaluate(t, b.y, into: b.k1, count: 1)
                switch method {
                case .dormandPrince:
                    _ = DormandPrince54.step(system, t: t, h: h, b)
                    DormandPrince54.prepareDense(h: h, b)
                case .rosenbrock:
                    _ = Rosenbrock.evaluateJacobian(system, t: t, b)
                    #expect(Rosenbrock.factor(h: h, b))
                    _ = Rosenbrock.step(system, t: t, h: h, autonomous: false, b)
                    Rosenbrock.prepareDense(b)
                }
                withUnsafeMutablePointer(to: &mid) { out in [0].withUnsafeBufferPointer { DenseOutput.evaluate(method, theta: 0.5, b, selected: $0, into: out) } }
                midError = max(midError, abs(mid - ODEForcedDecay.exact(t + 0.5 * h, y0: y0)))
                b.y[0] = b.y1[0]
            }
            return (abs(b.y[0] - ODEForcedDecay.exact(tEnd, y0: y0)), midError)
        }
    }

    /// log2 of successive error ratios for 10, 20, 40 steps.
    static func observedOrders(_ method: ActiveMethod) -> (end: [Double], mid: [Double]) {
        let e = [10, 20, 40].map { fixedStepErrors(method, steps: $0) }
        let end = (0..<2).map { log2(e[$0].end / e[$0 + 1].end) }
        let mid = (0..<2).map { log2(e[$0].mid / e[$0 + 1].mid) }
        return (end, mid)
    }

    @Test func dormandPrinceIsFifthOrder() {
        let orders = Self.observedOrders(.dormandPrince)
        for p in orders.end { #expect(p >= 4.7 && p <= 5.6, "end-point order \(p)") }
        // Dense output is a 4th-order continuous extension: local error O(h⁵) ⇒ global O(h⁴) or better.
        for p in orders.mid { #expect(p >= 3.7, "midpoint order \(p)") }
    }

    @Test func rodas4IsFourthOrder() {
        let orders = Self.observedOrders(.rosenbrock)
        for p in orders.end { #expect(p >= 3.7 && p <= 4.8, "end-point order \(p)") }
        // 3rd-order dense output: local error O(h⁴).
        for p in orders.mid { #expect(p >= 2.7, "midpoint order \(p)") }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
