import Dispatch
import Foundation
import PKCore
import PKProfiles
import Planner
import Reports
import Studies

/// The value parsers and helpers of `BatchJob`'s options: covariate distributions, `--residual`,
/// sibling output paths and input checksums.
extension BatchJob {
    /// A profile covariate's distribution, checked (see `PopulationProfile.distribution`).
    static func distribution(_ c: Profile.Covariate, at: String) throws -> CovariateDistribution {
        do { return try PopulationProfile.distribution(c, at: at) } catch let e as StudyError { throw CLIError.from(e) }
    }

    static func describe(_ d: CovariateDistribution) -> String {
        func range(_ lo: Double?, _ hi: Double?) -> String {
            lo == nil && hi == nil ? "" : " in [\(lo.map(NumberFormat.g) ?? "-inf"), \(hi.map(NumberFormat.g) ?? "inf")]"
        }
        switch d {
        case .fixed(let v): return "fixed \(NumberFormat.g(v))"
        case .uniform(let lo, let hi): return "~ U(\(NumberFormat.g(lo)), \(NumberFormat.g(hi)))"
        case .normal(let m, let s, let lo, let hi): return "~ N(\(NumberFormat.g(m)), \(NumberFormat.g(s))^2)\(range(lo, hi))"
        case .lognormal(let m, let s, let lo, let hi): return "~ logN(\(NumberFormat.g(m)), \(NumberFormat.g(s))^2)\(range(lo, hi))"
        case .bernoulli(let p): return "~ Bernoulli(\(NumberFormat.g(p)))"
        }
    }

    /// `--dose` within what ketamine is ever given: at most 5 g, or per kg at most what gives 5 g
    /// to a 70 kg adult (71.4 mg/kg; `simulate` refuses the same at its default weight): a larger
    /// number is a unit slip (mg for ug, per kg for total), not a dose.
    static func checkDose(_ dose: DoseAmount) throws {
        switch dose {
        case .mg(let mg):
            if mg > SingleSimulation.maxDoseMg { throw CLIError.usage("--dose: \(NumberFormat.g(mg)) mg is beyond any ketamine dose (> 5 g)") }
        case .mgPerKg(let perKg):
            if perKg * 70 > SingleSimulation.maxDoseMg {
                throw CLIError.usage("--dose: \(NumberFormat.g(perKg)) mg/kg is \(NumberFormat.short(perKg * 70, 6)) mg for a 70 kg adult, beyond any ketamine dose (> 5 g)")
            }
        }
    }

    /// True when a grid ending at `endH` ends before `eventH` (h). Strictly: an infusion that
    /// stops after the grid's last point, even by rounding (3 × 12 min is 0.6000000000000001 h, the
    /// grid's 36 min is 0.6), is still running at the end, which leaves the discharge time and
    /// AUCinf undefined.
    static func endsBefore(_ endH: Double, _ eventH: Double) -> Bool { eventH > endH }

    /// A time for an error message: its shortest exact text when 6 digits would print it equal to
    /// `other` (0.6000000000000001 against 0.6), else 6 significant digits.
    static func hours(_ t: Double, against other: Double) -> String {
        NumberFormat.short(t, 6) == NumberFormat.short(other, 6) && t != other ? NumberFormat.g(t) : NumberFormat.short(t, 6)
    }

    /// Whether a unit written in a model is ng/mL as `Units` reads a concentration (case, spaces and
    /// the micro sign aside: "ng/mL", "ng / mL", "µg/L"), i.e. one of it is 1 ng/mL.
    static func isNgPerML(_ unit: String) -> Bool {
        (try? Units.concentrationNgPerML("1" + unit, flag: "--model")) == 1
    }

    /// `path` with its extension replaced by `suffix` ("study.json" → "study.subjects.csv").
    static func sibling(_ path: String, suffix: String) -> String {
        let ns = path as NSString
        return ns.pathExtension.isEmpty ? path + suffix : ns.deletingPathExtension + suffix
    }

