/// One entry of the calendar.
struct CalendarEntry: Sendable, Codable, Equatable {
    var kind: SessionKind
    var date: CivilDate
    /// Minutes after midnight.
    var timeMin: Int
    var durationMin: Double
    /// Dosing sessions: 1-based dosing number; support sessions: the dosing session they follow (integration) or nil.
    var number: Int?
    /// Phase label for dosing sessions ("induction", "added", …).
    var phase: String?
    /// Short description ("dosing 3/6", "CBT 2/12").
    var label: String
}

/// Lays out a protocol's sessions on the calendar.
///
/// Dosing sessions fall on the allowed weekdays. A phase of k sessions a week uses a fixed pattern of
/// k allowed weekdays chosen to spread the doses (largest smallest gap around the week; ties: the
/// pattern that starts soonest, then the earliest days), repeated in 7-day blocks counted from the
/// first dosing day (so "weeks 1-4" are the patient's weeks, not calendar weeks). A phase of one
/// session every n weeks uses the first pattern day of every n-th block, counted from the previous
/// phase's last block; one every n days takes the first allowed day at least n days after the
/// previous dose. Preparation, integration and therapy sessions go on support days (the allowed
/// days plus Monday to Friday) that hold no dosing session.
///
/// The first dosing day is the start (or the day after the last preparation session) when that is an
/// allowed day: a k-a-week phase then uses the most spread pattern that contains that weekday,
/// provided it keeps at least 2 days between doses; otherwise the most spread pattern overall is
/// used and a note says why the start moved.
enum Scheduler {
    struct Options: Sendable {
        var start: CivilDate
        var allowed: Set<Weekday>
        var timeMin: Int
        /// Total dosing sessions (nil: the protocol's count).
        var sessions: Int?
        /// Extra unscheduled dosing sessions (date, minutes after midnight).
        var extra: [(date: CivilDate, timeMin: Int)]
        var windowMin: Double
        var observationMin: Double
        init(start: CivilDate, allowed: Set<Weekday>, timeMin: Int, sessions: Int? = nil, extra: [(date: CivilDate, timeMin: Int)] = [],
                    windowMin: Double = 90, observationMin: Double = 60) {
            self.start = start
            self.allowed = allowed
            self.timeMin = timeMin
            self.sessions = sessions
            self.extra = extra
            self.windowMin = windowMin
            self.observationMin = observationMin
        }
    }

    /// The phases cut or extended to `total` sessions (the last phase absorbs the difference).
    static func phases(_ p: ProtocolTemplate, total: Int?) -> [ProtocolTemplate.Phase] {
        guard let total else { return p.schedule }
        var out: [ProtocolTemplate.Phase] = []
        var left = total
        for (i, ph) in p.schedule.enumerated() where left > 0 {
            var q = ph
            q.sessions = i == p.schedule.count - 1 ? left : Swift.min(ph.sessions, left)
            left -= q.sessions
            out.append(q)
        }
        return out
    }

    /// The k-day weekday pattern: maximal smallest circular gap, then soonest first day on or after
    /// `earliest`, then earliest days counted from `anchor` (the weekday the pattern is read from).
    /// `including`: only patterns that contain this weekday.
    static func pattern(k: Int, allowed: Set<Weekday>, earliest: CivilDate?, anchor: Weekday, including: Weekday? = nil) -> [Weekday]? {
        let days = allowed.sorted { ($0.rawValue - anchor.rawValue + 7) % 7 < ($1.rawValue - anchor.rawValue + 7) % 7 }
        guard k >= 1, days.count >= k else { return nil }
        if let w = including, !allowed.contains(w) { return nil }
        var best: (gap: Int, first: Int, subset: [Weekday])? = nil
        func visit(_ start: Int, _ chosen: [Weekday]) {
            if chosen.count == k {
                if let w = including, !chosen.contains(w) { return }
                let offs = chosen.map { ($0.rawValue - anchor.rawValue + 7) % 7 }
                var gap = 7
                if k > 1 { for i in 0..<k { gap = Swift.min(gap, (offs[(i + 1) % k] - offs[i] + 7) % 7 == 0 ? 7 : (offs[(i + 1) % k] - offs[i] + 7) % 7) } }
                var first = 0
                if let e = earliest { first = chosen.map { ($0.rawValue - e.weekday.rawValue + 7) % 7 }.min()! }
                if let b = best {
                    if gap < b.gap { return }
                    if gap == b.gap && first > b.first { return }
                    if gap == b.gap && first == b.first { return }   // lexicographic order: the earlier subset won
                }
                best = (gap, first, chosen)
                return
            }
            if start >= days.count { return }
            for i in start..<days.count { visit(i + 1, chosen + [days[i]]) }
        }
        visit(0, [])
        return best?.subset
    }

