import Testing
@testable import ModelLanguage
import TestSupport


/// Compiles `source`; it must either succeed or throw a well-formed `ModelLanguageError`.
/// On success, every entry point is exercised once.
@discardableResult
private func survive(_ source: String, messages: inout Set<String>) -> Bool {
    do {
        let m = try ModelProgram(source: source)
        #expect(m.registersAreInBounds(), "register out of range for:\n\(source)")
        let p = m.parameterDefaults
        let x = [Double](repeating: 1.25, count: m.stateCount)
        _ = m.initialState(parameters: p)
        _ = rhs(m, t: 0.5, x: x)
        _ = jac(m, t: 0.5, x: x)
        _ = outs(m, t: 0.5, x: x)
        if let form = m.linearForm(parameters: p) {
            #expect(form.k.count == m.stateCount * m.stateCount && form.b.count == m.stateCount)
        }
        if let scales = m.linearOutputs(parameters: p) {
            #expect(scales.count == m.outputNames.count * m.stateCount)
        }
        return true
    } catch let error as ModelLanguageError {
        #expect(error.line >= 1 && error.column >= 1, "\(error)")
        #expect(!error.message.isEmpty && !error.message.contains("\n"), "\(error)")
        messages.insert(error.message)
        return false
    } catch {
        Issue.record("unexpected error type: \(error)")
        return false
    }
}

struct FuzzTests {
    static let vocabulary = [
        "[parameters]", "[derived]", "[states]", "[odes]", "[outputs]", "[", "]", "[mg/L]", "\n", "\n", "\n",
        "d/dt(", "d/dt(x)", "d", "/", "dt", "(", "(", ")", ")", ",", "=", "=", "==", "!=", "<", "<=", ">", ">=",
        "+", "-", "-", "*", "^", "x", "x", "y", "k", "t", "C", "exp", "log", "sqrt", "pow", "min", "max",
        "abs", "if", "0", "1", "2.5", "1e-3", "1e999", ".5", "0.0", "#", "//", " ", "\t", "é", "$", "!", "\r\n",
        "k = 2", "d/dt(x) = -k * x", "C = x / k", "x = 1",
    ]

    @Test func randomTokenStrings() {
        var rng = SplitMix64(state: 0x5EED_0001)
        var compiled = 0
        var messages = Set<String>()
        for _ in 0..<1500 {
            let count = 1 + rng.below(40)
            var source = ""
            for _ in 0..<count {
                source += rng.pick(Self.vocabulary)
                if rng.below(3) == 0 { source += " " }
            }
            if survive(source, messages: &messages) { compiled += 1 }
        }
        // Random token strings almost never form a model; what they must do is reach many different
        // checks of the compiler, each answering with its own message.
        #expect(messages.count >= 20, "only \(messages.count) distinct errors from 1500 random sources")
    }

    static let alphabet: [Unicode.Scalar] = Array(
        "abcdxyzCKVt0123456789.eE+-*/^()[],=<>!#\n\n\t é_$\u{0}\u{7F}".unicodeScalars)

    @Test func mutationsOfAValidModel() {
        var rng = SplitMix64(state: 0x5EED_0002)
        let original = Array(k6MMSource.unicodeScalars)
        var compiled = 0
        var messages = Set<String>()
        for _ in 0..<1500 {
            var s = original
            for _ in 0..<(1 + rng.below(4)) {
                switch rng.below(6) {
                case 0 where !s.isEmpty:
                    s.remove(at: rng.below(s.count))
                case 1:
                    s.insert(rng.pick(Self.alphabet), at: rng.below(s.count + 1))
                case 2 where s.count >= 2:
                    let i = rng.below(s.count - 1)
                    s.swapAt(i, i + 1)
                case 3 where !s.isEmpty:
                    let i = rng.below(s.count)
                    let j = min(s.count, i + 1 + rng.below(30))
                    s.removeSubrange(i..<j)
                case 4 where !s.isEmpty:
                    let i = rng.below(s.count)
                    let j = min(s.count, i + 1 + rng.below(40))
                    s.insert(contentsOf: s[i..<j], at: rng.below(s.count + 1))
                default:
                    if !s.isEmpty { s[rng.below(s.count)] = rng.pick(Self.alphabet) }
                }
            }
            var source = ""
            source.unicodeScalars.append(contentsOf: s)
            if survive(source, messages: &messages) { compiled += 1 }
        }
        // Many mutations (inside comments, whitespace, digits) still compile: the success path is exercised.
        #expect(compiled > 50)
    }
}
