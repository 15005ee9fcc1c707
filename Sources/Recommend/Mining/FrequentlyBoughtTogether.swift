public import GraphStore

/// Mines frequently-bought-together product pairs from baskets and keeps FREQUENTLY_BOUGHT_WITH
/// relationships in the graph in step with them.
///
/// Counting runs item by item: for each product, a dense counter over the products that share a
/// basket with it, so the cost is Σ (basket size)² with no hash table in the inner loop.
public enum FrequentlyBoughtTogether {
    /// The result of mining.
    public struct Result: Sendable {
        public var baskets: Int
        /// Distinct product pairs that share at least one basket.
        public var distinctPairs: Int
        /// Pairs that pass the thresholds, ordered by (first, second).
        public var pairs: [ProductPair]
    }

    /// Counts every co-occurring pair and keeps those passing `thresholds`.
    /// - Complexity: O(Σ basket size²).
    public static func mine(_ baskets: Baskets, thresholds: MiningThresholds = MiningThresholds()) -> Result {
        let n = baskets.basketCount.count
        let total = Double(max(baskets.count, 1))
        // Baskets containing each product.
        var containing = [[UInt32]](repeating: [], count: n)
        for (b, items) in baskets.items.enumerated() {
            for p in items { containing[Int(p)].append(UInt32(b)) }
        }
        var counts = [UInt32](repeating: 0, count: n)
        var touched: [UInt32] = []
        var distinct = 0
        var pairs: [ProductPair] = []
        for a in 0..<n where !containing[a].isEmpty {
            for b in containing[a] {
                for q in baskets.items[Int(b)] where Int(q) > a {
                    if counts[Int(q)] == 0 { touched.append(q) }
                    counts[Int(q)] += 1
                }
            }
            touched.sort()
            distinct += touched.count
            let countA = Double(baskets.basketCount[a])
            for q in touched {
                let c = Int(counts[Int(q)])
                counts[Int(q)] = 0
                guard c >= thresholds.minCount else { continue }
                let countB = Double(baskets.basketCount[Int(q)])
                let support = Double(c) / total
                let pair = ProductPair(
                    first: NodeID(a), second: NodeID(q), count: c, support: support,
                    confidence: Double(c) / countA, reverseConfidence: Double(c) / countB,
                    lift: support / ((countA / total) * (countB / total)))
                guard support >= thresholds.minSupport, max(pair.confidence, pair.reverseConfidence) >= thresholds.minConfidence,
                    pair.lift >= thresholds.minLift
                else { continue }
                pairs.append(pair)
            }
            touched.removeAll(keepingCapacity: true)
        }
        return Result(baskets: baskets.count, distinctPairs: distinct, pairs: pairs)
    }

    /// What `apply` changed.
    public struct Changes: Sendable, Hashable {
        public var created = 0
        public var updated = 0
        public var deleted = 0
        public var unchanged = 0

        public init(created: Int = 0, updated: Int = 0, deleted: Int = 0, unchanged: Int = 0) {
            self.created = created
            self.updated = updated
            self.deleted = deleted
            self.unchanged = unchanged
        }
    }

    /// Makes the graph's `type` relationships equal `pairs`: creates missing ones, updates the
    /// measures of existing ones that changed, and deletes those that no longer qualify. Re-running
    /// after new orders arrive therefore touches only the pairs whose measures moved.
    /// Each relationship goes from the pair's first product to its second, with properties
    /// `count`, `support`, `confidence`, `reverseConfidence` and `lift`.
    public static func apply(
        _ pairs: [ProductPair], to txn: inout GraphTransaction, type name: String = "FREQUENTLY_BOUGHT_WITH"
    ) throws(GraphStoreError) -> Changes {
        let type = try txn.relationshipType(name)
        let keys = (
            count: try txn.propertyKey("count"), support: try txn.propertyKey("support"),
            confidence: try txn.propertyKey("confidence"), reverse: try txn.propertyKey("reverseConfidence"),
            lift: try txn.propertyKey("lift"))
        func properties(_ p: ProductPair) -> PropertyMap {
            PropertyMap([
                PropertyEntry(key: keys.count, value: .int(Int64(p.count))),
                PropertyEntry(key: keys.support, value: .double(p.support)),
                PropertyEntry(key: keys.confidence, value: .double(p.confidence)),
                PropertyEntry(key: keys.reverse, value: .double(p.reverseConfidence)),
                PropertyEntry(key: keys.lift, value: .double(p.lift)),
            ])
        }
        // Existing relationships by (first, second).
        var existing: [UInt64: RelationshipID] = [:]
        let s = txn.snapshot
        let list = s.adjacencyList(type, .outgoing)
        var duplicates: [RelationshipID] = []
        s.forEachNode { n in
            list.forEach(of: n.index, isLive: { s.contains(RelationshipID($0)) }) { m, r in
                let key = UInt64(n.rawValue) << 32 | UInt64(m)
                if existing[key] == nil { existing[key] = RelationshipID(r) } else { duplicates.append(RelationshipID(r)) }
            }
        }
        var changes = Changes()
        var create: [NewRelationship] = []
        for p in pairs {
            let key = UInt64(p.first.rawValue) << 32 | UInt64(p.second.rawValue)
            let props = properties(p)
            if let r = existing.removeValue(forKey: key) {
                if s.properties(of: r) == props {
                    changes.unchanged += 1
                } else {
                    for e in props { try txn.setProperty(r, s.catalog.name(of: e.key), e.value) }
                    changes.updated += 1
                }
            } else {
                create.append(NewRelationship(source: p.first, target: p.second, type: type, properties: props))
            }
        }
        for r in existing.values.sorted() + duplicates {
            try txn.deleteRelationship(r)
            changes.deleted += 1
        }
        if !create.isEmpty { try txn.createRelationships(create) }
        changes.created = create.count
        return changes
    }
}
