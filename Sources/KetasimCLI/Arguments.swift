/// Command-line arguments parsed against a command's declared options (`CommandSpec`): a pure
/// function from `[String]` to values, so commands are unit-tested without spawning processes.
public struct Arguments {
    /// Options that take a value, by name ("--dose").
    public let valueOptions: Set<String>
    /// Options that are flags ("--quiet").
    public let flagOptions: Set<String>
    /// Options that may be given more than once.
    public let repeatableOptions: Set<String>
    public private(set) var values: [String: [String]] = [:]
    public private(set) var flags: Set<String> = []
    public private(set) var positional: [String] = []
    let command: String

    /// Parses `args` (without the command name) against `spec`. `--name=value` and `--name value`
    /// both work. Unknown options, missing values, a value on a flag, a non-repeatable option given
    /// twice and surplus positional arguments are usage errors naming the option.
    public init(_ args: [String], spec: CommandSpec) throws {
        let opts = spec.options
        try self.init(args, command: spec.name, values: opts.filter { !$0.isFlag }.map(\.name), flags: opts.filter(\.isFlag).map(\.name),
                      repeatable: opts.filter(\.repeatable).map(\.name), positionalMax: spec.positionalMax)
    }

    init(_ args: [String], command: String, values: [String], flags: [String], repeatable: [String] = [], positionalMax: Int = 0) throws {
        self.command = command
        valueOptions = Set(values)
        flagOptions = Set(flags + ["--help", "-h"])
        repeatableOptions = Set(repeatable)
        var i = 0
        while i < args.count {
            let a = args[i]
            if a.hasPrefix("-") && a.count > 1 && Double(a) == nil {
                var name = a
                var inline: String? = nil
                if let eq = a.firstIndex(of: "="), a.hasPrefix("--") {
                    name = String(a[..<eq])
                    inline = String(a[a.index(after: eq)...])
                }
                if valueOptions.contains(name) {
                    let v: String
                    if let inline { v = inline } else {
                        guard i + 1 < args.count else { throw CLIError.usage("\(name): missing value (see 'ketasim \(command) --help')") }
                        i += 1
                        v = args[i]
                    }
                    if let earlier = self.values[name]?.first, !repeatableOptions.contains(name) {
                        throw CLIError.usage("\(name): given more than once ('\(earlier)' and '\(v)'); it takes one value")
                    }
                    self.values[name, default: []].append(v)
                } else if flagOptions.contains(name) {
                    if inline != nil { throw CLIError.usage("\(name): takes no value") }
                    self.flags.insert(name)
                } else {
                    throw CLIError.usage("unknown option '\(name)' for 'ketasim \(command)' (see 'ketasim \(command) --help')")
                }
            } else {
                positional.append(a)
            }
            i += 1
        }
        if positional.count > positionalMax && !flags.contains("--help") && !flags.contains("-h") {
            throw CLIError.usage("unexpected argument '\(positional[positionalMax])' for 'ketasim \(command)'")
        }
        if !wantsHelp { try refuseOutputsOverwritingInputs() }
    }

    /// The value given for `name`, if any (the last one of a repeatable option).
    public func value(_ name: String) -> String? { values[name]?.last }
    /// All values given for a repeatable option.
    public func all(_ name: String) -> [String] { values[name] ?? [] }
    public func flag(_ name: String) -> Bool { flags.contains(name) }
    public var wantsHelp: Bool { flags.contains("--help") || flags.contains("-h") }
}
