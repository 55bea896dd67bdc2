/// A population regimen on SIMD lanes: up to `Lanes.scalarCount` subjects with the same event
/// times (amounts, rates and parameters may differ) stepped in lock-step on the exact transition
/// of their linear models, with the metrics of `RegimenSubjectSimulator` (the event engine plus
/// `CurveAnalysis`) computed on the exact solution:
///
/// - The knots are the output grid and every dose, infusion start and infusion end, as in the
///   event engine; between knots the input is constant.
/// - Per subject and per distinct step length one exponential of the Van Loan block matrix
///   [[K, B, 0], [0, 0, 0], [c, 0, 0]]·Δt (states, running infusions, area) gives the state
///   transition, the infusion term and the exact area row, so the AUC is exact and needs no
///   root finding (C. F. Van Loan 1978; see `Transition`).
/// - The lane loop stores the output and its slope at every knot (and the full state every
///   `checkpointEvery` knots). Peaks, band and discharge crossings are located on those values
///   exactly as `CurveAnalysis` does, then refined on the exact solution inside the bracketing
///   piece (state rebuilt from the nearest checkpoint) with the same root finder and tolerances.
///
/// Every lane's numbers depend only on that subject (each transition is computed by the scalar
/// `MatrixExponential` for its own lane), so results do not depend on which subjects share a
/// group: output stays identical across thread counts and shards.
public enum LaneRegimenKernel {
    /// Full states are kept every this many knots.
    public static let checkpointEvery = 16



    /// One input event in the shared schedule: a bolus (`rate` false) or a change of a running
    /// infusion's rate (`rate` true, `on` tells start or end), with per-lane amounts (mg or mg/h).
    struct Event {
        var timeH: Double
        var compartment: Int
        var isRate: Bool
        var on: Bool
        var value: [Double]
    }

    /// The expanded events of one subject's records, as the event engine applies them; nil if a
    /// record is of a kind this path does not model (the engine then runs the subject).
    static func expand(_ records: [EventRecord], stateCount n: Int, endH: Double) -> [(t: Double, c: Int, isRate: Bool, on: Bool, v: Double)]? {
        var out: [(t: Double, c: Int, isRate: Bool, on: Bool, v: Double)] = []
        for r in records {
            guard case .dose(let d) = r.action, r.modelIndex == 0, d.steadyState == .none else { return nil }
            guard d.compartment >= 0, d.compartment < n, d.amountMg.isFinite, d.amountMg >= 0, d.bioavailability.isFinite,
                  d.bioavailability >= 0, d.lagH.isFinite, d.lagH >= 0, d.intervalH.isFinite, d.intervalH >= 0,
                  d.additionalDoses >= 0, d.additionalDoses <= 100_000, d.additionalDoses == 0 || d.intervalH > 0,
                  r.timeH.isFinite, r.timeH >= 0 else { return nil }
            if case .rate(let x) = d.input, !(x.isFinite && x > 0) { return nil }
            if case .duration(let x) = d.input, !(x.isFinite && x >= 0) { return nil }
            let amount = d.enteringAmountMg
            let inf = d.infusion
            // Start times exactly as the engine computes them (each repeat II after the last).
            var starts: [Double] = []
            let first = r.timeH + d.lagH
            if first == r.timeH {
                starts.append(r.timeH)
                if d.additionalDoses > 0 {
                    var s = r.timeH + d.intervalH + d.lagH
                    for k in 0..<d.additionalDoses { if k > 0 { s = s + d.intervalH }; starts.append(s) }
                }
            } else {
                var s = first
                for k in 0...d.additionalDoses { if k > 0 { s = s + d.intervalH }; starts.append(s) }
            }
            for s in starts where s <= endH {
                if let inf {
                    guard inf.durationH > 0, inf.rateMgPerH > 0 else { continue }
                    out.append((s, d.compartment, true, true, inf.rateMgPerH))
                    let e = s + inf.durationH
                    if e <= endH { out.append((e, d.compartment, true, false, inf.rateMgPerH)) }
                } else {
                    out.append((s, d.compartment, false, false, amount))
                }
            }
        }
        // Time order; at equal times infusion ends first (as the engine's pending queue does), then
        // starts and boluses in record order.
        let order = out.indices.sorted { a, b in
            let x = out[a], y = out[b]
            if x.t != y.t { return x.t < y.t }
            let kx = x.isRate && !x.on ? 0 : 1, ky = y.isRate && !y.on ? 0 : 1
            if kx != ky { return kx < ky }
            return a < b
        }
        return order.map { out[$0] }
    }

