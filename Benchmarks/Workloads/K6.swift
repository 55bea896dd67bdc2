import Foundation
import PKCore

/// Model K6 of `../shared/bench/WORKLOADS.md`: depot, central (V1), shallow (V2) and deep (V3)
/// peripherals, norketamine (Vm), effect site Ce; amounts in mg, Ce in mg/L, Cp = 1000·A1/V1 ng/mL.
public struct K6Parameters: Sendable {
    public var cl: Double, v1: Double, q2: Double, v2: Double, q3: Double, v3: Double, ka: Double
    public var fm = 0.8, clm: Double, vm: Double, ke0 = 12.0
    /// W3: Michaelis–Menten elimination replaces CL: Vmax (mg/h), Km (mg/L).
    public var vmax: Double, km = 5.0
    /// IM bioavailability and dose (0.5 mg/kg).
    public var f = 0.93
    public var doseMg: Double

    /// Individual values (WORKLOADS.md): CL·(WT/70)^0.75·e^ηCL, V1·(WT/70)·e^ηV1, Q2·(WT/70)^0.75·e^ηQ2,
    /// V2·(WT/70)·e^ηV2, KA·e^ηKA; Q3, CLm ^0.75 and V3, Vm ^1 without eta; Vmax like CL.
    public init(_ s: BenchSubject) {
        let w = s.weightKg / 70, a = pow(w, 0.75)
        cl = 80 * a * exp(s.etaCL); v1 = 20 * w * exp(s.etaV1); q2 = 120 * a * exp(s.etaQ2); v2 = 60 * w * exp(s.etaV2)
        q3 = 30 * a; v3 = 150 * w; ka = 8 * exp(s.etaKA); clm = 25 * a; vm = 120 * w
        vmax = 400 * a * exp(s.etaCL)
        doseMg = 0.5 * s.weightKg
    }

    /// The full 6-state linear model, built through the general spec path (the "plain exact path").
    public func linearModel() throws -> LinearModel {
        let spec = LinearModelSpec(
            name: "K6",
            parameters: [.init(name: "CL", value: cl), .init(name: "V1", value: v1), .init(name: "Q2", value: q2),
                         .init(name: "V2", value: v2), .init(name: "Q3", value: q3), .init(name: "V3", value: v3),
                         .init(name: "KA", value: ka), .init(name: "FM", value: fm), .init(name: "CLM", value: clm),
                         .init(name: "VM", value: vm), .init(name: "KE0", value: ke0)],
            compartments: [.init(name: "depot"), .init(name: "central", volume: "V1"), .init(name: "p2", volume: "V2"),
                           .init(name: "p3", volume: "V3"), .init(name: "norket", volume: "VM"),
                           .init(name: "ce", effect: .init(source: "central", ke0: "KE0"))],
            flows: [.init(from: "depot", to: "central", rate: "KA"), .init(from: "central", to: "norket", rate: "CL/V1", yield: "FM"),
                    .init(from: "central", to: "p2", rate: "Q2/V1"), .init(from: "p2", to: "central", rate: "Q2/V2"),
                    .init(from: "central", to: "p3", rate: "Q3/V1"), .init(from: "p3", to: "central", rate: "Q3/V3"),
                    .init(from: "norket", to: nil, rate: "CLM/VM")],
            outputs: [.init(name: "CP", compartment: "central")])
        let c = try CompiledModel(spec)
        return try c.build(c.defaultParameters)
    }

    /// The 4 × 4 rate matrix of the states Cp depends on (depot, central, p2, p3), row-major (1/h).
    @inlinable
    public func reducedRateMatrix() -> (Double, Double, Double, Double, Double, Double, Double, Double, Double) {
        // (−KA, KA, −(CL+Q2+Q3)/V1, Q2/V2, Q3/V3, Q2/V1, −Q2/V2, Q3/V1, −Q3/V3)
        (-ka, ka, -(cl + q2 + q3) / v1, q2 / v2, q3 / v3, q2 / v1, -q2 / v2, q3 / v1, -q3 / v3)
    }
}

/// W2 and W3 definitions: six IM doses every 84 h from t = 0, Cp every 5 min over 0…504 h.
public enum Workload {
    public static let stepH = 5.0 / 60
    public static let steps = 6048
    public static let doseSteps = [0, 1008, 2016, 3024, 4032, 5040]
    public static let thresholdNgPerML = 100.0

    /// Per-subject results in the units of WORKLOADS.md.
    public struct Metrics: Sendable {
        public var cmax: Double
        /// Time of the (first) maximum since the preceding dose (h).
        public var tmaxSinceDoseH: Double
        public var auc: Double
        /// Grid points above 100 ng/mL × 5 min (h).
        public var hoursAbove: Double
    }

