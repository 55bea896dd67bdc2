/// Why a simulation could not produce a result. Each message names the quantity and the value.
public struct SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
