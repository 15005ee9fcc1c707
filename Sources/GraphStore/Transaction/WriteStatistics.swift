/// What a write changed, counted as Neo4j's query statistics count it.
public struct WriteStatistics: Sendable, Hashable {
    public var nodesCreated = 0
    public var nodesDeleted = 0
    public var relationshipsCreated = 0
    public var relationshipsDeleted = 0
    public var propertiesSet = 0
    public var labelsAdded = 0
    public var labelsRemoved = 0
    public var constraintsAdded = 0
    public var constraintsRemoved = 0

    public init() {}

    /// Whether anything changed.
    public var containsUpdates: Bool { self != WriteStatistics() }

    /// The changes counted here and in `other` together.
    public func adding(_ other: WriteStatistics) -> WriteStatistics {
        var d = WriteStatistics()
        d.nodesCreated = nodesCreated + other.nodesCreated
        d.nodesDeleted = nodesDeleted + other.nodesDeleted
        d.relationshipsCreated = relationshipsCreated + other.relationshipsCreated
        d.relationshipsDeleted = relationshipsDeleted + other.relationshipsDeleted
        d.propertiesSet = propertiesSet + other.propertiesSet
        d.labelsAdded = labelsAdded + other.labelsAdded
        d.labelsRemoved = labelsRemoved + other.labelsRemoved
        d.constraintsAdded = constraintsAdded + other.constraintsAdded
        d.constraintsRemoved = constraintsRemoved + other.constraintsRemoved
        return d
    }

    /// The changes counted here and not in `earlier` (an earlier reading of the same transaction).
    public func subtracting(_ earlier: WriteStatistics) -> WriteStatistics {
        var d = WriteStatistics()
        d.nodesCreated = nodesCreated - earlier.nodesCreated
        d.nodesDeleted = nodesDeleted - earlier.nodesDeleted
        d.relationshipsCreated = relationshipsCreated - earlier.relationshipsCreated
        d.relationshipsDeleted = relationshipsDeleted - earlier.relationshipsDeleted
        d.propertiesSet = propertiesSet - earlier.propertiesSet
        d.labelsAdded = labelsAdded - earlier.labelsAdded
        d.labelsRemoved = labelsRemoved - earlier.labelsRemoved
        d.constraintsAdded = constraintsAdded - earlier.constraintsAdded
        d.constraintsRemoved = constraintsRemoved - earlier.constraintsRemoved
        return d
    }
}
