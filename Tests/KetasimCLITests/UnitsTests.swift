import Foundation
import Testing
@testable import KetasimCLI

@Suite("Unit parsing")
struct UnitsTests {
    @Test("doses", arguments: [
        ("35mg", Units.DoseAmount.mg(35)), ("35 mg", .mg(35)), ("500ug", .mg(0.5)), ("500µg", .mg(0.5)), ("500mcg", .mg(0.5)),
        ("0.5mg/kg", .mgPerKg(0.5)), ("0.5 MG/KG", .mgPerKg(0.5)), ("250ug/kg", .mgPerKg(0.25)), ("250μg/kg", .mgPerKg(0.25)),
        ("1e2mg", .mg(100)), ("0.1g", .mg(100)),
    ])
    func doses(text: String, expected: Units.DoseAmount) throws {
        #expect(try Units.dose(text) == expected)
    }

    @Test("durations in hours", arguments: [("40min", 40.0 / 60), ("24h", 24.0), ("2d", 48.0), ("90s", 0.025), ("1.5 h", 1.5)])
    func durations(text: String, hours: Double) throws {
        #expect(abs(try Units.hours(text, flag: "--duration") - hours) < 1e-15)
    }

    @Test("weights, rates, concentrations")
    func others() throws {
        #expect(try Units.weightKg("70kg") == 70)
        #expect(abs(try Units.weightKg("154lb") - 69.853225) < 1e-6)
        #expect(try Units.rate("10mg/h") == .mgPerH(10))
        #expect(try Units.rate("0.5mg/kg/h") == .mgPerKgPerH(0.5))
        #expect(try Units.rate("10ug/kg/min") == .mgPerKgPerH(0.6))
        #expect(try Units.concentrationNgPerML("0.1mg/L", flag: "--x") == 100)
        #expect(try Units.concentrationNgPerML("100ng/mL", flag: "--x") == 100)
        #expect(try Units.perHour("0.05/min", flag: "--ka") == 3)
    }

    @Test("unknown, missing and bad units name the flag and the value", arguments: [
        ("0.5mgg", "--dose: unknown unit 'mgg' in '0.5mgg'"),
        ("0.5", "--dose: '0.5' has no unit"),
        ("mg", "--dose: 'mg' does not start with a number"),
        ("-5mg", "--dose: '-5mg' is negative"),
        ("", "--dose: empty value"),
        ("nanmg", "--dose: 'nanmg' does not start with a number"),
        ("1e999mg", "--dose: '1e999mg' is not a finite number"),
    ])
    func doseErrors(text: String, message: String) {
        do {
            _ = try Units.dose(text)
            Issue.record("expected an error for '\(text)'")
        } catch let e as CLIError {
            #expect(e.exitCode == 64)
            #expect(e.message.hasPrefix(message), "\(e.message)")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test("other flags' errors")
    func otherErrors() {
        #expect(throws: CLIError.self) { try Units.weightKg("70") }
        #expect(throws: CLIError.self) { try Units.weightKg("0kg") }
        #expect(throws: CLIError.self) { try Units.weightKg("70 stone") }
        #expect(throws: CLIError.self) { try Units.hours("40 fortnights", flag: "--duration") }
        #expect(throws: CLIError.self) { try Units.rate("10mg", flag: "--rate") }
        #expect(throws: CLIError.self) { try Units.concentrationNgPerML("100", flag: "--discharge") }
        #expect(throws: CLIError.self) { try Units.fraction("1.2", flag: "--f") }
    }
}
