/// A parsed CSV table: a header row and string cells. RFC 4180 quoting ("a, b", doubled quotes);
/// blank lines are skipped. Parsing a string only: reading files is the caller's job.
public struct CSVTable: Sendable {
    /// Column names from the first row, with spaces and tabs trimmed.
    public var header: [String]
    /// Data rows, each with `header.count` cells, as written (cells are not trimmed).
    public var rows: [[String]]
    /// 1-based line number in the text of each row (for error messages).
    public var lineNumbers: [Int]

    /// Parses `text`. Throws on an empty table, on unterminated quotes and on rows whose cell count
    /// differs from the header's, naming the line.
    /// With `commentPrefix`, rows whose first cell starts with it are dropped before the cell count is
    /// checked (NONMEM IGNORE=#).
    public init(parsing text: String, what: String = "CSV", commentPrefix: String? = nil) throws {
        // Scans UTF-8 bytes: the delimiters (, " CR LF space) are ASCII and never occur inside a
        // multi-byte sequence, so splitting on bytes gives the same cells as splitting on scalars.
        var text = text
        let scanned = text.withUTF8 { CSVTable.scan($0) }
        guard var records = scanned.records else {
            throw DataError("\(what) line \(scanned.unterminatedLine): unterminated quoted field")
        }
        var lines = scanned.lines
        if let prefix = commentPrefix {
            var kept: [[String]] = [], keptLines: [Int] = []
            for (k, (r, l)) in zip(records, lines).enumerated() {
                if k == 0 {
                    // The header may itself start with the prefix ("#ID,TIME,…"): keep it, unprefixed.
                    var h = r
                    if let f = h.first, f.trimmedSpaces.hasPrefix(prefix) { h[0] = String(f.trimmedSpaces.dropFirst(prefix.count)) }
                    kept.append(h); keptLines.append(l)
                } else if !(r.first?.trimmedSpaces.hasPrefix(prefix) ?? false) {
                    kept.append(r); keptLines.append(l)
                }
            }
            records = kept
            lines = keptLines
        }
        guard let head = records.first else { throw DataError("\(what): empty file (no header row)") }
        header = head.map { $0.trimmedSpaces }
        // A name twice (case-insensitive, as columns are looked up) would leave which one counts to
        // chance; an empty name is allowed more than once (an unnamed column is never looked up).
        var seen: [String: Int] = [:]
        for (k, name) in header.enumerated() where !name.isEmpty {
            let key = name.lowercased()
            if let first = seen[key] {
                throw DataError("\(what) line \(lines.first ?? 1): column '\(name)' appears twice in the header (columns \(first + 1) and \(k + 1))")
            }
            seen[key] = k
        }
        rows = Array(records.dropFirst())
        lineNumbers = Array(lines.dropFirst())
        for (k, r) in rows.enumerated() where r.count != header.count {
            throw DataError("\(what) line \(lineNumbers[k]): \(r.count) cells but the header has \(header.count)")
        }
    }

