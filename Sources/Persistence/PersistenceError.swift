/// A storage failure. Always names the file concerned.
public struct PersistenceError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable { case io, locked, corrupt, sqlite, unsupportedVersion, missing }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The directory or file could not be created, opened or written.
        public static let io = Code(.io)
        /// Another process holds the data directory.
        public static let locked = Code(.locked)
        /// The database file is damaged, truncated, or inconsistent with the graph's invariants.
        public static let corrupt = Code(.corrupt)
        /// SQLite reported an error.
        public static let sqlite = Code(.sqlite)
        /// The file was written by a newer version of the engine.
        public static let unsupportedVersion = Code(.unsupportedVersion)
        /// The data directory, or its database file, does not exist (and was not to be created).
        public static let missing = Code(.missing)

        public var description: String { "\(value)" }
    }

    public let code: Code
    public let file: String
    public let message: String

    public init(_ code: Code, file: String, _ message: String) {
        self.code = code
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
