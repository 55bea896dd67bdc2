/// Dormand–Prince 5(4) coefficients (DOPRI5).
///
/// J. R. Dormand & P. J. Prince, "A family of embedded Runge–Kutta formulae", J. Comput. Appl.
/// Math. 6 (1980) 19–26; as tabulated in Hairer, Nørsett & Wanner, *Solving Ordinary Differential
/// Equations I*, 2nd ed., §II.5, Table 5.2, and their code dopri5.f. Dense output: the 4th-order
/// continuous extension of Shampine ("Some practical Runge–Kutta formulas", Math. Comp. 46, 1986)
/// in the form of dopri5.f / HNW I §II.6 (coefficients d_i).
///
/// Computed properties rather than stored ones so that, inlined into a specialised stepper in
/// another module, each coefficient folds to a literal.
@usableFromInline
enum DormandPrince54Coefficients {
    @inlinable static var c2: Double { 1.0 / 5.0 }
    @inlinable static var c3: Double { 3.0 / 10.0 }
    @inlinable static var c4: Double { 4.0 / 5.0 }
    @inlinable static var c5: Double { 8.0 / 9.0 }

    @inlinable static var a21: Double { 1.0 / 5.0 }
    @inlinable static var a31: Double { 3.0 / 40.0 }
    @inlinable static var a32: Double { 9.0 / 40.0 }
    @inlinable static var a41: Double { 44.0 / 45.0 }
    @inlinable static var a42: Double { -56.0 / 15.0 }
    @inlinable static var a43: Double { 32.0 / 9.0 }
    @inlinable static var a51: Double { 19372.0 / 6561.0 }
    @inlinable static var a52: Double { -25360.0 / 2187.0 }
    @inlinable static var a53: Double { 64448.0 / 6561.0 }
    @inlinable static var a54: Double { -212.0 / 729.0 }
    @inlinable static var a61: Double { 9017.0 / 3168.0 }
    @inlinable static var a62: Double { -355.0 / 33.0 }
    @inlinable static var a63: Double { 46732.0 / 5247.0 }
    @inlinable static var a64: Double { 49.0 / 176.0 }
    @inlinable static var a65: Double { -5103.0 / 18656.0 }
    // Row 7 equals the weights b (FSAL): k7 = f(t + h, y1).
    @inlinable static var b1: Double { 35.0 / 384.0 }
    @inlinable static var b3: Double { 500.0 / 1113.0 }
    @inlinable static var b4: Double { 125.0 / 192.0 }
    @inlinable static var b5: Double { -2187.0 / 6784.0 }
    @inlinable static var b6: Double { 11.0 / 84.0 }

    // Error weights e_i = b_i − b̂_i.
    @inlinable static var e1: Double { 71.0 / 57600.0 }
    @inlinable static var e3: Double { -71.0 / 16695.0 }
    @inlinable static var e4: Double { 71.0 / 1920.0 }
    @inlinable static var e5: Double { -17253.0 / 339200.0 }
    @inlinable static var e6: Double { 22.0 / 525.0 }
    @inlinable static var e7: Double { -1.0 / 40.0 }

    // Dense output (Shampine 1986; dopri5.f).
    @inlinable static var d1: Double { -12715105075.0 / 11282082432.0 }
    @inlinable static var d3: Double { 87487479700.0 / 32700410799.0 }
    @inlinable static var d4: Double { -10690763975.0 / 1880347072.0 }
    @inlinable static var d5: Double { 701980252875.0 / 199316789632.0 }
    @inlinable static var d6: Double { -1453857185.0 / 822651844.0 }
    @inlinable static var d7: Double { 69997945.0 / 29380423.0 }
}

extension ButcherTableau {
    /// DOPRI5 as data (same constants the stepper uses).
    public static let dormandPrince54: ButcherTableau = {
        typealias C = DormandPrince54Coefficients
        let b = [C.b1, 0, C.b3, C.b4, C.b5, C.b6, 0]
        let e = [C.e1, 0, C.e3, C.e4, C.e5, C.e6, C.e7]
        return ButcherTableau(
            c: [0, C.c2, C.c3, C.c4, C.c5, 1, 1],
            a: [
                [],
                [C.a21],
                [C.a31, C.a32],
                [C.a41, C.a42, C.a43],
                [C.a51, C.a52, C.a53, C.a54],
                [C.a61, C.a62, C.a63, C.a64, C.a65],
                [C.b1, 0, C.b3, C.b4, C.b5, C.b6],
            ],
            b: b,
            bHat: zip(b, e).map { $0 - $1 },
            order: 5, embeddedOrder: 4,
            denseWeights: { theta in
                // Linear in the k_i: evaluate the dopri5.f interpolant (DenseOutput) with unit k's.
                let d = [C.d1, 0, C.d3, C.d4, C.d5, C.d6, C.d7]
                return (0..<7).map { i in
                    let ydiff = b[i]                       // (y1 − y)/h
                    let bspl = (i == 0 ? 1.0 : 0.0) - ydiff // k1 − ydiff
                    let r4 = ydiff - (i == 6 ? 1.0 : 0.0) - bspl
                    return DenseOutput.dormandPrince(
                        theta: theta, c1: 0, c2: ydiff, c3: bspl, c4: r4, c5: d[i])
                }
            })
    }()
}
