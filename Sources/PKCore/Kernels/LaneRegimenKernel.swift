#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A population regimen on SIMD lanes: up to `Lanes.scalarCount` subjects with the same event
/// times (amounts, rates and parameters may differ) stepped in lock-step on the exact transition
/// of their linear models, with the metrics of `RegimenSubjectSimulator` (the event engine plus
/// `CurveAnalysis`) computed on the exact solution:
///
/// - The knots are the output grid and every dose, infusion start and infusion end, as in the
///   event engine; between knots the input is constant.
/// - Per subject and per distinct step length one exponential of the Van Loan block matrix
///   [[K, B, 0], [0, 0, 0], [e_sᵀ, 0, 0]]·Δt (states, running infusions, area of the output's
///   state) gives the state transition, the infusion term and the exact area row (times the
///   output scale), so the AUC is exact and needs no root finding (C. F. Van Loan 1978; see
///   `Transition`). A block of `checkpointEvery` pieces of one class without events inside takes
///   its area at once from the state at its start (`LaneLoop.blockArea`).
/// - The knots, their events and step classes depend only on the grid and the event times, so
///   they are built once per regimen (`Schedule`, kept in a `LaneScheduleCache`).
/// - The lane loop stores the output and its slope at every knot (and the full state every
///   `checkpointEvery` knots), and per block of `checkpointEvery` knots the running maximum, the
///   lanes at or above the discharge level and the pieces whose slope turns from rising to falling
///   (so the peak and discharge scans start at the right block). Peaks, band and discharge
///   crossings are located on those values exactly as `CurveAnalysis` does, then refined on the
///   exact solution inside the bracketing
///   piece (state rebuilt from the nearest checkpoint; the exact solution stepped by its Taylor
///   series from the nearer end of the piece, then from each Newton point to the next:
///   `LaneContext.Probe4`) with the same root finder and tolerances, started from the piece's cubic
///   Hermite interpolant.
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
        /// Lane l's amount in `value[l]` (lanes of the group only; up to 8).
        var value: SIMD8<Double>
    }

    /// The expanded events of one subject's records, as the event engine applies them; nil if a
    /// record is of a kind this path does not model (the engine then runs the subject).
    static func expand(_ records: [EventRecord], stateCount n: Int, endH: Double) -> [(t: Double, c: Int, isRate: Bool, on: Bool, v: Double)]? {
        var out: [(t: Double, c: Int, isRate: Bool, on: Bool, v: Double)] = []
        if records.count == 1, case .dose(let d) = records[0].action {
            out.reserveCapacity((Swift.max(0, Swift.min(d.additionalDoses, 100_000)) + 1) * (d.infusion == nil ? 1 : 2))
        }
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
            @inline(__always) func start(_ s: Double) {
                guard s <= endH else { return }
                if let inf {
                    guard inf.durationH > 0, inf.rateMgPerH > 0 else { return }
                    out.append((s, d.compartment, true, true, inf.rateMgPerH))
                    let e = s + inf.durationH
                    if e <= endH { out.append((e, d.compartment, true, false, inf.rateMgPerH)) }
                } else {
                    out.append((s, d.compartment, false, false, amount))
                }
            }
            let first = r.timeH + d.lagH
            if first == r.timeH {
                start(r.timeH)
                if d.additionalDoses > 0 {
                    var s = r.timeH + d.intervalH + d.lagH
                    for k in 0..<d.additionalDoses { if k > 0 { s = s + d.intervalH }; start(s) }
                }
            } else {
                var s = first
                for k in 0...d.additionalDoses { if k > 0 { s = s + d.intervalH }; start(s) }
            }
        }
        // Time order; at equal times infusion ends first (as the engine's pending queue does), then
        // starts and boluses in record order.
        @inline(__always) func before(_ a: Int, _ b: Int) -> Bool {
            let x = out[a], y = out[b]
            if x.t != y.t { return x.t < y.t }
            let kx = x.isRate && !x.on ? 0 : 1, ky = y.isRate && !y.on ? 0 : 1
            if kx != ky { return kx < ky }
            return a < b
        }
        // Already in that (total) order, as a single dose course is: nothing to sort.
        var ordered = true
        for i in out.indices.dropFirst() where !before(i - 1, i) { ordered = false; break }
        if ordered { return out }
        let order = out.indices.sorted(by: before)
        return order.map { out[$0] }
    }

    /// The knot schedule of one reduced event list on one output grid: the same for every group
    /// whose subjects share event times (amounts and parameters may differ), so it is built once
    /// per regimen and kept in a `LaneScheduleCache`.
    final class Schedule: Sendable {
        /// Knot times (h): grid times and event times, ascending, distinct.
        let knots: [Double]
        /// Knot index of each grid time.
        let gridKnot: [Int]
        /// Events of knot j: `firstEvent[j] ..< firstEvent[j + 1]` (K + 1 entries).
        let firstEvent: [Int]
        /// Step class of the piece ending at knot j (knot 0: 0, unused).
        let knotClass: [Int]
        /// Step length (h) of each class; lengths equal within 1e-10 relative share a class.
        let classDt: [Double]
        /// Ordinal of knot j among the knots with events, or −1.
        let eventOrdinal: [Int]
        /// Number of knots with events.
        let eventKnotCount: Int
        /// Per block i of `checkpointEvery` pieces (i·stride ..< (i + 1)·stride): their step class
        /// when the block is plain (no events at its inner knots, every piece of one class), else
        /// −1 (also the last block when it is short). The loop takes a plain block's area at once.
        let blockClass: [Int]

        /// Nil when the event times do not fall on the knots as expected or there are more than 64 step lengths.
        init?(timesH: [Double], eventTimesH: [Double]) {
            var knots: [Double] = []
            knots.reserveCapacity(timesH.count + eventTimesH.count)
            var gridKnot = [Int](repeating: 0, count: timesH.count)
            var ei = 0
            for (g, t) in timesH.enumerated() {
                while ei < eventTimesH.count && eventTimesH[ei] < t {
                    if knots.last != eventTimesH[ei] { knots.append(eventTimesH[ei]) }
                    ei += 1
                }
                if knots.last != t { knots.append(t) }
                gridKnot[g] = knots.count - 1
            }
            let K = knots.count
            var firstEvent = [Int](repeating: 0, count: K + 1)
            var eventOrdinal = [Int](repeating: -1, count: K)
            var e = 0, ordinal = 0
            for j in 0..<K {
                firstEvent[j] = e
                while e < eventTimesH.count && eventTimesH[e] == knots[j] { e += 1 }
                if e > firstEvent[j] { eventOrdinal[j] = ordinal; ordinal += 1 }
            }
            firstEvent[K] = e
            guard e == eventTimesH.count else { return nil }
            var classDt: [Double] = []
            var knotClass = [Int](repeating: 0, count: K)
            for j in 1..<K {
                let dt = knots[j] - knots[j - 1]
                // The first class within 1e-10 relative (built once per regimen: see `LaneScheduleCache`).
                if let c = classDt.firstIndex(where: { abs($0 - dt) <= 1e-10 * $0 }) { knotClass[j] = c; continue }
                guard classDt.count < 64 else { return nil }
                knotClass[j] = classDt.count
                classDt.append(dt)
            }
            self.knots = knots
            self.gridKnot = gridKnot
            self.firstEvent = firstEvent
            self.knotClass = knotClass
            self.classDt = classDt
            self.eventOrdinal = eventOrdinal
            self.eventKnotCount = ordinal
            let stride = LaneRegimenKernel.checkpointEvery
            var blockClass = [Int](repeating: -1, count: (K - 1) / stride + 1)
            for i in blockClass.indices where i * stride + stride <= K - 1 {
                let j0 = i * stride, c = knotClass[j0 + 1]
                var plain = true
                for j in (j0 + 1)...(j0 + stride) where knotClass[j] != c || (j < j0 + stride && eventOrdinal[j] >= 0) { plain = false; break }
                if plain { blockClass[i] = c }
            }
            self.blockClass = blockClass
        }
    }

    /// Runs up to `Lanes.scalarCount` subjects. `models[l]` and `records[l]` are subject l's
    /// compiled regimen; the output is `models[l].outputs[output]` on `timesH`. Returns nil when
    /// the group cannot run here (records of another kind, different event times across lanes,
    /// a transition outside the exact range): the caller then runs the event engine. `grid`, when
    /// given, receives lane l's curve time-major, at `values[t · stride + l]` for grid time t
    /// (whatever `wantCurve` says). `codes`, when given, receives lane l's curve as band codes
    /// (`BandCodeWriter`: lane l's code at grid time t at `codes[t · stride + l]`), written only
    /// when the run succeeds. `cache` keeps knot schedules between calls on the same grid
    /// (see `LaneScheduleCache`).
    public static func run(models: [LinearModel], records: [[EventRecord]], output: Int, timesH: [Double],
                           options o: MetricOptions, wantCurve: Bool, grid: (values: UnsafeMutablePointer<Double>, stride: Int)? = nil,
                           codes: BandCodeWriter? = nil, cache: LaneScheduleCache? = nil) -> [SubjectResult]? {
        let lanes = models.count
        let W = Lanes.scalarCount
        guard lanes >= 1, lanes <= W, records.count == lanes, timesH.count >= 2 else { return nil }
        let n = models[0].stateCount
        guard models.allSatisfy({ $0.stateCount == n && $0.outputs.count > output }) else { return nil }
        if cache?.matches(timesH) != true {
            for k in 1..<timesH.count where !(timesH[k] > timesH[k - 1]) { return nil }
        }
        let start = timesH[0], end = timesH[timesH.count - 1]
        guard records.allSatisfy({ $0.allSatisfy { $0.timeH >= start && $0.timeH <= end } }) else { return nil }

        // Events: identical times, kinds and compartments across lanes.
        var lanesEvents: [[(t: Double, c: Int, isRate: Bool, on: Bool, v: Double)]] = []
        lanesEvents.reserveCapacity(lanes)
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

        // Events on kept compartments, and the knot schedule (cached per event-time list).
        var events: [Event] = []
        events.reserveCapacity(e0.count)
        for (i, e) in e0.enumerated() where red[e.c] >= 0 {
            var value = SIMD8<Double>()
            for (l, le) in lanesEvents.enumerated() { value[l] = le[i].v }
            events.append(Event(timeH: e.t, compartment: red[e.c], isRate: e.isRate, on: e.on, value: value))
        }
        let eventTimes = events.map(\.timeH)
        let schedule: Schedule
        if let cache {
            guard let sc = cache.schedule(timesH: timesH, eventTimesH: eventTimes) else { return nil }
            schedule = sc
        } else {
            guard let sc = Schedule(timesH: timesH, eventTimesH: eventTimes) else { return nil }
            schedule = sc
        }
        let knots = schedule.knots, classDt = schedule.classDt
        let K = knots.count

        // Per-lane reduced models and transitions.
        let M = m + q + 1
        let classCount = classDt.count
        var scale = [Double](repeating: 0, count: W)
        // Packed per class: P (m·m), G (m·q), a (m), b (q) as lanes.
        let perClass = m * m + m * q + m + q
        var packed = [Lanes](repeating: .zero, count: classCount * perClass)
        // Each lane's K (row-major m×m) then its transitions per class (P and G row-major m×(m+q)),
        // on one plain buffer: what `LaneContext` reads.
        let perLane = classCount * m * (m + q)
        let flat = UnsafeMutablePointer<Double>.allocate(capacity: lanes * (m * m + perLane))
        defer { flat.deallocate() }
        var kNorm = SIMD8<Double>()
        // The Van Loan block matrix, its exponential, and the exponential's scratch.
        let augBytes = (2 * M * M * MemoryLayout<Double>.stride + 63) & ~63
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: augBytes + MatrixExponential.workBytes(M), alignment: 64)
        defer { scratch.deallocate() }
        let aug = scratch.bindMemory(to: Double.self, capacity: 2 * M * M), e = aug + M * M
        let expWork = scratch + augBytes
        let ok = packed.withUnsafeMutableBufferPointer { pk -> Bool in
            let packed = pk.baseAddress!
            for l in 0..<W {
                let src = Swift.min(l, lanes - 1)
                let mdl = models[src]
                scale[l] = mdl.outputs[output].scale
                if l >= lanes {
                    for i in 0..<(classCount * perClass) { packed[i][l] = packed[i][0] }
                    continue
                }
                let kk = flat + l * (m * m + perLane)
                mdl.rateMatrix.elements.withUnsafeBufferPointer { rm in
                    for a in 0..<m { for b in 0..<m { kk[a * m + b] = rm[kept[a] * n + kept[b]] } }
                }
                let norm = MatrixExponential.norm1(kk, n: m)
                kNorm[l] = norm
                for c in 0..<classCount {
                    let dt = classDt[c]
                    guard (norm + 1) * dt <= MatrixExponential.maxNorm1 else { return false }
                    aug.update(repeating: 0, count: M * M)
                    for a in 0..<m { for b in 0..<m { aug[a * M + b] = kk[a * m + b] * dt } }
                    for l2 in 0..<q { aug[inputs[l2] * M + m + l2] = dt }
                    // The area row of the state itself (e_s), scaled to output units afterwards: the
                    // output scale (e.g. 1000/V in ng/mL per mg) would otherwise dominate the block's
                    // 1-norm and call for a higher Padé degree and more squarings.
                    aug[(M - 1) * M + s] = dt
                    MatrixExponential.exp(aug, n: M, into: e, work: expWork)
                    for i in 0..<(M * M) where !e[i].isFinite { return false }
                    let off = c * perClass, sc = scale[l]
                    let pg = kk + m * m + c * m * (m + q)
                    for a in 0..<m {
                        for b in 0..<m { let x = e[a * M + b]; packed[off + a * m + b][l] = x; pg[a * (m + q) + b] = x }
                        for b in 0..<q { let x = e[a * M + m + b]; packed[off + m * m + a * q + b][l] = x; pg[a * (m + q) + m + b] = x }
                        packed[off + m * m + m * q + a][l] = sc * e[(M - 1) * M + a]
                    }
                    for b in 0..<q { packed[off + m * m + m * q + m + b][l] = sc * e[(M - 1) * M + m + b] }
                }
            }
            return true
        }
        guard ok else { return nil }
        // Output row of K (for slopes), per lane.
        var kRow = [Lanes](repeating: .zero, count: m)
        for l in 0..<W { let src = Swift.min(l, lanes - 1); for b in 0..<m { kRow[b][l] = models[src].rateMatrix[outState, kept[b]] } }
        let sInput = inputs.firstIndex(of: s)   // the infusion that enters the output's state, if any

        // Buffers of the lane loop (written before they are read: not initialised).
        let stride = checkpointEvery
        precondition(stride.nonzeroBitCount == 1, "checkpoint spacing is a power of two")
        let checkpoints = (K - 1) / stride + 1
        let eventKnotCount = schedule.eventKnotCount
        let buffer = LaneBuffers(knots: K, eventKnots: eventKnotCount, checkpoints: checkpoints, m: m, q: q)
        defer { buffer.deallocate() }
        // Per-lane event values as lanes, once.
        let eventValues: [Lanes] = events.map { ev in
            var v = Lanes.zero
            for l in 0..<W { v[l] = ev.value[Swift.min(l, lanes - 1)] }
            return v
        }
        let eventInput: [Int] = events.map { ev in ev.isRate ? inputs.firstIndex(of: ev.compartment)! : -1 }
        let loop = LaneLoop(m: m, q: q, s: s, sInput: sInput ?? -1, scale: Lanes(scale), kRow: kRow, packed: packed, perClass: perClass,
                            classCount: classDt.count, schedule: schedule, events: events, eventValues: eventValues, eventInput: eventInput,
                            level: Lanes(repeating: o.dischargeLevel))
        // A first state without inflow (a depot): its row of every transition is zero off the diagonal.
        var depotRow = m > 1
        for c in 0..<classDt.count where depotRow {
            for bb in 1..<m where packed[c * perClass + bb] != .zero { depotRow = false }
        }
        let auc: Lanes
        // The output in state 1 (after a depot: every extravascular profile) is a static case too.
        switch (m <= 4 ? q : -1, depotRow, s == 1) {
        case (0, false, _): auc = loop.run4(buffer, input: Off.self, depotRow: Off.self, outputOne: Off.self)
        case (0, true, false): auc = loop.run4(buffer, input: Off.self, depotRow: On.self, outputOne: Off.self)
        case (0, true, true): auc = loop.run4(buffer, input: Off.self, depotRow: On.self, outputOne: On.self)
        case (1, false, _): auc = loop.run4(buffer, input: On.self, depotRow: Off.self, outputOne: Off.self)
        case (1, true, false): auc = loop.run4(buffer, input: On.self, depotRow: On.self, outputOne: Off.self)
        case (1, true, true): auc = loop.run4(buffer, input: On.self, depotRow: On.self, outputOne: On.self)
        default: auc = loop.runGeneral(buffer)
        }
        guard (0..<lanes).allSatisfy({ auc[$0].isFinite }) else { return nil }

        let gridKnot = schedule.gridKnot
        if let grid {
            // Lane l's value at grid time t to grid.values[t · stride + l]: a whole knot's lanes at once.
            gridKnot.withUnsafeBufferPointer { gk in
                for t in 0..<gk.count {
                    let v = buffer.c[gk[t]], to = grid.values + t &* grid.stride
                    if lanes == W {
                        UnsafeMutableRawPointer(to).storeBytes(of: v, as: Lanes.self)
                    } else {
                        for l in 0..<lanes { to[l] = v[l] }
                    }
                }
            }
        }
        if let codes {
            // Lane l's code at grid time t to codes.codes[t · stride + l], the extrema and
            // exceptional values to the worker's state: a whole knot's lanes at once.
            gridKnot.withUnsafeBufferPointer { gk in
                if lanes == W {
                    codes.writeGroup(buffer.c, knots: gk, contiguous: gk.count == K)
                } else {
                    for t in 0..<gk.count {
                        let v = buffer.c[gk[t]]
                        for l in 0..<lanes { codes.write(v[l], lane: l, time: t) }
                    }
                }
            }
        }
        // Per-lane metrics on the exact solution.
        var results: [SubjectResult] = []
        results.reserveCapacity(lanes)
        let memo = UnsafeMutablePointer<LaneContext.Memo>.allocate(capacity: 1)
        memo.initialize(to: LaneContext.Memo(knots: K, m: m, turns: buffer.turnCount.pointee))
        let perLane4 = m <= 4 ? 5 + classCount * (4 + q) : 1
        let cols4 = UnsafeMutablePointer<SIMD4<Double>>.allocate(capacity: lanes * perLane4)
        cols4.initialize(repeating: .zero, count: lanes * perLane4)
        defer { memo.pointee.deallocate(); memo.deallocate(); cols4.deallocate() }
        if m <= 4 {
            for l in 0..<lanes {
                LaneContext.columns4(kk: flat + l * (m * m + perLane), m: m, q: q, s: s, classes: classCount, into: cols4 + l * perLane4)
            }
        }
        let inputsBuffer = UnsafeMutableBufferPointer<Int>.allocate(capacity: inputs.count)
        _ = inputsBuffer.initialize(from: inputs)
        let eventsBuffer = UnsafeMutableBufferPointer<Event>.allocate(capacity: events.count)
        _ = eventsBuffer.initialize(from: events)
        defer { inputsBuffer.deallocate(); eventsBuffer.deallocate() }
        schedule.knots.withUnsafeBufferPointer { knots in
        schedule.knotClass.withUnsafeBufferPointer { knotClass in
        schedule.eventOrdinal.withUnsafeBufferPointer { eventOrdinal in
        schedule.classDt.withUnsafeBufferPointer { classDt in
        schedule.firstEvent.withUnsafeBufferPointer { firstEvent in
        for l in 0..<lanes {
            memo.pointee.reset()
            let kk = flat + l * (m * m + perLane)
            let ctx = LaneContext(
                lane: l, m: m, q: q, s: s, inputs: UnsafeBufferPointer(inputsBuffer), scale: scale[l], kk: kk, kNorm: kNorm[l],
                knots: knots, knotClass: knotClass, eventOrdinal: eventOrdinal, classDt: classDt, firstEvent: firstEvent,
                classes: kk + m * m, cols4: cols4 + l * perLane4, events: UnsafeBufferPointer(eventsBuffer),
                buffer: buffer, blockLevel: o.dischargeLevel, memo: memo)
            let (cmax, tmax) = ctx.peak()
            // An open band (no upper edge, e.g. an effect site's [C50, ∞)) has nothing above it.
            let band = ctx.hoursAtOrAbove(o.bandLow, from: o.windowStartH, to: o.windowEndH)
                - (o.bandHigh == .infinity ? 0 : ctx.hoursAtOrAbove(o.bandHigh, from: o.windowStartH, to: o.windowEndH))
            let discharge = ctx.timeBelowForGood(o.dischargeLevel) ?? .nan
            let metrics = SubjectMetrics(cmax: cmax, tmaxH: tmax, auc: auc[l], hoursInBand: band, dischargeH: discharge)
            var curve: [Double] = []
            if wantCurve {
                curve = [Double](unsafeUninitializedCapacity: gridKnot.count) { out, count in
                    buffer.c.withMemoryRebound(to: Double.self, capacity: K * W) { cv in
                        if gridKnot.count == K {
                            // Every knot is a grid time (no events between grid points): lane l of each knot.
                            for g in 0..<K { out[g] = cv[g &* W &+ l] }
                        } else {
                            gridKnot.withUnsafeBufferPointer { gk in
                                for g in 0..<gk.count { out[g] = cv[gk[g] * W + l] }
                            }
                        }
                    }
                    count = gridKnot.count
                }
            }
            results.append(SubjectResult(metrics: metrics, curve: curve))
        }
        }
        }
        }
        }
        }
        return results
    }

    /// The buffers one lane run fills: output value and slope at every knot (after its events),
    /// before the events of each knot that has some, the running maximum of every value, the
    /// pieces whose slope turns from rising to falling in some lane, and the full state every
    /// `checkpointEvery` knots.
    struct LaneBuffers {
        let c: UnsafeMutablePointer<Lanes>, d: UnsafeMutablePointer<Lanes>
        let cPre: UnsafeMutablePointer<Lanes>, dPre: UnsafeMutablePointer<Lanes>
        let xCheck: UnsafeMutablePointer<Lanes>, uCheck: UnsafeMutablePointer<Lanes>
        /// Largest value (after and before events) over all knots, per lane.
        let top: UnsafeMutablePointer<Lanes>
        /// Pieces j with slope > 0 at the start and < 0 at the end in some lane (at most K − 1 of
        /// them, capacity K); `turnLanes` the lane bits.
        let turns: UnsafeMutablePointer<Int32>, turnLanes: UnsafeMutablePointer<UInt32>
        let turnCount: UnsafeMutablePointer<Int>
        /// Per block of `checkpointEvery` knots (block i: knots i·stride ..< (i + 1)·stride): the
        /// running maximum `top` after the block's last knot, and the lanes with some value (before
        /// or after events) at or above `level` in the block, as bits.
        let blockTop: UnsafeMutablePointer<Lanes>, blockAbove: UnsafeMutablePointer<UInt8>

        init(knots K: Int, eventKnots: Int, checkpoints: Int, m: Int, q: Int) {
            c = .allocate(capacity: K)
            d = .allocate(capacity: K)
            cPre = .allocate(capacity: Swift.max(eventKnots, 1))
            dPre = .allocate(capacity: Swift.max(eventKnots, 1))
            xCheck = .allocate(capacity: checkpoints * Swift.max(m, 1))
            uCheck = .allocate(capacity: checkpoints * Swift.max(q, 1))
            top = .allocate(capacity: 1)
            turns = .allocate(capacity: K)
            turnLanes = .allocate(capacity: K)
            turnCount = .allocate(capacity: 1)
            turnCount.pointee = 0
            blockTop = .allocate(capacity: checkpoints)
            blockAbove = .allocate(capacity: checkpoints)
        }

        func deallocate() {
            c.deallocate(); d.deallocate(); cPre.deallocate(); dPre.deallocate(); xCheck.deallocate(); uCheck.deallocate()
            top.deallocate(); turns.deallocate(); turnLanes.deallocate(); turnCount.deallocate()
            blockTop.deallocate(); blockAbove.deallocate()
        }
    }

    /// A compile-time yes/no for the unrolled loop (`On`/`Off`), which is specialised for each:
    /// whether it carries one infusion input, whether its first row is a depot's, whether the output is state 1.
    protocol StaticFlag { static var on: Bool { get } }
    enum Off: StaticFlag { static var on: Bool { false } }
    enum On: StaticFlag { static var on: Bool { true } }

    /// The lane loop: knots in order, each piece one step of the per-class transition, events
    /// applied at their knots; fills `LaneBuffers` and returns the exact area per lane.
    struct LaneLoop {
        let m: Int, q: Int, s: Int, sInput: Int
        let scale: Lanes
        let kRow: [Lanes]
        let packed: [Lanes]
        let perClass: Int, classCount: Int
        let schedule: Schedule
        let events: [Event]
        let eventValues: [Lanes]
        let eventInput: [Int]
        /// The discharge level (output units) for `LaneBuffers.blockAbove`.
        let level: Lanes

        /// Applies the events of knot j to the state in `x` and inputs in `u`.
        func applyEvents(_ j: Int, _ x: UnsafeMutablePointer<Lanes>, _ u: UnsafeMutablePointer<Lanes>, _ activeCount: inout [Int]) {
            for e in schedule.firstEvent[j]..<schedule.firstEvent[j + 1] {
                let v = eventValues[e]
                let i = eventInput[e]
                if i < 0 { x[events[e].compartment] += v; continue }
                if events[e].on { u[i] += v; activeCount[i] += 1 } else {
                    activeCount[i] -= 1
                    u[i] = activeCount[i] == 0 ? .zero : u[i] - v
                }
            }
        }

        /// Records piece j − 1 as a turn (slope rising at its start, falling at its end) in the lanes of `mask`.
        @inline(__always) static func noteTurn(_ b: LaneBuffers, _ j: Int, _ mask: SIMDMask<Lanes.MaskStorage>) {
            guard any(mask) else { return }
            var bits: UInt32 = 0
            for l in 0..<Lanes.scalarCount where mask[l] { bits |= 1 << UInt32(l) }
            let k = b.turnCount.pointee
            b.turns[k] = Int32(j - 1)
            b.turnLanes[k] = bits
            b.turnCount.pointee = k + 1
        }

        /// The larger of each lane's pair (`top` where `c` is not larger, so a NaN never replaces
        /// it): written per lane so that it compiles to one `maxpd` per register.
        @inline(__always) static func larger(_ top: Lanes, _ c: Lanes) -> Lanes {
            var r = top
            for i in 0..<Lanes.scalarCount { r[i] = c[i] > top[i] ? c[i] : top[i] }
            return r
        }

        /// The smaller of each lane's pair (`low` where `c` is not smaller, so a NaN never replaces it).
        @inline(__always) static func smaller(_ low: Lanes, _ c: Lanes) -> Lanes {
            var r = low
            for i in 0..<Lanes.scalarCount { r[i] = c[i] < low[i] ? c[i] : low[i] }
            return r
        }

        /// The loop's running summaries: the maximum of every value so far, and per block of knots
        /// the largest value that counts for it, the values at or above the level that do not (the
        /// value before the events of knot 0 and after those of the last knot), and the largest
        /// slope starting and smallest slope ending a piece: a block can hold a turn (rising at a
        /// piece's start, falling at its end, in one lane) only where the first is > 0 and the
        /// second < 0, and only those blocks are scanned for turns. Per knot: one maximum and
        /// two slope extrema, instead of a mask test for the level and one for the turns.
        struct Running {
            var top = Lanes(repeating: -.infinity)
            /// Slope at the start of the piece that ends at the next knot.
            var dStart = Lanes.zero
            var blockMax = Lanes(repeating: -.infinity)
            var aboveExtra = SIMDMask<Lanes.MaskStorage>(repeating: false)
            var startMax = Lanes(repeating: -.infinity)
            var endMin = Lanes(repeating: .infinity)
            /// The last knot of the current block (or of all).
            var blockEnd: Int
            init(lastKnot: Int) { blockEnd = Swift.min(checkpointEvery - 1, lastKnot) }
        }

        /// Knot j before its events (a knot with events, ordinal `ord`): value `cp` and slope `dp`
        /// end the piece before it.
        @inline(__always) static func beforeEvents(_ b: LaneBuffers, _ j: Int, _ ord: Int, _ cp: Lanes, _ dp: Lanes, _ run: inout Running, _ level: Lanes) {
            b.cPre[ord] = cp
            b.dPre[ord] = dp
            // The value before events at knot 0 ends no piece (as CurveAnalysis): it counts for
            // the level only.
            if j > 0 {
                run.blockMax = larger(run.blockMax, cp)
                run.startMax = larger(run.startMax, run.dStart)
                run.endMin = smaller(run.endMin, dp)
            } else {
                run.aboveExtra = run.aboveExtra .| (cp .>= level)
            }
        }

        /// Knot j after its events: value `c` and slope `d` start the next piece (and, at a knot
        /// without events, also end the one before). After the last knot of a block (or of all),
        /// its summaries are stored and, when some lane may have turned in it, the block's turns
        /// are listed from the stored slopes (about one block per dose).
        @inline(__always) static func afterEvents(_ b: LaneBuffers, _ j: Int, lastKnot: Int, hadEvents: Bool, _ c: Lanes, _ d: Lanes,
                                                  _ run: inout Running, _ level: Lanes, _ eo: UnsafeBufferPointer<Int>) {
            b.c[j] = c
            b.d[j] = d
            if hadEvents {
                // The value after events at the last knot ends no piece (as CurveAnalysis).
                if j < lastKnot { run.blockMax = larger(run.blockMax, c) } else { run.aboveExtra = run.aboveExtra .| (c .>= level) }
            } else {
                run.blockMax = larger(run.blockMax, c)
                if j > 0 {
                    run.startMax = larger(run.startMax, run.dStart)
                    run.endMin = smaller(run.endMin, d)
                }
            }
            run.dStart = d
            if j == run.blockEnd { endBlock(b, j, lastKnot: lastKnot, &run, level, eo) }
        }

        /// After the last knot j of a block (or of all): its summaries are stored and, when some
        /// lane may have turned in it, the block's turns are listed from the stored slopes.
        @inline(__always) static func endBlock(_ b: LaneBuffers, _ j: Int, lastKnot: Int, _ run: inout Running, _ level: Lanes,
                                               _ eo: UnsafeBufferPointer<Int>) {
            let i = j / checkpointEvery
            run.top = larger(run.top, run.blockMax)
            b.blockTop[i] = run.top
            let above = (run.blockMax .>= level) .| run.aboveExtra
            var bits: UInt8 = 0
            for l in 0..<Lanes.scalarCount where above[l] { bits |= 1 << UInt8(l) }
            b.blockAbove[i] = bits
            if any((run.startMax .>= 0) .& (run.endMin .< 0)) {
                // Piece k − 1 turns where the slope after knot k − 1 rises and the one before
                // knot k's events falls; listed in knot order.
                for k in Swift.max(1, i * checkpointEvery)...j {
                    let o = eo[k]
                    let dEnd = o >= 0 ? b.dPre[o] : b.d[k]
                    // (A flat start, slope exactly 0, may turn too: `extremum` decides.)
                    noteTurn(b, k, (b.d[k - 1] .>= 0) .& (dEnd .< 0))
                }
            }
            run.blockMax = Lanes(repeating: -.infinity)
            run.aboveExtra = SIMDMask(repeating: false)
            run.startMax = Lanes(repeating: -.infinity)
            run.endMin = Lanes(repeating: .infinity)
            run.blockEnd = Swift.min(j + checkpointEvery, lastKnot)
        }

        /// The area of a plain block (`Schedule.blockClass` c) from the state x₀ and inputs u at its
        /// start: with x_{k+1} = P x_k + G u over its `checkpointEvery` pieces, the sum of the pieces'
        /// areas a·x_k + b·u is α·x₀ + β·u, α = a·Σ_k Pᵏ, β = Σ_k (b + a·Σ_{i<k} Pⁱ·G) (one
        /// product per state once per block instead of one per piece).
        func blockArea(_ c: Int) -> (alpha: [Lanes], beta: [Lanes]) {
            let off = c * perClass, G = off + m * m, A = G + m * q, B = A + m
            var v = (0..<m).map { packed[A + $0] }   // a·Pᵏ
            var w = [Lanes](repeating: .zero, count: m)   // a·Σ_{i<k} Pⁱ
            var alpha = [Lanes](repeating: .zero, count: m), beta = [Lanes](repeating: .zero, count: q)
            var next = v
            for _ in 0..<checkpointEvery {
                for a in 0..<m { alpha[a] += v[a] }
                for bb in 0..<q {
                    var t = packed[B + bb]
                    for a in 0..<m { t += w[a] * packed[G + a * q + bb] }
                    beta[bb] += t
                }
                for a in 0..<m { w[a] += v[a] }
                for col in 0..<m {
                    var t = Lanes.zero
                    for a in 0..<m { t += v[a] * packed[off + a * m + col] }
                    next[col] = t
                }
                swap(&v, &next)
            }
            return (alpha, beta)
        }

        /// Up to 4 states and at most 1 infusion input (every built-in profile's output): the
        /// generic loop unrolled on a zero-padded 4×4 system held in registers. Padded states stay
        /// 0 and add exact zeros; without an input its (zero) terms are left out, and with `R` a
        /// first row without inflow (a depot: no state flows into it) is one product; with `O` the
        /// output is state 1 (known when compiled, so the loop does not pick it at every knot).
        func run4<I: StaticFlag, R: StaticFlag, O: StaticFlag>(_ b: LaneBuffers, input: I.Type, depotRow: R.Type, outputOne: O.Type) -> Lanes {
            let K = schedule.knots.count
            let classes = Swift.max(1, classCount)
            // Per class: P (4×4), G (4), area row a (4) and b, then the block area α (4) and β.
            let padded = UnsafeMutablePointer<Lanes>.allocate(capacity: classes * 30)
            defer { padded.deallocate() }
            padded.initialize(repeating: .zero, count: classes * 30)
            for c in 0..<classCount {
                let src = c * perClass, dst = c * 30
                for a in 0..<m {
                    for bb in 0..<m { padded[dst + a * 4 + bb] = packed[src + a * m + bb] }
                    if q == 1 { padded[dst + 16 + a] = packed[src + m * m + a] }
                    padded[dst + 20 + a] = packed[src + m * m + m * q + a]
                }
                if q == 1 { padded[dst + 24] = packed[src + m * m + m * q + m] }
                if schedule.blockClass.contains(c) {
                    let (alpha, beta) = blockArea(c)
                    for a in 0..<m { padded[dst + 25 + a] = alpha[a] }
                    if q == 1 { padded[dst + 29] = beta[0] }
                }
            }
            var k4 = [Lanes](repeating: .zero, count: 4)
            for bb in 0..<m { k4[bb] = kRow[bb] }
            let (k0, k1, k2, k3) = (k4[0], k4[1], k4[2], k4[3])
            let scaleL = scale
            let slopeFromInput = I.on && sInput == 0
            let s = self.s, m = self.m
            let stride = checkpointEvery, strideShift = stride.trailingZeroBitCount
            let level = self.level
            let xs = UnsafeMutablePointer<Lanes>.allocate(capacity: 5)
            defer { xs.deallocate() }
            return schedule.knotClass.withUnsafeBufferPointer { kc in
            schedule.eventOrdinal.withUnsafeBufferPointer { eo in
            schedule.blockClass.withUnsafeBufferPointer { bc -> Lanes in
                // The state lives in locals of this closure (so in registers, not in memory).
                var x0 = Lanes.zero, x1 = Lanes.zero, x2 = Lanes.zero, x3 = Lanes.zero, u0 = Lanes.zero
                var auc = Lanes.zero
                var run = Running(lastKnot: K - 1)
                var activeCount = [Int](repeating: 0, count: 1)
                @inline(__always) func out() -> (Lanes, Lanes) {
                    let xo = O.on ? x1 : s == 0 ? x0 : s == 1 ? x1 : s == 2 ? x2 : x3
                    var d = k0 * x0
                    if slopeFromInput { d = u0 + d }
                    d += k1 * x1
                    d += k2 * x2
                    d += k3 * x3
                    return (scaleL * xo, d * scaleL)
                }
                @inline(__always) func row(_ p: UnsafeMutablePointer<Lanes>, _ g: Lanes) -> Lanes {
                    var acc = p[0] * x0
                    acc += p[1] * x1
                    acc += p[2] * x2
                    acc += p[3] * x3
                    if I.on { acc += g * u0 }
                    return acc
                }
                /// One piece of the class whose transition is at p.
                @inline(__always) func step(_ p: UnsafeMutablePointer<Lanes>) {
                    var y0 = p[0] * x0
                    if R.on {
                        if I.on { y0 += p[16] * u0 }
                    } else {
                        y0 = row(p, p[16])
                    }
                    let y1 = row(p + 4, p[17])
                    let y2 = row(p + 8, p[18])
                    let y3 = row(p + 12, p[19])
                    (x0, x1, x2, x3) = (y0, y1, y2, y3)
                }
                /// Knot j in full: the piece before it, its events, the block summaries and the
                /// checkpoint.
                @inline(__always) func knot(_ j: Int) {
                    if j > 0 {
                        let p = padded + kc[j] &* 30
                        // The area of piece j − 1, unless its block's area was taken at its start.
                        if bc[(j &- 1) &>> strideShift] < 0 { auc += row(p + 20, p[24]) }
                        step(p)
                    }
                    let ord = eo[j]
                    if ord >= 0 {
                        let (cp, dp) = out()
                        LaneLoop.beforeEvents(b, j, ord, cp, dp, &run, level)
                        (xs[0], xs[1], xs[2], xs[3], xs[4]) = (x0, x1, x2, x3, u0)
                        applyEvents(j, xs, xs + 4, &activeCount)
                        (x0, x1, x2, x3, u0) = (xs[0], xs[1], xs[2], xs[3], xs[4])
                        let (c, d) = out()
                        LaneLoop.afterEvents(b, j, lastKnot: K - 1, hadEvents: true, c, d, &run, level, eo)
                    } else {
                        let (c, d) = out()
                        LaneLoop.afterEvents(b, j, lastKnot: K - 1, hadEvents: false, c, d, &run, level, eo)
                    }
                    if j & (stride - 1) == 0 { checkpoint(j) }
                }
                /// At knot j, the first of a block: the state kept, and when the block is plain its
                /// whole area from this state.
                @inline(__always) func checkpoint(_ j: Int) {
                    let ck = b.xCheck + (j &>> strideShift) &* Swift.max(m, 1)
                    if m > 0 { ck[0] = x0 }
                    if m > 1 { ck[1] = x1 }
                    if m > 2 { ck[2] = x2 }
                    if m > 3 { ck[3] = x3 }
                    if I.on { b.uCheck[j &>> strideShift] = u0 }
                    let c = bc[j &>> strideShift]
                    if c >= 0 {
                        let p = padded + c &* 30
                        auc += row(p + 25, p[29])
                    }
                }
                // Block by block. A plain block (one step class, no events inside, area taken at
                // its start, never holding the last knot): its first knot in full when it has
                // events (or is knot 0), else inline, and its other knots in a tight loop, both
                // with the same operations in the same order as `knot`. Any other block: every
                // knot in full.
                var j = 0
                while j < K {
                    let c = bc[j &>> strideShift]
                    if c >= 0 {
                        let p = padded + c &* 30
                        var dStart: Lanes, blockMax: Lanes, startMax: Lanes, endMin: Lanes
                        if j > 0 && eo[j] < 0 {
                            // Its first knot without events, as `knot` takes it (never a block's
                            // last knot: the block has 16 more).
                            let pj = padded + kc[j] &* 30
                            if bc[(j &- 1) &>> strideShift] < 0 { auc += row(pj + 20, pj[24]) }
                            step(pj)
                            let (cv, d) = out()
                            b.c[j] = cv
                            b.d[j] = d
                            blockMax = LaneLoop.larger(run.blockMax, cv)
                            startMax = LaneLoop.larger(run.startMax, run.dStart)
                            endMin = LaneLoop.smaller(run.endMin, d)
                            dStart = d
                            checkpoint(j)
                        } else {
                            knot(j)
                            (dStart, blockMax, startMax, endMin) = (run.dStart, run.blockMax, run.startMax, run.endMin)
                        }
                        for i in (j + 1)..<(j + stride) {
                            step(p)
                            let (cv, d) = out()
                            b.c[i] = cv
                            b.d[i] = d
                            blockMax = LaneLoop.larger(blockMax, cv)
                            startMax = LaneLoop.larger(startMax, dStart)
                            endMin = LaneLoop.smaller(endMin, d)
                            dStart = d
                        }
                        (run.dStart, run.blockMax, run.startMax, run.endMin) = (dStart, blockMax, startMax, endMin)
                        LaneLoop.endBlock(b, j + stride - 1, lastKnot: K - 1, &run, level, eo)
                        j += stride
                    } else {
                        let end = Swift.min(j + stride, K)
                        while j < end { knot(j); j += 1 }
                    }
                }
                b.top.pointee = run.top
                return auc
            }
            }
            }
        }

        /// Any number of states and inputs.
        func runGeneral(_ b: LaneBuffers) -> Lanes {
            let K = schedule.knots.count
            let m = self.m, q = self.q, s = self.s, sIn = sInput
            let work = UnsafeMutablePointer<Lanes>.allocate(capacity: 2 * m + Swift.max(q, 1))
            defer { work.deallocate() }
            let x = work, y = work + m, u = work + 2 * m
            for i in 0..<(2 * m + Swift.max(q, 1)) { x[i] = .zero }
            // Block areas (α, β) of the classes of plain blocks.
            var blockAreas = [(alpha: [Lanes], beta: [Lanes])?](repeating: nil, count: classCount)
            for c in 0..<classCount where schedule.blockClass.contains(c) { blockAreas[c] = blockArea(c) }
            let scaleL = scale
            var auc = Lanes.zero
            var run = Running(lastKnot: K - 1)
            var activeCount = [Int](repeating: 0, count: Swift.max(q, 1))
            let level = self.level
            let stride = checkpointEvery, strideShift = stride.trailingZeroBitCount
            packed.withUnsafeBufferPointer { P in
            kRow.withUnsafeBufferPointer { kr in
            schedule.knotClass.withUnsafeBufferPointer { kc in
            schedule.eventOrdinal.withUnsafeBufferPointer { eo in
            schedule.blockClass.withUnsafeBufferPointer { bc in
                @inline(__always) func slope() -> Lanes {
                    var d = kr[0] * x[0]
                    if sIn >= 0 { d = u[sIn] + d }
                    for bb in 1..<m { d += kr[bb] * x[bb] }
                    return d * scaleL
                }
                for j in 0..<K {
                    if j > 0 {
                        let base = P.baseAddress! + kc[j] * perClass
                        let G = base + m * m, A = G + m * q, B = A + m
                        let whole = bc[(j - 1) >> strideShift] >= 0
                        var area = Lanes.zero
                        for a in 0..<m {
                            let row = base + a * m
                            var acc = row[0] * x[0]
                            for bb in 1..<m { acc += row[bb] * x[bb] }
                            for bb in 0..<q { acc += G[a * q + bb] * u[bb] }
                            y[a] = acc
                            if !whole { area += A[a] * x[a] }
                        }
                        if !whole {
                            for bb in 0..<q { area += B[bb] * u[bb] }
                            auc += area
                        }
                        for a in 0..<m { x[a] = y[a] }
                    }
                    let ord = eo[j]
                    if ord >= 0 {
                        LaneLoop.beforeEvents(b, j, ord, scaleL * x[s], slope(), &run, level)
                        applyEvents(j, x, u, &activeCount)
                        LaneLoop.afterEvents(b, j, lastKnot: K - 1, hadEvents: true, scaleL * x[s], slope(), &run, level, eo)
                    } else {
                        LaneLoop.afterEvents(b, j, lastKnot: K - 1, hadEvents: false, scaleL * x[s], slope(), &run, level, eo)
                    }
                    if j & (stride - 1) == 0 {
                        let ck = j >> strideShift
                        for a in 0..<m { b.xCheck[ck * m + a] = x[a] }
                        for bb in 0..<q { b.uCheck[ck * q + bb] = u[bb] }
                        if bc[ck] >= 0, let (alpha, beta) = blockAreas[bc[ck]] {
                            var area = Lanes.zero
                            for a in 0..<m { area += alpha[a] * x[a] }
                            for bb in 0..<q { area += beta[bb] * u[bb] }
                            auc += area
                        }
                    }
                }
            }
            }
            }
            }
            }
            b.top.pointee = run.top
            return auc
        }
    }

    /// One lane's view of a finished lane run: values and slopes at the knots, and the exact
    /// solution inside any piece from the state just after its knot (rebuilt from the nearest
    /// checkpoint, kept in a `Memo`).
    /// Its arrays are views (no reference counting when it is copied, e.g. into closures and
    /// probes), valid only inside `run`'s scope that makes it: a context must not be kept.
    struct LaneContext {
        let lane: Int, m: Int, q: Int, s: Int
        /// The reduced state of each infusion input (`run`'s `inputs`).
        let inputs: UnsafeBufferPointer<Int>
        let scale: Double
        /// K row-major (m·m), this lane's.
        let kk: UnsafePointer<Double>
        let kNorm: Double
        /// The schedule's knots (h), their step classes and event ordinals, the classes' steps
        /// (h), and the first event of each knot (`Schedule`).
        let knots: UnsafeBufferPointer<Double>, knotClass: UnsafeBufferPointer<Int>, eventOrdinal: UnsafeBufferPointer<Int>
        let classDt: UnsafeBufferPointer<Double>, firstEvent: UnsafeBufferPointer<Int>
        /// This lane's transitions per class: P and G row-major m×(m+q), class c at c·m·(m+q).
        let classes: UnsafePointer<Double>
        /// Up to 4 states: the columns of K, its output row, then per class the columns of P and G
        /// (4 + q vectors), zero-padded (`columns4`).
        let cols4: UnsafePointer<SIMD4<Double>>
        /// The events on kept compartments, in time order (`run`'s `events`).
        let events: UnsafeBufferPointer<Event>
        let buffer: LaneBuffers
        /// The level of the loop's `LaneBuffers.blockAbove` (output units).
        let blockLevel: Double
        /// Pieces solved so far (one `Memo` serves the lanes of a run in turn: `reset` between them).
        let memo: UnsafeMutablePointer<Memo>

        var pieces: Int { knots.count - 1 }
        /// Value and slope at the start of piece j (after the knot's events).
        @inline(__always) func start(_ j: Int) -> (Double, Double) { (buffer.c[j][lane], buffer.d[j][lane]) }
        /// Value and slope at the end of piece j (the left limit at knot j + 1).
        @inline(__always) func end(_ j: Int) -> (Double, Double) {
            let o = eventOrdinal[j + 1]
            return o >= 0 ? (buffer.cPre[o][lane], buffer.dPre[o][lane]) : (buffer.c[j + 1][lane], buffer.d[j + 1][lane])
        }

        /// The state (m values) and the input rates per reduced state (m more) just after knot j,
        /// in the memo (valid until the next new entry).
        func state(_ j: Int) -> UnsafeMutablePointer<Double> {
            let e = memo.pointee.entry(j)
            let p = memo.pointee.stateOf(e)
            if memo.pointee.flags[e] & 1 == 0 {
                rebuild(j, into: p)
                memo.pointee.flags[e] |= 1
            }
            return p
        }

        /// Knots already solved for this lane: states and interior extrema, found through a small
        /// open-addressing table keyed by knot (a lane visits a few dozen pieces of thousands), on
        /// plain buffers kept for the whole run.
        struct Memo {
            let m: Int
            /// Entry + 1 per table slot (0: empty); `tableSize` a power of two, at most half full.
            var table: UnsafeMutablePointer<Int32>
            var tableSize = 64
            /// Per entry: its knot, flags (1: state, 2: extremum) and 2m + 2 values (state, rates,
            /// extremum time and value).
            var knotOf: UnsafeMutablePointer<Int32>
            var flags: UnsafeMutablePointer<UInt8>
            var values: UnsafeMutablePointer<Double>
            var count = 0, capacity: Int
            /// The lane's turn pieces (`laneTurns`), −1 until listed.
            let turns: UnsafeMutablePointer<Int32>
            var turnCount = -1
            /// Scratch of the general (m > 4) evaluator.
            let work: UnsafeMutablePointer<Double>

            init(knots: Int, m: Int, turns: Int) {
                self.m = m
                table = .allocate(capacity: tableSize)
                table.initialize(repeating: 0, count: tableSize)
                capacity = 32
                knotOf = .allocate(capacity: capacity)
                flags = .allocate(capacity: capacity)
                values = .allocate(capacity: capacity * (2 * m + 2))
                self.turns = .allocate(capacity: Swift.max(turns, 1))
                work = .allocate(capacity: 6 * Swift.max(m, 1))
            }

            func deallocate() {
                table.deallocate(); knotOf.deallocate(); flags.deallocate(); values.deallocate(); turns.deallocate(); work.deallocate()
            }

            @inline(__always) func stateOf(_ e: Int) -> UnsafeMutablePointer<Double> { values + e &* (2 &* m &+ 2) }

            /// Fibonacci hashing: the high bits of j·⌊2³²/φ⌋ (the low bits would map knots a multiple of
            /// the table size apart, e.g. regular doses, to one slot).
            @inline(__always) static func hash(_ j: Int, _ mask: Int) -> Int {
                Int(truncatingIfNeeded: (UInt32(truncatingIfNeeded: j) &* 0x9E37_79B1) &>> UInt32(32 &- mask.nonzeroBitCount)) & mask
            }

            /// The entry of knot j (a new, empty one the first time).
            @inline(__always) mutating func entry(_ j: Int) -> Int {
                let mask = tableSize - 1
                var h = Memo.hash(j, mask)
                while true {
                    let e = Int(table[h]) - 1
                    if e < 0 { break }
                    if Int(knotOf[e]) == j { return e }
                    h = (h + 1) & mask
                }
                if count == capacity { grow() }
                knotOf[count] = Int32(j)
                flags[count] = 0
                count += 1
                if 2 * count > tableSize { rehash(2 * tableSize) } else { table[h] = Int32(count) }
                return count - 1
            }

            mutating func rehash(_ size: Int) {
                table.deallocate()
                table = .allocate(capacity: size)
                table.initialize(repeating: 0, count: size)
                tableSize = size
                let mask = size - 1
                for e in 0..<count {
                    var h = Memo.hash(Int(knotOf[e]), mask)
                    while table[h] != 0 { h = (h + 1) & mask }
                    table[h] = Int32(e + 1)
                }
            }

            mutating func grow() {
                let n = capacity * 2, e = 2 * m + 2
                let k2 = UnsafeMutablePointer<Int32>.allocate(capacity: n), f2 = UnsafeMutablePointer<UInt8>.allocate(capacity: n)
                let v2 = UnsafeMutablePointer<Double>.allocate(capacity: n * e)
                k2.update(from: knotOf, count: count); f2.update(from: flags, count: count); v2.update(from: values, count: count * e)
                knotOf.deallocate(); flags.deallocate(); values.deallocate()
                (knotOf, flags, values, capacity) = (k2, f2, v2, n)
            }

            /// Empties the memo for the next lane (keeping its storage).
            mutating func reset() {
                table.update(repeating: 0, count: tableSize)
                count = 0
                turnCount = -1
            }
        }

        /// The exact solution inside a piece for up to 4 states: stepped from an anchor (the state
        /// just after the piece's knot, then the last point asked for) by the Taylor series of
        /// e^{Kτ}x + ∫e^{Ks}r ds, truncated where its terms fall below 1e−18 of the state, in steps
        /// with ‖K‖₁·|τ| ≤ 2 (the action of the exponential by its Taylor series, Al-Mohy & Higham
        /// 2011); a root finder's later points lie next to the anchor and take a few terms.
        /// More than 64 steps: the Van Loan transition from the knot instead.
        struct Probe4 {
            typealias V = SIMD4<Double>
            /// Columns of K, and its output row.
            let k0: V, k1: V, k2: V, k3: V, ks: V
            let r: V, x0: V, t00: Double
            var x: V, t0: Double
            let s: Int, m: Int, scale: Double, kNorm: Double
            let kk: UnsafePointer<Double>

            init(_ c: LaneContext, _ j: Int, fromEnd: Bool) {
                let st = c.state(j), m = c.m, q = c.q
                var x = V.zero, r = V.zero
                for a in 0..<m { x[a] = st[a]; r[a] = st[m + a] }
                let k = c.cols4
                (k0, k1, k2, k3, ks, self.r, x0) = (k[0], k[1], k[2], k[3], k[4], r, x)
                t00 = c.knots[j]
                if fromEnd {
                    // Anchored at the end of the piece (the loop's step: P·x + G·u, before the next knot's events).
                    let pg = c.cols4 + 5 + c.knotClass[j + 1] &* (4 &+ q)
                    var y = pg[0] * x[0]
                    y += pg[1] * x[1]
                    y += pg[2] * x[2]
                    y += pg[3] * x[3]
                    for b in 0..<q { y += pg[4 + b] * r[c.inputs[b]] }
                    self.x = y
                    t0 = c.knots[j + 1]
                } else {
                    self.x = x
                    t0 = t00
                }
                (s, self.m, scale, kNorm, kk) = (c.s, m, c.scale, c.kNorm, c.kk)
            }

            @inline(__always) func largest(_ v: V) -> Double {
                Swift.max(Swift.max(Swift.abs(v[0]), Swift.abs(v[1])), Swift.max(Swift.abs(v[2]), Swift.abs(v[3])))
            }
            @inline(__always) func times(_ v: V) -> V {
                var w = k0 * v[0]
                w += k1 * v[1]
                w += k2 * v[2]
                w += k3 * v[3]
                return w
            }

            /// The state τ after x by the series (‖K‖₁·|τ| ≤ 2).
            @inline(__always) func series(_ x: V, _ tau: Double) -> V {
                var sum = x
                var xs = largest(x)
                var w = (times(x) + r) * tau
                sum += w
                xs = Swift.max(xs, largest(sum))
                let limit = 2 * kNorm * Swift.abs(tau)
                var i = 2
                while i <= 60 {
                    let next = times(w) * (tau / Double(i))
                    // The state's size from the first two terms only (smaller than or equal to the
                    // largest partial sum: the test is no looser).
                    let size = largest(next)
                    w = next
                    sum += w
                    if size <= 1e-18 * xs && Double(i) > limit { break }
                    i += 1
                }
                return sum
            }

            /// Value, slope and curvature of the output at time t.
            mutating func at(_ t: Double) -> (Double, Double, Double) {
                if t != t0 {
                    // Backwards only over short spans (a stiff component grows backwards, and with it
                    // the rounding error); else again forwards from the knot.
                    if t < t0 && kNorm * (t0 - t) > 1 { (x, t0) = (x0, t00) }
                    let tau = t - t0, span = kNorm * Swift.abs(tau)
                    let steps = span <= 2 ? 1 : Int((span / 2).rounded(.up))
                    if steps <= 64 {
                        let h = tau / Double(steps)
                        for _ in 0..<steps { x = series(x, h) }
                    } else {
                        var y = (0..<m).map { x0[$0] }, rr = (0..<m).map { r[$0] }
                        var k = Matrix(rows: m, cols: m)
                        for i in 0..<(m * m) { k.elements[i] = kk[i] }
                        Transition(rateMatrix: k, dtH: Swift.max(0, t - t00)).apply(&y, rate: rr.contains { $0 != 0 } ? rr : nil)
                        x = .zero
                        for a in 0..<m { x[a] = y[a] }
                    }
                    t0 = t
                }
                let dx = times(x) + r
                return (scale * x[s], scale * dx[s], scale * (ks * dx).sum())
            }
        }

        /// `Probe4` for any number of states, on the memo's scratch.
        struct ProbeN {
            let kk: UnsafePointer<Double>
            let x: UnsafeMutablePointer<Double>, r: UnsafeMutablePointer<Double>, x0: UnsafeMutablePointer<Double>
            let w: UnsafeMutablePointer<Double>, next: UnsafeMutablePointer<Double>, sum: UnsafeMutablePointer<Double>
            let t00: Double
            var t0: Double
            let s: Int, m: Int, scale: Double, kNorm: Double
            init(_ c: LaneContext, _ j: Int, fromEnd: Bool) {
                let st = c.state(j), m = c.m, work = c.memo.pointee.work
                (x, r, x0, w, next, sum) = (work, work + m, work + 2 * m, work + 3 * m, work + 4 * m, work + 5 * m)
                for a in 0..<m { x[a] = st[a]; x0[a] = st[a]; r[a] = st[m + a] }
                kk = c.kk
                t00 = c.knots[j]; t0 = t00
                (s, self.m, scale, kNorm) = (c.s, m, c.scale, c.kNorm)
            }

            func step(_ tau: Double) {
                let m = self.m
                var xs = 0.0
                for a in 0..<m {
                    sum[a] = x[a]; xs = Swift.max(xs, abs(x[a]))
                    var acc = r[a]
                    for c in 0..<m { acc += kk[a * m + c] * x[c] }
                    w[a] = acc * tau
                }
                for a in 0..<m { sum[a] += w[a]; xs = Swift.max(xs, abs(sum[a])) }
                let limit = 2 * kNorm * Swift.abs(tau)
                var i = 2
                while i <= 60 {
                    var size = 0.0
                    let f = tau / Double(i)
                    for a in 0..<m {
                        var acc = 0.0
                        for c in 0..<m { acc += kk[a * m + c] * w[c] }
                        next[a] = acc * f
                        size = Swift.max(size, abs(next[a]))
                    }
                    for a in 0..<m { w[a] = next[a]; sum[a] += w[a]; xs = Swift.max(xs, abs(sum[a])) }
                    if size <= 1e-18 * xs && Double(i) > limit { break }
                    i += 1
                }
                for a in 0..<m { x[a] = sum[a] }
            }

            mutating func at(_ t: Double) -> (Double, Double, Double) {
                let m = self.m
                if t != t0 {
                    if t < t0 && kNorm * (t0 - t) > 1 {
                        for a in 0..<m { x[a] = x0[a] }
                        t0 = t00
                    }
                    let tau = t - t0, span = kNorm * Swift.abs(tau)
                    let steps = span <= 2 ? 1 : Int((span / 2).rounded(.up))
                    if steps <= 64 {
                        let h = tau / Double(steps)
                        for _ in 0..<steps { step(h) }
                    } else {
                        var y = (0..<m).map { x0[$0] }
                        let rr = (0..<m).map { r[$0] }
                        var k = Matrix(rows: m, cols: m)
                        for i in 0..<(m * m) { k.elements[i] = kk[i] }
                        Transition(rateMatrix: k, dtH: Swift.max(0, t - t00)).apply(&y, rate: rr.contains { $0 != 0 } ? rr : nil)
                        for a in 0..<m { x[a] = y[a] }
                    }
                    t0 = t
                }
                var slope = r[s], curv = 0.0
                for b in 0..<m {
                    var xd = r[b]
                    for c in 0..<m { xd += kk[b * m + c] * x[c] }
                    if b == s { slope = xd }
                    curv += kk[s * m + b] * xd
                }
                return (scale * x[s], scale * slope, scale * curv)
            }
        }

        /// Runs `body` with the exact solution of piece j (value, slope and curvature at a time).
        /// `near`: the first time asked for (the solution is then stepped from the nearer end of the piece).
        @inline(__always) func withSolution<R>(_ j: Int, near: Double?, _ body: (_ at: (Double) -> (Double, Double, Double)) -> R) -> R {
            if m <= 4 {
                // From the end only when it is nearer and no more than 1/‖K‖₁ away (see `Probe4.at`),
                // and the piece is exactly its class's step (the end state is the class's P applied
                // to the start: a piece within 1e-10 of the class length is not stepped to its end).
                let fromEnd = near.map {
                    $0 - knots[j] > knots[j + 1] - $0 && kNorm * (knots[j + 1] - $0) <= 1
                        && knots[j + 1] - knots[j] == classDt[knotClass[j + 1]]
                } ?? false
                var p = Probe4(self, j, fromEnd: fromEnd)
                return body { p.at($0) }
            }
            var p = ProbeN(self, j, fromEnd: false)
            return body { p.at($0) }
        }

        /// `cols4` from K (row-major m×m, followed by P and G row-major m×(m+q) per class), m ≤ 4.
        static func columns4(kk: UnsafePointer<Double>, m: Int, q: Int, s: Int, classes: Int, into v: UnsafeMutablePointer<SIMD4<Double>>) {
            for a in 0..<m {
                for b in 0..<m { v[b][a] = kk[a * m + b] }
                v[4][a] = kk[s * m + a]
            }
            let w = m + q
            for c in 0..<classes {
                let pg = kk + m * m + c * m * w, out = v + 5 + c * (4 + q)
                for a in 0..<m {
                    for b in 0..<m { out[b][a] = pg[a * w + b] }
                    for b in 0..<q { out[4 + b][a] = pg[a * w + m + b] }
                }
            }
        }

        /// The state and input rates just after knot j into p (m + m values), stepped from the
        /// checkpoint before it with the lane's own transitions (the loop's steps in scalar
        /// arithmetic, on plain buffers).
        func rebuild(_ j: Int, into p: UnsafeMutablePointer<Double>) {
            let stride = LaneRegimenKernel.checkpointEvery
            let c0 = j / stride
            let m = self.m, q = self.q, w = m + q
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * m + 2 * q + 1) { work in
                var x = work.baseAddress!, y = x + m
                let u = y + m, active = u + q
                for a in 0..<m { x[a] = buffer.xCheck[c0 * Swift.max(m, 1) + a][lane] }
                for b in 0..<q { u[b] = buffer.uCheck[c0 * Swift.max(q, 1) + b][lane]; active[b] = 0 }
                do {
                    // Running infusion counts at the checkpoint, from the events before it.
                    if q > 0 {
                        for e in 0..<firstEvent[c0 * stride + 1] where events[e].isRate {
                            let i = inputs.firstIndex(of: events[e].compartment)!
                            active[i] += events[e].on ? 1 : -1
                        }
                    }
                    do {
                        var k = c0 * stride + 1
                        while k <= j {
                            if m <= 4 {
                                // Columns of P and G as vectors: each entry the same sum in the same order.
                                let pc = cols4 + 5 + knotClass[k] &* (4 &+ q)
                                var v = pc[0] * x[0]
                                if m > 1 { v += pc[1] * x[1] }
                                if m > 2 { v += pc[2] * x[2] }
                                if m > 3 { v += pc[3] * x[3] }
                                for b in 0..<q { v += pc[4 + b] * u[b] }
                                for a in 0..<m { y[a] = v[a] }
                            } else {
                                let pg = classes + knotClass[k] &* (m &* w)
                                for a in 0..<m {
                                    var acc = 0.0
                                    for b in 0..<m { acc += pg[a * w + b] * x[b] }
                                    for b in 0..<q { acc += pg[a * w + m + b] * u[b] }
                                    y[a] = acc
                                }
                            }
                            swap(&x, &y)
                            var e = firstEvent[k]
                            while e < firstEvent[k + 1] {
                                let v = events[e].value[lane], c = events[e].compartment
                                if !events[e].isRate {
                                    x[c] += v
                                } else {
                                    let i = inputs.firstIndex(of: c)!
                                    if events[e].on { u[i] += v; active[i] += 1 } else { active[i] -= 1; u[i] = active[i] == 0 ? 0 : u[i] - v }
                                }
                                e += 1
                            }
                            k += 1
                        }
                    }
                }
                for a in 0..<m { p[a] = x[a]; p[m + a] = 0 }
                for (i, st) in inputs.enumerated() { p[m + st] += u[i] }
            }
        }

        /// The interior extremum of piece j (as `CurveAnalysis.interiorExtremum`): Newton on the
        /// exact slope from the stationary point of the piece's cubic Hermite interpolant.
        func extremum(_ j: Int) -> (t: Double, c: Double) {
            let e = memo.pointee.entry(j)
            if memo.pointee.flags[e] & 2 != 0 {
                let p = memo.pointee.stateOf(e) + 2 * m
                return (p[0], p[1])
            }
            var a = knots[j]
            let b = knots[j + 1]
            var fa = start(j).1
            let fb = end(j).1
            let flat = fa == 0
            let guess = flat ? nil : hermiteStationary(j)
            let result: (t: Double, c: Double) = withSolution(j, near: flat ? a : guess) { at in
                if flat {
                    // A flat start (slope exactly 0, as after a first dose from nothing): the bracket
                    // starts where the slope first takes the sign opposite to the end's, as
                    // `CurveAnalysis.interiorExtremum` finds it; none: the extremum is the start.
                    guard let s = CurveAnalysis.flatStartBracket(a: a, b: b, db: fb, curvature: at(a).2, slope: { at($0).1 }) else {
                        return (a, start(j).0)
                    }
                    (a, fa) = s
                }
                var last = (t: Double.nan, v: (0.0, 0.0, 0.0))
                let t = LaneContext.newton({ let v = at($0); last = ($0, v); return (v.1, v.2) }, a, b, fa: fa, fb: fb,
                                           tolerance: 1e-13 * Swift.max(1, b), guess: guess)
                // The value at the root from the last point evaluated (a Newton step away, far below
                // 1e−9 h: the cubic term is below rounding), else one more evaluation.
                let dt = t - last.t
                if abs(dt) <= 1e-9 * Swift.max(1, abs(t)) { return (t, last.v.0 + dt * (last.v.1 + 0.5 * dt * last.v.2)) }
                return (t, at(t).0)
            }
            let p = memo.pointee.stateOf(e) + 2 * m
            (p[0], p[1]) = result
            memo.pointee.flags[e] |= 2
            return result
        }

        /// A root of output − level in [t0, t1] inside piece j (values f0, f1 of output − level at
        /// the ends, of opposite signs or zero), by `newton` on the exact solution from the root of
        /// the piece's cubic Hermite interpolant.
        func crossing(_ j: Int, _ level: Double, _ t0: Double, _ t1: Double, _ f0: Double, _ f1: Double) -> Double {
            if f0 == 0 { return t0 }
            if f1 == 0 { return t1 }
            let guess = hermiteCrossing(j, level, t0, t1)
            return withSolution(j, near: guess) { at in
                LaneContext.newton({ let v = at($0); return (v.0 - level, v.1) }, t0, t1, fa: f0, fb: f1,
                                   tolerance: 1e-13 * Swift.max(1, t1), guess: guess)
            }
        }

        /// Where the cubic Hermite interpolant of piece j crosses `level` in [t0, t1] (a few
        /// safeguarded Newton steps on the cubic), or nil when its ends do not bracket it.
        func hermiteCrossing(_ j: Int, _ level: Double, _ t0: Double, _ t1: Double) -> Double? {
            let a = knots[j], h = knots[j + 1] - a
            guard h > 0 else { return nil }
            let (ca, da) = start(j), (cb, db) = end(j)
            let c1 = h * da, c2 = 3 * (cb - ca) - h * (2 * da + db), c3 = 2 * (ca - cb) + h * (da + db), c0 = ca - level
            @inline(__always) func p(_ s: Double) -> Double { ((c3 * s + c2) * s + c1) * s + c0 }
            var lo = (t0 - a) / h, hi = (t1 - a) / h
            let plo = p(lo), phi = p(hi)
            guard (plo < 0 && phi > 0) || (plo > 0 && phi < 0) else { return nil }
            let loPositive = plo > 0
            var s = lo + (hi - lo) * plo / (plo - phi)
            for _ in 0..<8 {
                let v = p(s), dv = (3 * c3 * s + 2 * c2) * s + c1
                if v == 0 { break }
                if (v > 0) == loPositive { lo = s } else { hi = s }
                var next = dv != 0 ? s - v / dv : .nan
                if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
                let moved = abs(next - s)
                s = next
                if moved <= 1e-12 { break }
            }
            return a + s * h
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

        /// The pieces whose slope turns from rising to falling in this lane, ascending (from the
        /// loop's turn list; in the memo).
        func laneTurns() -> UnsafeBufferPointer<Int32> {
            if memo.pointee.turnCount < 0 {
                var n = 0
                let bit = UInt32(1) << UInt32(lane), t = memo.pointee.turns
                for i in 0..<buffer.turnCount.pointee where buffer.turnLanes[i] & bit != 0 { t[n] = buffer.turns[i]; n += 1 }
                memo.pointee.turnCount = n
            }
            return UnsafeBufferPointer(start: memo.pointee.turns, count: memo.pointee.turnCount)
        }

        /// Whether piece j may hold an interior extremum: its slope changes sign, or starts exactly flat
        /// (then `extremum` finds whether it has one, else returns the start).
        func hasExtremum(_ j: Int) -> Bool {
            let (da, db) = (start(j).1, end(j).1)
            return (da > 0 && db < 0) || (da < 0 && db > 0) || (da == 0 && db != 0)
        }

        /// The highest value and its time, as `CurveAnalysis.peak`: the knot values (the loop's
        /// running maximum) and the exact interior maxima of the pieces where the slope turns from
        /// rising to falling, then the earliest point within `CurveAnalysis.peakTieTolerance` of the
        /// maximum (no tangent-bound skip: it holds only where the curve is concave, which a chain of
        /// absorption compartments or an effect site need not be).
        func peak() -> (Double, Double) {
            var top = buffer.top.pointee[lane]
            let turnPieces = laneTurns()
            for j in turnPieces {
                let e = extremum(Int(j))
                if e.c > top { top = e.c }
            }
            // The earliest point within the tie tolerance of the maximum, in time order: equal
            // session peaks then name the first session.
            let threshold = CurveAnalysis.tieThreshold(top)
            // Pieces before the first block whose running maximum reaches the threshold have every
            // knot value below it (the piece ending at that block's first knot is scanned), and
            // before the first turn whose interior maximum reaches it no interior value does.
            let stride = LaneRegimenKernel.checkpointEvery
            var first = pieces
            for i in 0...(pieces / stride) where buffer.blockTop[i][lane] >= threshold { first = Swift.max(0, i * stride - 1); break }
            for j in turnPieces where extremum(Int(j)).c >= threshold { first = Swift.min(first, Int(j)); break }
            var next = 0
            while next < turnPieces.count && Int(turnPieces[next]) < first { next += 1 }
            for j in first..<pieces {
                let (ca, _) = start(j)
                if ca >= threshold { return (ca, knots[j]) }
                if next < turnPieces.count && Int(turnPieces[next]) == j {
                    let e = extremum(j)
                    next += 1
                    if e.c >= threshold { return (e.c, e.t) }
                }
                let (cEnd, _) = end(j)
                if cEnd >= threshold { return (cEnd, knots[j + 1]) }
            }
            return (start(0).0, knots[0])
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
                    let e = extremum(j)
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
                let t = crossing(j, level, t0, t1, f0, f1)
                (lo2, hi2) = f0 >= 0 ? (t0, t) : (t, t1)
            }
            lo2 = Swift.max(lo2, from); hi2 = Swift.min(hi2, to)
            return hi2 > lo2 ? hi2 - lo2 : 0
        }

        /// As `CurveAnalysis.timeBelowForGood`.
        func timeBelowForGood(_ level: Double, maxExtraH: Double = 24 * 30) -> Double? {
            let last = pieces - 1
            if end(last).0 < level {
                // Pieces after the last block with a value at or above the level have both ends
                // below it: of those only the turns (an interior maximum) are visited, latest first,
                // then every piece from that block's last knot down (all of them when the level is
                // not the loop's).
                let stride = LaneRegimenKernel.checkpointEvery
                var jAbove = last
                if level == blockLevel {
                    jAbove = -1
                    let bit = UInt8(1) << UInt8(lane)
                    var i = last / stride
                    while i >= 0 {
                        if buffer.blockAbove[i] & bit != 0 { jAbove = Swift.min(last, i * stride + stride - 1); break }
                        i -= 1
                    }
                }
                let turns = laneTurns()
                var firstAfter = turns.count
                while firstAfter > 0 && Int(turns[firstAfter - 1]) > jAbove { firstAfter -= 1 }
                var t = turns.count - 1
                var j = t >= firstAfter ? Int(turns[t]) : jAbove
                while j >= 0 {
                    let a = knots[j], b = knots[j + 1]
                    let (ca, da) = start(j), (cb, db) = end(j)
                    if cb >= level { return b }   // a drop at the next knot
                    if da >= 0 && db < 0 {
                        // No tangent-bound skip: it holds only on concave pieces. (A flat start, da
                        // exactly 0, may rise first: `extremum` finds its peak, else gives the start.)
                        let e = extremum(j)
                        if ca >= level || e.c >= level { return crossing(j, level, e.t, b, e.c - level, cb - level) }
                    } else if da <= 0 && db > 0 {
                        if ca >= level {
                            let e = extremum(j)
                            if e.c >= level { return b }
                            return crossing(j, level, a, e.t, ca - level, e.c - level)
                        }
                    } else if ca >= level {
                        return crossing(j, level, a, b, ca - level, cb - level)
                    }
                    if t >= firstAfter && j == Int(turns[t]) {
                        t -= 1
                        j = t >= firstAfter ? Int(turns[t]) : jAbove
                    } else {
                        j -= 1
                    }
                }
                return knots[0]
            }
            // Still at or above the level at the end: continue with the inputs then in force.
            let endH = knots[knots.count - 1]
            let st = state(knots.count - 1)
            var x = (0..<m).map { st[$0] }
            let r = (0..<m).map { st[m + $0] }
            let rate: [Double]? = r.contains { $0 != 0 } ? r : nil
            var k = Matrix(rows: m, cols: m)
            for i in 0..<(m * m) { k.elements[i] = kk[i] }
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

/// Knot schedules of `LaneRegimenKernel` kept between lane groups: every group of a population
/// run whose subjects share event times (the usual case: the same regimen, amounts scaled by
/// weight) reuses one schedule instead of rebuilding the knots, their events and step classes.
/// Serves one output grid (the first one it sees; other grids are built and not kept). Safe to
/// share between threads (a mutex around a small list; at most `capacity` schedules).
public final class LaneScheduleCache: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var grid: [Double]? = nil
    private var entries: [(eventTimesH: [Double], schedule: LaneRegimenKernel.Schedule?)] = []
    private var nextSlot = 0
    /// Most schedules kept (regimens with subject-specific times replace the oldest).
    public let capacity = 16

    /// An empty cache.
    public init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// True when `timesH` is the grid this cache serves (checked increasing when first seen).
    func matches(_ timesH: [Double]) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return grid == timesH
    }

    /// The schedule of `eventTimesH` on `timesH`, built once; nil when it cannot be built.
    func schedule(timesH: [Double], eventTimesH: [Double]) -> LaneRegimenKernel.Schedule? {
        pthread_mutex_lock(mutex)
        if grid == nil {
            var increasing = true
            for k in 1..<timesH.count where !(timesH[k] > timesH[k - 1]) { increasing = false; break }
            if increasing { grid = timesH }
        }
        guard grid == timesH else {
            pthread_mutex_unlock(mutex)
            return LaneRegimenKernel.Schedule(timesH: timesH, eventTimesH: eventTimesH)
        }
        if let hit = entries.first(where: { $0.eventTimesH == eventTimesH }) {
            pthread_mutex_unlock(mutex)
            return hit.schedule
        }
        pthread_mutex_unlock(mutex)
        // Built outside the lock (another thread may build the same one: both are equal).
        let built = LaneRegimenKernel.Schedule(timesH: timesH, eventTimesH: eventTimesH)
        pthread_mutex_lock(mutex)
        if !entries.contains(where: { $0.eventTimesH == eventTimesH }) {
            if entries.count < capacity { entries.append((eventTimesH, built)) } else {
                entries[nextSlot] = (eventTimesH, built)
                nextSlot = (nextSlot + 1) % capacity
            }
        }
        pthread_mutex_unlock(mutex)
        return built
    }
}
