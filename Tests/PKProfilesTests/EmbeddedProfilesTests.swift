import Foundation
import Testing
@testable import PKProfiles

/// The built-in profiles are compiled into the binary (no run-time file lookup) as generated code.
/// This test regenerates that code from the files in `Profiles/` and fails when it is stale.
/// To refresh it: `KETASIM_REGENERATE=1 swift test --filter EmbeddedProfilesTests`.
@Suite("Embedded profiles")
struct EmbeddedProfilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func expectedSource() throws -> String {
        let dir = root.appendingPathComponent("Profiles")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        var s = """
        // Generated from the JSON files in Profiles/ by Tests/PKProfilesTests/EmbeddedProfilesTests.swift.
        // Do not edit: change the JSON files, then run
        //   KETASIM_REGENERATE=1 swift test --filter EmbeddedProfilesTests

        /// The contents of the built-in profile, band, validation, protocol and reference files, by file name.
        enum EmbeddedProfiles {
            static let files: [String: String] = [

        """
        for n in names {
            let text = try String(contentsOf: dir.appendingPathComponent(n), encoding: .utf8)
            s += "        \"\(n)\": ####\"\"\"\n\(text)\"\"\"####,\n"
        }
        s += "    ]\n}\n"
        return s
    }

    @Test("generated EmbeddedProfiles.swift matches the files in Profiles/")
    func upToDate() throws {
        let target = EmbeddedProfilesTests.root.appendingPathComponent("Sources/PKProfiles/EmbeddedProfiles.swift")
        let expected = try EmbeddedProfilesTests.expectedSource()
        if ProcessInfo.processInfo.environment["KETASIM_REGENERATE"] == "1" {
            try expected.write(to: target, atomically: true, encoding: .utf8)
        }
        let actual = try String(contentsOf: target, encoding: .utf8)
        #expect(actual == expected, "Sources/PKProfiles/EmbeddedProfiles.swift is stale: run KETASIM_REGENERATE=1 swift test --filter EmbeddedProfilesTests")
    }

    @Test("every built-in profile decodes and compiles")
    func compiles() throws {
        #expect(!ProfileLibrary.builtin.isEmpty)
        for p in ProfileLibrary.builtin {
            _ = try ProfileModel(p)
        }
        #expect(!ProfileLibrary.bands.isEmpty)
    }
}
