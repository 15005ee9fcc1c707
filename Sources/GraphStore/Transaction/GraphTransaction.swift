/// A write in progress: a private copy of the graph that the writer changes and then commits.
///
/// Obtained from `GraphStore.write(_:)`. Every method validates before it changes anything,
/// so a method that throws leaves the transaction as it was; and if the body passed to `write`
/// throws, the whole transaction is discarded and the store is unchanged. Reads through
/// `snapshot` see the transaction's own writes.
public struct GraphTransaction: Sendable {
    /// The graph as this transaction has changed it so far.
    public internal(set) var snapshot: GraphSnapshot
    /// What this transaction has changed.
    public internal(set) var statistics = WriteStatistics()
    /// Every change, in order; a storage layer persists exactly these.
    public internal(set) var mutations: [GraphMutation] = []
    /// Whether the snapshot changed without recording mutations (compaction, or a restore from storage).
    var changedLayout = false
    /// False while restoring stored data, which must not be recorded again.
    var recording = true
    /// The write lease, once an explicit transaction has written (`GraphStore.acquireLease(for:timeout:)`).
    public internal(set) var lease: WriteLeaseToken?

    mutating func record(_ mutation: @autoclosure () -> GraphMutation) {
        if recording { mutations.append(mutation()) }
    }

    init(snapshot: GraphSnapshot) {
        self.snapshot = snapshot
    }

    // MARK: - Tokens

    /// The token for a label name, created if new.
    public mutating func label(_ name: String) throws(GraphStoreError) -> LabelID {
        if let id = snapshot.catalog.label(name) { return id }
        let id = try snapshot.catalog.internLabel(name)
        record(.createToken(.label, id: UInt32(id.rawValue), name: name))
        while snapshot.labelMembers.count <= id.index { snapshot.labelMembers.append(PagedBitSet()) }
        return id
    }

    /// The token for a relationship type name, created if new.
    public mutating func relationshipType(_ name: String) throws(GraphStoreError) -> RelationshipTypeID {
        if let id = snapshot.catalog.relationshipType(name) { return id }
        let id = try snapshot.catalog.internType(name)
        record(.createToken(.relationshipType, id: UInt32(id.rawValue), name: name))
        while snapshot.adjacency.count <= id.index { snapshot.adjacency.append(TypeAdjacency()) }
        return id
    }

    /// The token for a property key name, created if new.
    public mutating func propertyKey(_ name: String) throws(GraphStoreError) -> PropertyKeyID {
        if let id = snapshot.catalog.propertyKey(name) { return id }
        let id = try snapshot.catalog.internKey(name)
        record(.createToken(.propertyKey, id: id.rawValue, name: name))
        return id
    }

    /// Converts a name-keyed dictionary to a token-keyed `PropertyMap`, dropping nulls.
    public mutating func propertyMap(_ properties: [String: PropertyValue]) throws(GraphStoreError) -> PropertyMap {
        var entries: [PropertyEntry] = []
        entries.reserveCapacity(properties.count)
        for (k, v) in properties where !v.isNull {
            entries.append(PropertyEntry(key: try propertyKey(k), value: v))
        }
        return PropertyMap(entries)
    }

    // MARK: - Checks

    func requireNode(_ node: NodeID) throws(GraphStoreError) {
        guard snapshot.contains(node) else {
            throw GraphStoreError(.nodeNotFound, "node \(node.rawValue) does not exist")
        }
    }

    func requireRelationship(_ r: RelationshipID) throws(GraphStoreError) {
        guard snapshot.contains(r) else {
            throw GraphStoreError(.relationshipNotFound, "relationship \(r.rawValue) does not exist")
        }
    }

    /// Throws if giving `node` (nil for a new node) `labels` and `properties` would break a uniqueness constraint.
    func checkUnique(node: NodeID?, labels: [LabelID], properties: PropertyMap) throws(GraphStoreError) {
        for c in snapshot.constraints where labels.contains(c.label) {
            guard let v = c.tuple(properties), let other = c.lookup(v), other != node else { continue }
            throw violation(c, value: v, existing: other)
        }
    }

    func violation(_ c: UniqueConstraint, value: PropertyValue, existing: NodeID) -> GraphStoreError {
        let label = snapshot.catalog.name(of: c.label)
        let values: [PropertyValue]
        if c.isSingleKey { values = [value] } else if case .list(let items) = value { values = items } else { values = [value] }
        let pairs = zip(c.keys, values).map { "`\(snapshot.catalog.name(of: $0))` = \($1)" }.joined(separator: ", ")
        return GraphStoreError(
            .constraintViolation,
            "Node(\(existing.rawValue)) already exists with label `\(label)` and \(c.isSingleKey ? "property" : "properties")"
                + " \(pairs) (constraint \(c.name))")
    }

    // MARK: - Commit

    /// Packs again the property pages that have gathered many written maps, and folds adjacency deltas that have outgrown their
    /// threshold into new compressed bases.
    mutating func compactIfNeeded() {
        snapshot.nodeProperties.packWrittenPages()
        snapshot.relProperties.packWrittenPages()
        let live = snapshot.relAlive
        for t in 0..<snapshot.adjacency.count {
            if snapshot.adjacency[t].outgoing.needsCompaction {
                snapshot.adjacency[t].outgoing = snapshot.adjacency[t].outgoing.rebuilt { live.contains(Int($0)) }
            }
            if snapshot.adjacency[t].incoming.needsCompaction {
                snapshot.adjacency[t].incoming = snapshot.adjacency[t].incoming.rebuilt { live.contains(Int($0)) }
            }
        }
    }

    /// Compacts every adjacency list that has a delta, whatever its size.
    public mutating func compactAll() {
        changedLayout = true
        snapshot.nodeProperties.packWrittenPages(all: true)
        snapshot.relProperties.packWrittenPages(all: true)
        let live = snapshot.relAlive
        for t in 0..<snapshot.adjacency.count {
            if snapshot.adjacency[t].outgoing.deltaSize > 0 {
                snapshot.adjacency[t].outgoing = snapshot.adjacency[t].outgoing.rebuilt { live.contains(Int($0)) }
            }
            if snapshot.adjacency[t].incoming.deltaSize > 0 {
                snapshot.adjacency[t].incoming = snapshot.adjacency[t].incoming.rebuilt { live.contains(Int($0)) }
            }
        }
    }
}
