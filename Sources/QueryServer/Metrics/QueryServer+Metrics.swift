import Access
import CypherRuntime
import Engine
import GraphStore

extension QueryServer {
    /// The text of `/metrics`: request series, the default database's graph sizes (as before there were several),
    /// sums over every database's response cache and open transactions, and one labelled gauge per database
    /// for its nodes and relationships.
    static func metricsText(_ scopes: DatabaseScopes, metrics: RequestMetrics, configuration: ServerConfiguration) -> String {
        let s = scopes.registry.defaultDatabase.graph.snapshot
        let live = scopes.live
        let (hits, misses, bytes) = live.reduce((0, 0, 0)) { ($0.0 + $1.cache.hits, $0.1 + $1.cache.misses, $0.2 + $1.cache.size) }
        let admission = scopes.shared.admission
        var text = metrics.render(
            counters: [
                ("ignitabull_response_cache_hits_total", "Recommendation answers served from the response cache.", hits),
                ("ignitabull_response_cache_misses_total", "Recommendation answers computed (not found in the response cache).", misses),
                ("ignitabull_key_rate_limited_total", "Requests refused with 429: an API key over its requests per second.",
                 configuration.access?.limiter.rateLimited ?? 0),
                ("ignitabull_key_concurrency_limited_total", "Requests refused with 429: an API key over its requests in flight.",
                 configuration.access?.limiter.concurrencyLimited ?? 0),
            ],
            extra: [
                ("ignitabull_graph_nodes", "Live nodes in the graph of the default database.", s.nodeCount),
                ("ignitabull_graph_relationships", "Live relationships in the graph of the default database.", s.relationshipCount),
                ("ignitabull_databases", "Graph databases on this server (system not counted).", scopes.registry.names.count),
                ("ignitabull_open_transactions", "Open explicit transactions of the Neo4j HTTP API.", live.reduce(0) { $0 + $1.transactions.count }),
                ("ignitabull_response_cache_bytes", "Bytes held by the response caches.", bytes),
                ("ignitabull_cypher_in_flight", "Cypher statements running or queued.", admission.counts.inFlight),
                ("ignitabull_cypher_heavy", "Cypher statements running in the heavy lane.", admission.counts.heavy),
                ("ignitabull_cypher_rejected_total", "Cypher requests refused with 503 (queue full).", admission.counts.rejected),
                ("ignitabull_query_memory_bytes", "Memory held by running Cypher statements (estimated).", scopes.shared.memoryPool.reserved),
            ])
        text += "# HELP ignitabull_database_nodes Live nodes per database.\n# TYPE ignitabull_database_nodes gauge\n"
        let all = scopes.registry.all
        for (name, db) in all { text += "ignitabull_database_nodes{database=\"\(name)\"} \(db.graph.snapshot.nodeCount)\n" }
        text += "# HELP ignitabull_database_relationships Live relationships per database.\n# TYPE ignitabull_database_relationships gauge\n"
        for (name, db) in all { text += "ignitabull_database_relationships{database=\"\(name)\"} \(db.graph.snapshot.relationshipCount)\n" }
        return text + (configuration.extraMetrics?() ?? "")
    }
}
