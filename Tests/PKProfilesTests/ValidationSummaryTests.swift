import Foundation
import PKCore
import Testing
@testable import PKProfiles

/// The per-route summaries of `ketasim validate` (independent figures only), pinned: a change that
/// loses a figure within tolerance or worsens a route's GMFE fails here.
@Suite("Validation summaries")
struct ValidationSummaryTests {
    /// (profile, route, independent figures, within tolerance, GMFE ceiling = the value at pinning rounded up to 0.01).
    static let pinned: [(String, String, Int, Int, Double)] = [
        ("clements-1981", "iv", 15, 12, 1.45),
        ("domino-1982", "iv", 9, 4, 1.42),
        ("herd-2007", "iv", 8, 3, 1.26),
        ("clements-1981", "sl", 6, 3, 1.85),
        ("clements-1981", "po", 7, 2, 2.00),
        ("perez-ruixo-2021", "in", 10, 7, 1.59),
        ("simons-2022", "iv", 2, 2, 1.14),
        ("fanta-otto-2021", "iv", 4, 1, 1.65),
        ("clements-1981", "im", 4, 3, 1.65),
        ("clements-1981", "in", 15, 8, 1.87),
        ("racemic-adult-2026", "iv", 12, 10, 1.31),
        ("racemic-adult-2026", "im", 2, 1, 1.85),
        ("racemic-adult-2026", "in", 7, 4, 1.53),
        ("racemic-adult-2026", "po", 3, 1, 1.89),
        ("racemic-adult-2026", "sl", 3, 1, 1.63),
        ("perez-ruixo-2021", "iv", 2, 1, 1.27),
        ("clements-1981", "pr", 1, 0, 7.70),
        ("racemic-adult-2026", "pr", 1, 0, 1.70),
    ]

    @Test("the evidence line names the metabolite of the profile's analyte: S-norketamine for S-ketamine profiles")
    func metaboliteName() throws {
        // perez-ruixo-2021 (esketamine) has IN figures of S-norketamine; clements-1981 (racemic) of norketamine.
        let es = try #require(Validation.builtinSummaries().first { $0.profile == "perez-ruixo-2021" && $0.route == "in" })
        #expect(es.outputs.contains("CM"))
        #expect(es.text.contains("(parent, S-norketamine)"), "\(es.text)")
        let rac = try #require(Validation.builtinSummaries().first { $0.profile == "clements-1981" && $0.route == "in" })
        #expect(rac.text.contains("(parent, norketamine)") && !rac.text.contains("S-norketamine"), "\(rac.text)")
    }

    @Test("each route summary of the built-in table is as pinned (counts equal, GMFE not worse)")
    func pinnedSummaries() {
        let all = Validation.builtinSummaries()
        #expect(!all.isEmpty)
        for (profile, route, n, within, ceiling) in Self.pinned {
            guard let s = all.first(where: { $0.profile == profile && $0.route == route }) else {
                Issue.record("no summary for \(profile) \(route)")
                continue
            }
            #expect(s.independent == n, "\(profile) \(route): \(s.independent) independent figures, pinned \(n)")
            #expect(s.withinTolerance >= within, "\(profile) \(route): \(s.withinTolerance) within tolerance, pinned \(within)")
            #expect((s.gmfe ?? .infinity) <= ceiling, "\(profile) \(route): GMFE \(s.gmfe ?? .nan), pinned ceiling \(ceiling)")
        }
        for s in all where s.independent > 0 {
            #expect(Self.pinned.contains { $0.0 == s.profile && $0.1 == s.route }, "\(s.profile) \(s.route) is not pinned: \(s.text)")
        }
    }

    @Test("the per-route evidence a command prints (computed for one profile and route) is the row of the whole table")
    func evidenceMatchesWholeTable() {
        let all = Validation.builtinSummaries()
        #expect(all.count >= 10)
        for s in all {
            let route = s.route == "iv" ? Route.ivInfusion : Route(rawValue: s.route)!
            #expect(Validation.evidence(profile: s.profile, route: route) == s.text)
        }
    }

    @Test("GMFE and the 2-fold fraction: arithmetic on known folds; fitted figures are left out")
    func arithmetic() throws {
        func result(_ pred: Double, _ pub: Double, basis: String, route: String = "in") -> ValidationResult {
            let c = ValidationCase(id: "x\(pred)\(basis)", profile: "p", description: "", route: route, doseMg: 1, metric: "cmax", published: pub,
                                   unit: "ng/mL", tolerance: 0.5, toleranceReason: "", source: "", expect: "pass", basis: basis)
            let rel = (pred - pub) / pub
            return ValidationResult(validationCase: c, predicted: pred, relativeDifference: rel, passed: abs(rel) <= 0.5)
        }
        let s = Validation.summaries([result(2, 1, basis: "independent"), result(1, 4, basis: "independent"), result(100, 1, basis: "fitted"),
                                      result(1, 1, basis: "fitted", route: "sl")])
        #expect(s.count == 2)
        let n = try #require(s.first { $0.route == "in" })
        #expect(n.independent == 2 && n.fitted == 1 && n.withinTolerance == 0)
        #expect(abs(n.gmfe! - exp((log(2) + log(4)) / 2)) < 1e-12)
        #expect(n.withinTwoFold == 0.5)
        let sl = try #require(s.first { $0.route == "sl" })
        #expect(sl.gmfe == nil && sl.text.contains("unvalidated") && sl.text.contains("1 fitted"))
    }

    @Test("evidence lines for compare and simulate")
    func evidence() {
        #expect(Validation.evidence(profile: "simons-2022", route: .sublingual).hasPrefix("SL: unvalidated"))
        #expect(Validation.evidence(profile: "clements-1981", route: .ivBolus).contains("GMFE"))
        #expect(Validation.evidence(profile: "clements-1981", route: .ivInfusion) == Validation.evidence(profile: "clements-1981", route: .ivBolus))
        #expect(Validation.evidence(profile: "my-own-file", route: .oral).contains("not a built-in profile"))
        // A loaded profile that only shares a built-in name gets no built-in evidence.
        var p = ProfileLibrary.named("clements-1981")!
        #expect(Validation.evidence(for: p, route: .oral) == Validation.evidence(profile: "clements-1981", route: .oral))
        p.parameters[0].value *= 2
        #expect(Validation.evidence(for: p, route: .oral) == "PO: unvalidated (not a built-in profile)")
    }
}
