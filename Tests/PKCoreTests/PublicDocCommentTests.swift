import Foundation
import Testing

/// Every public declaration of the library targets a caller builds on (PKCore, Studies, Planner)
/// carries a `///` doc comment (units and method are the comment's job; this checks it is there).
@Suite("Public API doc comments")
struct PublicDocCommentTests {
    /// The targets whose public API must be documented.
    static let targets = ["PKCore", "Studies", "Planner"]

    /// The line with its attributes (`@inlinable`, `@available(macOS 13, *)`, ...) removed.
    static func droppingAttributes(_ line: Substring) -> Substring {
        var s = line.drop { $0 == " " || $0 == "\t" }
        while s.first == "@" {
            s = s.dropFirst().drop { $0.isLetter || $0.isNumber || $0 == "_" }
            if s.first == "(" {
                var depth = 0
                var i = s.startIndex
                while i < s.endIndex {
                    if s[i] == "(" { depth += 1 } else if s[i] == ")" { depth -= 1; if depth == 0 { break } }
                    i = s.index(after: i)
                }
                s = i < s.endIndex ? s[s.index(after: i)...] : s[s.endIndex...]
            }
            s = s.drop { $0 == " " || $0 == "\t" }
        }
        return s
    }

    /// Lines (1-based) of public or open declarations that no `///` line precedes (attribute lines
    /// between the comment and the declaration are allowed). Extensions are not declarations.
    static func undocumented(_ text: String) -> [(line: Int, text: String)] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [(Int, String)] = []
        for (i, line) in lines.enumerated() {
            let decl = droppingAttributes(line)
            guard decl.hasPrefix("public ") || decl.hasPrefix("open ") else { continue }
            if decl.hasPrefix("public extension ") { continue }
            var j = i - 1
            while j >= 0, droppingAttributes(lines[j]).trimmingCharacters(in: .whitespaces).isEmpty,
                  !lines[j].trimmingCharacters(in: .whitespaces).isEmpty {
                j -= 1
            }
            if j >= 0, lines[j].trimmingCharacters(in: .whitespaces).hasPrefix("///") { continue }
            out.append((i + 1, line.trimmingCharacters(in: .whitespaces)))
        }
        return out
    }

    @Test("the checker finds an undocumented declaration and accepts documented ones, attributes between")
    func checker() {
        let sample = """
            /// Documented.
            public struct A {
                /// Documented, attribute between.
                @inlinable
                public var x: Double { 1 }
                @available(macOS 13, *) public func undocumented() {}

                public init() {}
                // A plain comment is not a doc comment.
                public var y = 0
                var internalIsFine = 0
            }
            public extension A {}
            """
        let found = Self.undocumented(sample)
        #expect(found.map(\.line) == [6, 8, 10], "\(found)")
    }

    @Test("every public declaration of PKCore, Studies and Planner has a /// doc comment")
    func publicAPIDocumented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var missing: [String] = []
        var files = 0, declarations = 0
        for target in Self.targets {
            let dir = root.appendingPathComponent("Sources/\(target)")
            let found = try #require(FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil), "no folder \(dir.path)")
            for case let url as URL in found where url.pathExtension == "swift" {
                files += 1
                let text = try String(contentsOf: url, encoding: .utf8)
                declarations += text.split(separator: "\n").filter {
                    let d = Self.droppingAttributes($0)
                    return d.hasPrefix("public ") || d.hasPrefix("open ")
                }.count
                for u in Self.undocumented(text) {
                    missing.append("Sources/\(target)/\(url.path.components(separatedBy: "Sources/\(target)/").last ?? ""):\(u.line): \(u.text)")
                }
            }
        }
        // The folders were read: each target has files and public declarations.
        #expect(files >= 30 && declarations >= 300, "read \(files) files, \(declarations) public declarations")
        let report = "\(missing.count) public declarations without a /// doc comment:\n" + missing.joined(separator: "\n")
        #expect(missing.isEmpty, "\(report)")
    }
}
