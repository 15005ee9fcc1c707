import Engine
import HTTPTypes
import QueryServer
import Testing

/// Regular expressions and memory over HTTP (admission control is tested against the binary, in
/// `LiveHardeningTests`, where other tests cannot starve the server's threads).
@Suite struct ResourceLimitTests {
    @Test func catastrophicRegexAnswersQuickly() async throws {
        try await TestServer().run { c in
            // (Timed in RegexTests and LiveHardeningTests: in-process timings depend on the other tests running.)
            let r = try await c.post("/db/neo4j/cypher", #"{"query": "RETURN 'aaaaaaaaaaaaaaaaaaaa!' =~ '(a+)+$' AS m"}"#)
            #expect(r.status == .ok)
            #expect(r.json["rows"] == [[false]])
        }
    }

    @Test func memoryErrorIsNeo4jsTransientError() async throws {
        try await TestServer().run { c in
            let q = "RETURN size(reduce(s = 'x', i IN range(1, 34) | s + s)) AS n"
            let r = try await c.post("/db/neo4j/cypher", #"{"query": "\#(q)"}"#)
            #expect(r.status == .serviceUnavailable)
            #expect(r.json["code"] == "Neo.TransientError.General.MemoryPoolOutOfMemoryError")
            let tx = try await c.post("/db/neo4j/tx/commit", #"{"statements": [{"statement": "\#(q)"}]}"#)
            #expect(tx.status == .ok)
            #expect(tx.json["errors"]?.arrayValue?.first?["code"] == "Neo.TransientError.General.MemoryPoolOutOfMemoryError")
            // The server goes on, and the pool is empty again.
            let one = try await c.post("/db/neo4j/cypher", #"{"query": "RETURN 1 AS one"}"#)
            #expect(one.json["rows"] == [[1]])
            let metrics = try await c.get("/metrics").text
            #expect(metrics.contains("ignitabull_query_memory_bytes 0"), "\(metrics)")
        }
    }
}
