import Testing
import PKCore
import TestSupport

/// The scalar-by-scalar parser CSVTable used before it scanned UTF-8 bytes, kept as the reference.
private func referenceCSV(_ text: String, what: String = "CSV", commentPrefix: String? = nil) throws -> (header: [String], rows: [[String]], lines: [Int]) {
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
    let header = head.map { $0.trimmedSpaces }
    // No non-empty name twice (case-insensitive): a pairwise search, not the parser's dictionary.
    for k in header.indices where !header[k].isEmpty {
        if let j = header[..<k].firstIndex(where: { $0.lowercased() == header[k].lowercased() }) {
            throw DataError("\(what) line \(lines.first ?? 1): column '\(header[k])' appears twice in the header (columns \(j + 1) and \(k + 1))")
        }
    }
    let rows = Array(records.dropFirst())
    let lineNumbers = Array(lines.dropFirst())
    for (k, r) in rows.enumerated() where r.count != header.count {
        throw DataError("\(what) line \(lineNumbers[k]): \(r.count) cells but the header has \(header.count)")
    }
    return (header, rows, lineNumbers)
}

/// Either the parsed table or the error message, with cells compared scalar by scalar.
private enum Outcome: Equatable {
    case table(header: [[Unicode.Scalar]], rows: [[[Unicode.Scalar]]], lines: [Int])
    case error(String)
}

private func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

private func newOutcome(_ text: String, _ prefix: String?) -> Outcome {
    do {
        let t = try CSVTable(parsing: text, what: "F", commentPrefix: prefix)
        return .table(header: t.header.map(scalars), rows: t.rows.map { $0.map(scalars) }, lines: t.lineNumbers)
    } catch let e as DataError { return .error(e.message) } catch { return .error("other \(error)") }
}

private func referenceOutcome(_ text: String, _ prefix: String?) -> Outcome {
    do {
        let t = try referenceCSV(text, what: "F", commentPrefix: prefix)
        return .table(header: t.header.map(scalars), rows: t.rows.map { $0.map(scalars) }, lines: t.lines)
    } catch let e as DataError { return .error(e.message) } catch { return .error("other \(error)") }
}

