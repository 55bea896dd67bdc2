import PKCore
import PKProfiles

extension CoursePredictor {
    /// Adds the predicted effect of `pd` to each session of `predictions` (same order as `doses`):
    /// the course is simulated on the profile augmented with the PD model's effect site
    /// (`EffectSite.augment`, exact), and each session's peak effect-site concentration and its time
    /// are roots of that solution between the session's dose and the next one.
    public func addEffects(_ predictions: inout [SessionPrediction], _ doses: [CourseDose], pd: PDModel) throws {
        guard !doses.isEmpty, let ke0 = pd.ke0.value, let c50 = pd.c50?.value else { return }
        let aug = try ProfileModel(try EffectSite.augment(profile.profile, with: pd))
        // The added ke0 is the last parameter (unit 1/h, no covariate effect or eta).
        let params = parameters + [ke0]
        let times = doses.map(\.timeH)
        let endH = times.last! + 72
        var grid: [Double] = [0, endH]
        for (i, t) in times.enumerated() {
            let next = i + 1 < times.count ? times[i + 1] : endH
            var k = 0
            while t + Double(k) / 60 < Swift.min(next, t + 6) - 1e-9 { grid.append(t + Double(k) / 60); k += 1 }
        }
        grid = Array(Set(grid.filter { $0 >= 0 && $0 <= endH })).sorted()
        let c = try regimen(doses).compile(on: aug.dosing, parameters: params)
        let r = try Simulator.simulate(model: c.model, records: c.records, timesH: grid)
        guard let o = r.trajectory.models[0].outputIndex(EffectSite.outputName) else { return }
        for (i, t0) in times.enumerated() where i < predictions.count {
            let t1 = i + 1 < times.count ? times[i + 1] : endH
            let (ce, tmax) = CurveAnalysis(trajectory: r.trajectory, output: o, startH: t0, endH: Swift.max(t0, t1)).peak()
            predictions[i].effectModel = pd.name
            predictions[i].effectCeMaxNgPerML = ce
            predictions[i].effectTmaxMin = (tmax - t0) * 60
            predictions[i].effectPeakCeOverC50 = ce / c50
        }
    }
}
