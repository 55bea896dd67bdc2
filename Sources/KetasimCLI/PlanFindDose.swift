import Foundation
import Reports
import PKCore
import PKProfiles
import Planner
import Studies

/// `ketasim plan --find-dose`: the dose for a target peak, a band held over a window, an IV match, or a TCI schedule.
extension PlanCommand {
    static func findDose(_ a: Arguments, format: String, width: Int = 1000) throws -> (text: String, provenance: [String]) {
        guard let rText = a.value("--route") else { throw CLIError.usage("--route: required for --find-dose (iv, iv-bolus, im, in, sl, po)") }
        guard let route = Route(text: rText) else { throw CLIError.usage("--route: unknown route '\(rText)' (use iv, iv-bolus, im, in, po, sl or pr)") }
        let prof = try profile(a, default: "clements-1981")
        let weight = try a.value("--weight").map { try Units.weightKg($0) } ?? 70
        let infusionH = try a.value("--infusion").map { try minutes($0, flag: "--infusion") / 60 } ?? 40.0 / 60
        var site = "CP"
        if let s = a.value("--site") {
            guard ["plasma", "effect"].contains(s.lowercased()) else { throw CLIError.usage("--site: '\(s)' (use plasma or effect)") }
            site = s.lowercased() == "effect" ? "CE" : "CP"
        }
        var finder = DoseFinder(profile: prof, weightKg: weight, output: site, infusionH: infusionH)
        let analyte = prof.profile.analyte
        finder.concentrationMgPerML = try a.value("--concentration").map { try Units.solutionMgPerML($0) }
        let prep = try DosePreparation(route: route == .ivBolus ? "iv" : route.rawValue, analyte: analyte, concentrationMgPerML: finder.concentrationMgPerML)
        let goals = [a.value("--target-peak"), a.value("--band"), a.value("--match-iv")].compactMap { $0 }
        guard goals.count == 1 else { throw CLIError.usage("--find-dose: give exactly one of --target-peak, --band, --match-iv") }
        var lines = ["\(tool): \(Ketasim.disclaimer)",
                     "Profile: \(prof.profile.name): \(prof.profile.title)\(prof.profile.hasUnconfirmed ? " (has UNCONFIRMED numbers)" : "")",
                     "Profile source: \(prof.profile.citation)",
                     "Patient: \(NumberFormat.short(weight)) kg; route \(route.rawValue); \(site == "CE" ? "effect-site" : "plasma") concentration of \(analyte)"]
        var body: [(String, String)] = []
        let json: String
        if let s = a.value("--target-peak") {
            let c = try Units.concentrationNgPerML(s, flag: "--target-peak")
            let r = try finder.doseForPeak(route: route.rawValue, targetNgPerML: c)
            body = doseRows(r, weight, prep)
            json = try PlanRender.json(result: r, tool: tool, disclaimer: Ketasim.disclaimer, profile: prof.profile.name, citation: prof.profile.citation, weightKg: weight)
            lines.append(r.message)
        } else if let s = a.value("--match-iv") {
            let ref = try Units.dose(s, flag: "--match-iv").milligrams(weightKg: weight)
            let metric = (a.value("--match") ?? "auc").lowercased()
            guard ["auc", "peak"].contains(metric) else { throw CLIError.usage("--match: '\(metric)' (use auc or peak)") }
            let r = try finder.routeEquivalent(route: route.rawValue, referenceMg: ref, metric: metric)
            body = doseRows(r, weight, prep)
            json = try PlanRender.json(result: r, tool: tool, disclaimer: Ketasim.disclaimer, profile: prof.profile.name, citation: prof.profile.citation, weightKg: weight)
            lines.append(r.message)
        } else {
            let (lo, hi) = try band(a.value("--band")!, analyte: analyte)
            if a.flag("--tci") {
                guard route == .ivInfusion else { throw CLIError.usage("--tci: needs --route iv") }
                let dur = try a.value("--duration").map { try minutes($0, flag: "--duration") / 60 } ?? 1
                let step = try a.value("--tci-step").map { try minutes($0, flag: "--tci-step") / 60 } ?? 1.0 / 6
                let target = try a.value("--target").map { try Units.concentrationNgPerML($0, flag: "--target") }
                let r = try finder.tciScheme(low: lo, high: hi, target: target, durationH: dur, stepH: step)
                body = [("target", "\(NumberFormat.short(r.targetNgPerML, 4)) ng/mL in \(NumberFormat.short(lo))-\(NumberFormat.short(hi)) ng/mL"),
                        ("bolus", "\(NumberFormat.short(r.bolusMg, 4)) mg at 0 min" + (prep.volumeML(r.bolusMg).map { " = \(NumberFormat.short($0, 3)) mL" } ?? ""))]
                for st in r.steps {
                    let rate = prep.rates(mg: st.rateMgPerH * (st.endMin - st.startMin) / 60, overMin: st.endMin - st.startMin, weightKg: weight)
                    body.append(("rate \(NumberFormat.short(st.startMin))-\(NumberFormat.short(st.endMin)) min", rate.text))
                }
                body.append(("rates", prep.concentrationMgPerML.map { "mL/h at \(NumberFormat.short($0)) mg/mL" } ?? "give --concentration for mL/h"))
                body += [("total", "\(NumberFormat.short(r.totalMg, 4)) mg (\(NumberFormat.short(r.totalMg / weight, 3)) mg/kg); ceiling \(NumberFormat.short(r.ceilingMg, 4)) mg"),
                         ("achieved", "\(NumberFormat.short(r.minutesInBand, 3)) of \(NumberFormat.short(r.durationMin)) min in band; min \(NumberFormat.short(r.minNgPerML, 4)), max \(NumberFormat.short(r.maxNgPerML, 4)) ng/mL")]
                json = try PlanRender.json(result: r, tool: tool, disclaimer: Ketasim.disclaimer, profile: prof.profile.name, citation: prof.profile.citation, weightKg: weight)
                lines.append(r.message)
            } else {
                let (from, to) = try a.value("--hold").map { try span($0, flag: "--hold") } ?? (10.0 / 60, 1)
                let r = try finder.doseForBand(route: route.rawValue, low: lo, high: hi, fromH: from, toH: to)
                body = [("band", "\(NumberFormat.short(lo))-\(NumberFormat.short(hi)) ng/mL from \(NumberFormat.short(r.fromMin)) to \(NumberFormat.short(r.toMin)) min"),
                        ("holds", r.holds ? "yes" : "no"),
                        ("dose", "\(NumberFormat.short(r.doseMg, 4)) mg (\(NumberFormat.short(r.doseMg / weight, 3)) mg/kg)"),
                        ("measured", measured(r.doseMg, prep, ceilingMg: r.ceilingMg)),
                        ("minutes in band", NumberFormat.short(r.minutesInBand, 3)), ("peak", "\(NumberFormat.short(r.peakNgPerML, 4)) ng/mL"),
                        ("ceiling", "\(NumberFormat.short(r.ceilingMg, 4)) mg (\(r.ceilingReason))")]
                if let lo = r.minDoseMg { body.append(("smallest dose holding LOW", "\(NumberFormat.short(lo, 4)) mg")) }
                if let hi = r.maxDoseMg { body.append(("largest dose peaking below HIGH", "\(NumberFormat.short(hi, 4)) mg")) }
                json = try PlanRender.json(result: r, tool: tool, disclaimer: Ketasim.disclaimer, profile: prof.profile.name, citation: prof.profile.citation, weightKg: weight)
                lines.append(r.message)
            }
        }
        switch format {
        case "json": return (json, [])
        case "csv":
            return ("quantity,value\n" + body.map { CSV.field($0.0) + "," + CSV.field($0.1) }.joined(separator: "\n") + "\n", lines)
        default:
            // Prose wraps at the console width; a long value wraps under its own column.
            let w = body.map(\.0.count).max() ?? 0
            let indent = w + 2 < width / 2 ? w + 2 : 4
            let rows = body.map { TextTable.wrap($0.1, width: width, first: TextTable.pad($0.0, w) + "  ", rest: String(repeating: " ", count: indent)) }.joined()
            let text = TextTable.wrapProse(lines.joined(separator: "\n") + "\n\n", width: width) + rows + "\n" + Ketasim.disclaimer + "\n"
            return (text + ReferenceList.text(citedIn: lines, width: Swift.min(80, width)), [])
        }
    }

