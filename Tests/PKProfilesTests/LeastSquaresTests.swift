import Foundation
import PKCore
import Testing
@testable import PKProfiles

/// The Levenberg–Marquardt fitter recovers known parameters from synthetic data.
@Suite("Least squares (Levenberg-Marquardt)")
struct LeastSquaresTests {
    /// One-compartment first-order absorption, closed form (written out here, not from the code under test).
    static func oneCmt(ka: Double, cl: Double, v: Double, dose: Double, t: Double) -> Double {
        let k = cl / v
        return dose * ka / (v * (ka - k)) * (exp(-k * t) - exp(-ka * t))
    }
    static let times: [Double] = [0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 24]

    /// The start is on the same side of the flip-flop (ka > CL/V) as the truth: the mirror solution
    /// (ka ↔ CL/V) fits the curve exactly too.
    @Test("noise-free data: the true parameters are recovered to 1e-6 from a start 2-3-fold off")
    func exactRecovery() throws {
        let truth = [1.5, 10.0, 50.0]
        let y = Self.times.map { Self.oneCmt(ka: truth[0], cl: truth[1], v: truth[2], dose: 100, t: $0) }
        let fit = try LevenbergMarquardt.fit(initial: [0.6, 25, 120], observed: y.map { log($0) }) { p in
            Self.times.map { log(Self.oneCmt(ka: p[0], cl: p[1], v: p[2], dose: 100, t: $0)) }
        }
        #expect(fit.converged)
        for (a, b) in zip(fit.parameters, truth) { #expect(abs(a / b - 1) < 1e-6, "\(fit.parameters)") }
        #expect(fit.sse < 1e-16)
    }

    @Test("noisy data (10% log-normal, fixed pattern): estimates within 3 SE of the truth; SE from the Jacobian")
    func noisyRecovery() throws {
        let truth = [1.5, 10.0, 50.0]
        // A fixed, zero-mean pattern of log errors with SD ~0.1 (no random generator: reproducible).
        let eps: [Double] = [0.12, -0.08, 0.05, -0.11, 0.09, -0.02, 0.10, -0.13, 0.04, -0.06, 0.0]
        let y = zip(Self.times, eps).map { log(Self.oneCmt(ka: truth[0], cl: truth[1], v: truth[2], dose: 100, t: $0)) + $1 }
        let fit = try LevenbergMarquardt.fit(initial: [1, 20, 30], observed: y, weights: Array(repeating: 1 / (0.1 * 0.1), count: y.count)) { p in
            Self.times.map { log(Self.oneCmt(ka: p[0], cl: p[1], v: p[2], dose: 100, t: $0)) }
        }
        #expect(fit.converged)
        for j in 0..<3 {
            let z = abs(log(fit.parameters[j] / truth[j])) / fit.logStandardErrors[j]
            #expect(z < 3, "parameter \(j): \(fit.parameters[j]) vs \(truth[j]), SE(log) \(fit.logStandardErrors[j])")
            #expect(fit.logStandardErrors[j] > 0.005 && fit.logStandardErrors[j] < 0.5)
        }
        // The natural-scale SE is the delta-method transform of the log SE.
        #expect(abs(fit.standardErrors[1] - fit.parameters[1] * fit.logStandardErrors[1]) < 1e-12)
    }

    @Test("SE of a mean: one parameter fitted to n points with known SD gives SD/√n")
    func standardErrorOfMean() throws {
        let y = [2.0, 2.2, 1.8, 2.1, 1.9].map { log($0) }
        let sd = 0.1
        let fit = try LevenbergMarquardt.fit(initial: [1], observed: y, weights: Array(repeating: 1 / (sd * sd), count: 5)) { p in
            Array(repeating: log(p[0]), count: 5)
        }
        #expect(abs(log(fit.parameters[0]) - y.reduce(0, +) / 5) < 1e-8)
        #expect(abs(fit.logStandardErrors[0] - sd / sqrt(5)) < 1e-6)
    }

    @Test("on the exact profile model: F and KA of a route recovered from a synthetic curve (clements-1981 IN)")
    func profileModelRecovery() throws {
        let model = try ProfileModel(ProfileLibrary.named("clements-1981")!)
        let base = model.parameters(covariates: model.covariates(weightKg: 70))
        let iF = model.dosing.compiled.parameterIndex("F_IN")!, iKA = model.dosing.compiled.parameterIndex("KA_IN")!
        let t = [5.0, 10, 15, 20, 30, 45, 60, 90, 120, 240].map { $0 / 60 }
        func curve(_ f: Double, _ ka: Double) throws -> [Double] {
            var p = base
            p[iF] = f; p[iKA] = ka
            let c = try Regimen().dose(amountMg: 30, route: .intranasal).compile(on: model.dosing, parameters: p)
            let r = try Simulator.simulate(model: c.model, records: c.records, timesH: t)
            return r.series("CP")!
        }
        let y = try curve(0.15, 3.0)
        let fit = try LevenbergMarquardt.fit(initial: [0.4, 8], observed: y.map { log($0) }) { p in try curve(p[0], p[1]).map { log($0) } }
        #expect(abs(fit.parameters[0] / 0.15 - 1) < 1e-5, "\(fit.parameters)")
        #expect(abs(fit.parameters[1] / 3.0 - 1) < 1e-5, "\(fit.parameters)")
    }

    @Test("errors: non-positive start, mismatched weights")
    func errors() {
        #expect(throws: LevenbergMarquardt.Failure.self) { try LevenbergMarquardt.fit(initial: [0], observed: [1]) { _ in [1] } }
        #expect(throws: LevenbergMarquardt.Failure.self) { try LevenbergMarquardt.fit(initial: [1], observed: [1, 2], weights: [1]) { p in [p[0], p[0]] } }
    }
}
