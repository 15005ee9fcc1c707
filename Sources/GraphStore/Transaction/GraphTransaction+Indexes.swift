extension GraphSnapshot {
    /// The property index named `name`, if any.
    public func propertyIndex(named name: String) -> PropertyIndex? { propertyIndexes.first { $0.name == name } }

    /// The property index of `kind` on `(label, key)`, if any (any kind when nil).
    public func propertyIndex(label: LabelID, key: PropertyKeyID, kind: PropertyIndex.Kind? = nil) -> PropertyIndex? {
        propertyIndexes.first { $0.label == label && $0.key == key && (kind == nil || $0.kind == kind) }
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
        let name = name ?? (kind == .text ? "text_index_\(labelName)_\(keyName)" : "index_\(labelName)_\(keyName)")
        if snapshot.propertyIndex(named: name) != nil || snapshot.constraint(named: name) != nil {
            throw GraphStoreError(.constraintAlreadyExists, "an index or constraint named `\(name)` already exists")
        }
        let l = try label(labelName)
        let k = try propertyKey(keyName)
        if let existing = snapshot.propertyIndex(label: l, key: k, kind: kind) {
            throw GraphStoreError(
                .constraintAlreadyExists,
                "index `\(existing.name)` already indexes :\(labelName)(\(keyName)) as \(kind.name)")
        }
        var index = PropertyIndex(name: name, kind: kind, label: l, key: k)
        snapshot.forEachNode(label: l) { node in
            if let v = snapshot.property(node, k) { index.insert(v, node: node) }
        }
        snapshot.propertyIndexes.append(index)
        snapshot.schemaVersion &+= 1
        changedLayout = true
        record(.createIndex(name: name, kind: kind, label: l, key: k))
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
        name: String, kind: PropertyIndex.Kind, label: String, key: String
    ) throws(GraphStoreError) {
        recording = false
        defer { recording = true }
        try createPropertyIndex(name: name, kind: kind, label: label, key: key)
    }
}
