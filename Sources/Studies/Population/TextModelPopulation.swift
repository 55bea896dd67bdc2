import Foundation
import PKCore

/// How a text model's parameters become a subject's (`batch --model`): the file's defaults, each
/// covariate column in place of the parameter it names, then each `[omega]` eta's parameter times
/// exp(η) (NONMEM's log-normal convention).
public enum TextModelPopulation {
    /// The individual-parameter function for `PopulationStudy(parameterNames:individual:...)`.
    /// `covariateParameters[k]` is the parameter index that covariate k sets; `etaParameters[j]`
    /// the index eta j multiplies by exp(η_j).
    public static func individual(defaults: [Double], covariateParameters: [Int], etaParameters: [Int]) -> @Sendable (Subject) -> [Double] {
        { s in
            var p = defaults
            for (k, i) in covariateParameters.enumerated() { p[i] = s.covariates[k] }
            for (j, i) in etaParameters.enumerated() where j < s.etas.count { p[i] *= exp(s.etas[j]) }
            return p
        }
    }
}
