public import GraphStore

/// "Customers who bought this also bought": for a product, the products its buyers bought,
/// scored by cosine similarity over buyers: co-purchases / sqrt(purchases of p · purchases of q).
///
/// Like `CoPurchase`, it keeps dense scratch arrays sized to the id range and reuses them, so
/// use one value per thread.
public struct AlsoBought {
    public let snapshot: GraphSnapshot
    public let type: RelationshipTypeID
    private var counts: [UInt32]
    private var touched: [UInt32]

    public init(snapshot: GraphSnapshot, type: RelationshipTypeID) {
        self.snapshot = snapshot
        self.type = type
        counts = [UInt32](repeating: 0, count: snapshot.nodeIDLimit)
        touched = []
    }

    /// The top `limit` products bought by buyers of `product`, best first (ties: smaller id).
    /// - Returns: (product, score in 0...1, number of co-purchase paths).
    /// - Complexity: O(Σ out-degree of the product's buyers).
    public mutating func scores(for product: NodeID, limit: Int) -> [(product: NodeID, score: Double, count: Int)] {
        let out = snapshot.adjacencyList(type, .outgoing)
        let inc = snapshot.adjacencyList(type, .incoming)
        let s = snapshot
        let live = { (r: UInt32) in s.contains(RelationshipID(r)) }
        var buyers: [UInt32] = []
        inc.forEach(of: product.index, isLive: live) { b, _ in buyers.append(b) }
        buyers.sort()
        var previous: UInt32? = nil
        for b in buyers where b != previous {
            previous = b
            out.forEach(of: Int(b), isLive: live) { q, _ in
                guard q != product.rawValue else { return }
                if counts[Int(q)] == 0 { touched.append(q) }
                counts[Int(q)] += 1
            }
        }
        let degree = Double(max(1, inc.degree(of: product.index)))
        var all: [(product: NodeID, score: Double, count: Int)] = []
        all.reserveCapacity(touched.count)
        for q in touched {
            let c = Int(counts[Int(q)])
            counts[Int(q)] = 0
            let other = Double(max(1, inc.degree(of: Int(q))))
            all.append((NodeID(q), min(1, Double(c) / (degree * other).squareRoot()), c))
        }
        touched.removeAll(keepingCapacity: true)
        all.sort { $0.score != $1.score ? $0.score > $1.score : $0.product < $1.product }
        return Array(all.prefix(limit))
    }
}
