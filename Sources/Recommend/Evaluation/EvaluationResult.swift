/// One method's figures on one dataset.
public struct EvaluationResult: Sendable {
    public var method: String
    public var dataset: String
    /// Users ranked (those with a non-empty history and test set).
    public var users: Int
    public var hitRate10: Double
    public var ndcg10: Double
    public var recall20: Double
    public var coverage10: Double
    /// Seconds to fit the model.
    public var fitSeconds: Double
    /// Seconds to rank the whole catalogue for every evaluated user.
    public var rankSeconds: Double
    /// Free-form remarks (for EASE: the residual of its float32 inverse).
    public var notes: String = ""
    /// NDCG@10 of each evaluated user, in the split's `evaluatedUsers` order (for paired tests).
    public var perUserNDCG10: [Double] = []

    public init(
        method: String, dataset: String, users: Int, hitRate10: Double, ndcg10: Double, recall20: Double,
        coverage10: Double, fitSeconds: Double = 0, rankSeconds: Double = 0
    ) {
        self.method = method
        self.dataset = dataset
        self.users = users
        self.hitRate10 = hitRate10
        self.ndcg10 = ndcg10
        self.recall20 = recall20
        self.coverage10 = coverage10
        self.fitSeconds = fitSeconds
        self.rankSeconds = rankSeconds
    }

    /// A fixed-width table, one row per result.
    public static func table(_ results: [EvaluationResult]) -> String {
        let header = [
            "dataset", "method", "HR@10", "NDCG@10", "95% interval", "Recall@20", "cov@10", "users", "fit s", "rank s",
        ]
        var rows = [header]
        for r in results {
            rows.append([
                r.dataset, r.method, fixed(r.hitRate10, 4), fixed(r.ndcg10, 4), r.ndcg10Interval,
                fixed(r.recall20, 4),
                fixed(r.coverage10, 4),
                String(r.users), fixed(r.fitSeconds, 2), fixed(r.rankSeconds, 2),
            ])
        }
        var widths = [Int](repeating: 0, count: header.count)
        for row in rows { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        var lines: [String] = []
        for (n, row) in rows.enumerated() {
            var cells: [String] = []
            for (i, c) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - c.count)
                cells.append(i < 2 ? c + pad : pad + c)
            }
            lines.append(cells.joined(separator: "  "))
            if n == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        return lines.joined(separator: "\n")
    }

    /// NDCG@10's 95% bootstrap interval over the users, `[low, high]` (empty without per-user figures).
    public var ndcg10Interval: String {
        guard !perUserNDCG10.isEmpty,
            let ci = try? PairedBootstrap([Double](repeating: 0, count: perUserNDCG10.count), perUserNDCG10)
        else { return "" }
        return "[\(Self.fixed(ci.low, 4)), \(Self.fixed(ci.high, 4))]"
    }

    /// `x` with `places` decimals (no Foundation).
    public static func fixed(_ x: Double, _ places: Int) -> String {
        guard x.isFinite else { return "\(x)" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let v = (abs(x) * scale).rounded()
        let whole = Int(v / scale)
        var frac = String(Int(v - Double(whole) * scale))
        while frac.count < places { frac = "0" + frac }
        return (x < 0 && v > 0 ? "-" : "") + String(whole) + (places > 0 ? "." + frac : "")
    }
}
