#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Syntax tree (as written, with positions)

/// A parsed expression node. `height` is the depth of the subtree (a leaf has height 1);
/// the parser refuses trees higher than `Parser.maxHeight`, which bounds every later recursion.
struct Node: Sendable {
    indirect enum Kind: Sendable {
        case number(Double)
        case name(String)
        case negate(Node)
        case binary(BinaryOperator, Node, Node)
        case call(String, [Node])
    }

    var kind: Kind
    /// Position of the token that produced the node (the operator for binary/unary nodes).
    var position: SourcePosition
    var height: Int
}

/// One `name = expression [unit]` line (expression is nil for a bare state name in [states]).
struct Definition: Sendable {
    var name: String
    var position: SourcePosition
    var expression: Node?
    var unit: String?
}

/// One `d/dt(state) = expression` line.
struct ODEDefinition: Sendable {
    var state: String
    /// Position of the state name inside `d/dt(...)`.
    var statePosition: SourcePosition
    var expression: Node
}

/// The whole file as written, section by section (sections may repeat; entries accumulate in file order).
struct ModelSyntax: Sendable {
    var parameters: [Definition] = []
    var derived: [Definition] = []
    /// nil when the file has no [states] section.
    var states: [Definition]? = nil
    var odes: [ODEDefinition] = []
    var outputs: [Definition] = []
    /// Position of the first [odes] header, if any.
    var odesHeader: SourcePosition? = nil
    /// `[omega]` entries: a diagonal element or a block of etas on parameters.
    var omega: [OmegaEntry] = []
}

/// One `[omega]` line: `NAME = variance` (one eta) or `block(A, B, ...) = v11, v21, v22, ...`
/// (the lower triangle row by row, as NONMEM's `$OMEGA BLOCK(n)`).
struct OmegaEntry: Sendable {
    var names: [(name: String, position: SourcePosition)]
    var values: [(value: Double, position: SourcePosition)]
    var isBlock: Bool
    var position: SourcePosition
}

// MARK: - Operators and functions

enum BinaryOperator: Sendable, Hashable {
    case add, subtract, multiply, divide, power
    case minimum, maximum
    case less, lessEqual, greater, greaterEqual, equal, notEqual

    @inline(__always)
    func apply(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        case .power: return pow(a, b)
        case .minimum: return Swift.min(a, b)
        case .maximum: return Swift.max(a, b)
        case .less: return a < b ? 1 : 0
        case .lessEqual: return a <= b ? 1 : 0
        case .greater: return a > b ? 1 : 0
        case .greaterEqual: return a >= b ? 1 : 0
        case .equal: return a == b ? 1 : 0
        case .notEqual: return a != b ? 1 : 0
        }
    }

    var isComparison: Bool {
        switch self {
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: return true
        default: return false
        }
    }
}

enum UnaryOperator: Sendable, Hashable {
    case negate, exp, log, sqrt, abs

    @inline(__always)
    func apply(_ a: Double) -> Double {
        switch self {
        case .negate: return -a
        case .exp: return libmExp(a)
        case .log: return libmLog(a)
        case .sqrt: return a.squareRoot()
        case .abs: return Swift.abs(a)
        }
    }
}

@inline(__always) func libmExp(_ x: Double) -> Double { exp(x) }
@inline(__always) func libmLog(_ x: Double) -> Double { log(x) }

/// The built-in functions: name → arity.
enum Builtin {
    static let arity: [String: Int] = [
        "exp": 1, "log": 1, "sqrt": 1, "abs": 1,
        "pow": 2, "min": 2, "max": 2, "if": 3,
    ]
    /// Names that cannot be defined: `t` and the function names.
    static func isReserved(_ name: String) -> Bool { name == "t" || arity[name] != nil }
}

// MARK: - Resolved expressions

/// A checked expression: names resolved to indices, constants folded.
/// Derived quantities are referenced by index (never inlined), so shared work stays shared.
indirect enum Expr: Sendable, Equatable {
    case constant(Double)
    case time
    case parameter(Int)
    case state(Int)
    /// Index into a derived-quantity table (topologically ordered: entries refer only to lower indices).
    case derived(Int)
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `if(condition, a, b)`: a where condition != 0, else b.
    case select(Expr, Expr, Expr)

    var constantValue: Double? {
        if case .constant(let v) = self { return v }
        return nil
    }

    func isConstant(_ value: Double) -> Bool { constantValue == value }

    // Folding constructors: fold only when every operand is a constant (exact IEEE semantics kept).

    static func fold(_ op: UnaryOperator, _ a: Expr) -> Expr {
        if let x = a.constantValue { return .constant(op.apply(x)) }
        return .unary(op, a)
    }

    static func fold(_ op: BinaryOperator, _ a: Expr, _ b: Expr) -> Expr {
        if let x = a.constantValue, let y = b.constantValue { return .constant(op.apply(x, y)) }
        return .binary(op, a, b)
    }

    static func foldSelect(_ c: Expr, _ a: Expr, _ b: Expr) -> Expr {
        if let x = c.constantValue { return x != 0 ? a : b }
        return .select(c, a, b)
    }

    // Simplifying constructors, used for symbolic derivatives: fold constants and apply
    // the identities 0+x = x, x-0 = x, 0*x = 0, 1*x = x, x/1 = x, 0/x = 0, x^1 = x, x^0 = 1.
    // (0*x = 0 is the usual symbolic convention; it is what makes d(k*x)/dx exactly k.)

    static func + (a: Expr, b: Expr) -> Expr {
        if a.isConstant(0) { return b }
        if b.isConstant(0) { return a }
        return fold(.add, a, b)
    }

    static func - (a: Expr, b: Expr) -> Expr {
        if b.isConstant(0) { return a }
        if a.isConstant(0) { return -b }
        return fold(.subtract, a, b)
    }

    static prefix func - (a: Expr) -> Expr {
        if case .unary(.negate, let inner) = a { return inner }
        return fold(.negate, a)
    }

    static func * (a: Expr, b: Expr) -> Expr {
        if a.isConstant(0) || b.isConstant(0) { return .constant(0) }
        if a.isConstant(1) { return b }
        if b.isConstant(1) { return a }
        if a.isConstant(-1) { return -b }
        if b.isConstant(-1) { return -a }
        return fold(.multiply, a, b)
    }

    static func / (a: Expr, b: Expr) -> Expr {
        if b.isConstant(1) { return a }
        if a.isConstant(0), !b.isConstant(0) { return .constant(0) }
        return fold(.divide, a, b)
    }

    static func power(_ a: Expr, _ b: Expr) -> Expr {
        if b.isConstant(1) { return a }
        if b.isConstant(0) { return .constant(1) }
        return fold(.power, a, b)
    }

    static func select(simplifying c: Expr, _ a: Expr, _ b: Expr) -> Expr {
        if let x = a.constantValue, let y = b.constantValue, x == y { return a }
        return foldSelect(c, a, b)
    }
}
