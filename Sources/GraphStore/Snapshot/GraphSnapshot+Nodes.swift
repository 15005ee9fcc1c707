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
        node.index < nodeProperties.count ? nodeProperties[node.index][key] : nil
    }

    /// One property of `node` by key name, or `nil` (also when no entity has that key).
    public func property(_ node: NodeID, _ key: String) -> PropertyValue? {
        guard let k = catalog.propertyKey(key) else { return nil }
        return property(node, k)
    }

    /// The properties of `node` keyed by name.
    public func propertyDictionary(of node: NodeID) -> [String: PropertyValue] {
        var out: [String: PropertyValue] = [:]
        for e in properties(of: node).entries { out[catalog.name(of: e.key)] = e.value }
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

    /// The uniqueness constraint on `(label, key)`, if one exists.
    public func constraint(label: LabelID, key: PropertyKeyID) -> UniqueConstraint? {
        constraints.first { $0.label == label && $0.key == key }
    }

    /// The constraint named `name`, if any.
    public func constraint(named name: String) -> UniqueConstraint? { constraints.first { $0.name == name } }

    /// Finds the node with `label` whose unique `key` equals `value`, through the constraint's index.
    /// - Returns: `nil` when there is no such node or no constraint on `(label, key)`.
    /// - Complexity: O(1) expected.
    public func lookup(label: String, key: String, value: PropertyValue) -> NodeID? {
        guard let l = catalog.label(label), let k = catalog.propertyKey(key) else { return nil }
        return constraint(label: l, key: k)?.lookup(value)
    }
}
