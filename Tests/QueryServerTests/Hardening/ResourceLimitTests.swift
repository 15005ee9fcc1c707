import Engine
import HTTPTypes
import QueryServer
import Testing

/// Regular expressions, memory and admission control over HTTP.
@Suite struct ResourceLimitTests {
    @Test func catastrophicRegexAnswersQuickly() async throws {
        try await TestServer().run { c in
            let clock = ContinuousClock()
            let start = clock.now
            // 40 a's: a backtracking matcher needs about 2^40 steps (days); a linear one answers at once. The
            // bound is generous because the suite runs this beside heavy tests on two cores.
            let text = String(repeating: "a", count: 40) + "!"
            let r = try await c.post("/db/neo4j/cypher", #"{"query": "RETURN '\#(text)' =~ '(a+)+$' AS m"}"#)
            #expect(r.status == .ok)
            #expect(r.json["rows"] == [[false]])
            #expect(clock.now - start < .seconds(30))
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

    /// A statement that runs until its time limit (a regular expression over a long string, row after row).
    static let heavy =
        #"{"query": "UNWIND range(1, 1000000) AS i WITH i WHERE $s =~ '(a|b|ab)*c' RETURN count(*) AS n", "parameters": {"s": "\#(String(repeating: "ab", count: 20_000))"}}"#

    @Test func lightStatementsAnswerWhileHeavyOnesRun() async throws {
        var config = ServerConfiguration()
        config.lightWorkers = 2
        config.heavyWorkers = 1
        config.heavyQueryAfter = .milliseconds(100)
        config.queryTimeLimit = .seconds(6)
        try await TestServer(configuration: config).run { c in
            async let h1 = c.post("/db/neo4j/cypher", Self.heavy)
            async let h2 = c.post("/db/neo4j/cypher", Self.heavy)
            try await Task.sleep(for: .milliseconds(700))
            let clock = ContinuousClock()
            var worst = Duration.zero
            for _ in 0..<5 {
                let start = clock.now
                let one = try await c.post("/db/neo4j/cypher", #"{"query": "RETURN 1 AS one"}"#)
                #expect(one.json["rows"] == [[1]])
                worst = max(worst, clock.now - start)
            }
            #expect(worst < .milliseconds(1500), "RETURN 1 took \(worst) behind two heavy statements")
            let metrics = try await c.get("/metrics").text
            #expect(metrics.contains("ignitabull_cypher_heavy 1"), "\(metrics)")
            let (r1, r2) = try await (h1, h2)
            // Both heavy statements end at the time limit with the timeout error, not a hang.
            for r in [r1, r2] { #expect(r.json["code"] == "ResourceLimit.ResourceLimit", "\(r.text)") }
        }
    }

    @Test func aFullQueueGets503WithRetryAfter() async throws {
        var config = ServerConfiguration()
        config.lightWorkers = 1
        config.heavyWorkers = 1
        config.maxQueuedQueries = 0
        config.heavyQueryAfter = .milliseconds(50)
        config.queryTimeLimit = .seconds(3)
        try await TestServer(configuration: config).run { c in
            async let h1 = c.post("/db/neo4j/cypher", Self.heavy)
            try await Task.sleep(for: .milliseconds(300))
            async let h2 = c.post("/db/neo4j/cypher", Self.heavy)
            try await Task.sleep(for: .milliseconds(300))
            let busy = try await c.post("/db/neo4j/cypher", #"{"query": "RETURN 1 AS one"}"#)
            #expect(busy.status == .serviceUnavailable)
            #expect(busy.headers[.retryAfter] == "1")
            #expect(busy.json["code"] == "ServiceUnavailable")
            _ = try await (h1, h2)
            let after = try await c.post("/db/neo4j/cypher", #"{"query": "RETURN 1 AS one"}"#)
            #expect(after.json["rows"] == [[1]])
            #expect(try await c.get("/metrics").text.contains("ignitabull_cypher_rejected_total 1"))
        }
    }
}
