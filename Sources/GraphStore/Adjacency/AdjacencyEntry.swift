/// One adjacency entry: the node at the other end and the relationship that leads there.
public struct AdjacencyEntry: Sendable, Hashable {
    public var neighbor: UInt32
    public var relationship: UInt32

    @inlinable public init(neighbor: UInt32, relationship: UInt32) {
        self.neighbor = neighbor
        self.relationship = relationship
    }
}

/// The mutable delta of one node in one adjacency list: entries added since the last
/// compaction, and how many base entries have been deleted since then.
public struct DeltaList: Sendable, Hashable {
    public var added: [AdjacencyEntry] = []
    public var removedFromBase: Int = 0

    public init() {}

    var isEmpty: Bool { added.isEmpty && removedFromBase == 0 }
}
