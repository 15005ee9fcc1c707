public import GraphStore

extension Interactions {
    /// The purchases of a graph as interactions: users are the sources of `type` relationships
    /// (customers), items are their targets (products), and each relationship is one event at
    /// its `timeKey` property (an integer; 0 when missing).
    ///
    /// Dense ids follow node ids: the customer and product with the smallest node id get 0.
    /// `userNodes` and `itemNodes` map them back.
    /// - Throws: `RecommendError.emptyData` when the graph has no relationship of that type.
    /// - Complexity: O(node id range + relationships of `type`).
    public init(snapshot s: GraphSnapshot, type: String = "PURCHASED", timeKey: String = "timestamp")
        throws(RecommendError)
    {
        let (x, _, _) = try Self.fromGraph(s, type: type, timeKey: timeKey)
        self = x
    }

    /// Like `init(snapshot:type:timeKey:)`, also returning the node of each dense user and item id.
    public static func fromGraph(_ s: GraphSnapshot, type: String = "PURCHASED", timeKey: String = "timestamp")
        throws(RecommendError) -> (interactions: Interactions, userNodes: [NodeID], itemNodes: [NodeID])
    {
        guard let t = s.catalog.relationshipType(type), s.relationshipCount(type: t) > 0 else {
            throw RecommendError(.emptyData, "the graph has no \(type) relationships")
        }
        let key = s.catalog.propertyKey(timeKey)
        let out = s.adjacencyList(t, .outgoing)
        let incoming = s.adjacencyList(t, .incoming)
        var userIndex = [UInt32](repeating: .max, count: s.nodeIDLimit)
        var itemIndex = [UInt32](repeating: .max, count: s.nodeIDLimit)
        var userNodes: [NodeID] = []
        var itemNodes: [NodeID] = []
        s.forEachNode { node in
            if out.degree(of: node.index) > 0 {
                userIndex[node.index] = UInt32(userNodes.count)
                userNodes.append(node)
            }
            if incoming.degree(of: node.index) > 0 {
                itemIndex[node.index] = UInt32(itemNodes.count)
                itemNodes.append(node)
            }
        }
        var events: [Event] = []
        events.reserveCapacity(s.relationshipCount(type: t))
        for node in userNodes {
            let u = userIndex[node.index]
            out.forEach(of: node.index, isLive: { s.contains(RelationshipID($0)) }) { product, rel in
                let time = key.flatMap { s.property(RelationshipID(rel), $0)?.intValue } ?? 0
                events.append(Event(user: u, item: itemIndex[Int(product)], time: time))
            }
        }
        let x = try Interactions(users: userNodes.count, items: itemNodes.count, events: events)
        return (x, userNodes, itemNodes)
    }
}
