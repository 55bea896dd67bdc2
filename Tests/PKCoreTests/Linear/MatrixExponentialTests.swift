import Foundation
import Testing
import PKCore
import TestSupport

@Suite("Matrix exponential (Higham 2005)")
struct MatrixExponentialTests {
    @Test("zero and diagonal matrices")
    func diagonal() {
        let z = MatrixExponential.exp(Matrix(rows: 3, cols: 3))
        #expect(z == Matrix.identity(3))
        let d = Matrix([[-1, 0, 0], [0, -20, 0], [0, 0, 0.5]])
        let e = MatrixExponential.exp(d)
        for (i, v) in [-1.0, -20, 0.5].enumerated() {
            #expect(isClose(e[i, i], exp(v), rtol: 1e-13))
        }
        #expect(e[0, 1] == 0 && e[2, 0] == 0)
    }

    @Test("2×2 rotation generator: exp([[0, θ], [−θ, 0]]) = [[cos, sin], [−sin, cos]]", arguments: [0.001, 0.3, 2.0, 10.0, 100.0])
    func rotation(theta: Double) {
        let e = MatrixExponential.exp(Matrix([[0, theta], [-theta, 0]]))
        #expect(isClose(e[0, 0], cos(theta), rtol: 0, atol: 1e-12 * max(1, theta)))
        #expect(isClose(e[0, 1], sin(theta), rtol: 0, atol: 1e-12 * max(1, theta)))
        #expect(isClose(e[1, 0], -sin(theta), rtol: 0, atol: 1e-12 * max(1, theta)))
    }

    @Test("Jordan block with a repeated eigenvalue: exp([[λ, 1], [0, λ]]·t)")
    func jordan() {
        for (lambda, t) in [(-1.0, 0.5), (-3.0, 2.0), (-0.2, 30.0)] {
            let e = MatrixExponential.exp(Matrix([[lambda * t, t], [0, lambda * t]]))
            #expect(isClose(e[0, 0], exp(lambda * t), rtol: 1e-13))
            #expect(isClose(e[0, 1], t * exp(lambda * t), rtol: 1e-12))
            #expect(e[1, 0] == 0)
        }
    }

    @Test("every Padé degree branch agrees with the Taylor series on small norms", arguments: [1e-3, 0.1, 0.5, 1.5, 4.0])
    func taylor(scale: Double) {
        let a = scale * Matrix([[-0.7, 0.2, 0.1], [0.3, -0.9, 0.4], [0.05, 0.1, -0.3]])
        var term = Matrix.identity(3), sum = Matrix.identity(3)
        for k in 1...60 {
            term = (1.0 / Double(k)) * (term * a)
            sum = sum + term
        }
        let e = MatrixExponential.exp(a)
        for i in 0..<9 { #expect(isClose(e.elements[i], sum.elements[i], rtol: 1e-13, atol: 1e-15)) }
    }

    @Test("exp(A)·exp(−A) = I for a stiff compartment matrix (scaling and squaring)")
    func inverse() {
        let k = Matrix([[-500, 2, 0], [400, -12, 0.01], [100, 10, -0.01]])
        let p = MatrixExponential.exp(0.01 * k) * MatrixExponential.exp(-0.01 * k)
        for i in 0..<3 { for j in 0..<3 { #expect(isClose(p[i, j], i == j ? 1 : 0, rtol: 0, atol: 1e-9)) } }
    }
}
