public import GraphStore

/// Purchases grouped into baskets (orders): each basket is the set of distinct products bought in it.
///
/// A basket is identified by a property of the purchase relationship (by default `invoice`, as the
/// Online Retail import writes it). Purchases without that property fall back to one basket per
/// customer and calendar day of `timestamp` (seconds), so synthetic graphs also have baskets.
public struct Baskets: Sendable {
    /// Product node ids per basket, each sorted and distinct.
    public private(set) var items: [[UInt32]]
    /// Number of baskets containing each product, indexed by node id.
    public private(set) var basketCount: [UInt32]

    public var count: Int { items.count }

    /// Groups the `type` relationships of `snapshot` into baskets.
    /// - Complexity: O(purchases) plus sorting each basket.
    public init(snapshot s: GraphSnapshot, type: RelationshipTypeID, basketKey: String = "invoice") {
        let key = s.catalog.propertyKey(basketKey)
        let timestampKey = s.catalog.propertyKey("timestamp")
        var index: [PropertyValue: Int] = [:]
        var dayIndex: [UInt64: Int] = [:]
        var items: [[UInt32]] = []
        let list = s.adjacencyList(type, .outgoing)
        s.forEachNode { customer in
            list.forEach(of: customer.index, isLive: { s.contains(RelationshipID($0)) }) { product, rel in
                let r = RelationshipID(rel)
                let b: Int
                if let key, let v = s.property(r, key) {
                    if let i = index[v] {
                        b = i
                    } else {
                        b = items.count
                        index[v] = b
                        items.append([])
                    }
                } else {
                    let day = UInt64(max(0, (timestampKey.flatMap { s.property(r, $0)?.intValue } ?? 0) / 86_400))
                    let k = UInt64(customer.rawValue) << 32 | (day & 0xFFFF_FFFF)
                    if let i = dayIndex[k] {
                        b = i
                    } else {
                        b = items.count
                        dayIndex[k] = b
                        items.append([])
                    }
                }
                items[b].append(product)
            }
        }
        var basketCount = [UInt32](repeating: 0, count: s.nodeIDLimit)
        for i in items.indices {
            items[i].sort()
            var w = 0
            for j in items[i].indices where j == 0 || items[i][j] != items[i][j - 1] {
                items[i][w] = items[i][j]
                w += 1
            }
            items[i].removeLast(items[i].count - w)
            for p in items[i] { basketCount[Int(p)] += 1 }
        }
        self.items = items
        self.basketCount = basketCount
    }
}
