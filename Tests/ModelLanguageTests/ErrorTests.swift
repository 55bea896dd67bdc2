import Testing
@testable import ModelLanguage

/// Compiles `lines` joined by newlines and checks the error's kind, position and message.
func expectError(
    _ lines: [String], _ kind: ModelLanguageError.Kind, line: Int, column: Int, mentions: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let source = lines.joined(separator: "\n")
    guard let error = compileError(source) else {
        Issue.record("expected \(kind) error for:\n\(source)", sourceLocation: sourceLocation)
        return
    }
    #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
    #expect(error.line == line && error.column == column, "\(error)", sourceLocation: sourceLocation)
    #expect(!error.message.contains("\n"), sourceLocation: sourceLocation)
    for text in mentions {
        #expect(error.message.contains(text), "\(error) should mention \(text)", sourceLocation: sourceLocation)
    }
}

struct ErrorTests {
    @Test func descriptionHasLineAndColumn() {
        let error = compileError("[parameters]\nk = 2 $ 3\n[odes]\nd/dt(x) = -k*x")
        #expect(error?.description == "line 2, column 7: unexpected character '$'")
    }

    @Test func syntaxErrors() {
        expectError(["[parameters]", "k = 2 $ 3", "[odes]", "d/dt(x) = -k*x"], .syntax, line: 2, column: 7, mentions: ["'$'"])
        expectError(["[odes]", "d/dt(x) = !x"], .syntax, line: 2, column: 11, mentions: ["'!'"])
        expectError(["[odes]", "d/dt(x) = 2x"], .syntax, line: 2, column: 11, mentions: ["'2x'"])
        expectError(["[odes]", "d/dt(x) = 1.5.2 * x"], .syntax, line: 2, column: 11, mentions: ["'1.5.2'"])
        expectError(["[odes]", "d/dt(x) = 1e + x"], .syntax, line: 2, column: 11, mentions: ["'1e'"])
        expectError(["[odes]", "d/dt(x) = (1 + x"], .syntax, line: 2, column: 17,
                    mentions: ["')'", "line 2, column 11", "end of file"])
        expectError(["[odes]", "d/dt(x) = (1 + x", "d/dt(y) = 1"], .syntax, line: 3, column: 1,
                    mentions: ["')'", "line 2, column 11", "name 'd'"])
        expectError(["[odes]", "d/dt(x) = min(x, 1", ""], .syntax, line: 3, column: 1, mentions: ["'min('"])
        expectError(["[parameters]", "CL 80"], .syntax, line: 2, column: 4, mentions: ["'='", "'CL'", "'80'"])
        expectError(["k = 1"], .syntax, line: 1, column: 1, mentions: ["section header", "'k'"])
        expectError(["[params]"], .syntax, line: 1, column: 1, mentions: ["'[params]'"])
        expectError(["[parameters", "k = 1"], .syntax, line: 1, column: 1, mentions: ["']'"])
        expectError(["[parameters]", "CL = 80 90"], .syntax, line: 2, column: 9, mentions: ["'90'"])
        expectError(["[odes]", "x = 1"], .syntax, line: 2, column: 1, mentions: ["'x'", "d/dt"])
        expectError(["[odes]", "d/dt x = 1"], .syntax, line: 2, column: 6, mentions: ["'('", "'x'"])
        expectError(["[odes]", "d/dx(x) = 1"], .syntax, line: 2, column: 3, mentions: ["'dt'", "'dx'"])
        expectError(["[odes]", "d/dt(x) = * x"], .syntax, line: 2, column: 11, mentions: ["'*'"])
        expectError(["[odes] x"], .syntax, line: 1, column: 8, mentions: ["'x'"])
        expectError(["[odes]", "d/dt(x) = x +"], .syntax, line: 2, column: 14, mentions: ["end of file"])
        expectError(["[odes]", "d/dt(x) = x +", "[outputs]"], .syntax, line: 2, column: 14, mentions: ["end of line"])
        expectError(["[odes]", "d/dt(x) = ()"], .syntax, line: 2, column: 12, mentions: ["')'"])
        expectError(["[odes]", "d/dt(x) = x [unit"], .syntax, line: 2, column: 13, mentions: ["']'"])
        expectError(["[odes]", "d/dt(x) = x [a] [b]"], .syntax, line: 2, column: 17, mentions: ["'[b]'"])
    }

