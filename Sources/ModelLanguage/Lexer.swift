/// A 1-based position in the source (column counted in Unicode scalars).
struct SourcePosition: Sendable, Equatable {
    var line: Int
    var column: Int
}

enum Symbol: String, Sendable, Equatable {
    case plus = "+"
    case minus = "-"
    case star = "*"
    case slash = "/"
    case caret = "^"
    case leftParen = "("
    case rightParen = ")"
    case comma = ","
    case equals = "="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case equalEqual = "=="
    case notEqual = "!="
}

enum TokenKind: Sendable, Equatable {
    case identifier(String)
    case number(Double)
    case symbol(Symbol)
    /// `[text]` on one line: a section header or a unit. Holds the trimmed text between the brackets.
    case bracket(String)
    case newline
    case end
}

struct Token: Sendable {
    var kind: TokenKind
    var position: SourcePosition
    /// The source spelling, for messages.
    var text: String

    /// How the token is named in error messages.
    var display: String {
        switch kind {
        case .identifier: return "name " + quoted(text)
        case .number: return "number " + quoted(text)
        case .symbol: return quoted(text)
        case .bracket: return quoted(text)
        case .newline: return "end of line"
        case .end: return "end of file"
        }
    }
}

/// Splits source text into tokens. Newlines are tokens (statements are one per line) except
/// inside parentheses, where a statement may continue over several lines.
/// `#` and `//` start comments that run to the end of the line.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private var parenDepth = 0

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let i = index + offset
        return i < scalars.count ? scalars[i] : nil
    }

    private mutating func advance() {
        guard index < scalars.count else { return }
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private static func isDigit(_ s: Unicode.Scalar?) -> Bool {
        guard let s else { return false }
        return s >= "0" && s <= "9"
    }

    private static func isIdentifierStart(_ s: Unicode.Scalar?) -> Bool {
        guard let s else { return false }
        return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || s == "_"
    }

    private static func isIdentifierPart(_ s: Unicode.Scalar?) -> Bool {
        isIdentifierStart(s) || isDigit(s)
    }

    mutating func tokenize() throws(ModelLanguageError) -> [Token] {
        var tokens: [Token] = []
        while let c = peek() {
            let start = SourcePosition(line: line, column: column)
            if c == "\n" {
                advance()
                if parenDepth == 0 {
                    tokens.append(Token(kind: .newline, position: start, text: "\n"))
                }
                continue
            }
            if c.properties.isWhitespace {
                advance()
                continue
            }
            if c == "#" || (c == "/" && peek(1) == "/") {
                while let d = peek(), d != "\n" { advance() }
                continue
            }
            if Self.isDigit(c) || (c == "." && Self.isDigit(peek(1))) {
                tokens.append(try lexNumber(start))
                continue
            }
            if Self.isIdentifierStart(c) {
                var text = ""
                while Self.isIdentifierPart(peek()), let d = peek() {
                    text.unicodeScalars.append(d)
                    advance()
                }
                tokens.append(Token(kind: .identifier(text), position: start, text: text))
                continue
            }
            if c == "[" {
                advance()
                var text = ""
                while true {
                    guard let d = peek(), d != "\n" else {
                        throw ModelLanguageError(.syntax, at: start, "unterminated '[' (missing ']' on the same line)")
                    }
                    advance()
                    if d == "]" { break }
                    if d == "[" {
                        throw ModelLanguageError(.syntax, at: start, "unexpected '[' inside brackets")
                    }
                    text.unicodeScalars.append(d)
                }
                let trimmed = Self.trim(text)
                tokens.append(Token(kind: .bracket(trimmed), position: start, text: "[" + text + "]"))
                continue
            }
            if let symbol = lexSymbol(c) {
                for _ in 0..<symbol.rawValue.unicodeScalars.count { advance() }
                if symbol == .leftParen { parenDepth += 1 }
                if symbol == .rightParen { parenDepth = max(0, parenDepth - 1) }
                tokens.append(Token(kind: .symbol(symbol), position: start, text: symbol.rawValue))
                continue
            }
            throw ModelLanguageError(.syntax, at: start, "unexpected character " + quoted(String(c)))
        }
        tokens.append(Token(kind: .end, position: SourcePosition(line: line, column: column), text: ""))
        return tokens
    }

    private func lexSymbol(_ c: Unicode.Scalar) -> Symbol? {
        let next = peek(1)
        switch c {
        case "+": return .plus
        case "-": return .minus
        case "*": return .star
        case "/": return .slash
        case "^": return .caret
        case "(": return .leftParen
        case ")": return .rightParen
        case ",": return .comma
        case "=": return next == "=" ? .equalEqual : .equals
        case "<": return next == "=" ? .lessEqual : .less
        case ">": return next == "=" ? .greaterEqual : .greater
        case "!": return next == "=" ? .notEqual : nil
        default: return nil
        }
    }

    private mutating func lexNumber(_ start: SourcePosition) throws(ModelLanguageError) -> Token {
        var text = ""
        func take(_ lexer: inout Lexer, _ text: inout String) {
            if let d = lexer.peek() {
                text.unicodeScalars.append(d)
                lexer.advance()
            }
        }
        while Self.isDigit(peek()) { take(&self, &text) }
        if peek() == "." {
            take(&self, &text)
            while Self.isDigit(peek()) { take(&self, &text) }
        }
        var malformed = false
        if peek() == "e" || peek() == "E" {
            take(&self, &text)
            if peek() == "+" || peek() == "-" { take(&self, &text) }
            if !Self.isDigit(peek()) { malformed = true }
            while Self.isDigit(peek()) { take(&self, &text) }
        }
        // A number running straight into a name (`2x`, `1.5.2`) is an error, not an implicit product.
        while Self.isIdentifierPart(peek()) || peek() == "." {
            malformed = true
            take(&self, &text)
        }
        guard !malformed, let value = Double(text) else {
            throw ModelLanguageError(.syntax, at: start, "malformed number " + quoted(text))
        }
        return Token(kind: .number(value), position: start, text: text)
    }

    private static func trim(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        var startIndex = 0
        while startIndex < scalars.count, scalars[startIndex].properties.isWhitespace { startIndex += 1 }
        var out = ""
        out.unicodeScalars.append(contentsOf: scalars[startIndex...])
        return out
    }
}
