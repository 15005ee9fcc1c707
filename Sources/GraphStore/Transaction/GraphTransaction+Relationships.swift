/// A relationship to create through the bulk path.
public struct NewRelationship: Sendable {
    public var source: NodeID
    public var target: NodeID
    public var type: RelationshipTypeID
    public var properties: PropertyMap

    public init(source: NodeID, target: NodeID, type: RelationshipTypeID, properties: PropertyMap = PropertyMap()) {
        self.source = source
        self.target = target
        self.type = type
        self.properties = properties
    }
}

extension GraphTransaction {
    /// Creates one relationship `(source)-[:type]->(target)`. Several relationships may join the same pair.
    /// - Throws: `nodeNotFound` when either end does not exist.
    /// - Complexity: O(log n) (two delta insertions).
    @discardableResult
    public mutating func createRelationship(
        from source: NodeID, to target: NodeID, type: RelationshipTypeID, properties: PropertyMap = PropertyMap()
    ) throws(GraphStoreError) -> RelationshipID {
        try requireNode(source)
        try requireNode(target)
        guard type.index < snapshot.adjacency.count else {
            throw GraphStoreError(.invalidName, "relationship type token \(type.rawValue) is not in the catalog")
        }
        let id = try appendRecord(source: source, target: target, type: type, properties: properties)
        snapshot.adjacency[type.index].outgoing.add(node: source.rawValue, neighbor: target.rawValue, relationship: id)
        snapshot.adjacency[type.index].incoming.add(node: target.rawValue, neighbor: source.rawValue, relationship: id)
        return RelationshipID(id)
    }

    /// Creates one relationship by type name.
    @discardableResult
    public mutating func createRelationship(
        from source: NodeID, to target: NodeID, type: String, properties: [String: PropertyValue] = [:]
    ) throws(GraphStoreError) -> RelationshipID {
        let t = try relationshipType(type)
        return try createRelationship(from: source, to: target, type: t, properties: try propertyMap(properties))
    }

    /// Creates many relationships at once. Types that receive many new relationships have their
    /// compressed adjacency rebuilt once (a counting sort) instead of growing a delta entry by entry;
    /// this is the import path.
    /// - Throws: `nodeNotFound` when any end does not exist; then nothing is created.
    /// - Returns: the id of the first relationship created; the rest follow consecutively.
    @discardableResult
    public mutating func createRelationships(_ batch: [NewRelationship]) throws(GraphStoreError) -> RelationshipID {
        try appendRelationships(batch, ids: nil)
    }

    /// The bulk path. With `ids`, each relationship takes the given id (increasing, at or past the
    /// current limit), and skipped ids become holes: records that are not live.
    @discardableResult
    mutating func appendRelationships(
        _ batch: [NewRelationship], ids: [RelationshipID]?
    ) throws(GraphStoreError) -> RelationshipID {
        var next = snapshot.relSource.count
        for (i, r) in batch.enumerated() {
            if let ids {
                guard ids[i].index >= next else {
                    throw GraphStoreError(.invalidName, "relationship ids must increase (got \(ids[i].rawValue))")
                }
                next = ids[i].index + 1
            }
            try requireNode(r.source)
            try requireNode(r.target)
            guard r.type.index < snapshot.adjacency.count else {
                throw GraphStoreError(.invalidName, "relationship type token \(r.type.rawValue) is not in the catalog")
            }
        }
        let first = RelationshipID(snapshot.relSource.count)
        var outgoing = [EdgeBatch](repeating: EdgeBatch(), count: snapshot.adjacency.count)
        var incoming = outgoing
        var used = [Bool](repeating: false, count: snapshot.adjacency.count)
        for (i, r) in batch.enumerated() {
            if let ids {
                while snapshot.relSource.count < ids[i].index { appendRelationshipHole() }
            }
            let id = try appendRecord(source: r.source, target: r.target, type: r.type, properties: r.properties)
            outgoing[r.type.index].append(node: r.source.rawValue, neighbor: r.target.rawValue, relationship: id)
            incoming[r.type.index].append(node: r.target.rawValue, neighbor: r.source.rawValue, relationship: id)
            used[r.type.index] = true
        }
        let live = snapshot.relAlive
        for t in used.indices where used[t] {
            snapshot.adjacency[t].outgoing = merged(snapshot.adjacency[t].outgoing, outgoing[t], live)
            snapshot.adjacency[t].incoming = merged(snapshot.adjacency[t].incoming, incoming[t], live)
        }
        return first
    }

    private func merged(_ list: AdjacencyList, _ edges: EdgeBatch, _ live: PagedBitSet) -> AdjacencyList {
        if edges.count + list.deltaSize > list.compactionThreshold {
            return list.rebuilt(adding: edges) { live.contains(Int($0)) }
        }
        var list = list
        for i in 0..<edges.count {
            list.add(node: edges.nodes[i], neighbor: edges.neighbors[i], relationship: edges.relationships[i])
        }
        return list
    }

    /// Takes the next relationship id without a live relationship (the id of a deleted one).
    mutating func appendRelationshipHole() {
        snapshot.relSource.append(0)
        snapshot.relTarget.append(0)
        snapshot.relType.append(0)
        snapshot.relProperties.append(PropertyMap())
    }

    private mutating func appendRecord(
        source: NodeID, target: NodeID, type: RelationshipTypeID, properties: PropertyMap
    ) throws(GraphStoreError) -> UInt32 {
        let id = snapshot.relSource.count
        guard id < Int(UInt32.max) else { throw GraphStoreError(.capacityExceeded, "relationship id space exhausted") }
        snapshot.relSource.append(source.rawValue)
        snapshot.relTarget.append(target.rawValue)
        snapshot.relType.append(type.rawValue)
        snapshot.relProperties.append(properties)
        snapshot.relAlive.insert(id)
        statistics.relationshipsCreated += 1
        statistics.propertiesSet += properties.count
        record(
            .createRelationship(RelationshipID(id), type: type, source: source, target: target, properties: properties))
        return UInt32(id)
    }

    /// Deletes a relationship.
    /// - Throws: `relationshipNotFound`.
    public mutating func deleteRelationship(_ r: RelationshipID) throws(GraphStoreError) {
        try requireRelationship(r)
        let t = Int(snapshot.relType[r.index])
        snapshot.adjacency[t].outgoing.remove(node: snapshot.relSource[r.index], relationship: r.rawValue)
        snapshot.adjacency[t].incoming.remove(node: snapshot.relTarget[r.index], relationship: r.rawValue)
        snapshot.relAlive.remove(r.index)
        snapshot.relProperties[r.index] = PropertyMap()
        statistics.relationshipsDeleted += 1
        record(.deleteRelationship(r))
    }

    /// Sets (or, with `.null`, removes) one property of a relationship.
    public mutating func setProperty(_ r: RelationshipID, _ key: String, _ value: PropertyValue) throws(GraphStoreError) {
        try requireRelationship(r)
        let k = try propertyKey(key)
        snapshot.relProperties.modify(r.index) { $0[k] = value }
        statistics.propertiesSet += 1
        record(.setRelationshipProperty(r, k, value))
    }

    /// Removes one property of a relationship; a missing key is not an error.
    public mutating func removeProperty(_ r: RelationshipID, _ key: String) throws(GraphStoreError) {
        try requireRelationship(r)
        guard let k = snapshot.catalog.propertyKey(key), snapshot.property(r, k) != nil else { return }
        snapshot.relProperties.modify(r.index) { $0[k] = nil }
        statistics.propertiesSet += 1
        record(.setRelationshipProperty(r, k, .null))
    }
}