    @Test func unknownNamesAndFunctions() {
        expectError(["[parameters]", "k = 1", "[odes]", "d/dt(x) = -k * y"], .unknownName, line: 4, column: 16, mentions: ["'y'"])
        expectError(["[derived]", "C = x / VV", "[odes]", "d/dt(x) = -C"], .unknownName, line: 2, column: 9, mentions: ["'VV'"])
        expectError(["[odes]", "d/dt(x) = -x", "[outputs]", "Y = q"], .unknownName, line: 4, column: 5, mentions: ["'q'"])
        expectError(["[odes]", "d/dt(x) = foo(x)"], .unknownFunction, line: 2, column: 11, mentions: ["'foo'"])
        expectError(["[odes]", "d/dt(x) = x(2)"], .unknownFunction, line: 2, column: 11, mentions: ["'x'"])
    }

    @Test func wrongArity() {
        expectError(["[odes]", "d/dt(x) = pow(x)"], .wrongArity, line: 2, column: 11, mentions: ["'pow'", "2 arguments, got 1"])
        expectError(["[odes]", "d/dt(x) = 1 + exp(x, 1)"], .wrongArity, line: 2, column: 15, mentions: ["'exp'", "got 2"])
        expectError(["[odes]", "d/dt(x) = if(x, 1)"], .wrongArity, line: 2, column: 11, mentions: ["'if'", "3 arguments"])
        expectError(["[odes]", "d/dt(x) = min()"], .wrongArity, line: 2, column: 11, mentions: ["'min'", "got 0"])
    }

    @Test func duplicateDefinitions() {
        expectError(["[parameters]", "CL = 1", "CL = 2", "[odes]", "d/dt(x) = -x"], .duplicateDefinition,
                    line: 3, column: 1, mentions: ["'CL'", "parameter", "line 2, column 1"])
        expectError(["[derived]", "V = 2", "[parameters]", "V = 3", "[odes]", "d/dt(x) = -x"], .duplicateDefinition,
                    line: 4, column: 1, mentions: ["'V'", "derived"])
        expectError(["[odes]", "d/dt(x) = -x", "[outputs]", "x = 2 * x"], .duplicateDefinition,
                    line: 4, column: 1, mentions: ["'x'", "state", "line 2, column 6"])
        expectError(["[parameters]", "k = 1", "[odes]", "d/dt(k) = 1"], .duplicateDefinition,
                    line: 4, column: 6, mentions: ["'k'"])
        expectError(["[odes]", "d/dt(x) = 1", "d/dt(x) = 2"], .duplicateDefinition,
                    line: 3, column: 6, mentions: ["d/dt(x)", "line 2, column 6"])
        expectError(["[states]", "a", "a", "[odes]", "d/dt(a) = 1"], .duplicateDefinition, line: 3, column: 1, mentions: ["'a'"])
        expectError(["[parameters]", "t = 1", "[odes]", "d/dt(x) = 1"], .duplicateDefinition, line: 2, column: 1, mentions: ["'t'", "time"])
        expectError(["[parameters]", "  exp = 2", "[odes]", "d/dt(x) = 1"], .duplicateDefinition, line: 2, column: 3, mentions: ["'exp'"])
        expectError(["[odes]", "d/dt(if) = 1"], .duplicateDefinition, line: 2, column: 6, mentions: ["'if'"])
    }

    @Test func statesSectionChecks() {
        expectError(["[states]", "a = 1", "[odes]", "d/dt(a) = -a", "d/dt(b) = a"], .undeclaredState,
                    line: 5, column: 6, mentions: ["'b'", "[states]"])
        expectError(["[parameters]", "k = 1", "[states]", "a", "[odes]", "d/dt(a) = -a", "d/dt(k) = a"], .undeclaredState,
                    line: 7, column: 6, mentions: ["'k'"])
        expectError(["[states]", "a", "b = 2", "[odes]", "d/dt(a) = -a"], .missingDerivative,
                    line: 3, column: 1, mentions: ["'b'", "d/dt(b)"])
    }

    @Test func derivedCycles() {
        expectError(["[parameters]", "k = 1", "[derived]", "C = A - k", "A = B + 1", "B = C * 2", "[odes]", "d/dt(x) = -A"],
                    .cycle, line: 4, column: 1, mentions: ["C -> A -> B -> C"])
        expectError(["[derived]", "A = A + 1", "[odes]", "d/dt(x) = A"], .cycle, line: 2, column: 1, mentions: ["A -> A"])
        expectError(["[derived]", "W = A + 1", "Z = 2", "A = B", "  B = exp(A)", "[odes]", "d/dt(x) = W"],
                    .cycle, line: 4, column: 1, mentions: ["A -> B -> A"])
    }

