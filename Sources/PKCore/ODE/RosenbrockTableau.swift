/// Rodas4 coefficients: a 6-stage, L-stable, stiffly accurate Rosenbrock method of order 4 with an
/// embedded order-3 solution and a stiffly accurate order-3 dense output.
///
/// E. Hairer & G. Wanner, *Solving Ordinary Differential Equations II*, 2nd ed., §VI.4 (Rodas) and
/// their code rodas.f (subroutine RODCOE, METH = 1), in its transformed form (HNW II §IV.7,
/// eq. 7.25): with W = I/(γh) − J, stage increments U_i solve
///
///     W U_i = f(t + c_i h, y + Σ_{j<i} a_ij U_j) + Σ_{j<i} (c_ij / h) U_j + h d_i ∂f/∂t,
///
/// y_new = y + Σ a_5j U_j + U_5 + U_6, the embedded solution omits U_6 (error estimate = U_6), and
/// dense output uses y(θ) = (1−θ) y + θ (y_new + (1−θ)(Σ d2j U_j + θ Σ d3j U_j)).
@usableFromInline
enum Rodas4Coefficients {
    @inlinable static var gamma: Double { 0.25 }

    @inlinable static var c2: Double { 0.386 }
    @inlinable static var c3: Double { 0.21 }
    @inlinable static var c4: Double { 0.63 }
    // c5 = c6 = 1.

    // γ_i = Σ_j γ_ij (multiplies h ∂f/∂t); d5 = d6 = 0.
    @inlinable static var d1: Double { 0.25 }
    @inlinable static var d2: Double { -0.1043 }
    @inlinable static var d3: Double { 0.1035 }
    @inlinable static var d4: Double { -0.3620000000000023e-01 }

    @inlinable static var a21: Double { 0.1544000000000000e+01 }
    @inlinable static var a31: Double { 0.9466785280815826e+00 }
    @inlinable static var a32: Double { 0.2557011698983284e+00 }
    @inlinable static var a41: Double { 0.3314825187068521e+01 }
    @inlinable static var a42: Double { 0.2896124015972201e+01 }
    @inlinable static var a43: Double { 0.9986419139977817e+00 }
    @inlinable static var a51: Double { 0.1221224509226641e+01 }
    @inlinable static var a52: Double { 0.6019134481288629e+01 }
    @inlinable static var a53: Double { 0.1253708332932087e+02 }
    @inlinable static var a54: Double { -0.6878860361058950e+00 }

    @inlinable static var c21: Double { -0.5668800000000000e+01 }
    @inlinable static var c31: Double { -0.2430093356833875e+01 }
    @inlinable static var c32: Double { -0.2063599157091915e+00 }
    @inlinable static var c41: Double { -0.1073529058151375e+00 }
    @inlinable static var c42: Double { -0.9594562251023355e+01 }
    @inlinable static var c43: Double { -0.2047028614809616e+02 }
    @inlinable static var c51: Double { 0.7496443313967647e+01 }
    @inlinable static var c52: Double { -0.1024680431464352e+02 }
    @inlinable static var c53: Double { -0.3399990352819905e+02 }
    @inlinable static var c54: Double { 0.1170890893206160e+02 }
    @inlinable static var c61: Double { 0.8083246795921522e+01 }
    @inlinable static var c62: Double { -0.7981132988064893e+01 }
    @inlinable static var c63: Double { -0.3152159432874371e+02 }
    @inlinable static var c64: Double { 0.1631930543123136e+02 }
    @inlinable static var c65: Double { -0.6058818238834054e+01 }

    // Dense output.
    @inlinable static var d21: Double { 0.1012623508344586e+02 }
    @inlinable static var d22: Double { -0.7487995877610167e+01 }
    @inlinable static var d23: Double { -0.3480091861555747e+02 }
    @inlinable static var d24: Double { -0.7992771707568823e+01 }
    @inlinable static var d25: Double { 0.1025137723295662e+01 }
    @inlinable static var d31: Double { -0.6762803392801253e+00 }
    @inlinable static var d32: Double { 0.6087714651680015e+01 }
    @inlinable static var d33: Double { 0.1643084320892478e+02 }
    @inlinable static var d34: Double { 0.2476722511418386e+02 }
    @inlinable static var d35: Double { -0.6594389125716872e+01 }
}

/// A Rosenbrock method in the transformed form of HNW II §IV.7 (eq. 7.25), as data for tests.
public struct RosenbrockTableau: Sendable {
    /// Diagonal γ of the stage matrix.
    public let gamma: Double
    /// Nodes c_i = Σ_j α_ij.
    public let c: [Double]
    /// Sums γ_i = Σ_j γ_ij (coefficients of h ∂f/∂t).
    public let gammaSums: [Double]
    /// Transformed stage matrix a_ij (strictly lower, s × s).
    public let a: [[Double]]
    /// Transformed coupling matrix c_ij (strictly lower, s × s).
    public let cCoupling: [[Double]]
    /// Weights m_i of the solution (y_new = y + Σ m_i U_i) and of the embedded solution.
    public let m: [Double], mHat: [Double]
    /// Dense-output rows (d2j), (d3j).
    public let dense2: [Double], dense3: [Double]

    /// Rodas4 (same constants the stepper uses).
    public static let rodas4: RosenbrockTableau = {
        typealias R = Rodas4Coefficients
        let a: [[Double]] = [
            [0, 0, 0, 0, 0, 0],
            [R.a21, 0, 0, 0, 0, 0],
            [R.a31, R.a32, 0, 0, 0, 0],
            [R.a41, R.a42, R.a43, 0, 0, 0],
            [R.a51, R.a52, R.a53, R.a54, 0, 0],
            [R.a51, R.a52, R.a53, R.a54, 1, 0],
        ]
        let cc: [[Double]] = [
            [0, 0, 0, 0, 0, 0],
            [R.c21, 0, 0, 0, 0, 0],
            [R.c31, R.c32, 0, 0, 0, 0],
            [R.c41, R.c42, R.c43, 0, 0, 0],
            [R.c51, R.c52, R.c53, R.c54, 0, 0],
            [R.c61, R.c62, R.c63, R.c64, R.c65, 0],
        ]
        return RosenbrockTableau(
            gamma: R.gamma,
            c: [0, R.c2, R.c3, R.c4, 1, 1],
            gammaSums: [R.d1, R.d2, R.d3, R.d4, 0, 0],
            a: a, cCoupling: cc,
            m: [R.a51, R.a52, R.a53, R.a54, 1, 1],
            mHat: [R.a51, R.a52, R.a53, R.a54, 1, 0],
            dense2: [R.d21, R.d22, R.d23, R.d24, R.d25, 0],
            dense3: [R.d31, R.d32, R.d33, R.d34, R.d35, 0])
    }()
}
