/// An administration command of the `system` database, in Neo4j 5 syntax:
/// `CREATE USER`, `ALTER USER`, `ALTER CURRENT USER`, `DROP USER`, `SHOW USERS`, `SHOW CURRENT USER`,
/// `GRANT ROLE`, `REVOKE ROLE`, `SHOW ROLES`, `CREATE DATABASE`, `DROP DATABASE`, `SHOW DATABASES`, `SHOW DATABASE`.
public enum AdminCommand: Sendable, Hashable {
    case createUser(name: String, password: Secret, changeRequired: Bool?, suspended: Bool?, ifNotExists: Bool)
    case alterUser(name: String, password: Secret?, changeRequired: Bool?, suspended: Bool?, ifExists: Bool)
    case alterCurrentUser(old: Secret, new: Secret)
    case dropUser(name: String, ifExists: Bool)
    case showUsers
    case showCurrentUser
    case grantRoles([String], to: [String])
    case revokeRoles([String], from: [String])
    case grantDatabaseRoles([String], database: String, to: [String])
    case revokeDatabaseRoles([String], database: String, from: [String])
    case showRoles
    case showDatabases
    case showDatabase(String)
    case createDatabase(name: String, ifNotExists: Bool)
    case dropDatabase(name: String, ifExists: Bool)

    /// A password: written in the statement, or a `$parameter`.
    public enum Secret: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    /// The action the command needs: `admin`, except for the current user's own commands.
    public var action: Role.Action {
        switch self {
        case .alterCurrentUser, .showCurrentUser, .showDatabases, .showDatabase: .read
        default: .admin
        }
    }

    /// A one-line description for the audit log (never a password).
    public var auditText: String {
        switch self {
        case .createUser(let n, _, _, _, _): "CREATE USER \(n)"
        case .alterUser(let n, let p, let c, let s, _):
            "ALTER USER \(n)" + (p == nil ? "" : " SET PASSWORD") + (c.map { " CHANGE \($0 ? "" : "NOT ")REQUIRED" } ?? "")
                + (s.map { " SET STATUS \($0 ? "SUSPENDED" : "ACTIVE")" } ?? "")
        case .alterCurrentUser: "ALTER CURRENT USER SET PASSWORD"
        case .dropUser(let n, _): "DROP USER \(n)"
        case .grantRoles(let r, let u): "GRANT ROLE \(r.joined(separator: ", ")) TO \(u.joined(separator: ", "))"
        case .revokeRoles(let r, let u): "REVOKE ROLE \(r.joined(separator: ", ")) FROM \(u.joined(separator: ", "))"
        case .grantDatabaseRoles(let r, let d, let u):
            "GRANT ROLE \(r.joined(separator: ", ")) ON DATABASE \(d) TO \(u.joined(separator: ", "))"
        case .revokeDatabaseRoles(let r, let d, let u):
            "REVOKE ROLE \(r.joined(separator: ", ")) ON DATABASE \(d) FROM \(u.joined(separator: ", "))"
        case .showUsers: "SHOW USERS"
        case .showCurrentUser: "SHOW CURRENT USER"
        case .showRoles: "SHOW ROLES"
        case .showDatabases: "SHOW DATABASES"
        case .showDatabase(let n): "SHOW DATABASE \(n)"
        case .createDatabase(let n, let i): "CREATE DATABASE \(n)" + (i ? " IF NOT EXISTS" : "")
        case .dropDatabase(let n, let i): "DROP DATABASE \(n)" + (i ? " IF EXISTS" : "")
        }
    }

    /// Whether the command changes users or roles (and so goes to the audit log).
    public var isChange: Bool {
        switch self {
        case .showUsers, .showCurrentUser, .showRoles, .showDatabases, .showDatabase: false
        default: true
        }
    }
}

/// What an admin command returns: named columns and rows of text, booleans and lists.
public struct AdminResult: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case string(String)
        case bool(Bool)
        case strings([String])
        case null
    }

    public var columns: [String]
    public var rows: [[Value]]

    public init(columns: [String] = [], rows: [[Value]] = []) {
        self.columns = columns
        self.rows = rows
    }
}
