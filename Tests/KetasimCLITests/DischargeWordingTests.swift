import Foundation
import Testing
import TestSupport
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
        // IV 35 mg over 40 min at 70 kg (Clements, closed form): below 100 ng/mL for good at 68.4 min.
        let m = TwoCompartment.clements(weightKg: 70)
        let level = crossing({ 1000 * m.infusion(doseMg: 35, durationH: 40.0 / 60, t: $0) }, level: 100, lo: 40.0 / 60, hi: 12)
        let minutes = Int((level * 60).rounded())
        #expect(r.out.contains("\(minutes / 60):\(String(format: "%02d", minutes % 60)) h"), "\(level * 60) min")
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
