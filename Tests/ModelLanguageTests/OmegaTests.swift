import Testing
@testable import ModelLanguage

/// The `[omega]` section: etas on named parameters, diagonal or block (NONMEM $OMEGA order).
struct OmegaTests {
    static let body = ["[parameters]", "CL = 20", "V1 = 30", "Q = 50", "[odes]", "d/dt(a) = -CL / V1 * a", "[outputs]", "CP = a / V1"]

    func program(_ omega: [String]) throws -> ModelProgram {
        try ModelProgram(source: (Self.body + omega).joined(separator: "\n"))
    }

    @Test("no [omega]: nil; diagonal entries in file order")
    func diagonal() throws {
        #expect(try program([]).omega == nil)
        let o = try #require(try program(["[omega]", "V1 = 0.04  # variance of eta", "CL = 0.09"]).omega)
        #expect(o.parameters == [1, 0])
        #expect(o.matrix == [0.04, 0, 0, 0.09])
    }

    @Test("block: lower triangle row by row, may continue after a comma; blocks and diagonals independent")
    func block() throws {
        let o = try #require(try program(["[omega]", "block(CL, V1, Q) = 0.09,", "  0.02, 0.04,", "  -0.01, 0.005, 0.1", "[omega]"]).omega)
        #expect(o.parameters == [0, 1, 2])
        #expect(o.matrix == [0.09, 0.02, -0.01,
                             0.02, 0.04, 0.005,
                             -0.01, 0.005, 0.1])
        let mixed = try #require(try program(["[omega]", "Q = 0.1", "block(CL, V1) = 0.09, 0.02, 0.04"]).omega)
        #expect(mixed.parameters == [2, 0, 1])
        #expect(mixed.matrix == [0.1, 0, 0, 0, 0.09, 0.02, 0, 0.02, 0.04])
        // A parameter named 'block' stays a plain diagonal entry.
        let named = try ModelProgram(source: ["[parameters]", "block = 2", "[odes]", "d/dt(a) = -block * a", "[omega]", "block = 0.3"].joined(separator: "\n"))
        #expect(named.omega?.matrix == [0.3])
    }

    @Test("errors name the line and column")
    func errors() {
        let n = Self.body.count   // [omega] header on line n + 1, first entry on line n + 2
        expectError(Self.body + ["[omega]", "KA = 0.1"], .unknownName, line: n + 2, column: 1, mentions: ["'KA'", "[parameters]"])
        expectError(Self.body + ["[omega]", "CL = 0.1", "block(V1, CL) = 0.1, 0, 0.1"], .duplicateDefinition, line: n + 3, column: 11, mentions: ["'CL'"])
        expectError(Self.body + ["[omega]", "block(CL, V1) = 0.09, 0.02"], .syntax, line: n + 2, column: 1, mentions: ["3 values", "got 2"])
        expectError(Self.body + ["[omega]", "CL = 0.1, 0.2"], .syntax, line: n + 2, column: 1, mentions: ["one variance"])
        expectError(Self.body + ["[omega]", "CL = -0.1"], .syntax, line: n + 2, column: 6, mentions: ["≥ 0"])
        expectError(Self.body + ["[omega]", "block(CL, V1) = 0.04, 0.1, 0.04"], .syntax, line: n + 2, column: 1, mentions: ["positive definite", "'V1'"])
        expectError(Self.body + ["[omega]", "CL = V1"], .syntax, line: n + 2, column: 6, mentions: ["expected a number"])
        expectError(Self.body + ["[omega]", "block(CL V1) = 1"], .syntax, line: n + 2, column: 10, mentions: ["')'"])
        expectError(Self.body + ["[omega]", "CL"], .syntax, line: n + 2, column: 3, mentions: ["'='"])
        expectError(["[omegas]"], .syntax, line: 1, column: 1, mentions: ["[omega]"])
    }
}
