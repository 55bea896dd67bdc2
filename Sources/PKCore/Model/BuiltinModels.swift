/// Built-in linear models for `ketasim nm --model NAME`, numbered as NONMEM's ADVANs: with a depot,
/// compartment 1 is the depot and 2 the central one. Amounts in mg, volumes in L, time in h, so
/// CP = 1000·A/V is in ng/mL. Literature ketamine models are profiles (`ketasim nm --profile`).
public enum BuiltinModels {
    /// Names and one-line descriptions.
    public static let catalogue: [(name: String, summary: String)] = [
        ("1cmt-iv", "ADVAN1: central (CL, V)"),
        ("1cmt-oral", "ADVAN2: depot, central (CL, V, KA)"),
        ("2cmt-iv", "ADVAN3: central, peripheral (CL, V1, Q, V2)"),
        ("2cmt-oral", "ADVAN4: depot, central, peripheral (CL, V1, Q, V2, KA)"),
    ]

    /// The spec for a built-in name, or nil.
    public static func spec(named name: String) -> LinearModelSpec? {
        typealias S = LinearModelSpec
        switch name.lowercased() {
        case "1cmt-iv":
            return S(name: "1cmt-iv", parameters: [.init(name: "CL", value: 5, unit: "L/h"), .init(name: "V", value: 50, unit: "L")],
                     compartments: [.init(name: "CENTRAL", volume: "V")],
                     flows: [.init(from: "CENTRAL", to: nil, rate: "CL/V")], outputs: [.init(name: "CP", compartment: "CENTRAL")])
        case "1cmt-oral":
            return S(name: "1cmt-oral",
                     parameters: [.init(name: "CL", value: 5, unit: "L/h"), .init(name: "V", value: 50, unit: "L"), .init(name: "KA", value: 1, unit: "1/h")],
                     compartments: [.init(name: "DEPOT"), .init(name: "CENTRAL", volume: "V")],
                     flows: [.init(from: "DEPOT", to: "CENTRAL", rate: "KA"), .init(from: "CENTRAL", to: nil, rate: "CL/V")],
                     outputs: [.init(name: "CP", compartment: "CENTRAL")])
        case "2cmt-iv":
            return S(name: "2cmt-iv",
                     parameters: [.init(name: "CL", value: 5, unit: "L/h"), .init(name: "V1", value: 20, unit: "L"),
                                  .init(name: "Q", value: 10, unit: "L/h"), .init(name: "V2", value: 50, unit: "L")],
                     compartments: [.init(name: "CENTRAL", volume: "V1"), .init(name: "PERIPH", volume: "V2")],
                     flows: [.init(from: "CENTRAL", to: nil, rate: "CL/V1"), .init(from: "CENTRAL", to: "PERIPH", rate: "Q/V1"),
                             .init(from: "PERIPH", to: "CENTRAL", rate: "Q/V2")],
                     outputs: [.init(name: "CP", compartment: "CENTRAL")])
        case "2cmt-oral":
            return S(name: "2cmt-oral",
                     parameters: [.init(name: "CL", value: 5, unit: "L/h"), .init(name: "V1", value: 20, unit: "L"),
                                  .init(name: "Q", value: 10, unit: "L/h"), .init(name: "V2", value: 50, unit: "L"),
                                  .init(name: "KA", value: 1, unit: "1/h")],
                     compartments: [.init(name: "DEPOT"), .init(name: "CENTRAL", volume: "V1"), .init(name: "PERIPH", volume: "V2")],
                     flows: [.init(from: "DEPOT", to: "CENTRAL", rate: "KA"), .init(from: "CENTRAL", to: nil, rate: "CL/V1"),
                             .init(from: "CENTRAL", to: "PERIPH", rate: "Q/V1"), .init(from: "PERIPH", to: "CENTRAL", rate: "Q/V2")],
                     outputs: [.init(name: "CP", compartment: "CENTRAL")])
        default:
            return nil
        }
    }
}
