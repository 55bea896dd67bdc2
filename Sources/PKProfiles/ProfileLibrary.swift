import Foundation
import PKCore

/// The built-in profiles and bands (embedded from `Profiles/` at build time, no run-time file
/// lookup), and loading of a user's profile file with errors that name the field.
public enum ProfileLibrary {
    /// Decodes a profile from JSON text; `origin` names the file in error messages.
    public static func decode(_ text: String, origin: String) throws -> Profile {
        do {
            return try StrictJSON.decode(Profile.self, from: text)
        } catch let e as DecodingError {
            throw ProfileError("\(origin): \(JSONErrors.describe(e))")
        } catch let e as StrictJSONError {
            throw ProfileError("\(origin): \(e)")
        } catch {
            throw ProfileError("\(origin): not valid JSON")
        }
    }

    /// All built-in profiles, in file-name order.
    public static let builtin: [Profile] = {
        EmbeddedProfiles.files.filter { $0.key.hasSuffix(".profile.json") }.sorted { $0.key < $1.key }.map {
            // Embedded files are checked by a test; a decoding failure here is a build defect.
            try! decode($0.value, origin: $0.key)
        }
    }()

    /// The built-in concentration bands.
    public static let bands: [ConcentrationBand] = {
        guard let text = EmbeddedProfiles.files["bands.json"] else { return [] }
        // Embedded at build time and checked by a test (not user input).
        return try! StrictJSON.decode([ConcentrationBand].self, from: text)
    }()

    /// A built-in profile by name (case-insensitive).
    public static func named(_ name: String) -> Profile? {
        builtin.first { $0.name.lowercased() == name.lowercased() }
    }

    /// A built-in profile name or a path to a JSON profile file, compiled.
    public static func load(_ nameOrPath: String) throws -> ProfileModel {
        if let p = named(nameOrPath) { return try ProfileModel(p) }
        guard FileManager.default.fileExists(atPath: nameOrPath) else {
            throw ProfileError("--profile: unknown profile '\(nameOrPath)' (built-in: \(builtin.map(\.name).joined(separator: ", ")); or a JSON file)")
        }
        guard let data = FileManager.default.contents(atPath: nameOrPath), let text = String(data: data, encoding: .utf8) else {
            throw ProfileError("--profile: cannot read '\(nameOrPath)'")
        }
        return try ProfileModel(try decode(text, origin: nameOrPath))
    }

    /// Bands for an analyte ("racemic" or "S-ketamine").
    public static func bands(for analyte: String) -> [ConcentrationBand] {
        bands.filter { $0.analyte.lowercased() == analyte.lowercased() }
    }
}
