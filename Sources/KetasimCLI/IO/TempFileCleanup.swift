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

    /// Registers files for removal on a signal; returns the token for `unregister`.
    static func register(_ files: [String]) -> Int {
        lock.lock()
        defer { lock.unlock() }
        nextToken += 1
        registered[nextToken] = files.map { strdup($0) }
        snapshot = registered.values.flatMap { $0 }
        if previous.isEmpty {
            // A parent may have left these signals blocked (test harnesses and some job runners
            // spawn children with most signals blocked): then a SIGTERM would stay pending, the
            // process would run on and be killed outright, leaving the temporary files. Unblocked on
            // this thread, the kernel delivers them here.
            var set = sigset_t()
            sigemptyset(&set)
            for s in signals { sigaddset(&set, s) }
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            previous = signals.map { s in
                (s, signal(s, { sig in
                    for p in TempFileCleanup.snapshot { unlink(p) }
                    signal(sig, SIG_DFL)
                    raise(sig)
                }))
            }
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
        }
    }
}
