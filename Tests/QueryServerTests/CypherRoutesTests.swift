import Engine
import GraphStore
import HTTPTypes
import QueryServer
import Testing

@Suite struct CypherRoutesTests {
    @Test func writesThenReadsNodesRelationshipsAndPaths() async throws {
        try await TestServer().run { c in
            let w = try await c.post(
                "/db/neo4j/cypher",
                #"{"query": "CREATE (a:Person {name: $a, age: 42})-[:KNOWS {since: 2020}]->(b:Person {name: 'Bo'}) RETURN a.name AS name", "parameters": {"a": "Al"}}"#)
            #expect(w.status == .ok, "\(w.text)")
            #expect(w.json["columns"] == ["name"])
            #expect(w.json["rows"] == [["Al"]])
            #expect(w.json["stats"]?["nodesCreated"] == 2)
            #expect(w.json["stats"]?["relationshipsCreated"] == 1)
            #expect(w.json["stats"]?["containsUpdates"] == true)

            let r = try await c.post(
                "/db/neo4j/cypher",
                #"{"query": "MATCH p = (a:Person {name: 'Al'})-[r:KNOWS]->(b) RETURN a, r, p, 1.5 AS f, [1, 'x'] AS l"}"#)
            #expect(r.status == .ok, "\(r.text)")
            let row = try #require(r.json["rows"]?.arrayValue?.first?.arrayValue)
            #expect(row[0]["labels"] == ["Person"])
            #expect(row[0]["properties"]?["name"] == "Al")
            #expect(row[0]["properties"]?["age"] == 42)
            #expect(row[0]["elementId"]?.stringValue != nil)
            #expect(row[1]["type"] == "KNOWS")
            #expect(row[1]["startNode"] == row[0]["id"])
            #expect(row[1]["properties"]?["since"] == 2020)
            #expect(row[2]["nodes"]?.arrayValue?.count == 2)
            #expect(row[2]["relationships"]?.arrayValue?.count == 1)
            #expect(row[3] == 1.5)
            #expect(row[4] == [1, "x"])
            #expect(r.json["stats"]?["containsUpdates"] == false)

            _ = try await c.post("/db/neo4j/cypher", #"{"query": "RETURN nope"}"#)
            let metrics = try await c.get("/metrics").text
            #expect(metrics.contains(#"ignitabull_queries_total{endpoint="cypher",outcome="ok"} 2"#), "\(metrics)")
            #expect(metrics.contains(#"ignitabull_queries_total{endpoint="cypher",outcome="error"} 1"#))
        }
    }

    @Test func temporalValuesAreStrings() async throws {
        try await TestServer().run { c in
            let r = try await c.post("/db/neo4j/cypher", #"{"query": "RETURN date('2024-02-29') AS d"}"#)
            #expect(r.status == .ok, "\(r.text)")
            #expect(r.json["rows"] == [["2024-02-29"]])
        }
    }

    @Test func syntaxErrorsAre400WithLineAndColumn() async throws {
        try await TestServer().run { c in
            let r = try await c.post("/db/neo4j/cypher", #"{"query": "MATCH (n)\nRETRUN n"}"#)
            #expect(r.status == .badRequest)
            #expect(r.json["code"]?.stringValue?.hasPrefix("SyntaxError") == true, "\(r.text)")
            #expect(r.json["line"] == 2)
            #expect(r.json["column"] == 1)
            #expect(r.json["message"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func runtimeErrorsAre4xxAndChangeNothing() async throws {
        let db = Database()
        try await TestServer(database: db).run { c in
            let r = try await c.post("/db/neo4j/cypher", #"{"query": "CREATE (:T) WITH 1 AS x RETURN 1 / 0"}"#)
            #expect(r.status == .badRequest, "\(r.text)")
            #expect(r.json["code"] == "ArithmeticError.DivisionByZero")
        }
        #expect(db.graph.snapshot.nodeCount == 0)
    }

    @Test func badRequestsGetJSONErrors() async throws {
        var config = ServerConfiguration()
        config.maxBodyBytes = 200
        config.maxQueryBytes = 50
        try await TestServer(configuration: config).run { c in
            let notJSON = try await c.post("/db/neo4j/cypher", "{query:")
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.json["code"] == "InvalidJSON")
            let noQuery = try await c.post("/db/neo4j/cypher", #"{"parameters": {}}"#)
            #expect(noQuery.status == .badRequest)
            let badParams = try await c.post("/db/neo4j/cypher", #"{"query": "RETURN 1", "parameters": [1]}"#)
            #expect(badParams.status == .badRequest)
            let long = try await c.post("/db/neo4j/cypher", #"{"query": "RETURN '"# + String(repeating: "x", count: 60) + #"'"}"#)
            #expect(long.status == .badRequest)
            #expect(long.json["code"] == "QueryTooLong")
            let huge = try await c.post("/db/neo4j/cypher", #"{"query": "RETURN '"# + String(repeating: "x", count: 300) + #"'"}"#)
            #expect(huge.status == .contentTooLarge)
            #expect(huge.json["code"] == "PayloadTooLarge")
            let otherDB = try await c.post("/db/other/cypher", #"{"query": "RETURN 1"}"#)
            #expect(otherDB.status == .notFound)
            #expect(otherDB.json["code"] == "Neo.ClientError.Database.DatabaseNotFound")
            // `system` runs only its own commands (CREATE DATABASE, SHOW DATABASES, …), not graph queries.
            let system = try await c.post("/db/system/cypher", #"{"query": "RETURN 1"}"#)
            #expect(system.status == .badRequest)
            #expect(system.json["code"] == "Neo.ClientError.Statement.SyntaxError")
            let missingParam = try await c.post("/db/neo4j/cypher", #"{"query": "RETURN $x"}"#)
            #expect(missingParam.status == .badRequest, "\(missingParam.text)")
        }
    }
}
