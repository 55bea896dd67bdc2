import Testing
import PKCore
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lane kernel's exact solution inside a piece (Taylor polynomials on segments of the piece)
/// against the closed form of first-order absorption into one compartment (the Bateman function),
/// with grid steps from 5 min to 6 h and absorption from slow to stiff, so that a piece needs one
/// segment, several, or more than the polynomial's limit (then the substep series).
struct LaneRegimenPolynomialTests {
    /// C(t) = F·D·ka/(V·(ka − k))·(e^{−kt} − e^{−ka·t}) (mg/L = µg/mL; here × 1000 to ng/mL).
    static func bateman(_ t: Double, dose: Double, ka: Double, k: Double, v: Double) -> Double {
        1000 * dose * ka / (v * (ka - k)) * (exp(-k * t) - exp(-ka * t))
    }

    /// Depot → central (first-order absorption ka, elimination k, volume v L), CP in ng/mL.
    static func batemanModel(ka: Double, k: Double, v: Double) -> LinearModel {
        var rates = Matrix(rows: 2, cols: 2)
        rates[0, 0] = -ka
        rates[1, 0] = ka
        rates[1, 1] = -k
        return LinearModel(stateNames: ["depot", "central"], rateMatrix: rates, isMassState: [true, true],
                           outputs: [ModelOutput(name: "CP", state: 1, scale: 1000 / v, unit: "ng/mL")],
                           eliminationRatePerH: [0, k])
    }

    /// Time the Bateman curve falls below `level` for good, by bisection on the closed form.
    static func fallsBelow(_ level: Double, dose: Double, ka: Double, k: Double, v: Double) -> Double {
        var lo = log(ka / k) / (ka - k), hi = 500.0
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if bateman(mid, dose: dose, ka: ka, k: k, v: v) >= level { lo = mid } else { hi = mid }
        }
        return 0.5 * (lo + hi)
    }

    @Test("peak, its time and the discharge crossing equal the Bateman closed form to 1e-10",
          arguments: [(0.5, 5.0 / 60), (3.0, 5.0 / 60), (40.0, 0.5), (200.0, 1.0), (900.0, 6.0)])
    func batemanPeakAndCrossing(ka: Double, stepH: Double) throws {
        let k = 0.3, v = 20.0, dose = 50.0
        let model = Self.batemanModel(ka: ka, k: k, v: v)
        let records = [EventRecord(timeH: 0, action: .dose(DoseInstruction(compartment: 0, amountMg: dose)))]
        let times = try Simulator.grid(endH: 48, stepH: stepH)
        let level = 20.0
        let options = MetricOptions(bandLow: level, bandHigh: .infinity, windowStartH: 0, windowEndH: 48, dischargeLevel: level)
        let r = try #require(LaneRegimenKernel.run(models: [model], records: [records], output: 0, timesH: times, options: options, wantCurve: false))
        let tmax = log(ka / k) / (ka - k)
        let cmax = Self.bateman(tmax, dose: dose, ka: ka, k: k, v: v)
        let m = r[0].metrics
        #expect(abs(m.cmax - cmax) <= 1e-10 * cmax, "cmax \(m.cmax) vs \(cmax)")
        // The peak is flat: its time is determined to about √(ε) of the curvature scale.
        #expect(abs(m.tmaxH - tmax) <= 1e-7 * Swift.max(1, tmax), "tmax \(m.tmaxH) vs \(tmax)")
        let below = Self.fallsBelow(level, dose: dose, ka: ka, k: k, v: v)
        #expect(abs(m.dischargeH - below) <= 1e-10 * below, "discharge \(m.dischargeH) vs \(below)")
        // Hours at or above the level: from the rising crossing (bisection on the closed form) to the falling one.
        var lo = 0.0, hi = tmax
        for _ in 0..<200 { let mid = 0.5 * (lo + hi); if Self.bateman(mid, dose: dose, ka: ka, k: k, v: v) >= level { hi = mid } else { lo = mid } }
        let hours = below - 0.5 * (lo + hi)
        #expect(abs(m.hoursInBand - hours) <= 1e-10 * hours, "hours \(m.hoursInBand) vs \(hours)")
        let auc = 1000 * dose * ka / (v * (ka - k)) * ((1 - exp(-k * 48)) / k - (1 - exp(-ka * 48)) / ka)
        #expect(abs(m.auc - auc) <= 1e-10 * auc, "auc \(m.auc) vs \(auc)")
    }
}

