import Engine
import GraphStore
import HTTPTypes
import QueryServer
import Testing

/// Content-Type and Origin checks, and CORS (off unless configured).
@Suite struct RequestGuardTests {
    let write = #"{"query": "CREATE (:Hacked)"}"#

    func nodes(_ db: Database) -> Int { db.graph.snapshot.nodeCount }

    @Test func jsonEndpointsRequireJSONContentType() async throws {
        let db = Database()
        try await TestServer(database: db).run { c in
            for type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
                for path in ["/db/neo4j/cypher", "/db/neo4j/tx/commit", "/db/data/transaction/commit", "/db/neo4j/nodes"] {
                    let r = try await c.request(.post, path, body: write, headers: [.contentType: type])
                    #expect(r.status == .unsupportedMediaType, "\(path) \(type): \(r.status)")
                    #expect(r.json["code"] == "UnsupportedMediaType")
                }
            }
            // No content type at all is refused too.
            var h = HTTPFields()
            h[.contentLength] = String(write.utf8.count)
            let none = try await c.request(.post, "/db/neo4j/cypher", body: write, headers: [.contentType: ""])
            #expect(none.status == .unsupportedMediaType)
            #expect(nodes(db) == 0)
            // JSON with a charset parameter, in any case, is accepted.
            let ok = try await c.request(
                .post, "/db/neo4j/cypher", body: write, headers: [.contentType: "Application/JSON; charset=utf-8"])
            #expect(ok.status == .ok, "\(ok.text)")
            #expect(nodes(db) == 1)
        }
    }

    @Test func crossSiteBrowsersCannotWrite() async throws {
        let db = Database()
        try await TestServer(database: db).run { c in
            let evil = try await c.request(.post, "/db/neo4j/cypher", body: write, headers: [.origin: "https://evil.example"])
            #expect(evil.status == .forbidden)
            #expect(evil.json["code"] == "ForbiddenOrigin")
            let tx = try await c.request(.post, "/db/neo4j/tx/commit", body: #"{"statements": [{"statement": "CREATE (:Hacked)"}]}"#, headers: [.origin: "http://attacker.test:8080"])
            #expect(tx.status == .forbidden)
            let fetchSite = try await c.request(
                .post, "/db/neo4j/cypher", body: write, headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(fetchSite.status == .forbidden)
            let rollback = try await c.request(.delete, "/db/neo4j/tx/1", headers: [.origin: "https://evil.example"])
            #expect(rollback.status == .forbidden)
            #expect(nodes(db) == 0)
            // A preflight gets no CORS permission while CORS is off.
            let preflight = try await c.request(
                .options, "/db/neo4j/cypher",
                headers: [.origin: "https://evil.example", .accessControlRequestMethod: "POST"])
            #expect(preflight.status == .forbidden)
            #expect(preflight.headers[.accessControlAllowOrigin] == nil)
            // The server's own origin (its Host) and clients without Origin may write; reads carry no CORS header.
            let own = try await c.request(.post, "/db/neo4j/cypher", body: write, headers: [.origin: "http://localhost"])
            #expect(own.status == .ok, "\(own.text)")
            let read = try await c.request(.get, "/health", headers: [.origin: "https://evil.example"])
            #expect(read.status == .ok)
            #expect(read.headers[.accessControlAllowOrigin] == nil)
            #expect(nodes(db) == 1)
        }
    }

    @Test func configuredOriginsGetCORS() async throws {
        var config = ServerConfiguration()
        config.allowedOrigins = ["https://app.example.com/"]
        let db = Database()
        try await TestServer(database: db, configuration: config).run { c in
            let preflight = try await c.request(
                .options, "/db/neo4j/cypher",
                headers: [.origin: "https://app.example.com", .accessControlRequestMethod: "POST"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "https://app.example.com")
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Content-Type") == true)
            let w = try await c.request(.post, "/db/neo4j/cypher", body: write, headers: [.origin: "https://app.example.com"])
            #expect(w.status == .ok)
            #expect(w.headers[.accessControlAllowOrigin] == "https://app.example.com")
            let other = try await c.request(.post, "/db/neo4j/cypher", body: write, headers: [.origin: "https://evil.example"])
            #expect(other.status == .forbidden)
            #expect(nodes(db) == 1)
        }
    }
}
