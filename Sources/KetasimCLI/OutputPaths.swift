import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Output paths must not be input files: `ketasim nm d.csv --model M --out d.csv` would replace the
/// data set with the predictions. Checked once for every command when its arguments are parsed
/// (`Arguments.init`), before any work, and again by commands for outputs they derive themselves
/// (batch's default per-subject file next to --out).
extension Arguments {
    /// Options whose value is a file the command writes.
    public static let outputOptions = ["--out", "--svg", "--html", "--per-subject", "--curves"]
    /// Options whose value may be a file the command reads (names of built-ins are not files).
    public static let inputOptions = ["--model", "--profile", "--protocol", "--subjects", "--data"]

    /// The files this command line reads: input options and positional arguments.
    var inputFiles: [(label: String, path: String)] {
        var list: [(String, String)] = []
        for o in Arguments.inputOptions { for v in all(o) { list.append((o, v)) } }
        for p in positional { list.append(("input", p)) }
        return list
    }

    /// Throws a usage error when an output (given or derived) is the same file as an input or as
    /// another output: the same path, or the same device and inode (hard or symbolic links).
    public func refuseOutputsOverwritingInputs(_ derived: [(flag: String, path: String?)] = [],
                                               inputs extra: [(label: String, path: String)] = []) throws {
        var outputs: [(String, String)] = []
        for o in Arguments.outputOptions {
            for v in all(o) {
                // An empty name is a slip on the command line, not a file that cannot be written.
                guard !v.trimmedSpaces.isEmpty else { throw CLIError.usage("\(o): an empty file name") }
                outputs.append((o, v))
            }
        }
        for d in derived { if let p = d.path { outputs.append((d.flag, p)) } }
        // Two outputs in one file: the one written last would replace the other.
        func key(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.path }
        // A device or pipe as the writer sees one, or a link to a character device (two links to
        // /dev/null are two names, each replaced by its own file, not one output).
        func isDevice(_ p: String) -> Bool {
            var st = stat()
            return OutputFile.isDevice(p) || (stat(p, &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR)
        }
        for (k, (flag, out)) in outputs.enumerated() where !isDevice(out) {   // /dev/null takes any number
            // (A derived output repeats its own option's value: the same flag twice is one output.)
            for (otherFlag, other) in outputs[..<k] where otherFlag != flag
                && (key(other) == key(out) || (FileIdentity(out).map { $0 == FileIdentity(other) } ?? false)) {
                throw CLIError.usage("\(flag): '\(out)' is also the \(otherFlag) file; two outputs cannot share a file")
            }
        }
        let inputs = inputFiles + extra
        for (flag, out) in outputs {
            guard let o = FileIdentity(out) else {
                if let same = inputs.first(where: { $0.path == out }) {
                    throw CLIError.usage("\(flag): '\(out)' is also the \(same.label) file; refusing to overwrite an input")
                }
                continue
            }
            for (label, path) in inputs where path == out || FileIdentity(path) == o {
                let what = label == "input" ? "input file '\(path)'" : "\(label) file '\(path)'"
                throw CLIError.usage("\(flag): '\(out)' is the same file as the \(what); refusing to overwrite an input")
            }
        }
    }
}

/// A file's device and inode (following symbolic links), nil when it does not exist.
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64
    init?(_ path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }
}

/// The output format of a command with `--format table|csv|json` and `--out FILE`: the one named,
/// else the one `--out`'s extension names (`.csv`, `.json`; as `batch` and `merge`), else a table.
enum OutputFormat {
    static let names = ["table", "csv", "json"]

    /// Throws a usage error for an unknown `--format`.
    static func resolve(_ a: Arguments) throws -> String {
        if let f = a.value("--format") {
            guard names.contains(f.lowercased()) else { throw CLIError.usage("--format: unknown format '\(f)' (use table, csv or json)") }
            return f.lowercased()
        }
        guard let out = a.value("--out") else { return "table" }
        switch (out as NSString).pathExtension.lowercased() {
        case "csv": return "csv"
        case "json": return "json"
        default: return "table"
        }
    }
}
