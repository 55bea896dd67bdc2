import Testing
@testable import ModelLanguage

/// Evaluates dx/dt for every state at (t, x) with parameters p (defaults when nil).
func rhs(_ m: ModelProgram, t: Double = 0, x: [Double], p: [Double]? = nil) -> [Double] {
    let p = p ?? m.parameterDefaults
    var scratch = m.makeScratch()
    var dx = [Double](repeating: .nan, count: m.stateCount)
    x.withUnsafeBufferPointer { xx in
        p.withUnsafeBufferPointer { pp in
            dx.withUnsafeMutableBufferPointer { out in
                m.derivatives(t: t, state: xx, parameters: pp, scratch: &scratch, into: out)
            }
        }
    }
    return dx
}

func jac(_ m: ModelProgram, t: Double = 0, x: [Double], p: [Double]? = nil) -> [Double] {
    let p = p ?? m.parameterDefaults
    var scratch = m.makeScratch()
    var j = [Double](repeating: .nan, count: m.stateCount * m.stateCount)
    x.withUnsafeBufferPointer { xx in
        p.withUnsafeBufferPointer { pp in
            j.withUnsafeMutableBufferPointer { out in
                m.jacobian(t: t, state: xx, parameters: pp, scratch: &scratch, into: out)
            }
        }
    }
    return j
}

func outs(_ m: ModelProgram, t: Double = 0, x: [Double], p: [Double]? = nil) -> [Double] {
    let p = p ?? m.parameterDefaults
    var scratch = m.makeScratch()
    var y = [Double](repeating: .nan, count: m.outputNames.count)
    x.withUnsafeBufferPointer { xx in
        p.withUnsafeBufferPointer { pp in
            y.withUnsafeMutableBufferPointer { out in
                m.outputs(t: t, state: xx, parameters: pp, scratch: &scratch, into: out)
            }
        }
    }
    return y
}

func close(_ a: Double, _ b: Double, rel: Double = 1e-12, abs: Double = 1e-12) -> Bool {
    if a == b { return true }
    return Swift.abs(a - b) <= Swift.max(abs, rel * Swift.max(Swift.abs(a), Swift.abs(b)))
}

/// The error thrown by `ModelProgram(source:)`, or nil when it compiles.
func compileError(_ source: String) -> ModelLanguageError? {
    do {
        _ = try ModelProgram(source: source)
        return nil
    } catch let error as ModelLanguageError {
        return error
    } catch {
        Issue.record("unexpected error type \(error)")
        return nil
    }
}

/// K6 with linear elimination, typical 70 kg values (WORKLOADS.md), with an optional infusion rate R.
let k6LinearSource = """
    [parameters]
    CL = 80 [L/h]
    V1 = 20 [L]
    Q2 = 120 [L/h]
    V2 = 60 [L]
    Q3 = 30 [L/h]
    V3 = 150 [L]
    KA = 8 [1/h]
    fm = 0.8
    CLm = 25 [L/h]
    Vm = 120 [L]
    ke0 = 12 [1/h]
    R = 0 [mg/h]
    [states]
    depot
    central
    periph2
    periph3
    norket
    ce
    [odes]
    d/dt(depot) = -KA * depot
    d/dt(central) = KA * depot - (CL + Q2 + Q3) / V1 * central + Q2 / V2 * periph2 + Q3 / V3 * periph3 + R
    d/dt(periph2) = Q2 / V1 * central - Q2 / V2 * periph2
    d/dt(periph3) = Q3 / V1 * central - Q3 / V3 * periph3
    d/dt(norket) = fm * CL / V1 * central - CLm / Vm * norket
    d/dt(ce) = ke0 * (central / V1 - ce)
    [outputs]
    CP = 1000 * central / V1
    """

/// K6 with Michaelis–Menten elimination (W3), derived quantities written out of order.
let k6MMSource = """
    [parameters]
    VMAX = 400 [mg/h]
    KM = 5 [mg/L]
    V1 = 20 [L]
    Q2 = 120 [L/h]
    V2 = 60 [L]
    Q3 = 30 [L/h]
    V3 = 150 [L]
    KA = 8 [1/h]
    fm = 0.8
    CLm = 25 [L/h]
    Vm = 120 [L]
    ke0 = 12 [1/h]
    [derived]
    ELIM = VMAX * C / (KM + C)
    C = central / V1
    [states]
    depot = 0
    central = 0
    periph2 = 0
    periph3 = 0
    norket = 0
    ce = 0
    [odes]
    d/dt(depot) = -KA * depot
    d/dt(central) = KA * depot - ELIM - (Q2 + Q3) / V1 * central + Q2 / V2 * periph2 + Q3 / V3 * periph3
    d/dt(periph2) = Q2 / V1 * central - Q2 / V2 * periph2
    d/dt(periph3) = Q3 / V1 * central - Q3 / V3 * periph3
    d/dt(norket) = fm * ELIM - CLm / Vm * norket
    d/dt(ce) = ke0 * (C - ce)
    [outputs]
    CP = 1000 * central / V1
    """

/// Central finite-difference Jacobian (row-major) of the RHS.
func finiteDifferenceJacobian(_ m: ModelProgram, t: Double = 0, x: [Double], p: [Double]? = nil) -> [Double] {
    let n = m.stateCount
    var j = [Double](repeating: 0, count: n * n)
    for k in 0..<n {
        let h = 1e-6 * Swift.max(1, Swift.abs(x[k]))
        var plus = x
        var minus = x
        plus[k] += h
        minus[k] -= h
        let fp = rhs(m, t: t, x: plus, p: p)
        let fm = rhs(m, t: t, x: minus, p: p)
        for i in 0..<n { j[i * n + k] = (fp[i] - fm[i]) / (plus[k] - minus[k]) }
    }
    return j
}
