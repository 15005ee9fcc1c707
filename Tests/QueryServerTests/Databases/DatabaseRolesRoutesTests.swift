import Access
import Engine
import Foundation
import GraphStore
import HTTPTypes
import QueryServer
import Testing

/// Roles per database under access control: an API key and a user with a role on one database see only it (404
/// elsewhere, so other databases are not revealed), a reader's write is 403 and writes nothing, and only admins
/// manage databases.
@Suite struct DatabaseRolesRoutesTests {
    static let admin = AccessRoutesTests.basic("admin", "admin-password-1")

    static func server() async throws -> (TestServer, AccessControl, keyA: String) {
        let control = AccessControl(store: AccessStore(iterations: 1_000), audit: try AuditLog())
        try control.store.createUser("admin", password: "admin-password-1", roles: [.admin])
        try control.store.createUser("alice", password: "alice-password", roles: [])
        try control.store.createUser("bob", password: "bob-password", roles: [])
        let keyA = try control.store.createKey(database: "shop-a", role: .reader).token
        var configuration = ServerConfiguration()
        configuration.access = control
        let server = TestServer(databases: Databases(default: Database()), configuration: configuration)
        return (server, control, keyA)
    }

    @Test func keysAndUsersSeeOnlyTheDatabasesTheyHaveRolesOn() async throws {
        let (server, control, keyA) = try await Self.server()
        try await server.run { c in
            for statement in [
                "CREATE DATABASE shop-a", "CREATE DATABASE shop-b", "GRANT ROLE reader ON DATABASE shop-a TO alice",
                "GRANT ROLE editor ON DATABASE shop-b TO bob",
            ] {
                let r = try await MultiDatabaseRoutesTests.system(c, statement, headers: Self.admin)
                #expect(r.status == .ok && r.json["errors"] == [], "\(statement): \(r.text)")
            }
            let unknown = try await MultiDatabaseRoutesTests.system(c, "GRANT ROLE reader ON DATABASE nope TO alice", headers: Self.admin)
            #expect(unknown.json["errors"]?.arrayValue?.first?["code"] == "Neo.ClientError.Database.DatabaseNotFound")
            for db in ["shop-a", "shop-b"] {
                let fill = try await c.request(
                    .post, "/db/\(db)/cypher", body: #"{"query": "CREATE (:Customer {id: '\#(db)-c1'})"}"#, headers: Self.admin)
                #expect(fill.status == .ok, "\(fill.text)")
            }
            let alice = AccessRoutesTests.basic("alice", "alice-password")
            let bob = AccessRoutesTests.basic("bob", "bob-password")
            let key: HTTPFields = [.authorization: "Bearer \(keyA)"]
            let read = #"{"query": "MATCH (c:Customer) RETURN c.id AS id"}"#
            let write = #"{"query": "CREATE (:Customer {id: 'intruder'})"}"#
            for who in [alice, key] {
                let ok = try await c.request(.post, "/db/shop-a/cypher", body: read, headers: who)
                #expect(ok.status == .ok && ok.json["rows"] == [["shop-a-c1"]], "\(ok.text)")
                for path in ["/db/shop-b/cypher", "/db/neo4j/cypher"] {
                    let hidden = try await c.request(.post, path, body: read, headers: who)
                    #expect(hidden.status == .notFound, "\(path): \(hidden.text)")
                    #expect(hidden.json["code"] == "Neo.ClientError.Database.DatabaseNotFound")
                }
                let hiddenRecs = try await c.request(.get, "/db/shop-b/customers/shop-b-c1/recommendations", headers: who)
                #expect(hiddenRecs.status == .notFound)
                let denied = try await c.request(.post, "/db/shop-a/cypher", body: write, headers: who)
                #expect(denied.status == .forbidden, "\(denied.text)")
                #expect(denied.json["code"] == "Neo.ClientError.Security.Forbidden")
                let deniedTx = try await c.request(
                    .post, "/db/shop-a/tx/commit", body: #"{"statements": [{"statement": "CREATE (:Customer {id: 'tx-intruder'})"}]}"#,
                    headers: who)
                #expect(deniedTx.status == .forbidden, "\(deniedTx.text)")
                let bulk = try await c.request(
                    .post, "/db/shop-a/nodes", body: #"[{"label": "Customer", "properties": {"id": "bulk"}}]"#, headers: who)
                #expect(bulk.status == .forbidden, "\(bulk.text)")
            }
            // SHOW DATABASES lists only what each may see.
            let shown = try await c.request(.post, "/db/system/cypher", body: #"{"query": "SHOW DATABASES"}"#, headers: alice)
            #expect(shown.json["rows"]?.arrayValue?.compactMap { $0.arrayValue?.first?.stringValue } == ["shop-a", "system"], "\(shown.text)")
            // bob edits shop-b and sees nothing else; nobody but an admin manages databases.
            let bobWrites = try await c.request(.post, "/db/shop-b/cypher", body: #"{"query": "CREATE (:Customer {id: 'by-bob'})"}"#, headers: bob)
            #expect(bobWrites.status == .ok, "\(bobWrites.text)")
            let bobHidden = try await c.request(.post, "/db/shop-a/cypher", body: read, headers: bob)
            #expect(bobHidden.status == .notFound)
            for who in [alice, bob] {
                let create = try await MultiDatabaseRoutesTests.system(c, "CREATE DATABASE mine", headers: who)
                #expect(create.status == .forbidden, "\(create.text)")
                #expect(create.json["errors"]?.arrayValue?.first?["code"] == "Neo.ClientError.Security.Forbidden")
            }
            let keyOnSystem = try await MultiDatabaseRoutesTests.system(c, "DROP DATABASE shop-a", headers: key)
            #expect(keyOnSystem.status == .notFound || keyOnSystem.status == .forbidden, "\(keyOnSystem.text)")
        }
        #expect(server.databases.database(named: "shop-a")?.graph.snapshot.nodeCount == 1)
        #expect(server.databases.database(named: "shop-b")?.graph.snapshot.nodeCount == 2)
        #expect(server.databases.names == ["neo4j", "shop-a", "shop-b"])
        let events = control.audit.recent.map(\.event)
        #expect(events.filter { $0 == "database_created" }.count == 2)
    }

    @Test func revokingTheLastRoleOnADatabaseHidesIt() async throws {
        let (server, control, _) = try await Self.server()
        try await server.run { c in
            for statement in ["CREATE DATABASE shop-a", "GRANT ROLE reader ON DATABASE shop-a TO alice"] {
                let r = try await MultiDatabaseRoutesTests.system(c, statement, headers: Self.admin)
                #expect(r.json["errors"] == [], "\(r.text)")
            }
            #expect(control.store.user("alice")?.databaseRoles == ["shop-a": [.reader]])
            let revoke = try await MultiDatabaseRoutesTests.system(c, "REVOKE ROLE reader ON DATABASE shop-a FROM alice", headers: Self.admin)
            #expect(revoke.json["errors"] == [], "\(revoke.text)")
            #expect(control.store.user("alice")?.databaseRoles == nil)
            let again = try await MultiDatabaseRoutesTests.system(c, "GRANT ROLE editor ON DATABASE shop-a TO alice, bob", headers: Self.admin)
            #expect(again.json["errors"] == [], "\(again.text)")
            let drop = try await MultiDatabaseRoutesTests.system(c, "DROP DATABASE shop-a", headers: Self.admin)
            #expect(drop.json["errors"] == [], "\(drop.text)")
            // Grants on a dropped database go with it: a new shop-a does not inherit them.
            #expect(control.store.user("alice")?.databaseRoles == nil && control.store.user("bob")?.databaseRoles == nil)
        }
        #expect(control.audit.recent.map(\.event).contains("database_dropped"))
    }
}
