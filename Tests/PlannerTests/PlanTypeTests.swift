import Foundation
import Testing
import PKCore
@testable import Planner

/// The typed plan fields encode as the strings the JSON output has always had, and decode back.
@Suite("Typed plan fields")
struct PlanTypeTests {
    func json<T: Encodable>(_ v: T) throws -> String { String(decoding: try JSONEncoder().encode(v), as: UTF8.self) }

    @Test("CivilDate and Weekday encode as YYYY-MM-DD and Mon, and decode back")
    func dateAndWeekday() throws {
        #expect(try json([date("2026-12-01"), date("0099-02-03")]) == #"["2026-12-01","0099-02-03"]"#)
        #expect(try json(Weekday.allCases) == #"["Mon","Tue","Wed","Thu","Fri","Sat","Sun"]"#)
        #expect(try JSONDecoder().decode([CivilDate].self, from: Data(#"["2028-02-29"]"#.utf8)) == [CivilDate(year: 2028, month: 2, day: 29)!])
        #expect(try JSONDecoder().decode([Weekday].self, from: Data(#"["Mon","sunday"]"#.utf8)) == [.mon, .sun])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CivilDate].self, from: Data(#"["2027-02-29"]"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Weekday].self, from: Data(#"["xyz"]"#.utf8)) }
    }

    @Test("Tier encodes as its data-defined name, decodes back, prints as its name; catalog tiers are typed")
    func tier() throws {
        let t: Tier = "psycholytic"
        #expect(try json([t, Tier("dissociation")]) == #"["psycholytic","dissociation"]"#)
        #expect(try JSONDecoder().decode([Tier].self, from: Data(#"["sub-perceptual"]"#.utf8)) == [Tier(rawValue: "sub-perceptual")])
        #expect("\(t)" == "psycholytic" && t.rawValue == "psycholytic")
        let band = Plan.TierBand(tier: "high", lowNgPerML: 1, highNgPerML: 2, evidence: "e", source: "s")
        #expect(try json(band).contains(#""tier":"high""#))
        #expect(ProtocolCatalog.builtin.tierOrder.map(\.rawValue) == ["sub-perceptual", "psycholytic", "psychedelic", "high"])
    }

    @Test("enums encode as their option and output spellings")
    func enums() throws {
        #expect(try json([Finding.Level.block, .warnAck, .info]) == #"["block","warn-ack","info"]"#)
        #expect([Finding.Level.block, .warnAck, .info].map(\.action) == ["BLOCK", "WARN-ACK", "INFO"])
        #expect(try json([DischargeCriterion.level, .onSite]) == #"["level","on-site"]"#)
        #expect(try json(SessionKind.allCases) == #"["preparation","dosing","integration","therapy"]"#)
        #expect(try json(Site.allCases) == #"["plasma","effect"]"#)
        #expect(ProtocolCatalog.levels == Finding.Level.allCases.map(\.rawValue))
    }

    @Test("a plan's sessions carry typed kind, date, weekday and route, consistent with each other")
    func sessions() throws {
        let p = try plan("murrough-2013") { $0.responses = [1: .good] }
        let first = try #require(p.dosingSessions.first)
        #expect(first.kind == .dosing && first.route == .ivInfusion && p.route == .ivInfusion && p.site == .plasma)
        #expect(first.response == .good && p.dosingSessions.dropFirst().allSatisfy { $0.response == nil })
        #expect(p.sessions.allSatisfy { $0.weekday == $0.date.weekday })
        #expect(p.startDate == date("2026-12-01") && first.date >= p.startDate)
        // 2026-12-01 is a Tuesday; murrough-2013 doses mon,wed,fri.
        #expect(first.weekday == .wed && first.date == date("2026-12-02"))
        let data = try JSONEncoder().encode(first)
        let obj = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(obj["kind"] as? String == "dosing" && obj["date"] as? String == "2026-12-02" && obj["weekday"] as? String == "Wed")
        #expect(obj["route"] as? String == "iv" && obj["response"] as? String == "good")
        #expect(try JSONDecoder().decode(PlanSession.self, from: data) == first)
    }
}
