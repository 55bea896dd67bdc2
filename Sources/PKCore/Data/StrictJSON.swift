/// Strict JSON decoding for every JSON file ketasim reads (profiles, bands, protocols, validation
/// cases, JSON models, batch documents read back by `merge` and `--resume`).
///
/// Foundation's `JSONDecoder` ignores keys the type does not know and keeps one of two duplicated
/// keys, so a misspelt optional field (`"covariateEffect"`) silently falls back to a default. Here:
///
/// 1. a small parser builds the document, refusing a duplicated key (naming it and its JSON path);
/// 2. a `Decoder` over that document decodes the `Decodable` type and records, per object, every key
///    the type asked for (`decode`, `decodeIfPresent`, `contains`, …);
/// 3. any key of a decoded object that the type never asked for is an error naming the key, its
///    path and the nearest key the type knows ("did you mean 'covariateEffects'?").
///
/// Type errors are the usual `DecodingError`s (with coding paths), so existing one-line descriptions
/// keep working; syntax, duplicate and unknown keys are `StrictJSONError`, one line each.
public enum StrictJSON {
    /// Decodes `type` from `text`. `nonConformingFloats`: accept the strings "inf", "-inf" and "nan"
    /// for floating-point fields (the batch documents write non-finite values so).
    public static func decode<T: Decodable>(_ type: T.Type, from text: String, nonConformingFloats: Bool = false) throws -> T {
        let root = try parse(text)
        let value: T
        do {
            value = try T(from: StrictDecoder(root, path: [], nonConformingFloats: nonConformingFloats))
        } catch DecodingError.keyNotFound(let key, let context) {
            // A misspelt required key: name the misspelling rather than the missing key.
            if let e = misspelling(of: key.stringValue, in: root, at: context.codingPath) { throw e }
            throw DecodingError.keyNotFound(key, context)
        }
        if let e = firstUnknownKey(root, path: "") { throw e }
        return value
    }

    /// An unknown key close to the missing `key` in the object at `path`.
    static func misspelling(of key: String, in root: JSONNode, at path: [CodingKey]) -> StrictJSONError? {
        var node = root
        var text = ""
        for k in path {
            if let i = k.intValue, case .array(let a) = node, a.indices.contains(i) { node = a[i]; text += "[\(i)]" }
            else if case .object(let o) = node, let v = o.values[k.stringValue] { node = v; text = join(text, k.stringValue) }
            else { return nil }
        }
        guard case .object(let o) = node else { return nil }
        let unknown = o.keys.filter { !o.requested.contains($0) }
        for u in unknown where nearest(u, in: [key]) != nil {
            return StrictJSONError("unknown key '\(u)' at \(join(text, u)) (did you mean '\(key)'?)")
        }
        return nil
    }

    /// Parses `text` into a document; duplicate keys and syntax errors throw `StrictJSONError`.
    public static func parse(_ text: String) throws -> JSONNode {
        var p = Parser(bytes: Array(text.utf8))
        p.skipSpace()
        let v = try p.value(path: "", depth: 0)
        p.skipSpace()
        guard p.i == p.bytes.count else { throw p.fail("unexpected text after the JSON value") }
        return v
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// The first key (in document order) of a decoded object that its type did not ask for.
    static func firstUnknownKey(_ v: JSONNode, path: String) -> StrictJSONError? {
        switch v {
        case .array(let a):
            for (i, x) in a.enumerated() { if let e = firstUnknownKey(x, path: path + "[\(i)]") { return e } }
        case .object(let o):
            guard o.visited else { return nil }
            for k in o.keys where !o.requested.contains(k) {
                var m = "unknown key '\(k)' at \(join(path, k))"
                if let s = nearest(k, in: o.requested) { m += " (did you mean '\(s)'?)" }
                else if !o.requested.isEmpty { m += " (known keys: \(o.requested.sorted().joined(separator: ", ")))" }
                return StrictJSONError(m)
            }
            for k in o.keys { if let x = o.values[k], let e = firstUnknownKey(x, path: join(path, k)) { return e } }
        default: break
        }
        return nil
    }

    /// The known key closest to `key` (case-insensitive edit distance ≤ max(2, a third of its length)).
    public static func nearest(_ key: String, in known: some Collection<String>) -> String? {
        let k = Array(key.lowercased())
        var best: (String, Int)?
        for c in known.sorted() {
            let d = editDistance(k, Array(c.lowercased()))
            if d <= Swift.max(2, k.count / 3), d < (best?.1 ?? .max) { best = (c, d) }
        }
        return best?.0
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}

/// A syntax error, a duplicate key or an unknown key; one line, naming the JSON path.
public struct StrictJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One-line message naming the JSON path (or line and column for syntax errors).
    public let message: String
    /// Creates an error with `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// An object of a parsed document: keys in document order, and the keys the decoded type asked for.
public final class JSONObject {
    /// Keys in document order (no duplicates: the parser refuses them).
    public let keys: [String]
    /// Value per key.
    public let values: [String: JSONNode]
    var requested: Set<String> = []
    var visited = false
    init(keys: [String], values: [String: JSONNode]) {
        self.keys = keys
        self.values = values
    }
}

/// A parsed JSON value. Numbers keep their text, converted when a type asks for them.
public enum JSONNode {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONNode])
    case object(JSONObject)