    static func firstOnOrAfter(_ d: CivilDate, in set: Set<Weekday>) -> CivilDate {
        var x = d
        while !set.contains(x.weekday) { x = x.adding(days: 1) }
        return x
    }

    /// Checks that the allowed weekdays can hold every phase; the error names --weekdays.
    static func checkFits(_ p: ProtocolTemplate, allowed: Set<Weekday>, weekdaysText: String) throws {
        guard !allowed.isEmpty else { throw PlanError("--weekdays: '\(weekdaysText)' allows no day") }
        for ph in p.schedule {
            if let k = ph.perWeek, allowed.count < k {
                let days = allowed.sorted().map { $0.short.lowercased() }.joined(separator: ",")
                throw PlanError("--weekdays: '\(weekdaysText)' gives \(allowed.count) dosing day\(allowed.count == 1 ? "" : "s") a week (\(days)); \(p.id) needs \(k) a week\(ph.label.map { " in its \($0) phase" } ?? "")")
            }
        }
    }

    /// The calendar: dosing sessions in order (numbered 1…), then support sessions, all sorted by date and time.
    static func calendar(_ p: ProtocolTemplate, _ o: Options) throws -> [CalendarEntry] {
        try layout(p, o).entries
    }

    /// The smallest circular gap (days) of a weekday pattern (7 for one day).
    static func smallestGap(_ days: [Weekday]) -> Int {
        guard days.count > 1 else { return 7 }
        let r = days.map(\.rawValue).sorted()
        return zip(r, r.dropFirst() + [r[0] + 7]).map { $1 - $0 }.min()!
    }

