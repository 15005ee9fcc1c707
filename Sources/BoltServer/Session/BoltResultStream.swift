import CypherRuntime
import GraphStore
import Foundation

/// An open result: the rows of a query not yet pulled or discarded, and what its summary will say.
struct BoltResultStream {
    let result: QueryResult
    let queryType: String
    let started: ContinuousClock.Instant
    var next = 0

    var remaining: Int { result.rows.count - next }

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
        let w = result.statistics
        let counters: [(String, Int)] = [
            ("nodes-created", w.nodesCreated), ("nodes-deleted", w.nodesDeleted),
            ("relationships-created", w.relationshipsCreated), ("relationships-deleted", w.relationshipsDeleted),
            ("properties-set", w.propertiesSet + result.propertiesRemoved), ("labels-added", w.labelsAdded),
            ("labels-removed", w.labelsRemoved), ("constraints-added", w.constraintsAdded),
            ("constraints-removed", w.constraintsRemoved),
        ]
        return counters.filter { $0.1 != 0 }.map { ($0.0, .int(Int64($0.1))) }
    }
}
