/// Ranks items by the number of users who have them in train. The same list for everyone
/// (less the user's own train items).
public struct Popularity: RankingStrategy {
    public let name = "popularity"
    /// Train users per item.
    public let counts: [Float]
    /// Every item, best first: more users, then the smaller item (`TopK`'s order).
    public let order: [UInt32]
    /// `log(1 + count) / log(1 + largest count)` per item (0 when no item has a user): the blend's prior.
    public let prior: [Float]

    public init(_ split: EvaluationSplit) {
        var c = [Float](repeating: 0, count: split.items)
        for h in split.history { for i in h { c[Int(i)] += 1 } }
        counts = c
        order = (0..<UInt32(c.count)).sorted { c[Int($0)] > c[Int($1)] || (c[Int($0)] == c[Int($1)] && $0 < $1) }
        let top = log1pf(c.max() ?? 0)
        prior = c.map { top > 0 ? log1pf($0) / top : 0 }
    }

    public func score(history: [UInt32], into scores: UnsafeMutableBufferPointer<Float>) {
        for i in counts.indices { scores[i] += counts[i] }
    }

    /// The `count` best items outside `history` that `eligible` accepts, best first, with their scores: what
    /// scoring every item and keeping a `TopK` of the eligible ones gives, found by walking `order` instead.
    /// - Complexity: O(count + the items skipped before them), not O(items).
    public func top(
        _ count: Int, excluding history: [UInt32], where eligible: (Int) -> Bool
    ) -> [(item: UInt32, score: Float)] {
        let owned = history.count > 16 ? Set(history) : nil
        var out: [(item: UInt32, score: Float)] = []
        out.reserveCapacity(min(count, order.count))
        for t in order {
            if out.count >= count { break }
            if owned.map({ $0.contains(t) }) ?? history.contains(t) { continue }
            if !eligible(Int(t)) { continue }
            out.append((t, counts[Int(t)]))
        }
        return out
    }
}

#if canImport(Glibc)
    import Glibc
#endif
