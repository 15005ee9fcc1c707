/// Access control for Bolt, supplied by whoever starts the server (the CLI wires the HTTP server's users
/// and roles): `login` checks HELLO's (Bolt 4.4, 5.0) or LOGON's (5.1+) auth map and returns the check
/// each RUN's statement must pass for that principal. Nil in `BoltConfiguration` (the default): every
/// client is accepted and may run anything.
public struct BoltAuthentication: Sendable {
    /// Throws the FAILURE for a statement the principal may not run (`Neo.ClientError.Security.Forbidden`).
    public typealias StatementCheck = @Sendable (_ query: String, _ parameters: Set<String>) throws(BoltError) -> Void

    /// Checks `scheme` (`basic`, `bearer`, `none`), `principal` and `credentials` from the client address
    /// `source`; throws the FAILURE to send (`Neo.ClientError.Security.Unauthorized`), after which the
    /// connection closes, as in Neo4j.
    public var login: @Sendable (_ scheme: String, _ principal: String, _ credentials: String, _ source: String) throws(BoltError) -> StatementCheck

    public init(
        login: @escaping @Sendable (_ scheme: String, _ principal: String, _ credentials: String, _ source: String) throws(BoltError) -> StatementCheck
    ) {
        self.login = login
    }
}