extension LaneRegimenPolynomialTests {
    /// Two doses (50 mg at 0 h, 12 mg at 24 h) on a 1 h grid: the level is set between the highest
    /// grid value after the second dose and that dose's exact peak, so after 24 h the curve is at or
    /// above the level only inside one piece. The kernel's block summaries see no grid value at or
    /// above it after the first dose's block; the discharge must still be the exact falling
    /// crossing after the second peak (and the band hours include that short excursion).
    @Test("a last excursion above the level that lies between grid points: discharge is its exact falling crossing")
    func excursionBetweenGridPoints() throws {
        let ka = 3.0, k = 0.3, v = 20.0
        let doses: [(t: Double, mg: Double)] = [(0, 50), (24, 12)]
        func c(_ t: Double) -> Double {
            doses.reduce(0) { $0 + (t >= $1.t ? Self.bateman(t - $1.t, dose: $1.mg, ka: ka, k: k, v: v) : 0) }
        }
        // The second peak by ternary search on the closed form (unimodal on [24, 26]).
        var a = 24.0, b = 26.0
        for _ in 0..<300 { let m1 = a + (b - a) / 3, m2 = b - (b - a) / 3; if c(m1) < c(m2) { a = m1 } else { b = m2 } }
        let peak2 = c(0.5 * (a + b)), tPeak2 = 0.5 * (a + b)
        let gridHigh = stride(from: 24.0, through: 48, by: 1).map(c).max()!
        try #require(peak2 > gridHigh * (1 + 1e-3), "the second peak lies between grid points")
        let level = 0.5 * (gridHigh + peak2)
        try #require(c(1) > level, "the first dose's grid values are above the level")
        let model = Self.batemanModel(ka: ka, k: k, v: v)
        let records = doses.map { EventRecord(timeH: $0.t, action: .dose(DoseInstruction(compartment: 0, amountMg: $0.mg))) }
        let times = try Simulator.grid(endH: 48, stepH: 1)
        let options = MetricOptions(bandLow: level, bandHigh: .infinity, windowStartH: 0, windowEndH: 48, dischargeLevel: level)
        let r = try #require(LaneRegimenKernel.run(models: [model], records: [records], output: 0, timesH: times, options: options, wantCurve: false))
        // Crossings by bisection on the closed form: the first dose's fall, the second's rise and fall.
        func crossing(_ lo0: Double, _ hi0: Double, rising: Bool) -> Double {
            var lo = lo0, hi = hi0
            for _ in 0..<200 { let mid = 0.5 * (lo + hi); if (c(mid) >= level) == rising { hi = mid } else { lo = mid } }
            return 0.5 * (lo + hi)
        }
        let tmax1 = log(ka / k) / (ka - k)
        let rise1 = crossing(0, tmax1, rising: true), fall1 = crossing(tmax1, 24, rising: false)
        let rise2 = crossing(24, tPeak2, rising: true), fall2 = crossing(tPeak2, 48, rising: false)
        let m = r[0].metrics
        #expect(abs(m.dischargeH - fall2) <= 1e-10 * fall2, "discharge \(m.dischargeH) vs \(fall2)")
        let hours = (fall1 - rise1) + (fall2 - rise2)
        #expect(abs(m.hoursInBand - hours) <= 1e-10 * hours, "hours \(m.hoursInBand) vs \(hours)")
        // The peak is the first dose's.
        let cmax = Self.bateman(tmax1, dose: 50, ka: ka, k: k, v: v)
        #expect(abs(m.cmax - cmax) <= 1e-10 * cmax && abs(m.tmaxH - tmax1) <= 1e-7, "cmax \(m.cmax) at \(m.tmaxH)")
    }
}

/// `LaneScheduleCache`: a schedule kept from an earlier group gives the same numbers as one built
/// for the call, for several regimens and grids through one cache.
struct LaneScheduleCacheTests {
    @Test("cached knot schedules give bit-identical metrics and curves, across regimens and grids")
    func cachedEqualsFresh() throws {
        var rates = Matrix(rows: 2, cols: 2)
        rates[0, 0] = -2.0
        rates[1, 0] = 2.0
        rates[1, 1] = -0.25
        let model = LinearModel(stateNames: ["depot", "central"], rateMatrix: rates, isMassState: [true, true],
                                outputs: [ModelOutput(name: "CP", state: 1, scale: 50, unit: "ng/mL")], eliminationRatePerH: [0, 0.25])
        let options = MetricOptions(bandLow: 100, bandHigh: 250, windowStartH: 0, windowEndH: 4, dischargeLevel: 100)
        let cache = LaneScheduleCache()
        let grids = [try Simulator.grid(endH: 48, stepH: 5.0 / 60), try Simulator.grid(endH: 30, stepH: 0.25)]
        // Dose times on and off the grid, repeated so that the cache is hit.
        for round in 0..<2 {
            for times in grids {
                for doseTimes in [[0.0], [0.0, 12.0], [0.1, 12.37]] {
                    let records = doseTimes.map { EventRecord(timeH: $0, action: .dose(DoseInstruction(compartment: 0, amountMg: 10))) }
                    let fresh = try #require(LaneRegimenKernel.run(models: [model], records: [records], output: 0, timesH: times, options: options, wantCurve: true))
                    let cached = try #require(LaneRegimenKernel.run(models: [model], records: [records], output: 0, timesH: times, options: options,
                                                                   wantCurve: true, cache: cache))
                    let (a, b) = (fresh[0].metrics, cached[0].metrics)
                    #expect(a.cmax == b.cmax && a.tmaxH == b.tmaxH && a.auc == b.auc && a.hoursInBand == b.hoursInBand
                            && a.dischargeH.bitPattern == b.dischargeH.bitPattern, "round \(round), doses \(doseTimes)")
                    #expect(fresh[0].curve == cached[0].curve)
                    #expect(a.cmax > 100 && a.auc > 0)
                }
            }
        }
    }
}

