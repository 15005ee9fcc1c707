public import GraphStore

/// "Customers who bought what you bought also bought": for a customer, counts the products
/// bought by everyone who shares a purchase with them, over `(c)-[:T]->(p)<-[:T]-(o)-[:T]->(rec)`.
///
/// Every path counts once, so a co-buyer who shares two products with the customer counts
/// twice (this is what `count(*)` over the Cypher pattern returns). Products the customer has
/// already bought are excluded. The counter keeps dense scratch arrays sized to the graph's id
/// range and reuses them across calls, so one counter serves many customers without allocating;
/// it is not thread-safe: use one per thread.
public struct CoPurchase {
    public let snapshot: GraphSnapshot
    public let type: RelationshipTypeID
    private var counts: [UInt32]
    private var touched: [UInt32]
    private var owned: [Bool]

    /// - Parameter type: the purchase relationship type (for example `PURCHASED`).
    public init(snapshot: GraphSnapshot, type: RelationshipTypeID) {
        self.snapshot = snapshot
        self.type = type
        counts = [UInt32](repeating: 0, count: snapshot.nodeIDLimit)
        touched = []
        owned = [Bool](repeating: false, count: snapshot.nodeIDLimit)
    }

    /// The result for one customer.
    public struct Result: Sendable {
        /// The top products by path count, highest first; ties by smaller node id.
        public var top: [(product: NodeID, count: Int)]
        /// Two-hop paths walked: the number of `(c)->(p)<-(o)->(rec)` paths with `o ≠ c`.
        public var paths: Int
        /// Distinct candidate products (before excluding owned ones and cutting to `limit`).
        public var candidates: Int
    }

    /// Scores the co-purchased products of `customer`.
    ///
    /// Works in two phases: first it weighs each co-buyer by how many of the customer's purchases
    /// they share (`w[o]`), then it walks each distinct co-buyer's purchases once, adding `w[o]`.
    /// The result equals counting every path, with far fewer steps when co-buyers share several items.
    /// - Complexity: O(Σ in-degree of the customer's products + Σ out-degree of distinct co-buyers).
    public mutating func scores(for customer: NodeID, limit: Int) -> Result {
        let list = snapshot.adjacencyList(type, .outgoing)
        let reverse = snapshot.adjacencyList(type, .incoming)
        let s = snapshot
        var paths = 0
        var mine: [UInt32] = []
        list.forEach(of: customer.index, isLive: { s.contains(RelationshipID($0)) }) { p, _ in mine.append(p) }
        var buyers: [UInt32] = []
        counts.withUnsafeMutableBufferPointer { counts in
            // Phase 1: co-buyer weights, kept in the same scratch array (customers and products
            // have different ids, and the weights are cleared before phase 2 reads products).
            for p in mine {
                owned[Int(p)] = true
                reverse.forEach(of: Int(p), isLive: { s.contains(RelationshipID($0)) }) { other, _ in
                    guard other != customer.rawValue else { return }
                    if counts[Int(other)] == 0 { buyers.append(other) }
                    counts[Int(other)] &+= 1
                }
            }
            var weights: [UInt32] = []
            weights.reserveCapacity(buyers.count)
            for o in buyers {
                weights.append(counts[Int(o)])
                counts[Int(o)] = 0
            }
            // Phase 2: each distinct co-buyer's purchases, weighted.
            for (j, o) in buyers.enumerated() {
                let w = weights[j]
                var n = 0
                list.forEach(of: Int(o), isLive: { s.contains(RelationshipID($0)) }) { rec, _ in
                    if counts[Int(rec)] == 0 { touched.append(rec) }
                    counts[Int(rec)] &+= w
                    n &+= 1
                }
                paths &+= n &* Int(w)
            }
        }
        // Select the top `limit` not-owned candidates with a small sorted buffer.
        var top: [(product: NodeID, count: Int)] = []
        top.reserveCapacity(limit + 1)
        for rec in touched {
            let c = Int(counts[Int(rec)])
            counts[Int(rec)] = 0
            if owned[Int(rec)] || limit == 0 { continue }
            if top.count == limit {
                let last = top[limit - 1]
                if c < last.count || (c == last.count && rec > last.product.rawValue) { continue }
            }
            var i = top.count
            while i > 0 && (top[i - 1].count < c || (top[i - 1].count == c && top[i - 1].product.rawValue > rec)) { i -= 1 }
            top.insert((NodeID(rec), c), at: i)
            if top.count > limit { top.removeLast() }
        }
        let candidates = touched.count
        touched.removeAll(keepingCapacity: true)
        for p in mine { owned[Int(p)] = false }
        return Result(top: top, paths: paths, candidates: candidates)
    }
}
