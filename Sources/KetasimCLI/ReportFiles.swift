import Foundation
import PKProfiles
import Planner
import Reports
import Studies

// The files of the reports: Reports renders text, the CLI writes it (each file atomically).

extension ArmReport {
    /// Writes --svg and --html when asked (each atomically).
    static func graphics(_ arms: [Arm], _ o: ArmReportContext, _ a: Arguments, title: String) throws {
        if let svg = a.value("--svg") {
            try AtomicFile.write(SVGPlot.arms(arms, o, title: title).render(), to: svg, flag: "--svg")
        }
        if let html = a.value("--html") {
            try AtomicFile.write(HTMLReport.arms(arms, o, title: title).render(), to: html, flag: "--html")
        }
    }

    static func emit(_ text: String, _ a: Arguments, _ console: Ketasim.Console) throws {
        if let out = a.value("--out") { try Provenance.writeOutput(text, to: out) } else { console.out(text) }
    }

    /// The arms' WARNING lines on standard error when the report went to a file (`--out`): a
    /// dose in the anaesthesia band or past a planner rule must not be told to a file alone.
    static func warnOnConsole(_ arms: [Arm], _ o: ArmReportContext, _ a: Arguments, command: String, _ console: Ketasim.Console) {
        guard a.value("--out") != nil else { return }
        for w in warningsText(arms, o) { console.err("ketasim \(command): \(w)\n") }
    }

    /// A CSV with its provenance (sidecar or one stderr line).
    static func emitCSV(_ text: String, provenance: [String], command: String, _ a: Arguments, _ console: Ketasim.Console) throws {
        try Provenance.emitCSV(text, command: command, lines: provenance, out: a.value("--out"), console: console)
    }
}

extension PlanGraphics {
    /// --svg and --html for a plan (each atomically).
    static func write(_ plan: Plan, _ a: Arguments, profile: Profile? = nil) throws {
        if let path = a.value("--svg") {
            guard let plot = svg(plan) else { throw CLIError.failure("--svg: no predictions for this plan (no profile for its drug)") }
            try AtomicFile.write(plot.render(), to: path, flag: "--svg")
        }
        if let path = a.value("--html") { try AtomicFile.write(html(plan, profile: profile), to: path, flag: "--html") }
    }
}

extension BatchGraphics {
    /// Writes --svg and --html when asked (each atomically); a run that cannot be drawn is a usage error.
    static func write(_ doc: BatchDocument, svg: String?, html: String?) throws {
        let texts: (svg: String?, html: String?)
        do { texts = try render(doc, svg: svg != nil, html: html != nil) } catch let e as ReportError { throw CLIError.usage(e.message) }
        if let svg, let text = texts.svg { try AtomicFile.write(text, to: svg, flag: "--svg") }
        if let html, let text = texts.html { try AtomicFile.write(text, to: html, flag: "--html") }
    }
}