    /// FNV-1a 64-bit checksum, hex, to tell input files apart in the run metadata.
    static func fnv1a(_ data: Data) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        // Over the raw bytes: Data's iterator costs ~10 instructions a byte.
        data.withUnsafeBytes { raw in
            for b in raw { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        }
        return String(h, radix: 16)
    }

    // MARK: - Running

    var shardInfo: ShardInfo? {
        shard.map { ShardInfo(index: $0.index, count: $0.count, firstSubject: range.lowerBound + 1, lastSubject: range.upperBound) }
    }

    /// `--count`/`--every`, `--infusion` (h, route iv only) and the output grid of `--duration` and
    /// `--step`, checked against each other: every dose inside the run, infusions shorter than the
    /// interval, at most 100,000 grid points.
    static func repeatsAndGrid(_ a: Arguments, route: Route, durationH: Double, stepH: Double) throws
        -> (count: Int, every: Double, infusionH: Double, times: [Double]) {
        let (count, every) = try Units.repeats(a)
        var infusionH = 40.0 / 60
        if let i = a.value("--infusion") {
            infusionH = try Units.hours(i, flag: "--infusion")
            guard infusionH > 0 else { throw CLIError.usage("--infusion: '\(i)' must be greater than zero") }
            guard route == .ivInfusion else { throw CLIError.usage("--infusion: only for route iv") }
        }
        if Double(count - 1) * every >= durationH {
            throw CLIError.usage("--duration: \(NumberFormat.short(durationH, 6)) h ends before the last dose at \(NumberFormat.short(Double(count - 1) * every, 6)) h; simulate past the last dose")
        }
        if route == .ivInfusion && count > 1 && infusionH > every {
            throw CLIError.usage("--infusion: \(NumberFormat.sig(infusionH * 60, 4)) min is longer than the interval --every \(NumberFormat.sig(every * 60, 4)) min")
        }
        if route == .ivInfusion && BatchJob.endsBefore(durationH, Double(count - 1) * every + infusionH) {
            // The grid would end inside the last infusion: its peak (at the infusion's end) cut short.
            let stop = Double(count - 1) * every + infusionH
            throw CLIError.usage("--duration: \(BatchJob.hours(durationH, against: stop)) h ends before the last infusion does at \(BatchJob.hours(stop, against: durationH)) h (times add up in hours); simulate past its end")
        }
        return (count, every, infusionH, try BatchJob.grid(endH: durationH, stepH: stepH))
    }

    /// The batch grid, 0 to `endH` every `stepH` (h): at most 100,000 points, checked before the
    /// grid is built (one usage error whatever the count).
    static func grid(endH: Double, stepH: Double) throws -> [Double] {
        let points = (endH / stepH).rounded(.down) + 1
        guard points <= 100_000 else {
            throw CLIError.usage("--step: \(NumberFormat.g(points.rounded())) grid points over \(NumberFormat.g(endH)) h; at most 100000 (use a coarser step)")
        }
        let times = try Simulator.grid(endH: endH, stepH: stepH)
        guard times.count <= 100_000 else { throw CLIError.usage("--step: \(times.count) grid points; at most 100000 (use a coarser step)") }
        return times
    }

    /// The regimen as the run metadata names it: route, dose (mg or mg/kg), infusion length, repeats.
    static func regimenText(route: Route, dose: DoseAmount, infusionH: Double, count: Int, every: Double) -> String {
        var r = route.displayName + " "
        switch dose {
        case .mg(let v): r += "\(NumberFormat.g(v)) mg"
        case .mgPerKg(let v): r += "\(NumberFormat.g(v)) mg/kg"
        }
        if route == .ivInfusion { r += " over \(NumberFormat.g(infusionH * 60)) min" }
        if count > 1 { r += ", every \(NumberFormat.g(every)) h, \(count) doses" }
        return r
    }
}
