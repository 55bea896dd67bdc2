/// Recursive-descent parser: tokens → `ModelSyntax`. Statements are one per line.
///
/// Grammar (lowest to highest precedence; all binary operators left-associative except `^`):
///
///     expression := comparison
///     comparison := additive (("<" | "<=" | ">" | ">=" | "==" | "!=") additive)*
///     additive   := term (("+" | "-") term)*
///     term       := unary (("*" | "/") unary)*
///     unary      := ("-" | "+") unary | power
///     power      := primary ("^" unary)?          // right-associative; -x^2 = -(x^2); 2^-1 = 0.5
///     primary    := number | name | name "(" arguments ")" | "(" expression ")"
struct Parser {
    /// Maximum nesting of parentheses / unary operators / calls.
    static let maxNesting = 200
    /// Maximum height of an expression tree (bounds every recursive pass after parsing).
    static let maxHeight = 256

    private enum Section: String {
        case parameters, derived, states, odes, outputs, omega
    }

    private let tokens: [Token]
    private var index = 0
    private var nesting = 0

    /// `tokens` must end with an `.end` token (as produced by `Lexer.tokenize`).
    init(tokens: [Token]) {
        self.tokens = tokens.isEmpty
            ? [Token(kind: .end, position: SourcePosition(line: 1, column: 1), text: "")] : tokens
    }

    private var current: Token { tokens[index] }

    private mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    private func isSymbol(_ symbol: Symbol) -> Bool {
        if case .symbol(let s) = current.kind { return s == symbol }
        return false
    }

    private mutating func expect(_ symbol: Symbol, _ context: String) throws -> Token {
        guard isSymbol(symbol) else {
            throw ModelLanguageError(.syntax, at: current.position,
                "expected '\(symbol.rawValue)' \(context), found \(current.display)")
        }
        let token = current
        advance()
        return token
    }

    private var atEndOfStatement: Bool {
        switch current.kind {
        case .newline, .end: return true
        default: return false
        }
    }

    private mutating func expectEndOfStatement(_ what: String) throws {
        guard atEndOfStatement else {
            throw ModelLanguageError(.syntax, at: current.position,
                "unexpected \(current.display) after \(what) (expected end of line)")
        }
    }

    // MARK: Statements

    mutating func parseModel() throws -> ModelSyntax {
        var model = ModelSyntax()
        var section: Section? = nil
        while true {
            let token = current
            switch token.kind {
            case .end:
                return model
            case .newline:
                advance()
            case .bracket(let name):
                advance()
                guard let s = Section(rawValue: name.lowercased()) else {
                    throw ModelLanguageError(.syntax, at: token.position,
                        "unknown section \(quoted(token.text)) (expected [parameters], [derived], [states], [odes], [outputs] or [omega])")
                }
                try expectEndOfStatement("section header \(quoted(token.text))")
                section = s
                if s == .states, model.states == nil { model.states = [] }
                if s == .odes, model.odesHeader == nil { model.odesHeader = token.position }
            default:
                guard let section else {
                    throw ModelLanguageError(.syntax, at: token.position,
                        "expected a section header such as [parameters] before \(token.display)")
                }
                switch section {
                case .parameters: model.parameters.append(try parseDefinition(valueRequired: true))
                case .derived: model.derived.append(try parseDefinition(valueRequired: true))
                case .states: model.states?.append(try parseDefinition(valueRequired: false))
                case .odes: model.odes.append(try parseODE())
                case .outputs: model.outputs.append(try parseDefinition(valueRequired: true))
                case .omega: model.omega.append(try parseOmega())
                }
            }
        }
    }

