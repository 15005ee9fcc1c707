extension GraphTransaction {
    /// Creates a node.
    /// - Throws: `constraintViolation` when a unique key is already taken; nothing is created.
    /// - Complexity: O(labels + properties), plus one index probe per applicable constraint.
    @discardableResult
    public mutating func createNode(labels: [LabelID], properties: PropertyMap) throws(GraphStoreError) -> NodeID {
        let id = snapshot.nodeProperties.count
        guard id < Int(UInt32.max) else { throw GraphStoreError(.capacityExceeded, "node id space exhausted") }
        let node = NodeID(id)
        try checkUnique(node: nil, labels: labels, properties: properties)
        addToSchemaIndexes(node, labels: labels, properties)
        snapshot.nodeProperties.append(properties)
        snapshot.nodeAlive.insert(id)
        for l in labels where snapshot.labelMembers[l.index].insert(id) { statistics.labelsAdded += 1 }
        statistics.nodesCreated += 1
        statistics.propertiesSet += properties.count
        record(.createNode(node, labels: labels, properties: properties))
        return node
    }

    /// Creates a node from names.
    @discardableResult
    public mutating func createNode(
        labels: [String], properties: [String: PropertyValue] = [:]
    ) throws(GraphStoreError) -> NodeID {
        var ids: [LabelID] = []
        for l in labels { ids.append(try label(l)) }
        return try createNode(labels: ids, properties: try propertyMap(properties))
    }

    /// Sets (or, with `.null`, removes) one property of a node.
    /// - Throws: `nodeNotFound`, or `constraintViolation` when the new value is taken.
    public mutating func setProperty(_ node: NodeID, _ key: PropertyKeyID, _ value: PropertyValue) throws(GraphStoreError) {
        try requireNode(node)
        let labels = snapshot.labels(of: node)
        let before = snapshot.nodeProperties[node.index]
        var after = before
        after[key] = value
        if !value.isNull {
            for c in snapshot.constraints where c.keys.contains(key) && labels.contains(c.label) {
                if let v = c.tuple(after), let other = c.lookup(v), other != node { throw violation(c, value: v, existing: other) }
            }
        }
        reindex(node, labels: labels, key: key, from: before, to: after)
        snapshot.nodeProperties.modify(node.index) { $0[key] = value }
        statistics.propertiesSet += 1
        record(.setNodeProperty(node, key, value))
    }

    /// Sets one property of a node by key name.
    public mutating func setProperty(_ node: NodeID, _ key: String, _ value: PropertyValue) throws(GraphStoreError) {
        try setProperty(node, try propertyKey(key), value)
    }

    /// Removes one property of a node; a missing key is not an error.
    public mutating func removeProperty(_ node: NodeID, _ key: String) throws(GraphStoreError) {
        try requireNode(node)
        guard let k = snapshot.catalog.propertyKey(key), snapshot.property(node, k) != nil else { return }
        try setProperty(node, k, .null)
    }

    /// Adds a label to a node; adding a label it already has does nothing.
    /// - Throws: `constraintViolation` when the label's constraints reject the node's values.
    public mutating func addLabel(_ node: NodeID, _ label: LabelID) throws(GraphStoreError) {
        try requireNode(node)
        guard !snapshot.hasLabel(node, label) else { return }
        let props = snapshot.nodeProperties[node.index]
        try checkUnique(node: node, labels: [label], properties: props)
        addToSchemaIndexes(node, labels: [label], props)
        snapshot.labelMembers[label.index].insert(node.index)
        statistics.labelsAdded += 1
        record(.addLabel(node, label))
    }

    /// Adds a label to a node by name.
    public mutating func addLabel(_ node: NodeID, _ name: String) throws(GraphStoreError) {
        try addLabel(node, try label(name))
    }

    /// Removes a label from a node; removing a label it lacks does nothing.
    public mutating func removeLabel(_ node: NodeID, _ name: String) throws(GraphStoreError) {
        try requireNode(node)
        guard let l = snapshot.catalog.label(name), snapshot.hasLabel(node, l) else { return }
        removeFromSchemaIndexes(node, labels: [l], snapshot.nodeProperties[node.index])
        snapshot.labelMembers[l.index].remove(node.index)
        statistics.labelsRemoved += 1
        record(.removeLabel(node, l))
    }

    /// Deletes a node. With `detach`, its relationships are deleted first (Cypher's DETACH DELETE);
    /// without it, a node that still has relationships is an error.
    /// - Throws: `nodeNotFound`, or `nodeHasRelationships` for a plain delete of a connected node.
    /// - Complexity: O(degree) plus O(labels).
    public mutating func deleteNode(_ node: NodeID, detach: Bool = false) throws(GraphStoreError) {
        try requireNode(node)
        let degree = snapshot.degree(of: node, type: nil, direction: .both)
        if degree > 0 {
            guard detach else {
                throw GraphStoreError(
                    .nodeHasRelationships,
                    "Cannot delete node \(node.rawValue), because it still has \(degree) relationship(s). "
                        + "To delete this node, you must first delete its relationships, or use DETACH DELETE.")
            }
            var rels = Set<RelationshipID>()
            snapshot.forEachRelationship(of: node, type: nil, direction: .both) { _, r in rels.insert(r) }
            for r in rels.sorted() { try deleteRelationship(r) }
        }
        removeFromSchemaIndexes(node, labels: snapshot.labels(of: node), snapshot.nodeProperties[node.index])
        for l in 0..<snapshot.labelMembers.count { snapshot.labelMembers[l].remove(node.index) }
        snapshot.nodeAlive.remove(node.index)
        snapshot.nodeProperties[node.index] = PropertyMap()
        statistics.nodesDeleted += 1
        record(.deleteNode(node))
    }
}
