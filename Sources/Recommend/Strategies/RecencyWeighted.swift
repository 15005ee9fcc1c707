#if canImport(Glibc)
    import Glibc
#endif

/// The engine's strategy: an item-to-item model applied to a recency-weighted history.
///
/// A user's score for t is Σ_r w_r · W[j_r, t] over their train items j_0, j_1, … ordered most
/// recent first, with w_r = floor + (1 − floor) · 2^(−r / halfLife). Recent purchases speak
/// loudest; older ones keep a floor so a long history still counts. The weights depend only on
/// the order of the history, not on time units, so one setting serves datasets with different
/// clocks (Online Retail purchases in days, MovieLens ratings in seconds).
public struct RecencyWeighted<Model: ItemItemModel & RankingStrategy>: RankingStrategy {
    public let model: Model
    public let halfLife: Double
    public let floor: Float
    public let name: String
    private let table: [Float]

    /// - Parameters:
    ///   - halfLife: history positions after which the recency part of a weight halves (> 0).
    ///   - floor: the weight that every history item keeps, in 0...1.
    public init(_ model: Model, halfLife: Double, floor: Float) throws(RecommendError) {
        guard halfLife > 0, halfLife.isFinite, (0...1).contains(floor) else {
            throw RecommendError(.invalidArgument, "recency half-life must be > 0 and floor in 0...1")
        }
        self.model = model
        self.halfLife = halfLife
        self.floor = floor
        name = "recency × \(model.name) (h=\(EASE.format(Float(halfLife))), floor=\(EASE.format(floor)))"
        // Weights for the first 4,096 positions; later ones are at the floor (2^-4096/h ≈ 0 for h ≤ 100).
        table = (0..<4096).map { r in floor + (1 - floor) * Float(exp2(-Double(r) / halfLife)) }
    }

    /// The weight of history position r (0: the most recent).
    public func weight(_ r: Int) -> Float { r < table.count ? table[r] : floor }

    public func score(history: [UInt32], into scores: UnsafeMutableBufferPointer<Float>) {
        let weights = history.indices.map { r in r < table.count ? table[r] : floor }
        model.addRows(history, weights: weights, into: scores)
    }
}
