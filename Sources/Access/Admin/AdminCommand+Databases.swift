/// The `system` database's commands on databases: CREATE DATABASE, DROP DATABASE, SHOW DATABASE(S), with the
/// columns Neo4j 5 answers.
extension AdminCommand {
    /// SHOW DATABASES' columns, as Neo4j 5 names them.
    public static let databaseColumns = [
        "name", "type", "aliases", "access", "address", "role", "writer", "requestedStatus", "currentStatus",
        "statusMessage", "default", "home", "constituents",
    ]

    /// Whether this is one of the database commands (they need no user store).
    public var isDatabaseCommand: Bool {
        switch self {
        case .createDatabase, .dropDatabase, .showDatabases, .showDatabase: true
        default: false
        }
    }

    /// Runs a database command on `catalog`, with no check of who asks (the caller did that); nil for other commands.
    /// - Parameters:
    ///   - address: the `host:port` SHOW DATABASES names (Bolt's).
    ///   - visible: the databases SHOW lists (those the caller may see; the others are not revealed).
    public func runDatabaseCommand(
        on catalog: any DatabaseCatalog, address: String = "localhost:7687", visible: (String) -> Bool = { _ in true }
    ) throws(AccessError) -> AdminResult? {
        switch self {
        case .createDatabase(let name, let ifNotExists):
            _ = try catalog.createDatabase(name, ifNotExists: ifNotExists)
            return AdminResult()
        case .dropDatabase(let name, let ifExists):
            _ = try catalog.dropDatabase(name, ifExists: ifExists)
            return AdminResult()
        case .showDatabases:
            return Self.databaseRows(catalog.databaseNames, address: address) { visible($0) }
        case .showDatabase(let name):
            return Self.databaseRows(catalog.databaseNames, address: address) { $0 == name.lowercased() && visible($0) }
        default:
            return nil
        }
    }

    static func databaseRows(_ names: [String], address: String, where keep: (String) -> Bool) -> AdminResult {
        let defaultName = names.first
        let rows = (names + ["system"]).filter(keep).map { n -> [AdminResult.Value] in
            [
                .string(n), .string(n == "system" ? "system" : "standard"), .strings([]), .string("read-write"),
                .string(address), .string("primary"), .bool(true), .string("online"), .string("online"), .string(""),
                .bool(n == defaultName), .bool(n == defaultName), .strings([]),
            ]
        }
        return AdminResult(columns: databaseColumns, rows: rows)
    }
}
