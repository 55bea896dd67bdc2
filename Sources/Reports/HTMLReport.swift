import Foundation
import PKCore
import PKProfiles
import Planner
import Studies

/// One self-contained HTML report: inline SVG plots, tables of metrics, the inputs, citations,
/// safety findings and the disclaimer. No scripts, stylesheets, fonts or images are referenced
/// (nothing is fetched when it is opened or printed), and `@media print` rules keep it readable on
/// paper.
///
/// The output is XHTML-compatible (every element closed, attributes quoted, only the XML
/// entities), so it also parses as XML.
public struct HTMLReport: Sendable {
    /// A table: header cells and rows of text cells. Cells that look numeric are right-aligned.
    public struct Table: Sendable, Equatable {
        public var columns: [String]
        public var rows: [[String]]
        public var caption: String?
        /// A wide table of short cells (a calendar): cells do not wrap except the last column
        /// (notes), and the page widens to hold it on screen.
        public var nowrap = false
        public init(columns: [String], rows: [[String]], caption: String? = nil) {
            self.columns = columns
            self.rows = rows
            self.caption = caption
        }
    }

    /// A heading, an optional plot (an SVG string, e.g. `SVGPlot.render()`), optional tables, and notes.
    public struct Section: Sendable, Equatable {
        public var heading: String
        public var svg: String?
        public var tables: [Table]
        public var notes: [String]
        public init(heading: String, svg: String? = nil, tables: [Table] = [], notes: [String] = []) {
            self.heading = heading
            self.svg = svg
            self.tables = tables
            self.notes = notes
        }
        /// With a plot given as a value.
        public init(heading: String, plot: SVGPlot, tables: [Table] = [], notes: [String] = []) {
            self.init(heading: heading, svg: plot.render(standalone: false), tables: tables, notes: notes)
        }
    }

    /// A safety finding: level (e.g. "error", "warning", "info"), the rule that fired, the message,
    /// and its source.
    public struct Finding: Sendable, Equatable {
        public var level: String
        public var rule: String
        public var message: String
        public var source: String
        public init(level: String, rule: String, message: String, source: String = "") {
            self.level = level
            self.rule = rule
            self.message = message
            self.source = source
        }
    }

    public var title: String
    /// A line under the title, e.g. the profile and patient.
    public var subtitle: String?
    /// The inputs as key–value pairs, in order.
    public var inputs: [(key: String, value: String)]
    public var sections: [Section]
    /// Safety findings: nil leaves the section out; empty says that none were reported.
    public var findings: [Finding]?
    /// Profile and protocol citations (plain text).
    public var citations: [String]

    public static let disclaimer = Product.disclaimer

    public init(title: String, subtitle: String? = nil, inputs: [(key: String, value: String)] = [], sections: [Section] = [],
                findings: [Finding]? = nil, citations: [String] = []) {
        self.title = title
        self.subtitle = subtitle
        self.inputs = inputs
        self.sections = sections
        self.findings = findings
        self.citations = citations
    }

