import Foundation
import PKCore
import TestSupport
import Testing
@testable import PKProfiles

/// Every fitted parameter of a profile is reproducible: `Profiles/derivations/<profile>.json` lists the
/// published figures; this test re-runs each fit with the Levenberg–Marquardt fitter and compares the
/// result with the derivation file and with the profile's numbers. With KETASIM_REDERIVE=1 it runs the
/// fits in order from their initial values (each using the previous results) and writes the results to
/// /tmp/ketasim-rederive.json, to be copied into the derivation file and the profile.
@Suite("Derivations")
struct DerivationTests {
    static let dir = SharedData.repositoryRoot.appendingPathComponent("Profiles/derivations")
    /// The derivation files; a placeholder name (which then fails to load) when the folder cannot be
    /// read or holds none, so the parameterized tests below never pass with zero cases.
    static let files: [String] = {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return names.isEmpty ? ["<no derivation files in Profiles/derivations>"] : names
    }()

    static func load(_ file: String) throws -> Derivation {
        try Derivation.decode(String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8))
    }

    @Test("there is at least one derivation file")
    func present() { #expect(!Self.files.isEmpty && Self.files.allSatisfy { !$0.hasPrefix("<") }) }

    @Test("each fit re-runs to the values in the derivation file and in the profile", arguments: files)
    func refits(_ file: String) throws {
        let d = try Self.load(file)
        #expect(file == "\(d.profile).json")
        let model = try ProfileModel(try #require(ProfileLibrary.named(d.profile)))
        let typical = model.parameters(covariates: model.covariates(weightKg: 70))
        if ProcessInfo.processInfo.environment["KETASIM_REDERIVE"] == "1" {
            var overrides: [String: Double] = [:]
            var out: [String: [String: [Double]]] = [:]
            for fit in d.fits {
                let r = try d.refit(fit, overrides: overrides)
                for (q, (v, se)) in zip(fit.parameters, zip(r.parameters, r.standardErrors)) {
                    overrides[q.name] = v
                    out[fit.name, default: [:]][q.name] = [v, se]
                }
            }
            let data = try JSONSerialization.data(withJSONObject: out, options: [.prettyPrinted, .sortedKeys])
            try data.write(to: URL(fileURLWithPath: "/tmp/ketasim-rederive.json"))
        }
        for fit in d.fits {
            let r = try d.refit(fit)
            #expect(r.converged, "\(fit.name): not converged")
            for (j, q) in fit.parameters.enumerated() {
                let i = try #require(model.dosing.compiled.parameterIndex(q.name))
                let fitted = r.parameters[j], se = r.standardErrors[j]
                #expect(abs(fitted / typical[i] - 1) < 0.01, "\(d.profile) \(fit.name): \(q.name) refits to \(fitted), profile has \(typical[i])")
                #expect(abs(fitted / q.value - 1) < 0.01, "\(d.profile) \(fit.name): \(q.name) refits to \(fitted), derivation file has \(q.value)")
                #expect(abs(se / q.se - 1) < 0.1, "\(d.profile) \(fit.name): SE of \(q.name) \(se), derivation file has \(q.se)")
                let param = try #require(model.profile.parameters.first { $0.name == q.name })
                #expect(param.calc == true && param.source.contains("Profiles/derivations/\(file)"), "\(q.name): the profile must name the derivation")
            }
        }
    }

    /// Same regimen and metric (dose compared in mg at the case's weight; output CP by default).
    static func same(_ a: Validation.Figure, _ b: Validation.Figure) -> Bool {
        func mg(_ f: Validation.Figure) -> Double? { f.doseMg ?? f.doseMgPerKg.map { $0 * (f.weightKg ?? 70) } }
        return Validation.routeGroup(a.route) == Validation.routeGroup(b.route) && a.route == b.route && mg(a) == mg(b) && a.metric == b.metric
            && (a.output ?? "CP") == (b.output ?? "CP") && a.atH == b.atH && a.untilH == b.untilH && a.infusionMin == b.infusionMin
    }

    @Test("every datum cites its source; a figure used in a fit is never an independent validation case", arguments: files)
    func fittedFiguresAreNotIndependent(_ file: String) throws {
        let d = try Self.load(file)
        let cases = try Validation.builtinCases().filter { $0.profile == d.profile }
        for fit in d.fits {
            for x in fit.data {
                #expect(x.source.contains("["), "\(fit.name): datum without a citation")
                #expect(x.sdLog > 0 && !x.spread.isEmpty)
                for c in cases where Self.same(Validation.Figure(c), x.figure) && c.published == x.published {
                    #expect(c.basis == "fitted", "\(c.id) was used in fit \(fit.name) but is marked \(c.basis)")
                }
            }
        }
    }
}