@Suite("CSV table")
struct CSVTableTests {
    @Test("hand-written cases: quotes, escapes, line ends, BOM, blanks, comments, errors")
    func cases() throws {
        let t = try CSVTable(parsing: "\u{FEFF} a ,b\r\n\"x, \"\"y\"\"\",  \"q\"z\r\n\n  \n\"multi\nline\",é😀\n3,\"\"\n")
        #expect(t.header == ["a", "b"])
        #expect(t.rows == [["x, \"y\"", "  qz"], ["multi\nline", "é😀"], ["3", ""]])
        #expect(t.lineNumbers == [2, 5, 7])
        let c = try CSVTable(parsing: "#ID,T\n# note\n1,2\n  #x,y\n3,4", commentPrefix: "#")
        #expect(c.header == ["ID", "T"])
        #expect(c.rows == [["1", "2"], ["3", "4"]])
        #expect(c.lineNumbers == [3, 5])
        #expect(throws: DataError("F line 3: unterminated quoted field")) { try CSVTable(parsing: "a\n1\n\"2\n3", what: "F") }
        #expect(throws: DataError("F: empty file (no header row)")) { try CSVTable(parsing: "\n \t\n", what: "F") }
        #expect(throws: DataError("F line 4: 3 cells but the header has 2")) { try CSVTable(parsing: "a,b\r1,2\r\r1,2,3\r", what: "F") }
        #expect(try CSVTable(parsing: "a,b\n1,\"x\"\"\"\"\"").rows == [["1", "x\"\""]])
        #expect(try CSVTable(parsing: "a,b\n1,x\"y\"").rows == [["1", "x\"y\""]])
        #expect(try CSVTable(parsing: "a,b\n1,").rows == [["1", ""]])
        // A column name twice (case-insensitive) is an error naming both columns; empty names may repeat.
        #expect(throws: DataError("F line 2: column 'amt' appears twice in the header (columns 2 and 4)")) {
            try CSVTable(parsing: "\nID,AMT,TIME,amt\n1,2,3,4\n", what: "F")
        }
        #expect(try CSVTable(parsing: "a,,b,\n1,2,3,4").header == ["a", "", "b", ""])
    }

    @Test("the byte scanner matches the scalar reference on edge cases and random texts")
    func differential() {
        let edge = ["", "\u{FEFF}", "\u{FEFF}a", "a", "a\n", "a\r", "a\r\n", "\n\na", "a,b\n1,2", "a,b\n1,2\n", "a,b\n1,2,\n",
                    "a,b\n\"1\",\"2\"", "a\n\"", "a\n\"\"", "a\n\"\"\"", "a\n\"\"\"\"", "a\n \"x\"", "a\n\t\"x\"", "a\nx\"y",
                    "a\n\"x\"y\"z", "a\n\"x\r\ny\"", "a\n\"x\ry\"", "a\n\"x\n", "a\n,", ",\n,", "a, b\n \n\t\n1, 2",
                    "a\r\n\r\n1\r\n", "é,ü\n😀,\"ü,é\"", "#a,b\n#c\n1,2", "  # a,b\n1,2\n # x,y,z\n", "a\n#\u{301}\n", " \u{301}\n1"]
        for text in edge {
            for prefix in [nil, "#"] as [String?] {
                #expect(newOutcome(text, prefix) == referenceOutcome(text, prefix), "\(text.debugDescription) prefix \(prefix ?? "nil")")
            }
        }
        let pieces = ["\"", "\"", "\"\"", ",", ",", "\n", "\r", "\r\n", " ", "\t", "a", "1", "2.5", "-3e-2", "é", "😀", "\u{301}",
                      "#", "ID", "\u{FEFF}", "x y", "\u{2028}", "\u{85}"]
        var rng = SplitMix64(state: 20_261_201)
        var mismatches = 0
        for _ in 0..<4000 {
            var text = Int.random(in: 0..<8, using: &rng) == 0 ? "\u{FEFF}" : ""
            let count = Int.random(in: 0..<40, using: &rng)
            for _ in 0..<count { text += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
            let prefix: String? = Bool.random(using: &rng) ? "#" : nil
            let a = newOutcome(text, prefix), b = referenceOutcome(text, prefix)
            if a != b {
                mismatches += 1
                if mismatches < 5 { Issue.record("mismatch on \(text.debugDescription): \(a) vs \(b)") }
            }
        }
        // Random well-formed tables of mostly numbers, some quoted, with CRLF or LF and ragged rows.
        for _ in 0..<500 {
            let cols = Int.random(in: 1...5, using: &rng)
            let eol = ["\n", "\r\n", "\r"][Int.random(in: 0..<3, using: &rng)]
            var text = (0..<cols).map { "c\($0)" }.joined(separator: ",") + eol
            for _ in 0..<Int.random(in: 0..<20, using: &rng) {
                let n = Int.random(in: 0..<30, using: &rng) == 0 ? cols + 1 : cols
                text += (0..<n).map { _ -> String in
                    switch Int.random(in: 0..<6, using: &rng) {
                    case 0: return "\"\(Double.random(in: -5...5, using: &rng)),\"\"q\"\"\""
                    case 1: return ""
                    case 2: return " é\(Int.random(in: 0..<99, using: &rng)) "
                    default: return "\(Double.random(in: -1e3...1e3, using: &rng))"
                    }
                }.joined(separator: ",") + eol
            }
            #expect(newOutcome(text, nil) == referenceOutcome(text, nil), "\(text.debugDescription)")
        }
        #expect(mismatches == 0)
    }

    @Test("CSVTable.number gives Double(text) bit for bit and accepts the same decimal texts, but no hexadecimal ones")
    func numbers() {
        func same(_ t: String) -> Bool {
            let a = CSVTable.number(t), b = Double(t)
            if a == nil || b == nil { return a == nil && b == nil }
            return a!.bitPattern == b!.bitPattern || (a!.isNaN && b!.isNaN)
        }
        let fixed = ["", "-", "+", ".", "-.", "0", "-0", "0.0", "-0.0", "00", "1.", ".5", "-.5", "+1", "1e3", "1E-3", "1.5e+2",
                     "inf", "-inf", "+Infinity", "nan", "NaN", "infinity", " 1", "1 ", "1,5", "1..2", "1.2.3", "--1", "1-",
                     "999999999999999", "9999999999999999", "0.000000000000001", "123456789012345.", "1234567.89012345",
                     "0.30000000000000004", "9007199254740993", "94.222096", "-0.36513046", "é", "١", "1\u{301}"]
        for t in fixed { #expect(same(t), "\(t.debugDescription)") }
        // Double(text) reads these as 8, 16, 26, -2 and 3; NONMEM and pandas do not.
        for t in ["0x1p3", "0x10", "0X1A", "-0x2", "0x1.8p1", "+0x1"] {
            #expect(Double(t) != nil && CSVTable.number(t) == nil, "\(t)")
        }
        var rng = SplitMix64(state: 7)
        var bad = 0
        for _ in 0..<200_000 {
            var t = Bool.random(using: &rng) ? "-" : ""
            let before = Int.random(in: 0...9, using: &rng), after = Int.random(in: 0...12, using: &rng)
            for _ in 0..<before { t.append(Character(Unicode.Scalar(UInt8(0x30 + Int.random(in: 0...9, using: &rng))))) }
            if after > 0 || Bool.random(using: &rng) { t.append(".") }
            for _ in 0..<after { t.append(Character(Unicode.Scalar(UInt8(0x30 + Int.random(in: 0...9, using: &rng))))) }
            if !same(t) { bad += 1; if bad < 5 { Issue.record("\(t): \(String(describing: CSVTable.number(t))) vs \(String(describing: Double(t)))") } }
        }
        for _ in 0..<20_000 {
            let v = Double(bitPattern: rng.next())
            guard v.isFinite else { continue }
            for t in [v.description, fixedText(v), String(Float(v))] where !same(t) {
                bad += 1
                if bad < 5 { Issue.record("\(t)") }
            }
        }
        #expect(bad == 0)
    }

    @Test("trimmedSpaces drops leading and trailing space and tab characters only")
    func trimming() {
        func reference(_ t: String) -> String {
            var s = Substring(t)
            while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
            while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
            return String(s)
        }
        for t in ["", " ", "\t", "a", " a", "a ", "\ta\t ", " \u{301}a", "a \u{301}", "\u{600} ", " a b ", "é", " é ", "\r\n "] {
            #expect(Array(t.trimmedSpaces.unicodeScalars) == Array(reference(t).unicodeScalars), "\(t.debugDescription)")
        }
    }
}

/// A fixed-point rendering with 1-15 decimals, for random number texts.
private func fixedText(_ v: Double) -> String {
    let decimals = Int(v.bitPattern % 15) + 1
    let scaled = (abs(v) < 1e6 ? v : v.truncatingRemainder(dividingBy: 1e6))
    var s = String(Int(scaled))
    if scaled < 0 && Int(scaled) == 0 { s = "-0" }
    var frac = abs(scaled - Double(Int(scaled)))
    s += "."
    for _ in 0..<decimals { frac *= 10; let d = min(9, Int(frac)); s += String(d); frac -= Double(d) }
    return s
}