    var kind: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

// MARK: - Parser

private struct Parser {
    let bytes: [UInt8]
    var i = 0
    static let maxDepth = 256

    func fail(_ what: String) -> StrictJSONError {
        var line = 1, column = 1
        for b in bytes[0..<Swift.min(i, bytes.count)] { if b == 0x0A { line += 1; column = 1 } else { column += 1 } }
        return StrictJSONError("not valid JSON: \(what) at line \(line), column \(column)")
    }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    mutating func literal(_ word: String, _ v: JSONNode) throws -> JSONNode {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { throw fail("unexpected character") }
        i += w.count
        return v
    }

    mutating func value(path: String, depth: Int) throws -> JSONNode {
        guard depth < Parser.maxDepth else { throw fail("nesting deeper than \(Parser.maxDepth)") }
        guard i < bytes.count else { throw fail("unexpected end of text") }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var keys: [String] = []
            var values: [String: JSONNode] = [:]
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(JSONObject(keys: keys, values: values)) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a key in quotes") }
                let k = try string()
                let p = StrictJSON.join(path, k)
                if values[k] != nil { throw StrictJSONError("duplicate key '\(k)' at \(p)") }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after key '\(k)'") }
                i += 1
                skipSpace()
                values[k] = try value(path: p, depth: depth + 1)
                keys.append(k)
                skipSpace()
                guard i < bytes.count else { throw fail("unexpected end of text") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; break }
                throw fail("expected ',' or '}'")
            }
            return .object(JSONObject(keys: keys, values: values))
        case UInt8(ascii: "["):
            i += 1
            var items: [JSONNode] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value(path: path + "[\(items.count)]", depth: depth + 1))
                skipSpace()
                guard i < bytes.count else { throw fail("unexpected end of text") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; break }
                throw fail("expected ',' or ']'")
            }
            return .array(items)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return try number()
        }
    }

    mutating func number() throws -> JSONNode {
        let start = i
        func digits() -> Int { let s = i; while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }; return i - s }
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        let n = digits()
        guard n > 0 else { throw fail("unexpected character") }
        if n > 1, bytes[intStart] == 0x30 { throw fail("leading zero in a number") }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { throw fail("digits expected after '.'") }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw fail("digits expected in the exponent") }
        }
        return .number(String(decoding: bytes[start..<i], as: UTF8.self))
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: throw fail("bad \\u escape")
            }
            v = v * 16 + UInt32(d)
            i += 1
        }
        return v
    }

    mutating func string() throws -> String {
        i += 1   // opening quote
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw fail("unterminated string") }
            let c = bytes[i]
            if c == UInt8(ascii: "\"") { i += 1; break }
            if c < 0x20 { throw fail("control character in a string") }
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            i += 1
            guard i < bytes.count else { throw fail("unterminated string") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var u = try hex4()
                if (0xD800..<0xDC00).contains(u) {
                    guard i + 2 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw fail("unpaired surrogate in a \\u escape")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("unpaired surrogate in a \\u escape") }
                    u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(u) {
                    throw fail("unpaired surrogate in a \\u escape")
                }
                guard let scalar = Unicode.Scalar(u) else { throw fail("bad \\u escape") }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: throw fail("bad escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

// MARK: - Decoder

struct StrictIndexKey: CodingKey {
    let intValue: Int?
    let stringValue: String
    init(_ i: Int) { intValue = i; stringValue = "\(i)" }
    init?(intValue: Int) { self.init(intValue) }
    init?(stringValue: String) { return nil }
}

struct StrictSuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) {}
    init?(intValue: Int) { nil }
}