    /// Runs up to `Lanes.scalarCount` subjects. `models[l]` and `records[l]` are subject l's
    /// compiled regimen; the output is `models[l].outputs[output]` on `timesH`. Returns nil when
    /// the group cannot run here (records of another kind, different event times across lanes,
    /// a transition outside the exact range): the caller then runs the event engine.
    public static func run(models: [LinearModel], records: [[EventRecord]], output: Int, timesH: [Double],
                           options o: MetricOptions, wantCurve: Bool) -> [SubjectResult]? {
        let lanes = models.count
        let W = Lanes.scalarCount
        guard lanes >= 1, lanes <= W, records.count == lanes, timesH.count >= 2 else { return nil }
        let n = models[0].stateCount
        guard models.allSatisfy({ $0.stateCount == n && $0.outputs.count > output }) else { return nil }
        for k in 1..<timesH.count where !(timesH[k] > timesH[k - 1]) { return nil }
        let start = timesH[0], end = timesH[timesH.count - 1]
        guard records.allSatisfy({ $0.allSatisfy { $0.timeH >= start && $0.timeH <= end } }) else { return nil }

        // Events: identical times, kinds and compartments across lanes.
        var lanesEvents: [[(t: Double, c: Int, isRate: Bool, on: Bool, v: Double)]] = []
        for r in records {
            guard let e = expand(r, stateCount: n, endH: end) else { return nil }
            if e.contains(where: { $0.t < start }) { return nil }
            lanesEvents.append(e)
        }
        let e0 = lanesEvents[0]
        for e in lanesEvents.dropFirst() {
            guard e.count == e0.count else { return nil }
            for i in e.indices where e[i].t != e0[i].t || e[i].c != e0[i].c || e[i].isRate != e0[i].isRate || e[i].on != e0[i].on { return nil }
        }

        // States that matter: reachable from a dosed compartment and with a path into the output's state.
        // The same flow structure in every lane (so each lane's reduced model is its own).
        for mdl in models.dropFirst() {
            for i in 0..<(n * n) where (mdl.rateMatrix.elements[i] != 0) != (models[0].rateMatrix.elements[i] != 0) { return nil }
        }
        let outState = models[0].outputs[output].state
        guard models.allSatisfy({ $0.outputs[output].state == outState && $0.outputs[output].scale != 0 }) else { return nil }
        var reach = [Bool](repeating: false, count: n)
        var stack: [Int] = []
        for e in e0 where !reach[e.c] { reach[e.c] = true; stack.append(e.c) }
        while let j = stack.popLast() {
            for m in models { for i in 0..<n where !reach[i] && m.rateMatrix[i, j] != 0 { reach[i] = true; stack.append(i) } }
        }
        var infl = [Bool](repeating: false, count: n)
        infl[outState] = true
        stack = [outState]
        while let i = stack.popLast() {
            for m in models { for j in 0..<n where !infl[j] && m.rateMatrix[i, j] != 0 { infl[j] = true; stack.append(j) } }
        }
        let kept = (0..<n).filter { reach[$0] && infl[$0] }
        guard let s = kept.firstIndex(of: outState) else { return nil }   // output identically zero: engine
        let m = kept.count
        var red = [Int](repeating: -1, count: n)
        for (a, i) in kept.enumerated() { red[i] = a }
        // Infusion inputs: one per infused kept compartment.
        var inputs: [Int] = []   // reduced state index of each input
        for e in e0 where e.isRate && red[e.c] >= 0 && !inputs.contains(red[e.c]) { inputs.append(red[e.c]) }
        let q = inputs.count

        // Knots: grid times and event times (kept compartments only), ascending, distinct.
        var events: [Event] = []
        for (i, e) in e0.enumerated() where red[e.c] >= 0 {
            events.append(Event(timeH: e.t, compartment: red[e.c], isRate: e.isRate, on: e.on, value: lanesEvents.map { $0[i].v }))
        }
        var knots: [Double] = []
        knots.reserveCapacity(timesH.count + events.count)
        var gridKnot = [Int](repeating: 0, count: timesH.count)
        var ei = 0
        for (g, t) in timesH.enumerated() {
            while ei < events.count && events[ei].timeH < t {
                if knots.last != events[ei].timeH { knots.append(events[ei].timeH) }
                ei += 1
            }
            if knots.last != t { knots.append(t) }
            gridKnot[g] = knots.count - 1
        }
        let K = knots.count
        // Events of each knot: knotEvents[j] ..< knotEvents[j + 1] in `events`.
        var firstEvent = [Int](repeating: 0, count: K + 1)
        do {
            var e = 0
            for j in 0..<K {
                firstEvent[j] = e
                while e < events.count && events[e].timeH == knots[j] { e += 1 }
            }
            firstEvent[K] = e
            guard e == events.count else { return nil }
        }

        // Step classes: step lengths equal within 1e-10 relative share a transition.
        var classDt: [Double] = []
        var knotClass = [Int](repeating: 0, count: K)
        for j in 1..<K {
            let dt = knots[j] - knots[j - 1]
            if let c = classDt.firstIndex(where: { abs($0 - dt) <= 1e-10 * $0 }) { knotClass[j] = c } else {
                guard classDt.count < 64 else { return nil }
                knotClass[j] = classDt.count
                classDt.append(dt)
            }
        }

        // Per-lane reduced models and transitions.
        let M = m + q + 1
        var kRed: [Matrix] = []
        var scale = [Double](repeating: 0, count: W)
        // Packed per class: P (m·m), G (m·q), a (m), b (q) as lanes.
        let perClass = m * m + m * q + m + q
        var packed = [Lanes](repeating: .zero, count: classDt.count * perClass)
        var scalarClasses: [[[Double]]] = []   // [lane][class] -> P, G (row-major m×(m+q))
        for l in 0..<W {
            let src = Swift.min(l, lanes - 1)
            let mdl = models[src]
            var kr = Matrix(rows: m, cols: m)
            for a in 0..<m { for b in 0..<m { kr[a, b] = mdl.rateMatrix[kept[a], kept[b]] } }
            if l < lanes { kRed.append(kr) }
            scale[l] = mdl.outputs[output].scale
            var laneClasses: [[Double]] = []
            for (c, dt) in classDt.enumerated() {
                if l >= lanes {
                    let off = c * perClass
                    for i in 0..<perClass { packed[off + i][l] = packed[off + i][0] }
                    continue
                }
                guard (kr.norm1 + 1 + abs(scale[l])) * dt <= MatrixExponential.maxNorm1 else { return nil }
                var aug = Matrix(rows: M, cols: M)
                for a in 0..<m { for b in 0..<m { aug[a, b] = kr[a, b] * dt } }
                for (l2, st) in inputs.enumerated() { aug[st, m + l2] = dt }
                aug[M - 1, s] = scale[l] * dt
                let e = MatrixExponential.exp(aug)
                guard e.isFinite else { return nil }
                let off = c * perClass
                var pg = [Double](repeating: 0, count: m * (m + q))
                for a in 0..<m {
                    for b in 0..<m { packed[off + a * m + b][l] = e[a, b]; pg[a * (m + q) + b] = e[a, b] }
                    for b in 0..<q { packed[off + m * m + a * q + b][l] = e[a, m + b]; pg[a * (m + q) + m + b] = e[a, m + b] }
                    packed[off + m * m + m * q + a][l] = e[M - 1, a]
                }
                for b in 0..<q { packed[off + m * m + m * q + m + b][l] = e[M - 1, m + b] }
                laneClasses.append(pg)
            }
            if l < lanes { scalarClasses.append(laneClasses) }
        }
        // Output row of K (for slopes), per lane.
        var kRow = [Lanes](repeating: .zero, count: m)
        for l in 0..<W { let src = Swift.min(l, lanes - 1); for b in 0..<m { kRow[b][l] = models[src].rateMatrix[outState, kept[b]] } }
        let scaleL = Lanes(scale)
        let sInput = inputs.firstIndex(of: s)   // the infusion that enters the output's state, if any

        // Lane loop.
        let stride = checkpointEvery, strideShift = stride.trailingZeroBitCount
        precondition(stride.nonzeroBitCount == 1, "checkpoint spacing is a power of two")
        let checkpoints = (K - 1) / stride + 1
        var cBuf = [Lanes](repeating: .zero, count: K)
        var dBuf = [Lanes](repeating: .zero, count: K)
        var xCheck = [Lanes](repeating: .zero, count: checkpoints * Swift.max(m, 1))
        var uCheck = [Lanes](repeating: .zero, count: checkpoints * Swift.max(q, 1))
        let eventKnots = (0..<K).filter { firstEvent[$0 + 1] > firstEvent[$0] }
        var eventOrdinal = [Int](repeating: -1, count: K)
        for (i, j) in eventKnots.enumerated() { eventOrdinal[j] = i }
        var cPre = [Lanes](repeating: .zero, count: eventKnots.count)
        var dPre = [Lanes](repeating: .zero, count: eventKnots.count)
        var activeCount = [Int](repeating: 0, count: Swift.max(q, 1))
        var auc = Lanes.zero
        // Per-lane event values as lanes, once.
        let eventValues: [Lanes] = events.map { ev in
            var v = Lanes.zero
            for l in 0..<W { v[l] = ev.value[Swift.min(l, lanes - 1)] }
            return v
        }
        let eventInput: [Int] = events.map { ev in ev.isRate ? inputs.firstIndex(of: ev.compartment)! : -1 }
        let work = UnsafeMutablePointer<Lanes>.allocate(capacity: 2 * m + Swift.max(q, 1) + m)
        defer { work.deallocate() }
        let x = work, y = work + m, u = work + 2 * m, kr = u + Swift.max(q, 1)
        for i in 0..<(2 * m + Swift.max(q, 1)) { x[i] = .zero }
        for b in 0..<m { kr[b] = kRow[b] }
        let sIn = sInput ?? -1
        // Events of knot j on the state in `x`/`u` (shared by both loops).
        func applyEvents(_ j: Int) {
            for e in firstEvent[j]..<firstEvent[j + 1] {
                let v = eventValues[e]
                let i = eventInput[e]
                if i < 0 { x[events[e].compartment] += v; continue }
                if events[e].on { u[i] += v; activeCount[i] += 1 } else {
                    activeCount[i] -= 1
                    u[i] = activeCount[i] == 0 ? .zero : u[i] - v
                }
            }
        }
        if m <= 4 && q <= 1 {
            // Up to 4 states and 1 infusion input (every built-in profile's output): the generic loop
            // below unrolled on a zero-padded 4×4 system held in registers. Padded states stay 0 and
            // add exact zeros, so every sum is formed in the same order and the bits are the same.
            let padded = UnsafeMutablePointer<Lanes>.allocate(capacity: Swift.max(1, classDt.count) * 25)
            defer { padded.deallocate() }
            padded.initialize(repeating: .zero, count: Swift.max(1, classDt.count) * 25)
            for c in classDt.indices {
                let src = c * perClass, dst = c * 25
                for a in 0..<m {
                    for b in 0..<m { padded[dst + a * 4 + b] = packed[src + a * m + b] }
                    if q == 1 { padded[dst + 16 + a] = packed[src + m * m + a] }
                    padded[dst + 20 + a] = packed[src + m * m + m * q + a]
                }
                if q == 1 { padded[dst + 24] = packed[src + m * m + m * q + m] }
            }
            var k4 = [Lanes](repeating: .zero, count: 4)
            for b in 0..<m { k4[b] = kRow[b] }
            let (k0, k1, k2, k3) = (k4[0], k4[1], k4[2], k4[3])
            var x0 = Lanes.zero, x1 = Lanes.zero, x2 = Lanes.zero, x3 = Lanes.zero, u0 = Lanes.zero
            let slopeFromInput = sIn == 0
            cBuf.withUnsafeMutableBufferPointer { cB in
            dBuf.withUnsafeMutableBufferPointer { dB in
            knotClass.withUnsafeBufferPointer { kc in
            eventOrdinal.withUnsafeBufferPointer { eo in
                @inline(__always) func out() -> (Lanes, Lanes) {
                    let xs = s == 0 ? x0 : s == 1 ? x1 : s == 2 ? x2 : x3
                    var d = slopeFromInput ? u0 : .zero
                    d += k0 * x0
                    d += k1 * x1
                    d += k2 * x2
                    d += k3 * x3
                    return (scaleL * xs, d * scaleL)
                }
                for j in 0..<K {
                    if j > 0 {
                        let p = padded + kc[j] * 25
                        let y0 = dot5(p, p[16], x0, x1, x2, x3, u0)
                        let y1 = dot5(p + 4, p[17], x0, x1, x2, x3, u0)
                        let y2 = dot5(p + 8, p[18], x0, x1, x2, x3, u0)
                        let y3 = dot5(p + 12, p[19], x0, x1, x2, x3, u0)
                        auc += dot5(p + 20, p[24], x0, x1, x2, x3, u0)
                        (x0, x1, x2, x3) = (y0, y1, y2, y3)
                    }
                    let ord = eo[j]
                    if ord >= 0 {
                        (cPre[ord], dPre[ord]) = out()
                        let xs4 = [x0, x1, x2, x3]
                        for a in 0..<m { x[a] = xs4[a] }
                        if q == 1 { u[0] = u0 }
                        applyEvents(j)
                        if m > 0 { x0 = x[0] }
                        if m > 1 { x1 = x[1] }
                        if m > 2 { x2 = x[2] }
                        if m > 3 { x3 = x[3] }
                        if q == 1 { u0 = u[0] }
                    }
                    (cB[j], dB[j]) = out()
                    if j & (stride - 1) == 0 {
                        let c = j >> strideShift
                        let xs4 = (x0, x1, x2, x3)
                        withUnsafeBytes(of: xs4) { raw in
                            let xp = raw.bindMemory(to: Lanes.self)
                            for a in 0..<m { xCheck[c * m + a] = xp[a] }
                        }
                        if q == 1 { uCheck[c] = u0 }
                    }
                }
            }
            }
            }
            }
        } else {
        packed.withUnsafeBufferPointer { P in
        cBuf.withUnsafeMutableBufferPointer { cB in
        dBuf.withUnsafeMutableBufferPointer { dB in
        knotClass.withUnsafeBufferPointer { kc in
        eventOrdinal.withUnsafeBufferPointer { eo in
            @inline(__always) func slope() -> Lanes {
                var d = sIn >= 0 ? u[sIn] : .zero
                for b in 0..<m { d += kr[b] * x[b] }
                return d * scaleL
            }
            for j in 0..<K {
                if j > 0 {
                    let base = P.baseAddress! + kc[j] * perClass
                    let G = base + m * m, A = G + m * q, B = A + m
                    var area = Lanes.zero
                    for a in 0..<m {
                        var acc = Lanes.zero
                        let row = base + a * m
                        for b in 0..<m { acc += row[b] * x[b] }
                        for b in 0..<q { acc += G[a * q + b] * u[b] }
                        y[a] = acc
                        area += A[a] * x[a]
                    }
                    for b in 0..<q { area += B[b] * u[b] }
                    auc += area
                    for a in 0..<m { x[a] = y[a] }
                }
                let ord = eo[j]
                if ord >= 0 {
                    cPre[ord] = scaleL * x[s]
                    dPre[ord] = slope()
                    applyEvents(j)
                }
                cB[j] = scaleL * x[s]
                dB[j] = slope()
                if j & (stride - 1) == 0 {
                    let c = j >> strideShift
                    for a in 0..<m { xCheck[c * m + a] = x[a] }
                    for b in 0..<q { uCheck[c * q + b] = u[b] }
                }
            }
        }
        }
        }
        }
        }
        }
        guard (0..<lanes).allSatisfy({ auc[$0].isFinite }) else { return nil }

        // Per-lane metrics on the exact solution.
        var results: [SubjectResult] = []
        results.reserveCapacity(lanes)
        for l in 0..<lanes {
            let ctx = LaneContext(
                lane: l, m: m, q: q, s: s, inputs: inputs, scale: scale[l], k: kRed[l], kNorm: kRed[l].norm1, knots: knots, knotClass: knotClass,
                classes: scalarClasses[l], events: events, firstEvent: firstEvent, eventOrdinal: eventOrdinal,
                c: cBuf, d: dBuf, cPre: cPre, dPre: dPre, xCheck: xCheck, uCheck: uCheck)
            let (cmax, tmax) = ctx.peak()
            // An open band (no upper edge, e.g. an effect site's [C50, ∞)) has nothing above it.
            let band = ctx.hoursAtOrAbove(o.bandLow, from: o.windowStartH, to: o.windowEndH)
                - (o.bandHigh == .infinity ? 0 : ctx.hoursAtOrAbove(o.bandHigh, from: o.windowStartH, to: o.windowEndH))
            let discharge = ctx.timeBelowForGood(o.dischargeLevel) ?? .nan
            let metrics = SubjectMetrics(cmax: cmax, tmaxH: tmax, auc: auc[l], hoursInBand: band, dischargeH: discharge)
            let curve = wantCurve ? gridKnot.map { cBuf[$0][l] } : []
            results.append(SubjectResult(metrics: metrics, curve: curve))
        }
        return results
    }

