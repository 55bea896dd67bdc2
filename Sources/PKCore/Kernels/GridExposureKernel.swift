extension LinearModel {
    /// The states that can influence `state` (itself and every state with a path of flows into it),
    /// in state order. The dynamics of these states are closed: their block of e^{Kt} equals the
    /// exponential of their block of K, so an output can be computed from them alone.
    public func influencingStates(of state: Int) -> [Int] {
        let n = stateCount
        var keep = [Bool](repeating: false, count: n)
        var stack = [state]
        keep[state] = true
        while let i = stack.popLast() {
            for j in 0..<n where !keep[j] && rateMatrix[i, j] != 0 {
                keep[j] = true
                stack.append(j)
            }
        }
        return (0..<n).filter { keep[$0] }
    }
}

/// Exposure metrics on a uniform grid for a batch of subjects at once, one per SIMD lane, on the
/// exact transition of a linear model: x_{k+1} = Φ·x_k with Φ = e^{K·h}, bolus doses added at their
/// grid points, and per-subject Cmax, time of Cmax, trapezoidal AUC and the number of grid points
/// above a threshold accumulated on the fly, without storing curves.
///
/// Only the states the output depends on are stepped (`LinearModel.influencingStates`); with
/// four of them the loop is fully unrolled.
public struct GridExposureKernel: Sendable {
    /// Number of (reduced) states.
    public let m: Int
    /// Index of the output's state among the reduced states.
    public let outputState: Int
    /// Grid step (h).
    public let stepH: Double
    /// Grid points are 0…steps.
    public let steps: Int
    /// Grid indices of the doses, ascending, and the reduced state each dose enters.
    public let doseSteps: [Int]
    /// The reduced state each dose enters, one per `doseSteps` entry.
    public let doseStates: [Int]
    /// Level for counting grid points strictly above it (output units).
    public let threshold: Double

    /// A kernel for `m` reduced states on `steps` grid steps of `stepH` (h), doses at `doseSteps`
    /// into `doseStates`, counting points above `threshold` (output units, e.g. ng/mL).
    public init(m: Int, outputState: Int, stepH: Double, steps: Int, doseSteps: [Int], doseStates: [Int], threshold: Double) {
        precondition(doseSteps.count == doseStates.count, "one state per dose")
        precondition(zip(doseSteps, doseSteps.dropFirst()).allSatisfy { $0 <= $1 }, "doses in time order")
        self.m = m
        self.outputState = outputState
        self.stepH = stepH
        self.steps = steps
        self.doseSteps = doseSteps
        self.doseStates = doseStates
        self.threshold = threshold
    }

    /// Per-lane results.
    public struct Result: Sendable {
        /// Largest output on the grid, per lane (output units, e.g. ng/mL).
        public var cmax: Lanes
        /// Grid index of the first maximum.
        public var kmax: Lanes
        /// Trapezoidal area (output unit × h).
        public var auc: Lanes
        /// Number of grid points with output > threshold.
        public var above: Lanes
        /// Per-lane results: Cmax (output units), its grid index, trapezoidal AUC (output units × h) and
        /// the count of points above the threshold.
        @inlinable public init(cmax: Lanes, kmax: Lanes, auc: Lanes, above: Lanes) {
            self.cmax = cmax
            self.kmax = kmax
            self.auc = auc
            self.above = above
        }
    }

    /// Runs the batch. `phi`: Φ = e^{K_r·h} of the reduced model, row-major m×m lanes; `scale`:
    /// output per unit of the output state; `doseAmounts[d]`: amount of dose d per lane.
    /// When `curve` is given it receives the output at every grid point (steps + 1 lanes).
    @inlinable
    public func run(phi: [Lanes], scale: Lanes, doseAmounts: [Lanes], curve: UnsafeMutablePointer<Lanes>? = nil) -> Result {
        precondition(phi.count == m * m && doseAmounts.count == doseSteps.count, "sizes")
        if m == 4 { return run4(phi, scale, doseAmounts, curve) }
        return runGeneral(phi, scale, doseAmounts, curve)
    }

