#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The block structure of a reducible square matrix A, used by `MatrixExponential` to recompute the
/// diagonal blocks of e^{A/2^j} exactly after every squaring (see `MatrixExponential`).
///
/// Graph: an edge j → i for every off-diagonal A[i, j] ≠ 0 (state j flows into state i). e^{A}[i, j]
/// is zero unless j reaches i; the strongly connected components are the diagonal blocks of A in a
/// topological order, and the same blocks of e^{A} are the exponentials of A's blocks.
struct ReducibleStructure {
    /// Strongly connected components: their state indices (ascending).
    let blocks: [[Int]]
    /// reach[i * n + j]: j reaches i (or i == j), so e^{A}[i, j] may be non-zero.
    let reach: [Bool]
    let n: Int

    /// nil when A is irreducible (one block): nothing to recompute.
    init?(_ a: Matrix) {
        let n = a.rows
        var reach = [Bool](repeating: false, count: n * n)
        for i in 0..<n {
            reach[i * n + i] = true
            for j in 0..<n where j != i && a[i, j] != 0 { reach[i * n + j] = true }
        }
        // Transitive closure (Warshall): j reaches i via k.
        for k in 0..<n {
            for i in 0..<n where reach[i * n + k] {
                for j in 0..<n where reach[k * n + j] { reach[i * n + j] = true }
            }
        }
        var assigned = [Bool](repeating: false, count: n)
        var blocks: [[Int]] = []
        for i in 0..<n where !assigned[i] {
            let block = (i..<n).filter { reach[i * n + $0] && reach[$0 * n + i] }
            for j in block { assigned[j] = true }
            blocks.append(block)
        }
        if blocks.count == 1 { return nil }
        self.blocks = blocks
        self.reach = reach
        self.n = n
    }

    /// Makes `r` ≈ e^{A/2^level} exact on its diagonal blocks and structural zeros: each block of
    /// one state gets exp(a_ii·2^−level); a larger block whose own scaling needs no more than
    /// `level` halvings gets Padé of its block of A/2^level (smaller levels are its own squarings,
    /// which `r * r` performs exactly as for the block alone).
    func fix(_ r: inout Matrix, _ a: Matrix, level: Int) {
        let scale = Double(sign: .plus, exponent: -level, significand: 1)
        for i in 0..<n {
            for j in 0..<n where !reach[i * n + j] { r[i, j] = 0 }
        }
        for block in blocks {
            if block.count == 1 {
                let i = block[0]
                r[i, i] = exp(a[i, i] * scale)
                continue
            }
            var sub = Matrix(rows: block.count, cols: block.count)
            for (p, i) in block.enumerated() {
                for (q, j) in block.enumerated() { sub[p, q] = a[i, j] * scale }
            }
            let norm = sub.norm1
            guard norm <= MatrixExponential.theta13 else { continue }
            let e = MatrixExponential.unscaled(sub)
            for (p, i) in block.enumerated() {
                for (q, j) in block.enumerated() { r[i, j] = e[p, q] }
            }
        }
    }
}
