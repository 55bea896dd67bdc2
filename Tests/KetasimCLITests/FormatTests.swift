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
}
