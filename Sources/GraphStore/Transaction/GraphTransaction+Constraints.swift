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
        try createUniqueConstraint(name: name, label: labelName, keys: [keyName], nodeKey: false)
    }

    /// Creates a uniqueness constraint on one or several properties, or a node key (`nodeKey`: the properties
    /// must also exist), and indexes the existing nodes.
    ///
    /// - Parameter name: defaults to `constraint_<label>_<key>[_<key>…]`.
    /// - Throws: `constraintAlreadyExists` for a duplicate name or the same properties already constrained,
    ///   `invalidSchema` for a property named twice, and `constraintViolation` when existing nodes share values
    ///   (or, for a node key, lack one); nothing changes then.
    public mutating func createUniqueConstraint(
        name: String? = nil, label labelName: String, keys keyNames: [String], nodeKey: Bool
    ) throws(GraphStoreError) {
        guard !keyNames.isEmpty, Set(keyNames).count == keyNames.count else {
            throw GraphStoreError(.invalidSchema, "a constraint needs distinct properties")
        }
        let name = name ?? "constraint_\(labelName)_\(keyNames.joined(separator: "_"))"
        try TokenName.validate(name, kind: "constraint")
        if snapshot.hasConstraint(named: name) {
            throw GraphStoreError(.constraintAlreadyExists, "a constraint named `\(name)` already exists")
        }
        let l = try label(labelName)
        var keys: [PropertyKeyID] = []
        for k in keyNames { keys.append(try propertyKey(k)) }
        let listed = keyNames.map { "`\($0)`" }.joined(separator: ", ")
        if let existing = snapshot.constraints.first(where: { $0.label == l && $0.keys == keys }) {
            throw GraphStoreError(
                .constraintAlreadyExists,
                "constraint `\(existing.name)` already requires :\(labelName)(\(listed)) to be unique")
        }
        var c = UniqueConstraint(name: name, label: l, keys: keys, isNodeKey: nodeKey)
        var failure: GraphStoreError?
        snapshot.forEachNode(label: l) { node in
            guard failure == nil else { return }
            guard let v = c.tuple(snapshot.nodeProperties[node.index]) else {
                if nodeKey {
                    failure = GraphStoreError(
                        .constraintViolation,
                        "cannot create node key `\(name)`: Node(\(node.rawValue)) with label `\(labelName)` must have the"
                            + " properties (\(listed))")
                }
                return
            }
            if let other = c.insert(v, node: node) {
                failure = GraphStoreError(
                    .constraintViolation,
                    "cannot create constraint `\(name)`: Node(\(other.rawValue)) and Node(\(node.rawValue)) both have"
                        + " label `\(labelName)` and \(keys.count == 1 ? "property" : "properties") \(listed) = \(v)")
            }
        }
        if let failure { throw failure }
        snapshot.constraints.append(c)
        snapshot.schemaVersion &+= 1
        statistics.constraintsAdded += 1
        if keys.count == 1 && !nodeKey {
            record(.createConstraint(name: name, label: l, key: keys[0]))
        } else {
            record(.createConstraintRule(ConstraintRule(
                name: name, kind: nodeKey ? .nodeKey : .uniqueness, token: UInt32(l.rawValue), keys: keys)))
        }
    }

    /// Creates a property existence constraint: every node with `label` (or every relationship of `type`) must have
    /// `key`. Exactly one of `label` and `type` is given.
    /// - Parameter name: defaults to `constraint_<label or type>_<key>`.
    /// - Throws: `constraintAlreadyExists` for a taken name or the same rule, `constraintViolation` when an
    ///   existing entity lacks the property; nothing changes then.
    /// - Complexity: O(nodes with the label), or O(relationships of the type).
    public mutating func createExistenceConstraint(
        name: String? = nil, label labelName: String? = nil, type typeName: String? = nil, key keyName: String
    ) throws(GraphStoreError) {
        guard let tokenName = labelName ?? typeName, (labelName == nil) != (typeName == nil) else {
            throw GraphStoreError(.invalidSchema, "an existence constraint is on a label or on a relationship type")
        }
        let name = name ?? "constraint_\(tokenName)_\(keyName)"
        try TokenName.validate(name, kind: "constraint")
        if snapshot.hasConstraint(named: name) {
            throw GraphStoreError(.constraintAlreadyExists, "a constraint named `\(name)` already exists")
        }
        let k = try propertyKey(keyName)
        let target: ExistenceConstraint.Target
        if let labelName { target = .label(try label(labelName)) } else { target = .relationshipType(try relationshipType(tokenName)) }
        if let existing = snapshot.existenceConstraints.first(where: { $0.target == target && $0.key == k }) {
            throw GraphStoreError(
                .constraintAlreadyExists, "constraint `\(existing.name)` already requires `\(tokenName)`.`\(keyName)`")
        }
        let c = ExistenceConstraint(name: name, target: target, key: k)
        if recording, let missing = firstMissing(c) { throw GraphStoreError(.constraintViolation, "cannot create constraint `\(name)`: \(missing)") }
        snapshot.existenceConstraints.append(c)
        snapshot.schemaVersion &+= 1
        statistics.constraintsAdded += 1
        switch target {
        case .label(let l):
            record(.createConstraintRule(ConstraintRule(name: name, kind: .nodeExistence, token: UInt32(l.rawValue), keys: [k])))
        case .relationshipType(let t):
            record(.createConstraintRule(ConstraintRule(
                name: name, kind: .relationshipExistence, token: UInt32(t.rawValue), keys: [k])))
        }
    }

    /// Drops the constraint named `name` (of any kind).
    /// - Throws: `constraintNotFound`.
    public mutating func dropConstraint(named name: String) throws(GraphStoreError) {
        if let i = snapshot.constraints.firstIndex(where: { $0.name == name }) {
            snapshot.constraints.remove(at: i)
        } else if let i = snapshot.existenceConstraints.firstIndex(where: { $0.name == name }) {
            snapshot.existenceConstraints.remove(at: i)
        } else {
            throw GraphStoreError(.constraintNotFound, "no constraint named `\(name)`")
        }
        snapshot.schemaVersion &+= 1
        statistics.constraintsRemoved += 1
        record(.dropConstraint(name: name))
    }
}
