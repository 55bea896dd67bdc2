/// How a dose enters its compartment.
public enum DoseInput: Sendable, Equatable {
    /// Instantaneous.
    case bolus
    /// Zero-order at a fixed rate (mg/h); the duration follows from the (bioavailable) amount.
    case rate(Double)
    /// Zero-order over a fixed duration (h); the rate follows from the (bioavailable) amount.
    case duration(Double)
}

/// NONMEM's SS data item.
public enum SteadyStateMode: Int, Sendable, Equatable {
    /// Not a steady-state dose.
    case none = 0
    /// Reset, then put the system at steady state for this dose (SS=1).
    case reset = 1
    /// Add this dose's steady state to the current state (SS=2).
    case superimpose = 2
}

/// One dose as NONMEM sees it on a data record, with F, lag, rate and duration already resolved to
/// numbers. Units: mg, h, mg/h. `compartment` is a 0-based state index.
public struct DoseInstruction: Sendable, Equatable {
    /// Receiving state, 0-based (NONMEM CMT − 1).
    public var compartment: Int
    /// AMT before bioavailability (mg).
    public var amountMg: Double
    /// F: the fraction of AMT that enters.
    public var bioavailability: Double
    /// ALAG (h): the dose enters this long after the record time.
    public var lagH: Double
    /// Bolus, or zero-order by RATE (mg/h) or duration D (h): NONMEM RATE > 0, −1 and −2 resolved.
    public var input: DoseInput
    /// II (h): interval of additional or steady-state doses.
    public var intervalH: Double
    /// ADDL: number of additional doses after this one, every `intervalH`.
    public var additionalDoses: Int
    /// SS: none, reset to steady state (SS=1) or superimpose it (SS=2); needs `intervalH` > 0
    /// (or a constant-rate infusion with AMT = 0).
    public var steadyState: SteadyStateMode

    /// Memberwise initializer; defaults: F = 1, no lag, bolus, no repeats, not steady state.
    /// Nothing is checked here.
    public init(compartment: Int, amountMg: Double, bioavailability: Double = 1, lagH: Double = 0,
                input: DoseInput = .bolus, intervalH: Double = 0, additionalDoses: Int = 0,
                steadyState: SteadyStateMode = .none) {
        self.compartment = compartment
        self.amountMg = amountMg
        self.bioavailability = bioavailability
        self.lagH = lagH
        self.input = input
        self.intervalH = intervalH
        self.additionalDoses = additionalDoses
        self.steadyState = steadyState
    }

    /// F·AMT (mg).
    @inlinable public var enteringAmountMg: Double { amountMg * bioavailability }

    /// Zero-order rate (mg/h) and duration (h) for infusions; nil for a bolus (or a zero duration).
    /// `.rate` must be > 0 (`EventEngine` throws otherwise; here a zero rate gives an infinite duration).
    /// F scales the amount: with a fixed RATE the duration is F·AMT/RATE; with a fixed duration D
    /// the rate is F·AMT/D (NONMEM 7.5 PREDPP; both pinned by the nmtests oracle).
    public var infusion: (rateMgPerH: Double, durationH: Double)? {
        switch input {
        case .bolus: return nil
        case .rate(let r): return (r, enteringAmountMg / r)
        case .duration(let d): return d > 0 ? (enteringAmountMg / d, d) : nil
        }
    }
}

/// One record of an event schedule, in time order. Records at equal times keep their order.
public struct EventRecord: Sendable, Equatable {
    /// What the record does, by NONMEM EVID (PREDPP event rules).
    public enum Action: Sendable, Equatable {
        /// EVID 0: observe.
        case observe
        /// EVID 1: dose.
        case dose(DoseInstruction)
        /// EVID 2: nothing but a time point (and a new parameter set).
        case other
        /// EVID 2 with a negative CMT: empty that compartment (0-based state index).
        case emptyCompartment(Int)
        /// EVID 3: every compartment to zero, pending doses and running infusions cancelled.
        case reset
        /// EVID 4: reset, then dose.
        case resetAndDose(DoseInstruction)
    }

    /// Record time (h); the schedule is sorted by it.
    public var timeH: Double
    /// What happens at `timeH`.
    public var action: Action
    /// Which model (parameter set) applies over the interval that ends at this record (NOCB).
    public var modelIndex: Int

    /// Memberwise initializer (model 0 by default).
    public init(timeH: Double, action: Action, modelIndex: Int = 0) {
        self.timeH = timeH
        self.action = action
        self.modelIndex = modelIndex
    }
}
