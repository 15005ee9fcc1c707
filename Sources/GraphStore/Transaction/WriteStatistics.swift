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
}
