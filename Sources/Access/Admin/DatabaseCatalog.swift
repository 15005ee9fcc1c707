/// The databases a server has, as the `system` database's commands see them: CREATE DATABASE, DROP DATABASE and
/// SHOW DATABASES run against it. The server supplies one over its registry of databases (Access does not know
/// the engine); the errors it throws are already access errors with Neo4j's codes.
public protocol DatabaseCatalog: Sendable {
    /// The graph databases, the default first (`system` is not among them).
    var databaseNames: [String] { get }
    /// Creates `name`; false when it exists and `ifNotExists` is set.
    func createDatabase(_ name: String, ifNotExists: Bool) throws(AccessError) -> Bool
    /// Drops `name`; false when it does not exist and `ifExists` is set.
    func dropDatabase(_ name: String, ifExists: Bool) throws(AccessError) -> Bool
}

/// A fixed list of databases (a server without a registry): SHOW DATABASES lists them; CREATE and DROP are refused.
struct FixedDatabaseCatalog: DatabaseCatalog {
    let databaseNames: [String]

    func createDatabase(_ name: String, ifNotExists: Bool) throws(AccessError) -> Bool {
        throw AccessError(.invalidArgument, "This server cannot create databases.")
    }

    func dropDatabase(_ name: String, ifExists: Bool) throws(AccessError) -> Bool {
        throw AccessError(.invalidArgument, "This server cannot drop databases.")
    }
}
