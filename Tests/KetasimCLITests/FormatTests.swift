import Testing
@testable import KetasimCLI

@Suite("Number formatting")
struct FormatTests {
    @Test("significant digits, labels, h:mm; non-finite values print instead of trapping")
    func values() {
        #expect(Format.sig(177.3214) == "177.3")
        #expect(Format.short(0.500) == "0.5" && Format.short(70) == "70")
        #expect(Format.hm(1.5) == "1:30")
        #expect(Format.sig(.infinity) == "inf" && Format.sig(.nan) == "nan")
        #expect(Format.hm(.nan) == "nan")
    }
}