    /// The dose as drawn up: volume at the concentration and the practical step, or why not.
    /// Never above the safety ceiling: a dose that rounds up past it is rounded down a step instead;
    /// a change of more than 5 % is stated, as in the plan.
    static func measured(_ mg: Double, _ prep: DosePreparation, ceilingMg: Double) -> String {
        guard prep.stepMg != nil else { return prep.stepText }
        guard let r = prep.rounded(mg, ceilingMg: ceilingMg) else {
            return "below one step (\(prep.stepText)) under the ceiling \(NumberFormat.short(ceilingMg, 4)) mg: use a more dilute solution"
        }
        var s = "\(NumberFormat.short(r, 4)) mg"
        if let v = prep.volumeML(r) { s += " = \(NumberFormat.short(v, 3)) mL of \(NumberFormat.short(prep.concentrationMgPerML!)) mg/mL" }
        let change = mg > 0 ? r / mg - 1 : 0
        if abs(change) > 0.05 { s += " (\(change > 0 ? "+" : "−")\(NumberFormat.short(abs(change) * 100, 2))%: a more dilute solution gives finer steps)" }
        return s + " (\(prep.stepText))"
    }

    static func doseRows(_ r: DoseResult, _ w: Double, _ prep: DosePreparation) -> [(String, String)] {
        [("goal", "\(r.goal) \(NumberFormat.short(r.target, 4)) \(r.targetUnit)"),
         ("reachable", r.reachable ? "yes" : "NO: no safe dose reaches the target"),
         ("dose", "\(NumberFormat.short(r.doseMg, 4)) mg (\(NumberFormat.short(r.doseMg / w, 3)) mg/kg)\(r.reachable ? "" : " (the ceiling)")"),
         ("measured", measured(r.doseMg, prep, ceilingMg: r.ceilingMg)),
         ("achieved", "\(NumberFormat.short(r.achieved, 4)) \(r.targetUnit)" + (r.measuredAchieved.map { m in
            "; with the measured \(NumberFormat.short(r.measuredDoseMg ?? 0, 4)) mg: \(NumberFormat.short(m, 4)) \(r.targetUnit)" } ?? "")),
         ("peak", "\(NumberFormat.short(r.peakNgPerML, 4)) ng/mL at \(NumberFormat.short(r.tmaxMin, 3)) min" + (r.measuredPeakNgPerML.map { m in
            "; measured dose: \(NumberFormat.short(m, 4)) ng/mL" } ?? "")),
         ("IV-equivalent", "\(NumberFormat.short(r.ivEquivalentMg, 4)) mg"),
         ("ceiling", "\(NumberFormat.short(r.ceilingMg, 4)) mg (\(r.ceilingReason))")]
    }
}
