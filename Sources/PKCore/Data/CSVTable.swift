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
        var records: [[String]] = []
        var lines: [Int] = []
        var field = ""
        var record: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var fieldStarted = false
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        func endRecord() {
            record.append(field)
            field = ""
            fieldStarted = false
            if !(record.count == 1 && record[0].allSatisfy({ $0 == " " || $0 == "\t" })) {
                records.append(record)
                lines.append(recordLine)
            }
            record = []
        }
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 }
                    else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && !fieldStarted {
                inQuotes = true
                fieldStarted = true
            } else if c == "," {
                record.append(field)
                field = ""
                fieldStarted = false
            } else if c == "\n" || c == "\r" {
                if c == "\r" && i + 1 < chars.count && chars[i + 1] == "\n" { i += 1 }
                endRecord()
                line += 1
                recordLine = line
            } else {
                field.unicodeScalars.append(c)
                if c != " " { fieldStarted = true }
            }
            i += 1
        }
        if inQuotes { throw DataError("\(what) line \(recordLine): unterminated quoted field") }
        if !field.isEmpty || !record.isEmpty { endRecord() }
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
        rows = Array(records.dropFirst())
        lineNumbers = Array(lines.dropFirst())
        for (k, r) in rows.enumerated() where r.count != header.count {
            throw DataError("\(what) line \(lineNumbers[k]): \(r.count) cells but the header has \(header.count)")
        }
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
