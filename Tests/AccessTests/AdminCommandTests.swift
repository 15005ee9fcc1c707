import Access
import Testing

@Suite struct AdminCommandTests {
    @Test func parsesNeo4jFiveAdminCommands() throws {
        #expect(try AdminCommand.parse("CREATE USER alice SET PASSWORD 'secret123' CHANGE NOT REQUIRED")
            == .createUser(name: "alice", password: .literal("secret123"), changeRequired: false, suspended: nil, ifNotExists: false))
        #expect(try AdminCommand.parse("create user `bob.b` if not exists set plaintext password $pw;")
            == .createUser(name: "bob.b", password: .parameter("pw"), changeRequired: nil, suspended: nil, ifNotExists: true))
        #expect(try AdminCommand.parse("ALTER USER alice SET PASSWORD \"new password\" SET STATUS SUSPENDED")
            == .alterUser(name: "alice", password: .literal("new password"), changeRequired: nil, suspended: true, ifExists: false))
        #expect(try AdminCommand.parse("ALTER CURRENT USER SET PASSWORD FROM 'a' TO 'b'") == .alterCurrentUser(old: .literal("a"), new: .literal("b")))
        #expect(try AdminCommand.parse("DROP USER alice IF EXISTS") == .dropUser(name: "alice", ifExists: true))
        #expect(try AdminCommand.parse("SHOW USERS") == .showUsers)
        #expect(try AdminCommand.parse("show current user") == .showCurrentUser)
        #expect(try AdminCommand.parse("GRANT ROLE reader, editor TO alice, bob") == .grantRoles(["reader", "editor"], to: ["alice", "bob"]))
        #expect(try AdminCommand.parse("REVOKE ROLES admin FROM bob") == .revokeRoles(["admin"], from: ["bob"]))
        #expect(try AdminCommand.parse("SHOW DATABASES") == .showDatabases)
    }

    @Test func refusesWhatItDoesNotKnowWithASyntaxError() {
        for text in ["MATCH (n) RETURN n", "CREATE USER alice", "CREATE USER alice SET PASSWORD 'unterminated", "GRANT ROLE TO x",
                     "DROP USER", "SHOW USERS extra"] {
            #expect(throws: AccessError.self, "\(text)") { try AdminCommand.parse(text) }
            do { _ = try AdminCommand.parse(text) } catch { #expect(error.neo4jCode == "Neo.ClientError.Statement.SyntaxError") }
        }
    }

    @Test func adminCommandsChangeUsersAndAreAudited() throws {
        let control = AccessControl(store: AccessStore(iterations: 1_000), audit: try AuditLog())
        let password = try #require(try control.bootstrapAdmin(passwordFile: nil))
        #expect(try control.bootstrapAdmin(passwordFile: nil) == nil, "only the first start creates admin")
        let admin = Principal(name: "admin", roles: [.admin])
        _ = try control.runAdmin("CREATE USER alice SET PASSWORD $p", parameters: ["p": "alice-password"], as: admin, source: "t")
        _ = try control.runAdmin("GRANT ROLE reader TO alice", as: admin, source: "t")
        let users = try control.runAdmin("SHOW USERS", as: admin, source: "t")
        #expect(users.columns.first == "user")
        #expect(users.rows.contains { $0[0] == .string("alice") && $0[1] == .strings(["reader"]) })
        #expect(control.store.verify(user: "alice", password: "alice-password") != nil)
        #expect(control.store.verify(user: "admin", password: password) != nil)

        let alice = Principal(name: "alice", roles: [.reader])
        #expect(throws: AccessError.self) { try control.runAdmin("CREATE USER mallory SET PASSWORD 'mallory-pw'", as: alice, source: "t") }
        #expect(control.store.user("mallory") == nil)
        _ = try control.runAdmin("ALTER CURRENT USER SET PASSWORD FROM 'alice-password' TO 'alice-password-2'", as: alice, source: "t")
        #expect(control.store.verify(user: "alice", password: "alice-password-2") != nil)
        #expect(throws: AccessError.self) { try control.runAdmin("CREATE USER x SET PASSWORD 'short'", as: admin, source: "t") }
        #expect(throws: AccessError.self) { try control.runAdmin("DROP USER admin", as: admin, source: "t") }
        #expect(throws: AccessError.self) { try control.runAdmin("GRANT ROLE wizard TO alice", as: admin, source: "t") }
        _ = try control.runAdmin("DROP USER alice", as: admin, source: "t")
        #expect(control.store.user("alice") == nil)
        let events = control.audit.recent.filter { $0.event == "admin_command" }.map(\.detail)
        #expect(events == ["CREATE USER alice", "GRANT ROLE reader TO alice", "ALTER CURRENT USER SET PASSWORD", "DROP USER alice"])
        #expect(!control.audit.recent.contains { $0.detail.contains("alice-password") }, "passwords never reach the log")
    }
}

@Suite struct DatabaseAdminCommandTests {
    @Test func databaseCommandsAndRolesOnADatabaseParse() throws {
        #expect(try AdminCommand.parse("CREATE DATABASE shop") == .createDatabase(name: "shop", ifNotExists: false))
        #expect(try AdminCommand.parse("create database `shop-2` IF NOT EXISTS WAIT") == .createDatabase(name: "shop-2", ifNotExists: true))
        #expect(try AdminCommand.parse("DROP DATABASE shop IF EXISTS DESTROY DATA") == .dropDatabase(name: "shop", ifExists: true))
        #expect(try AdminCommand.parse("SHOW DATABASE shop") == .showDatabase("shop"))
        #expect(try AdminCommand.parse("SHOW DATABASE") == .showDatabases)
        #expect(
            try AdminCommand.parse("GRANT ROLE reader ON DATABASE shop TO alice, bob")
                == .grantDatabaseRoles(["reader"], database: "shop", to: ["alice", "bob"]))
        #expect(
            try AdminCommand.parse("REVOKE ROLES reader, editor ON DATABASE shop FROM alice")
                == .revokeDatabaseRoles(["reader", "editor"], database: "shop", from: ["alice"]))
        #expect(AdminCommand.createDatabase(name: "x", ifNotExists: false).action == .admin)
        #expect(AdminCommand.showDatabase("x").action == .read)
    }

    @Test func aUserWithRolesOnOneDatabaseSeesOnlyIt() {
        let p = Principal(name: "alice", roles: [], databaseRoles: ["shop": [.reader]])
        #expect(p.canSee(database: "shop") && p.canSee(database: "SHOP") && p.canSee(database: "system"))
        #expect(!p.canSee(database: "neo4j"))
        #expect(p.allows(.read, on: "shop") && !p.allows(.write, on: "shop"))
        let everywhere = Principal(name: "bob", roles: [.reader], databaseRoles: ["shop": [.editor]])
        #expect(everywhere.canSee(database: "neo4j") && everywhere.allows(.write, on: "shop") && !everywhere.allows(.write, on: "neo4j"))
        let key = Principal(name: "key:x", roles: [.admin], database: "shop")
        #expect(key.roles(on: "other").isEmpty && !key.canSee(database: "other"))
    }
}
