import CypherSyntax
import GraphStore
import Synchronization

/// Statements already parsed, checked and planned, keyed by query text and the types of the parameters given, so
/// that a parameterised query sent again (`MATCH (p:Product {id: $id}) …` with another `$id`) skips the parser, the
/// semantic checker and the planner's per-statement analysis.
///
/// A database keeps one cache for every entry point (in process, `/cypher`, the transaction API, Bolt). A plan is
/// made against one schema: when a uniqueness constraint or a property index is created or dropped
/// (`GraphSnapshot.schemaVersion` moves) or a schema command runs, every cached plan is dropped. When the cache
/// is full, the least recently used quarter is evicted. The statement is checked against the procedures' signatures:
/// its owner calls `removeAll()` when it registers a procedure.
public final class PlanCache: Sendable {
    /// What the cache has done since it was made.
    public struct Statistics: Sendable, Equatable {
        /// Statements answered from the cache.
        public var hits = 0
        /// Statements parsed and planned afresh (then cached).
        public var misses = 0
        /// Times every cached plan was dropped because the schema changed.
        public var invalidations = 0
        /// Plans held now.
        public var entries = 0
    }

    struct Key: Hashable {
        let text: String
        /// Parameter names and their value types, sorted by name.
        let parameters: [String]
    }

    private struct State {
        var plans: [Key: (plan: PreparedStatement, used: UInt64)] = [:]
        var schemaVersion: UInt64?
        var tick: UInt64 = 0
        var statistics = Statistics()
        var capacity: Int
    }

    private let state: Mutex<State>

    /// A cache of at most `capacity` plans (0: nothing is kept; every statement is planned afresh).
    public init(capacity: Int = 1_000) {
        state = Mutex(State(capacity: max(0, capacity)))
    }

    /// The most plans kept (Neo4j's `server.db.query_cache_size`); lowering it drops the plans beyond it.
    public var capacity: Int {
        get { state.withLock { $0.capacity } }
        set {
            state.withLock { s in
                s.capacity = max(0, newValue)
                if s.plans.count > s.capacity { s.plans.removeAll() }
            }
        }
    }

    public var statistics: Statistics {
        state.withLock { s in
            var out = s.statistics
            out.entries = s.plans.count
            return out
        }
    }

    /// Drops every cached plan (the schema or the procedures changed).
    public func removeAll() {
        state.withLock { s in
            if !s.plans.isEmpty { s.statistics.invalidations += 1 }
            s.plans.removeAll()
        }
    }

    /// The cached plan for `key` made under `schemaVersion`, or a new one from `prepare`, cached.
    func plan(
        _ key: Key, schemaVersion: UInt64, prepare: () throws -> PreparedStatement
    ) throws -> PreparedStatement {
        let found: PreparedStatement? = state.withLock { s in
            if s.schemaVersion != schemaVersion {
                if !s.plans.isEmpty { s.statistics.invalidations += 1 }
                s.plans.removeAll()
                s.schemaVersion = schemaVersion
            }
            s.tick &+= 1
            guard let entry = s.plans[key] else {
                s.statistics.misses += 1
                return nil
            }
            s.plans[key] = (entry.plan, s.tick)
            s.statistics.hits += 1
            return entry.plan
        }
        if let found { return found }
        let prepared = try prepare()
        state.withLock { s in
            guard s.schemaVersion == schemaVersion, s.capacity > 0 else { return }
            if s.plans.count >= s.capacity {
                let oldest = s.plans.sorted { $0.value.used < $1.value.used }.prefix(max(1, s.capacity / 4))
                for (k, _) in oldest { s.plans[k] = nil }
            }
            s.plans[key] = (prepared, s.tick)
        }
        return prepared
    }

    /// The key of `text` run with `parameters`.
    static func key(_ text: String, parameters: [String: Value]) -> Key {
        Key(text: text, parameters: parameters.map { "\($0.key):\($0.value.typeName)" }.sorted())
    }
}
