/// A linear compartment model with concrete parameter values: dA/dt = K·A + r(t).
///
/// States are drug amounts (mg) in compartments, or concentrations (mg/L) for effect sites, in the
/// order of `stateNames`. Time is in hours, so K is per hour and r in mg/h.
public struct LinearModel: Sendable {
    /// Names of the states, in state order.
    public var stateNames: [String]
    /// The rate matrix K (1/h).
    public var rateMatrix: Matrix
    /// True for states holding an amount of drug (mg, parent-equivalent); false for effect-site
    /// concentrations and other non-mass states. Used for mass balance.
    public var isMassState: [Bool]
    /// Named outputs computed from one state each.
    public var outputs: [ModelOutput]
    /// Per-state first-order loss out of the system (1/h): the part of each state's outflow that goes
    /// to no other state. Used for mass balance and exposure bookkeeping.
    public var eliminationRatePerH: [Double]

    /// A linear model from its states, rate matrix (1/h; `dA/dt = K·A + inputs`), mass flags and
    /// outputs; the elimination rates (1/h) are derived from the matrix.
    public init(
        stateNames: [String], rateMatrix: Matrix, isMassState: [Bool], outputs: [ModelOutput],
        eliminationRatePerH: [Double]
    ) {
        precondition(rateMatrix.rows == stateNames.count && rateMatrix.isSquare, "rate matrix size")
        precondition(isMassState.count == stateNames.count, "mass-state flags size")
        precondition(eliminationRatePerH.count == stateNames.count, "elimination vector size")
        self.stateNames = stateNames
        self.rateMatrix = rateMatrix
        self.isMassState = isMassState
        self.outputs = outputs
        self.eliminationRatePerH = eliminationRatePerH
    }

    /// Number of states.
    @inlinable public var stateCount: Int { stateNames.count }

    /// Index of the state called `name`, if any.
    public func stateIndex(_ name: String) -> Int? { stateNames.firstIndex(of: name) }

    /// Index of the output called `name` (case-insensitive), if any.
    public func outputIndex(_ name: String) -> Int? {
        outputs.firstIndex { $0.name.lowercased() == name.lowercased() }
    }

    /// The value of output `o` for the state vector `a`.
    @inlinable
    public func outputValue(_ o: Int, _ a: [Double]) -> Double {
        outputs[o].scale * a[outputs[o].state]
    }
}

/// An output of a model: `scale × A[state]`, e.g. a plasma concentration in ng/mL as
/// `1000 / V1 × A_central` (mg / L = µg/mL = 1000 ng/mL).
public struct ModelOutput: Sendable, Equatable {
    /// Output name, e.g. "CP".
    public var name: String
    /// The state it reads.
    public var state: Int
    /// Factor from the state's unit to the output's unit.
    public var scale: Double
    /// Unit of the output, e.g. "ng/mL".
    public var unit: String

    /// An output: state `state` times `scale` (e.g. mg/L → ng/mL: 1000 / V), in `unit`.
    public init(name: String, state: Int, scale: Double, unit: String) {
        self.name = name
        self.state = state
        self.scale = scale
        self.unit = unit
    }
}
