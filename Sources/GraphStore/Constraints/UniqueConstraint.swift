public import HashTreeCollections

/// A uniqueness constraint or a node key on the nodes of one label, and the index that enforces it.
///
/// - `IS UNIQUE` on one or several properties: no two nodes with the label share the values. A node lacking one
///   of the properties is not constrained (as in Neo4j).
/// - `IS NODE KEY`: the same, and every node with the label must have every property (checked at commit, see
///   `GraphTransaction.checkRequiredProperties()`).
///
/// The index maps a node's values (one value, or a list of them for several properties, see `tuple(_:)`) to the
/// node. It is a persistent hash tree, so snapshots share it and a write copies O(log n) of it.
public struct UniqueConstraint: Sendable {
    public let name: String
    public let label: LabelID
    /// The constrained properties, in the order the constraint names them.
    public let keys: [PropertyKeyID]
    /// Whether this is a node key (the properties must also exist).
    public let isNodeKey: Bool
    @usableFromInline var index: TreeDictionary<PropertyValue, NodeID>

    init(name: String, label: LabelID, keys: [PropertyKeyID], isNodeKey: Bool = false) {
        precondition(!keys.isEmpty, "a constraint needs a property")
        self.name = name
        self.label = label
        self.keys = keys
        self.isNodeKey = isNodeKey
        self.index = [:]
    }

    /// The first (for single-property constraints, the only) property.
    public var key: PropertyKeyID { keys[0] }

    /// Whether the constraint is on one property (what lookups by one key can use).
    public var isSingleKey: Bool { keys.count == 1 }

    /// The value a node with `properties` is indexed under: the property itself for one key, the list of values
    /// for several; nil when one is missing (the node is then not indexed).
    public func tuple(_ properties: PropertyMap) -> PropertyValue? {
        if keys.count == 1 { return properties[keys[0]] }
        var values: [PropertyValue] = []
        for k in keys {
            guard let v = properties[k] else { return nil }
            values.append(v)
        }
        return .list(values)
    }

    /// The node holding `value` (a single value, or a `tuple(_:)` for several keys), if any.
    /// - Complexity: O(1) expected (a hash-tree lookup).
    @inlinable public func lookup(_ value: PropertyValue) -> NodeID? { index[value.indexKey] }

    /// The number of indexed nodes.
    public var count: Int { index.count }

    mutating func insert(_ value: PropertyValue, node: NodeID) -> NodeID? {
        let k = value.indexKey
        if let existing = index[k], existing != node { return existing }
        index[k] = node
        return nil
    }

    mutating func remove(_ value: PropertyValue, node: NodeID) {
        let k = value.indexKey
        if index[k] == node { index[k] = nil }
    }
}
