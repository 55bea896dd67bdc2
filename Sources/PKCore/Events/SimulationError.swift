/// Why a simulation could not produce a result. Each message names the quantity and the value.
public struct SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One line naming the quantity and the value.
    public let message: String
    /// An error with its one-line message.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
