#if canImport(Glibc)
    import Glibc
#endif

/// Top-k ranking metrics with binary relevance. `ranked` is a user's ranking (best first) and
/// `relevant` their held-out items; a metric is 0 when `relevant` is empty.
public enum RankingMetrics {
    /// Hit rate: 1 when any of the first `k` ranked items is relevant, else 0.
    public static func hitRate(_ ranked: [UInt32], relevant: Set<UInt32>, k: Int) -> Double {
        ranked.prefix(k).contains { relevant.contains($0) } ? 1 : 0
    }

    /// NDCG@k with binary gains: DCG = Σ 1/log2(rank + 1) over relevant items in the first `k`
    /// (rank from 1), divided by the ideal DCG over min(|relevant|, k) hits.
    public static func ndcg(_ ranked: [UInt32], relevant: Set<UInt32>, k: Int) -> Double {
        guard !relevant.isEmpty, k > 0 else { return 0 }
        var dcg = 0.0
        for (i, item) in ranked.prefix(k).enumerated() where relevant.contains(item) { dcg += 1 / log2(Double(i + 2)) }
        var ideal = 0.0
        for i in 0..<min(relevant.count, k) { ideal += 1 / log2(Double(i + 2)) }
        return dcg / ideal
    }

    /// Recall@k: |first k ∩ relevant| / |relevant|.
    public static func recall(_ ranked: [UInt32], relevant: Set<UInt32>, k: Int) -> Double {
        guard !relevant.isEmpty else { return 0 }
        return Double(ranked.prefix(k).filter { relevant.contains($0) }.count) / Double(relevant.count)
    }

    /// Catalogue coverage: distinct items over all users' first `k` / `catalogue`.
    public static func coverage(_ lists: [[UInt32]], k: Int, catalogue: Int) -> Double {
        guard catalogue > 0 else { return 0 }
        var seen = Set<UInt32>()
        for l in lists { seen.formUnion(l.prefix(k)) }
        return Double(seen.count) / Double(catalogue)
    }
}
