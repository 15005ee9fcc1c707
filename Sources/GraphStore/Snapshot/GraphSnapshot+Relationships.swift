extension GraphSnapshot {
    /// Whether `relationship` names a live relationship.
    @inlinable public func contains(_ relationship: RelationshipID) -> Bool { relAlive.contains(relationship.index) }

    /// The node a relationship starts at.
    @inlinable public func source(of r: RelationshipID) -> NodeID { NodeID(relSource[r.index]) }
    /// The node a relationship ends at.
    @inlinable public func target(of r: RelationshipID) -> NodeID { NodeID(relTarget[r.index]) }
    /// A relationship's type.
    @inlinable public func type(of r: RelationshipID) -> RelationshipTypeID { RelationshipTypeID(relType[r.index]) }
    /// A relationship's type name.
    public func typeName(of r: RelationshipID) -> String { catalog.name(of: type(of: r)) }

    /// A relationship's properties.
    @inlinable
    public func properties(of r: RelationshipID) -> PropertyMap {
        r.index < relProperties.count ? relProperties[r.index] : PropertyMap()
    }

    /// One property of a relationship, or `nil`.
    @inlinable
    public func property(_ r: RelationshipID, _ key: PropertyKeyID) -> PropertyValue? {
        r.index < relProperties.count ? relProperties.value(r.index, key) : nil
    }

    /// The relationship types in the catalog that have adjacency.
    public var relationshipTypes: [RelationshipTypeID] {
        (0..<adjacency.count).map { RelationshipTypeID(UInt16($0)) }
    }

    /// The adjacency list of `type` in `direction` (`.both` is not a single list; use `.outgoing` or `.incoming`).
    @inlinable
    public func adjacencyList(_ type: RelationshipTypeID, _ direction: Direction) -> AdjacencyList {
        type.index < adjacency.count ? adjacency[type.index].list(direction) : AdjacencyList()
    }

    /// The number of `type` relationships at `node` in `direction`; all types when `type` is nil.
    /// - Complexity: O(1) per type.
    public func degree(of node: NodeID, type: RelationshipTypeID?, direction: Direction) -> Int {
        if let type {
            guard type.index < adjacency.count else { return 0 }
            let a = adjacency[type.index]
            switch direction {
            case .outgoing: return a.outgoing.degree(of: node.index)
            case .incoming: return a.incoming.degree(of: node.index)
            case .both: return a.outgoing.degree(of: node.index) + a.incoming.degree(of: node.index)
            }
        }
        var total = 0
        for t in 0..<adjacency.count {
            total += degree(of: node, type: RelationshipTypeID(UInt16(t)), direction: direction)
        }
        return total
    }

    /// Calls `body(neighbor, relationship)` for every live relationship of `type` at `node` in
    /// `direction`; every type when `type` is nil. With `.both`, outgoing entries come first and
    /// a self-loop is reported twice.
    /// - Complexity: O(degree).
    @inlinable
    public func forEachRelationship(
        of node: NodeID, type: RelationshipTypeID?, direction: Direction,
        _ body: (_ neighbor: NodeID, _ relationship: RelationshipID) throws -> Void
    ) rethrows {
        guard let type else {
            for t in 0..<adjacency.count {
                try forEachRelationship(of: node, type: RelationshipTypeID(UInt16(t)), direction: direction, body)
            }
            return
        }
        guard type.index < adjacency.count else { return }
        let a = adjacency[type.index]
        let live = relAlive
        if direction != .incoming {
            try a.outgoing.forEach(of: node.index, isLive: { live.contains(Int($0)) }) {
                try body(NodeID($0), RelationshipID($1))
            }
        }
        if direction != .outgoing {
            try a.incoming.forEach(of: node.index, isLive: { live.contains(Int($0)) }) {
                try body(NodeID($0), RelationshipID($1))
            }
        }
    }

    /// The neighbours of `node` over `type` relationships in `direction`, one per relationship.
    public func neighbors(of node: NodeID, type: RelationshipTypeID?, direction: Direction) -> [NodeID] {
        var out: [NodeID] = []
        forEachRelationship(of: node, type: type, direction: direction) { n, _ in out.append(n) }
        return out
    }

    /// The relationships at `node`, as `(neighbor, relationship)` pairs.
    public func relationships(
        of node: NodeID, type: RelationshipTypeID?, direction: Direction
    ) -> [(neighbor: NodeID, relationship: RelationshipID)] {
        var out: [(NodeID, RelationshipID)] = []
        forEachRelationship(of: node, type: type, direction: direction) { out.append(($0, $1)) }
        return out
    }
}
