import Foundation

/// Writes a file all at once: the text goes to a temporary file in the same folder, which is then
/// renamed over the target, so a failure or interruption never leaves a partial output file.
public enum AtomicFile {
    public static func write(_ text: String, to path: String, flag: String = "--out") throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw CLIError.failure("\(flag): folder '\(dir.path)' does not exist")
        }
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try Data(text.utf8).write(to: tmp)
            // rename(2) replaces the target atomically on POSIX file systems.
            guard rename(tmp.path, url.path) == 0 else {
                throw CLIError.failure("\(flag): cannot write '\(path)': \(String(cString: strerror(errno)))")
            }
        } catch let e as CLIError {
            try? FileManager.default.removeItem(at: tmp)
            throw e
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw CLIError.failure("\(flag): cannot write '\(path)': \(error.localizedDescription)")
        }
    }

    /// Reads a text file, with an error naming the flag and path.
    public static func read(_ path: String, flag: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else { throw CLIError.failure("\(flag): file '\(path)' not found") }
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.failure("\(flag): cannot read '\(path)'") }
        guard let s = String(data: data, encoding: .utf8) else { throw CLIError.failure("\(flag): '\(path)' is not UTF-8 text") }
        return s
    }
}
