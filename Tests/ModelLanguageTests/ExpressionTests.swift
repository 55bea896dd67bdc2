import Testing
@testable import ModelLanguage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Value of `expression` as the right-hand side of a one-state model, at state x and time t.
/// Parameters p0 … p9 have values 0 … 9; a = 2, b = 3, c = 0.5.
func evaluate(_ expression: String, x: Double = 0.5, t: Double = 0) throws -> Double {
    let source = """
        [parameters]
        p0 = 0
        p1 = 1
        p2 = 2
        p3 = 3
        p4 = 4
        p5 = 5
        p6 = 6
        p7 = 7
        p8 = 8
        p9 = 9
        a = 2
        b = 3
        c = 0.5
        [odes]
        d/dt(x) = \(expression)
        """
    let m = try ModelProgram(source: source)
    #expect(m.registersAreInBounds())
    return rhs(m, t: t, x: [x])[0]
}

/// Replaces each single-digit literal k by parameter pk, so the interpreter (not the folder) computes it.
func withParameters(_ expression: String) -> String? {
    let scalars = Array(expression.unicodeScalars)
    var out = ""
    for (i, s) in scalars.enumerated() {
        let isDigit = s >= "0" && s <= "9"
        if isDigit {
            if i > 0, (scalars[i - 1] >= "0" && scalars[i - 1] <= "9") || scalars[i - 1] == "." { return nil }
            if i + 1 < scalars.count, (scalars[i + 1] >= "0" && scalars[i + 1] <= "9") || scalars[i + 1] == "." || scalars[i + 1] == "e" {
                return nil
            }
            out += "p" + String(s)
        } else {
            out.unicodeScalars.append(s)
        }
    }
    return out
}

struct ExpressionTests {
    static let precedence: [(String, Double)] = [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("2 ^ 3 ^ 2", 512),
        ("(2 ^ 3) ^ 2", 64),
        ("-2 ^ 2", -4),
        ("(-2) ^ 2", 4),
        ("2 ^ -1", 0.5),
        ("-a ^ 2", -4),
        ("2 * 3 ^ 2", 18),
        ("8 / 4 / 2", 1),
        ("8 - 4 - 2", 2),
        ("8 / 4 * 2", 4),
        ("-3 * -2", 6),
        ("1 - -1", 2),
        ("- - 3", 3),
        ("+a", 2),
        ("-(a + b)", -5),
        ("a - b * c", 0.5),
        ("a * b / c", 12),
        ("a / b * c", 1.0 / 3.0),
        ("1e-3 * 1000", 1),
        (".5 + 2.5E1", 25.5),
        ("1.5e+2 / 3", 50),
        ("1 + 2 < 4", 1),
        ("1 + 2 < 3", 0),
        ("1 < 2 == 1", 1),
        ("2 * 3 > 5 + 1", 0),
        ("2 * 3 >= 5 + 1", 1),
        ("-2 ^ 2 + 5", 1),
        ("2 ^ 2 ^ -1", 2.0.squareRoot()),
        ("(1 + 2) * (3 + 4) / 7", 3),
        ("9 - 3 - 2 - 1", 3),
    ]

    @Test(arguments: precedence.indices)
    func precedenceAndAssociativity(_ i: Int) throws {
        let (expression, expected) = Self.precedence[i]
        let folded = try evaluate(expression)
        #expect(close(folded, expected), "\(expression) = \(folded), expected \(expected)")
        if let runtime = withParameters(expression) {
            let value = try evaluate(runtime)
            #expect(close(value, expected), "\(runtime) = \(value), expected \(expected)")
        }
    }

    static let functions: [(String, Double)] = [
        ("exp(1)", 2.718281828459045),
        ("exp(0)", 1),
        ("log(1)", 0),
        ("log(100)", 4.605170185988092),
        ("sqrt(16)", 4),
        ("sqrt(2)", 1.4142135623730951),
        ("pow(2, 10)", 1024),
        ("pow(9, 0.5)", 3),
        ("abs(-3)", 3),
        ("abs(3)", 3),
        ("min(2, 3)", 2),
        ("min(3, 2)", 2),
        ("max(2, 3)", 3),
        ("max(3, 2)", 3),
        ("if(1, 5, 6)", 5),
        ("if(0, 5, 6)", 6),
        ("if(2 > 1, 5, 6)", 5),
        ("2 < 3", 1), ("3 < 3", 0), ("3 <= 3", 1), ("4 <= 3", 0),
        ("3 > 2", 1), ("2 > 2", 0), ("2 >= 3", 0), ("3 >= 3", 1),
        ("3 == 3", 1), ("3 == 2", 0), ("3 != 3", 0), ("2 != 3", 1),
        ("exp(log(7))", 7),
        ("min(max(1, 5), 3)", 3),
        ("2 * pow(3, 2) - abs(-4)", 14),
    ]

    @Test(arguments: functions.indices)
    func functionsAndComparisons(_ i: Int) throws {
        let (expression, expected) = Self.functions[i]
        let folded = try evaluate(expression)
        #expect(close(folded, expected), "\(expression) = \(folded), expected \(expected)")
        if let runtime = withParameters(expression) {
            let value = try evaluate(runtime)
            #expect(close(value, expected), "\(runtime) = \(value), expected \(expected)")
        }
    }

    @Test func stateAndTimeDependentExpressions() throws {
        #expect(try evaluate("x * 4", x: 0.5) == 2)
        #expect(try evaluate("t", t: 7) == 7)
        #expect(try evaluate("if(x > 0.25, 10, 20)", x: 0.5) == 10)
        #expect(try evaluate("if(x > 0.25, 10, 20)", x: 0.1) == 20)
        #expect(try evaluate("(x < 1) + (x >= 1) * 2", x: 3) == 2)
        #expect(try evaluate("min(x, 1) + max(x, 1)", x: 3) == 4)
        #expect(try evaluate("abs(x - 5)", x: 3) == 2)
        #expect(close(try evaluate("exp(-x * t)", x: 0.5, t: 2), exp(-1)))
        #expect(close(try evaluate("pow(x, t)", x: 3, t: 2), 9))
        #expect(close(try evaluate("x ^ 2", x: 3), 9))
        #expect(close(try evaluate("sqrt(x) * log(x)", x: 4), 2 * log(4.0)))
        #expect(try evaluate("x == x", x: 1) == 1)
        #expect(try evaluate("x != x", x: 1) == 0)
    }

    @Test func newlinesInsideParenthesesContinueTheStatement() throws {
        #expect(try evaluate("(1 +\n 2) * min(3,\n 4)") == 9)
    }

    @Test func commentsAreIgnored() throws {
        let m = try ModelProgram(source: """
            # leading comment
            // another
            [parameters] # trailing
            k = 2 // a rate
            [odes]
            d/dt(x) = -k * x  # first-order
            """)
        #expect(rhs(m, x: [3]) == [-6])
    }
}
