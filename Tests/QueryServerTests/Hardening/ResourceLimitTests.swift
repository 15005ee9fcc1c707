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

    /// A transaction whose statements each run past `heavyQueryAfter` moves to the heavy lane once, not once
    /// per statement: the second statement used to wait for a heavy slot its own transaction held (until the
    /// time limit), and the slots it held were never given back, so from then on every heavy statement on the
    /// server waited for its time limit.
    @Test func aBatchOfHeavyStatementsTakesOneHeavySlotAndGivesItBack() async throws {
        var configuration = ServerConfiguration()
        configuration.heavyWorkers = 1
        configuration.heavyQueryAfter = .milliseconds(1)
        // Before the fix the second statement waited for this limit and failed; it is long so that a loaded
        // machine's slowness is not mistaken for that.
        configuration.queryTimeLimit = .seconds(90)
        let heavy = #"{"statement": "UNWIND range(1, 20000) AS x WITH x WHERE x % 7 = 0 RETURN count(*) AS n"}"#
        try await TestServer(configuration: configuration).run { c in
            for round in 0..<2 {
                let r = try await c.post("/db/neo4j/tx/commit", #"{"statements": [\#(heavy), \#(heavy), \#(heavy)]}"#)
                #expect(r.json["errors"] == [], "round \(round): \(r.text.prefix(300))")
                #expect(r.json["results"]?.arrayValue?.count == 3)
            }
            let metrics = try await c.get("/metrics").text
            #expect(metrics.contains("ignitabull_cypher_heavy 0"), "\(metrics)")
        }
    }
}
