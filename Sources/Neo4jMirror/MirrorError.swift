/// Why the mirror could not deliver: the one error type of the Neo4jMirror module.
///
/// ``isTransient`` tells the outbox whether to retry with back-off (a dropped connection, a
/// timeout, a busy or restarting target, `Neo.TransientError.*`) or to stop with ``message`` (bad
/// credentials, a database that does not exist, `Neo.ClientError.*` such as a constraint
/// violation on the target, or data the mirror cannot express).
public struct MirrorError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable { case transport, http, neo4j, unsupported, storage, configuration, cancelled }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The request did not complete (connect, TLS, dropped connection, timeout): outcome unknown.
        public static let transport = Code(.transport)
        /// The target answered with an HTTP error status.
        public static let http = Code(.http)
        /// The target ran the request and reported a Neo4j status code.
        public static let neo4j = Code(.neo4j)
        /// The source holds something the mirror cannot express on the target.
        public static let unsupported = Code(.unsupported)
        /// The source's data directory could not be read or the cursor not written.
        public static let storage = Code(.storage)
        /// The mirror was set up wrongly (URL, password file, batch size).
        public static let configuration = Code(.configuration)
        /// The mirror was asked to stop.
        public static let cancelled = Code(.cancelled)

        public var description: String { "\(value)" }
    }

    public let code: Code
    public let message: String
    /// Retrying later may succeed.
    public let isTransient: Bool
    /// The Neo4j status code, when the target gave one (`Neo.ClientError.Security.Unauthorized`).
    public let status: String?

    public init(_ code: Code, _ message: String, transient: Bool = false, status: String? = nil) {
        self.code = code
        self.message = message
        self.isTransient = transient
        self.status = status
    }

    public var description: String { message }
}
