/// Hairer's stiffness test for DOPRI5 (HNW II §IV.2 "Automatic stiffness detection"; dopri5.f):
/// after each accepted step, h·ρ with ρ ≈ ‖k7 − k6‖/‖y1 − y_stage6‖ estimates h·|λ_max|. Values
/// above 3.25 mean the step is limited by the stability boundary (≈ 3.3 on the negative real
/// axis) rather than by accuracy. Stiffness is declared after 15 such steps, with the count reset
/// by 6 consecutive steps below the threshold.
///
/// Used by `ODEMethod.automatic` to switch from DOPRI5 to Rodas4 for the rest of a solve. Checked
/// on every accepted step (dopri5.f's default checks every 1000th): the test costs 2n flops.
@usableFromInline
struct StiffnessDetector {
    @usableFromInline var stiffCount = 0
    @usableFromInline var nonStiffCount = 0

    @inlinable static var threshold: Double { 3.25 }
    @inlinable static var stiffSteps: Int { 15 }
    @inlinable static var resetSteps: Int { 6 }

    @inlinable init() {}

    /// Feeds one accepted step's h·ρ estimate; returns true when stiffness is declared.
    @inlinable
    mutating func update(hRho: Double) -> Bool {
        if hRho > StiffnessDetector.threshold {
            nonStiffCount = 0
            stiffCount += 1
            return stiffCount >= StiffnessDetector.stiffSteps
        }
        nonStiffCount += 1
        if nonStiffCount >= StiffnessDetector.resetSteps { stiffCount = 0 }
        return false
    }
}
