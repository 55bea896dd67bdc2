import Foundation
import PKCore

/// One virtual subject of `../shared/bench/subjects.csv`: weight (kg) and five etas
/// (CL, V1, Q2, V2, KA).
public struct BenchSubject: Sendable, Equatable {
    public var id: Int
    public var weightKg: Double
    public var etaCL: Double, etaV1: Double, etaQ2: Double, etaV2: Double, etaKA: Double
}

public enum BenchSubjects {
    /// `../shared/bench/subjects.csv` relative to the repository (found from this source file or the
    /// working directory).
    public static func sharedFile(_ name: String) -> URL? {
        let candidates = [
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("shared/bench/\(name)"),
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).deletingLastPathComponent().appendingPathComponent("shared/bench/\(name)"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// The first `n` subjects of the shared file, or nil when it is absent.
    public static func load(first n: Int) throws -> [BenchSubject]? {
        guard let url = sharedFile("subjects.csv") else { return nil }
        let text = try String(contentsOf: url, encoding: .utf8)
        var out: [BenchSubject] = []
        out.reserveCapacity(n)
        for line in text.split(separator: "\n").dropFirst() {
            if out.count == n { break }
            let f = line.split(separator: ",").map { Double($0) ?? .nan }
            guard f.count == 7, f.allSatisfy({ $0.isFinite }) else { throw DataError("subjects.csv: malformed row '\(line)'") }
            out.append(BenchSubject(id: Int(f[0]), weightKg: f[1], etaCL: f[2], etaV1: f[3], etaQ2: f[4], etaV2: f[5], etaKA: f[6]))
        }
        return out
    }

    /// Subjects with the same distributions (WT uniform 50–110 kg, etas N(0, 0.3²)) from a
    /// SplitMix64 stream, for machines without ../shared. Not the same draws as numpy's: checksums
    /// are then not comparable with the peer references, and the benchmark says so.
    public static func generate(_ n: Int, seed: UInt64 = 20261120) -> [BenchSubject] {
        var state = seed
        func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) * 0x1p-53
        }
        func normal() -> Double {
            let u1 = Swift.max(next(), 0x1p-53), u2 = next()
            return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        }
        return (0..<n).map { i in
            BenchSubject(id: i + 1, weightKg: 50 + 60 * next(), etaCL: 0.3 * normal(), etaV1: 0.3 * normal(),
                         etaQ2: 0.3 * normal(), etaV2: 0.3 * normal(), etaKA: 0.3 * normal())
        }
    }
}
