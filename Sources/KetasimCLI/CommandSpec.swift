import Reports
/// A command's declared options: the single source of both the parser (`Arguments`) and the help
/// text, so an accepted option cannot be missing from `--help` and a documented one cannot be
/// refused (in the spirit of swift-argument-parser; a test checks both directions).
public struct OptionSpec: Sendable {
    /// The option as typed, e.g. `--dose`.
    public var name: String
    /// The placeholder of its value in help (`D`, `FILE`); nil for a flag.
    public var valueName: String?
    /// Help text; lines after the first are continuation lines.
    public var help: String
    /// May be given more than once (values accumulate); any other option given twice is a usage error.
    public var repeatable: Bool
    /// Shown in help (false only for a second spelling listed on another option's line).
    public var listed: Bool

    public init(_ name: String, _ valueName: String?, _ help: String, repeatable: Bool = false, listed: Bool = true) {
        self.name = name
        self.valueName = valueName
        self.help = help
        self.repeatable = repeatable
        self.listed = listed
    }

    /// A flag: an option without a value.
    public static func flag(_ name: String, _ help: String, listed: Bool = true) -> OptionSpec {
        OptionSpec(name, nil, help, listed: listed)
    }

    public var isFlag: Bool { valueName == nil }
}

/// A titled group of options in a command's help.
public struct OptionGroup: Sendable {
    public var title: String
    public var options: [OptionSpec]
    public init(_ title: String, _ options: [OptionSpec]) {
        self.title = title
        self.options = options
    }
}

/// Everything `--help` shows for a command and everything its parser accepts.
public struct CommandSpec: Sendable {
    public var name: String
    /// One line for `ketasim --help`.
    public var summary: String
    /// Usage lines after "Usage: ", e.g. "ketasim simulate --route ROUTE --dose DOSE [options]".
    public var usage: [String]
    /// What the command does (paragraphs, already wrapped).
    public var about: String
    public var groups: [OptionGroup]
    /// Text after the options (units, sources, caveats), already wrapped; may be empty.
    public var notes: String
    public var examples: [String]
    /// How many positional arguments are accepted.
    public var positionalMax: Int

    public init(name: String, summary: String, usage: [String], about: String, groups: [OptionGroup], notes: String = "",
                examples: [String], positionalMax: Int = 0) {
        self.name = name
        self.summary = summary
        self.usage = usage
        self.about = about
        self.groups = groups
        self.notes = notes
        self.examples = examples
        self.positionalMax = positionalMax
    }

    /// Every declared option, in help order.
    public var options: [OptionSpec] { groups.flatMap(\.options) }

    /// The help text, generated from the declarations, every line at most 80 columns. Option help
    /// starts at column 21 and is re-flowed; longer lines of the free text wrap at word boundaries,
    /// continuing under their own text.
    public var help: String {
        let width = 80
        let usageLines = usage.flatMap { u -> [String] in
            var l = CommandSpec.wrap(words: u, first: width - 7, rest: width - 9)
            let first = l.removeFirst()
            return [first] + l.map { "  " + $0 }
        }
        var s = "Usage: " + usageLines.joined(separator: "\n       ") + "\n\n"
        s += CommandSpec.wrapText(about, width: width) + "\n"
        for g in groups where g.options.contains(where: \.listed) {
            s += "\n\(g.title):\n"
            for o in g.options where o.listed {
                let head = "  " + o.name + (o.valueName.map { " " + $0 } ?? "")
                var text = o.help.split(separator: "\n").joined(separator: " ")
                if o.repeatable && !text.contains("repeatable") { text += " (repeatable)" }
                let first = head.count <= 18 ? head.padding(toLength: 20, withPad: " ", startingAt: 0) : head + "  "
                var lines = CommandSpec.wrap(words: text, first: width - first.count, rest: width - 20)
                s += first + lines.removeFirst() + "\n"
                for l in lines { s += String(repeating: " ", count: 20) + l + "\n" }
            }
        }
        if !notes.isEmpty { s += "\n" + CommandSpec.wrapText(notes, width: width) + "\n" }
        s += "\n" + examples.map { CommandSpec.wrapText("Example: " + $0, width: width) }.joined(separator: "\n") + "\n"
        s += "\n\(Ketasim.disclaimer)\n"
        // The references the help text cites ([key] of Profiles/references.json), resolved.
        return ReferenceList.appendingReferences(to: s) + "\n"
    }

    /// Words of `text` in lines of at most `first` columns, then `rest` (a longer word stands alone).
    static func wrap(words text: String, first: Int, rest: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for w in text.split(separator: " ") {
            let limit = lines.isEmpty ? first : rest
            if line.isEmpty { line = String(w) } else if line.count + 1 + w.count <= limit { line += " " + w } else {
                lines.append(line)
                line = String(w)
            }
        }
        lines.append(line)
        return lines
    }

    /// `text` wrapped to `width`: runs of unindented lines are re-flowed as paragraphs; an indented
    /// line too long wraps under its own text (after a two-space column gap for table-like lines).
    static func wrapText(_ text: String, width: Int) -> String {
        var out: [String] = []
        var paragraph: [String] = []
        func flush() {
            if !paragraph.isEmpty { out += wrap(words: paragraph.joined(separator: " "), first: width, rest: width) }
            paragraph = []
        }
        for raw in text.trimmingTrailingNewlines.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let lead = line.prefix { $0 == " " }.count
            if !line.isEmpty && lead == 0 { paragraph.append(line); continue }
            flush()
            guard line.count > width else { out.append(line); continue }
            var indent = lead
            if let gap = line.dropFirst(lead).range(of: "  "), line.distance(from: line.startIndex, to: gap.lowerBound) < width / 2 {
                indent = line.distance(from: line.startIndex, to: gap.upperBound) + line[gap.upperBound...].prefix { $0 == " " }.count
            }
            let head = String(line.prefix(indent))
            var rest = wrap(words: String(line.dropFirst(indent)), first: width - indent, rest: width - indent)
            out.append(head + rest.removeFirst())
            out += rest.map { String(repeating: " ", count: indent) + $0 }
        }
        flush()
        return out.joined(separator: "\n")
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
