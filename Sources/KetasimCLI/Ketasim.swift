import Foundation
import PKProfiles
import PKCore
import Reports
import Studies

/// The `ketasim` command line: dispatch to sub-commands, turn errors into one-line messages and
/// exit codes (0 success, 64 usage error, 1 failure).
public enum Ketasim {
    public static let version = Product.version
    public static let disclaimer = Product.disclaimer

    /// Where a command writes: captured in tests, the real streams in the executable.
    public struct Console {
        public var out: (String) -> Void
        public var err: (String) -> Void
        /// True when stdout is a terminal (charts are drawn only then, unless forced).
        public var isTerminal: Bool
        /// Terminal width in columns.
        public var width: Int
        /// Charts in colour: a terminal, `NO_COLOR` unset or empty (https://no-color.org), `TERM` not "dumb".
        public var colour = false

        public init(out: @escaping (String) -> Void, err: @escaping (String) -> Void, isTerminal: Bool = false, width: Int = 100) {
            self.out = out
            self.err = err
            self.isTerminal = isTerminal
            self.width = width
        }

        /// The process's own stdout and stderr.
        public static func standard() -> Console {
            let tty = isatty(STDOUT_FILENO) == 1
            var width = 80   // no terminal and no COLUMNS: a printout's width
            if let c = ProcessInfo.processInfo.environment["COLUMNS"], let w = Int(c), w >= 40 { width = w }
            else if tty {
                var ws = winsize()
                if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col >= 40 { width = Int(ws.ws_col) }
            }
            var console = Console(
                out: { StandardStreams.shared.out($0) },
                err: { StandardStreams.shared.err($0) },
                isTerminal: tty, width: width)
            let env = ProcessInfo.processInfo.environment
            console.colour = tty && (env["NO_COLOR"] ?? "").isEmpty && env["TERM"] != "dumb"
            return console
        }
    }

    /// Every command's declared options and help, in the order `ketasim --help` lists them.
    public static let specs: [CommandSpec] = [
        CompareCommand.spec, SimulateCommand.spec, PlanCommand.spec, BatchCommand.spec, MergeCommand.spec,
        NmCommand.spec, ProfilesCommand.spec, ValidateCommand.spec, ModelsCommand.spec,
    ]
    static var commands: [(name: String, summary: String)] { specs.map { ($0.name, $0.summary) } }

    static var mainHelp: String {
        var s = """
        ketasim \(version): ketamine pharmacokinetic simulation and dosing-schedule engine.
        \(disclaimer)

        Usage: ketasim <command> [options]

        Commands:

        """
        // Summaries wrapped within 80 columns, continued under themselves.
        for c in commands {
            s += TextTable.wrap(c.summary, width: 80, first: "  " + c.name.padding(toLength: 10, withPad: " ", startingAt: 0),
                                rest: String(repeating: " ", count: 12))
        }
        s += """

        Run 'ketasim <command> --help' for a command's options and an example.
        Example: ketasim compare --weight 80kg

        """
        return s
    }

    /// Runs the command line `args` (without the program name) and returns the exit code.
    public static func run(_ args: [String], console: Console) -> Int32 {
        guard let first = args.first else {
            console.out(mainHelp)
            return 0
        }
        let rest = Array(args.dropFirst())
        do {
            switch first {
            case "-h", "--help", "help":
                console.out(mainHelp)
            case "--version", "version":
                console.out("ketasim \(version)\n")
            case "compare":
                try CompareCommand.run(rest, console: console)
            case "simulate":
                try SimulateCommand.run(rest, console: console)
            case "plan": try PlanCommand.run(rest, console: console)
            case "batch": try BatchCommand.run(rest, console: console)
            case "merge": try MergeCommand.run(rest, console: console)
            case "nm":
                try NmCommand.run(rest, console: console)
            case "profiles":
                try ProfilesCommand.run(rest, console: console)
            case "validate":
                try ValidateCommand.run(rest, console: console)
            case "models":
                try ModelsCommand.run(rest, console: console)
            default:
                throw CLIError.usage("unknown command '\(first)' (commands: \(commands.map(\.name).joined(separator: ", ")); see 'ketasim --help')")
            }
            return 0
        } catch let e as CLIError {
            console.err("ketasim: \(oneLine(e.message))\n")
            return e.exitCode
        } catch let e as SimulationError {
            console.err("ketasim: \(oneLine(e.message))\n")
            return 1
        } catch let e as DataError {
            console.err("ketasim: \(oneLine(e.message))\n")
            return 1
        } catch let e as ModelSpecError {
            console.err("ketasim: model: \(oneLine(e.message))\n")
            return 1
        } catch {
            console.err("ketasim: \(oneLine("\(error)"))\n")
            return 1
        }
    }
}
