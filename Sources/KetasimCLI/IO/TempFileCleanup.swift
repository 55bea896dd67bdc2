import Foundation

/// Removes the runs' temporary files if the process is interrupted (SIGINT, SIGTERM, SIGHUP), then
/// dies of the same signal. Handlers are installed while at least one batch run writes (runs may
/// overlap in one process, e.g. in tests) and the previous ones restored after the last.
enum TempFileCleanup {
    static let lock = NSLock()
    nonisolated(unsafe) static var registered: [Int: [UnsafeMutablePointer<CChar>]] = [:]
    /// What the handler unlinks: a snapshot of all registered paths.
    nonisolated(unsafe) static var snapshot: [UnsafeMutablePointer<CChar>] = []
    nonisolated(unsafe) static var nextToken = 0
    nonisolated(unsafe) static var previous: [(Int32, sighandler_t?)] = []
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    /// The signal mask before the handlers went in (restored with them).
    nonisolated(unsafe) static var blockedBefore = sigset_t()

    /// Registers files for removal on a signal; returns the token for `unregister`.
    static func register(_ files: [String]) -> Int {
        lock.lock()
        defer { lock.unlock() }
        nextToken += 1
        // (An output written straight into a device has no temporary file: an empty path.)
        registered[nextToken] = files.filter { !$0.isEmpty }.map { strdup($0) }
        snapshot = registered.values.flatMap { $0 }
        if previous.isEmpty {
            // A signal the parent set to be ignored stays ignored (`nohup` ignores SIGHUP; a
            // background job of a non-interactive shell ignores SIGINT): it would not end the
            // process, so there is nothing to clean up for it. The others get the handler.
            var handled: [Int32] = []
            previous = signals.map { s in
                let before = signal(s, SIG_IGN)
                if unsafeBitCast(before, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { return (s, before) }
                handled.append(s)
                _ = signal(s, { sig in
                    for p in TempFileCleanup.snapshot { unlink(p) }
                    signal(sig, SIG_DFL)
                    raise(sig)
                })
                return (s, before)   // the handler to restore: the parent's, not the transient SIG_IGN
            }
            // A parent may also have left them blocked (test harnesses spawn children with most
            // signals blocked): a SIGTERM would stay pending, the process run on and be killed
            // outright, leaving the temporary files. The handled ones are unblocked on this thread,
            // so the kernel delivers them here; restored with the handlers.
            var set = sigset_t()
            sigemptyset(&set)
            for s in handled { sigaddset(&set, s) }
            pthread_sigmask(SIG_UNBLOCK, &set, &blockedBefore)
        }
        return nextToken
    }

    static func unregister(_ token: Int) {
        lock.lock()
        defer { lock.unlock() }
        let paths = registered.removeValue(forKey: token) ?? []
        snapshot = registered.values.flatMap { $0 }
        for p in paths { free(p) }
        if registered.isEmpty {
            for (s, h) in previous { signal(s, h) }
            previous = []
            pthread_sigmask(SIG_SETMASK, &blockedBefore, nil)
        }
    }
}
