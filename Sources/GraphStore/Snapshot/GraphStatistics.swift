/// Degree percentiles of one relationship type in one direction, over nodes with at least one such relationship.
public struct DegreeDistribution: Sendable, Hashable {
    public var nodes = 0
    public var min = 0
    public var p50 = 0
    public var p90 = 0
    public var p99 = 0
    public var max = 0
    public var mean = 0.0

    public init() {}
}

/// Bytes held by each part of the graph.
public struct MemoryBreakdown: Sendable, Hashable {
    /// Compressed adjacency (offsets, neighbours, relationship ids), both directions, all types.
    public var adjacency = 0
    /// The relationship table: endpoints, type and liveness.
    public var relationshipTable = 0
    /// Node liveness and label bitmaps.
    public var nodeTable = 0
    /// Node and relationship properties (an estimate: inline entries plus string and list storage).
    public var properties = 0
    /// Unique-constraint indexes (an estimate).
    public var indexes = 0

    public var total: Int { adjacency + relationshipTable + nodeTable + properties + indexes }

    public init() {}
}

/// Counts, degree distributions and memory of a snapshot.
public struct GraphStatistics: Sendable {
    public var nodes = 0
    public var relationships = 0
    public var nodesByLabel: [(label: String, count: Int)] = []
    public var relationshipsByType: [(type: String, count: Int, out: DegreeDistribution, in: DegreeDistribution)] = []
    public var memory = MemoryBreakdown()

    public init() {}

    /// Adjacency bytes per live relationship (both directions).
    public var adjacencyBytesPerRelationship: Double {
        relationships == 0 ? 0 : Double(memory.adjacency) / Double(relationships)
    }
}
