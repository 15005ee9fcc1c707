import Engine
import GraphStore
import HTTPTypes
import QueryServer
import Synchronization
import Testing

/// Neo4j's HTTP transaction API, with the request and response shapes its documentation gives.
@Suite struct TransactionRoutesTests {
    @Test func discoveryNamesTheTransactionEndpoint() async throws {
        try await TestServer().run { c in
            let r = try await c.get("/")
            #expect(r.status == .ok)
            #expect(r.json["transaction"]?.stringValue?.hasSuffix("/db/{databaseName}/tx") == true)
            #expect(r.json["neo4j_version"]?.stringValue != nil)
        }
    }

    @Test func implicitCommitReturnsRowsMetaAndStats() async throws {
        let db = Database()
        try await TestServer(database: db).run { c in
            let r = try await c.post(
                "/db/neo4j/tx/commit",
                #"{"statements": [{"statement": "CREATE (n:Person {name: $name}) RETURN n, 1 AS one", "parameters": {"name": "Alice"}, "includeStats": true}]}"#)
            #expect(r.status == .ok)
            #expect(r.json["errors"] == [])
            let result = try #require(r.json["results"]?.arrayValue?.first)
            #expect(result["columns"] == ["n", "one"])
            let data = try #require(result["data"]?.arrayValue?.first)
            #expect(data["row"] == [["name": "Alice"], 1])
            #expect(data["meta"]?.arrayValue?.first?["type"] == "node")
            #expect(data["meta"]?.arrayValue?.first?["deleted"] == false)
            #expect(data["meta"]?.arrayValue?[1] == .null)
            #expect(result["stats"]?["nodes_created"] == 1)
            #expect(result["stats"]?["contains_updates"] == true)
            #expect(result["stats"]?["relationship_deleted"] == 0)
        }
        #expect(db.graph.snapshot.nodeCount == 1)
    }

    @Test func graphAndRestFormats() async throws {
        try await TestServer().run { c in
            _ = try await c.post("/db/neo4j/tx/commit", #"{"statements": [{"statement": "CREATE (:A {x: 1})-[:R {w: 2}]->(:B)"}]}"#)
            let r = try await c.post(
                "/db/neo4j/tx/commit",
                #"{"statements": [{"statement": "MATCH p = (a:A)-[r:R]->(b) RETURN a, r, p", "resultDataContents": ["graph", "REST"]}]}"#)
            let data = try #require(r.json["results"]?.arrayValue?.first?["data"]?.arrayValue?.first, "\(r.text)")
            let graph = try #require(data["graph"])
            #expect(graph["nodes"]?.arrayValue?.count == 2)
            #expect(graph["relationships"]?.arrayValue?.first?["type"] == "R")
            #expect(graph["nodes"]?.arrayValue?.first?["id"]?.stringValue != nil)  // ids are strings here
            let rest = try #require(data["rest"]?.arrayValue)
            #expect(rest[0]["self"]?.stringValue?.contains("/node/") == true)
            #expect(rest[0]["metadata"]?["labels"] == ["A"])
            #expect(rest[0]["data"] == ["x": 1])
            #expect(rest[1]["type"] == "R")
            #expect(rest[2]["directions"] == ["->"])
            #expect(rest[2]["length"] == 1)
        }
    }

    @Test func syntaxErrorsComeInTheErrorsArrayWithStatus200() async throws {
        try await TestServer().run { c in
            let r = try await c.post("/db/neo4j/tx/commit", #"{"statements": [{"statement": "This is not a valid Cypher Statement."}]}"#)
            #expect(r.status == .ok)
            #expect(r.json["results"] == [])
            let e = try #require(r.json["errors"]?.arrayValue?.first)
            #expect(e["code"] == "Neo.ClientError.Statement.SyntaxError")
            #expect(e["message"]?.stringValue?.contains("line 1, column 1") == true, "\(r.text)")
        }
    }

    @Test func vectorQueryFailuresAreProcedureCallFailedAsInNeo4j() async throws {
        let db = Database()
        _ = try db.query("CREATE (:P {v: [1.0, 0.0]}), (:P {v: [0.0, 1.0]})")
        _ = try db.query("CREATE VECTOR INDEX emb FOR (p:P) ON (p.v)")
        try await TestServer(database: db).run { c in
            for statement in [
                "CALL db.index.vector.queryNodes('nope', 1, [1.0, 0.0]) YIELD node RETURN node",
                "CALL db.index.vector.queryNodes('emb', 1, [1.0, 0.0, 2.0]) YIELD node RETURN node",
            ] {
                let r = try await c.post("/db/neo4j/tx/commit", #"{"statements": [{"statement": "\#(statement)"}]}"#)
                #expect(r.json["errors"]?.arrayValue?.first?["code"] == "Neo.ClientError.Procedure.ProcedureCallFailed", "\(r.text)")
            }
            let missing = try await c.post(
                "/db/neo4j/tx/commit", #"{"statements": [{"statement": "CALL db.index.vector.nope('emb', 1, [1.0])"}]}"#)
            #expect(missing.json["errors"]?.arrayValue?.first?["code"] == "Neo.ClientError.Procedure.ProcedureNotFound")
            let ok = try await c.post(
                "/db/neo4j/tx/commit",
                #"{"statements": [{"statement": "CALL db.index.vector.queryNodes('emb', 1, [1.0, 0.1], {exact: true}) YIELD score RETURN score"}]}"#)
            #expect(ok.json["errors"] == [], "\(ok.text)")
        }
    }

    @Test func searchOverTheTransactionAPI() async throws {
        let db = Database()
        _ = try db.query("CREATE (:P {v: [1.0, 0.0], n: 1}), (:P {v: [0.0, 1.0], n: 2}), (:P {v: [1.0, 1.0], n: 3})")
        _ = try db.query("CREATE VECTOR INDEX emb FOR (p:P) ON (p.v)")
        try await TestServer(database: db).run { c in
            let ok = try await c.post(
                "/db/neo4j/tx/commit",
                #"{"statements": [{"statement": "MATCH (p:P) SEARCH p IN (VECTOR INDEX emb FOR $q WHERE p.n > 1 LIMIT 1) SCORE AS s RETURN p.n AS n, s", "parameters": {"q": [1.0, 0.1]}}]}"#)
            #expect(ok.json["errors"] == [], "\(ok.text)")
            let row = ok.json["results"]?.arrayValue?.first?["data"]?.arrayValue?.first?["row"]?.arrayValue
            #expect(row?.first == 3, "\(ok.text)")
            for (statement, code, position) in [
                ("MATCH (p:P) SEARCH p IN (VECTOR INDEX emb FOR [1.0, 0.0] LIMT 1) RETURN p", "Neo.ClientError.Statement.SyntaxError", "line 1, column 58"),
                ("MATCH (p:P) SEARCH p IN (VECTOR INDEX nope FOR [1.0, 0.0] LIMIT 1) RETURN p", "Neo.ClientError.Schema.IndexNotFound", ""),
                ("MATCH (p:P) SEARCH p IN (VECTOR INDEX emb FOR [1.0] LIMIT 1) RETURN p", "Neo.ClientError.Statement.ArgumentError", ""),
            ] {
                let r = try await c.post("/db/neo4j/tx/commit", #"{"statements": [{"statement": "\#(statement)"}]}"#)
                let e = r.json["errors"]?.arrayValue?.first
                #expect(e?["code"]?.stringValue == code, "\(r.text)")
                #expect(e?["message"]?.stringValue?.contains(position) == true, "\(r.text)")
            }
        }
    }

    @Test func aFailingStatementRollsBackTheWholeRequestAndKeepsEarlierResults() async throws {
        let db = Database()
        try await TestServer(database: db).run { c in
            let r = try await c.post(
                "/db/neo4j/tx/commit",
                #"{"statements": [{"statement": "CREATE (n:X) RETURN 1 AS p"}, {"statement": "RETURN 1 / 0 AS n"}]}"#)
            #expect(r.json["results"]?.arrayValue?.count == 1)
            #expect(r.json["errors"]?.arrayValue?.first?["code"] == "Neo.ClientError.Statement.ArithmeticError")
        }
        #expect(db.graph.snapshot.nodeCount == 0)
    }

    @Test func explicitTransactionCommits() async throws {
        let db = Database()
        try await TestServer(database: db).run { c in
            let begin = try await c.post("/db/neo4j/tx", #"{"statements": [{"statement": "CREATE (:T {v: 1})"}]}"#)
            #expect(begin.status == .created)
            let location = try #require(begin.headers[.location])
            let id = String(location.split(separator: "/").last!)
            #expect(begin.json["commit"]?.stringValue == location + "/commit")
            #expect(begin.json["transaction"]?["expires"]?.stringValue?.hasSuffix("GMT") == true)
            #expect(db.graph.snapshot.nodeCount == 0)  // not visible before commit

            let more = try await c.post("/db/neo4j/tx/\(id)", #"{"statements": [{"statement": "MATCH (t:T) RETURN count(t) AS n"}]}"#)
            #expect(more.json["results"]?.arrayValue?.first?["data"]?.arrayValue?.first?["row"] == [1], "\(more.text)")
            let keepAlive = try await c.post("/db/neo4j/tx/\(id)", #"{"statements": []}"#)
            #expect(keepAlive.json["transaction"] != nil)

            let commit = try await c.post("/db/neo4j/tx/\(id)/commit", #"{"statements": [{"statement": "CREATE (:T {v: 2})"}]}"#)
            #expect(commit.json["errors"] == [], "\(commit.text)")
            #expect(commit.json["transaction"] == nil)
            #expect(db.graph.snapshot.nodeCount == 2)

            let again = try await c.post("/db/neo4j/tx/\(id)/commit", "")
            #expect(again.status == .notFound)
            #expect(again.json["errors"]?.arrayValue?.first?["code"] == "Neo.ClientError.Transaction.TransactionNotFound")
        }
    }

    @Test func rollbackAndErrorsCloseTheTransaction() async throws {
        let db = Database()
        try await TestServer(database: db).run { c in
            let t1 = try await c.post("/db/neo4j/tx", #"{"statements": [{"statement": "CREATE (:T)"}]}"#)
            let id1 = String(try #require(t1.headers[.location]).split(separator: "/").last!)
            let rb = try await c.request(.delete, "/db/neo4j/tx/\(id1)")
            #expect(rb.status == .ok)
            #expect(rb.json == ["results": [], "errors": []])

            let t2 = try await c.post("/db/neo4j/tx", "")
            let id2 = String(try #require(t2.headers[.location]).split(separator: "/").last!)
            _ = try await c.post("/db/neo4j/tx/\(id2)", #"{"statements": [{"statement": "CREATE (:T)"}]}"#)
            let bad = try await c.post("/db/neo4j/tx/\(id2)", #"{"statements": [{"statement": "RETURN nope"}]}"#)
            #expect(bad.json["errors"]?.arrayValue?.first?["code"]?.stringValue?.hasPrefix("Neo.ClientError.Statement") == true)
            #expect(bad.json["transaction"] == nil)
            let gone = try await c.post("/db/neo4j/tx/\(id2)/commit", "")
            #expect(gone.status == .notFound)
        }
        #expect(db.graph.snapshot.nodeCount == 0)
    }

    /// A write sent while another client's transaction holds written changes waits for that transaction's
    /// commit; both succeed (before the write lease, the open transaction's commit failed with `Outdated`).
    ///
    /// A holder idle for 60 s loses the lease (an abandoned transaction). Under the whole suite on two cores this
    /// test's requests have been seen to wait minutes for a thread (the first one 180 s), which takes the premise
    /// away; the scenario's checks then count as a known intermittent issue, named in the output, not a pass.
    @Test func aWriteDuringAnOpenTransactionWaitsAndBothCommit() async throws {
        let db = Database()
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = Mutex((waited: false, committed: false, secondCommitted: false, texts: [String]()))
        try await TestServer(database: db).run { c in
            let t = try await c.post("/db/neo4j/tx", #"{"statements": [{"statement": "CREATE (:T {v: 1})"}]}"#)
            let id = String(try #require(t.headers[.location]).split(separator: "/").last!)
            async let other = c.post("/db/neo4j/tx/commit", #"{"statements": [{"statement": "CREATE (:U)"}]}"#)
            try await Task.sleep(for: .milliseconds(200))
            let waited = db.graph.snapshot.nodeCount == 0
            let commit = try await c.post("/db/neo4j/tx/\(id)/commit", "")
            let second = try await other
            outcome.withLock {
                $0 = (
                    waited, commit.json["errors"]?.arrayValue?.isEmpty == true,
                    second.json["errors"]?.arrayValue?.isEmpty == true, [commit.text, second.text]
                )
            }
        }
        let (waited, committed, secondCommitted, texts) = outcome.withLock { $0 }
        let checks = {
            #expect(waited, "the other write waits")
            #expect(committed, "\(texts)")
            #expect(secondCommitted, "\(texts)")
            #expect(db.graph.snapshot.nodeCount == 2)
        }
        let elapsed = clock.now - start
        if elapsed < .seconds(30) {
            checks()
        } else {
            withKnownIssue("the test waited \(elapsed) for threads, past half the lease's idle limit", isIntermittent: true) {
                checks()
            }
        }
    }

    @Test func idleTransactionsExpire() async throws {
        var config = ServerConfiguration()
        config.transactionTimeout = .milliseconds(50)
        try await TestServer(configuration: config).run { c in
            let t = try await c.post("/db/neo4j/tx", "")
            let id = String(try #require(t.headers[.location]).split(separator: "/").last!)
            try await Task.sleep(for: .milliseconds(150))
            let r = try await c.post("/db/neo4j/tx/\(id)", "")
            #expect(r.status == .notFound)
        }
    }

    @Test func malformedRequestsAndUnknownDatabases() async throws {
        try await TestServer().run { c in
            let bad = try await c.post("/db/neo4j/tx/commit", "{nope")
            #expect(bad.json["errors"]?.arrayValue?.first?["code"] == "Neo.ClientError.Request.InvalidFormat")
            let format = try await c.post("/db/neo4j/tx/commit", #"{"statements": [{"statement": "RETURN 1", "resultDataContents": ["xml"]}]}"#)
            #expect(format.json["errors"]?.arrayValue?.first?["code"] == "Neo.ClientError.Request.InvalidFormat")
            let db = try await c.post("/db/other/tx/commit", #"{"statements": []}"#)
            #expect(db.status == .notFound)
            #expect(db.json["errors"]?.arrayValue?.first?["code"] == "Neo.ClientError.Database.DatabaseNotFound")
            let legacy = try await c.post("/db/data/transaction/commit", #"{"statements": [{"statement": "RETURN 2 AS x"}]}"#)
            #expect(legacy.json["results"]?.arrayValue?.first?["data"]?.arrayValue?.first?["row"] == [2])
        }
    }
}