struct StrictDecoder: Decoder, SingleValueDecodingContainer {
    let node: JSONNode
    let codingPath: [CodingKey]
    let nonConformingFloats: Bool
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ node: JSONNode, path: [CodingKey], nonConformingFloats: Bool) {
        self.node = node
        self.codingPath = path
        self.nonConformingFloats = nonConformingFloats
    }

    func child(_ n: JSONNode, _ key: CodingKey) -> StrictDecoder {
        StrictDecoder(n, path: codingPath + [key], nonConformingFloats: nonConformingFloats)
    }

    func mismatch<T>(_ t: T.Type, _ expected: String) -> DecodingError {
        .typeMismatch(t, .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(node.kind)"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let o) = node else { throw mismatch([String: Any].self, "an object") }
        o.visited = true
        return KeyedDecodingContainer(StrictKeyedContainer<Key>(object: o, decoder: self))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        guard case .array(let a) = node else { throw mismatch([Any].self, "an array") }
        return StrictUnkeyedContainer(items: a, decoder: self)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer { self }

    // SingleValueDecodingContainer
    func decodeNil() -> Bool { if case .null = node { return true }; return false }

    func nullCheck<T>(_ t: T.Type) throws {
        if case .null = node { throw DecodingError.valueNotFound(t, .init(codingPath: codingPath, debugDescription: "null")) }
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        try nullCheck(type)
        guard case .bool(let b) = node else { throw mismatch(type, "true or false") }
        return b
    }

    func decode(_ type: String.Type) throws -> String {
        try nullCheck(type)
        guard case .string(let s) = node else { throw mismatch(type, "a string") }
        return s
    }

    func float(_ type: Any.Type) throws -> Double {
        try nullCheck(type)
        switch node {
        case .number(let t):
            guard let v = Double(t) else { throw mismatch(type, "a number") }
            return v
        case .string(let s) where nonConformingFloats:
            switch s {
            case "inf": return .infinity
            case "-inf": return -.infinity
            case "nan": return .nan
            default: throw mismatch(type, "a number")
            }
        default: throw mismatch(type, "a number")
        }
    }

    func decode(_ type: Double.Type) throws -> Double { try float(type) }
    func decode(_ type: Float.Type) throws -> Float { Float(try float(type)) }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        try nullCheck(type)
        guard case .number(let t) = node else { throw mismatch(type, "an integer") }
        if let v = T(t) { return v }
        if let d = Double(t), d.rounded() == d, let v = T(exactly: d) { return v }
        throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "\(t) is not a \(type) (whole number in range)"))
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: self) }
}

struct StrictKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    let decoder: StrictDecoder
    var codingPath: [CodingKey] { decoder.codingPath }
    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool {
        object.requested.insert(key.stringValue)
        return object.values[key.stringValue] != nil
    }

    func child(_ key: Key) throws -> StrictDecoder {
        object.requested.insert(key.stringValue)
        guard let n = object.values[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
        }
        return decoder.child(n, key)
    }

    func decodeNil(forKey key: Key) throws -> Bool { try child(key).decodeNil() }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key).decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try child(key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key).decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key).decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key).decode(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key).decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key).decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(key).decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(key).decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(key).decode(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try T(from: try child(key)) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer { try child(key).unkeyedContainer() }
    func superDecoder() throws -> Decoder {
        object.requested.insert("super")
        return decoder.child(object.values["super"] ?? .null, StrictSuperKey())
    }
    func superDecoder(forKey key: Key) throws -> Decoder {
        object.requested.insert(key.stringValue)
        return decoder.child(object.values[key.stringValue] ?? .null, key)
    }
}

struct StrictUnkeyedContainer: UnkeyedDecodingContainer {
    let items: [JSONNode]
    let decoder: StrictDecoder
    var currentIndex = 0
    var codingPath: [CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    mutating func next<T>(_ t: T.Type) throws -> StrictDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(t, .init(codingPath: codingPath + [StrictIndexKey(currentIndex)], debugDescription: "array too short"))
        }
        defer { currentIndex += 1 }
        return decoder.child(items[currentIndex], StrictIndexKey(currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if case .null = items[currentIndex] { currentIndex += 1; return true }
        return false
    }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type).decode(type) }
    mutating func decode(_ type: String.Type) throws -> String { try next(type).decode(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(type).decode(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next(type).decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next(type).decode(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(type).decode(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(type).decode(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(type).decode(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(type).decode(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next(type).decode(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(type).decode(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(type).decode(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(type).decode(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(type).decode(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: try next(type)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next([String: Any].self).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer { try next([Any].self).unkeyedContainer() }
    mutating func superDecoder() throws -> Decoder { try next(Any.self) }
}
