extension GraphSnapshot {
    /// Whether `node` names a live node.
    @inlinable public func contains(_ node: NodeID) -> Bool { nodeAlive.contains(node.index) }

    /// Whether `node` carries `label`.
    @inlinable
    public func hasLabel(_ node: NodeID, _ label: LabelID) -> Bool {
        label.index < labelMembers.count && labelMembers[label.index].contains(node.index)
    }

    /// The labels of `node`, in token order.
    /// - Complexity: O(number of labels in the catalog).
    public func labels(of node: NodeID) -> [LabelID] {
        var out: [LabelID] = []
        for i in 0..<labelMembers.count where labelMembers[i].contains(node.index) {
            out.append(LabelID(UInt16(i)))
        }
        return out
    }

    /// The label names of `node`.
    public func labelNames(of node: NodeID) -> [String] { labels(of: node).map { catalog.name(of: $0) } }

    /// The properties of `node` (empty for a deleted or unknown id).
    @inlinable
    public func properties(of node: NodeID) -> PropertyMap {
        node.index < nodeProperties.count ? nodeProperties[node.index] : PropertyMap()
    }

    /// One property of `node`, or `nil`.
    @inlinable
    public func property(_ node: NodeID, _ key: PropertyKeyID) -> PropertyValue? {
        node.index < nodeProperties.count ? nodeProperties.value(node.index, key) : nil
    }

    /// One property of `node` by key name, or `nil` (also when no entity has that key).
    public func property(_ node: NodeID, _ key: String) -> PropertyValue? {
        guard let k = catalog.propertyKey(key) else { return nil }
        return property(node, k)
    }

    /// The properties of `node` keyed by name.
    public func propertyDictionary(of node: NodeID) -> [String: PropertyValue] {
        var out: [String: PropertyValue] = [:]
        for e in properties(of: node) { out[catalog.name(of: e.key)] = e.value }
        return out
    }

    /// Calls `body` for every live node carrying `label`, in id order.
    /// - Complexity: O(id range / 64 + matches).
    @inlinable
    public func forEachNode(label: LabelID, _ body: (NodeID) throws -> Void) rethrows {
        guard label.index < labelMembers.count else { return }
        try labelMembers[label.index].forEach { try body(NodeID($0)) }
    }

    /// Calls `body` for every live node, in id order.
    @inlinable
    public func forEachNode(_ body: (NodeID) throws -> Void) rethrows {
        try nodeAlive.forEach { try body(NodeID($0)) }
    }

    /// The live nodes carrying `label`, in id order.
    public func nodes(label: LabelID) -> [NodeID] {
        var out: [NodeID] = []
        out.reserveCapacity(nodeCount(label: label))
        forEachNode(label: label) { out.append($0) }
        return out
    }

    /// The single-property uniqueness constraint or node key on `(label, key)`, if one exists.
    public func constraint(label: LabelID, key: PropertyKeyID) -> UniqueConstraint? {
        constraints.first { $0.label == label && $0.isSingleKey && $0.key == key }
    }

    /// The uniqueness constraint or node key named `name`, if any.
    public func constraint(named name: String) -> UniqueConstraint? { constraints.first { $0.name == name } }

    /// Whether a constraint of any kind is named `name`.
    public func hasConstraint(named name: String) -> Bool {
        constraint(named: name) != nil || existenceConstraints.contains { $0.name == name }
    }

    /// Finds the node with `label` whose `key` equals `value`: through the uniqueness constraint's
    /// index when there is one on `(label, key)`, otherwise by scanning the label's nodes (values
    /// compare as the constraint index compares them, so `1` finds `1.0`).
    /// - Returns: `nil` when no such node exists. Without a constraint several nodes may match;
    ///   the one with the smallest id is returned.
    /// - Complexity: O(1) expected with a constraint; O(nodes with the label) without one (use
    ///   `keyIndex(label:key:)` to look up many values).
    public func lookup(label: String, key: String, value: PropertyValue) -> NodeID? {
        guard let l = catalog.label(label), let k = catalog.propertyKey(key) else { return nil }
        if let c = constraint(label: l, key: k) { return c.lookup(value) }
        let wanted = value.indexKey
        var found: NodeID?
        guard l.index < labelMembers.count else { return nil }
        labelMembers[l.index].forEachUntil { i in
            guard let v = nodeProperties.value(i, k), v.indexKey == wanted else { return false }
            found = NodeID(i)
            return true
        }
        return found
    }

    /// Finds a node by an id given as text (a URL path segment, a command-line argument): the node
    /// whose `key` is that string, else one whose `key` is the integer the text spells (ids created
    /// by Cypher as numbers).
    /// - Complexity: as `lookup(label:key:value:)`, at most twice.
    public func lookup(label: String, key: String = "id", text: String) -> NodeID? {
        if let n = lookup(label: label, key: key, value: .string(text)) { return n }
        guard let i = Int64(text) else { return nil }
        return lookup(label: label, key: key, value: .int(i))
    }

    /// A map from `key` values to the `label` nodes holding them, for looking up many values at once
    /// (the constraint's index when there is one, else one scan; with duplicates, the smallest id wins).
    /// Keys are normalised with `PropertyValue.indexKey`; look values up with `KeyIndex.lookup`.
    /// - Complexity: O(1) with a constraint; O(nodes with the label) without one.
    public func keyIndex(label: String, key: String) -> KeyIndex {
        guard let l = catalog.label(label), let k = catalog.propertyKey(key) else { return KeyIndex(storage: .map([:])) }
        if let c = constraint(label: l, key: k) { return KeyIndex(storage: .constraint(c)) }
        var map: [PropertyValue: NodeID] = [:]
        forEachNode(label: l) { n in
            guard let v = property(n, k) else { return }
            let key = v.indexKey
            if map[key] == nil { map[key] = n }
        }
        return KeyIndex(storage: .map(map))
    }
}

/// Nodes of one label by the value of one key, from `GraphSnapshot.keyIndex(label:key:)`.
public struct KeyIndex: Sendable {
    enum Storage: Sendable {
        case constraint(UniqueConstraint)
        case map([PropertyValue: NodeID])
    }
    let storage: Storage

    /// The node holding `value`, if any.
    public func lookup(_ value: PropertyValue) -> NodeID? {
        switch storage {
        case .constraint(let c): c.lookup(value)
        case .map(let m): m[value.indexKey]
        }
    }
}