    /// `name = expression [unit]`, or `name [unit]` when the value is optional.
    private mutating func parseDefinition(valueRequired: Bool) throws -> Definition {
        let token = current
        guard case .identifier(let name) = token.kind else {
            throw ModelLanguageError(.syntax, at: token.position,
                "expected a name at the start of a definition, found \(token.display)")
        }
        advance()
        var expression: Node? = nil
        if isSymbol(.equals) {
            advance()
            expression = try parseExpression()
        } else if valueRequired {
            throw ModelLanguageError(.syntax, at: current.position,
                "expected '=' after \(token.display), found \(current.display)")
        }
        let unit = parseUnit()
        try expectEndOfStatement("the definition of \(quoted(name))")
        return Definition(name: name, position: token.position, expression: expression, unit: unit)
    }

    private mutating func parseUnit() -> String? {
        guard case .bracket(let text) = current.kind else { return nil }
        advance()
        return text.isEmpty ? nil : text
    }

    /// `NAME = variance` or `block(A, B, ...) = v, v, ...` in [omega]; values are signed numbers
    /// separated by commas, and a line ending in a comma continues on the next line.
    private mutating func parseOmega() throws -> OmegaEntry {
        let start = current
        let shape = "(expected 'NAME = variance' or 'block(NAME, NAME, ...) = values' in [omega])"
        guard case .identifier(let first) = start.kind else {
            throw ModelLanguageError(.syntax, at: start.position, "unexpected \(start.display) \(shape)")
        }
        advance()
        var names: [(name: String, position: SourcePosition)] = []
        let isBlock = first.lowercased() == "block" && isSymbol(.leftParen)
        if isBlock {
            let open = try expect(.leftParen, "after 'block'")
            while true {
                guard case .identifier(let n) = current.kind else {
                    throw ModelLanguageError(.syntax, at: current.position, "expected a parameter name in 'block(...)', found \(current.display)")
                }
                names.append((n, current.position))
                advance()
                guard isSymbol(.comma) else { break }
                advance()
            }
            _ = try expect(.rightParen, "to close '(' at line \(open.position.line), column \(open.position.column)")
        } else {
            names.append((first, start.position))
        }
        _ = try expect(.equals, isBlock ? "after 'block(...)'" : "after \(quoted(first)) \(shape)")
        var values: [(value: Double, position: SourcePosition)] = []
        while true {
            let at = current
            var sign = 1.0
            if isSymbol(.minus) || isSymbol(.plus) {
                if isSymbol(.minus) { sign = -1 }
                advance()
            }
            guard case .number(let v) = current.kind else {
                throw ModelLanguageError(.syntax, at: current.position, "expected a number in [omega], found \(current.display)")
            }
            values.append((sign * v, at.position))
            advance()
            guard isSymbol(.comma) else { break }
            advance()
            while case .newline = current.kind { advance() }
        }
        _ = parseUnit()
        try expectEndOfStatement("the [omega] entry")
        return OmegaEntry(names: names, values: values, isBlock: isBlock, position: start.position)
    }

    /// `d/dt(state) = expression`
    private mutating func parseODE() throws -> ODEDefinition {
        let shape = "(expected 'd/dt(state) = expression' in [odes])"
        guard case .identifier("d") = current.kind else {
            throw ModelLanguageError(.syntax, at: current.position, "unexpected \(current.display) \(shape)")
        }
        advance()
        _ = try expect(.slash, "in 'd/dt(state)'")
        guard case .identifier("dt") = current.kind else {
            throw ModelLanguageError(.syntax, at: current.position,
                "expected 'dt' in 'd/dt(state)', found \(current.display)")
        }
        advance()
        let open = try expect(.leftParen, "after 'd/dt'")
        let stateToken = current
        guard case .identifier(let state) = stateToken.kind else {
            throw ModelLanguageError(.syntax, at: stateToken.position,
                "expected a state name in 'd/dt(...)', found \(stateToken.display)")
        }
        advance()
        _ = try expect(.rightParen, "to close '(' at line \(open.position.line), column \(open.position.column)")
        _ = try expect(.equals, "after 'd/dt(\(state))'")
        let expression = try parseExpression()
        _ = parseUnit()
        try expectEndOfStatement("the equation for d/dt(\(state))")
        return ODEDefinition(state: state, statePosition: stateToken.position, expression: expression)
    }