    /// Splits UTF-8 `bytes` into records of cells with their 1-based start lines; blank records
    /// (one cell of only spaces and tabs) are dropped. `records` is nil on an unterminated quote,
    /// which opened in the record starting at `unterminatedLine`.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (records: [[String]]?, lines: [Int], unterminatedLine: Int) {
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D, space: UInt8 = 0x20, tab: UInt8 = 0x09
        let n = bytes.count
        var records: [[String]] = []
        var lines: [Int] = []
        var record: [String] = []
        var width = 0                 // cells in the previous record: a capacity hint
        var line = 1
        var recordLine = 1
        var i = 0
        if n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }   // U+FEFF
        // The current cell is `buffer` (only when `buffered`) followed by bytes[runStart..<i].
        var runStart = i
        var buffer: [UInt8] = []
        var buffered = false
        var fieldStarted = false      // a byte other than a space was seen: a '"' is then literal
        var inQuotes = false

        func cell(_ start: Int, _ end: Int, _ buffered: Bool, _ buffer: inout [UInt8]) -> String {
            if !buffered { return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
            let s = String(decoding: buffer, as: UTF8.self)
            buffer.removeAll(keepingCapacity: true)
            return s
        }
        func isBlank(_ s: String) -> Bool { s.utf8.allSatisfy { $0 == space || $0 == tab } }

        while i < n {
            let c = bytes[i]
            if inQuotes {
                if c == quote {
                    if i + 1 < n && bytes[i + 1] == quote {
                        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...i]))   // keeps one '"'
                        i += 2
                    } else {
                        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                        inQuotes = false
                        i += 1
                    }
                    runStart = i
                } else {
                    if c == lf { line += 1 }
                    i += 1
                }
            } else if c > comma || (c > quote && c < comma) {
                fieldStarted = true       // the common case: an ordinary byte
                i += 1
            } else if c == quote && !fieldStarted {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                buffered = true
                inQuotes = true
                fieldStarted = true
                i += 1
                runStart = i
            } else if c == comma {
                if record.isEmpty { record.reserveCapacity(width) }
                record.append(cell(runStart, i, buffered, &buffer))
                buffered = false
                fieldStarted = false
                i += 1
                runStart = i
            } else if c == lf || c == cr {
                let s = cell(runStart, i, buffered, &buffer)
                if c == cr && i + 1 < n && bytes[i + 1] == lf { i += 1 }
                if !(record.isEmpty && isBlank(s)) {
                    record.append(s)
                    width = record.count
                    records.append(record)
                    lines.append(recordLine)
                }
                record = []
                buffered = false
                fieldStarted = false
                line += 1
                recordLine = line
                i += 1
                runStart = i
            } else {
                if c != space { fieldStarted = true }
                i += 1
            }
        }
        if inQuotes { return (nil, [], recordLine) }
        if buffered || runStart < n || !record.isEmpty {
            let s = cell(runStart, n, buffered, &buffer)
            if !s.isEmpty || !record.isEmpty {
                if !(record.isEmpty && isBlank(s)) {
                    record.append(s)
                    records.append(record)
                    lines.append(recordLine)
                }
            }
        }
        return (records, lines, recordLine)
    }

    /// Index of the column named `name`, case-insensitive.
    public func column(_ name: String) -> Int? {
        header.firstIndex { $0.caseInsensitiveEquals(name) }
    }
}

/// A data-file error: the message names the line or row, the column and the value.
public struct DataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One-line message naming the line or row, the column and the value.
    public let message: String
    /// Creates an error with `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    public var trimmedSpaces: String {
        // Fast path: when the first and last scalars are neither space nor tab, neither are the
        // first and last characters, and nothing is trimmed.
        let u = utf8
        if let f = u.first, let l = u.last, f != 0x20 && f != 0x09 && l != 0x20 && l != 0x09 { return self }
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }

    /// ASCII case-insensitive comparison.
    public func caseInsensitiveEquals(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }
}

extension CSVTable {
    /// A decimal number as NONMEM, R and pandas read one (`Double(text)` for texts of digits, sign,
    /// point and exponent, and for nan and inf, which callers refuse by name), faster for plain
    /// decimals: `[-]digits[.digits]` with at most 15 digits is converted exactly (an integer below
    /// 2^53 scaled by an exact power of ten, one rounding, as `strtod` rounds). Hexadecimal texts
    /// (`0x10`, `0x1p6`), which `Double(text)` would read, are not numbers here.
    public static func number(_ text: String) -> Double? {
        var text = text
        let fast: Double? = text.withUTF8 { b -> Double? in
            let n = b.count
            guard n > 0 && n <= 17 else { return nil }
            var i = 0
            let negative = b[0] == 0x2D
            if negative { i = 1 }
            var mantissa: UInt64 = 0
            var digits = 0, fraction = 0
            var seenPoint = false, digitsBeforePoint = 0
            while i < n {
                let c = b[i]
                if c &- 0x30 < 10 {
                    mantissa = mantissa &* 10 &+ UInt64(c &- 0x30)
                    digits += 1
                    if seenPoint { fraction += 1 }
                } else if c == 0x2E && !seenPoint {
                    seenPoint = true
                    digitsBeforePoint = digits
                } else {
                    return nil
                }
                i += 1
            }
            // Digits on both sides of a point (no "1." or ".5"), at most 15 digits in all.
            guard digits > 0 && digits <= 15 && (!seenPoint || (digitsBeforePoint > 0 && fraction > 0)) else { return nil }
            let value = Double(mantissa) / CSVTable.powersOfTen[fraction]
            return negative ? -value : value
        }
        if let fast { return fast }
        let decimal = text.utf8.allSatisfy { c in
            c &- 0x30 < 10 || c == 0x2B || c == 0x2D || c == 0x2E || c == 0x65 || c == 0x45
        }
        if decimal { return Double(text) }
        let word = text.lowercased().drop { $0 == "+" || $0 == "-" }
        return word == "nan" || word == "inf" || word == "infinity" ? Double(text) : nil
    }

    /// 10^0 ... 10^15, each exact in a Double.
    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]
}
