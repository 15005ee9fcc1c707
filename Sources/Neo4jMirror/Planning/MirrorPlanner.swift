public import GraphStore
public import Persistence

/// Turns committed mutations into idempotent statements for the target.
///
/// A run of log entries is folded into its net effect (`NetChanges`) and emitted as
/// `UNWIND $rows AS row MATCH|MERGE … SET …` statements keyed by ``MirrorKey``, in an order that
/// keeps references valid: relationship deletes, node deletes, node creates (grouped by label
/// set), changes to existing nodes (grouped by property key or label), relationship creates
/// (grouped by type), changes to existing relationships. Schema changes become
/// `CREATE CONSTRAINT|INDEX … IF NOT EXISTS` / `DROP … IF EXISTS`, each a statement of its own.
public struct MirrorPlanner: Sendable {
    public let key: MirrorKey

    /// What a plan changes in the consumer's relationship directory (see `GraphStorage.acknowledge`).
    public struct DirectoryChanges: Sendable {
        public var added: [(id: RelationshipID, ConsumerRelationship)] = []
        public var removed: [RelationshipID] = []
    }

    /// Statements plus the directory changes that go with them.
    public struct Plan: Sendable {
        public var statements: [MirrorStatement] = []
        public var directory = DirectoryChanges()
        /// Mutations the plan covers.
        public var mutations = 0
    }

    public init(key: MirrorKey = MirrorKey()) { self.key = key }

    /// Plans log entries.
    /// - Parameters:
    ///   - entries: consecutive mutation-log entries.
    ///   - catalog: names of labels, types and keys (taken after the entries were read, so it knows them all).
    ///   - directory: looks up relationships created before `entries` (their type and source node).
    /// - Throws: `unsupported` for names or values the target cannot hold; what `directory` throws.
    public func plan(
        _ entries: [[GraphMutation]], catalog: Catalog,
        directory: ([RelationshipID]) throws(MirrorError) -> [RelationshipID: ConsumerRelationship]
    ) throws(MirrorError) -> Plan {
        var net = NetChanges()
        for entry in entries { for m in entry { net.apply(m) } }
        let known = try directory(net.relationshipsNeedingLookup)
        var emitter = StatementEmitter(key: key, catalog: catalog)
        try emitter.emit(net, known: known)
        var plan = Plan(statements: emitter.statements, mutations: net.count)
        for r in net.relationshipOrder {
            let rel = net.relationships[r]!
            if rel.deleted {
                plan.directory.removed.append(r)
            } else if rel.created {
                plan.directory.added.append((r, ConsumerRelationship(type: rel.type, source: rel.source)))
            }
        }
        return plan
    }

    /// Statements that create a part of a snapshot on the target (the initial sync): the nodes with ids
    /// in `nodes` and the relationships with ids in `relationships`.
    public func plan(
        snapshot: GraphSnapshot, nodes: Range<Int>, relationships: Range<Int>
    ) throws(MirrorError) -> Plan {
        var net = NetChanges()
        for i in nodes where snapshot.contains(NodeID(i)) {
            let n = NodeID(i)
            net.apply(.createNode(n, labels: snapshot.labels(of: n), properties: snapshot.properties(of: n)))
        }
        for i in relationships where snapshot.contains(RelationshipID(i)) {
            let r = RelationshipID(i)
            net.apply(.createRelationship(
                r, type: snapshot.type(of: r), source: snapshot.source(of: r), target: snapshot.target(of: r),
                properties: snapshot.properties(of: r)))
        }
        var emitter = StatementEmitter(key: key, catalog: snapshot.catalog)
        try emitter.emit(net, known: [:])
        var plan = Plan(statements: emitter.statements, mutations: net.count)
        for r in net.relationshipOrder {
            let rel = net.relationships[r]!
            plan.directory.added.append((r, ConsumerRelationship(type: rel.type, source: rel.source)))
        }
        return plan
    }

    /// The schema of a snapshot (its constraints and property indexes) as statements.
    public func schemaPlan(snapshot: GraphSnapshot) throws(MirrorError) -> [MirrorStatement] {
        var net = NetChanges()
        for c in snapshot.constraints {
            if c.isSingleKey && !c.isNodeKey {
                net.apply(.createConstraint(name: c.name, label: c.label, key: c.key))
            } else {
                net.apply(.createConstraintRule(ConstraintRule(
                    name: c.name, kind: c.isNodeKey ? .nodeKey : .uniqueness, token: UInt32(c.label.rawValue), keys: c.keys)))
            }
        }
        for c in snapshot.existenceConstraints {
            let rule: ConstraintRule
            switch c.target {
            case .label(let l): rule = ConstraintRule(name: c.name, kind: .nodeExistence, token: UInt32(l.rawValue), keys: [c.key])
            case .relationshipType(let t):
                rule = ConstraintRule(name: c.name, kind: .relationshipExistence, token: UInt32(t.rawValue), keys: [c.key])
            }
            net.apply(.createConstraintRule(rule))
        }
        for i in snapshot.propertyIndexes {
            if i.isComposite {
                net.apply(.createCompositeIndex(name: i.name, label: i.label, keys: i.keys))
            } else {
                net.apply(.createIndex(name: i.name, kind: i.kind, label: i.label, key: i.key))
            }
        }
        var emitter = StatementEmitter(key: key, catalog: snapshot.catalog)
        try emitter.emit(net, known: [:])
        return emitter.statements
    }

    /// Splits statements into requests of at most `maxRows` rows each; a schema statement is a
    /// request of its own (Neo4j does not mix schema and data in one transaction).
    public static func requests(_ statements: [MirrorStatement], maxRows: Int) -> [[MirrorStatement]] {
        var out: [[MirrorStatement]] = []
        var current: [MirrorStatement] = []
        var rows = 0
        func flush() {
            if !current.isEmpty { out.append(current) }
            current = []
            rows = 0
        }
        for s in statements {
            if s.schema {
                flush()
                out.append([s])
                continue
            }
            var start = 0
            while start < s.rows.count {
                if rows >= maxRows { flush() }
                let take = min(s.rows.count - start, maxRows - rows)
                current.append(MirrorStatement(s.text, rows: Array(s.rows[start..<start + take])))
                rows += take
                start += take
            }
        }
        flush()
        return out
    }
}