    @Test func divisionByConstantZero() {
        expectError(["[odes]", "d/dt(x) = x / 0"], .divisionByZero, line: 2, column: 13)
        expectError(["[odes]", "d/dt(x) = x / (1 - 1)"], .divisionByZero, line: 2, column: 13)
        expectError(["[odes]", "d/dt(x) = x / (2 * 0.0)"], .divisionByZero, line: 2, column: 13)
        expectError(["[odes]", "d/dt(x) = x / -0"], .divisionByZero, line: 2, column: 13)
        expectError(["[derived]", "Z = 0 * 5", "[odes]", "d/dt(x) = x / Z"], .divisionByZero, line: 4, column: 13, mentions: ["'/'"])
        expectError(["[parameters]", "k = 1/0", "[odes]", "d/dt(x) = x"], .divisionByZero, line: 2, column: 6)
        // A parameter that happens to be zero is a runtime matter, not an error.
        #expect(compileError("[parameters]\nk = 0\n[odes]\nd/dt(x) = x / k") == nil)
    }

    @Test func emptyModel() {
        expectError(["[parameters]", "k = 1"], .emptyModel, line: 1, column: 1, mentions: ["no ODEs"])
        expectError(["[parameters]", "k = 1", "[odes]", "# nothing"], .emptyModel, line: 3, column: 1)
        expectError([""], .emptyModel, line: 1, column: 1)
        expectError(["# just a comment"], .emptyModel, line: 1, column: 1)
    }

    @Test func nestingLimits() throws {
        let open = String(repeating: "(", count: 250)
        let shut = String(repeating: ")", count: 250)
        expectError(["[odes]", "d/dt(x) = " + open + "x" + shut], .nestingTooDeep, line: 2, column: 211)
        expectError(["[odes]", "d/dt(x) = " + String(repeating: "- ", count: 250) + "x"], .nestingTooDeep,
                    line: 2, column: 11 + 2 * 200)
        expectError(["[odes]", "d/dt(x) = x" + String(repeating: " + x", count: 300)], .nestingTooDeep,
                    line: 2, column: 13 + 4 * 255)
        expectError(["[odes]", "d/dt(x) = " + String(repeating: "exp(", count: 220) + "x" + String(repeating: ")", count: 220)],
                    .nestingTooDeep, line: 2, column: 11 + 4 * 200)

        // Just inside the limits: compiles, evaluates and differentiates.
        let deep = try ModelProgram(source: "[odes]\nd/dt(x) = " + String(repeating: "(", count: 199) + "x" + String(repeating: ")", count: 199))
        #expect(rhs(deep, x: [3]) == [3])
        let sum = try ModelProgram(source: "[odes]\nd/dt(x) = x" + String(repeating: " + x", count: 249))
        #expect(rhs(sum, x: [2]) == [500])
        #expect(jac(sum, x: [2]) == [250])
        let product = try ModelProgram(source: "[odes]\nd/dt(x) = x" + String(repeating: " * x", count: 249))
        #expect(close(rhs(product, x: [1.001])[0], Foundation_pow(1.001, 250), rel: 1e-12))
        #expect(close(jac(product, x: [1.001])[0], 250 * Foundation_pow(1.001, 249), rel: 1e-10))
        #expect(product.registersAreInBounds())
        let nested = try ModelProgram(source: "[odes]\nd/dt(x) = " + String(repeating: "exp(-", count: 90) + "x" + String(repeating: ")", count: 90))
        // f₀ = x, fₙ = exp(−fₙ₋₁): fₙ′ = −fₙ·fₙ₋₁′, worked out here by the chain rule.
        var f = 0.3, df = 1.0
        for _ in 0..<90 { f = Foundation_exp(-f); df = -f * df }
        #expect(close(rhs(nested, x: [0.3])[0], f, rel: 1e-12, abs: 0))
        #expect(df != 0 && close(jac(nested, x: [0.3])[0], df, rel: 1e-10, abs: 0), "\(jac(nested, x: [0.3])[0]) vs \(df)")
    }

    @Test func invalidReferences() {
        expectError(["[odes]", "d/dt(x) = -x", "[outputs]", "Y = x", "Z = Y * 2"], .invalidReference,
                    line: 5, column: 5, mentions: ["'Y'", "output"])
        expectError(["[states]", "a = b", "b", "[odes]", "d/dt(a) = -a", "d/dt(b) = a"], .invalidReference,
                    line: 2, column: 5, mentions: ["'b'", "initial condition"])
        expectError(["[states]", "a = 1 + t", "[odes]", "d/dt(a) = -a"], .invalidReference, line: 2, column: 9, mentions: ["'t'"])
        expectError(["[derived]", "C = a * 2", "[states]", "a = C", "[odes]", "d/dt(a) = -a"], .invalidReference,
                    line: 4, column: 5, mentions: ["'C'"])
        expectError(["[parameters]", "k = 1", "j = k * 2", "[odes]", "d/dt(x) = -x"], .invalidReference,
                    line: 3, column: 5, mentions: ["'k'", "constant"])
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
func Foundation_pow(_ a: Double, _ b: Double) -> Double { pow(a, b) }
func Foundation_exp(_ a: Double) -> Double { exp(a) }
