import Testing
import PKProfiles
@testable import KetasimCLI

@Suite("Number formatting")
struct FormatTests {
    @Test("significant digits, labels, h:mm; non-finite values print instead of trapping")
    func values() {
        #expect(NumberFormat.sig(177.3214, 4) == "177.3")
        #expect(NumberFormat.short(0.500) == "0.5" && NumberFormat.short(70) == "70")
        #expect(NumberFormat.hm(hours: 1.5) == "1:30")
        #expect(NumberFormat.sig(.infinity, 4) == "inf" && NumberFormat.sig(.nan, 4) == "nan")
        #expect(NumberFormat.hm(hours: .nan) == "nan")
    }

    @Test("a nonzero value never prints as 0: below what 6 decimals show, the exponent form")
    func tinyValues() {
        #expect(NumberFormat.sig(0.00012345, 3) == "0.000123")   // 6 decimals still show 3 digits
        #expect(NumberFormat.sig(1e-9, 4) == "1e-09")
        #expect(NumberFormat.short(2.5e-8) == "2.5e-08")
        #expect(NumberFormat.short(-3.25e-7, 3) == "-3.25e-07")
        // The exponent's zeros are not trailing decimals.
        #expect(NumberFormat.short(1.5e-10) == "1.5e-10" && NumberFormat.short(1.2e-20) == "1.2e-20")
    }
}
