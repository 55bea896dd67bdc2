/// A small dense real matrix, stored row-major in one contiguous buffer.
///
/// Compartment models have at most a dozen or so states, so plain loops over a
/// contiguous array are the right tool: no BLAS, no allocation in inner loops.
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let cols: Int
    /// Entries in row-major order: element (i, j) is at `i * cols + j`.
    public var elements: [Double]

    /// A `rows` × `cols` matrix filled with `value`.
    @inlinable
    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && cols >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.cols = cols
        self.elements = [Double](repeating: value, count: rows * cols)
    }

    /// A matrix from row arrays (all rows the same length).
    public init(_ rowArrays: [[Double]]) {
        let r = rowArrays.count
        let c = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == c }, "ragged rows")
        self.rows = r
        self.cols = c
        self.elements = rowArrays.flatMap { $0 }
    }

    /// The n × n identity.
    @inlinable
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m.elements[i * n + i] = 1 }
        return m
    }

    /// Element at row `i`, column `j` (0-based, row-major storage).
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { elements[i * cols + j] }
        set { elements[i * cols + j] = newValue }
    }

    /// True when the matrix is square.
    @inlinable public var isSquare: Bool { rows == cols }

    /// The 1-norm: the largest absolute column sum.
    public var norm1: Double {
        var best = 0.0
        for j in 0..<cols {
            var s = 0.0
            for i in 0..<rows { s += abs(elements[i * cols + j]) }
            best = Swift.max(best, s)
        }
        return best
    }

    /// True when every entry is finite.
    public var isFinite: Bool { elements.allSatisfy { $0.isFinite } }

    /// Matrix product.
    @inlinable
    public static func * (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.cols == b.rows, "dimension mismatch in matrix product")
        var c = Matrix(rows: a.rows, cols: b.cols)
        let n = a.rows, m = a.cols, p = b.cols
        a.elements.withUnsafeBufferPointer { ap in
            b.elements.withUnsafeBufferPointer { bp in
                c.elements.withUnsafeMutableBufferPointer { cp in
                    for i in 0..<n {
                        for k in 0..<m {
                            let aik = ap[i * m + k]
                            if aik == 0 { continue }
                            for j in 0..<p { cp[i * p + j] += aik * bp[k * p + j] }
                        }
                    }
                }
            }
        }
        return c
    }

    /// Matrix–vector product.
    @inlinable
    public static func * (a: Matrix, x: [Double]) -> [Double] {
        precondition(a.cols == x.count, "dimension mismatch in matrix-vector product")
        var y = [Double](repeating: 0, count: a.rows)
        for i in 0..<a.rows {
            var s = 0.0
            for j in 0..<a.cols { s += a.elements[i * a.cols + j] * x[j] }
            y[i] = s
        }
        return y
    }

    /// Element-wise sum of two matrices of the same shape.
    @inlinable
    public static func + (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "dimension mismatch in sum")
        var c = a
        for i in 0..<c.elements.count { c.elements[i] += b.elements[i] }
        return c
    }

    /// Element-wise difference of two matrices of the same shape.
    @inlinable
    public static func - (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "dimension mismatch in difference")
        var c = a
        for i in 0..<c.elements.count { c.elements[i] -= b.elements[i] }
        return c
    }

    /// The matrix scaled by `s`.
    @inlinable
    public static func * (s: Double, a: Matrix) -> Matrix {
        var c = a
        for i in 0..<c.elements.count { c.elements[i] *= s }
        return c
    }

    /// The sub-block of `rowCount` × `colCount` entries starting at (`row`, `col`).
    public func block(row: Int, col: Int, rowCount: Int, colCount: Int) -> Matrix {
        var b = Matrix(rows: rowCount, cols: colCount)
        for i in 0..<rowCount {
            for j in 0..<colCount { b[i, j] = self[row + i, col + j] }
        }
        return b
    }
}
