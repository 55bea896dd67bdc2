/// Adaptive integration of an `ODESystem` with DOPRI5, Rodas4, or automatic switching between them.
///
/// Output times are served by each method's continuous extension (`DenseOutput`); steps are never
/// shortened to hit them, only the last step is cut to end exactly at tEnd. Call once per
/// inter-event segment with the same `ODEWorkspace`: a call allocates only the returned arrays.
public struct ODESolver {
    /// Integrates x′ = f(t, x) from (t0, x0) to tEnd (t in hours, tEnd ≥ t0).
    ///
    /// - Parameters:
    ///   - outputTimes: sorted, within [t0, tEnd]; filled by dense output (times equal to t0 get x0).
    ///   - options: tolerances, method, step limits. The error test is the scaled RMS norm of
    ///     HNW I §II.4 with sc_i = atol_i + rtol_i · max(|x_i|, |x_i,new|).
    ///   - workspace: reusable storage; re-laid out only if its dimension differs from the system's.
    ///   - outputStates: the state indices to interpolate at output times (default: all); outputs then
    ///     hold `outputStates.count` values per time, in that order.
    /// - Returns: `outputs` (n values per output time, time-major), `final` = x(tEnd), and `stats`.
    /// - Throws: `ODEError` naming why the solve stopped. `x0.count` must equal `system.dimension`
    ///   (a programming error: checked by precondition).
    @inlinable
    public static func solve<S: ODESystem>(
        _ system: S, t0: Double, x0: [Double], tEnd: Double, outputTimes: [Double], options: ODEOptions,
        workspace: inout ODEWorkspace, outputStates: [Int]? = nil
    ) throws -> (outputs: [Double], final: [Double], stats: SolverStatistics) {
        let n = system.dimension
        let selected = outputStates ?? Array(0..<n)
        precondition(selected.allSatisfy { $0 >= 0 && $0 < n }, "output state index out of range")
        precondition(x0.count == n, "x0 has \(x0.count) entries but the system dimension is \(n)")
        try validate(dimension: n, t0: t0, tEnd: tEnd, outputTimes: outputTimes, options: options)
        let start: ActiveMethod = options.method == .rodas4 ? .rosenbrock : .dormandPrince
        var stats = SolverStatistics(methodUsed: start.publicMethod)
        var outputs = [Double](repeating: 0, count: outputTimes.count * selected.count)
        var final = x0
        if n == 0 { return (outputs, final, stats) }
        workspace.prepare(dimension: n)
        try workspace.withBuffers { b in
            try outputs.withUnsafeMutableBufferPointer { out in
                try selected.withUnsafeBufferPointer { sel in
                    try integrate(system, t0: t0, x0: x0, tEnd: tEnd, outputTimes: outputTimes, options: options,
                                  start: start, b, out: out.baseAddress, selected: sel, stats: &stats)
                }
            }
            final.withUnsafeMutableBufferPointer { fin in
                for i in 0..<n { fin[i] = b.y[i] }
            }
        }
        return (outputs, final, stats)
    }

