public import GraphStore

/// One customer's batch-scored recommendations with every node resolved to its `id` text: what
/// `ignitabull score` writes, whether it scored in-process or through a server (which sends these rows).
public struct ScoredCustomer: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        /// The product's `id` (its node number when it has no string id).
        public var product: String
        public var score: Double
        /// Why it was recommended, when asked for.
        public var reason: String?

        public init(product: String, score: Double, reason: String? = nil) {
            self.product = product
            self.score = score
            self.reason = reason
        }
    }

    /// The id as it was asked for.
    public var customer: String
    /// Whether the id names a Customer node (an unknown id gets the cold-start ranking).
    public var knownCustomer: Bool
    /// Whether the ranking is the cold-start one (no history to personalise from).
    public var coldStart: Bool
    public var items: [Item]

    public init(customer: String, knownCustomer: Bool, coldStart: Bool, items: [Item]) {
        self.customer = customer
        self.knownCustomer = knownCustomer
        self.coldStart = coldStart
        self.items = items
    }

    /// Resolves `recommendations` on the snapshot they were computed on.
    /// - Parameter explain: whether each item gets its `reason` (`Recommendation.reason(in:)`).
    public init(customer: String, knownCustomer: Bool, recommendations: [Recommendation], in s: GraphSnapshot, explain: Bool) {
        self.init(
            customer: customer, knownCustomer: knownCustomer, coldStart: recommendations.first?.coldStart ?? true,
            items: recommendations.map { r in
                Item(
                    product: s.property(r.product, "id")?.stringValue ?? String(r.product.rawValue), score: r.score,
                    reason: explain ? r.reason(in: s) : nil)
            })
    }
}
