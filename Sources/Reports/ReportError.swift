/// A report that cannot be drawn from the data it was given (e.g. a population run that kept no
/// concentration bands). The message is one line naming the option and the reason; the CLI reports
/// it as a usage error (exit 64).
public struct ReportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The one-line message.
    public let message: String
    /// A report error with its one-line message.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
