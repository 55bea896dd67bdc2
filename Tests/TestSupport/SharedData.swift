import Foundation

/// Paths to the shared data beside the repository (`../shared`). Tests that need it skip when it is
/// absent: the project must build and pass without it.
public enum SharedData {
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static var root: URL { repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared") }

    /// The file at `relative` under ../shared, or nil when it does not exist.
    public static func file(_ relative: String) -> URL? {
        let u = root.appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: u.path) ? u : nil
    }

    /// Rows of a small CSV file (header dropped), split on commas.
    public static func csvRows(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
    }
}
