/// A linear compartment model described by named parameters, compartments and first-order flows:
/// the form of built-in models and of user JSON model files (README, "Model files").
///
/// Rate expressions are products and quotients of parameter names and numbers ("CL/V1", "KA",
/// "0.5*Q/V2"). A flow removes `rate × A_from` from `from` and adds `yield × rate × A_from` to `to`
/// (yield defaults to 1; the rest leaves the system), so metabolite formation with a fraction fm is one
/// flow with yield "FM". An effect-site compartment holds a concentration Ce (mg/L) with
/// dCe/dt = ke0·(A_source/V_source − Ce).
public struct LinearModelSpec: Sendable, Codable, Equatable {
    /// Model name, used in messages and provenance.
    public var name: String
    /// Optional free-text description.
    public var description: String?
    /// Parameters in vector order; `CompiledModel` requires unique, non-empty names and finite values.
    public var parameters: [Parameter]
    /// Compartments in state order (state i is compartment i; NONMEM CMT = i + 1).
    public var compartments: [Compartment]
    /// First-order flows between compartments or out of the system.
    public var flows: [Flow]
    /// Named outputs (at least one is required to compile).
    public var outputs: [Output]
    /// Data-set column aliases: column name → parameter name (e.g. "BIOAV" → "F2").
    public var columns: [String: String]?

    /// Memberwise initializer; nothing is checked until `CompiledModel(_:)`.
    public init(
        name: String, description: String? = nil, parameters: [Parameter], compartments: [Compartment],
        flows: [Flow], outputs: [Output], columns: [String: String]? = nil
    ) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.compartments = compartments
        self.flows = flows
        self.outputs = outputs
        self.columns = columns
    }

    /// A named parameter with its typical value and unit (h, mg, L based: L/h, L, 1/h, h, fraction).
    public struct Parameter: Sendable, Codable, Equatable {
        /// Name used in rate, yield and fraction expressions.
        public var name: String
        /// Typical value, in `unit`.
        public var value: Double
        /// Unit as text (e.g. "L/h"); a label: PKCore does not convert by it.
        public var unit: String?
        /// Optional free-text description.
        public var description: String?
        /// Memberwise initializer.
        public init(name: String, value: Double, unit: String? = nil, description: String? = nil) {
            self.name = name
            self.value = value
            self.unit = unit
            self.description = description
        }
    }

    /// A compartment. `volume` names the parameter holding its volume (L), when it has one.
    /// The NONMEM-style dose modifiers default to F<n>, ALAG<n>, R<n>, D<n> (n = 1-based number).
    public struct Compartment: Sendable, Codable, Equatable {
        /// Compartment name, unique within the model.
        public var name: String
        /// Parameter holding the volume (L); outputs and effect sources divide the amount by it.
        public var volume: String?
        /// Makes this an effect-site compartment (state Ce in mg/L, not an amount; takes no flows).
        public var effect: EffectSite?
        /// Parameter for F (fraction of AMT entering), instead of the default F<n>.
        public var bioavailability: String?
        /// Parameter for the dose lag ALAG (h), instead of the default ALAG<n>.
        public var lag: String?
        /// Parameter for the modelled infusion rate (mg/h, RATE = −1), instead of the default R<n>.
        public var rate: String?
        /// Parameter for the modelled infusion duration (h, RATE = −2), instead of the default D<n>.
        public var duration: String?
        /// Memberwise initializer.
        public init(
            name: String, volume: String? = nil, effect: EffectSite? = nil, bioavailability: String? = nil,
            lag: String? = nil, rate: String? = nil, duration: String? = nil
        ) {
            self.name = name
            self.volume = volume
            self.effect = effect
            self.bioavailability = bioavailability
            self.lag = lag
            self.rate = rate
            self.duration = duration
        }
    }

    /// Effect-site link: Ce follows the concentration of `source` with rate constant `ke0` (1/h).
    public struct EffectSite: Sendable, Codable, Equatable {
        /// Name of the compartment whose concentration is followed; it must have a volume.
        public var source: String
        /// Name of the parameter holding ke0 (1/h).
        public var ke0: String
        /// Memberwise initializer.
        public init(source: String, ke0: String) {
            self.source = source
            self.ke0 = ke0
        }
    }

    /// A first-order flow out of `from` (into `to`, or out of the system when `to` is nil).
    public struct Flow: Sendable, Codable, Equatable {
        /// Source compartment name.
        public var from: String
        /// Target compartment name; nil means elimination from the system.
        public var to: String?
        /// Rate-constant expression (1/h), e.g. "CL/V1"; must evaluate finite and ≥ 0.
        public var rate: String
        /// Fraction of the flow arriving in `to` (expression in [0, 1], default 1); the rest is eliminated.
        public var yield: String?
        /// Memberwise initializer.
        public init(from: String, to: String?, rate: String, yield: String? = nil) {
            self.from = from
            self.to = to
            self.rate = rate
            self.yield = yield
        }
    }

    /// An output: `scale × A / V(compartment)` for a compartment with a volume, else `scale × state`.
    public struct Output: Sendable, Codable, Equatable {
        /// Output name, e.g. "CP".
        public var name: String
        /// Name of the compartment it reads.
        public var compartment: String
        /// Factor applied to A/V (mg/L), or to the state when the compartment has no volume;
        /// default 1000 (mg/L → ng/mL).
        public var scale: Double?
        /// Unit label of the output; default "ng/mL" (a label only: it does not change `scale`).
        public var unit: String?
        /// Memberwise initializer.
        public init(name: String, compartment: String, scale: Double? = nil, unit: String? = nil) {
            self.name = name
            self.compartment = compartment
            self.scale = scale
            self.unit = unit
        }
    }
}