    /// The step loop. `b.y` ends as x(tEnd).
    @inlinable
    static func integrate<S: ODESystem>(
        _ system: S, t0: Double, x0: [Double], tEnd: Double, outputTimes: [Double], options: ODEOptions,
        start: ActiveMethod, _ b: ODEBuffers, out: UnsafeMutablePointer<Double>?, selected: UnsafeBufferPointer<Int>,
        stats: inout SolverStatistics
    ) throws {
        let n = b.n
        let m = selected.count
        let scalarRtol = options.rtol.count == 1, scalarAtol = options.atol.count == 1
        for i in 0..<n {
            b.y[i] = x0[i]
            b.rtol[i] = scalarRtol ? options.rtol[0] : options.rtol[i]
            b.atol[i] = scalarAtol ? options.atol[0] : options.atol[i]
        }
        if let bad = b.firstNonFinite(b.y) { throw ODEError.nonFiniteState(t: t0, index: bad) }

        let outCount = outputTimes.count
        var nextOut = 0
        while nextOut < outCount && outputTimes[nextOut] <= t0 {
            for (j, i) in selected.enumerated() { out![nextOut * m + j] = b.y[i] }
            nextOut += 1
        }
        if tEnd == t0 { return }

        let autonomous = system.isAutonomous
        let automatic = options.method == .automatic
        var method = start
        var usedDormandPrince = false, usedRosenbrock = false

        system.evaluate(t0, b.y, into: b.k1, count: n)
        stats.rhsEvaluations += 1
        let span = tEnd - t0
        let hMax = Swift.min(options.maxStepH ?? span, span)
        var h: Double
        if let h0 = options.initialStepH {
            h = Swift.min(h0, hMax)
        } else {
            h = InitialStep.estimate(system, t: t0, order: method == .dormandPrince ? 5 : 4, hMax: hMax, b)
            stats.rhsEvaluations += 1
        }
        var controller = PIStepController(
            k: method == .dormandPrince ? DormandPrince54.controllerExponentBase : Rosenbrock.controllerExponentBase)
        var detector = StiffnessDetector()
        var jacobianCurrent = false
        var nonFiniteRun = 0
        var attempts = 0
        var t = t0
        let roundoffScale = 10 * Double.ulpOfOne * Swift.max(Swift.abs(t0), Swift.abs(tEnd))

        while true {
            guard attempts < options.maxSteps else { throw ODEError.maxStepsExceeded(t: t, steps: attempts) }
            attempts += 1
            var hStep = h
            // Stretch (≤ 0.01 %) or cut the step to land exactly on tEnd (dopri5.f convention).
            let last = t + 1.0001 * hStep >= tEnd
            if last {
                hStep = tEnd - t
            } else if hStep <= roundoffScale {
                throw ODEError.stepSizeUnderflow(t: t, h: hStep)
            }

            let err: Double
            switch method {
            case .dormandPrince:
                err = DormandPrince54.step(system, t: t, h: hStep, b)
                stats.rhsEvaluations += 6
            case .rosenbrock:
                if !jacobianCurrent {
                    stats.rhsEvaluations += Rosenbrock.evaluateJacobian(system, t: t, b)
                    stats.jacobianEvaluations += 1
                    jacobianCurrent = true
                    if let row = Rosenbrock.firstNonFiniteRow(autonomous: autonomous, b) {
                        throw ODEError.nonFiniteState(t: t, index: row)
                    }
                }
                stats.luFactorizations += 1
                guard Rosenbrock.factor(h: hStep, b) else {
                    stats.rejectedSteps += 1
                    controller.forcedRejection()
                    h = 0.5 * hStep
                    continue
                }
                err = Rosenbrock.step(system, t: t, h: hStep, autonomous: autonomous, b)
                stats.rhsEvaluations += 5
            }

            // Non-finite stages: shrink hard; persistent ones (the RHS itself yields NaN/∞) are an error.
            if !err.isFinite || b.firstNonFinite(b.y1) != nil {
                nonFiniteRun += 1
                if nonFiniteRun >= 8 {
                    throw ODEError.nonFiniteState(t: t, index: b.firstNonFiniteInStep() ?? 0)
                }
                stats.rejectedSteps += 1
                controller.forcedRejection()
                h = 0.1 * hStep
                continue
            }
            nonFiniteRun = 0

            guard err <= 1 else {
                stats.rejectedSteps += 1
                h = controller.rejected(err: err, h: hStep)
                continue
            }

            // Accepted.
            stats.acceptedSteps += 1
            if method == .dormandPrince { usedDormandPrince = true } else { usedRosenbrock = true }
            let tNew = last ? tEnd : t + hStep
            if nextOut < outCount && outputTimes[nextOut] <= tNew {
                switch method {
                case .dormandPrince: DormandPrince54.prepareDense(h: hStep, b)
                case .rosenbrock: Rosenbrock.prepareDense(b)
                }
                let invH = 1 / hStep
                while nextOut < outCount && outputTimes[nextOut] <= tNew {
                    let theta = Swift.min(1, Swift.max(0, (outputTimes[nextOut] - t) * invH))
                    DenseOutput.evaluate(method, theta: theta, b, selected: selected, into: out! + nextOut * m)
                    nextOut += 1
                }
            }
            var becameStiff = false
            if automatic && method == .dormandPrince {
                becameStiff = detector.update(hRho: DormandPrince54.stiffnessProduct(h: hStep, b))
            }
            for i in 0..<n { b.y[i] = b.y1[i] }
            t = tNew
            if last { break }

            switch method {
            case .dormandPrince:
                for i in 0..<n { b.k1[i] = b.k7[i] }  // FSAL
            case .rosenbrock:
                system.evaluate(t, b.y, into: b.k1, count: n)
                stats.rhsEvaluations += 1
                jacobianCurrent = false
            }
            h = Swift.min(controller.accepted(err: err, h: hStep), hMax)
            if becameStiff {
                method = .rosenbrock
                controller = PIStepController(k: Rosenbrock.controllerExponentBase)
                jacobianCurrent = false
            }
        }
        stats.methodUsed = usedDormandPrince && usedRosenbrock ? .automatic : method.publicMethod
    }

