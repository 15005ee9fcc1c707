extension GraphSnapshot {
    /// The property index named `name`, if any.
    public func propertyIndex(named name: String) -> PropertyIndex? { propertyIndexes.first { $0.name == name } }

    /// The single-property index of `kind` on `(label, key)`, if any (any kind when nil).
    public func propertyIndex(label: LabelID, key: PropertyKeyID, kind: PropertyIndex.Kind? = nil) -> PropertyIndex? {
        propertyIndexes.first { $0.label == label && !$0.isComposite && $0.key == key && (kind == nil || $0.kind == kind) }
    }

    /// The composite RANGE indexes on `label`.
    public func compositeIndexes(label: LabelID) -> [PropertyIndex] {
        propertyIndexes.filter { $0.label == label && $0.isComposite }
    }
}

extension GraphTransaction {
    /// Creates a range or text index on `(label, key)` and indexes the existing nodes.
    /// - Parameter name: the index's name; defaults to `index_<label>_<key>` (`text_index_…` for TEXT).
    /// - Throws: `constraintAlreadyExists` for a taken name or an index of the same kind on the same property.
    /// - Complexity: O(nodes with the label).
    public mutating func createPropertyIndex(
        name: String? = nil, kind: PropertyIndex.Kind, label labelName: String, key keyName: String
    ) throws(GraphStoreError) {
        try createPropertyIndex(name: name, kind: kind, label: labelName, keys: [keyName])
    }

    /// Creates a range or text index on one property, or a composite RANGE index on several, and indexes the
    /// existing nodes.
    /// - Parameter name: the index's name; defaults to `index_<label>_<key>[_<key>…]` (`text_index_…` for TEXT).
    /// - Throws: `constraintAlreadyExists` for a taken name or an index of the same kind on the same properties,
    ///   `invalidSchema` for a TEXT index on several properties or a property named twice.
    public mutating func createPropertyIndex(
        name: String? = nil, kind: PropertyIndex.Kind, label labelName: String, keys keyNames: [String]
    ) throws(GraphStoreError) {
        guard !keyNames.isEmpty, Set(keyNames).count == keyNames.count else {
            throw GraphStoreError(.invalidSchema, "an index needs distinct properties")
        }
        guard kind == .range || keyNames.count == 1 else {
            throw GraphStoreError(.invalidSchema, "a TEXT index is on one property")
        }
        let suffix = keyNames.joined(separator: "_")
        let name = name ?? (kind == .text ? "text_index_\(labelName)_\(suffix)" : "index_\(labelName)_\(suffix)")
        if snapshot.propertyIndex(named: name) != nil || snapshot.hasConstraint(named: name) {
            throw GraphStoreError(.constraintAlreadyExists, "an index or constraint named `\(name)` already exists")
        }
        let l = try label(labelName)
        var keys: [PropertyKeyID] = []
        for k in keyNames { keys.append(try propertyKey(k)) }
        if let existing = snapshot.propertyIndexes.first(where: { $0.label == l && $0.keys == keys && $0.kind == kind }) {
            throw GraphStoreError(
                .constraintAlreadyExists,
                "index `\(existing.name)` already indexes :\(labelName)(\(keyNames.joined(separator: ", "))) as \(kind.name)")
        }
        var index = PropertyIndex(name: name, kind: kind, label: l, keys: keys)
        snapshot.forEachNode(label: l) { node in
            if let v = index.tuple(snapshot.nodeProperties[node.index]) { index.insert(v, node: node) }
        }
        snapshot.propertyIndexes.append(index)
        snapshot.schemaVersion &+= 1
        changedLayout = true
        if keys.count == 1 {
            record(.createIndex(name: name, kind: kind, label: l, key: keys[0]))
        } else {
            record(.createCompositeIndex(name: name, label: l, keys: keys))
        }
    }

    /// Drops the property index named `name`.
    /// - Throws: `constraintNotFound` when there is none.
    public mutating func dropPropertyIndex(named name: String) throws(GraphStoreError) {
        guard let i = snapshot.propertyIndexes.firstIndex(where: { $0.name == name }) else {
            throw GraphStoreError(.constraintNotFound, "no index named `\(name)`")
        }
        snapshot.propertyIndexes.remove(at: i)
        snapshot.schemaVersion &+= 1
        changedLayout = true
        record(.dropIndex(name: name))
    }

    /// Re-creates a stored property index over the nodes already restored.
    public mutating func restorePropertyIndex(
        name: String, kind: PropertyIndex.Kind, label: String, keys: [String]
    ) throws(GraphStoreError) {
        recording = false
        defer { recording = true }
        try createPropertyIndex(name: name, kind: kind, label: label, keys: keys)
    }
}