    /// ((((0 + r₀x₀) + r₁x₁) + r₂x₂) + r₃x₃) + g·u: a row of the padded 4-state step, summed in the
    /// order of the generic loop.
    @inline(__always) static func dot5(_ r: UnsafeMutablePointer<Lanes>, _ g: Lanes, _ x0: Lanes, _ x1: Lanes, _ x2: Lanes, _ x3: Lanes, _ u: Lanes) -> Lanes {
        var acc = Lanes.zero
        acc += r[0] * x0
        acc += r[1] * x1
        acc += r[2] * x2
        acc += r[3] * x3
        acc += g * u
        return acc
    }

    /// One lane's view of a finished lane run: values and slopes at the knots, and the exact
    /// solution inside any piece rebuilt from the nearest checkpoint.
    struct LaneContext {
        let lane: Int, m: Int, q: Int, s: Int
        let inputs: [Int]
        let scale: Double
        let k: Matrix
        let kNorm: Double
        let knots: [Double]
        let knotClass: [Int]
        let classes: [[Double]]
        let events: [Event]
        let firstEvent: [Int]
        let eventOrdinal: [Int]
        let c: [Lanes], d: [Lanes], cPre: [Lanes], dPre: [Lanes]
        let xCheck: [Lanes], uCheck: [Lanes]
        let memo = Memo()

