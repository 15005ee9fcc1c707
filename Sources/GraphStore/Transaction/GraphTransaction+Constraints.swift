extension GraphTransaction {
    /// Creates a uniqueness constraint on `(label, key)` and indexes the existing nodes.
    ///
    /// - Parameter name: the constraint's name; defaults to `constraint_<label>_<key>`.
    /// - Throws: `constraintAlreadyExists` for a duplicate name or `(label, key)`, and
    ///   `constraintViolation` when existing nodes already share a value; nothing changes then.
    /// - Complexity: O(nodes with the label).
    public mutating func createUniqueConstraint(
        name: String? = nil, label labelName: String, key keyName: String
    ) throws(GraphStoreError) {
        let name = name ?? "constraint_\(labelName)_\(keyName)"
        try TokenName.validate(name, kind: "constraint")
        if snapshot.constraint(named: name) != nil {
            throw GraphStoreError(.constraintAlreadyExists, "a constraint named `\(name)` already exists")
        }
        let l = try label(labelName)
        let k = try propertyKey(keyName)
        if let existing = snapshot.constraint(label: l, key: k) {
            throw GraphStoreError(
                .constraintAlreadyExists,
                "constraint `\(existing.name)` already requires `\(labelName)`.`\(keyName)` to be unique")
        }
        var c = UniqueConstraint(name: name, label: l, key: k)
        var failure: GraphStoreError?
        snapshot.forEachNode(label: l) { node in
            guard failure == nil, let v = snapshot.property(node, k) else { return }
            if let other = c.insert(v, node: node) {
                failure = GraphStoreError(
                    .constraintViolation,
                    "cannot create constraint `\(name)`: Node(\(other.rawValue)) and Node(\(node.rawValue)) both have"
                        + " label `\(labelName)` and property `\(keyName)` = \(v)")
            }
        }
        if let failure { throw failure }
        snapshot.constraints.append(c)
        snapshot.schemaVersion &+= 1
        statistics.constraintsAdded += 1
        record(.createConstraint(name: name, label: l, key: k))
    }

    /// Drops the constraint named `name`.
    /// - Throws: `constraintNotFound`.
    public mutating func dropConstraint(named name: String) throws(GraphStoreError) {
        guard let i = snapshot.constraints.firstIndex(where: { $0.name == name }) else {
            throw GraphStoreError(.constraintNotFound, "no constraint named `\(name)`")
        }
        snapshot.constraints.remove(at: i)
        snapshot.schemaVersion &+= 1
        statistics.constraintsRemoved += 1
        record(.dropConstraint(name: name))
    }
}