    /// The report as one HTML document.
    public func render() -> String {
        let e = XMLText.escape
        var h = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="ketasim \(e(Product.version))"/>
        <title>\(e(title))</title>
        <style>
        \(HTMLReport.css)
        </style>
        </head>
        <body>
        <div class="page">
        <header>
        <h1>\(e(title))</h1>

        """
        if let s = subtitle, !s.isEmpty { h += "<p class=\"subtitle\">\(e(s))</p>\n" }
        h += "<p class=\"disclaimer\"><strong>\(e(HTMLReport.disclaimer))</strong></p>\n</header>\n<main>\n"

        for s in sections {
            h += "<section class=\"result\">\n<h2>\(e(s.heading))</h2>\n"
            if let svg = s.svg { h += "<figure class=\"chart\">\n\(HTMLReport.inlineSVG(svg))</figure>\n" }
            for t in s.tables { h += HTMLReport.table(t, cssClass: "metrics") }
            for n in s.notes { h += "<p class=\"note\">\(e(n))</p>\n" }
            h += "</section>\n"
        }

        if let findings {
            h += "<section class=\"findings\">\n<h2>Safety findings</h2>\n"
            if findings.isEmpty {
                h += "<p class=\"note\">No safety findings were reported for these inputs.</p>\n"
            } else {
                h += "<table class=\"findings-table\">\n<thead><tr><th>Level</th><th>Rule</th><th>Finding</th><th>Source</th></tr></thead>\n<tbody>\n"
                for f in findings {
                    let cls = HTMLReport.levelClass(f.level)
                    h += "<tr class=\"level-\(cls)\"><td><span class=\"badge badge-\(cls)\">\(e(f.level.uppercased()))</span></td><td>\(e(f.rule))</td><td>\(e(f.message))</td><td>\(e(f.source))</td></tr>\n"
                }
                h += "</tbody>\n</table>\n"
            }
            h += "</section>\n"
        }

        if !inputs.isEmpty {
            h += "<section class=\"inputs\">\n<h2>Inputs</h2>\n<table class=\"kv\">\n<tbody>\n"
            for (k, v) in inputs { h += "<tr><th scope=\"row\">\(e(k))</th><td>\(e(v))</td></tr>\n" }
            h += "</tbody>\n</table>\n</section>\n"
        }

        if !citations.isEmpty {
            h += "<section class=\"citations\">\n<h2>Sources</h2>\n<ol>\n"
            for c in citations { h += "<li>\(e(c))</li>\n" }
            h += "</ol>\n</section>\n"
        }
        h += ReferenceList.html(self)

        h += """
        </main>
        <footer>
        <p>\(e(HTMLReport.disclaimer))</p>
        <p>Generated by ketasim \(e(Product.version)). Plots show model predictions from the profile and inputs above; they are not measured concentrations.</p>
        </footer>
        </div>
        </body>
        </html>

        """
        return h
    }

    /// An SVG string ready to sit inside the HTML body: no XML declaration or doctype, no namespace
    /// URL (the HTML parser supplies the SVG namespace).
    public static func inlineSVG(_ svg: String) -> String {
        var s = svg
        while let r = s.range(of: "<?xml"), let end = s.range(of: "?>", range: r.upperBound..<s.endIndex) {
            s.removeSubrange(r.lowerBound..<end.upperBound)
        }
        while let r = s.range(of: "<!DOCTYPE"), let end = s.range(of: ">", range: r.upperBound..<s.endIndex) {
            s.removeSubrange(r.lowerBound..<end.upperBound)
        }
        s = s.replacingOccurrences(of: " xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        s = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return s + "\n"
    }

    public static func table(_ t: Table, cssClass: String) -> String {
        let e = XMLText.escape
        var h = "<table class=\"\(cssClass)\(t.nowrap ? " nowrap" : "")\">\n"
        if let c = t.caption, !c.isEmpty { h += "<caption>\(e(c))</caption>\n" }
        if !t.columns.isEmpty {
            h += "<thead><tr>" + t.columns.map { "<th scope=\"col\">\(e($0))</th>" }.joined() + "</tr></thead>\n"
        }
        h += "<tbody>\n"
        for r in t.rows {
            h += "<tr>"
            for (i, c) in r.enumerated() {
                let num = i > 0 && looksNumeric(c)
                h += num ? "<td class=\"num\">\(e(c))</td>" : "<td>\(e(c))</td>"
            }
            h += "</tr>\n"
        }
        h += "</tbody>\n</table>\n"
        return h
    }

    public static func looksNumeric(_ s: String) -> Bool {
        let t = s.trimmingCharacters(in: .whitespaces)
        guard let first = t.first else { return false }
        return first.isNumber || ((first == "-" || first == ">" || first == "<") && t.count > 1)
    }

    /// A CSS-safe class for a finding level.
    public static func levelClass(_ level: String) -> String {
        let l = level.lowercased()
        if ["error", "critical", "danger", "contraindicated", "block", "fail"].contains(l) { return "error" }
        if ["warning", "warn", "warn-ack", "caution"].contains(l) { return "warning" }
        if ["info", "note", "notice"].contains(l) { return "info" }
        if ["ok", "pass"].contains(l) { return "ok" }
        return "other"
    }

    /// Styles: screen layout with a fixed-width chart column, and print rules.
    /// Tests/render-html.sh relies on the layout: `.page` at most 960 px wide, centred, padding
    /// 24 px, and the first chart (720 px wide) at the left of the content column after the header.
    public static let css = """
    :root { color-scheme: light; }
    html { background: #ffffff; }
    body { margin: 0; background: #ffffff; color: #1a1a1a; font: 15px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
    .page { box-sizing: border-box; max-width: 960px; margin: 0 auto; padding: 24px; }
    header h1 { font-size: 24px; margin: 0 0 4px 0; line-height: 1.25; }
    .subtitle { margin: 0 0 8px 0; color: #444444; }
    .disclaimer { margin: 8px 0 4px 0; padding: 8px 12px; border: 2px solid #1a1a1a; background: #f4f4f4; font-size: 15px; }
    h2 { font-size: 18px; margin: 24px 0 8px 0; border-bottom: 1px solid #cccccc; padding-bottom: 2px; }
    figure.chart { margin: 8px 0 12px 0; padding: 0; }
    figure.chart svg { display: block; max-width: 100%; height: auto; }
    table { border-collapse: collapse; margin: 8px 0 12px 0; font-size: 13.5px; }
    caption { text-align: left; font-weight: bold; padding: 4px 0; }
    th, td { border: 1px solid #c8c8c8; padding: 4px 8px; text-align: left; vertical-align: top; }
    thead th { background: #efefef; }
    .page:has(table.nowrap) { max-width: 1400px; }
    table.nowrap td:not(:last-child) { white-space: nowrap; }
    table.nowrap td:last-child { min-width: 12em; }
    table.nowrap { font-size: 13px; }
    table.nowrap th, table.nowrap td { padding: 3px 5px; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.kv th { background: #f6f6f6; font-weight: normal; color: #333333; }
    .note { color: #333333; font-size: 13.5px; margin: 4px 0; }
    .badge { display: inline-block; padding: 0 6px; border: 1px solid #333333; border-radius: 3px; font-size: 12px; font-weight: bold; }
    .badge-error { background: #f8d7d3; border-color: #9b1c1c; color: #7a1010; }
    .badge-warning { background: #fbecc8; border-color: #8a5a00; color: #6b4500; }
    .badge-info { background: #dde9f6; border-color: #1f4e8c; color: #173c6b; }
    .badge-ok { background: #dcefe0; border-color: #23663a; color: #1b4f2d; }
    .citations li { margin: 2px 0; font-size: 13.5px; }
    footer { margin-top: 28px; padding-top: 8px; border-top: 1px solid #cccccc; font-size: 12.5px; color: #444444; }
    @page { size: A4; margin: 14mm; }
    @media print {
      body { font-size: 10pt; color: #000000; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      .page { max-width: none; padding: 0; }
      header h1 { font-size: 16pt; }
      h2 { font-size: 12.5pt; break-after: avoid; page-break-after: avoid; }
      .disclaimer { border: 1.5pt solid #000000; background: none; }
      figure.chart { break-inside: avoid; page-break-inside: avoid; }
      figure.chart svg { width: 100%; height: auto; }
      table { font-size: 8.5pt; width: 100%; }
      table.nowrap td:not(:last-child) { white-space: normal; }
      tr, li { break-inside: avoid; page-break-inside: avoid; }
      thead { display: table-header-group; }
      th, td { border-color: #777777; }
      footer { color: #000000; }
    }
    """
}

// MARK: - Reports of `simulate` and `compare` arms

