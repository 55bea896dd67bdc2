import Studies
/// A command-line failure with its exit code: 64 for usage errors (EX_USAGE), 1 for failures.
/// The message is one line naming the flag or field and the value.
public struct CLIError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public let exitCode: Int32

    public static func usage(_ message: String) -> CLIError { CLIError(message: message, exitCode: 64) }
    public static func failure(_ message: String) -> CLIError { CLIError(message: message, exitCode: 1) }

    public var description: String { message }
}

extension CLIError {
    /// A study's refusal as the command line reports it: the field as its option (`--route: ...`),
    /// exit 64 for a request that cannot run as given, 1 for data that failed.
    static func from(_ e: StudyError) -> CLIError {
        let text = e.field.isEmpty ? e.message : "--\(e.field): \(e.message)"
        return e.isUsage ? .usage(text) : .failure(text)
    }
}
