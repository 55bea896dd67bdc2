import Foundation
import PKCore
import PKProfiles
import Reports
import Studies

/// W4 (issue 15): `nm --sim` on a NONMEM data set, through the study and table API the CLI uses
/// (`NonmemSimulation` + `NonmemSimTable`, rows formatted on the workers, emitted in order).
extension Bench {
    /// A data set of `ids` individuals, 20 records each: an IV loading infusion into central at 0 h,
    /// an oral dose into depot.po at 2 h repeated every 12 h (ADDL 3), 18 observations over 48 h;
    /// body weight 50-109 kg by ID (a covariate of the profile).
    static func w4Data(ids: Int) -> String {
        var s = "ID,TIME,EVID,AMT,CMT,RATE,II,ADDL,DV,WT\n"
        let obs = [0.25, 0.5, 1, 1.5, 2.5, 3, 4, 6, 8, 12, 14, 16, 20, 24, 28, 36, 40, 48]
        for id in 1...ids {
            let wt = 50 + (id * 37) % 60
            s += "\(id),0,1,\(10 + id % 3 * 5),central,\(30 + id % 4 * 10),0,0,.,\(wt)\n"
            for t in obs where t < 2 { s += "\(id),\(t),0,0,central,0,0,0,.,\(wt)\n" }
            s += "\(id),2,1,\(50 + id % 5 * 25),depot.po,0,12,3,.,\(wt)\n"
            for t in obs where t >= 2 { s += "\(id),\(t),0,0,central,0,0,0,.,\(wt)\n" }
        }
        return s
    }

    /// Counts the bytes the CLI would write; keeps nothing.
    final class CountingSink: NonmemSimulationSink, @unchecked Sendable {
        let table: NonmemSimTable
        var bytes = 0
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        init(_ t: NonmemSimTable) { table = t }
        func format(_ pieces: [NonmemSimulation.Piece]) -> String { table.rows(pieces) }
        func emit(_ chunk: String) {   // serialised by the pipeline
            bytes += chunk.utf8.count
            for b in chunk.utf8 { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        }
    }

    static func w4(_ report: inout Report, ids: Int, replicates: Int, threads: Int, repeats: Int) throws {
        print("\n== W4: nm --sim on a NONMEM data set (\(ids) IDs x 20 records, IV infusion + oral ADDL, WT covariate), fanta-otto-2021, --sim \(replicates)")
        let data = w4Data(ids: ids)
        let pm = try ProfileLibrary.load("fanta-otto-2021")
        let rowsOne = Double(ids * 20)
        var csvBytes = 0
        let single = try timed(repeats) {
            let r = try NonmemStudy.run(dataText: data, model: .profile(pm))
            csvBytes = try NonmemTable.csv(r).utf8.count
        }
        print("   single run (nm, typical values, $TABLE): \(thousands(rowsOne / single.best)) rows/s (best \(f(single.best * 1000)) ms, median \(f(single.median * 1000)) ms; \(csvBytes) bytes)")
        var bytes = 0
        var hash: UInt64 = 0
        let sim = try timed(max(1, repeats / 2)) {
            let s = try NonmemSimulation(dataText: data, model: .profile(pm), replicates: replicates, seed: 1, residual: ResidualError(additive: 1, proportional: 0.2))
            let sink = CountingSink(try NonmemSimTable(s))
            try s.run(replicates: 1...replicates, threads: threads, sink: sink)
            bytes = sink.bytes
            hash = sink.hash
        }
        let rowsSim = rowsOne * Double(replicates)
        print("   --sim \(replicates), \(threads) thread(s): \(thousands(rowsSim / sim.best)) rows/s = \(thousands(Double(ids * replicates) / sim.best)) individuals/s (best \(f(sim.best, 2)) s, median \(f(sim.median, 2)) s; \(bytes) bytes, FNV-1a \(String(hash, radix: 16)))")
        report.figures["w4_ids"] = Double(ids)
        report.figures["w4_replicates"] = Double(replicates)
        report.figures["w4_single_rows_per_s"] = rowsOne / single.best
        report.figures["w4_sim_rows_per_s"] = rowsSim / sim.best
        report.figures["w4_sim_best_s"] = sim.best
        report.figures["w4_sim_median_s"] = sim.median
    }
}
