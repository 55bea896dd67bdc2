import Testing
@testable import PKCore

/// Output placement, workspace reuse and step bounds.
@Suite("ODE solver behaviour")
struct ODESolverBehaviourTests {
    static let pk = ODELinearSystem.threeCompartmentOral()
    static let x0: [Double] = [100, 0, 0, 0]

    @Test(arguments: [ODEMethod.dormandPrince54, .rodas4])
    func outputsAtTheEndsMatchInitialAndFinalStates(method: ODEMethod) throws {
        var workspace = ODEWorkspace(dimension: 4)
        let times: [Double] = [0, 0, 3, 3, 24]  // repeated times are allowed
        let r = try ODESolver.solve(Self.pk, t0: 0, x0: Self.x0, tEnd: 24, outputTimes: times,
                                    options: ODEOptions(method: method), workspace: &workspace)
        #expect(r.outputs.count == times.count * 4)
        #expect(Array(r.outputs[0..<4]) == Self.x0)
        #expect(Array(r.outputs[4..<8]) == Self.x0)
        #expect(Array(r.outputs[8..<12]) == Array(r.outputs[12..<16]))
        for i in 0..<4 {
            #expect(abs(r.outputs[16 + i] - r.final[i]) <= 1e-14 * max(1, abs(r.final[i])))
        }
        let exact = Self.pk.exact(24, x0: Self.x0)
        for i in 1..<4 { #expect(abs(r.final[i] - exact[i]) <= 1e-5 * exact[i]) }
    }

    @Test func emptyIntervalReturnsTheInitialState() throws {
        var workspace = ODEWorkspace(dimension: 4)
        let r = try ODESolver.solve(Self.pk, t0: 5, x0: Self.x0, tEnd: 5, outputTimes: [5], options: ODEOptions(),
                                    workspace: &workspace)
        #expect(r.final == Self.x0 && r.outputs == Self.x0)
        #expect(r.stats.acceptedSteps == 0 && r.stats.rhsEvaluations == 0)
    }

    /// Segment-by-segment use (one solve per dose interval) with one workspace: the storage is laid
    /// out once and the results equal a fresh workspace's.
    @Test func workspaceIsReusedWithoutReallocation() throws {
        var workspace = ODEWorkspace(dimension: 4)
        let base = workspace.storage.withUnsafeBufferPointer { $0.baseAddress }
        var state = Self.x0
        for segment in 0..<4 {
            let t0 = Double(segment) * 6
            state[0] += 100  // a dose into the depot at each segment start
            let r = try ODESolver.solve(Self.pk, t0: t0, x0: state, tEnd: t0 + 6, outputTimes: [t0 + 1],
                                        options: ODEOptions(), workspace: &workspace)
            var fresh = ODEWorkspace(dimension: 4)
            let f = try ODESolver.solve(Self.pk, t0: t0, x0: state, tEnd: t0 + 6, outputTimes: [t0 + 1],
                                        options: ODEOptions(), workspace: &fresh)
            #expect(r.final == f.final && r.outputs == f.outputs)
            state = r.final
        }
        #expect(workspace.storage.withUnsafeBufferPointer { $0.baseAddress } == base)
    }

    @Test func workspaceOfAnotherDimensionIsRelaidOut() throws {
        var workspace = ODEWorkspace(dimension: 2)
        let r = try ODESolver.solve(Self.pk, t0: 0, x0: Self.x0, tEnd: 2, outputTimes: [], options: ODEOptions(),
                                    workspace: &workspace)
        #expect(workspace.dimension == 4)
        let exact = Self.pk.exact(2, x0: Self.x0)
        for i in 0..<4 { #expect(abs(r.final[i] - exact[i]) <= 1e-5 * exact[i]) }
    }

    @Test func maxStepBoundsTheStepSize() throws {
        var workspace = ODEWorkspace(dimension: 4)
        let r = try ODESolver.solve(Self.pk, t0: 0, x0: Self.x0, tEnd: 24, outputTimes: [],
                                    options: ODEOptions(method: .rodas4, maxStepH: 0.5), workspace: &workspace)
        #expect(r.stats.acceptedSteps >= 48)
    }

    /// A long stiff-ish horizon (one week of terminal phase): automatic switches to Rodas4 and needs
    /// fewer steps than DOPRI5, whose steps are capped by its stability boundary.
    @Test func automaticSwitchesOnALongTerminalPhase() throws {
        func stats(_ method: ODEMethod) throws -> SolverStatistics {
            var workspace = ODEWorkspace(dimension: 4)
            return try ODESolver.solve(Self.pk, t0: 0, x0: Self.x0, tEnd: 168, outputTimes: [],
                                       options: ODEOptions(method: method), workspace: &workspace).stats
        }
        let auto = try stats(.automatic), dopri = try stats(.dormandPrince54)
        #expect(auto.methodUsed == .automatic)
        #expect(auto.acceptedSteps < dopri.acceptedSteps)
    }
}
