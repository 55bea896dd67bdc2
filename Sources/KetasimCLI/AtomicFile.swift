import Foundation
import PKProfiles
import Reports
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file all at once through an `OutputFile`: the text goes to an exclusively created
/// temporary file in the same folder, which is synced and then renamed over the target, so a
/// failure, an interruption or a crash never leaves a partial output file, and nobody who can write
/// to the folder can make ketasim write anywhere else.
public enum AtomicFile {
    public static func write(_ text: String, to path: String, flag: String = "--out") throws {
        try prepare(text, to: path, flag: flag).commit()
    }

    /// The text written and synced into a temporary file beside `path`, not yet renamed: `commit()`
    /// puts it in place, `abort()` (or dropping the value) removes it. For an output that must
    /// appear only after others (batch's summary, which `--resume` takes as the sign of a finished run).
    static func prepare(_ text: String, to path: String, flag: String = "--out") throws -> OutputFile {
        let f = try OutputFile(path: path, flag: flag)
        do { try f.write(Data(text.utf8)) } catch { f.abort(); throw error }
        f.removeOnSignal()
        return f
    }

    /// Whether `path` can be a finished output: a regular file (not a symbolic link, which ketasim
    /// never leaves under an output's name) whose name is not one of ketasim's temporary files.
    static func isCompleted(_ path: String) -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return false }
        let name = (path as NSString).lastPathComponent
        return !OutputFile.isTemporaryName(name)
    }

    /// Reads a text file, with an error naming the flag and path.
    public static func read(_ path: String, flag: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else { throw CLIError.failure("\(flag): file '\(path)' not found") }
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.failure("\(flag): cannot read '\(path)'") }
        guard let s = String(data: data, encoding: .utf8) else { throw CLIError.failure("\(flag): '\(path)' is not UTF-8 text") }
        return s
    }
}

/// One output file, written (all at once or as a stream) into a temporary file beside the target and
/// renamed over it by `commit()`. The low-level file code of every ketasim output:
///
/// - The temporary file is `.<name>.ketasim-<pid>-<16 hex digits>.tmp`, created with
///   O_CREAT|O_EXCL|O_NOFOLLOW (mode 0600, a new random name on EEXIST): an existing path, symbolic
///   link or not, is never opened, so a file planted in the folder cannot redirect the output.
/// - `commit()` sets the mode to 0666 & ~umask, fsyncs the data, renames (rename(2) replaces the name
///   atomically; an existing symbolic link under the target's name is replaced, not followed) and
///   fsyncs the folder: after a crash the target is the old file or the whole new one.
/// - Any error is a one-line `CLIError.failure` naming the flag and path, and removes the temporary
///   file (so does `abort()`, and dropping an uncommitted file).
/// - Creating a file removes the temporary files left for the same target name by processes that are
///   gone (kill(pid, 0) fails with ESRCH); those of live processes are never touched.
/// - A device or pipe (`isDevice`: /dev/null, /dev/stdout, a FIFO) is written straight into, never
///   replaced: run as root, renaming a temporary file over /dev/null would turn it into a regular
///   file for every program on the machine.
final class OutputFile: @unchecked Sendable {
    let path: String
    let flag: String
    /// Full path of the temporary file (for the signal handler that removes it on Ctrl-C).
    let tempPath: String
    let tempName: String
    private let name: String
    private var fd: Int32 = -1
    private var dirFD: Int32 = -1
    private var signalToken: Int?
    private var syncFolder = true
    /// Written straight into the target (a device or pipe): no temporary file, no rename.
    private var direct = false

    /// Whether `path` names a device or pipe rather than a file: a path under /dev/ (where ketasim
    /// never creates or replaces a name), or a character device, FIFO or socket itself (checked
    /// without following a symbolic link, so a link planted in a folder is replaced as before,
    /// never written through).
    static func isDevice(_ path: String) -> Bool {
        if URL(fileURLWithPath: path).standardizedFileURL.path.hasPrefix("/dev/") { return true }
        var st = stat()
        guard lstat(path, &st) == 0 else { return false }
        let kind = st.st_mode & S_IFMT
        return kind == S_IFCHR || kind == S_IFIFO || kind == S_IFSOCK
    }

