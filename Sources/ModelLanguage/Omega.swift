/// The `[omega]` section, checked: between-subject variability as etas on named parameters,
/// NONMEM's log-normal convention P_i = P·exp(η_i), η ~ N(0, Ω). Each diagonal element of Ω is the
/// variance ω² of an eta (not a CV; CV = √(exp(ω²) − 1), about ω for small ω). Etas are numbered
/// in file order; entries of different lines are independent (block-diagonal Ω, as NONMEM's
/// separate `$OMEGA` records).
public struct OmegaSpec: Sendable, Equatable {
    /// Index (in `ModelProgram.parameterNames`) of the parameter each eta multiplies by exp(η).
    public let parameters: [Int]
    /// Ω, row-major `parameters.count` × `parameters.count` (variances and covariances of η).
    public let matrix: [Double]

    /// Checks `entries` against the parameter names: every name a parameter, each at most once,
    /// blocks with n(n+1)/2 values (lower triangle row by row) that make them positive definite,
    /// single variances ≥ 0 (0 fixes the eta at 0).
    init?(_ entries: [OmegaEntry], parameterNames: [String]) throws {
        guard !entries.isEmpty else { return nil }
        var params: [Int] = []
        var blocks: [(start: Int, values: [Double])] = []
        for e in entries {
            let start = params.count
            for (name, position) in e.names {
                guard let i = parameterNames.firstIndex(of: name) else {
                    throw ModelLanguageError(.unknownName, at: position,
                        "\(quoted(name)) in [omega] is not a parameter (etas act on the names in [parameters])")
                }
                guard !params.contains(i) else {
                    throw ModelLanguageError(.duplicateDefinition, at: position, "parameter \(quoted(name)) has a second eta in [omega]")
                }
                params.append(i)
            }
            let n = e.names.count
            let need = n * (n + 1) / 2
            guard e.values.count == need else {
                let what = e.isBlock ? "block of \(n) needs \(need) values (the lower triangle row by row, as $OMEGA BLOCK(\(n)))"
                    : "\(quoted(e.names[0].name)) needs one variance"
                throw ModelLanguageError(.syntax, at: e.position, "\(what), got \(e.values.count)")
            }
            for v in e.values where !v.value.isFinite {
                throw ModelLanguageError(.syntax, at: v.position, "[omega] value is not finite")
            }
            // Diagonal entries: k-th row's last value.
            var k = 0
            for row in 0..<n {
                k += row + 1
                let d = e.values[k - 1]
                guard d.value >= 0 else {
                    throw ModelLanguageError(.syntax, at: d.position,
                        "variance of the eta on \(quoted(e.names[row].name)) is \(d.value); a variance must be ≥ 0")
                }
            }
            if n > 1, let pivot = OmegaSpec.firstNonPositivePivot(e.values.map(\.value), n) {
                throw ModelLanguageError(.syntax, at: e.position,
                    "block(\(e.names.map(\.name).joined(separator: ", "))) is not positive definite (Cholesky pivot \(pivot + 1), on \(quoted(e.names[pivot].name)), is not > 0)")
            }
            blocks.append((start, e.values.map(\.value)))
        }
        let m = params.count
        var omega = [Double](repeating: 0, count: m * m)
        for (start, values) in blocks {
            var k = 0
            var row = 0
            while k < values.count {
                for col in 0...row {
                    omega[(start + row) * m + start + col] = values[k]
                    omega[(start + col) * m + start + row] = values[k]
                    k += 1
                }
                row += 1
            }
        }
        parameters = params
        matrix = omega
    }

    /// Cholesky of the lower triangle `tri` (row by row) of an n×n matrix: the first pivot ≤ 0.
    static func firstNonPositivePivot(_ tri: [Double], _ n: Int) -> Int? {
        func at(_ i: Int, _ j: Int) -> Double { i >= j ? tri[i * (i + 1) / 2 + j] : tri[j * (j + 1) / 2 + i] }
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var d = at(j, j)
            for k in 0..<j { d -= l[j * n + k] * l[j * n + k] }
            guard d > 0 else { return j }
            let ljj = d.squareRoot()
            l[j * n + j] = ljj
            for i in (j + 1)..<max(j + 1, n) {
                var s = at(i, j)
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = s / ljj
            }
        }
        return nil
    }
}
