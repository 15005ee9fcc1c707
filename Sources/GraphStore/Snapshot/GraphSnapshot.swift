/// One immutable version of the graph. Every read runs against a snapshot, so a reader sees
/// one consistent state however long it runs, while a writer builds the next version.
///
/// Copying a snapshot is cheap: its storage is paged and shared between versions (see
/// `PagedArray` and `AdjacencyList`). Node and relationship ids are dense and never reused.
public struct GraphSnapshot: Sendable {
    public internal(set) var catalog = Catalog()
    /// Incremented by each committed write.
    public internal(set) var version: UInt64 = 0
    /// Incremented whenever a uniqueness constraint or a property index is created or dropped, so that plans made
    /// against one schema are not reused under another.
    public internal(set) var schemaVersion: UInt64 = 0

    // Nodes: liveness, label membership (one bitmap per label), properties.
    @usableFromInline var nodeAlive = PagedBitSet()
    @usableFromInline var labelMembers: [PagedBitSet] = []
    @usableFromInline var nodeProperties = PropertyTable()

    // Relationships: endpoints, type, liveness, properties.
    @usableFromInline var relSource = PagedIntegers<UInt32>()
    @usableFromInline var relTarget = PagedIntegers<UInt32>()
    @usableFromInline var relType = PagedIntegers<UInt16>()
    @usableFromInline var relAlive = PagedBitSet()
    @usableFromInline var relProperties = PropertyTable()

    /// Adjacency, indexed by relationship type.
    @usableFromInline var adjacency: [TypeAdjacency] = []

    /// Uniqueness constraints and node keys.
    public internal(set) var constraints: [UniqueConstraint] = []
    /// Property existence constraints.
    public internal(set) var existenceConstraints: [ExistenceConstraint] = []
    /// Range and text property indexes.
    public internal(set) var propertyIndexes: [PropertyIndex] = []

    public init() {}

    // MARK: - Counts

    /// Live nodes.
    public var nodeCount: Int { nodeAlive.count }
    /// Live relationships.
    public var relationshipCount: Int { relAlive.count }
    /// One past the highest node id ever assigned.
    public var nodeIDLimit: Int { nodeProperties.count }
    /// One past the highest relationship id ever assigned.
    public var relationshipIDLimit: Int { relSource.count }

    /// Live nodes carrying `label`.
    public func nodeCount(label: LabelID) -> Int {
        label.index < labelMembers.count ? labelMembers[label.index].count : 0
    }

    /// Live relationships of `type`.
    public func relationshipCount(type: RelationshipTypeID) -> Int {
        type.index < adjacency.count ? adjacency[type.index].outgoing.count : 0
    }
}
