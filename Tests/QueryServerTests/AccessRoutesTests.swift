import Access
import Engine
import Foundation
import GraphStore
import HTTPTypes
import Hummingbird
import QueryServer
import Testing

/// Access control over every route family, in-process: no credentials, wrong credentials, a reader trying
/// each kind of write, a key for another database, and an admin running each admin command. Each answer
/// has the right status and Neo4j code, and nothing is written.
@Suite struct AccessRoutesTests {
    static let adminPassword = "admin-password-1"
    static let readerPassword = "reader-password-1"

    /// The recommendation test data behind access control with an admin, a reader, an editor and keys.
    static func server(throttle: LoginThrottle = LoginThrottle()) throws -> (TestServer, AccessControl, readerKey: String, otherKey: String) {
        let control = AccessControl(store: AccessStore(iterations: 1_000), audit: try AuditLog(), throttle: throttle)
        try control.store.createUser("admin", password: adminPassword, roles: [.admin])
        try control.store.createUser("reader", password: readerPassword, roles: [.reader])
        try control.store.createUser("editor", password: "editor-password", roles: [.editor])
        let readerKey = try control.store.createKey(database: "neo4j", role: .reader).token
        let otherKey = try control.store.createKey(database: "other", role: .admin).token
        var configuration = ServerConfiguration()
        configuration.access = control
        return (TestServer(database: try RecommendationRoutesTests.database(), configuration: configuration), control, readerKey, otherKey)
    }

    static func basic(_ user: String, _ password: String) -> HTTPFields {
        [.authorization: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()]
    }

    static let reader = basic("reader", readerPassword)
    static let admin = basic("admin", adminPassword)

