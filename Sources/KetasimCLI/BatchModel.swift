import Foundation
import PKCore
import PKProfiles
import Studies

/// `batch --model FILE.model`: a text model's population. Covariates are the model's parameters
/// named by --subjects columns (e.g. WT), set per subject; etas are the model's `[omega]` entries
/// (ETA_<PARAMETER>, P·exp(η)), read from --subjects columns mapped by name as for profiles
/// (ETA_VMAX, or eta_<PARAMETER> with trailing digits dropped if needed, or --eta-map) or drawn
/// from Ω. Without --subjects, every subject has the parameter defaults and drawn etas.
struct BatchTextModel {
    var model: TextModel
    var fileName: String
    var checksum: String
    /// Parameter index set by each covariate (in covariate order).
    var covariateParameters: [Int]
    var covariateNames: [String]
    /// Parameter index multiplied by exp(η) for each eta (Ω order).
    var etaParameters: [Int]
    var etaNames: [String]
    var covariates: [SubjectGenerator.CovariateSource] = []
    var etas: SubjectGenerator.EtaSource
    var ids: [String]?
    var rows: Int?
    var notes: [String] = []
    var subjectsText: String

    init(path: String, options: ODEOptions, subjectsPath: String?, etaMap: String?) throws {
        let source = try AtomicFile.read(path, flag: "--model")
        do { model = try TextModel(source: source, options: options) } catch let e as ModelSpecError {
            throw CLIError.failure("--model \(path): \(e.message)")
        }
        fileName = (path as NSString).lastPathComponent
        checksum = BatchJob.fnv1a(Data(source.utf8))
        let names = model.parameterNames
        let omega = model.program.omega
        etaParameters = omega?.parameters ?? []
        etaNames = etaParameters.map { "ETA_\(names[$0])" }
        var sampler: EtaSampler? = nil
        if let omega, !omega.parameters.isEmpty {
            var m = Matrix(rows: omega.parameters.count, cols: omega.parameters.count)
            m.elements = omega.matrix
            do { sampler = try EtaSampler(omega: m) } catch {
                throw CLIError.failure("--model \(path): [omega] is not positive definite (\(error))")
            }
        }
        etas = sampler.map { .draw($0) } ?? .none(count: etaParameters.count)
        covariateParameters = []
        covariateNames = []
        let etaDesc = etaNames.isEmpty ? "no variability ([omega] absent)" : "etas \(etaNames.joined(separator: ", ")) ~ N(0, Omega of [omega])"
        subjectsText = "drawn: parameter defaults of \(fileName); " + etaDesc
        guard let subjectsPath else {
            if etaMap != nil { throw CLIError.usage("--eta-map: only with --subjects") }
            return
        }
        let text = try AtomicFile.read(subjectsPath, flag: "--subjects")
        let at = "--subjects \(subjectsPath)"
        let table: CSVTable
        do { table = try CSVTable(parsing: text, what: at) } catch let e as DataError { throw CLIError.failure(e.message) }
        guard !table.rows.isEmpty else { throw CLIError.failure("\(at): no subject rows") }
        rows = table.rows.count
        func numbers(_ c: Int) throws -> [Double] { try SubjectsFile.numbers(table, column: c, at: at) }
        var used = Set<Int>()
        if let c = table.column("id") { used.insert(c); ids = table.rows.map { $0[c].trimmedSpaces } }
        var describe: [String] = []
        // Covariates: a column named like a parameter sets it.
        for (c, header) in table.header.enumerated() where !used.contains(c) {
            guard let k = names.firstIndex(where: { $0.caseInsensitiveEquals(header) }) else { continue }
            used.insert(c)
            covariateParameters.append(k)
            covariateNames.append(names[k])
            covariates.append(.column(try numbers(c)))
            describe.append("\(names[k]) from the file")
        }
        let targets = etaNames.indices.map { (name: etaNames[$0], parameter: names[etaParameters[$0]]) }
        let etaColumn = try SubjectsFile.etaColumns(table, skipping: used, targets: targets, etaMap: etaMap, path: subjectsPath, owner: "model \(fileName)",
                                                    notAnEta: "not a parameter or eta of model \(fileName)", noEtaHint: " in [omega]; map it with --eta-map",
                                                    at: at, notes: &notes)
        if !etaColumn.isEmpty {
            for (k, name) in etaNames.enumerated() where etaColumn[k] == nil {
                throw CLIError.failure("\(at): no column for eta \(name); the file gives some etas, so it must give all (map one with --eta-map COLUMN=\(name))")
            }
            etas = .columns(try etaNames.indices.map { try numbers(etaColumn[$0]!) })
            describe.append("etas " + etaNames.indices.map { "\(etaNames[$0])<-\(table.header[etaColumn[$0]!])" }.joined(separator: ", "))
        }
        subjectsText = "file \((subjectsPath as NSString).lastPathComponent) (\(table.rows.count) rows, FNV-1a \(BatchJob.fnv1a(Data(text.utf8)))): "
            + (describe.isEmpty ? "no columns used" : describe.joined(separator: "; "))
            + (etaColumn.isEmpty && !etaNames.isEmpty ? "; etas drawn from Omega" : "")
    }

    /// A subject's parameters (`TextModelPopulation.individual`).
    var individual: @Sendable (Subject) -> [Double] {
        TextModelPopulation.individual(defaults: model.defaultParameters, covariateParameters: covariateParameters, etaParameters: etaParameters)
    }
}
