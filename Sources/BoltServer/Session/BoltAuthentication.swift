public import CypherRuntime

/// Access control for Bolt, supplied by whoever starts the server (the CLI wires the HTTP server's users
/// and roles): `login` checks HELLO's (Bolt 4.4, 5.0) or LOGON's (5.1+) auth map and returns what that
/// principal may do: the check each RUN's statement must pass on a database, and the `system` database's
/// commands. Nil in `BoltConfiguration` (the default): every client is accepted and may run anything.
public struct BoltAuthentication: Sendable {
    /// Throws the FAILURE for a statement the principal may not run on `database`
    /// (`Neo.ClientError.Security.Forbidden`, or `DatabaseNotFound` for a database it may not see).
    public typealias StatementCheck = @Sendable (_ database: String, _ query: String, _ parameters: Set<String>) throws(BoltError) -> Void

    /// What a login may do.
    public struct Login: Sendable {
        public var check: StatementCheck
        /// Runs a command of the `system` database as this principal (nil: `system` is not served).
        public var system: BoltSystemDatabase.Run?

        public init(check: @escaping StatementCheck, system: BoltSystemDatabase.Run? = nil) {
            self.check = check
            self.system = system
        }
    }

    /// Checks `scheme` (`basic`, `bearer`, `none`), `principal` and `credentials` from the client address
    /// `source`; throws the FAILURE to send (`Neo.ClientError.Security.Unauthorized`), after which the
    /// connection closes, as in Neo4j.
    public var login: @Sendable (_ scheme: String, _ principal: String, _ credentials: String, _ source: String) throws(BoltError) -> Login

    public init(
        login: @escaping @Sendable (_ scheme: String, _ principal: String, _ credentials: String, _ source: String) throws(BoltError) -> Login
    ) {
        self.login = login
    }
}

/// The `system` database over Bolt (`db: "system"`): admin commands such as CREATE DATABASE, SHOW DATABASES or
/// CREATE USER, run by whoever starts the server (Bolt does not know users or the registry of databases).
public enum BoltSystemDatabase {
    /// Runs one command with its parameters; answers columns and rows, or throws the FAILURE to send.
    public typealias Run = @Sendable (_ query: String, _ parameters: [String: Value]) throws(BoltError) -> (columns: [String], rows: [[Value]])
}