    /// Every route family, as (method, path, body).
    static let reads: [(HTTPRequest.Method, String, String?)] = [
        (.get, "/hello", nil), (.get, "/metrics", nil), (.get, "/openapi.json", nil), (.get, "/", nil),
        (.get, "/db/neo4j/products/a/similar?k=2", nil), (.get, "/db/neo4j/products/a/also-bought", nil),
        (.get, "/db/neo4j/products/a/frequently-bought-with", nil), (.get, "/db/neo4j/customers/c1/recommendations", nil),
        (.get, "/db/neo4j/recommender", nil), (.post, "/db/neo4j/search", #"{"vector": [1, 0, 0, 0], "k": 2}"#),
        (.post, "/db/neo4j/cypher", #"{"query": "MATCH (n) RETURN count(n) AS n"}"#),
        (.post, "/db/neo4j/tx/commit", #"{"statements": [{"statement": "MATCH (n) RETURN count(n)"}]}"#),
        (.post, "/db/data/transaction/commit", #"{"statements": [{"statement": "RETURN 1"}]}"#),
    ]

    /// Writes of each kind a reader may not make.
    static let writes: [(HTTPRequest.Method, String, String?)] = [
        (.post, "/db/neo4j/cypher", #"{"query": "CREATE (:Product {id: 'x'})"}"#),
        (.post, "/db/neo4j/cypher", #"{"query": "MATCH (p:Product) SET p.price = 0"}"#),
        (.post, "/db/neo4j/cypher", #"{"query": "FOREACH (x IN [1] | CREATE ())"}"#),
        (.post, "/db/neo4j/cypher", #"{"query": "MATCH (p:Product {id: 'a'}) CALL db.create.setNodeVectorProperty(p, 'embedding', [1.0, 0.0, 0.0, 0.0])"}"#),
        (.post, "/db/neo4j/cypher", #"{"query": "CREATE INDEX x FOR (p:Product) ON (p.name)"}"#),
        (.post, "/db/neo4j/tx/commit", #"{"statements": [{"statement": "MERGE (:Customer {id: 'z'})"}]}"#),
        (.post, "/db/neo4j/tx/commit", #"{"statements": [{"statement": "RETURN 1"}, {"statement": "CREATE ()"}]}"#),
        (.post, "/db/neo4j/tx", #"{"statements": [{"statement": "CREATE ()"}]}"#),
        (.post, "/db/data/transaction/commit", #"{"statements": [{"statement": "DROP CONSTRAINT c IF EXISTS"}]}"#),
        (.post, "/db/neo4j/nodes", #"[{"label": "Product", "properties": {"id": "x"}}]"#),
        (.post, "/db/neo4j/relationships", #"[{"type": "PURCHASED", "from": {"label": "Customer", "key": "id", "value": "c1"}, "to": {"label": "Product", "key": "id", "value": "d"}}]"#),
    ]

    static func code(_ r: TestResponse) -> String? {
        r.json["code"]?.stringValue ?? r.json["errors"]?.arrayValue?.first?["code"]?.stringValue
    }

    @Test func everyRouteButHealthNeedsCredentials() async throws {
        let (server, control, _, _) = try Self.server()
        try await server.run { c in
            #expect(try await c.get("/health").status == .ok)
            for (method, path, body) in Self.reads + Self.writes {
                let none = try await c.request(method, path, body: body)
                #expect(none.status == .unauthorized, "\(path)")
                #expect(Self.code(none) == "Neo.ClientError.Security.Unauthorized", "\(path): \(none.text)")
                #expect(none.headers[.wwwAuthenticate] == "Basic realm=\"Neo4j\"")
                let wrong = try await c.request(method, path, body: body, headers: Self.basic("reader", "wrong-password"))
                #expect(wrong.status == .unauthorized || wrong.status == .tooManyRequests, "\(path)")
                let bearer = try await c.request(method, path, body: body, headers: [.authorization: "Bearer ign_000000000000_nope"])
                #expect(bearer.status == .unauthorized || bearer.status == .tooManyRequests, "\(path)")
            }
        }
        #expect(server.database.graph.snapshot.nodeCount == 6)
        #expect(control.audit.recent.contains { $0.event == "auth_failure" && $0.user == "reader" })
    }

    @Test func aReaderReadsEverythingAndWritesNothing() async throws {
        let (server, control, readerKey, _) = try Self.server()
        let before = server.database.graph.snapshot
        try await server.run { c in
            for auth in [Self.reader, [.authorization: "Bearer \(readerKey)"] as HTTPFields] {
                for (method, path, body) in Self.reads {
                    let r = try await c.request(method, path, body: body, headers: auth)
                    #expect(r.status == .ok, "\(path): \(r.text)")
                    #expect(r.json["errors"]?.arrayValue?.isEmpty ?? true, "\(path): \(r.text)")
                }
                for (method, path, body) in Self.writes {
                    let r = try await c.request(method, path, body: body, headers: auth)
                    #expect(r.status == .forbidden, "\(path) \(body ?? ""): \(r.text)")
                    #expect(Self.code(r) == "Neo.ClientError.Security.Forbidden", "\(path): \(r.text)")
                }
            }
            // EXPLAIN of a write only plans it; SHOW INDEXES reads.
            let explain = try await c.request(.post, "/db/neo4j/cypher", body: #"{"query": "EXPLAIN CREATE ()"}"#, headers: Self.reader)
            #expect(explain.status == .ok)
            let show = try await c.request(.post, "/db/neo4j/cypher", body: #"{"query": "SHOW INDEXES"}"#, headers: Self.reader)
            #expect(show.status == .ok)
        }
        let after = server.database.graph.snapshot
        #expect(after.nodeCount == before.nodeCount && after.relationshipCount == before.relationshipCount)
        #expect(after.property(after.lookup(label: "Product", key: "id", value: "a")!, "price") == .double(1))
        #expect(!control.audit.recent.contains { $0.event == "schema_command" })
    }

    @Test func anEditorWritesButChangesNoSchemaAndAnAdminDoesBothAudited() async throws {
        let (server, control, _, _) = try Self.server()
        try await server.run { c in
            let editor = Self.basic("editor", "editor-password")
            let write = try await c.request(.post, "/db/neo4j/cypher", body: #"{"query": "CREATE (:Tag {name: 'new'})"}"#, headers: editor)
            #expect(write.status == .ok, "\(write.text)")
            let schema = try await c.request(
                .post, "/db/neo4j/cypher", body: #"{"query": "CREATE INDEX tag FOR (t:Tag) ON (t.name)"}"#, headers: editor)
            #expect(schema.status == .forbidden)
            let admin = try await c.request(
                .post, "/db/neo4j/cypher", body: #"{"query": "CREATE INDEX tag FOR (t:Tag) ON (t.name)"}"#, headers: Self.admin)
            #expect(admin.status == .ok, "\(admin.text)")
        }
        #expect(control.audit.recent.filter { $0.event == "schema_command" }.map(\.user) == ["admin"])
    }

    @Test func aKeyForAnotherDatabaseSeesNothingHere() async throws {
        let (server, _, _, otherKey) = try Self.server()
        try await server.run { c in
            for (method, path, body) in Self.reads + Self.writes where path.hasPrefix("/db/") {
                let r = try await c.request(method, path, body: body, headers: [.authorization: "Bearer \(otherKey)"])
                #expect(r.status == .notFound, "\(path): \(r.text)")
                #expect(Self.code(r) == "Neo.ClientError.Database.DatabaseNotFound")
            }
        }
        #expect(server.database.graph.snapshot.nodeCount == 6)
    }

    @Test func anAdminRunsEachAdminCommandInTheSystemDatabase() async throws {
        let (server, control, _, _) = try Self.server()
        try await server.run { c in
            func system(_ statement: String, _ auth: HTTPFields = Self.admin, parameters: String = "{}") async throws -> TestResponse {
                let body = #"{"statements": [{"statement": "\#(statement)", "parameters": \#(parameters)}]}"#
                return try await c.request(.post, "/db/system/tx/commit", body: body, headers: auth)
            }
            for s in [
                "CREATE USER carol SET PASSWORD 'carol-password' CHANGE NOT REQUIRED", "GRANT ROLE editor TO carol",
                "REVOKE ROLE editor FROM carol", "GRANT ROLES reader TO carol", "ALTER USER carol SET PASSWORD 'carol-password-2'",
            ] {
                let r = try await system(s)
                #expect(r.status == .ok && r.json["errors"]?.arrayValue?.isEmpty == true, "\(s): \(r.text)")
            }
            let byParameter = try await system("CREATE USER dave SET PASSWORD $pw", parameters: #"{"pw": "dave-password"}"#)
            #expect(byParameter.json["errors"]?.arrayValue?.isEmpty == true, "\(byParameter.text)")
            let users = try await c.request(.post, "/db/system/cypher", body: #"{"query": "SHOW USERS"}"#, headers: Self.admin)
            #expect(users.status == .ok)
            let names = users.json["rows"]?.arrayValue?.compactMap { $0.arrayValue?.first?.stringValue }
            #expect(names == ["admin", "carol", "dave", "editor", "reader"])
            let carol = try await c.request(.get, "/hello", headers: Self.basic("carol", "carol-password-2"))
            #expect(carol.status == .ok)
            let roles = try await system("SHOW ROLES")
            #expect(roles.json["results"]?.arrayValue?.first?["data"]?.arrayValue?.count == 5)
            let databases = try await system("SHOW DATABASES")
            #expect(databases.json["results"]?.arrayValue?.first?["data"]?.arrayValue?.count == 2)
            let drop = try await system("DROP USER carol")
            #expect(drop.json["errors"]?.arrayValue?.isEmpty == true)
            let gone = try await c.request(.get, "/hello", headers: Self.basic("carol", "carol-password-2"))
            #expect(gone.status == .unauthorized, "a dropped user's cached credentials stop working")

            // A reader may not run them; a bad command is a syntax error; cypher on system is only admin commands.
            let denied = try await system("CREATE USER eve SET PASSWORD 'eve-password'", Self.reader)
            #expect(denied.status == .forbidden)
            #expect(Self.code(denied) == "Neo.ClientError.Security.Forbidden")
            let own = try await system("SHOW CURRENT USER", Self.reader)
            #expect(own.json["results"]?.arrayValue?.first?["data"]?.arrayValue?.first?["row"]?.arrayValue?.first == "reader")
            let bad = try await system("CREATE (n)")
            #expect(Self.code(bad) == "Neo.ClientError.Statement.SyntaxError")
        }
        #expect(control.store.user("eve") == nil)
        #expect(control.store.user("carol") == nil)
        #expect(server.database.graph.snapshot.nodeCount == 6)
    }

    @Test func repeatedWrongPasswordsAreThrottledWithRetryAfter() async throws {
        // A lock long enough not to run out while the 15 refused requests are answered on a loaded machine
        // (with the default 1 s, a slow run let a sixth guess be checked).
        // Under the whole suite on two cores a request has been seen to wait minutes for a thread; when the 20 took
        // longer than the lock, its expiry letting a guess through is right, and counts as a known intermittent issue.
        let (server, control, _, _) = try Self.server(throttle: LoginThrottle(freeFailures: 5, baseLock: .seconds(60)))
        let clock = ContinuousClock()
        let start = clock.now
        try await server.run { c in
            var statuses: [HTTPResponse.Status] = []
            for i in 0..<20 {
                let r = try await c.request(.get, "/hello", headers: Self.basic("admin", "guess-\(i)"))
                statuses.append(r.status)
                if r.status == .tooManyRequests {
                    #expect(Int(r.headers[.retryAfter] ?? "") ?? 0 >= 1)
                    #expect(Self.code(r) == "Neo.ClientError.Security.AuthenticationRateLimit")
                }
            }
            let checks = {
                #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized })
                #expect(statuses.dropFirst(5).allSatisfy { $0 == .tooManyRequests })
            }
            let elapsed = clock.now - start
            if elapsed < .seconds(50) {
                checks()
            } else {
                withKnownIssue("the 20 requests took \(elapsed), close to the 60 s lock", isIntermittent: true) { checks() }
            }
        }
        #expect(control.audit.recent.filter { $0.event == "auth_failure" }.count == 20)
    }
}

/// Limits per API key: requests per second and in flight, answered with 429 and `Retry-After`, counted in
/// `/metrics`; other keys are unaffected.
@Suite struct KeyLimitTests {
    @Test func aKeyOverItsRateGets429WithRetryAfterAndOthersAreUnaffected() async throws {
        let (server, control, readerKey, _) = try AccessRoutesTests.server()
        let limited = try control.store.createKey(database: "neo4j", role: .reader, limits: KeyLimits(requestsPerSecond: 3)).token
        try await server.run { c in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<10 {
                let r = try await c.request(.get, "/db/neo4j/products/a/also-bought", headers: [.authorization: "Bearer \(limited)"])
                statuses.append(r.status)
                if r.status == .tooManyRequests {
                    #expect(r.headers[.retryAfter] == "1")
                    #expect(AccessRoutesTests.code(r) == "Neo.TransientError.Request.ResourceExhaustion")
                }
            }
            #expect(statuses.filter { $0 == .ok }.count >= 3 && statuses.filter { $0 == .ok }.count <= 4, "\(statuses)")
            #expect(statuses.last == .tooManyRequests)
            for _ in 0..<10 {
                #expect(try await c.request(.get, "/hello", headers: [.authorization: "Bearer \(readerKey)"]).status == .ok)
            }
            let metrics = try await c.request(.get, "/metrics", headers: AccessRoutesTests.admin)
            #expect(metrics.text.contains("ignitabull_key_rate_limited_total "), "\(metrics.text.prefix(200))")
            let line = metrics.text.split(separator: "\n").first { $0.hasPrefix("ignitabull_key_rate_limited_total ") }
            #expect(Int(line?.split(separator: " ").last ?? "") ?? 0 >= 6)
        }
    }
}
