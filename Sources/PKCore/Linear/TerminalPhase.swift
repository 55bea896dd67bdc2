/// The terminal (slowest) disposition rate of a linear model, from its rate matrix alone, so the
/// terminal half-life does not depend on how long a simulation ran.
///
/// The disposition of an output is the strongly connected block of the rate matrix that holds the
/// output's state: for CP of a mammillary model, the central compartment and its peripherals. States
/// only feeding it (absorption depots) or only fed by it (metabolite, effect site) are not part of
/// it. K restricted to that block is a compartmental (Metzler) matrix, so its eigenvalue with the
/// largest real part is real (Perron–Frobenius); it is found by power iteration on (−K_b)⁻¹, whose
/// Perron root is 1/|λ_slowest|, and polished by Newton's method on det(λI − K_b).
public enum TerminalPhase {
    /// The states of the strongly connected block of `k` that contains `state`, ascending.
    public static func dispositionBlock(_ k: Matrix, state: Int) -> [Int] {
        let n = k.rows
        // Forward (state reaches j) and backward (j reaches state) searches; edge j → i for K[i, j] ≠ 0.
        func search(forward: Bool) -> [Bool] {
            var seen = [Bool](repeating: false, count: n)
            var stack = [state]
            seen[state] = true
            while let s = stack.popLast() {
                for t in 0..<n where !seen[t] && t != s && (forward ? k[t, s] : k[s, t]) != 0 {
                    seen[t] = true
                    stack.append(t)
                }
            }
            return seen
        }
        let f = search(forward: true), b = search(forward: false)
        return (0..<n).filter { f[$0] && b[$0] }
    }

    /// |λ| (1/h) of the slowest eigenvalue of the disposition block of `state`; nil when the block
    /// has no elimination (singular) or the iteration fails.
    public static func slowestRatePerH(_ k: Matrix, state: Int) -> Double? {
        let block = dispositionBlock(k, state: state)
        let n = block.count
        var kb = Matrix(rows: n, cols: n)
        for (p, i) in block.enumerated() { for (q, j) in block.enumerated() { kb[p, q] = k[i, j] } }
        if n == 1 { return kb[0, 0] < 0 ? -kb[0, 0] : nil }
        guard let lu = LUDecomposition(-1 * kb), lu.pivotRatio > 1e-14 else { return nil }
        // Power iteration on M = (−K_b)⁻¹ from a positive vector.
        var x = [Double](repeating: 1, count: n)
        var rho = 0.0
        for _ in 0..<20_000 {
            let y = lu.solve(x)
            let norm = y.reduce(0) { Swift.max($0, abs($1)) }
            guard norm.isFinite, norm > 0 else { return nil }
            let change = abs(norm - rho)
            rho = norm
            x = y.map { $0 / norm }
            if change <= 1e-13 * norm { break }
        }
        guard rho > 0 else { return nil }
        // Newton on p(λ) = det(λI − K_b): λ ← λ − 1 / tr((λI − K_b)⁻¹).
        var lambda = -1 / rho
        for _ in 0..<8 {
            var a = Matrix.identity(n)
            a = lambda * a - kb
            guard let f = LUDecomposition(a) else { break }
            let inv = f.solve(Matrix.identity(n))
            var tr = 0.0
            for i in 0..<n { tr += inv[i, i] }
            guard tr.isFinite, tr != 0 else { break }
            let next = lambda - 1 / tr
            guard next.isFinite, next < 0, abs(next - lambda) < 0.1 * abs(lambda) else { break }
            let done = abs(next - lambda) <= 1e-15 * abs(lambda)
            lambda = next
            if done { break }
        }
        return -lambda
    }
}
