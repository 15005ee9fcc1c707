import CypherRuntime
import Foundation
import GraphStore

/// An open result: the rows of a query not yet pulled or discarded (held whole, or still being produced by a
/// `QueryCursor`), and what its summary will say.
struct BoltResultStream {
    private enum Source {
        case whole([[Value]], next: Int)
        case cursor(QueryCursor)
    }

    let columns: [String]
    let snapshot: GraphSnapshot
    let statistics: WriteStatistics
    let propertiesRemoved: Int
    let queryType: String
    let started: ContinuousClock.Instant
    /// The database it ran on (the summary's `db`).
    var database = "neo4j"
    private var source: Source

    /// Rows taken from a cursor at a time.
    static let cursorBatch = 1000

    /// The rows of a `system` database command (no graph behind them).
    init(columns: [String], rows: [[Value]], text: String, started: ContinuousClock.Instant) {
        self.started = started
        self.columns = columns
        snapshot = GraphSnapshot()
        statistics = WriteStatistics()
        propertiesRemoved = 0
        queryType = text.drop(while: \.isWhitespace).uppercased().hasPrefix("SHOW") ? "r" : "s"
        database = "system"
        source = .whole(rows, next: 0)
    }

    init(_ output: QueryOutput, text: String, started: ContinuousClock.Instant) {
        self.started = started
        switch output {
        case .result(let r):
            columns = r.columns
            snapshot = r.snapshot
            statistics = r.statistics
            propertiesRemoved = r.propertiesRemoved
            queryType = Self.queryType(text, r)
            source = .whole(r.rows, next: 0)
        case .cursor(let c):
            columns = c.columns
            snapshot = c.snapshot
            statistics = WriteStatistics()
            propertiesRemoved = 0
            queryType = "r"  // only reads stream
            source = .cursor(c)
        }
    }

    /// Hands up to `n` rows (all of them when `n` is -1) to `body`, a batch at a time, and says whether rows
    /// remain. With `discard`, the rows are skipped (a running query is stopped when all are discarded).
    /// `stop` is asked between batches of a running query (the client went away).
    /// - Throws: the query's error, for a result still being produced.
    mutating func take(
        _ n: Int, discard: Bool, until stop: () -> Bool = { false }, _ body: ([[Value]]) -> Void
    ) throws -> Bool {
        switch source {
        case .whole(let rows, let next):
            let end = n < 0 ? rows.count : min(rows.count, next + n)
            if !discard { body(Array(rows[next ..< end])) }
            source = .whole(rows, next: end)
            return end < rows.count
        case .cursor(let cursor):
            if discard && n < 0 {
                cursor.close()
                return false
            }
            var left = n < 0 ? Int.max : n
            while left > 0 {
                if stop() { return true }
                let batch = try cursor.next(min(left, Self.cursorBatch))
                if batch.isEmpty { return false }
                if !discard { body(batch) }
                left -= batch.count
            }
            return try cursor.hasMore()
        }
    }

    /// The query type Neo4j reports: `s` for schema changes, `w`/`rw` for writes (by whether the query also
    /// reads with MATCH), else `r`.
    static func queryType(_ text: String, _ r: QueryResult) -> String {
        let w = r.statistics
        if w.constraintsAdded + w.constraintsRemoved > 0 { return "s" }
        guard w.containsUpdates || r.propertiesRemoved > 0 else { return "r" }
        return text.range(of: "MATCH", options: .caseInsensitive) != nil ? "rw" : "w"
    }

    /// The `stats` map: only the counters that are not zero, with Bolt's hyphenated names.
    var stats: [(String, PackValue)] {
        let w = statistics
        let counters: [(String, Int)] = [
            ("nodes-created", w.nodesCreated), ("nodes-deleted", w.nodesDeleted),
            ("relationships-created", w.relationshipsCreated), ("relationships-deleted", w.relationshipsDeleted),
            ("properties-set", w.propertiesSet + propertiesRemoved), ("labels-added", w.labelsAdded),
            ("labels-removed", w.labelsRemoved), ("constraints-added", w.constraintsAdded),
            ("constraints-removed", w.constraintsRemoved),
        ]
        return counters.filter { $0.1 != 0 }.map { ($0.0, .int(Int64($0.1))) }
    }
}
