import PKCore

/// A literature model profile: structure, typical parameters with units and sources, covariate
/// scaling, inter-individual variability, residual error and routes. Stored as JSON in the top-level
/// `Profiles/` folder (schema in `Profiles/README.md`); the built-in ones are embedded at build time.
///
/// Numbers keep the units they were published in (1/min, L/kg, mL/min/kg, …); `ProfileModel`
/// converts them to h, L, mg. Every parameter names its source, citing `Profiles/references.json` by
/// key (`[zanos-2018 Table 1]`, see `Bibliography`); `unconfirmed` marks numbers not confirmed against
/// the primary paper, and `calc` marks our own arithmetic.
public struct Profile: Sendable, Codable, Equatable {
    public var name: String
    public var title: String
    /// "racemic" or "S-ketamine": which concentration bands apply.
    public var analyte: String
    public var drug: String
    public var population: String
    public var citation: String
    /// Sampling site of the source data (venous/arterial), when known.
    public var sampling: String?
    public var notes: [String]?
    public var parameters: [Parameter]
    public var compartments: [LinearModelSpec.Compartment]
    public var flows: [LinearModelSpec.Flow]
    public var outputs: [LinearModelSpec.Output]
    public var routes: [String: RouteDefinition]
    public var covariates: [Covariate]?
    public var covariateEffects: [CovariateEffect]?
    public var variability: [RandomEffect]?
    public var correlations: [Correlation]?
    public var residualError: [ResidualError]?

    public struct Parameter: Sendable, Codable, Equatable {
        public var name: String
        public var value: Double
        /// Published unit: L, L/h, L/min, mL/min, L/kg, mL/min/kg, L/h/kg, 1/h, 1/min, h, min, fraction, mg/h, mg/L, …
        public var unit: String
        public var source: String
        public var unconfirmed: Bool?
        public var calc: Bool?
        public var note: String?
    }

    /// A covariate with its reference value (for scaling), typical value and population distribution.
    public struct Covariate: Sendable, Codable, Equatable {
        public var name: String
        public var unit: String
        public var reference: Double
        public var typical: Double
        public var distribution: Distribution?
        public var source: String?
    }

    /// How a covariate is drawn for a virtual population.
    public struct Distribution: Sendable, Codable, Equatable {
        /// "uniform" (low, high), "normal" (mean, sd, optional low/high truncation), "lognormal"
        /// (mean and sd of the log), "bernoulli" (p of value 1), "fixed" (the typical value).
        public var kind: String
        public var mean: Double?
        public var sd: Double?
        public var low: Double?
        public var high: Double?
        public var p: Double?
    }

    /// A covariate effect on a parameter:
    /// - "power": × (cov/ref)^exponent (allometry);
    /// - "linear": × (1 + slope·(cov − ref));
    /// - "linearAbove": + slope·max(0, cov − threshold) in the parameter's published unit;
    /// - "factor": × factor when cov == level (categorical, e.g. ASIAN = 1).
    public struct CovariateEffect: Sendable, Codable, Equatable {
        public var parameter: String
        public var covariate: String
        public var kind: String
        public var exponent: Double?
        public var slope: Double?
        public var threshold: Double?
        public var level: Double?
        public var factor: Double?
        public var source: String
        public var unconfirmed: Bool?
    }

    /// Between-subject variability on one parameter. Give `variance` (ω²), `cv` (%, converted to
    /// ω² = ln(1 + CV²) for exponential etas) or `sd` (ω). transform: "exponential" (P·e^η),
    /// "logit" (logit P + η, for fractions), "additive" (P + η).
    public struct RandomEffect: Sendable, Codable, Equatable {
        public var name: String
        public var parameter: String
        public var variance: Double?
        public var cv: Double?
        public var sd: Double?
        public var transform: String?
        public var source: String
        public var unconfirmed: Bool?
        public var note: String?
    }

    /// Covariance (or correlation) between two etas.
    public struct Correlation: Sendable, Codable, Equatable {
        public var first: String
        public var second: String
        public var covariance: Double?
        public var correlation: Double?
        public var source: String
    }

    /// Residual error on an output: proportional (fraction SD), additive (SD in the output's unit),
    /// exponential (SD on the log scale).
    public struct ResidualError: Sendable, Codable, Equatable {
        public var output: String
        public var proportional: Double?
        public var additive: Double?
        public var exponential: Double?
        public var source: String
        public var unconfirmed: Bool?
    }

    /// True when any number in the profile is marked UNCONFIRMED.
    public var hasUnconfirmed: Bool {
        parameters.contains { $0.unconfirmed == true } || (covariateEffects ?? []).contains { $0.unconfirmed == true }
            || (variability ?? []).contains { $0.unconfirmed == true } || (residualError ?? []).contains { $0.unconfirmed == true }
    }
}

/// A named concentration band (plasma ketamine) for overlays and the planner.
public struct ConcentrationBand: Sendable, Codable, Equatable {
    public var name: String
    public var analyte: String
    public var lowNgPerML: Double
    /// nil for open-ended bands (≥ low).
    public var highNgPerML: Double?
    public var source: String
    public var unconfirmed: Bool?
    public var note: String?
}