/// The general lane loop (more than 4 states, two running infusions: not the unrolled one) against
/// the event engine and `CurveAnalysis`, with events between grid points (several step classes,
/// blocks with and without events).
struct LaneGeneralLoopTests {
    @Test("6 states, two infusions and a bolus off the grid: lanes equal the event engine to 1e-9", arguments: [20261201, 7, 99])
    func generalLoopMatchesEngine(seed: Int) throws {
        var rng = SplitMix64(state: UInt64(seed))
        // depot1 → transit → central, depot2 → central, central ↔ shallow, central ↔ deep; CP of central.
        var models: [LinearModel] = []
        for _ in 0..<Lanes.scalarCount {
            let ka1 = rng.uniform(0.5, 6), ktr = rng.uniform(1, 20), ka2 = rng.uniform(0.2, 3)
            let k10 = rng.uniform(0.1, 1), k12 = rng.uniform(0.2, 3), k21 = rng.uniform(0.1, 1), k13 = rng.uniform(0.05, 0.5), k31 = rng.uniform(0.01, 0.1)
            var k = Matrix(rows: 6, cols: 6)
            k[0, 0] = -ka1; k[1, 0] = ka1
            k[1, 1] = -ktr; k[3, 1] = ktr
            k[2, 2] = -ka2; k[3, 2] = ka2
            k[3, 3] = -(k10 + k12 + k13); k[4, 3] = k12; k[5, 3] = k13
            k[4, 4] = -k21; k[3, 4] = k21
            k[5, 5] = -k31; k[3, 5] = k31
            models.append(LinearModel(stateNames: ["depot1", "transit", "depot2", "central", "shallow", "deep"], rateMatrix: k,
                                      isMassState: [Bool](repeating: true, count: 6),
                                      outputs: [ModelOutput(name: "CP", state: 3, scale: 1000 / rng.uniform(10, 40), unit: "ng/mL")],
                                      eliminationRatePerH: [0, 0, 0, k10, 0, 0]))
        }
        let records: [[EventRecord]] = models.indices.map { _ in
            [EventRecord(timeH: 0.37, action: .dose(DoseInstruction(compartment: 0, amountMg: rng.uniform(20, 80)))),
             // Same end time in every lane (lanes share event times): a duration, not a rate.
             EventRecord(timeH: 1.13, action: .dose(DoseInstruction(compartment: 2, amountMg: rng.uniform(10, 40), input: .duration(1.4)))),
             EventRecord(timeH: 2.0, action: .dose(DoseInstruction(compartment: 3, amountMg: rng.uniform(5, 20), input: .duration(0.71)))),
             EventRecord(timeH: 6.05, action: .dose(DoseInstruction(compartment: 0, amountMg: rng.uniform(20, 80))))]
        }
        let times = try Simulator.grid(endH: 30, stepH: 5.0 / 60)
        let options = MetricOptions(bandLow: 50, bandHigh: 400, windowStartH: 0, windowEndH: 12, dischargeLevel: 60)
        let run = LaneRegimenKernel.run(models: models, records: records, output: 0, timesH: times, options: options, wantCurve: true)
        let lanes = try #require(run, "the lane kernel declined the group")
        func close(_ a: Double, _ b: Double, _ floor: Double) -> Bool { abs(a - b) <= 1e-9 * Swift.max(abs(a), abs(b), floor) }
        for l in models.indices {
            let r = try Simulator.simulate(model: models[l], records: records[l], timesH: times)
            let a = CurveAnalysis(trajectory: r.trajectory, output: 0, startH: times.first, endH: times.last)
            let (cmax, tmax) = a.peak()
            let m = lanes[l].metrics
            #expect(close(m.cmax, cmax, 0) && close(m.tmaxH, tmax, 1), "lane \(l): cmax \(m.cmax) at \(m.tmaxH) vs \(cmax) at \(tmax)")
            #expect(close(m.auc, a.area(), 0), "lane \(l): auc \(m.auc) vs \(a.area())")
            let band = a.hoursInBand(lower: 50, upper: 400, from: 0, to: 12)
            #expect(close(m.hoursInBand, band, 1), "lane \(l): band \(m.hoursInBand) vs \(band)")
            let discharge = a.timeBelowForGood(60) ?? .nan
            #expect(close(m.dischargeH, discharge, 1), "lane \(l): discharge \(m.dischargeH) vs \(discharge)")
            for (x, y) in zip(lanes[l].curve, r.outputs[0]) { #expect(close(x, y, 1e-6 * cmax), "lane \(l): curve \(x) vs \(y)") }
        }
    }
}