    static func metricsFromGrid(_ cp: [Double]) -> Metrics {
        var cmax = -Double.infinity, kmax = 0, sum = 0.0, above = 0
        for (k, c) in cp.enumerated() {
            if c > cmax { cmax = c; kmax = k }
            if c > thresholdNgPerML { above += 1 }
            if k > 0 { sum += cp[k - 1] + c }
        }
        let last = doseSteps.last { $0 <= kmax } ?? 0
        return Metrics(cmax: cmax, tmaxSinceDoseH: Double(kmax - last) * stepH, auc: sum * 0.5 * stepH, hoursAbove: Double(above) * stepH)
    }

    /// The plain exact path: the general event engine on the full 6-state model (doses as records,
    /// observations on the grid). Returns the Cp curve.
    public static func w2Plain(_ s: BenchSubject) throws -> [Double] {
        let p = K6Parameters(s)
        let model = try p.linearModel()
        let times = (0...steps).map { Double($0) * stepH }
        let dose = DoseInstruction(compartment: 0, amountMg: p.doseMg, bioavailability: p.f, intervalH: 84, additionalDoses: 5)
        let res = try Simulator.simulate(model: model, records: [EventRecord(timeH: 0, action: .dose(dose))], timesH: times)
        return res.series("CP")!
    }

    public static func w2PlainMetrics(_ s: BenchSubject) throws -> Metrics { metricsFromGrid(try w2Plain(s)) }

    /// The fast path for one batch of up to `Lanes.scalarCount` subjects (padded with copies of the last one):
    /// reduced 4-state model, lane-wise Φ, SIMD kernel. Optionally stores the curves
    /// (`curves[lane]`, steps + 1 values).
    public static func w2FastBatch(_ batch: ArraySlice<BenchSubject>, storeCurves: Bool = false) -> (metrics: [Metrics], curves: [[Double]]) {
        precondition(!batch.isEmpty && batch.count <= Lanes.scalarCount)
        var k = [Lanes](repeating: .zero, count: 16)
        var scale = Lanes.zero, amount = Lanes.zero
        for lane in 0..<Lanes.scalarCount {
            let s = batch[batch.startIndex + Swift.min(lane, batch.count - 1)]
            let p = K6Parameters(s)
            let r = p.reducedRateMatrix()
            k[0][lane] = r.0 * stepH
            k[4][lane] = r.1 * stepH; k[5][lane] = r.2 * stepH; k[6][lane] = r.3 * stepH; k[7][lane] = r.4 * stepH
            k[9][lane] = r.5 * stepH; k[10][lane] = r.6 * stepH
            k[13][lane] = r.7 * stepH; k[15][lane] = r.8 * stepH
            scale[lane] = 1000 / p.v1
            amount[lane] = p.doseMg * p.f
        }
        let phi = LaneMatrixExponential.exp(k, m: 4)
        let kernel = GridExposureKernel(m: 4, outputState: 1, stepH: stepH, steps: steps, doseSteps: doseSteps,
                                        doseStates: [Int](repeating: 0, count: doseSteps.count), threshold: thresholdNgPerML)
        var curves: [[Double]] = []
        let result: GridExposureKernel.Result
        if storeCurves {
            var buffer = [Lanes](repeating: .zero, count: steps + 1)
            result = buffer.withUnsafeMutableBufferPointer { kernel.run(phi: phi, scale: scale, doseAmounts: [Lanes](repeating: amount, count: 6), curve: $0.baseAddress) }
            curves = (0..<batch.count).map { lane in buffer.map { $0[lane] } }
        } else {
            result = kernel.run(phi: phi, scale: scale, doseAmounts: [Lanes](repeating: amount, count: 6))
        }
        let metrics = (0..<batch.count).map { lane -> Metrics in
            let kmax = Int(result.kmax[lane])
            let last = doseSteps.last { $0 <= kmax } ?? 0
            return Metrics(cmax: result.cmax[lane], tmaxSinceDoseH: Double(kmax - last) * stepH, auc: result.auc[lane],
                           hoursAbove: result.above[lane] * stepH)
        }
        return (metrics, curves)
    }

    /// The fast path over `subjects` on `threads` threads, in chunks of batches; results by index.
    public static func w2Fast(_ subjects: [BenchSubject], threads: Int) -> [Metrics] {
        let lanes = Lanes.scalarCount
        let batches = (subjects.count + lanes - 1) / lanes
        var out = [Metrics](repeating: Metrics(cmax: 0, tmaxSinceDoseH: 0, auc: 0, hoursAbove: 0), count: subjects.count)
        let chunkBatches = Swift.max(1, batches / (threads * 8))
        let chunks = (batches + chunkBatches - 1) / chunkBatches
        out.withUnsafeMutableBufferPointer { buf in
            nonisolated(unsafe) let b = buf
            let work: @Sendable (Int) -> Void = { c in
                for bi in (c * chunkBatches)..<Swift.min(batches, (c + 1) * chunkBatches) {
                    let lo = bi * lanes, hi = Swift.min(subjects.count, lo + lanes)
                    let m = w2FastBatch(subjects[lo..<hi]).metrics
                    for (i, v) in m.enumerated() { b[lo + i] = v }
                }
            }
            if threads <= 1 { for c in 0..<chunks { work(c) } } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: work) }
        }
        return out
    }
}
