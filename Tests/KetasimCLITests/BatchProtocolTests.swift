import Foundation
import Testing
import PKCore
import PKProfiles
@testable import KetasimCLI

@Suite("batch --protocol")
struct BatchProtocolTests {
    @Test("Murrough 2013 from Monday 2026-01-05: Mon/Wed/Fri for two weeks, 0.5 mg/kg over 40 min at each subject's weight")
    func murrough() throws {
        let pm = try ProfileLibrary.load("clements-1981")
        let c = try BatchProtocolCourse("murrough-2013", startText: "2026-01-05", profile: pm)
        #expect(c.timesH == [0, 48, 96, 168, 216, 264])
        let r = c.regimen(weightKg: 80)
        #expect(r.doses.count == 6)
        for (d, t) in zip(r.doses, c.timesH) {
            #expect(d.route == .ivInfusion && d.amountMg == 40 && d.infusionDurationH == 40.0 / 60 && d.timeH == t)
        }
    }

    @Test("protocol errors: unknown name, route missing from the profile, conflicting flags")
    func errors() {
        #expect(ketasim("batch", "--profile", "herd-2007", "--protocol", "nope", "--n", "5").code == 64)
        let r = ketasim("batch", "--protocol", "esketamine-label", "--profile", "clements-1981", "--n", "5")
        #expect(r.code == 64 && r.err.contains("--protocol"), "\(r.err)")
        #expect(ketasim("batch", "--profile", "herd-2007", "--protocol", "murrough-2013", "--dose", "1mg", "--n", "5").err.contains("--dose: not with --protocol"))
    }
}