    // MARK: Expressions

    private func make(_ kind: Node.Kind, _ position: SourcePosition, height: Int) throws -> Node {
        guard height <= Self.maxHeight else {
            throw ModelLanguageError(.nestingTooDeep, at: position,
                "expression too deeply nested (more than \(Self.maxHeight) levels) at \(current.display)")
        }
        return Node(kind: kind, position: position, height: height)
    }

    mutating func parseExpression() throws -> Node {
        try parseBinary(minimumPrecedence: 1)
    }

    private func binaryOperator() -> (BinaryOperator, Int)? {
        guard case .symbol(let s) = current.kind else { return nil }
        switch s {
        case .less: return (.less, 1)
        case .lessEqual: return (.lessEqual, 1)
        case .greater: return (.greater, 1)
        case .greaterEqual: return (.greaterEqual, 1)
        case .equalEqual: return (.equal, 1)
        case .notEqual: return (.notEqual, 1)
        case .plus: return (.add, 2)
        case .minus: return (.subtract, 2)
        case .star: return (.multiply, 3)
        case .slash: return (.divide, 3)
        default: return nil
        }
    }

    /// Precedence climbing over the left-associative binary levels.
    private mutating func parseBinary(minimumPrecedence: Int) throws -> Node {
        var lhs = try parseUnary()
        while let (op, precedence) = binaryOperator(), precedence >= minimumPrecedence {
            let opToken = current
            advance()
            let rhs = try parseBinary(minimumPrecedence: precedence + 1)
            lhs = try make(.binary(op, lhs, rhs), opToken.position, height: max(lhs.height, rhs.height) + 1)
        }
        return lhs
    }

    private mutating func parseUnary() throws -> Node {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Self.maxNesting else {
            throw ModelLanguageError(.nestingTooDeep, at: current.position,
                "expression too deeply nested (more than \(Self.maxNesting) levels) at \(current.display)")
        }
        if isSymbol(.minus) {
            let token = current
            advance()
            let operand = try parseUnary()
            return try make(.negate(operand), token.position, height: operand.height + 1)
        }
        if isSymbol(.plus) {
            advance()
            return try parseUnary()
        }
        let base = try parsePrimary()
        if isSymbol(.caret) {
            let token = current
            advance()
            let exponent = try parseUnary()
            return try make(.binary(.power, base, exponent), token.position,
                            height: max(base.height, exponent.height) + 1)
        }
        return base
    }

    private mutating func parsePrimary() throws -> Node {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return Node(kind: .number(value), position: token.position, height: 1)
        case .identifier(let name):
            advance()
            guard isSymbol(.leftParen) else {
                return Node(kind: .name(name), position: token.position, height: 1)
            }
            guard let arity = Builtin.arity[name] else {
                throw ModelLanguageError(.unknownFunction, at: token.position,
                    "unknown function \(quoted(name)) (known: exp, log, sqrt, abs, pow, min, max, if)")
            }
            let open = current
            advance()
            var arguments: [Node] = []
            if !isSymbol(.rightParen) {
                while true {
                    arguments.append(try parseExpression())
                    guard isSymbol(.comma) else { break }
                    advance()
                }
            }
            _ = try expect(.rightParen,
                "to close '\(name)(' at line \(open.position.line), column \(open.position.column)")
            guard arguments.count == arity else {
                throw ModelLanguageError(.wrongArity, at: token.position,
                    "function \(quoted(name)) takes \(arity) argument\(arity == 1 ? "" : "s"), got \(arguments.count)")
            }
            let height = (arguments.map(\.height).max() ?? 0) + 1
            return try make(.call(name, arguments), token.position, height: height)
        case .symbol(.leftParen):
            advance()
            let inner = try parseExpression()
            _ = try expect(.rightParen,
                "to close '(' at line \(token.position.line), column \(token.position.column)")
            return inner
        default:
            throw ModelLanguageError(.syntax, at: token.position, "expected an expression, found \(token.display)")
        }
    }
}
