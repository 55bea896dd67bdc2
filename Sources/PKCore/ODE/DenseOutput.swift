/// Continuous extensions (dense output) of the last accepted step: solution values at any
/// t_old + θh, 0 ≤ θ ≤ 1, without shortening steps to hit output times.
///
/// Both interpolants reproduce y_old at θ = 0 and y_new at θ = 1 exactly (up to rounding), so the
/// output is continuous across steps.
@usableFromInline
enum DenseOutput {
    /// DOPRI5, order 4 (HNW I §II.6; dopri5.f `contd5`):
    /// y(θ) = r1 + θ(r2 + (1−θ)(r3 + θ(r4 + (1−θ) r5))) with coefficients from
    /// `DormandPrince54.prepareDense`.
    @inlinable @inline(__always)
    static func dormandPrince(theta: Double, c1: Double, c2: Double, c3: Double, c4: Double, c5: Double) -> Double {
        let theta1 = 1 - theta
        return c1 + theta * (c2 + theta1 * (c3 + theta * (c4 + theta1 * c5)))
    }

    /// Rodas4, order 3, stiffly accurate (Hairer & Wanner II §VI.4; rodas.f `contro`):
    /// y(θ) = (1−θ) y_old + θ (y_new + (1−θ)(r3 + θ r4)).
    @inlinable @inline(__always)
    static func rosenbrock(theta: Double, yOld: Double, yNew: Double, c3: Double, c4: Double) -> Double {
        let theta1 = 1 - theta
        return theta1 * yOld + theta * (yNew + theta1 * (c3 + theta * c4))
    }

    /// Writes the interpolant at θ of the `selected` states into `out` (one value each, in order)
    /// from the 5·n coefficients in `b.dense`.
    @inlinable
    static func evaluate(_ method: ActiveMethod, theta: Double, _ b: ODEBuffers, selected: UnsafeBufferPointer<Int>,
                         into out: UnsafeMutablePointer<Double>) {
        let n = b.n, d = b.dense
        switch method {
        case .dormandPrince:
            for (j, i) in selected.enumerated() {
                out[j] = dormandPrince(theta: theta, c1: d[i], c2: d[n + i], c3: d[2 * n + i],
                                       c4: d[3 * n + i], c5: d[4 * n + i])
            }
        case .rosenbrock:
            for (j, i) in selected.enumerated() {
                out[j] = rosenbrock(theta: theta, yOld: d[i], yNew: d[n + i], c3: d[2 * n + i], c4: d[3 * n + i])
            }
        }
    }
}

/// The stepper in use inside a solve.
@usableFromInline
enum ActiveMethod: Sendable {
    case dormandPrince, rosenbrock

    @inlinable var publicMethod: ODEMethod { self == .dormandPrince ? .dormandPrince54 : .rodas4 }
}
