// Symbolic differentiation with respect to a state.
//
// Derived quantities are never inlined: d(derived k)/dx_j becomes a new entry of the derived
// table (or a constant), so shared subexpressions stay shared and the code generator computes
// each once. Rules at non-smooth points follow the branch the evaluator takes:
//   min(a,b) = b < a ? b : a       → d = b < a ? b' : a'
//   max(a,b) = b >= a ? b : a      → d = b >= a ? b' : a'
//   abs(u)                         → d = ((u > 0) - (u < 0)) · u'   (0 at u = 0)
//   if(c, a, b)                    → d = if(c, a', b')   (c is piecewise constant)
//   comparisons                    → 0

/// d(e)/d(state j). `derivedDerivatives[k]` is d(derived k)/d(state j), as a constant or a
/// reference to a derived-table entry.
func differentiate(_ e: Expr, state j: Int, derivedDerivatives: [Expr]) -> Expr {
    func d(_ e: Expr) -> Expr { differentiate(e, state: j, derivedDerivatives: derivedDerivatives) }
    switch e {
    case .constant, .time, .parameter:
        return .constant(0)
    case .state(let i):
        return .constant(i == j ? 1 : 0)
    case .derived(let k):
        return k >= 0 && k < derivedDerivatives.count ? derivedDerivatives[k] : .constant(0)
    case .unary(let op, let u):
        let du = d(u)
        if du.isConstant(0) { return .constant(0) }
        switch op {
        case .negate: return -du
        case .exp: return e * du
        case .log: return du / u
        case .sqrt: return du / (.constant(2) * e)
        case .abs:
            let sign = Expr.fold(.greater, u, .constant(0)) - Expr.fold(.less, u, .constant(0))
            return sign * du
        }
    case .binary(let op, let u, let v):
        if op.isComparison { return .constant(0) }
        let du = d(u)
        let dv = d(v)
        if du.isConstant(0) && dv.isConstant(0) { return .constant(0) }
        switch op {
        case .add: return du + dv
        case .subtract: return du - dv
        case .multiply: return du * v + u * dv
        case .divide:
            // (u/v)' = (u' − (u/v)·v') / v
            return (du - e * dv) / v
        case .power:
            if let c = v.constantValue {
                // (u^c)' = c·u^(c−1)·u'
                return .constant(c) * Expr.power(u, .constant(c - 1)) * du
            }
            if u.constantValue != nil {
                // (c^v)' = c^v·log(c)·v'
                return e * Expr.fold(.log, u) * dv
            }
            // (u^v)' = u^v·(v'·log u + v·u'/u)
            return e * (dv * Expr.fold(.log, u) + v * du / u)
        case .minimum:
            return Expr.select(simplifying: Expr.fold(.less, v, u), dv, du)
        case .maximum:
            return Expr.select(simplifying: Expr.fold(.greaterEqual, v, u), dv, du)
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual:
            return .constant(0)
        }
    case .select(let c, let a, let b):
        return Expr.select(simplifying: c, d(a), d(b))
    }
}

/// The symbolic Jacobians of a checked model, sharing one extended derived table.
struct SymbolicJacobian: Sendable {
    /// The model's derived quantities followed by derivative entries.
    var table: DerivedTable
    /// d(ode i)/d(state j) at i·n + j.
    var odes: [Expr]
    /// d(output o)/d(state j) at o·n + j.
    var outputs: [Expr]

    init(_ model: CheckedModel) {
        let n = model.stateNames.count
        let derivedCount = model.derived.count
        var table = model.derived
        var odes = [Expr](repeating: .constant(0), count: n * n)
        var outputs = [Expr](repeating: .constant(0), count: model.outputs.count * n)
        for j in 0..<n {
            var dDerived = [Expr](repeating: .constant(0), count: derivedCount)
            for k in 0..<derivedCount where table.dependsOnState[k] {
                let dk = differentiate(table.expressions[k], state: j, derivedDerivatives: dDerived)
                switch dk {
                case .constant, .derived, .parameter, .state, .time:
                    dDerived[k] = dk
                default:
                    dDerived[k] = .derived(table.append(dk))
                }
            }
            for i in 0..<n {
                odes[i * n + j] = differentiate(model.odes[i], state: j, derivedDerivatives: dDerived)
            }
            for o in model.outputs.indices {
                outputs[o * n + j] = differentiate(model.outputs[o], state: j, derivedDerivatives: dDerived)
            }
        }
        self.table = table
        self.odes = odes
        self.outputs = outputs
    }
}
