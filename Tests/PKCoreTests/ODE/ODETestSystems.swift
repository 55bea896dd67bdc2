#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PKCore

/// y′ = −y + sin t; exact y(t) = (y0 + ½) e^{−t} + (sin t − cos t)/2. Non-autonomous, with
/// analytic Jacobian and ∂f/∂t.
struct ODEForcedDecay: ODESystem {
    /// False: ∂f/∂t is left to the solver's forward difference.
    var analyticTimeDerivative = true
    var dimension: Int { 1 }
    func derivatives(t: Double, state x: UnsafeBufferPointer<Double>, into dx: UnsafeMutableBufferPointer<Double>) {
        dx[0] = -x[0] + sin(t)
    }
    func jacobian(t: Double, state x: UnsafeBufferPointer<Double>, into j: UnsafeMutableBufferPointer<Double>) -> Bool {
        j[0] = -1
        return true
    }
    func timeDerivative(t: Double, state x: UnsafeBufferPointer<Double>, into dfdt: UnsafeMutableBufferPointer<Double>) -> Bool {
        guard analyticTimeDerivative else { return false }
        dfdt[0] = cos(t)
        return true
    }
    static func exact(_ t: Double, y0: Double) -> Double {
        (y0 + 0.5) * exp(-t) + 0.5 * (sin(t) - cos(t))
    }
}

/// Linear system x′ = K x (row-major K), e.g. a mammillary PK model in amounts.
struct ODELinearSystem: ODESystem {
    let k: [Double]
    let dimension: Int
    var analyticJacobian = true
    var isAutonomous: Bool { true }

    func derivatives(t: Double, state x: UnsafeBufferPointer<Double>, into dx: UnsafeMutableBufferPointer<Double>) {
        let n = dimension
        for i in 0..<n {
            var s = 0.0
            for j in 0..<n { s += k[i * n + j] * x[j] }
            dx[i] = s
        }
    }
    func jacobian(t: Double, state x: UnsafeBufferPointer<Double>, into j: UnsafeMutableBufferPointer<Double>) -> Bool {
        guard analyticJacobian else { return false }
        for i in 0..<(dimension * dimension) { j[i] = k[i] }
        return true
    }

    /// Depot → central ⇄ two peripherals, first-order elimination from central (rates 1/h).
    /// States: 0 depot, 1 central, 2 peripheral 1, 3 peripheral 2 (amounts).
    static func threeCompartmentOral(ka: Double = 8, k10: Double = 4, k12: Double = 6, k21: Double = 2,
                                     k13: Double = 1.5, k31: Double = 0.2) -> ODELinearSystem {
        let k: [Double] = [
            -ka, 0, 0, 0,
            ka, -(k10 + k12 + k13), k21, k31,
            0, k12, -k21, 0,
            0, k13, 0, -k31,
        ]
        return ODELinearSystem(k: k, dimension: 4)
    }

    /// Exact x(t) = expm(K t) x0, independent of the ODE code.
    func exact(_ t: Double, x0: [Double]) -> [Double] {
        var m = Matrix(rows: dimension, cols: dimension)
        for i in 0..<(dimension * dimension) { m.elements[i] = k[i] * t }
        return MatrixExponential.exp(m) * x0
    }
}

/// Robertson's chemical kinetics (HNW II §IV.1): k1 = 0.04, k2 = 3e7, k3 = 1e4; y(0) = (1, 0, 0).
struct ODERobertson: ODESystem {
    var dimension: Int { 3 }
    var isAutonomous: Bool { true }
    func derivatives(t: Double, state y: UnsafeBufferPointer<Double>, into d: UnsafeMutableBufferPointer<Double>) {
        d[0] = -0.04 * y[0] + 1.0e4 * y[1] * y[2]
        d[2] = 3.0e7 * y[1] * y[1]
        d[1] = -d[0] - d[2]
    }
    func jacobian(t: Double, state y: UnsafeBufferPointer<Double>, into j: UnsafeMutableBufferPointer<Double>) -> Bool {
        j[0] = -0.04; j[1] = 1.0e4 * y[2]; j[2] = 1.0e4 * y[1]
        j[6] = 0; j[7] = 6.0e7 * y[1]; j[8] = 0
        j[3] = 0.04; j[4] = -1.0e4 * y[2] - 6.0e7 * y[1]; j[5] = -1.0e4 * y[1]
        return true
    }
}

/// Van der Pol, y1′ = y2, y2′ = μ(1 − y1²) y2 − y1 (MATLAB's vdp1000 form), μ = 1000.
/// With τ = t/μ this is the ε = 1/μ² = 1e-6 VDPOL problem of the Bari IVP test set / HNW II.
struct ODEVanDerPol: ODESystem {
    var mu = 1000.0
    var dimension: Int { 2 }
    var isAutonomous: Bool { true }
    func derivatives(t: Double, state y: UnsafeBufferPointer<Double>, into d: UnsafeMutableBufferPointer<Double>) {
        d[0] = y[1]
        d[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0]
    }
    func jacobian(t: Double, state y: UnsafeBufferPointer<Double>, into j: UnsafeMutableBufferPointer<Double>) -> Bool {
        j[0] = 0; j[1] = 1
        j[2] = -2 * mu * y[0] * y[1] - 1; j[3] = mu * (1 - y[0] * y[0])
        return true
    }
}

/// A right-hand side that returns NaN in component 1 (a modelling bug).
struct ODENaNSystem: ODESystem {
    var dimension: Int { 2 }
    func derivatives(t: Double, state x: UnsafeBufferPointer<Double>, into dx: UnsafeMutableBufferPointer<Double>) {
        dx[0] = -x[0]
        dx[1] = .nan
    }
}

/// y′ = y², y(0) = 1: y = 1/(1 − t) blows up at t = 1.
struct ODEBlowUp: ODESystem {
    var dimension: Int { 1 }
    var isAutonomous: Bool { true }
    func derivatives(t: Double, state x: UnsafeBufferPointer<Double>, into dx: UnsafeMutableBufferPointer<Double>) {
        dx[0] = x[0] * x[0]
    }
}
