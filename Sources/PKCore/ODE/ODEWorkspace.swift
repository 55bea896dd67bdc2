/// Preallocated storage for every stage vector, tolerance vector, dense-output coefficient and
/// the Rosenbrock Jacobian/LU of an n-state solve. Reuse one workspace across solves (one per
/// thread): `ODESolver.solve` allocates nothing in it when the dimension matches.
public struct ODEWorkspace: Sendable {
    /// State dimension the storage is laid out for.
    public private(set) var dimension: Int
    @usableFromInline var storage: [Double]
    @usableFromInline var pivots: [Int]

    /// Storage for an n-state system: 18·n + 2·n² doubles and n pivot indices.
    public init(dimension: Int) {
        precondition(dimension >= 0, "ODE dimension must be non-negative")
        self.dimension = dimension
        self.storage = [Double](repeating: 0, count: ODEBuffers.storageCount(dimension))
        self.pivots = [Int](repeating: 0, count: Swift.max(1, dimension))
    }

    /// Re-lays out the storage when `dimension` differs (the only allocation a solve may make here).
    @inlinable
    mutating func prepare(dimension n: Int) {
        if n != dimension { self = ODEWorkspace(dimension: n) }
    }

    /// Runs `body` with raw views of the storage, taken once per solve (no per-step CoW or
    /// exclusivity checks in the stepping loop).
    @inlinable
    mutating func withBuffers<R>(_ body: (ODEBuffers) throws -> R) rethrows -> R {
        let n = dimension
        return try storage.withUnsafeMutableBufferPointer { s in
            try pivots.withUnsafeMutableBufferPointer { p in
                try body(ODEBuffers(dimension: n, base: s.baseAddress!, pivots: p.baseAddress!))
            }
        }
    }
}

/// Pointer views into an `ODEWorkspace`, valid only inside `ODEWorkspace.withBuffers`.
///
/// DOPRI5 uses k1…k7 as its stages (k1 = f(t, y) on entry, k7 = f(t + h, y1) on exit, FSAL).
/// Rodas4 keeps f(t, y) in k1 (reused after a rejection) and its increments U1…U6 in k2…k7.
@usableFromInline
struct ODEBuffers {
    @usableFromInline let n: Int
    /// State at the start of the step, and the candidate at its end.
    @usableFromInline let y, y1: UnsafeMutablePointer<Double>
    /// Stage argument; after a DOPRI5 step it holds the stage-6 point (stiffness test).
    @usableFromInline let stage: UnsafeMutablePointer<Double>
    @usableFromInline let k1, k2, k3, k4, k5, k6, k7: UnsafeMutablePointer<Double>
    /// Per-component tolerances.
    @usableFromInline let rtol, atol: UnsafeMutablePointer<Double>
    /// Dense-output coefficients of the last accepted step (5·n).
    @usableFromInline let dense: UnsafeMutablePointer<Double>
    /// ∂f/∂t (Rosenbrock, non-autonomous systems).
    @usableFromInline let fx: UnsafeMutablePointer<Double>
    /// Jacobian and the LU factors of I/(γh) − J, row-major n × n.
    @usableFromInline let jac, lu: UnsafeMutablePointer<Double>
    @usableFromInline let pivots: UnsafeMutablePointer<Int>

    @inlinable
    static func storageCount(_ n: Int) -> Int { Swift.max(1, 18 * n + 2 * n * n) }

    @inlinable
    init(dimension n: Int, base: UnsafeMutablePointer<Double>, pivots: UnsafeMutablePointer<Int>) {
        self.n = n
        y = base
        y1 = base + n
        stage = base + 2 * n
        k1 = base + 3 * n
        k2 = base + 4 * n
        k3 = base + 5 * n
        k4 = base + 6 * n
        k5 = base + 7 * n
        k6 = base + 8 * n
        k7 = base + 9 * n
        rtol = base + 10 * n
        atol = base + 11 * n
        dense = base + 12 * n
        fx = base + 17 * n
        jac = base + 18 * n
        lu = base + 18 * n + n * n
        self.pivots = pivots
    }

    /// Scaled RMS norm √(Σ (e_i / sc_i)² / n), sc_i = atol_i + rtol_i · max(|y_i|, |y1_i|)
    /// (Hairer, Nørsett & Wanner, Solving ODEs I, II.4, eq. 4.11).
    @inlinable
    func errorNorm(_ e: UnsafeMutablePointer<Double>) -> Double {
        var sum = 0.0
        for i in 0..<n {
            let sc = atol[i] + rtol[i] * Swift.max(Swift.abs(y[i]), Swift.abs(y1[i]))
            let r = e[i] / Swift.max(sc, .leastNormalMagnitude)
            sum += r * r
        }
        return (sum / Double(n)).squareRoot()
    }

    /// Index of the first non-finite entry of `v`, or nil.
    @inlinable
    func firstNonFinite(_ v: UnsafeMutablePointer<Double>) -> Int? {
        for i in 0..<n where !v[i].isFinite { return i }
        return nil
    }

    /// Component index of the first non-finite value in y1 or the stage vectors k2…k7, or nil.
    @inlinable
    func firstNonFiniteInStep() -> Int? {
        for v in [y1, k7, k6, k5, k4, k3, k2] {
            if let i = firstNonFinite(v) { return i }
        }
        return nil
    }
}
