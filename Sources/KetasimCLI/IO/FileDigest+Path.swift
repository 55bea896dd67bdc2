import Foundation
import Studies

extension FileDigest {
    /// The digest of the file at `path`, nil when it cannot be read.
    public init?(path: String) {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        self.init()
        defer { try? h.close() }
        while true {
            let chunk: Data?
            do { chunk = try h.read(upToCount: 1 << 20) } catch { return nil }
            guard let chunk, !chunk.isEmpty else { break }   // nil or empty: end of file
            update(chunk)
        }
    }
}
