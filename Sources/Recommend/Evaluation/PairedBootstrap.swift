/// A paired bootstrap of the difference of two per-user metric lists (same users, same order):
/// how sure is "b beats a"?
public struct PairedBootstrap: Sendable {
    /// mean(b) − mean(a).
    public let difference: Double
    /// The 2.5% and 97.5% quantiles of the resampled difference.
    public let low: Double
    public let high: Double

    /// - Parameters:
    ///   - samples: resamples of the users with replacement.
    ///   - seed: the generator's seed, so a run is reproducible.
    /// - Complexity: O(samples · users + samples · log samples).
    public init(_ a: [Double], _ b: [Double], samples: Int = 2_000, seed: UInt64 = 7) throws(RecommendError) {
        guard a.count == b.count, !a.isEmpty, samples > 0 else {
            throw RecommendError(.invalidArgument, "paired bootstrap needs two non-empty lists of equal length")
        }
        let n = a.count
        let d = (0..<n).map { b[$0] - a[$0] }
        difference = d.reduce(0, +) / Double(n)
        var state = seed
        var means: [Double] = []
        means.reserveCapacity(samples)
        for _ in 0..<samples {
            var s = 0.0
            for _ in 0..<n {
                // SplitMix64.
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                s += d[Int(z % UInt64(n))]
            }
            means.append(s / Double(n))
        }
        means.sort()
        low = means[Int(Double(samples - 1) * 0.025)]
        high = means[Int(Double(samples - 1) * 0.975)]
    }
}
