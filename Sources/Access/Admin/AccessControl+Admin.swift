/// Runs admin commands of the `system` database as a principal, auditing every change.
extension AccessControl {
    /// Parses and runs `text` as `principal` (from `source`); `parameters` supply `$name` passwords.
    /// - Throws: `syntax`, `forbidden` (not an admin), `invalidArgument` (no such user, a short password, …).
    /// - Parameter catalog: the server's databases, for CREATE/DROP/SHOW DATABASE (nil: `databases`, which cannot change).
    public func runAdmin(
        _ text: String, parameters: [String: String] = [:], as principal: Principal, source: String,
        catalog: (any DatabaseCatalog)? = nil
    ) throws(AccessError) -> AdminResult {
        let command = try AdminCommand.parse(text)
        guard principal.database == nil else {
            throw AccessError(.forbidden, "API keys cannot run commands on the system database.")
        }
        // A user whose roles are all on named databases may still run the commands about itself and SHOW DATABASES.
        if !(command.action == .read && principal.databaseRoles.values.contains { !$0.isEmpty }) {
            try principal.require(command.action, "`\(command.auditText)`")
        }
        func secret(_ s: AdminCommand.Secret) throws(AccessError) -> String {
            switch s {
            case .literal(let v): return v
            case .parameter(let p):
                guard let v = parameters[p] else { throw AccessError(.invalidArgument, "Expected parameter(s): \(p)") }
                return v
            }
        }
        if let r = try command.runDatabaseCommand(
            on: catalog ?? FixedDatabaseCatalog(databaseNames: databases), visible: { principal.canSee(database: $0) })
        {
            if case .dropDatabase(let name, _) = command { try store.removeDatabaseRoles(name) }
            if command.isChange {
                let event = if case .createDatabase = command { "database_created" } else { "database_dropped" }
                audit.record(event, user: principal.name, source: source, command.auditText)
            }
            return r
        }
        let result: AdminResult
        switch command {
        case .createUser(let n, let p, let c, let s, let ifNotExists):
            try store.createUser(n, password: try secret(p), changeRequired: c ?? false, ifNotExists: ifNotExists)
            if s == true { try store.alterUser(n, suspended: true) }
            result = AdminResult()
        case .alterUser(let n, let p, let c, let s, let ifExists):
            try store.alterUser(n, password: try p.map { s throws(AccessError) in try secret(s) }, changeRequired: c, suspended: s, ifExists: ifExists)
            result = AdminResult()
        case .alterCurrentUser(let old, let new):
            guard store.verify(user: principal.name, password: try secret(old)) != nil else {
                throw AccessError(.invalidArgument, "User '\(principal.name)' failed to alter their own password: Invalid principal or credentials.")
            }
            try store.alterUser(principal.name, password: try secret(new), changeRequired: false)
            result = AdminResult()
        case .dropUser(let n, let ifExists):
            guard n != principal.name else { throw AccessError(.invalidArgument, "Failed to delete the specified user '\(n)': Deleting yourself is not allowed.") }
            try store.dropUser(n, ifExists: ifExists)
            result = AdminResult()
        case .grantRoles(let r, let u), .revokeRoles(let r, let u):
            var roles: [Role] = []
            for name in r { roles.append(try Role.named(name)) }
            let grant = if case .grantRoles = command { true } else { false }
            try store.setRoles(roles, users: u, grant: grant)
            result = AdminResult()
        case .grantDatabaseRoles(let r, let d, let u), .revokeDatabaseRoles(let r, let d, let u):
            var roles: [Role] = []
            for name in r { roles.append(try Role.named(name)) }
            let names = (catalog ?? FixedDatabaseCatalog(databaseNames: databases)).databaseNames
            guard names.contains(d.lowercased()) else {
                throw AccessError(.notFound, "Database does not exist. Database name: '\(d)'.")
            }
            let grant = if case .grantDatabaseRoles = command { true } else { false }
            try store.setRoles(roles, users: u, grant: grant, database: d.lowercased())
            result = AdminResult()
        case .showUsers:
            result = AdminResult(
                columns: ["user", "roles", "passwordChangeRequired", "suspended", "home"],
                rows: store.users.map { u -> [AdminResult.Value] in
                    [.string(u.name), .strings(u.roles.map(\.rawValue)), .bool(u.passwordChangeRequired), .bool(u.suspended), .null]
                })
        case .showCurrentUser:
            result = AdminResult(
                columns: ["user", "roles", "passwordChangeRequired", "suspended", "home"],
                rows: [[.string(principal.name), .strings(principal.roles.sorted().map(\.rawValue)),
                    .bool(store.user(principal.name)?.passwordChangeRequired ?? false), .bool(false), .null]])
        case .showRoles:
            result = AdminResult(columns: ["role"], rows: Role.allCases.map { [.string($0.rawValue)] })
        case .showDatabases, .showDatabase, .createDatabase, .dropDatabase:
            result = AdminResult()  // answered by runDatabaseCommand above
        }
        if command.isChange { audit.record("admin_command", user: principal.name, source: source, command.auditText) }
        return result
    }
}