/// An error in a model specification, naming the field and the value.
public struct ModelSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One-line message naming the field and the value.
    public let message: String
    /// Creates an error with `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// A rate expression compiled to a constant times a product of parameter powers (±1).
public struct RateExpression: Sendable, Equatable {
    /// Product of the numeric factors (a divisor contributes its reciprocal).
    public var constant: Double
    /// (parameter index, exponent +1 or −1)
    public var factors: [(Int, Double)]

    /// Equal when the constant and the ordered factor list are equal.
    public static func == (a: RateExpression, b: RateExpression) -> Bool {
        a.constant == b.constant && a.factors.elementsEqual(b.factors) { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    /// Parses "A*B/C" with parameter names from `index` and decimal numbers; no parentheses or +/−
    /// operators. Throws `ModelSpecError` naming `field` for an empty factor, an unknown name or a
    /// division by the number 0.
    public init(parsing text: String, field: String, index: [String: Int]) throws {
        constant = 1
        factors = []
        var sign = 1.0
        var token = ""
        func flush() throws {
            let t = token.trimmingCharacters(in: .whitespaces)
            guard !t.isEmpty else {
                throw ModelSpecError("\(field): malformed rate expression '\(text)'")
            }
            if let v = Double(t), v.isFinite {
                guard v != 0 || sign > 0 else { throw ModelSpecError("\(field): division by zero in '\(text)'") }
                constant *= sign > 0 ? v : 1 / v
            } else if let i = index[t] {
                factors.append((i, sign))
            } else {
                throw ModelSpecError("\(field): unknown parameter '\(t)' in '\(text)'")
            }
            token = ""
        }
        for ch in text {
            if ch == "*" || ch == "/" {
                try flush()
                sign = ch == "*" ? 1 : -1
            } else {
                token.append(ch)
            }
        }
        try flush()
    }

    /// Evaluates with parameter values `p` (indexed as in `index`); no range or sign checks.
    @inlinable
    public func evaluate(_ p: [Double]) -> Double {
        var v = constant
        for (i, e) in factors { v = e > 0 ? v * p[i] : v / p[i] }
        return v
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

extension Set where Element == Character {
    fileprivate static var whitespaces: Set<Character> { [" ", "\t", "\n", "\r"] }
}