    /// Creates the temporary file for `path`. `tempName` forces the temporary name (tests only):
    /// one attempt, which fails if anything exists under that name.
    init(path: String, flag: String = "--out", tempName forced: String? = nil) throws {
        self.path = path
        self.flag = flag
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        name = url.lastPathComponent
        if forced == nil && OutputFile.isDevice(path) {
            // Opened as it is (never created: a name under /dev/ that does not exist is an error).
            repeat { fd = open(path, O_WRONLY | O_CLOEXEC) } while fd < 0 && errno == EINTR
            guard fd >= 0 else { throw CLIError.failure("\(flag): cannot write '\(path)': \(OutputFile.errorText())") }
            direct = true
            tempName = ""
            tempPath = ""
            return
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw CLIError.failure("\(flag): folder '\(dir.path)' does not exist")
        }
        // Everything below happens relative to this descriptor: the temporary file, the rename and the
        // folder sync are in one folder even if the path's components change meanwhile.
        dirFD = open(dir.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        #if os(Linux)
        if dirFD < 0 && errno == EACCES {
            // A folder we may write to but not list: a path-only descriptor still serves openat and
            // renameat, but cannot be synced.
            dirFD = open(dir.path, OutputFile.pathOnly | O_DIRECTORY | O_CLOEXEC)
            syncFolder = false
        }
        #endif
        guard dirFD >= 0 else { throw CLIError.failure("\(flag): cannot write '\(path)': \(OutputFile.errorText())") }
        OutputFile.removeStale(dirFD: dirFD, directory: dir.path, target: name)
        var attempt = 0
        var chosen = ""
        while true {
            chosen = forced ?? OutputFile.temporaryName(for: name, pid: getpid())
            fd = openat(dirFD, chosen, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 { break }
            let e = errno
            attempt += 1
            if e == EEXIST && forced == nil && attempt < 100 { continue }
            if e == EINTR && attempt < 100 { continue }
            close(dirFD)
            dirFD = -1
            throw CLIError.failure("\(flag): cannot write '\(path)': \(OutputFile.errorText(e))")
        }
        tempName = chosen
        tempPath = dir.appendingPathComponent(chosen).path
    }

    deinit { if fd >= 0 || dirFD >= 0 { abort() } }

    /// Has the temporary file removed if the process is interrupted (see `TempFileCleanup`) until
    /// the file is committed or aborted.
    func removeOnSignal() {
        if signalToken == nil && !direct { signalToken = TempFileCleanup.register([tempPath]) }
    }

    private func releaseSignal() {
        if let t = signalToken { TempFileCleanup.unregister(t); signalToken = nil }
    }

    /// Appends `data`; on an error (ENOSPC, EIO, ...) the temporary file is removed.
    func write(_ data: Data) throws {
        guard fd >= 0 else { throw CLIError.failure("\(flag): cannot write '\(path)': file already closed") }
        let e: Int32 = data.withUnsafeBytes { raw in
            guard var p = raw.baseAddress else { return 0 }
            var left = raw.count
            while left > 0 {
                let n = OutputFile.systemWrite(fd, p, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if n == 0 { return EIO }
                p += n
                left -= n
            }
            return 0
        }
        if e != 0 { throw fail(e) }
    }

    /// Puts the file in place: mode, fsync, rename over the target, fsync of the folder.
    func commit() throws {
        guard fd >= 0 else { throw CLIError.failure("\(flag): cannot write '\(path)': file already closed") }
        if direct {
            // Nothing to put in place (and a device need not support fsync).
            let closed = close(fd)
            fd = -1
            if closed != 0 && errno != EINTR { throw CLIError.failure("\(flag): cannot write '\(path)': \(OutputFile.errorText())") }
            return
        }
        if fchmod(fd, OutputFile.normalMode()) != 0 { throw fail(errno) }
        while fsync(fd) != 0 { if errno != EINTR { throw fail(errno) } }
        let closed = close(fd)
        fd = -1
        if closed != 0 && errno != EINTR { throw fail(errno) }
        if renameat(dirFD, tempName, dirFD, name) != 0 { throw fail(errno) }
        // The new name is in place; make it durable. File systems that cannot sync a folder say so
        // with EINVAL or ENOTSUP: nothing more can be done there.
        var e: Int32 = 0
        while syncFolder && fsync(dirFD) != 0 {
            if errno == EINTR { continue }
            if errno != EINVAL && errno != ENOTSUP && errno != EOPNOTSUPP { e = errno }
            break
        }
        close(dirFD)
        dirFD = -1
        releaseSignal()
        if e != 0 { throw CLIError.failure("\(flag): cannot write '\(path)': \(OutputFile.errorText(e))") }
    }

    /// Closes and removes the temporary file (a no-op once committed or aborted).
    func abort() {
        if fd >= 0 { close(fd); fd = -1 }
        if dirFD >= 0 {
            unlinkat(dirFD, tempName, 0)
            close(dirFD)
            dirFD = -1
        }
        releaseSignal()
    }

    /// Removes the temporary file; the error `e` as a one-line failure naming the flag and path.
    private func fail(_ e: Int32) -> CLIError {
        abort()
        return CLIError.failure("\(flag): cannot write '\(path)': \(OutputFile.errorText(e))")
    }

    // MARK: - Temporary names

    static let marker = ".ketasim-"

    /// The part of the target's name kept in its temporary names (at most 200 bytes, so the whole
    /// name stays within the usual 255-byte limit).
    static func stem(_ name: String) -> String {
        var s = ""
        var bytes = 0
        for c in name.unicodeScalars {
            bytes += String(c).utf8.count
            if bytes > 200 { break }
            s.unicodeScalars.append(c)
        }
        return s
    }

    /// `.<name>.ketasim-<pid>-<16 random hex digits>.tmp`.
    static func temporaryName(for name: String, pid: pid_t) -> String {
        var g = SystemRandomNumberGenerator()
        let r = String(g.next() as UInt64, radix: 16)
        return ".\(stem(name))\(marker)\(pid)-\(String(repeating: "0", count: 16 - r.count) + r).tmp"
    }

    /// The owner's PID if `entry` is a temporary name of ketasim for the target `name`.
    static func owner(of entry: String, target name: String) -> pid_t? {
        let prefix = ".\(stem(name))\(marker)"
        guard entry.hasPrefix(prefix), entry.hasSuffix(".tmp") else { return nil }
        return owner(middle: entry.dropFirst(prefix.count).dropLast(4))
    }

    /// "<pid>-<16 hex digits>" → pid.
    private static func owner(middle: Substring) -> pid_t? {
        let parts = middle.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 16, parts[1].allSatisfy(\.isHexDigit),
              !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              let pid = pid_t(parts[0]), pid > 0 else { return nil }
        return pid
    }

    /// Whether `entry` has the form of any of ketasim's temporary names.
    static func isTemporaryName(_ entry: String) -> Bool {
        guard entry.hasPrefix("."), entry.hasSuffix(".tmp"), let r = entry.range(of: marker, options: .backwards) else { return false }
        return owner(middle: entry[r.upperBound...].dropLast(4)) != nil
    }

    /// Removes the temporary files for `target` in the folder whose owner process is gone. Best
    /// effort: a folder that cannot be listed is left as it is.
    static func removeStale(dirFD: Int32, directory: String, target: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        let me = getpid()
        for entry in entries {
            guard let pid = owner(of: entry, target: target), pid != me else { continue }
            guard kill(pid, 0) != 0 && errno == ESRCH else { continue }   // alive, or not ours to signal
            var st = stat()
            guard fstatat(dirFD, entry, &st, AT_SYMLINK_NOFOLLOW) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            unlinkat(dirFD, entry, 0)
        }
    }

    // MARK: - System helpers

    #if os(Linux)
    /// O_PATH (not exported to Swift by Glibc); its value on the usual Linux architectures.
    static let pathOnly: Int32 = 0o10000000
    #endif

    /// 0666 & ~umask: the mode a plain file created by the user gets.
    static func normalMode() -> mode_t { 0o666 & ~currentUmask() }

    private static let umaskLock = NSLock()

    /// The process's umask: from /proc/self/status on Linux (read-only), otherwise set and restored
    /// (to 077 in between, so a file another thread creates meanwhile is never more open).
    static func currentUmask() -> mode_t {
        #if os(Linux)
        if let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = s.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
           let m = mode_t(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8) {
            return m
        }
        #endif
        umaskLock.lock()
        defer { umaskLock.unlock() }
        let m = umask(0o077)
        _ = umask(m)
        return m
    }

    static func errorText(_ e: Int32 = errno) -> String { String(cString: strerror(e)) }

    static func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, p, n)
        #elseif canImport(Musl)
        return Musl.write(fd, p, n)
        #else
        return Darwin.write(fd, p, n)
        #endif
    }
}
