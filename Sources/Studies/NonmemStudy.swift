import PKCore
import PKProfiles

/// `nm`: a NONMEM-format data set through a model with NONMEM 7.5 event semantics (exact linear
/// solution, or the ODE solvers for a nonlinear text model). The data set and model come as text
/// or values: reading files is the caller's job.
public enum NonmemStudy {
    /// The model a data set runs on.
    public enum Model: Sendable {
        /// A literature profile at its typical covariates; compartments in the profile's order.
        case profile(ProfileModel)
        /// A linear model (built-in or from a JSON model file).
        case linear(LinearModelSpec)
        /// A text model (`.model` language) with ODE options.
        case text(source: String, name: String, options: ODEOptions)
    }

    /// The rows NONMEM would print, the solver used and a label naming the model and its source.
    public struct Result: Sendable {
        public var run: NonmemRun.Result
        public var modelLabel: String
        /// The data set as parsed: its header and every row's cells as written (for the $TABLE echo).
        public var data: NonmemDataset
    }

    /// Runs `dataText` (a NONMEM CSV) on `model`. Throws `DataError` for the data set (with line
    /// and column), `StudyError` for the model.
    public static func run(dataText: String, model: Model) throws -> Result {
        let data = try NonmemDataset(parsing: dataText)
        switch model {
        case .profile(let pm):
            return Result(run: try NonmemRun.simulate(data, model: pm.dosing.compiled),
                          modelLabel: "profile \(pm.profile.name) (\(pm.profile.citation))", data: data)
        case .linear(let spec):
            let compiled: CompiledModel
            do { compiled = try CompiledModel(spec) } catch let e as ModelSpecError {
                throw StudyError("model", "\(spec.name): \(e.message)", isUsage: false)
            }
            return Result(run: try NonmemRun.simulate(data, model: compiled),
                          modelLabel: "model \(spec.name)\(spec.description.map { " (\($0))" } ?? "")", data: data)
        case .text(let source, let name, let options):
            let tm: TextModel
            do { tm = try TextModel(source: source, options: options) } catch let e as ModelSpecError {
                throw StudyError("model", "\(name): \(e.message)", isUsage: false)
            }
            return Result(run: try NonmemRun.simulate(data, model: tm), modelLabel: "text model \(name)", data: data)
        }
    }
}
