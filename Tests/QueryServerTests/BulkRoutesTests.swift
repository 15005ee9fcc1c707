import Engine
import GraphStore
import HTTPTypes
import QueryServer
import Testing

@Suite struct BulkRoutesTests {
    static func database() throws -> Database {
        let db = Database()
        try db.graph.write { txn in
            try txn.createUniqueConstraint(label: "Customer", key: "id")
            try txn.createUniqueConstraint(label: "Product", key: "id")
        }
        return db
    }

    @Test func nodesUpsertByKeyFromAnArrayOrJSONLines() async throws {
        let db = try Self.database()
        try await TestServer(database: db).run { c in
            let first = try await c.post(
                "/db/neo4j/nodes",
                #"[{"label": "Product", "properties": {"id": "p1", "name": "Mug", "price": 9.5}}, {"label": "Customer", "properties": {"id": "c1"}}]"#)
            #expect(first.status == .ok, "\(first.text)")
            #expect(first.json["created"] == 2)
            let second = try await c.post(
                "/db/neo4j/nodes",
                "{\"labels\": [\"Product\", \"Sale\"], \"properties\": {\"id\": \"p1\", \"price\": 7, \"name\": null}}\n{\"label\": \"Product\", \"properties\": {\"id\": \"p2\"}}\n")
            #expect(second.status == .ok, "\(second.text)")
            #expect(second.json["created"] == 1)
            #expect(second.json["updated"] == 1)
        }
        let s = db.graph.snapshot
        let p1 = try #require(s.lookup(label: "Product", key: "id", value: "p1"))
        #expect(s.property(p1, "price") == .int(7))
        #expect(s.property(p1, "name") == nil)
        #expect(Set(s.labelNames(of: p1)) == ["Product", "Sale"])
        #expect(s.nodeCount == 3)
    }

    @Test func invalidItemsAreReportedByIndexAndNothingIsApplied() async throws {
        let db = try Self.database()
        try await TestServer(database: db).run { c in
            let r = try await c.post(
                "/db/neo4j/nodes",
                #"[{"label": "Product", "properties": {"id": "ok"}}, {"label": "Product", "properties": {"name": "no id"}}, {"label": "Thing", "properties": {"id": 1}}, 5, {"label": "Product", "properties": {"id": "x", "bad": {"nested": 1}}}]"#)
            #expect(r.status == .badRequest)
            #expect(r.json["code"] == "InvalidItems")
            let indexes = r.json["errors"]?.arrayValue?.compactMap { $0["index"]?.intValue }
            #expect(indexes == [1, 2, 3, 4])
            #expect(r.json["errors"]?.arrayValue?[1]["code"] == "NoUniqueConstraint")
            let notJSON = try await c.post("/db/neo4j/nodes", "[1,")
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.json["code"] == "InvalidJSON")
            // No body at all is a mistake too, not an empty batch (an empty array is one).
            for path in ["/db/neo4j/nodes", "/db/neo4j/relationships"] {
                let empty = try await c.post(path, " \n")
                #expect(empty.status == .badRequest, "\(path)")
                #expect(empty.json["message"]?.stringValue?.contains("the body is empty") == true)
            }
            #expect(try await c.post("/db/neo4j/nodes", "[]").status == .ok)
        }
        #expect(db.graph.snapshot.nodeCount == 0)
    }

    @Test func relationshipsMergeBetweenKeyedNodes() async throws {
        let db = try Self.database()
        try await TestServer(database: db).run { c in
            _ = try await c.post(
                "/db/neo4j/nodes",
                #"[{"label": "Customer", "properties": {"id": "c1"}}, {"label": "Product", "properties": {"id": "p1"}}]"#)
            let body = #"[{"type": "PURCHASED", "from": {"label": "Customer", "id": "c1"}, "to": {"label": "Product", "id": "p1"}, "key": "invoice", "properties": {"invoice": "i1", "quantity": 2}}, {"type": "PURCHASED", "from": {"label": "Customer", "id": "c1"}, "to": {"label": "Product", "id": "p1"}, "key": "invoice", "properties": {"invoice": "i2", "quantity": 1}}]"#
            let r = try await c.post("/db/neo4j/relationships", body)
            #expect(r.status == .ok, "\(r.text)")
            #expect(r.json["created"] == 2)
            let again = try await c.post("/db/neo4j/relationships", body)
            #expect(again.json["created"] == 0)
            #expect(again.json["updated"] == 2)
            let missing = try await c.post(
                "/db/neo4j/relationships",
                #"[{"type": "PURCHASED", "from": {"label": "Customer", "id": "c1"}, "to": {"label": "Product", "id": "p1"}}, {"type": "PURCHASED", "from": {"label": "Customer", "id": "zz"}, "to": {"label": "Product", "id": "p1"}}]"#)
            #expect(missing.status == .badRequest)
            #expect(missing.json["errors"]?.arrayValue?.first?["index"] == 1)
            #expect(missing.json["errors"]?.arrayValue?.first?["code"] == "NodeNotFound")
        }
        #expect(db.graph.snapshot.relationshipCount == 2)
    }
}
