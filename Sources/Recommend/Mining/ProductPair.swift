public import GraphStore

/// Two products bought in the same baskets, with association-rule measures.
/// `first` has the smaller node id.
public struct ProductPair: Sendable, Hashable {
    public var first: NodeID
    public var second: NodeID
    /// Baskets containing both.
    public var count: Int
    /// count / baskets.
    public var support: Double
    /// P(second | first) = count / baskets containing first.
    public var confidence: Double
    /// P(first | second) = count / baskets containing second.
    public var reverseConfidence: Double
    /// support / (support(first) · support(second)); above 1 means bought together more than chance.
    public var lift: Double
}

/// Minimum measures a pair must reach to be kept.
public struct MiningThresholds: Sendable, Hashable {
    /// Baskets containing both products.
    public var minCount = 5
    public var minSupport = 0.0
    /// The larger of the two confidences.
    public var minConfidence = 0.0
    public var minLift = 1.0

    public init(minCount: Int = 5, minSupport: Double = 0, minConfidence: Double = 0, minLift: Double = 1) {
        self.minCount = minCount
        self.minSupport = minSupport
        self.minConfidence = minConfidence
        self.minLift = minLift
    }
}