        var pieces: Int { knots.count - 1 }
        /// Value and slope at the start of piece j (after the knot's events).
        func start(_ j: Int) -> (Double, Double) { (c[j][lane], d[j][lane]) }
        /// Value and slope at the end of piece j (the left limit at knot j + 1).
        func end(_ j: Int) -> (Double, Double) {
            let o = eventOrdinal[j + 1]
            return o >= 0 ? (cPre[o][lane], dPre[o][lane]) : (c[j + 1][lane], d[j + 1][lane])
        }

        /// The state and the input rates (per reduced state) just after knot j.
        func state(_ j: Int) -> (x: [Double], r: [Double]) {
            if let st = memo.states[j] { return st }
            let st = rebuild(j)
            memo.states[j] = st
            return st
        }

        /// Pieces already solved for this lane: states and interior extrema by piece.
        final class Memo {
            var states: [Int: (x: [Double], r: [Double])] = [:]
            var extrema: [Int: (t: Double, c: Double)] = [:]
        }

        func rebuild(_ j: Int) -> (x: [Double], r: [Double]) {
            let stride = LaneRegimenKernel.checkpointEvery
            let c0 = j / stride
            var x = (0..<m).map { xCheck[c0 * m + $0][lane] }
            var u = (0..<q).map { uCheck[c0 * q + $0][lane] }
            var active = [Int](repeating: 0, count: q)
            // Running infusion counts at the checkpoint, from the events before it.
            for e in 0..<firstEvent[c0 * stride + 1] where events[e].isRate {
                let i = inputs.firstIndex(of: events[e].compartment)!
                active[i] += events[e].on ? 1 : -1
            }
            var y = [Double](repeating: 0, count: m)
            var k = c0 * stride + 1
            while k <= j {
                let pg = classes[knotClass[k]]
                for a in 0..<m {
                    var acc = 0.0
                    for b in 0..<m { acc += pg[a * (m + q) + b] * x[b] }
                    for b in 0..<q { acc += pg[a * (m + q) + m + b] * u[b] }
                    y[a] = acc
                }
                x = y
                for e in firstEvent[k]..<firstEvent[k + 1] {
                    let ev = events[e]
                    let v = ev.value[lane]
                    if !ev.isRate { x[ev.compartment] += v; continue }
                    let i = inputs.firstIndex(of: ev.compartment)!
                    if ev.on { u[i] += v; active[i] += 1 } else { active[i] -= 1; u[i] = active[i] == 0 ? 0 : u[i] - v }
                }
                k += 1
            }
            var r = [Double](repeating: 0, count: m)
            for (i, st) in inputs.enumerated() { r[st] += u[i] }
            return (x, r)
        }

