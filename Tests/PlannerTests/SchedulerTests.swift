import Testing
@testable import Planner

@Suite("Calendar and scheduling")
struct SchedulerTests {
    @Test("civil dates: known weekdays, impossible dates rejected, day arithmetic round-trips")
    func civilDates() {
        #expect(date("1970-01-01").weekday == .thu)
        #expect(date("2000-01-01").weekday == .sat)
        #expect(date("2026-12-01").weekday == .tue)   // 2026-01-01 is a Thursday; +334 days = 47 weeks + 5 days
        #expect(date("2028-02-29").adding(days: 1) == date("2028-03-01"))
        #expect(date("2026-12-31").adding(days: 1) == date("2027-01-01"))
        for bad in ["2026-13-45", "2026-02-29", "2026-04-31", "2026-1-05", "26-01-05", "2026/01/05", "2026-00-10", ""] {
            #expect(CivilDate.parse(bad) == nil, "\(bad)")
        }
        for n in stride(from: -700_000, through: 2_000_000, by: 9_973) {   // years 53 to 7445
            let d = CivilDate(daysSinceEpoch: n)
            #expect(d.daysSinceEpoch == n)
            #expect(CivilDate(year: d.year, month: d.month, day: d.day) == d)
        }
        #expect(CivilDate.parseTime("09:05") == 545)
        #expect(CivilDate.parseTime("24:00") == nil && CivilDate.parseTime("9:5") == nil)
    }

    @Test("weekday sets: names, ranges, errors")
    func weekdaySets() throws {
        #expect(try Weekday.parseSet("mon,Wed,friday", flag: "--weekdays") == [.mon, .wed, .fri])
        #expect(try Weekday.parseSet("fri-mon", flag: "--weekdays") == [.fri, .sat, .sun, .mon])
        #expect(throws: PlanError.self) { try Weekday.parseSet("mon,xyz", flag: "--weekdays") }
    }

    @Test("Murrough 2013 from a Monday: Mon/Wed/Fri for two weeks, 6 infusions within 12 days")
    func murrough() throws {
        let p = try plan("murrough-2013", start: "2026-11-30")
        #expect(dosingDates(p) == ["2026-11-30", "2026-12-02", "2026-12-04", "2026-12-07", "2026-12-09", "2026-12-11"])
        #expect(date("2026-12-11").daysSinceEpoch - date("2026-11-30").daysSinceEpoch + 1 == 12)
        #expect(p.dosingSessions.allSatisfy { $0.time == "09:00" })
    }

    @Test("a start mid-week begins on the next allowed day; the 3-a-week pattern is kept in 7-day blocks")
    func midWeekStart() throws {
        let p = try plan("murrough-2013", start: "2026-12-01")   // Tuesday
        #expect(dosingDates(p) == ["2026-12-02", "2026-12-04", "2026-12-07", "2026-12-09", "2026-12-11", "2026-12-14"])
    }

    @Test("twice a week from Mon-Fri: the most spread pattern that starts soonest (Tue/Fri from a Tuesday)")
    func spreadPattern() throws {
        let p = try plan("wilkinson-2017", start: "2026-12-01") { $0.weekdays = [.mon, .tue, .wed, .thu, .fri]; $0.timeMin = 14 * 60 + 30 }
        #expect(dosingDates(p) == ["2026-12-01", "2026-12-04", "2026-12-08", "2026-12-11"])
        #expect(p.dosingSessions[0].time == "14:30")
        // 12 CBT sessions over 10 weeks, none on a dosing day, first after the first infusion.
        let cbt = p.sessions.filter { $0.kind == .therapy }
        #expect(cbt.count == 12)
        #expect(Set(cbt.map(\.date.description)).isDisjoint(with: dosingDates(p)))
        #expect(cbt.first!.date.description == "2026-12-02" && cbt.last!.date.description <= "2027-02-09")
    }

    @Test("esketamine label: twice weekly weeks 1-4, weekly 5-8, then every 2 weeks; review after induction")
    func esketaminePhases() throws {
        let p = try plan("esketamine-label", start: "2026-11-30")   // Monday; default Mon/Thu
        #expect(dosingDates(p) == [
            "2026-11-30", "2026-12-03", "2026-12-07", "2026-12-10", "2026-12-14", "2026-12-17", "2026-12-21", "2026-12-24",
            "2026-12-28", "2027-01-04", "2027-01-11", "2027-01-18",
            "2027-02-01", "2027-02-15", "2027-03-01", "2027-03-15",
        ])
        #expect(p.dosingSessions[8].review?.contains("end of phase") == true)
        #expect(p.dosingSessions.filter { $0.review != nil }.count == 1)
        #expect(p.dosingSessions.map(\.phase) == Array(repeating: "induction", count: 8) + Array(repeating: "optimisation", count: 4) + Array(repeating: "maintenance", count: 4))
    }

    @Test("every 3 days: consecutive on all days; pushed to the next allowed day when restricted")
    func everyThreeDays() throws {
        let all = try plan("al-shirawi-2017", start: "2026-12-01")
        #expect(dosingDates(all) == ["2026-12-01", "2026-12-04", "2026-12-07", "2026-12-10", "2026-12-13", "2026-12-16", "2026-12-19", "2026-12-22"])
        let weekdays = try plan("al-shirawi-2017", start: "2026-12-01") { $0.weekdays = [.mon, .tue, .wed, .thu, .fri] }
        #expect(dosingDates(weekdays) == ["2026-12-01", "2026-12-04", "2026-12-07", "2026-12-10", "2026-12-14", "2026-12-17", "2026-12-21", "2026-12-24"])
    }

    @Test("preparation before, integration the next free support day after each dosing session")
    func supportSessions() throws {
        let p = try plan("im-kap", start: "2026-12-01")   // Tuesday; dosing on Tuesdays
        let rows = p.sessions.map { "\($0.kind) \($0.date)" }
        #expect(rows == [
            "preparation 2026-12-01", "dosing 2026-12-08", "integration 2026-12-09", "dosing 2026-12-15", "integration 2026-12-16",
            "dosing 2026-12-22", "integration 2026-12-23",
        ])
        let k = try plan("krupitsky-2007", start: "2026-12-04")   // Friday: dosing Monday, integration Tuesday
        #expect(k.sessions.prefix(3).map { "\($0.kind) \($0.date)" } == ["preparation 2026-12-04", "dosing 2026-12-07", "integration 2026-12-08"])
        #expect(dosingDates(k) == ["2026-12-07", "2027-01-04", "2027-02-01"])   // every 4 weeks
    }

    @Test("--sessions cuts or extends the last phase")
    func sessionCount() throws {
        #expect(try plan("murrough-2013", start: "2026-11-30") { $0.sessions = 2 }.dosingSessions.count == 2)
        let p = try plan("esketamine-label", start: "2026-11-30") { $0.sessions = 18 }
        #expect(dosingDates(p).suffix(2) == ["2027-03-29", "2027-04-12"])
    }

    @Test("weekday sets that cannot hold the schedule are errors naming --weekdays")
    func weekdaysTooFew() {
        do {
            _ = try plan("murrough-2013") { $0.weekdays = [.mon, .tue]; $0.weekdaysText = "mon,tue" }
            Issue.record("expected an error")
        } catch let e as PlanError {
            #expect(e.usage)
            #expect(e.message.hasPrefix("--weekdays: 'mon,tue' gives 2 dosing days a week"))
            #expect(e.message.contains("needs 3 a week"))
        } catch { Issue.record("\(error)") }
        #expect(throws: PlanError.self) { try plan("esketamine-label") { $0.weekdays = [.wed] } }
    }
}
