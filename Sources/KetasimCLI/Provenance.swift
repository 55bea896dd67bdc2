import Foundation
import PKProfiles
import Reports

/// Where a CSV's provenance goes: the CSV itself holds only its header line and rows, so plain
/// `pandas.read_csv` and R's `read.csv` read it as is. The provenance (tool version, model or
/// profile and citation, solver, seed, units, disclaimer) goes to a sidecar `<file>.meta.json`
/// beside a file, or to one line on standard error when the CSV goes to standard output.
enum Provenance {
    struct Sidecar: Encodable {
        var ketasim: String
        var command: String
        var file: String
        var disclaimer: String
        var provenance: [String]
    }

    /// The sidecar path of an output file.
    static func sidecarPath(_ path: String) -> String { path + sidecarSuffix }
    static let sidecarSuffix = ".meta.json"

    /// Writes the sidecar of `path` (atomically); none for a device or pipe (`OutputFile.isDevice`:
    /// /dev/null has no folder of its own to hold one).
    static func writeSidecar(for path: String, command: String, lines: [String], flag: String = "--out") throws {
        guard !OutputFile.isDevice(path) else { return }
        let doc = Sidecar(ketasim: Ketasim.version, command: command, file: (path as NSString).lastPathComponent,
                          disclaimer: Ketasim.disclaimer, provenance: lines)
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(String(decoding: try enc.encode(doc), as: UTF8.self) + "\n", to: sidecarPath(path), flag: flag)
    }

    /// Removes the sidecar of `path` left by an earlier CSV written there, once `path` holds an
    /// output that has no sidecar (a table, JSON or HTML): a stale sidecar would describe a file
    /// that is gone. Only a ketasim sidecar naming this file is removed (a JSON object with
    /// "ketasim" and "file" equal to the file's name); anything else is left alone.
    static func removeStaleSidecar(of path: String) {
        let side = sidecarPath(path)
        guard let data = FileManager.default.contents(atPath: side),
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              obj["ketasim"] is String, obj["file"] as? String == (path as NSString).lastPathComponent else { return }
        try? FileManager.default.removeItem(atPath: side)
    }

    /// A non-CSV output written to `path` (atomically), and the stale sidecar of an earlier CSV there removed.
    static func writeOutput(_ text: String, to path: String) throws {
        try AtomicFile.write(text, to: path)
        removeStaleSidecar(of: path)
    }

    /// A CSV to `out` (with its sidecar) or to standard output (with one provenance line on stderr).
    static func emitCSV(_ csv: String, command: String, lines: [String], out: String?, console: Ketasim.Console) throws {
        if let out {
            try AtomicFile.write(csv, to: out)
            try writeSidecar(for: out, command: command, lines: lines)
        } else {
            console.out(csv)
            console.err("ketasim \(command): " + ([Ketasim.disclaimer] + lines).joined(separator: "; ").replacingOccurrences(of: "\n", with: " ") + "\n")
        }
    }
}
