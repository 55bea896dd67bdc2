import Foundation
import PKProfiles

/// Progress on standard error: done/total, rate and ETA, after the first second, at most 4 times a
/// second on a terminal (one line, redrawn) and every 10 s otherwise (with --progress).
final class ProgressLine: @unchecked Sendable {
    let total: Int
    let console: Ketasim.Console
    let enabled: Bool
    let tty: Bool
    let start = Date()
    var last = Date.distantPast
    var shown = false

    init(total: Int, console: Ketasim.Console, enabled: Bool, tty: Bool) {
        self.total = total
        self.console = console
        self.enabled = enabled
        self.tty = tty
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed >= 1, now.timeIntervalSince(last) >= (tty ? 0.25 : 10) || done == total else { return }
        last = now
        let rate = Double(done) / elapsed
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let line = "ketasim batch: \(done)/\(total) subjects, \(NumberFormat.f(rate, 0))/s, ETA \(ProgressLine.clock(eta))"
        console.err(tty ? "\r\(line)   " : line + "\n")
        shown = true
    }

    func finish() { if shown && tty { console.err("\n") } }

    static func clock(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 3600 ? "\(t / 3600):" + String(format: "%02d:%02d", (t / 60) % 60, t % 60) : "\(t / 60):" + String(format: "%02d", t % 60)
    }
}
