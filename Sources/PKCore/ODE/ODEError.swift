/// Why an ODE solve stopped. Every failure of `ODESolver.solve` is one of these; the solver never
/// traps on bad input data and never returns non-finite states.
public enum ODEError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The step size fell below roundoff level relative to t (≈ 10·ε·|t|, h in hours): a
    /// singularity (finite-time blow-up) or an unresolvably stiff/discontinuous right-hand side.
    case stepSizeUnderflow(t: Double, h: Double)
    /// More than `ODEOptions.maxSteps` step attempts (accepted + rejected) before reaching tEnd.
    case maxStepsExceeded(t: Double, steps: Int)
    /// The initial state, or the state/derivatives after repeated step reductions, are NaN or ±∞
    /// (usually the right-hand side returned NaN). `index` is the first offending component.
    case nonFiniteState(t: Double, index: Int)
    /// rtol/atol/maxSteps are unusable; the message names which.
    case invalidTolerance(String)
    /// t0/tEnd/output times/step bounds are unusable; the message names which.
    case invalidInterval(String)

    /// One line naming what failed and the values.
    public var description: String {
        switch self {
        case let .stepSizeUnderflow(t, h):
            return "ODE step size underflow at t = \(t) h (step \(h) h): possible singularity or discontinuity"
        case let .maxStepsExceeded(t, steps):
            return "ODE solver exceeded the maximum of \(steps) steps at t = \(t) h (problem stiff or tolerance too tight?)"
        case let .nonFiniteState(t, index):
            return "ODE state component \(index) became non-finite (NaN or infinite) at t = \(t) h"
        case let .invalidTolerance(reason):
            return "invalid ODE tolerance: \(reason)"
        case let .invalidInterval(reason):
            return "invalid ODE interval: \(reason)"
        }
    }
}
