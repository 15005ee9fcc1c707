public import GraphStore

/// Writes each product's top-k item-kNN neighbours as `(p)-[:SIMILAR_TO {score, method: "item-knn"}]->(q)`,
/// a batch job that lets plain Cypher (and Neo4j mirrors) use the similarities.
///
/// Only SIMILAR_TO relationships whose `method` is `item-knn` are managed: they are updated when the
/// score changed, deleted when no longer in a top k, and created when new. Others (for example
/// curated or generated ones without a `method`) are left alone. Running it again with the same
/// model changes nothing.
public enum SimilarToMaterializer {
    public static let method = "item-knn"

    public struct Changes: Sendable, Hashable {
        public var created = 0
        public var updated = 0
        public var deleted = 0
        public var unchanged = 0
    }

    /// - Parameters:
    ///   - k: neighbours kept per product, 1...1000 (at most the model's neighbour lists).
    ///   - minSimilarity: neighbours below this cosine are left out.
    /// - Throws: `GraphStoreError` from the transaction; `RecommendError` is not thrown here:
    ///   out-of-range `k` is clamped by the caller's validation.
    public static func apply(
        _ model: RecommenderModel, k: Int, minSimilarity: Float = 0, to txn: inout GraphTransaction
    ) throws(GraphStoreError) -> Changes {
        let type = try txn.relationshipType("SIMILAR_TO")
        let scoreKey = try txn.propertyKey("score")
        let methodKey = try txn.propertyKey("method")
        let s = txn.snapshot
        var existing: [UInt64: RelationshipID] = [:]
        var duplicates: [RelationshipID] = []
        let list = s.adjacencyList(type, .outgoing)
        for p in model.products {
            list.forEach(of: p.index, isLive: { s.contains(RelationshipID($0)) }) { q, r in
                let rel = RelationshipID(r)
                guard s.property(rel, methodKey)?.stringValue == method else { return }
                let key = UInt64(p.rawValue) << 32 | UInt64(q)
                if existing[key] == nil { existing[key] = rel } else { duplicates.append(rel) }
            }
        }
        var changes = Changes()
        var create: [NewRelationship] = []
        for (j, p) in model.products.enumerated() {
            for (t, sim) in model.neighbours(of: j).prefix(k) where sim >= minSimilarity {
                let q = model.products[t]
                let value = PropertyValue.double(Double(sim))
                if let r = existing.removeValue(forKey: UInt64(p.rawValue) << 32 | UInt64(q.rawValue)) {
                    if s.property(r, scoreKey) == value {
                        changes.unchanged += 1
                    } else {
                        try txn.setProperty(r, "score", value)
                        changes.updated += 1
                    }
                } else {
                    create.append(
                        NewRelationship(
                            source: p, target: q, type: type,
                            properties: PropertyMap([
                                PropertyEntry(key: scoreKey, value: value),
                                PropertyEntry(key: methodKey, value: .string(method)),
                            ])))
                }
            }
        }
        for r in existing.values.sorted(by: { $0.rawValue < $1.rawValue }) + duplicates {
            try txn.deleteRelationship(r)
            changes.deleted += 1
        }
        if !create.isEmpty { _ = try txn.createRelationships(create) }
        changes.created = create.count
        return changes
    }
}
