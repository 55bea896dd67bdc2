import Foundation
import Testing
@testable import KetasimCLI

/// The discharge column is a level, not a criterion; arms whose peak misses the band say so.
@Suite("Discharge and band wording")
struct DischargeWordingTests {
    @Test("compare: 'below 100 at' heading, h:mm cells, 'never reaches 100 ng/mL', the no-criterion footnote")
    func wording() {
        let r = ketasim("compare", "--routes", "iv,po", "--doses", "0.5mg/kg,0.2mg/kg")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("below 100 at"))
        #expect(!r.out.contains("to discharge") && !r.out.contains("never above"))
        #expect(r.out.contains("never reaches 100 ng/mL"))
        #expect(r.out.contains("No published plasma discharge criterion exists"))
        #expect(r.out.contains("1:08 h"))
        // PO 0.2 mg/kg (14 mg) peaks far below the band: said in words, not a bare 0.0.
        let line = r.out.split(separator: "\n").first { $0.hasPrefix("PO 0.2 mg/kg") && $0.contains("below the band 100-250 ng/mL") }
        #expect(line != nil, "\(r.out)")
    }

    @Test("--discharge changes the heading and the 'never reaches' level")
    func level() {
        let r = ketasim("simulate", "--route", "po", "--dose", "0.2mg/kg", "--discharge", "50ng/mL")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("below 50 at") && r.out.contains("never reaches 50 ng/mL"))
    }
}
