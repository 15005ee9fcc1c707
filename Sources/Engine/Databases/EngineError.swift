/// A failure of the engine's own: a database name that is not allowed, a database that does not exist or
/// already exists, or a data directory that could not be made or removed. Storage and query errors keep
/// their own types (`PersistenceError`, `CypherRuntimeError`, …).
public struct EngineError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable { case invalidName, databaseNotFound, databaseExists, reserved, io }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A database name outside Neo4j's rules (`DatabaseName`).
        public static let invalidName = Code(.invalidName)
        /// No database of that name.
        public static let databaseNotFound = Code(.databaseNotFound)
        /// CREATE DATABASE of a name that exists (without IF NOT EXISTS).
        public static let databaseExists = Code(.databaseExists)
        /// `system`, or dropping `neo4j`.
        public static let reserved = Code(.reserved)
        /// A directory could not be made, renamed or removed.
        public static let io = Code(.io)

        public var description: String { "\(value)" }
    }

    public let code: Code
    public let message: String
    /// The error underneath (the storage's, the file system's).
    public let cause: (any Error)?

    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// Neo4j's status code for this error.
    public var neo4jCode: String {
        switch code {
        case .databaseNotFound: "Neo.ClientError.Database.DatabaseNotFound"
        case .databaseExists: "Neo.ClientError.Database.ExistingDatabaseFound"
        case .invalidName, .reserved: "Neo.ClientError.Statement.ArgumentError"
        default: "Neo.DatabaseError.General.UnknownError"
        }
    }

    public var description: String { cause.map { "\(message): \($0)" } ?? message }

    static func notFound(_ name: String) -> EngineError {
        EngineError(.databaseNotFound, "Database does not exist. Database name: '\(name)'.")
    }
}
