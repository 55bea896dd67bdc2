import Foundation
import Reports
import Studies


enum BatchResume {
    /// True when every streamed file the document names exists and matches the line count and
    /// checksum recorded for it; otherwise says why on stderr (unless quiet) and returns false, so
    /// the shard runs again.
    static func filesMatch(_ doc: BatchDocument, perSubject: String?, curves: String?, out: String,
                           console: Ketasim.Console, quiet: Bool) -> Bool {
        for (path, recorded) in [(perSubject, doc.perSubjectDigest), (curves, doc.curvesDigest)] {
            guard let path else { continue }
            let actual = FileDigest(path: path)
            guard let recorded, let actual, actual == recorded else {
                if !quiet {
                    let why = recorded == nil ? "\(out) records no row count and checksum for it"
                        : actual == nil ? "it cannot be read"
                        : "it has \(actual!.rows) lines and checksum \(actual!.fnv1a64), \(out) records \(recorded!.rows) and \(recorded!.fnv1a64)"
                    console.err("ketasim batch: --resume: \(path) does not match (\(why)): running again\n")
                }
                return false
            }
        }
        return true
    }
}
