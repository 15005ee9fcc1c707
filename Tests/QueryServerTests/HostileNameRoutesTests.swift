import Engine
import Foundation
import GraphStore
import HTTPTypes
import QueryServer
import Testing
import TestSupport

/// What any HTTP client can send: index names shaped like paths, and NUL characters in names.
/// Nothing reaches a path outside the data directory, a refused name is a 4xx with a Neo4j-style
/// code, and the data directory opens again afterwards.
@Suite struct HostileNameRoutesTests {
    @Test func pathLikeIndexNamesStayInsideTheDataDirectory() async throws {
        let root = SharedData.temporaryDirectory()
        let dir = root + "/a/b/c/data"
        try FileManager.default.createDirectory(atPath: root + "/a/b/c", withIntermediateDirectories: true)
        let target = root + "/a/outside.ivf"
        try "precious".write(toFile: target, atomically: true, encoding: .utf8)
        do {
            let db = try Database(directory: dir)
            try await TestServer(database: db).run { c in
                let fill = try await c.post(
                    "/db/neo4j/cypher", #"{"query": "UNWIND range(1, 20) AS i CREATE (:Item {emb: [toFloat(i % 3), 1.0, toFloat(i % 5)]})"}"#)
                #expect(fill.status == .ok, "\(fill.text)")
                let create = try await c.post(
                    "/db/neo4j/cypher",
                    #"{"query": "CREATE VECTOR INDEX `../../../../outside` FOR (n:Item) ON n.emb OPTIONS {indexConfig: {`vector.dimensions`: 3}}"}"#)
                #expect(create.status == .ok, "\(create.text)")
                #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious")
                let drop = try await c.post(
                    "/db/neo4j/tx/commit", #"{"statements": [{"statement": "DROP INDEX `../../../../outside`"}]}"#)
                #expect(drop.status == .ok && drop.json["errors"] == [], "\(drop.text)")
                #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious")
                let nul = try await c.post(
                    "/db/neo4j/cypher",
                    #"{"query": "CREATE VECTOR INDEX `x\u0000/../../y` FOR (n:Item) ON n.emb OPTIONS {indexConfig: {`vector.dimensions`: 3}}"}"#)
                #expect(nul.status == .badRequest, "\(nul.text)")
            }
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: root + "/a")
        #expect(entries.sorted() == ["b", "outside.ivf"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/indexes").isEmpty)
        #expect(try Database(directory: dir, create: false).graph.snapshot.nodeCount == 20)
    }

    @Test func aNulInANameIsA4xxAndTheDirectoryStillOpens() async throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        do {
            let db = try Database(directory: dir)
            try await TestServer(database: db).run { c in
                let plain = try await c.post("/db/neo4j/cypher", #"{"query": "CREATE (n:`\u0000`)"}"#)
                #expect(plain.status == .badRequest, "\(plain.text)")
                #expect(plain.text.contains("InvalidTokenName") && plain.text.contains("NUL"), "\(plain.text)")
                let tx = try await c.post(
                    "/db/neo4j/tx/commit", #"{"statements": [{"statement": "CREATE (n:`A\u0000B` {`k\u0000`: 1})"}]}"#)
                #expect(tx.json["errors"]?.arrayValue?.first?["code"] == "Neo.ClientError.Statement.SyntaxError", "\(tx.text)")
                let key = try await c.post(
                    "/db/neo4j/cypher", #"{"query": "CREATE (n) SET n += $m", "parameters": {"m": {"a\u0000b": 1}}}"#)
                #expect(key.status == .badRequest, "\(key.text)")
                let ok = try await c.post("/db/neo4j/cypher", #"{"query": "CREATE (:A {s: 'A\u0000B'})"}"#)
                #expect(ok.status == .ok, "\(ok.text)")
            }
        }
        let db = try Database(directory: dir, create: false)
        let s = db.graph.snapshot
        #expect(s.nodeCount == 1)
        let label = try #require(s.catalog.label("A"))
        let n = try #require(s.nodes(label: label).first)
        #expect(s.property(n, "s") == .string("A\u{0}B"))
    }
}