        /// Value and slope at `a + dt` from state x and rates r at `a`, on the exact solution (Taylor
        /// series summed to rounding in substeps with ‖K‖₁·h ≤ 1, or the Van Loan transition).
        func valueAndSlope(_ x0: [Double], _ r: [Double], _ dt: Double) -> (Double, Double, Double) {
            // Taylor series in substeps of ‖K‖₁·h ≤ 1 (at most 64); beyond that the Van Loan transition.
            let substeps = dt > 0 ? Swift.max(1, Int((kNorm * dt).rounded(.up))) : 1
            if substeps > 64 {
                var x = x0
                Transition(rateMatrix: k, dtH: dt).apply(&x, rate: r.contains { $0 != 0 } ? r : nil)
                var dd = r[s], d2 = 0.0
                for b in 0..<m { dd += k[s, b] * x[b] }
                for b in 0..<m { var xd = r[b]; for c in 0..<m { xd += k[b, c] * x[c] }; d2 += k[s, b] * xd }
                return (scale * x[s], scale * dd, scale * d2)
            }
            let m = self.m, s = self.s
            return k.elements.withUnsafeBufferPointer { kk in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * m) { buf in
                    let x = buf.baseAddress!, term = x + m, next = term + m
                    for a in 0..<m { x[a] = x0[a] }
                    let h = dt / Double(substeps)
                    for _ in 0..<(dt > 0 ? substeps : 0) {
                        let dt = h
                        // term_1 = dt·(K x + r), term_i = dt/i · K·term_{i−1}: converges fast for ‖K‖₁·dt ≤ 1.
                        for a in 0..<m { var acc = r[a]; for b in 0..<m { acc += kk[a * m + b] * x[b] }; term[a] = acc * dt }
                        for a in 0..<m { x[a] += term[a] }
                        var i = 2
                        while i <= 40 {
                            var size = 0.0, xs = 0.0
                            let f = dt / Double(i)
                            for a in 0..<m {
                                var acc = 0.0
                                for b in 0..<m { acc += kk[a * m + b] * term[b] }
                                next[a] = acc * f
                                size = Swift.max(size, abs(next[a]))
                            }
                            for a in 0..<m { term[a] = next[a]; x[a] += term[a]; xs = Swift.max(xs, abs(x[a])) }
                            if size <= 1e-18 * xs { break }
                            i += 1
                        }
                    }
                    var dd = r[s], d2 = 0.0
                    for b in 0..<m { dd += kk[s * m + b] * x[b] }
                    for b in 0..<m { var xd = r[b]; for c in 0..<m { xd += kk[b * m + c] * x[c] }; d2 += kk[s * m + b] * xd }
                    return (scale * x[s], scale * dd, scale * d2)
                }
            }
        }