    /// Checks the interval, output times and options; throws `ODEError.invalidInterval` /
    /// `.invalidTolerance` with the reason.
    @usableFromInline
    static func validate(dimension n: Int, t0: Double, tEnd: Double, outputTimes: [Double], options: ODEOptions) throws {
        guard t0.isFinite, tEnd.isFinite else {
            throw ODEError.invalidInterval("t0 (\(t0)) and tEnd (\(tEnd)) must be finite")
        }
        guard tEnd >= t0 else { throw ODEError.invalidInterval("tEnd (\(tEnd)) is before t0 (\(t0))") }
        var previous = t0
        for (k, time) in outputTimes.enumerated() {
            guard time.isFinite, time >= t0, time <= tEnd else {
                throw ODEError.invalidInterval("output time #\(k) (\(time)) is outside [\(t0), \(tEnd)]")
            }
            guard time >= previous else {
                throw ODEError.invalidInterval("output times are not sorted at #\(k) (\(time) < \(previous))")
            }
            previous = time
        }
        if let h0 = options.initialStepH, !(h0 > 0 && h0.isFinite) {
            throw ODEError.invalidInterval("initialStepH (\(h0)) must be positive and finite")
        }
        if let hm = options.maxStepH, !(hm > 0 && hm.isFinite) {
            throw ODEError.invalidInterval("maxStepH (\(hm)) must be positive and finite")
        }
        guard options.maxSteps >= 1 else {
            throw ODEError.invalidTolerance("maxSteps (\(options.maxSteps)) must be at least 1")
        }
        guard options.rtol.count == 1 || options.rtol.count == n else {
            throw ODEError.invalidTolerance("rtol has \(options.rtol.count) entries; expected 1 or \(n)")
        }
        guard options.atol.count == 1 || options.atol.count == n else {
            throw ODEError.invalidTolerance("atol has \(options.atol.count) entries; expected 1 or \(n)")
        }
        let minimumRtol = 100 * Double.ulpOfOne
        for i in 0..<n {
            let r = options.rtol.count == 1 ? options.rtol[0] : options.rtol[i]
            let a = options.atol.count == 1 ? options.atol[0] : options.atol[i]
            guard r.isFinite, r >= 0, a.isFinite, a >= 0 else {
                throw ODEError.invalidTolerance("rtol (\(r)) and atol (\(a)) of state \(i) must be finite and ≥ 0")
            }
            guard r + a > 0 else {
                throw ODEError.invalidTolerance("rtol and atol of state \(i) are both zero")
            }
            guard r == 0 || r >= minimumRtol else {
                throw ODEError.invalidTolerance("rtol (\(r)) of state \(i) is below 100·ε (\(minimumRtol))")
            }
        }
    }
}
