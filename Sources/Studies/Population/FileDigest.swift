/// The line count and FNV-1a 64 checksum of a file's bytes, recorded in a batch's JSON for its
/// per-subject and curves files, so `--resume` skips a shard only when those files are complete and
/// unchanged (a truncated per-subject file used to pass), and `merge` concatenates only files that
/// match their shard.
public struct FileDigest: Codable, Equatable, Sendable {
    /// Newline-terminated lines (header and comment lines included).
    public var rows: Int = 0
    /// FNV-1a 64 of all bytes, 16 lower-case hex digits.
    public var fnv1a64: String { String(hash, radix: 16).leftPadded(to: 16) }

    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The digest of no bytes (0 rows, the FNV-1a 64 offset basis).
    public init() {}

    /// Adds bytes in file order: counts the line feeds and folds each byte into the FNV-1a 64 hash.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        var h = hash, n = rows
        for b in bytes {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3
            if b == 0x0A { n += 1 }
        }
        hash = h
        rows = n
    }

    enum CodingKeys: String, CodingKey { case rows, fnv1a64 }

    /// Decodes `rows` and the 16-hex-digit `fnv1a64`; throws on a malformed checksum.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rows = try c.decode(Int.self, forKey: .rows)
        let text = try c.decode(String.self, forKey: .fnv1a64)
        guard text.count == 16, let v = UInt64(text, radix: 16) else {
            throw DecodingError.dataCorruptedError(forKey: .fnv1a64, in: c, debugDescription: "not 16 hex digits")
        }
        hash = v
    }

    /// Encodes `rows` and `fnv1a64`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rows, forKey: .rows)
        try c.encode(fnv1a64, forKey: .fnv1a64)
    }
}

extension String {
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