        /// The interior extremum of piece j (as `CurveAnalysis.interiorExtremum`).
        func extremum(_ j: Int, _ st: (x: [Double], r: [Double])) -> (t: Double, c: Double) {
            if let e = memo.extrema[j] { return e }
            let a = knots[j], b = knots[j + 1]
            let t = LaneContext.newton({ let v = valueAndSlope(st.x, st.r, $0 - a); return (v.1, v.2) }, a, b, fa: start(j).1, fb: end(j).1,
                                       tolerance: 1e-13 * Swift.max(1, b), guess: hermiteStationary(j))
            let e = (t: t, c: valueAndSlope(st.x, st.r, t - a).0)
            memo.extrema[j] = e
            return e
        }

        /// A root of f in [a, b] (f(a), f(b) of opposite signs or zero) by Newton's method on the
        /// exact derivative, kept inside the bracket (bisection when a step leaves it). Converges to
        /// rounding in a few evaluations; stops when a step is below `tolerance`.
        static func newton(_ f: (Double) -> (Double, Double), _ a0: Double, _ b0: Double, fa: Double, fb: Double, tolerance: Double,
                           guess: Double? = nil) -> Double {
            if fa == 0 { return a0 }
            if fb == 0 { return b0 }
            var lo = a0, hi = b0, flo = fa, fhi = fb
            var fellBack = false
            let loPositive = fa > 0
            var t = guess ?? (fa != fb ? a0 + (b0 - a0) * fa / (fa - fb) : 0.5 * (a0 + b0))
            if !(t > lo && t < hi) { t = 0.5 * (lo + hi) }
            for _ in 0..<100 {
                let (g, dg) = f(t)
                if g == 0 { return t }
                if (g > 0) == loPositive { lo = t; flo = g } else { hi = t; fhi = g }
                let step = dg != 0 ? g / dg : .nan
                // Converged: a Newton step below the tolerance (it may not even move t in floating
                // point, so it is tested before the bracket).
                if abs(step) <= tolerance { return Swift.min(Swift.max(t - step, lo), hi) }
                if hi - lo <= tolerance { return 0.5 * (lo + hi) }
                var next = t - step
                // A Newton step that leaves the bracket: the secant of the bracket, or the midpoint
                // when that is not strictly inside.
                // Twice in a row: the midpoint (a secant next to one end can otherwise crawl).
                if !(next > lo && next < hi) {
                    next = !fellBack && flo != fhi ? lo + (hi - lo) * flo / (flo - fhi) : .nan
                    fellBack = true
                } else {
                    fellBack = false
                }
                if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
                // Never closer than the tolerance to an end: a root sitting next to an end is then
                // confirmed by one probe (the bracket shrinks below the tolerance), where halving
                // from the far side would take dozens of evaluations.
                if next - lo < tolerance { next = Swift.min(lo + tolerance, 0.5 * (lo + hi)) }
                else if hi - next < tolerance { next = Swift.max(hi - tolerance, 0.5 * (lo + hi)) }
                t = next
            }
            return t
        }

