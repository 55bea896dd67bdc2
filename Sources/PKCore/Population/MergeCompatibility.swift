extension DistributionAccumulator {
    /// Why `o` cannot be merged into this accumulator (nil when it can): the checks `merge` asserts.
    func mergeProblem(_ o: DistributionAccumulator) -> String? {
        if isExact != o.isExact || (sum == nil) != (o.sum == nil) || (sumSquares == nil) != (o.sumSquares == nil) {
            return "different kinds of accumulators"
        }
        if (sketch == nil) != (o.sketch == nil) { return "one keeps a sketch, the other does not" }
        if let a = sketch, let b = o.sketch, a.alpha != b.alpha || a.zeroBelow != b.zeroBelow { return "sketches of different accuracy" }
        return nil
    }
}

extension PopulationAccumulator {
    /// Why `o` cannot be merged into this accumulator (nil when it can). Accumulators read from files
    /// (`ketasim merge`) are checked with this first, so an edited or foreign shard is an error, not a trap.
    public func mergeProblem(_ o: PopulationAccumulator) -> String? {
        guard metrics.count == o.metrics.count, thresholdCounts.count == o.thresholdCounts.count,
              o.bands.isEmpty || bands.count == o.bands.count else { return "accumulators of different plans" }
        for (a, b) in zip(metrics, o.metrics) { if let p = a.mergeProblem(b) { return p } }
        for (a, b) in zip(bands, o.bands) { if let p = a.mergeProblem(b) { return p } }
        return nil
    }
}
