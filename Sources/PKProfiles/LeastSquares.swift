import Foundation

/// The result of a weighted least-squares fit (`LevenbergMarquardt.fit`).
public struct LeastSquaresFit: Sendable, Equatable {
    /// Fitted parameters (natural scale).
    public var parameters: [Double]
    /// Standard errors of the log parameters, from the Jacobian at the optimum: the square roots of the
    /// diagonal of (JᵀWJ)⁻¹, scaled by the residual variance SSE/(n−k) when `scaleByResidualVariance`.
    public var logStandardErrors: [Double]
    /// Standard errors on the natural scale (delta method: p · SE(log p)).
    public var standardErrors: [Double] { zip(parameters, logStandardErrors).map { $0 * $1 } }
    /// Weighted residuals √w·(y − f) at the optimum.
    public var residuals: [Double]
    /// Weighted sum of squares at the optimum.
    public var sse: Double
    public var iterations: Int
    public var converged: Bool
}

/// A small Levenberg–Marquardt fitter for weighted least squares on an exact model.
///
/// Minimises Σ wᵢ (yᵢ − fᵢ(p))² over positive parameters p, searched in log space (θ = ln p), with a
/// forward-difference Jacobian in θ and Marquardt's scaling of the damping by diag(JᵀWJ). Standard
/// errors come from (JᵀWJ)⁻¹ at the optimum: with weights 1/SD² of the observations (known spread),
/// leave `scaleByResidualVariance` false; with relative weights, set it to scale by SSE/(n−k).
public enum LevenbergMarquardt {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public static func fit(
        initial: [Double], observed y: [Double], weights w: [Double]? = nil,
        scaleByResidualVariance: Bool = false, maxIterations: Int = 200, tolerance: Double = 1e-10,
        model f: ([Double]) throws -> [Double]
    ) throws -> LeastSquaresFit {
        let k = initial.count, n = y.count
        let weights = w ?? Array(repeating: 1, count: n)
        guard k > 0, n > 0, weights.count == n else { throw Failure(description: "least squares: need parameters, observations and one weight per observation") }
        guard initial.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw Failure(description: "least squares: initial parameters must be positive (log space): \(initial)") }
        guard weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else { throw Failure(description: "least squares: weights must be finite and >= 0") }
        let sw = weights.map { $0.squareRoot() }

        func residuals(_ theta: [Double]) throws -> [Double]? {
            let p = theta.map { Foundation.exp($0) }
            let fx = try f(p)
            guard fx.count == n else { throw Failure(description: "least squares: model returned \(fx.count) values for \(n) observations") }
            let r = (0..<n).map { sw[$0] * (y[$0] - fx[$0]) }
            return r.allSatisfy(\.isFinite) ? r : nil
        }
        func sumSq(_ r: [Double]) -> Double { r.reduce(0) { $0 + $1 * $1 } }
        /// Jacobian of the weighted residuals with respect to θ (n × k), forward differences.
        func jacobian(_ theta: [Double], _ r0: [Double]) throws -> [[Double]] {
            var jac = Array(repeating: Array(repeating: 0.0, count: k), count: n)
            for j in 0..<k {
                let h = 1e-6 * Swift.max(1, abs(theta[j]))
                var t = theta
                t[j] += h
                guard let r1 = try residuals(t) else { throw Failure(description: "least squares: model not finite near the current parameters") }
                for i in 0..<n { jac[i][j] = (r1[i] - r0[i]) / h }
            }
            return jac
        }
        func normal(_ jac: [[Double]], _ r: [Double]) -> (a: [[Double]], g: [Double]) {
            var a = Array(repeating: Array(repeating: 0.0, count: k), count: k)
            var g = Array(repeating: 0.0, count: k)
            for i in 0..<n {
                for p in 0..<k {
                    // r = √w(y − f), so ∂r/∂θ = −√w ∂f/∂θ; the Gauss–Newton step solves (JᵀJ) δ = −Jᵀr.
                    g[p] -= jac[i][p] * r[i]
                    for q in 0..<k { a[p][q] += jac[i][p] * jac[i][q] }
                }
            }
            return (a, g)
        }

        var theta = initial.map { Foundation.log($0) }
        guard var r = try residuals(theta) else { throw Failure(description: "least squares: model not finite at the initial parameters") }
        var s = sumSq(r)
        var lambda = 1e-3
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            iterations += 1
            let jac = try jacobian(theta, r)
            let (a, g) = normal(jac, r)
            var improved = false
            for _ in 0..<30 {
                var damped = a
                for p in 0..<k { damped[p][p] += lambda * Swift.max(a[p][p], 1e-12) }
                guard let step = solve(damped, g) else { lambda *= 10; continue }
                let trial = zip(theta, step).map { $0 + $1 }
                if let rt = try residuals(trial) {
                    let st = sumSq(rt)
                    if st <= s {
                        let relDrop = (s - st) / Swift.max(s, 1e-300)
                        let stepSize = step.map { abs($0) }.max() ?? 0
                        theta = trial; r = rt; s = st
                        lambda = Swift.max(lambda / 10, 1e-12)
                        improved = true
                        if relDrop < tolerance || stepSize < 1e-9 { converged = true }
                        break
                    }
                }
                lambda *= 10
            }
            if !improved { converged = true; break }   // no descent direction left: at a minimum
            if converged { break }
        }
        let jac = try jacobian(theta, r)
        let (a, _) = normal(jac, r)
        guard let cov = invert(a) else { throw Failure(description: "least squares: JᵀWJ is singular at the optimum (a parameter is not identified by the data)") }
        let scale = scaleByResidualVariance && n > k ? s / Double(n - k) : 1
        let se = (0..<k).map { (Swift.max(cov[$0][$0], 0) * scale).squareRoot() }
        return LeastSquaresFit(parameters: theta.map { Foundation.exp($0) }, logStandardErrors: se, residuals: r, sse: s,
                               iterations: iterations, converged: converged)
    }

    /// Solves a small dense system by Gaussian elimination with partial pivoting (nil if singular).
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        let n = b.count
        var m = a, x = b
        for c in 0..<n {
            guard let piv = (c..<n).max(by: { abs(m[$0][c]) < abs(m[$1][c]) }), abs(m[piv][c]) > 1e-300 else { return nil }
            m.swapAt(c, piv); x.swapAt(c, piv)
            for r in (c + 1)..<n {
                let fct = m[r][c] / m[c][c]
                if fct == 0 { continue }
                for q in c..<n { m[r][q] -= fct * m[c][q] }
                x[r] -= fct * x[c]
            }
        }
        for c in stride(from: n - 1, through: 0, by: -1) {
            var v = x[c]
            for q in (c + 1)..<n { v -= m[c][q] * x[q] }
            x[c] = v / m[c][c]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }

    static func invert(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        var cols: [[Double]] = []
        for j in 0..<n {
            var e = Array(repeating: 0.0, count: n)
            e[j] = 1
            guard let c = solve(a, e) else { return nil }
            cols.append(c)
        }
        return (0..<n).map { i in (0..<n).map { j in cols[j][i] } }
    }
}
