import Foundation

/// Paths to the shared data beside the repository (`../shared`). Tests that need it skip when it is
/// absent on a developer's machine (the project must build and pass without it), but run, and so
/// fail, under CI (`CI` set in the environment), where a missing file is a broken set-up.
public enum SharedData {
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static var root: URL { repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared") }

    /// The text of `Profiles/models/k6-mm.model` in this repository (the W3 model).
    public static func k6mmModel() throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent("Profiles/models/k6-mm.model"), encoding: .utf8)
    }

    /// The file at `relative` under ../shared, or nil when it does not exist.
    public static func file(_ relative: String) -> URL? {
        let u = root.appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: u.path) ? u : nil
    }

    /// True when CI is running (`CI` set to anything but empty, "0" or "false").
    public static var underCI: Bool {
        let v = ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? ""
        return !(v.isEmpty || v == "0" || v == "false")
    }

    /// Whether a test that needs `files` should run: when they all exist, and always under CI, where
    /// the test then fails at its `#require` instead of being skipped.
    public static func shouldRun(_ files: URL?...) -> Bool {
        underCI || files.allSatisfy { $0 != nil }
    }

    /// Rows of a small CSV file (header dropped), split on commas.
    public static func csvRows(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
    }
}
