/// An access-control failure: missing or wrong credentials, a forbidden action, a throttled source, a bad
/// admin command, or the user store's file. `neo4jCode` is the status Neo4j reports for it.
public struct AccessError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable {
            case unauthorized, forbidden, rateLimited, invalidArgument, syntax, storage, notFound, limitExceeded, databaseExists
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// No credentials, or credentials that do not match a user or key.
        public static let unauthorized = Code(.unauthorized)
        /// Authenticated, but the principal's roles do not allow the action.
        public static let forbidden = Code(.forbidden)
        /// Too many failed logins from this source: try again after `retryAfter` seconds.
        public static let rateLimited = Code(.rateLimited)
        /// A bad user name, role, password or key argument (an existing user, a short password).
        public static let invalidArgument = Code(.invalidArgument)
        /// An admin command that does not parse.
        public static let syntax = Code(.syntax)
        /// The user store's file could not be read or written.
        public static let storage = Code(.storage)
        /// A database the principal may not see, or that does not exist.
        public static let notFound = Code(.notFound)
        /// An API key's requests per second or requests in flight are over its limits.
        public static let limitExceeded = Code(.limitExceeded)
        /// CREATE DATABASE of a name that exists (without IF NOT EXISTS).
        public static let databaseExists = Code(.databaseExists)

        public var description: String { "\(value)" }
    }

    public let code: Code
    public let message: String
    /// Seconds until a throttled source may try again (`rateLimited` only).
    public let retryAfter: Int?

    public init(_ code: Code, _ message: String, retryAfter: Int? = nil) {
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    /// Neo4j's status code for this error.
    public var neo4jCode: String {
        switch code {
        case .unauthorized: "Neo.ClientError.Security.Unauthorized"
        case .forbidden: "Neo.ClientError.Security.Forbidden"
        case .rateLimited: "Neo.ClientError.Security.AuthenticationRateLimit"
        case .syntax: "Neo.ClientError.Statement.SyntaxError"
        case .notFound: "Neo.ClientError.Database.DatabaseNotFound"
        case .databaseExists: "Neo.ClientError.Database.ExistingDatabaseFound"
        case .storage: "Neo.DatabaseError.General.UnknownError"
        case .limitExceeded: "Neo.TransientError.Request.ResourceExhaustion"
        default: "Neo.ClientError.General.InvalidArguments"
        }
    }

    public var description: String { message }

    static let missingCredentials = AccessError(.unauthorized, "No authentication header supplied.")
    static let badCredentials = AccessError(
        .unauthorized, "The client is unauthorized due to authentication failure.")
}
