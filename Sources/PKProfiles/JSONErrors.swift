/// One-line descriptions of JSON decoding errors that name the field path, e.g.
/// "field 'parameters[2].unit' is missing".
public enum JSONErrors {
    static func path(_ p: [CodingKey]) -> String {
        var s = ""
        for k in p {
            if let i = k.intValue { s += "[\(i)]" } else { s += s.isEmpty ? k.stringValue : ".\(k.stringValue)" }
        }
        return s.isEmpty ? "(top level)" : s
    }

    public static func describe(_ e: DecodingError) -> String {
        switch e {
        case .keyNotFound(let k, let c): return "field '\(path(c.codingPath + [k]))' is missing"
        case .typeMismatch(let t, let c): return "field '\(path(c.codingPath))' should be \(t)"
        case .valueNotFound(let t, let c): return "field '\(path(c.codingPath))' is null, expected \(t)"
        case .dataCorrupted(let c):
            return c.codingPath.isEmpty ? "not valid JSON" : "field '\(path(c.codingPath))': \(c.debugDescription)"
        @unknown default: return "\(e)"
        }
    }
}
