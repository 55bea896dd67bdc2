import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's standard output and error, written with write(2) (Foundation's FileHandle traps in
/// a `try!` on a full device). Errors never trap:
///
/// - a closed pipe (`ketasim … | head`): SIGPIPE is ignored, EPIPE stops all further output, and the
///   process ends quietly with status 141 (128 + SIGPIPE, what a shell shows for `yes | head`), so a
///   script can still tell that the output was cut short;
/// - any other error on standard output (ENOSPC on `> /dev/full`, EIO): further output is dropped,
///   and the process ends with status 1 and one line on standard error naming the error.
///
/// Standard output is buffered (64 KiB) unless it is a terminal; standard error is not.
public final class StandardStreams: @unchecked Sendable {
    public static let shared = StandardStreams()

    private let lock = NSLock()
    private var buffer: [UInt8] = []
    private let buffered: Bool
    /// errno of the first failed write to standard output, 0 when none.
    private var outError: Int32 = 0

    private init() {
        signal(SIGPIPE, SIG_IGN)
        buffered = isatty(STDOUT_FILENO) != 1
        buffer.reserveCapacity(1 << 16)
    }

    /// Writes all of `bytes` to `fd`; returns 0 or the errno of the failure.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { return EIO }
            offset += n
        }
        return 0
    }

    private func flushLocked() {
        guard !buffer.isEmpty else { return }
        if outError == 0 { outError = buffer.withUnsafeBytes { StandardStreams.writeAll(STDOUT_FILENO, $0) } }
        buffer.removeAll(keepingCapacity: true)
    }

    public func out(_ s: String) {
        lock.lock(); defer { lock.unlock() }
        guard outError == 0 else { return }
        buffer.append(contentsOf: s.utf8)
        if !buffered || buffer.count >= 1 << 16 { flushLocked() }
    }

    public func err(_ s: String) {
        lock.lock(); defer { lock.unlock() }
        flushLocked()   // keep the order of the two streams
        var text = s
        _ = text.withUTF8 { StandardStreams.writeAll(STDERR_FILENO, UnsafeRawBufferPointer($0)) }
    }

    /// Flushes standard output and turns a write error into the exit status (see the type).
    public func finish(_ code: Int32) -> Int32 {
        lock.lock()
        flushLocked()
        let e = outError
        lock.unlock()
        if e == 0 { return code }
        if e == EPIPE { return 141 }
        err("ketasim: cannot write standard output: \(String(cString: strerror(e)))\n")
        return 1
    }
}

extension Ketasim {
    /// The executable's entry point: runs `args` on the real streams and returns the exit status.
    public static func main(_ args: [String]) -> Int32 {
        let streams = StandardStreams.shared
        return streams.finish(run(args, console: .standard()))
    }
}

extension Ketasim {
    /// An error message as exactly one line: control characters (a newline inside a file name or an
    /// argument echoed in the message) are written as escapes (\n, \r, \t, \u{..}).
    static func oneLine(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80..<0xA0).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 {
                    out += "\\u{\(String(u.value, radix: 16))}"
                } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
