import Foundation
import Testing
@testable import KetasimCLI

/// Issue 16, part 3: an option that takes one value, given twice, is a usage error naming it.
@Suite("Repeated single-value options")
struct RepeatedOptionTests {
    @Test("--dose twice: exit 64, one line naming the flag and both values, nothing on stdout")
    func doseTwice() {
        let r = ketasim("simulate", "--dose", "35mg", "--dose", "50mg")
        #expect(r.code == 64)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("--dose: given more than once ('35mg' and '50mg'); it takes one value"), "\(r.err)")
        #expect(r.err.split(separator: "\n").count == 1)
        let inline = ketasim("batch", "--n", "5", "--n=6")
        #expect(inline.code == 64 && inline.err.contains("--n: given more than once ('5' and '6')"), "\(inline.err)")
        let out = ketasim("nm", "d.csv", "--model", "1cmt-iv", "--out", "a.csv", "--out", "b.csv")
        #expect(out.code == 64 && out.err.contains("--out: given more than once"), "\(out.err)")
    }

    @Test("the parser: repeatable options keep every value, others refuse a second one")
    func parser() throws {
        let a = try Arguments(["--threshold", "100", "--threshold", "a=200", "--n", "3"], spec: BatchCommand.spec)
        #expect(a.all("--threshold") == ["100", "a=200"])
        #expect(throws: CLIError.self) { _ = try Arguments(["--n", "3", "--n", "3"], spec: BatchCommand.spec) }
    }

    @Test("every repeatable option a command accepts says so in its --help")
    func helpSaysRepeatable() {
        var checked = 0
        for spec in Ketasim.specs {
            let command = spec.name
            let help = ketasim(command, "--help").out
            let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for option in spec.options.filter(\.repeatable).map(\.name) {
                guard let i = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(option + " ") }) else {
                    Issue.record("ketasim \(command) --help: no entry for the repeatable option \(option)")
                    continue
                }
                checked += 1
                // The option's entry: its line and the indented continuation lines.
                var entry = lines[i]
                var j = i + 1
                while j < lines.count, lines[j].hasPrefix("                    ") { entry += lines[j]; j += 1 }
                #expect(entry.contains("repeatable"), "ketasim \(command) --help: \(option) does not say it is repeatable")
            }
        }
        // batch --threshold and plan --flag at least: the loop is not empty.
        #expect(checked >= 2)
    }
}