    @inlinable
    func run4(_ p: [Lanes], _ scale: Lanes, _ amounts: [Lanes], _ curve: UnsafeMutablePointer<Lanes>?) -> Result {
        // Metrics are tracked on the output state's amount (scale > 0 per lane), and scaled at the end:
        // max and argmax are unchanged, the area is Σ amounts, the threshold is divided by the scale.
        let p00 = p[0], p01 = p[1], p02 = p[2], p03 = p[3]
        let p10 = p[4], p11 = p[5], p12 = p[6], p13 = p[7]
        let p20 = p[8], p21 = p[9], p22 = p[10], p23 = p[11]
        let p30 = p[12], p31 = p[13], p32 = p[14], p33 = p[15]
        // A state that only decays (like a depot) has a zero row apart from its diagonal.
        let row0Diagonal = all(p01 .== 0) && all(p02 .== 0) && all(p03 .== 0)
        var x0 = Lanes.zero, x1 = Lanes.zero, x2 = Lanes.zero, x3 = Lanes.zero
        let thr = Lanes(repeating: threshold) / scale
        let one = Lanes(repeating: 1)
        var best = Lanes(repeating: -.infinity), kmax = Lanes.zero, sum = Lanes.zero, above = Lanes.zero
        var kv = Lanes.zero
        var first = Lanes.zero, last = Lanes.zero
        var d = 0
        let o = outputState
        @inline(__always) func dose(_ k: Int) {
            while d < doseSteps.count && doseSteps[d] == k {
                switch doseStates[d] {
                case 0: x0 += amounts[d]
                case 1: x1 += amounts[d]
                case 2: x2 += amounts[d]
                default: x3 += amounts[d]
                }
                d += 1
            }
        }
        @inline(__always) func observe() {
            let xo = o == 1 ? x1 : (o == 0 ? x0 : (o == 2 ? x2 : x3))
            let better = xo .> best
            best.replace(with: xo, where: better)
            kmax.replace(with: kv, where: better)
            above += Lanes.zero.replacing(with: one, where: xo .> thr)
            sum += xo
            last = xo
            kv += one
        }
        @inline(__always) func step() {
            let n0 = row0Diagonal ? p00 * x0 : p00 * x0 + p01 * x1 + p02 * x2 + p03 * x3
            let n1 = p10 * x0 + p11 * x1 + p12 * x2 + p13 * x3
            let n2 = p20 * x0 + p21 * x1 + p22 * x2 + p23 * x3
            let n3 = p30 * x0 + p31 * x1 + p32 * x2 + p33 * x3
            x0 = n0; x1 = n1; x2 = n2; x3 = n3
        }
        dose(0)
        if let curve { curve[0] = scale * (o == 1 ? x1 : (o == 0 ? x0 : (o == 2 ? x2 : x3))) }
        observe()
        first = last
        var k = 1
        while k <= steps {
            let next = d < doseSteps.count ? Swift.min(doseSteps[d], steps + 1) : steps + 1
            if let curve {
                while k < next { step(); observe(); curve[k] = scale * last; k += 1 }
            } else {
                while k < next { step(); observe(); k += 1 }
            }
            if k <= steps {
                step()
                dose(k)
                observe()
                curve?[k] = scale * last
                k += 1
            }
        }
        // Trapezoid: h·(Σ x − (x_first + x_last)/2).
        let area = (sum - 0.5 * (first + last)) * (scale * stepH)
        return Result(cmax: best * scale, kmax: kmax, auc: area, above: above)
    }

    @inlinable
    func runGeneral(_ p: [Lanes], _ scale: Lanes, _ amounts: [Lanes], _ curve: UnsafeMutablePointer<Lanes>?) -> Result {
        var x = [Lanes](repeating: .zero, count: m)
        var y = x
        let thr = Lanes(repeating: threshold)
        let one = Lanes(repeating: 1)
        var cmax = Lanes(repeating: -.infinity), kmax = Lanes.zero, sum = Lanes.zero, above = Lanes.zero
        var prev = Lanes.zero
        var d = 0
        for k in 0...steps {
            if k > 0 {
                for i in 0..<m {
                    var s = Lanes.zero
                    for j in 0..<m { s += p[i * m + j] * x[j] }
                    y[i] = s
                }
                swap(&x, &y)
            }
            while d < doseSteps.count && doseSteps[d] == k { x[doseStates[d]] += amounts[d]; d += 1 }
            let c = scale * x[outputState]
            curve?[k] = c
            let better = c .> cmax
            cmax.replace(with: c, where: better)
            kmax.replace(with: Lanes(repeating: Double(k)), where: better)
            above.replace(with: above + one, where: c .> thr)
            if k > 0 { sum += prev + c }
            prev = c
        }
        return Result(cmax: cmax, kmax: kmax, auc: sum * (0.5 * stepH), above: above)
    }
}