        /// The stationary point of the cubic Hermite interpolant of piece j (values and slopes at
        /// both ends), where its slope changes sign: a starting point for Newton on the exact slope.
        func hermiteStationary(_ j: Int) -> Double? {
            let a = knots[j], h = knots[j + 1] - a
            let (ca, da) = start(j), (cb, db) = end(j)
            // dp/ds = A s² + B s + C on s ∈ [0, 1], with C = h·da and A + B + C = h·db.
            let qa = 6 * (ca - cb) + 3 * h * (da + db), qb = 6 * (cb - ca) - h * (4 * da + 2 * db), qc = h * da
            var s: Double
            if abs(qa) <= 1e-12 * (abs(qb) + abs(qc)) {
                guard qb != 0 else { return nil }
                s = -qc / qb
            } else {
                let disc = qb * qb - 4 * qa * qc
                guard disc >= 0 else { return nil }
                let r = disc.squareRoot()
                let q = -0.5 * (qb + (qb >= 0 ? r : -r))
                let s1 = q / qa, s2 = q != 0 ? qc / q : .nan
                s = (s1 > 0 && s1 < 1) ? s1 : s2
            }
            guard s > 0 && s < 1 else { return nil }
            return a + s * h
        }

        func hasExtremum(_ j: Int) -> Bool { let (da, db) = (start(j).1, end(j).1); return (da > 0 && db < 0) || (da < 0 && db > 0) }

        func peak() -> (Double, Double) {
            let W = Lanes.scalarCount, lane = self.lane
            var best = (value: (c[0][lane], knots[0]), position: 0)
            var candidates: [Int] = []
            // Endpoint values in piece order (as CurveAnalysis.peak), and the pieces whose slope
            // turns from rising to falling (interior maxima).
            c.withUnsafeBufferPointer { cb in
            d.withUnsafeBufferPointer { db in
                cb.baseAddress!.withMemoryRebound(to: Double.self, capacity: cb.count * W) { cv in
                db.baseAddress!.withMemoryRebound(to: Double.self, capacity: db.count * W) { dv in
                    for j in 0..<pieces {
                        let ca = cv[j * W + lane], da = dv[j * W + lane]
                        let o = eventOrdinal[j + 1]
                        let cEnd = o >= 0 ? cPre[o][lane] : cv[(j + 1) * W + lane]
                        let dEnd = o >= 0 ? dPre[o][lane] : dv[(j + 1) * W + lane]
                        if ca > best.value.0 { best = ((ca, knots[j]), 3 * j) }
                        if cEnd > best.value.0 { best = ((cEnd, knots[j + 1]), 3 * j + 1) }
                        if da > 0 && dEnd < 0 { candidates.append(j) }
                    }
                }
                }
            }
            }
            // Exact interior maxima of every rising-then-falling piece (no tangent-bound skip: it
            // holds only where the curve is concave, which a chain of absorption compartments or
            // an effect site need not be).
            var interior: [Int: (t: Double, c: Double)] = [:]
            var top = best.value.0
            for j in candidates {
                let e = extremum(j, state(j))
                interior[j] = e
                if e.c > top { top = e.c }
            }
            // The earliest point within `CurveAnalysis.peakTieTolerance` of the maximum, in time
            // order (as `CurveAnalysis.peak`): equal session peaks then name the first session.
            let threshold = top - CurveAnalysis.peakTieTolerance * abs(top)
            for j in 0..<pieces {
                let (ca, _) = start(j)
                if ca >= threshold { return (ca, knots[j]) }
                if let e = interior[j], e.c >= threshold { return (e.c, e.t) }
                let (cEnd, _) = end(j)
                if cEnd >= threshold { return (cEnd, knots[j + 1]) }
            }
            return best.value
        }

