public import GraphStore

/// The catalogue as a recommendation must see it when it answers: read from the snapshot the
/// answer is computed on, not from the model (which is rebuilt now and then).
///
/// A product that was deleted after the model was built is never eligible, and price, stock and
/// category filters read the product's current properties and `BELONGS_TO` relationships, so a
/// write is reflected by the next request. The property conventions are the model's: price is
/// `price` or `unitPrice` (a number); in stock is `inStock` (a boolean) or `stock` > 0, and a
/// product with neither is in stock.
public struct LiveCatalogue: Sendable {
    public let snapshot: GraphSnapshot
    private let priceKeys: [PropertyKeyID]
    private let inStockKey: PropertyKeyID?
    private let stockKey: PropertyKeyID?
    private let belongsTo: RelationshipTypeID?

    /// Resolves the property keys and relationship type once per answer.
    /// - Complexity: O(1).
    public init(_ snapshot: GraphSnapshot) {
        self.snapshot = snapshot
        priceKeys = ["price", "unitPrice"].compactMap { snapshot.catalog.propertyKey($0) }
        inStockKey = snapshot.catalog.propertyKey("inStock")
        stockKey = snapshot.catalog.propertyKey("stock")
        belongsTo = snapshot.catalog.relationshipType("BELONGS_TO")
    }

    /// Whether `product` is still in the graph.
    @inline(__always) public func exists(_ product: NodeID) -> Bool { snapshot.contains(product) }

    /// The product's current price, nil when it has none.
    public func price(of product: NodeID) -> Double? {
        for k in priceKeys {
            if let v = snapshot.property(product, k)?.numericValue { return v }
        }
        return nil
    }

    /// Whether the product is in stock now.
    public func isInStock(_ product: NodeID) -> Bool {
        if let inStockKey, let b = snapshot.property(product, inStockKey)?.boolValue { return b }
        if let stockKey, let n = snapshot.property(product, stockKey)?.numericValue { return n > 0 }
        return true
    }

    /// Whether `product` exists and passes `filter` (exclusions, price range, stock and categories).
    /// - Complexity: O(properties of the product), plus O(its categories) with a category filter.
    public func passes(_ product: NodeID, _ filter: RecommendationFilter) -> Bool {
        guard exists(product) else { return false }
        guard !filter.isEmpty else { return true }
        if filter.excluded.contains(product) { return false }
        if filter.minPrice != nil || filter.maxPrice != nil {
            guard let p = price(of: product), p >= (filter.minPrice ?? -.infinity), p <= (filter.maxPrice ?? .infinity)
            else { return false }
        }
        if filter.inStockOnly && !isInStock(product) { return false }
        if let categories = filter.categories {
            guard let belongsTo else { return false }
            var found = false
            snapshot.forEachRelationship(of: product, type: belongsTo, direction: .outgoing) { c, _ in
                if !found && categories.contains(c) { found = true }
            }
            return found
        }
        return true
    }
}
