import Access
import Engine
import Foundation
import GraphStore
import HTTPTypes
import QueryServer
import Testing
import TestSupport

/// Several databases in one server: CREATE/DROP/SHOW DATABASE in `system`, every `/db/{db}/…` route family on the
/// database it names (404 `DatabaseNotFound` for any other), and two databases with different data kept apart.
@Suite struct MultiDatabaseRoutesTests {
    /// `statement` in the system database through the Neo4j transaction API.
    static func system(_ c: TestClient, _ statement: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await c.request(.post, "/db/system/tx/commit", body: #"{"statements": [{"statement": "\#(statement)"}]}"#, headers: headers)
    }

    /// A shop's graph in Cypher: customers `<prefix>-c1` and `<prefix>-c2`, products `<prefix>-p1…p4`, purchases.
    static func fill(_ c: TestClient, _ db: String, _ prefix: String, headers: HTTPFields = [:]) async throws {
        let query = """
            CREATE CONSTRAINT FOR (c:Customer) REQUIRE c.id IS UNIQUE
            """
        let constraint = try await c.request(.post, "/db/\(db)/cypher", body: #"{"query": "\#(query)"}"#, headers: headers)
        #expect(constraint.status == .ok, "\(constraint.text)")
        let data = """
            UNWIND range(1, 4) AS i CREATE (:Product {id: '\(prefix)-p' + i, description: '\(prefix) product ' + i}) \
            WITH count(*) AS made UNWIND [[1, [1, 2, 3]], [2, [1, 2, 4]]] AS row \
            CREATE (c:Customer {id: '\(prefix)-c' + row[0]}) WITH c, row UNWIND row[1] AS i \
            MATCH (p:Product {id: '\(prefix)-p' + i}) CREATE (c)-[:PURCHASED {invoice: c.id}]->(p)
            """
        let r = try await c.request(.post, "/db/\(db)/cypher", body: #"{"query": "\#(data)"}"#, headers: headers)
        #expect(r.status == .ok, "\(r.text)")
        let mine = try await c.request(.post, "/db/\(db)/mine", body: #"{"minCount": 1, "minLift": 0}"#, headers: headers)
        #expect(mine.status == .ok, "\(mine.text)")
    }

    @Test func createShowAndDropDatabasesInSystem() async throws {
        let server = TestServer()
        try await server.run { c in
            let created = try await Self.system(c, "CREATE DATABASE shop")
            #expect(created.status == .ok && created.json["errors"] == [], "\(created.text)")
            let twice = try await Self.system(c, "CREATE DATABASE Shop")
            #expect(twice.json["errors"]?.arrayValue?.first?["code"] == "Neo.ClientError.Database.ExistingDatabaseFound", "\(twice.text)")
            let quiet = try await Self.system(c, "CREATE DATABASE shop IF NOT EXISTS")
            #expect(quiet.json["errors"] == [], "\(quiet.text)")
            let show = try await c.post("/db/system/cypher", #"{"query": "SHOW DATABASES"}"#)
            #expect(show.status == .ok, "\(show.text)")
            #expect(show.json["columns"]?.arrayValue?.compactMap(\.stringValue) == [
                "name", "type", "aliases", "access", "address", "role", "writer", "requestedStatus", "currentStatus",
                "statusMessage", "default", "home", "constituents",
            ])
            #expect(show.json["rows"]?.arrayValue?.compactMap { $0.arrayValue?.first?.stringValue } == ["neo4j", "shop", "system"])
            let one = try await c.post("/db/system/cypher", #"{"query": "SHOW DATABASE shop"}"#)
            #expect(one.json["rows"]?.arrayValue?.count == 1)
            let health = try await c.get("/health")
            #expect(health.json["databases"] == 2)
            let write = try await c.post("/db/shop/cypher", #"{"query": "CREATE (:Customer {id: 'x'}) RETURN 1 AS one"}"#)
            #expect(write.status == .ok, "\(write.text)")
            #expect(server.database.graph.snapshot.nodeCount == 0)
            #expect(server.databases.database(named: "shop")?.graph.snapshot.nodeCount == 1)
            let metrics = try await c.get("/metrics")
            #expect(metrics.text.contains("ignitabull_database_nodes{database=\"shop\"} 1"))
            for bad in ["../x", "a/b", "%2e%2e", "SYSTEM", String(repeating: "a", count: 200)] {
                let r = try await c.post("/db/system/cypher", #"{"query": "CREATE DATABASE `\#(bad)`"}"#)
                #expect(r.status == .badRequest, "\(bad): \(r.text)")
            }
            for reserved in ["neo4j", "system"] {
                let r = try await Self.system(c, "DROP DATABASE \(reserved)")
                #expect(r.json["errors"]?.arrayValue?.count == 1, "\(r.text)")
            }
            let dropped = try await Self.system(c, "DROP DATABASE shop")
            #expect(dropped.json["errors"] == [], "\(dropped.text)")
            let gone = try await c.post("/db/shop/cypher", #"{"query": "RETURN 1"}"#)
            #expect(gone.status == .notFound)
            #expect(gone.json["code"] == "Neo.ClientError.Database.DatabaseNotFound")
            let missing = try await Self.system(c, "DROP DATABASE shop")
            #expect(missing.json["errors"]?.arrayValue?.first?["code"] == "Neo.ClientError.Database.DatabaseNotFound")
            let ifExists = try await Self.system(c, "DROP DATABASE shop IF EXISTS")
            #expect(ifExists.json["errors"] == [])
        }
        #expect(server.databases.names == ["neo4j"])
    }

    @Test func hostileNamesInPathsAndCommandsCreateNothingOutsideTheDatabasesFolder() async throws {
        let root = SharedData.temporaryDirectory()
        let data = root + "/data"
        let databases = try Databases(directory: data, default: try Database(directory: data))
        let before = Set(FileManager.default.subpaths(atPath: root) ?? [])
        try await TestServer(databases: databases).run { c in
            for bad in ["..%2Fx", "%2e%2e", "a%2Fb", "x%00y", "SYSTEM", String(repeating: "a", count: 200), "..", "%2F"] {
                let r = try await c.post("/db/\(bad)/cypher", #"{"query": "CREATE (:X)"}"#)
                #expect(r.status == .notFound, "\(bad): \(r.text)")
                let tx = try await c.post("/db/\(bad)/tx/commit", #"{"statements": [{"statement": "CREATE (:X)"}]}"#)
                #expect(tx.status == .notFound, "\(bad): \(tx.text)")
            }
            for bad in ["../x", "a/b", "%2e%2e", "x\\u0000y", "SYSTEM", String(repeating: "a", count: 200)] {
                let r = try await Self.system(c, "CREATE DATABASE `\(bad)`")
                #expect(r.json["errors"]?.arrayValue?.count == 1, "\(bad): \(r.text)")
            }
        }
        let after = Set((FileManager.default.subpaths(atPath: root) ?? []).filter { !$0.hasSuffix("-shm") && !$0.hasSuffix("-wal") })
        #expect(after.subtracting(before).isEmpty, "\(after.subtracting(before))")
        #expect(databases.names == ["neo4j"])
    }

    @Test func everyRouteFamilyAnswersDatabaseNotFoundForAnUnknownDatabase() async throws {
        try await TestServer().run { c in
            let routes: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/db/nope/counts", nil), (.get, "/db/nope/stats", nil), (.get, "/db/nope/recommender", nil),
                (.get, "/db/nope/products/a/similar", nil), (.get, "/db/nope/products/a/also-bought", nil),
                (.get, "/db/nope/products/a/frequently-bought-with", nil), (.get, "/db/nope/customers/c1/recommendations", nil),
                (.post, "/db/nope/search", #"{"vector": [1, 0], "k": 1}"#), (.post, "/db/nope/cypher", #"{"query": "RETURN 1"}"#),
                (.post, "/db/nope/nodes", #"[]"#), (.post, "/db/nope/relationships", #"[]"#),
                (.post, "/db/nope/score", #"{"customers": ["c1"]}"#), (.post, "/db/nope/mine", "{}"),
                (.post, "/db/nope/similar-to", "{}"), (.post, "/db/nope/backup", "{}"), (.post, "/db/nope/check", "{}"),
                (.post, "/db/nope/tx/commit", #"{"statements": []}"#), (.post, "/db/nope/tx", #"{"statements": []}"#),
                (.post, "/db/nope/tx/1", #"{"statements": []}"#), (.post, "/db/nope/tx/1/commit", #"{"statements": []}"#),
                (.delete, "/db/nope/tx/1", nil),
            ]
            for (method, path, body) in routes {
                let r = try await c.request(method, path, body: body)
                #expect(r.status == .notFound, "\(path): \(r.text)")
                let code = r.json["code"]?.stringValue ?? r.json["errors"]?.arrayValue?.first?["code"]?.stringValue
                #expect(code == "Neo.ClientError.Database.DatabaseNotFound", "\(path): \(r.text)")
            }
        }
    }

    @Test func twoDatabasesServeOnlyTheirOwnData() async throws {
        let server = TestServer()
        try await server.run { c in
            for name in ["shop-a", "shop-b"] {
                let r = try await Self.system(c, "CREATE DATABASE \(name)")
                #expect(r.json["errors"] == [], "\(r.text)")
            }
            try await Self.fill(c, "shop-a", "a")
            try await Self.fill(c, "shop-b", "b")
            for (mine, other) in [("a", "b"), ("b", "a")] {
                let db = "/db/shop-\(mine)"
                let recs = try await c.get("\(db)/customers/\(mine)-c1/recommendations?k=5")
                #expect(recs.status == .ok, "\(recs.text)")
                let ids = recs.json["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
                #expect(ids.allSatisfy { $0.hasPrefix("\(mine)-") }, "\(ids)")
                let theirs = try await c.get("\(db)/customers/\(other)-c1/recommendations?k=5")
                #expect(theirs.json["knownSubject"] == false, "\(theirs.text)")
                for route in ["similar", "also-bought", "frequently-bought-with"] {
                    let r = try await c.get("\(db)/products/\(mine)-p1/\(route)?k=5")
                    #expect(r.status == .ok, "\(route): \(r.text)")
                    let items = r.json["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
                    #expect(items.allSatisfy { $0.hasPrefix("\(mine)-") }, "\(route): \(items)")
                    if route != "similar" { #expect(!items.isEmpty, "\(route): \(r.text)") }
                    let foreign = try await c.get("\(db)/products/\(other)-p1/\(route)")
                    #expect(foreign.status == .notFound, "\(route): \(foreign.text)")
                }
                let cypher = try await c.post("\(db)/cypher", #"{"query": "MATCH (c:Customer) RETURN c.id AS id ORDER BY id"}"#)
                #expect(cypher.json["rows"]?.arrayValue?.compactMap { $0.arrayValue?.first?.stringValue } == ["\(mine)-c1", "\(mine)-c2"], "\(cypher.text)")
                let tx = try await c.post(
                    "\(db)/tx/commit", #"{"statements": [{"statement": "MATCH (p:Product) RETURN count(p), collect(DISTINCT left(p.id, 1))"}]}"#)
                let row = tx.json["results"]?.arrayValue?.first?["data"]?.arrayValue?.first?["row"]?.arrayValue
                #expect(row?.first?.intValue == 4 && row?.last?.arrayValue?.compactMap(\.stringValue) == [mine], "\(tx.text)")
                let counts = try await c.get("\(db)/counts")
                #expect(counts.json["nodes"] == 6)
            }
            // An explicit transaction lives in its database: another database does not know its id.
            let open = try await c.post("/db/shop-a/tx", #"{"statements": [{"statement": "CREATE (:Marker)"}]}"#)
            #expect(open.status == .created, "\(open.text)")
            let id = open.headers[.location]?.split(separator: "/").last.map(String.init) ?? ""
            let wrong = try await c.post("/db/shop-b/tx/\(id)/commit", #"{"statements": []}"#)
            #expect(wrong.status == .notFound, "\(wrong.text)")
            let right = try await c.post("/db/shop-a/tx/\(id)/commit", #"{"statements": []}"#)
            #expect(right.status == .ok && right.json["errors"] == [], "\(right.text)")
        }
        #expect(server.databases.database(named: "shop-a")?.graph.snapshot.nodeCount == 7)
        #expect(server.databases.database(named: "shop-b")?.graph.snapshot.nodeCount == 6)
        #expect(server.database.graph.snapshot.nodeCount == 0)
    }

    /// What Bolt's `db: "system"` runs (the CLI wires it): the same commands, as the logged-in principal.
    @Test func theSystemRunnerForBoltCreatesAndRefusesAsOverHTTP() throws {
        let databases = Databases(default: Database())
        _ = try QueryServer.runSystemCommand(
            "CREATE DATABASE shop", parameters: [:], principal: nil, source: "test", access: nil, databases: databases)
        #expect(databases.names == ["neo4j", "shop"])
        let access = AccessControl(store: AccessStore(iterations: 1_000), audit: try AuditLog())
        let reader = Principal(name: "reader", roles: [.reader])
        let refused = #expect(throws: AccessError.self) {
            try QueryServer.runSystemCommand(
                "DROP DATABASE shop", parameters: [:], principal: reader, source: "test", access: access, databases: databases)
        }
        #expect(refused?.neo4jCode == "Neo.ClientError.Security.Forbidden")
        let admin = Principal(name: "admin", roles: [.admin])
        let shown = try QueryServer.runSystemCommand(
            "SHOW DATABASES", parameters: [:], principal: admin, source: "test", access: access, databases: databases)
        #expect(shown.rows.count == 3)
        _ = try QueryServer.runSystemCommand(
            "DROP DATABASE shop", parameters: [:], principal: admin, source: "test", access: access, databases: databases)
        #expect(databases.names == ["neo4j"])
        #expect(access.audit.recent.map(\.event) == ["database_dropped"])
    }
}
