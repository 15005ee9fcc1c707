import CypherSyntax
import GraphStore
import HeapModule

/// Top before the row: `MATCH (a {…})-[r:T]->(b) RETURN … ORDER BY r.x DESC LIMIT k` (a frequently-bought-with
/// list, a customer's latest purchases) expands every relationship of the start node, but only `SKIP + LIMIT`
/// of them can reach the result. When every sort key is a property of the hop's relationship or far node, the
/// matcher reads the keys straight from the graph for each relationship it reaches and drops the ones that rank
/// below the `k` best rows already produced, before it builds a row for them.
///
/// The result is the full evaluation's: a row is dropped only when `k` rows produced before it (and kept by the
/// MATCH's WHERE) all come before it in the ORDER BY, ties going to the earlier row as in the stable sort; the
/// rows that pass keep their order and go to the projection's own Top.
final class TopPrefilter {
    let keys: [(variable: String, property: String)]
    let ascending: [Bool]
    let k: Int
    private var heap = Heap<QueryExecutor.RankedRow>()
    private var produced = 0
    /// The keys of the relationship being bound, set by the matcher, taken when its row is produced.
    var pending: [Value]?

    /// Where the matcher reads one sort key: a property (by key id; nil when never stored) of the relationship it
    /// reached, of the node at its far end, or of the node it came from.
    struct KeySource {
        enum Entity { case relationship, far, near }
        let entity: Entity
        let keyID: PropertyKeyID?
        let key: String
    }

    /// The sources of every key for one hop whose relationship, far node and near node have these variables;
    /// nil when a key names none of them.
    func sources(relationship: String?, far: String?, near: String?, catalog: Catalog) -> [KeySource]? {
        var out: [KeySource] = []
        for key in keys {
            let entity: KeySource.Entity
            switch key.variable {
            case relationship: entity = .relationship
            case far: entity = .far
            case near: entity = .near
            default: return nil
            }
            out.append(KeySource(entity: entity, keyID: catalog.propertyKey(key.property), key: key.property))
        }
        return out
    }

    init(keys: [(variable: String, property: String)], ascending: [Bool], k: Int) {
        self.keys = keys
        self.ascending = ascending
        self.k = k
    }

    /// Whether a relationship whose keys are `values` can still rank among the `k` first rows.
    func admits(_ values: [Value]) -> Bool {
        guard heap.count >= k, let worst = heap.max else { return true }
        return QueryExecutor.RankedRow(keys: values, index: produced, ascending: ascending) < worst
    }

    /// The first sort key alone decides: `false` when it ranks below the `k` best rows' last, `true` when above
    /// (or fewer than `k` rows are kept), nil on a tie (then `admits(_:)` with every key decides).
    func admits(first value: Value) -> Bool? {
        guard heap.count >= k, let worst = heap.max else { return true }
        let c = Value.order(value, worst.keys[0])
        if c == 0 { return nil }
        return ascending[0] ? c < 0 : c > 0
    }

    /// A row was produced: its keys (when the matcher read them) join the `k` best.
    func produce() {
        defer {
            produced += 1
            pending = nil
        }
        guard let values = pending else { return }
        QueryExecutor.offer(
            QueryExecutor.RankedRow(keys: values, index: produced, ascending: ascending), to: &heap, keeping: k)
    }

    /// The prefilter for `m` followed by `p`, or nil when the pair does not have the shape: one plain hop, no
    /// aggregate, DISTINCT or WHERE in the projection, and every ORDER BY key a property of a variable the hop
    /// binds.
    static func plan(_ m: MatchClause, then p: ProjectionClause, bound: Set<String>, k: Int) -> TopPrefilter? {
        guard !m.optional, m.search == nil, m.pattern.parts.count == 1, !p.orderBy.isEmpty, p.limit != nil,
            !p.distinct, p.whereClause == nil, !p.includesAll
        else { return nil }
        let part = m.pattern.parts[0]
        guard part.variable == nil, part.shortest == nil, part.element.chain.count == 1 else { return nil }
        let rel = part.element.chain[0].relationship
        guard rel.length == nil else { return nil }
        let hopVariables = Set(([rel.variable] + part.element.nodes.map(\.variable)).compactMap { $0 })
        guard hopVariables.isDisjoint(with: bound) else { return nil }
        guard !p.items.contains(where: { QueryExecutor.containsAggregate($0.expression) }) else { return nil }
        var byName: [String: Expression] = [:]
        for item in p.items where byName[item.name] == nil { byName[item.name] = item.expression }
        var keys: [(variable: String, property: String)] = []
        for sort in p.orderBy {
            var e = sort.expression
            var named = false
            if case .variable(let v) = e.kind, let item = byName[v] { (e, named) = (item, true) }
            guard case .property(let base, let key) = e.kind, case .variable(let v) = base.kind, hopVariables.contains(v)
            else { return nil }
            // Written in ORDER BY itself, a projected name shadows the variable.
            if !named, let item = byName[v] {
                guard case .variable(let w) = item.kind, w == v else { return nil }
            }
            keys.append((v, key))
        }
        return TopPrefilter(keys: keys, ascending: p.orderBy.map(\.ascending), k: k)
    }
}

extension QueryExecutor {
    /// One sort key of `TopPrefilter` for a relationship the matcher reached, read from the snapshot; with entities
    /// deleted by this query (`direct` false), the checked `property(of:)` reads it.
    @inline(__always)
    func topKey(
        _ source: TopPrefilter.KeySource, _ g: borrowing GraphSnapshot, direct: Bool, relationship: RelationshipID,
        far: NodeID, near: NodeID
    ) throws -> Value {
        let node = source.entity == .far ? far : near
        guard direct else {
            return try property(of: source.entity == .relationship ? .relationship(relationship) : .node(node), source.key)
        }
        guard let keyID = source.keyID else { return .null }
        let stored = source.entity == .relationship ? g.property(relationship, keyID) : g.property(node, keyID)
        return stored.map(Value.init) ?? .null
    }
}
