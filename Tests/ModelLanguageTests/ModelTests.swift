import Foundation
import Testing
import TestSupport
@testable import ModelLanguage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct ModelTests {
    @Test func parametersStatesOutputsAndUnits() throws {
        let m = try ModelProgram(source: k6MMSource)
        #expect(m.parameterNames == ["VMAX", "KM", "V1", "Q2", "V2", "Q3", "V3", "KA", "fm", "CLm", "Vm", "ke0"])
        #expect(m.parameterDefaults == [400, 5, 20, 120, 60, 30, 150, 8, 0.8, 25, 120, 12])
        #expect(m.parameterUnits == ["mg/h", "mg/L", "L", "L/h", "L", "L/h", "L", "1/h", nil, "L/h", "L", "1/h"])
        #expect(m.stateNames == ["depot", "central", "periph2", "periph3", "norket", "ce"])
        #expect(m.stateCount == 6)
        #expect(m.outputNames == ["CP"])
        #expect(m.registersAreInBounds())
    }

    @Test func michaelisMentenRightHandSideByHand() throws {
        let m = try ModelProgram(source: k6MMSource)
        let x = [10.0, 40.0, 30.0, 50.0, 7.0, 1.5]
        // C = 40/20 = 2 mg/L; ELIM = 400*2/(5+2) = 800/7 mg/h.
        let elim = 800.0 / 7.0
        let expected = [
            -8.0 * 10,
            8.0 * 10 - elim - 150.0 / 20 * 40 + 120.0 / 60 * 30 + 30.0 / 150 * 50,
            120.0 / 20 * 40 - 120.0 / 60 * 30,
            30.0 / 20 * 40 - 30.0 / 150 * 50,
            0.8 * elim - 25.0 / 120 * 7,
            12.0 * (2 - 1.5),
        ]
        let dx = rhs(m, x: x)
        for i in 0..<6 { #expect(close(dx[i], expected[i]), "state \(i): \(dx[i]) vs \(expected[i])") }
        #expect(outs(m, x: x) == [2000])
    }

    @Test func derivedOrderDoesNotDependOnFileOrder() throws {
        let m = try ModelProgram(source: """
            [derived]
            D = C * 2
            C = B + 1
            [parameters]
            V = 4
            [derived]
            B = central / V + t
            [odes]
            d/dt(central) = -D
            [outputs]
            OUT = D
            BB = B
            """)
        // central 8, t 1: B = 8/4 + 1 = 3, C = 4, D = 8.
        #expect(rhs(m, t: 1, x: [8]) == [-8])
        #expect(outs(m, t: 1, x: [8]) == [8, 3])
        #expect(m.stateNames == ["central"])
    }

    @Test func initialConditionsUseParametersAndParameterOnlyDerived() throws {
        let m = try ModelProgram(source: """
            [parameters]
            DOSE = 100 [mg]
            F = 0.5
            [derived]
            AMT = DOSE * F
            [states]
            depot = AMT
            central = DOSE / 4
            periph
            [odes]
            d/dt(depot) = -depot
            d/dt(central) = depot - central
            d/dt(periph) = 0
            """)
        #expect(m.initialState(parameters: m.parameterDefaults) == [50, 25, 0])
        #expect(m.initialState(parameters: [8, 1]) == [8, 2, 0])
    }

    @Test func statesWithoutStatesSectionFollowFirstAppearance() throws {
        let m = try ModelProgram(source: """
            [odes]
            d/dt(b) = -b
            d/dt(a) = b
            """)
        #expect(m.stateNames == ["b", "a"])
        #expect(m.initialState(parameters: []) == [0, 0])
        #expect(rhs(m, x: [2, 5]) == [-2, 2])
    }

    @Test func jacobianMatchesFiniteDifferencesOnMichaelisMenten() throws {
        let m = try ModelProgram(source: k6MMSource)
        let n = m.stateCount
        for x in [[10.0, 40.0, 30.0, 50.0, 7.0, 1.5], [0.0, 3.0, 1.0, 0.5, 0.1, 0.05], [100.0, 0.2, 80.0, 300.0, 20.0, 4.0]] {
            let analytic = jac(m, x: x)
            let numeric = finiteDifferenceJacobian(m, x: x)
            for i in 0..<(n * n) {
                #expect(close(analytic[i], numeric[i], rel: 1e-6, abs: 1e-8),
                        "J[\(i / n)][\(i % n)] = \(analytic[i]) vs FD \(numeric[i]) at \(x)")
            }
        }
        // One entry by hand: ∂(d central/dt)/∂central = -VMAX·KM/(V1·(KM + C)²) - (Q2 + Q3)/V1, C = 2.
        let j = jac(m, x: [10, 40, 30, 50, 7, 1.5])
        #expect(close(j[1 * n + 1], -400.0 * 5 / (20 * 49) - 150.0 / 20))
        #expect(j[0 * n + 1] == 0)
    }

    @Test func jacobianMatchesFiniteDifferencesForEveryFunction() throws {
        let m = try ModelProgram(source: """
            [parameters]
            k = 1.3
            [derived]
            S = x * y + exp(-k * x)
            [odes]
            d/dt(x) = log(1 + x * x) + sqrt(y) * S - pow(x, y) + x ^ 3 / y
            d/dt(y) = abs(x - 2 * y) + min(x, y) * max(x * x, y) + if(x > y, x * y, -y / x)
            d/dt(z) = x ^ y + 2 ^ z + z ^ 2.5 - t * z + (x < y) * z
            """)
        #expect(m.registersAreInBounds())
        let n = m.stateCount
        for (t, x) in [(0.5, [1.7, 0.6, 1.1]), (2.0, [0.4, 1.9, 0.8])] {
            let analytic = jac(m, t: t, x: x)
            let numeric = finiteDifferenceJacobian(m, t: t, x: x)
            for i in 0..<(n * n) {
                #expect(close(analytic[i], numeric[i], rel: 1e-6, abs: 1e-7),
                        "J[\(i / n)][\(i % n)] = \(analytic[i]) vs FD \(numeric[i]) at \(x)")
            }
        }
    }

    @Test func linearFormDetectsK6() throws {
        let m = try ModelProgram(source: k6LinearSource)
        let p = [80.0, 20, 120, 60, 30, 150, 8, 0.8, 25, 120, 12, 3.5]
        let form = try #require(m.linearForm(parameters: p))
        let (CL, V1, Q2, V2, Q3, V3, KA, fm, CLm, Vm, ke0) = (80.0, 20.0, 120.0, 60.0, 30.0, 150.0, 8.0, 0.8, 25.0, 120.0, 12.0)
        let expected: [[Double]] = [
            [-KA, 0, 0, 0, 0, 0],
            [KA, -(CL + Q2 + Q3) / V1, Q2 / V2, Q3 / V3, 0, 0],
            [0, Q2 / V1, -Q2 / V2, 0, 0, 0],
            [0, Q3 / V1, 0, -Q3 / V3, 0, 0],
            [0, fm * CL / V1, 0, 0, -CLm / Vm, 0],
            [0, ke0 / V1, 0, 0, 0, -ke0],
        ]
        #expect(form.k.count == 36)
        for i in 0..<6 {
            for j in 0..<6 {
                #expect(close(form.k[i * 6 + j], expected[i][j]), "K[\(i)][\(j)] = \(form.k[i * 6 + j])")
            }
        }
        #expect(form.b == [0, 3.5, 0, 0, 0, 0])
        // The analytic Jacobian of a linear model is K.
        #expect(zip(jac(m, x: [1, 2, 3, 4, 5, 6], p: p), form.k).allSatisfy { close($0, $1) })
    }

    @Test func linearFormRejectsNonlinearAndTimeDependentModels() throws {
        let mm = try ModelProgram(source: k6MMSource)
        #expect(mm.linearForm(parameters: mm.parameterDefaults) == nil)
        let timed = try ModelProgram(source: """
            [parameters]
            k = 1
            [odes]
            d/dt(x) = -k * x + if(t < 1, 5, 0)
            """)
        #expect(timed.linearForm(parameters: [1]) == nil)
        let timeCoefficient = try ModelProgram(source: "[odes]\nd/dt(x) = -t * x")
        #expect(timeCoefficient.linearForm(parameters: []) == nil)
        let absolute = try ModelProgram(source: "[odes]\nd/dt(x) = -abs(x)")
        #expect(absolute.linearForm(parameters: []) == nil)
    }

    @Test func linearFormAcceptsParameterBranchesAndDerivedCoefficients() throws {
        let m = try ModelProgram(source: """
            [parameters]
            KA = 2
            V = 4
            [derived]
            K10 = 8 / V
            C = x / V
            [odes]
            d/dt(x) = -if(KA > 1, K10, 2 * K10) * x - 3 * C * 0 + y
            d/dt(y) = C * 2 + 1
            """)
        let form = try #require(m.linearForm(parameters: [2, 4]))
        #expect(form.k == [-2, 1, 0.5, 0])
        #expect(form.b == [0, 1])
        let other = try #require(m.linearForm(parameters: [0.5, 8]))
        #expect(other.k == [-2, 1, 0.25, 0])
    }

    @Test func linearOutputs() throws {
        let m = try ModelProgram(source: k6LinearSource)
        let scales = try #require(m.linearOutputs(parameters: m.parameterDefaults))
        #expect(scales == [0, 1000.0 / 20, 0, 0, 0, 0])
        let mm = try ModelProgram(source: k6MMSource)
        #expect(mm.linearOutputs(parameters: mm.parameterDefaults) == [0, 50, 0, 0, 0, 0])

        let multi = try ModelProgram(source: """
            [parameters]
            V = 2
            [odes]
            d/dt(a) = -a
            d/dt(b) = a
            [outputs]
            SUM = (a + b) / V
            B = 3 * b
            """)
        #expect(multi.linearOutputs(parameters: [2]) == [0.5, 0.5, 0, 3])

        for output in ["a + 1", "a * a", "a * t", "exp(a)", "if(a > 1, a, 0)"] {
            let m = try ModelProgram(source: "[odes]\nd/dt(a) = -a\n[outputs]\nY = \(output)")
            #expect(m.linearOutputs(parameters: []) == nil, "\(output)")
        }
        // Constant term zero only for some parameters: decided per parameter set.
        let offset = try ModelProgram(source: "[parameters]\nc = 0\n[odes]\nd/dt(a) = -a\n[outputs]\nY = a + c")
        #expect(offset.linearOutputs(parameters: [0]) == [1])
        #expect(offset.linearOutputs(parameters: [1]) == nil)
    }

    @Test func noHeapAllocationShapeEvaluationIsRepeatable() throws {
        // The same scratch can be reused for every call kind, in any order.
        let m = try ModelProgram(source: k6MMSource)
        var scratch = m.makeScratch()
        let p = m.parameterDefaults
        let x = [10.0, 40.0, 30.0, 50.0, 7.0, 1.5]
        var dx = [Double](repeating: 0, count: 6)
        var j = [Double](repeating: 0, count: 36)
        var y = [0.0]
        for _ in 0..<3 {
            x.withUnsafeBufferPointer { xx in
                p.withUnsafeBufferPointer { pp in
                    dx.withUnsafeMutableBufferPointer { m.derivatives(t: 0, state: xx, parameters: pp, scratch: &scratch, into: $0) }
                    j.withUnsafeMutableBufferPointer { m.jacobian(t: 0, state: xx, parameters: pp, scratch: &scratch, into: $0) }
                    y.withUnsafeMutableBufferPointer { m.outputs(t: 0, state: xx, parameters: pp, scratch: &scratch, into: $0) }
                }
            }
            #expect(dx == rhs(m, x: x))
            #expect(j == jac(m, x: x))
            #expect(y == [2000])
        }
    }

    @Test func parameterSectionIsRecomputedWhenParametersChange() throws {
        let m = try ModelProgram(source: k6MMSource)
        var scratch = m.makeScratch()
        let x = [10.0, 40.0, 30.0, 50.0, 7.0, 1.5]
        var p2 = m.parameterDefaults
        p2[3] = 90  // Q2
        p2[2] = 25  // V1
        func call(_ p: [Double], _ program: Int) -> [Double] {
            var out = [Double](repeating: .nan, count: program == 0 ? 6 : program == 1 ? 36 : 1)
            x.withUnsafeBufferPointer { xx in
                p.withUnsafeBufferPointer { pp in
                    out.withUnsafeMutableBufferPointer { o in
                        switch program {
                        case 0: m.derivatives(t: 0, state: xx, parameters: pp, scratch: &scratch, into: o)
                        case 1: m.jacobian(t: 0, state: xx, parameters: pp, scratch: &scratch, into: o)
                        default: m.outputs(t: 0, state: xx, parameters: pp, scratch: &scratch, into: o)
                        }
                    }
                }
            }
            return out
        }
        let fresh = [
            [rhs(m, x: x), jac(m, x: x), outs(m, x: x)],
            [rhs(m, x: x, p: p2), jac(m, x: x, p: p2), outs(m, x: x, p: p2)],
        ]
        #expect(fresh[0][0] != fresh[1][0])
        // Interleave programs and parameter sets on one scratch.
        for (setIndex, program) in [(0, 0), (0, 1), (1, 0), (1, 0), (0, 2), (1, 1), (0, 0), (1, 2), (0, 1)] {
            let p = setIndex == 0 ? m.parameterDefaults : p2
            #expect(call(p, program) == fresh[setIndex][program], "set \(setIndex) program \(program)")
        }
        // Bitwise comparison: -0 and +0 are different parameter values.
        let signed = try ModelProgram(source: "[parameters]\nk = 0\n[odes]\nd/dt(x) = 1 / k + 0 * x")
        var s = signed.makeScratch()
        var dx = [0.0]
        for (k, expected) in [(0.0, Double.infinity), (-0.0, -Double.infinity), (0.0, Double.infinity)] {
            [1.0].withUnsafeBufferPointer { xx in
                [k].withUnsafeBufferPointer { pp in
                    dx.withUnsafeMutableBufferPointer { signed.derivatives(t: 0, state: xx, parameters: pp, scratch: &s, into: $0) }
                }
            }
            #expect(dx == [expected])
        }
    }

    @Test func longDerivedChainsDoNotRecurse() throws {
        // a0 = x, a_i = a_{i-1} * 1.001 + t, written in reverse order: 2000 levels of derived quantities.
        var lines = ["[odes]", "d/dt(x) = a2000", "[derived]"]
        for i in stride(from: 2000, through: 1, by: -1) { lines.append("a\(i) = a\(i - 1) * 1.001 + t") }
        lines.append("a0 = x")
        let m = try ModelProgram(source: lines.joined(separator: "\n"))
        let expected = Foundation.pow(1.001, 2000.0)
        #expect(close(rhs(m, t: 0, x: [1])[0], expected, rel: 1e-10))
        #expect(close(jac(m, t: 0.5, x: [1])[0], expected, rel: 1e-10))
    }

    @Test func sharedSubexpressionsAreComputedOnce() throws {
        // ELIM appears in two ODEs but is one derived quantity; C/(KM + C) is computed once.
        let m = try ModelProgram(source: k6MMSource)
        // 6 ODEs of the K6-MM model need well under 40 instructions after value numbering.
        #expect(m.derivativeInstructionCount < 40)
    }

    @Test func exampleProfileModelParses() throws {
        let source = try SharedData.k6mmModel()
        let m = try ModelProgram(source: source)
        #expect(m.stateNames == ["depot", "central", "periph2", "periph3", "norket", "ce"])
        #expect(m.outputNames == ["CP"])
        let reference = try ModelProgram(source: k6MMSource)
        // The file adds WT (default 70 kg, where its allometric scaling is exactly 1) for batch --model.
        #expect(Set(m.parameterNames) == Set(reference.parameterNames).union(["WT"]))
        #expect(m.parameterDefaults[m.parameterNames.firstIndex(of: "WT")!] == 70)
        let p = reference.parameterNames.map { name in
            m.parameterDefaults[m.parameterNames.firstIndex(of: name) ?? 0]
        }
        #expect(p == reference.parameterDefaults)
        let permuted = m.parameterNames.map { name in
            name == "WT" ? 70 : reference.parameterDefaults[reference.parameterNames.firstIndex(of: name) ?? 0]
        }
        let x = [10.0, 40.0, 30.0, 50.0, 7.0, 1.5]
        #expect(zip(rhs(m, x: x, p: permuted), rhs(reference, x: x)).allSatisfy { close($0, $1) })
        #expect(outs(m, x: x) == [2000])
        #expect(m.linearForm(parameters: m.parameterDefaults) == nil)
    }
}