        /// Hours of [from, to] with the output ≥ level.
        func hoursAtOrAbove(_ level: Double, from: Double, to: Double) -> Double {
            var total = 0.0
            guard to > from else { return 0 }
            // First piece ending after `from`.
            var lo = 0, hi = pieces
            while lo < hi { let mid = (lo + hi) / 2; if knots[mid + 1] <= from { lo = mid + 1 } else { hi = mid } }
            var j = lo
            while j < pieces && knots[j] < to {
                let a = knots[j], b = knots[j + 1]
                let (ca, cb) = (start(j).0, end(j).0)
                if hasExtremum(j) {
                    let e = extremum(j, state(j))
                    total += hoursAtOrAbove(level, piece: j, a, ca, e.t, e.c, from: from, to: to)
                    total += hoursAtOrAbove(level, piece: j, e.t, e.c, b, cb, from: from, to: to)
                } else {
                    total += hoursAtOrAbove(level, piece: j, a, ca, b, cb, from: from, to: to)
                }
                j += 1
            }
            return total
        }

        /// Hours of [t0, t1] ∩ [from, to] with the output ≥ level, on a monotone stretch of piece j
        /// with values c0 and c1 at its ends (the crossing solved on the exact solution).
        @inline(__always) func hoursAtOrAbove(_ level: Double, piece j: Int, _ t0: Double, _ c0: Double, _ t1: Double, _ c1: Double,
                                              from: Double, to: Double) -> Double {
            let f0 = c0 - level, f1 = c1 - level
            var lo2: Double, hi2: Double
            if f0 >= 0 && f1 >= 0 { (lo2, hi2) = (t0, t1) } else if f0 < 0 && f1 < 0 { return 0 } else {
                let x = state(j), a = knots[j]
                let t = LaneContext.newton({ let v = valueAndSlope(x.x, x.r, $0 - a); return (v.0 - level, v.1) }, t0, t1, fa: f0, fb: f1,
                                           tolerance: 1e-13 * Swift.max(1, t1))
                (lo2, hi2) = f0 >= 0 ? (t0, t) : (t, t1)
            }
            lo2 = Swift.max(lo2, from); hi2 = Swift.min(hi2, to)
            return hi2 > lo2 ? hi2 - lo2 : 0
        }

        /// As `CurveAnalysis.timeBelowForGood`.
        func timeBelowForGood(_ level: Double, maxExtraH: Double = 24 * 30) -> Double? {
            let last = pieces - 1
            if end(last).0 < level {
                var j = last
                while j >= 0 {
                    let a = knots[j], b = knots[j + 1]
                    let (ca, da) = start(j), (cb, db) = end(j)
                    if cb >= level { return b }   // a drop at the next knot
                    if da > 0 && db < 0 {
                        if ca >= level {
                            let st = state(j)
                            let e = extremum(j, st)
                            return LaneContext.newton({ let v = valueAndSlope(st.x, st.r, $0 - a); return (v.0 - level, v.1) }, e.t, b, fa: e.c - level, fb: cb - level,
                                                        tolerance: 1e-13 * Swift.max(1, b))
                        }
                        do {   // no tangent-bound skip: it holds only on concave pieces
                            let st = state(j)
                            let e = extremum(j, st)
                            if e.c >= level {
                                return LaneContext.newton({ let v = valueAndSlope(st.x, st.r, $0 - a); return (v.0 - level, v.1) }, e.t, b, fa: e.c - level, fb: cb - level,
                                                            tolerance: 1e-13 * Swift.max(1, b))
                            }
                        }
                    } else if da < 0 && db > 0 {
                        if ca >= level {
                            let st = state(j)
                            let e = extremum(j, st)
                            if e.c >= level { return b }
                            return LaneContext.newton({ let v = valueAndSlope(st.x, st.r, $0 - a); return (v.0 - level, v.1) }, a, e.t, fa: ca - level, fb: e.c - level,
                                                        tolerance: 1e-13 * Swift.max(1, e.t))
                        }
                    } else if ca >= level {
                        let st = state(j)
                        return LaneContext.newton({ let v = valueAndSlope(st.x, st.r, $0 - a); return (v.0 - level, v.1) }, a, b, fa: ca - level, fb: cb - level,
                                                    tolerance: 1e-13 * Swift.max(1, b))
                    }
                    j -= 1
                }
                return knots[0]
            }
            // Still at or above the level at the end: continue with the inputs then in force.
            let endH = knots[knots.count - 1]
            let st = state(knots.count - 1)
            var x = st.x
            let rate: [Double]? = st.r.contains { $0 != 0 } ? st.r : nil
            let hour = Transition(rateMatrix: k, dtH: 1)
            var t = endH
            while t - endH < maxExtraH {
                let before = x
                hour.apply(&x, rate: rate)
                if scale * x[s] < level {
                    let t0 = t
                    let f: (Double) -> Double = { s2 in
                        var y = before
                        Transition(rateMatrix: k, dtH: s2 - t0).apply(&y, rate: rate)
                        return scale * y[s] - level
                    }
                    return RootFinding.illinois(f, t0, t0 + 1, fa: scale * before[s] - level, fb: scale * x[s] - level,
                                                tolerance: 1e-10 * Swift.max(1, t0))
                }
                t += 1
            }
            return nil
        }
    }
}
