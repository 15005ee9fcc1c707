public import HashTreeCollections

/// All relationships of one type seen from one end: a compressed base plus a mutable delta.
///
/// Reads merge the two. Writes touch only the delta, a persistent hash tree that shares
/// structure between snapshot versions, so a write costs O(log n) rather than a copy of the
/// list. When the delta outgrows `compactionThreshold`, the writer folds it into a new base.
public struct AdjacencyList: Sendable {
    public private(set) var base: CompressedAdjacency
    @usableFromInline private(set) var delta: TreeDictionary<UInt32, DeltaList>
    /// Entries added plus base entries deleted since the last compaction.
    public private(set) var deltaSize: Int
    /// Whether any base entry has been deleted since the last compaction: reads must then
    /// check liveness for nodes with deletions.
    @usableFromInline private(set) var hasBaseRemovals: Bool
    /// Live entries.
    public private(set) var count: Int

    public init() {
        base = .empty
        delta = [:]
        deltaSize = 0
        hasBaseRemovals = false
        count = 0
    }

    init(base: CompressedAdjacency) {
        self.base = base
        delta = [:]
        deltaSize = 0
        hasBaseRemovals = false
        count = base.entryCount
    }

    /// The delta size at which the writer compacts: an eighth of the base, at least 4,096 entries.
    public var compactionThreshold: Int { max(4096, base.entryCount / 8) }

    /// Live entries of `node`.
    /// - Complexity: O(1) for the base; one hash-tree lookup when the delta is not empty.
    @inlinable
    public func degree(of node: Int) -> Int {
        let r = base.range(of: node)
        guard !delta.isEmpty, let d = delta[UInt32(truncatingIfNeeded: node)] else { return r.count }
        return r.count - d.removedFromBase + d.added.count
    }

    /// Calls `body(neighbor, relationship)` for every live entry of `node`. `isLive` is consulted
    /// only for base entries of nodes that have deletions in the delta.
    @inlinable
    public func forEach(
        of node: Int, isLive: (UInt32) -> Bool, _ body: (UInt32, UInt32) throws -> Void
    ) rethrows {
        let r = base.range(of: node)
        if delta.isEmpty {
            try base.withEntries { e in
                for i in r { try body(e.neighbor(i), e.relationship(i)) }
            }
            return
        }
        let d = delta[UInt32(truncatingIfNeeded: node)]
        let checkLive = (d?.removedFromBase ?? 0) > 0
        try base.withEntries { e in
            for i in r where !checkLive || isLive(e.relationship(i)) { try body(e.neighbor(i), e.relationship(i)) }
        }
        if let added = d?.added {
            for e in added { try body(e.neighbor, e.relationship) }
        }
    }

    // MARK: - Writes

    mutating func add(node: UInt32, neighbor: UInt32, relationship: UInt32) {
        delta[node, default: DeltaList()].added.append(AdjacencyEntry(neighbor: neighbor, relationship: relationship))
        deltaSize += 1
        count += 1
    }

    /// Removes the entry for `relationship` from `node`'s list.
    mutating func remove(node: UInt32, relationship: UInt32) {
        if var d = delta[node], let i = d.added.firstIndex(where: { $0.relationship == relationship }) {
            d.added.remove(at: i)
            delta[node] = d.isEmpty ? nil : d
            deltaSize -= 1
        } else {
            delta[node, default: DeltaList()].removedFromBase += 1
            deltaSize += 1
            hasBaseRemovals = true
        }
        count -= 1
    }

    /// Whether the delta has grown past the compaction threshold.
    var needsCompaction: Bool { deltaSize > compactionThreshold }

    /// Bytes held by the base arrays (the delta is small and transient and not counted).
    public var allocatedBytes: Int { base.allocatedBytes }

    /// Nodes that currently have delta entries.
    var deltaNodes: [UInt32] { Array(delta.keys) }
}
