public import HashTreeCollections

/// A uniqueness constraint on `(label, key)` and the index that enforces it.
///
/// Nodes with the label and without the key are allowed (as in Neo4j). The index is a
/// persistent hash tree, so snapshots share it and a write copies O(log n) of it.
public struct UniqueConstraint: Sendable {
    public let name: String
    public let label: LabelID
    public let key: PropertyKeyID
    @usableFromInline var index: TreeDictionary<PropertyValue, NodeID>

    init(name: String, label: LabelID, key: PropertyKeyID) {
        self.name = name
        self.label = label
        self.key = key
        self.index = [:]
    }

    /// The node holding `value`, if any.
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
