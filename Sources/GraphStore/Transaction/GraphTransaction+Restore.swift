extension GraphTransaction {
    // Loading a stored graph. These methods rebuild a snapshot with the exact ids it had when it
    // was saved: tokens in id order, and nodes and relationships in increasing id order, with the
    // ids of deleted entities left as holes. They record no mutations (the data is already stored).

    /// Re-creates a token with its stored id.
    /// - Throws: `invalidName` when `id` is not the next id of its kind (tokens must come in order).
    public mutating func restoreToken(_ kind: GraphMutation.TokenKind, id: UInt32, name: String) throws(GraphStoreError) {
        recording = false
        defer { recording = true }
        let got: UInt32
        switch kind {
        case .label: got = UInt32(try label(name).rawValue)
        case .relationshipType: got = UInt32(try relationshipType(name).rawValue)
        case .propertyKey: got = try propertyKey(name).rawValue
        }
        changedLayout = true
        guard got == id else {
            throw GraphStoreError(.invalidName, "stored token `\(name)` has id \(id) but was restored as \(got)")
        }
    }

    /// Re-creates a node with its stored id, leaving holes for any deleted ids below it.
    /// - Throws: `invalidName` when ids do not increase; `constraintViolation` when stored data breaks a constraint.
    public mutating func restoreNode(_ id: NodeID, labels: [LabelID], properties: PropertyMap) throws(GraphStoreError) {
        guard id.index >= snapshot.nodeProperties.count else {
            throw GraphStoreError(.invalidName, "stored node ids must increase (got \(id.rawValue) after \(snapshot.nodeIDLimit - 1))")
        }
        snapshot.nodeProperties.reserveAndFill(PropertyMap(), upTo: id.index)
        recording = false
        defer { recording = true }
        let stats = statistics
        let created = try createNode(labels: labels, properties: properties)
        changedLayout = true
        statistics = stats
        assert(created == id)
    }

    /// Re-creates relationships with their stored ids (increasing), leaving holes for deleted ids.
    /// - Throws: `invalidName` when ids do not increase, `nodeNotFound` for a dangling end.
    public mutating func restoreRelationships(
        _ batch: [(id: RelationshipID, relationship: NewRelationship)]
    ) throws(GraphStoreError) {
        recording = false
        defer { recording = true }
        let stats = statistics
        _ = try appendRelationships(batch.map(\.relationship), ids: batch.map(\.id))
        changedLayout = true
        statistics = stats
    }
}

extension GraphTransaction {
    /// Re-creates a stored uniqueness constraint and indexes the nodes already restored.
    public mutating func restoreConstraint(name: String, label: String, key: String) throws(GraphStoreError) {
        try restoreConstraint(name: name, kind: nil, token: label, keys: [key])
    }

    /// Re-creates a stored constraint of any kind (`kind` nil: uniqueness on one property). `token` is the label,
    /// or the relationship type of a relationship existence constraint. Uniqueness constraints and node keys index
    /// the nodes already restored; existence constraints are not checked again (the data was checked when written).
    public mutating func restoreConstraint(
        name: String, kind: ConstraintRule.Kind?, token: String, keys: [String]
    ) throws(GraphStoreError) {
        recording = false
        defer { recording = true }
        let stats = statistics
        switch kind {
        case nil, .uniqueness: try createUniqueConstraint(name: name, label: token, keys: keys, nodeKey: false)
        case .nodeKey: try createUniqueConstraint(name: name, label: token, keys: keys, nodeKey: true)
        case .nodeExistence: try createExistenceConstraint(name: name, label: token, key: keys.first ?? "")
        case .relationshipExistence: try createExistenceConstraint(name: name, type: token, key: keys.first ?? "")
        }
        statistics = stats
        changedLayout = true
    }
}

extension GraphTransaction {
    /// Extends the id ranges to the stored limits, so that ids of entities deleted at the end of
    /// the range are not handed out again after a restart.
    public mutating func restoreIDLimits(nodes: Int, relationships: Int) {
        if nodes > snapshot.nodeProperties.count { snapshot.nodeProperties.reserveAndFill(PropertyMap(), upTo: nodes) }
        while snapshot.relSource.count < relationships { appendRelationshipHole() }
        changedLayout = true
    }
}
