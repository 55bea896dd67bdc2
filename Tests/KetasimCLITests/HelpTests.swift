import Foundation
import Testing
@testable import KetasimCLI

/// Help is generated from each command's declared options; these tests check it both ways: every
/// accepted option is documented, and every option the help text mentions is accepted (by this
/// command, or by the other command it names, as in 'ketasim plan --list').
@Suite("Generated help")
struct HelpTests {
    static let names = Ketasim.specs.map(\.name)

    /// The `--options` a text mentions, each with the command it belongs to: `own`, unless it stands
    /// inside a quoted 'ketasim OTHER ...' reference.
    static func mentioned(in text: String, own: String) -> [(option: String, command: String)] {
        var found: [(String, String)] = []
        for line in text.split(separator: "\n") {
            // Split at quotes: odd parts are quoted. A quoted part starting "ketasim X" refers to X.
            for (i, part) in line.split(separator: "'", omittingEmptySubsequences: false).enumerated() {
                var command = own
                if i % 2 == 1, part.hasPrefix("ketasim ") {
                    let word = part.dropFirst("ketasim ".count).prefix { $0 != " " }
                    if names.contains(String(word)) { command = String(word) }
                }
                var rest = Substring(part)
                while let r = rest.range(of: "--") {
                    let before = rest[..<r.lowerBound].last
                    let name = "--" + rest[r.upperBound...].prefix { $0.isLetter || $0 == "-" }
                    rest = rest[r.upperBound...]
                    // "--" inside a word or a bare "--" is not an option.
                    if let b = before, b.isLetter || b.isNumber { continue }
                    if name.count > 2 && name.last != "-" { found.append((name, command)) }
                }
            }
        }
        return found
    }

    @Test("each command's --help is the text generated from its declarations", arguments: Ketasim.specs.map(\.name))
    func helpIsGenerated(_ name: String) throws {
        let spec = try #require(Ketasim.specs.first { $0.name == name })
        let r = ketasim(name, "--help")
        #expect(r.code == 0)
        #expect(r.out == spec.help)
        #expect(r.out.contains("not medical advice"))
        #expect(r.out.contains("Example: ketasim \(name)"))
    }

    @Test("every accepted option is documented in --help", arguments: Ketasim.specs.map(\.name))
    func acceptedAreDocumented(_ name: String) throws {
        let spec = try #require(Ketasim.specs.first { $0.name == name })
        let mentioned = Set(Self.mentioned(in: spec.help, own: name).filter { $0.command == name }.map(\.option))
        for o in spec.options {
            #expect(mentioned.contains(o.name), "ketasim \(name) accepts \(o.name) but its --help does not mention it")
        }
    }

    @Test("every option --help mentions is accepted by the command it belongs to", arguments: Ketasim.specs.map(\.name))
    func documentedAreAccepted(_ name: String) throws {
        let spec = try #require(Ketasim.specs.first { $0.name == name })
        let refs = Self.mentioned(in: spec.help, own: name)
        #expect(!refs.isEmpty || spec.options.isEmpty)
        for (option, command) in refs {
            let target = try #require(Ketasim.specs.first { $0.name == command })
            let o = target.options.first { $0.name == option }
            #expect(o != nil, "ketasim \(name) --help mentions \(option) (of 'ketasim \(command)'), which that command does not accept")
            // The parser built from the same declaration takes it.
            if let o {
                let args = o.isFlag ? [option] : [option, "1"]
                #expect(throws: Never.self) { _ = try Arguments(args, spec: target) }
            }
        }
    }

    @Test("help lines fit 80 columns", arguments: Ketasim.specs.map(\.name))
    func fits80(_ name: String) throws {
        let spec = try #require(Ketasim.specs.first { $0.name == name })
        // A URL that cannot be broken stands alone on its line; every other line fits.
        for line in spec.help.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("http") {
            #expect(line.count <= 80, "\(name): \(line)")
        }
    }

    @Test("ketasim --help lists every command")
    func mainHelp() {
        let r = ketasim("--help")
        for n in Self.names { #expect(r.out.contains("  \(n) "), "missing \(n)") }
    }

    @Test("an undeclared option is refused, naming it (exit 64)")
    func unknownOption() {
        let r = ketasim("merge", "--quiet", "a.json")   // --quiet was accepted and unused before
        #expect(r.code == 64)
        #expect(r.err.contains("unknown option '--quiet'"))
    }

    @Test("a single-value option given twice is a usage error naming it; repeatable ones accumulate")
    func repeatedOption() throws {
        let r = ketasim("simulate", "--route", "im", "--dose", "35mg", "--dose", "50mg")
        #expect(r.code == 64)
        #expect(r.err.contains("--dose: given more than once ('35mg' and '50mg')"))
        #expect(r.err.split(separator: "\n").count == 1)
        let a = try Arguments(["--flag", "pregnancy", "--flag", "maoi"], spec: PlanCommand.spec)
        #expect(a.all("--flag") == ["pregnancy", "maoi"])
    }
}
