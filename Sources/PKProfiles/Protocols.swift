/// The built-in protocol templates (`Profiles/protocols.json`), embedded at build time; decoded by
/// the Planner target.
public enum ProtocolLibrary {
    public static var json: String? { EmbeddedProfiles.files["protocols.json"] }
}
