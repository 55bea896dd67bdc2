import Studies
import Reports
import PKCore
import PKProfiles

extension BatchReport {
    /// A batch JSON document read back (`merge` inputs, `--resume`), decoded strictly: unknown and
    /// duplicate keys are errors naming the key and its path. `origin` prefixes the one-line message.
    static func document(_ text: String, origin: String) throws -> BatchDocument {
        do {
            return try StrictJSON.decode(BatchDocument.self, from: text, nonConformingFloats: true)
        } catch let e as DecodingError {
            throw CLIError.failure("\(origin): not a JSON output of 'ketasim batch': \(JSONErrors.describe(e))")
        } catch let e as StrictJSONError {
            throw CLIError.failure("\(origin): \(e)")
        }
    }
}
