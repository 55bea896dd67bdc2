/// An error in a model source, with the 1-based line and column where it was found.
///
/// `message` is a single line that names the offending token or definition;
/// `description` prefixes it with the position: `line 3, column 7: unknown name 'V9'`.
public struct ModelLanguageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for programmatic handling (tests, editors).
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Malformed token or statement (unexpected character, missing ')', bad number, ...).
        case syntax
        /// A name that is not a parameter, state, derived quantity or `t`.
        case unknownName
        /// A call to a function that does not exist.
        case unknownFunction
        /// A known function called with the wrong number of arguments.
        case wrongArity
        /// A name defined twice (in any sections), a reserved name, or two d/dt for one state.
        case duplicateDefinition
        /// A d/dt for a state not listed in [states] (only when [states] is given).
        case undeclaredState
        /// A state listed in [states] without a d/dt.
        case missingDerivative
        /// Derived quantities that depend on each other in a cycle.
        case cycle
        /// A denominator that constant-folds to zero.
        case divisionByZero
        /// No ODEs at all.
        case emptyModel
        /// Expression nesting deeper than the supported limit.
        case nestingTooDeep
        /// A name used where it is not allowed (e.g. a state in an initial condition,
        /// a name in a parameter default, an output inside an expression).
        case invalidReference
    }

    public let kind: Kind
    /// 1-based line number.
    public let line: Int
    /// 1-based column (in Unicode scalars).
    public let column: Int
    /// One-line message naming the token or definition.
    public let message: String

    public init(_ kind: Kind, line: Int, column: Int, _ message: String) {
        self.kind = kind
        self.line = line
        self.column = column
        self.message = message
    }

    init(_ kind: Kind, at position: SourcePosition, _ message: String) {
        self.init(kind, line: position.line, column: position.column, message)
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}

/// Quote user text for a one-line message: control characters escaped, long text shortened.
func quoted(_ text: String) -> String {
    var out = ""
    var count = 0
    for scalar in text.unicodeScalars {
        if count >= 40 {
            out += "…"
            break
        }
        if scalar.value < 0x20 || scalar.value == 0x7F {
            out += "\\u{" + String(scalar.value, radix: 16) + "}"
        } else {
            out.unicodeScalars.append(scalar)
        }
        count += 1
    }
    return "'" + out + "'"
}
