import Foundation
import Studies

/// A file written as a stream into a hidden temporary file beside the target and renamed over it
/// at the end, so an interrupted run never leaves a partial file under the target's name.
final class StreamingFile: @unchecked Sendable {
    let path: String
    let tempPath: String
    let flag: String
    private let file: OutputFile
    private var buffer = Data()
    /// Line count and checksum of everything flushed so far.
    private(set) var digest = FileDigest()

    init(path: String, flag: String) throws {
        self.path = path
        self.flag = flag
        file = try OutputFile(path: path, flag: flag)
        tempPath = file.tempPath
        // An interrupted run (Ctrl-C, SIGTERM) removes the temporary file: no stray hidden file of
        // tens of MB beside the target (`nm --sim`, batch's streams).
        file.removeOnSignal()
    }

    func write(_ s: String) { buffer.append(contentsOf: s.utf8) }
    func write(_ d: Data) { buffer.append(d) }

    func flushIfLarge() throws { if buffer.count >= 1 << 16 { try flush() } }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        digest.update(buffer)
        try file.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func commit() throws {
        try flush()
        try file.commit()
    }

    func abort() { file.abort() }
}