    /// The calendar and notes on how it was laid out (a start day that could not be honoured).
    static func layout(_ p: ProtocolTemplate, _ o: Options) throws -> (entries: [CalendarEntry], notes: [String]) {
        var notes: [String] = []
        let phases = phases(p, total: o.sessions)
        let support = o.allowed.union([.mon, .tue, .wed, .thu, .fri])
        var entries: [CalendarEntry] = []
        // Preparation sessions open the course.
        var earliest = o.start
        if let prep = p.preparation {
            var d = firstOnOrAfter(o.start, in: support)
            for i in 0..<(prep.count ?? 1) {
                entries.append(CalendarEntry(kind: .preparation, date: d, timeMin: o.timeMin, durationMin: prep.durationMin, number: nil, phase: nil,
                                             label: "preparation" + ((prep.count ?? 1) > 1 ? " \(i + 1)/\(prep.count!)" : "")))
                earliest = d.adding(days: 1)
                d = firstOnOrAfter(d.adding(days: 1), in: support)
            }
        }
        // Dosing dates.
        var dates: [(CivilDate, String?)] = []
        var anchor: CivilDate? = nil
        var nextBlock = 0, lastBlock = -1
        for (pi, ph) in phases.enumerated() {
            if let k = ph.perWeek {
                guard var pat = pattern(k: k, allowed: o.allowed, earliest: anchor == nil ? earliest : nil, anchor: anchor?.weekday ?? earliest.weekday) else {
                    throw PlanError("--weekdays: too few days for \(k) sessions a week")
                }
                // Honour an allowed first day unless that forces doses on consecutive days.
                if anchor == nil, o.allowed.contains(earliest.weekday), !pat.contains(earliest.weekday) {
                    if let own = pattern(k: k, allowed: o.allowed, earliest: earliest, anchor: earliest.weekday, including: earliest.weekday), smallestGap(own) >= 2 {
                        pat = own
                    } else {
                        let first = firstOnOrAfter(earliest, in: Set(pat))
                        notes.append("first dosing day \(first) (\(first.weekday.short)), not \(earliest) (\(earliest.weekday.short)): no \(k)-a-week pattern of the allowed days (\(o.allowed.sorted().map { $0.short.lowercased() }.joined(separator: ","))) that includes \(earliest.weekday.short) keeps 2 days between doses")
                    }
                }
                let set = Set(pat)
                if anchor == nil { anchor = firstOnOrAfter(earliest, in: set) }
                let a = anchor!
                var n = 0, block = nextBlock
                while n < ph.sessions {
                    let from = a.adding(days: 7 * block)
                    for i in 0..<7 where n < ph.sessions {
                        let d = from.adding(days: i)
                        if set.contains(d.weekday) { dates.append((d, ph.label)); n += 1 }
                    }
                    lastBlock = block
                    block += 1
                }
                nextBlock = block
            } else if let w = ph.everyWeeks {
                let pat = pattern(k: 1, allowed: o.allowed, earliest: anchor == nil ? earliest : nil, anchor: anchor?.weekday ?? earliest.weekday)!
                if anchor == nil { anchor = firstOnOrAfter(earliest, in: Set(pat)) }
                let a = anchor!
                var block = pi == 0 || lastBlock < 0 ? nextBlock : lastBlock + w
                for _ in 0..<ph.sessions {
                    let from = a.adding(days: 7 * block)
                    dates.append((firstOnOrAfter(from, in: o.allowed), ph.label))
                    lastBlock = block
                    block += w
                }
                nextBlock = lastBlock + 1
            } else if let n = ph.everyDays {
                var d: CivilDate
                if let last = dates.last?.0 { d = firstOnOrAfter(last.adding(days: n), in: o.allowed) } else {
                    d = firstOnOrAfter(earliest, in: o.allowed)
                    anchor = d
                }
                for i in 0..<ph.sessions {
                    if i > 0 { d = firstOnOrAfter(dates.last!.0.adding(days: n), in: o.allowed) }
                    dates.append((d, ph.label))
                }
                let a = anchor!
                lastBlock = (dates.last!.0.daysSinceEpoch - a.daysSinceEpoch) / 7
                nextBlock = lastBlock + 1
            }
        }
        var dosing = dates.map { (date: $0.0, time: o.timeMin, phase: $0.1) }
        // An added session comes within the course, after its first scheduled dosing session (one
        // before it would become dose 1, the start of the escalation, and renumber the course).
        let first = dosing.min { ($0.date, $0.time) < ($1.date, $1.time) }
        for e in o.extra {
            if let f = first, (e.date, e.timeMin) < (f.date, f.time) {
                throw PlanError("--add-dose: \(e.date) \(CivilDate.timeText(e.timeMin)) is before the first dosing session (\(f.date) \(CivilDate.timeText(f.time))); move --start instead")
            }
            dosing.append((e.date, e.timeMin, "added"))
        }
        dosing.sort { ($0.date, $0.time) < ($1.date, $1.time) }
        let total = dosing.count
        let dosingDays = Set(dosing.map(\.date))
        for (i, d) in dosing.enumerated() {
            entries.append(CalendarEntry(kind: .dosing, date: d.date, timeMin: d.time, durationMin: o.windowMin + o.observationMin, number: i + 1,
                                         phase: d.phase, label: "dosing \(i + 1)/\(total)"))
        }
        var taken = Set<CivilDate>()
        func supportDay(onOrAfter d0: CivilDate) -> CivilDate {
            var d = firstOnOrAfter(d0, in: support)
            while dosingDays.contains(d) || taken.contains(d) { d = firstOnOrAfter(d.adding(days: 1), in: support) }
            return d
        }
        if let integ = p.integration {
            for (i, d) in dosing.enumerated() {
                let day = supportDay(onOrAfter: d.date.adding(days: Swift.max(1, integ.afterDays ?? 1)))
                taken.insert(day)
                entries.append(CalendarEntry(kind: .integration, date: day, timeMin: o.timeMin, durationMin: integ.durationMin, number: i + 1,
                                             phase: nil, label: "integration after dosing \(i + 1)"))
            }
        }
        if let th = p.therapy, let first = dosing.first?.date {
            for j in 0..<th.count {
                let offset = Int((Double(j) * Double(th.overWeeks * 7) / Double(th.count)).rounded())
                let day = supportDay(onOrAfter: first.adding(days: offset))
                taken.insert(day)
                entries.append(CalendarEntry(kind: .therapy, date: day, timeMin: o.timeMin, durationMin: th.durationMin, number: nil,
                                             phase: nil, label: "\(th.name) \(j + 1)/\(th.count)"))
            }
        }
        return (entries.sorted { ($0.date, $0.timeMin, $0.kind == .dosing ? 1 : 0) < ($1.date, $1.timeMin, $1.kind == .dosing ? 1 : 0) }, notes)
    }
}
