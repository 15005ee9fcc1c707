/// Ranks items by the number of users who have them in train. The same list for everyone
/// (less the user's own train items).
public struct Popularity: RankingStrategy {
    public let name = "popularity"
    /// Train users per item.
    public let counts: [Float]
    /// `log(1 + count) / log(1 + largest count)` per item (0 when no item has a user): the blend's prior.
    public let prior: [Float]

    public init(_ split: EvaluationSplit) {
        var c = [Float](repeating: 0, count: split.items)
        for h in split.history { for i in h { c[Int(i)] += 1 } }
        counts = c
        let top = log1pf(c.max() ?? 0)
        prior = c.map { top > 0 ? log1pf($0) / top : 0 }
    }

    public func score(history: [UInt32], into scores: UnsafeMutableBufferPointer<Float>) {
        for i in counts.indices { scores[i] += counts[i] }
    }
}

#if canImport(Glibc)
    import Glibc
#endif
