/// An error from the graph store. Every failed write leaves the store unchanged.
public struct GraphStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure. Extensible: new codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable {
            case constraintViolation, constraintAlreadyExists, constraintNotFound
            case nodeNotFound, relationshipNotFound, nodeHasRelationships
            case invalidName, invalidSchema, capacityExceeded, transactionConflict, lockTimeout
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A write would give two nodes with the same label the same values of a unique key, or leave out a
        /// property an existence constraint or node key requires.
        public static let constraintViolation = Code(.constraintViolation)
        /// A constraint with that name or on that label and key already exists.
        public static let constraintAlreadyExists = Code(.constraintAlreadyExists)
        /// No constraint has that name.
        public static let constraintNotFound = Code(.constraintNotFound)
        /// The node id does not name a live node.
        public static let nodeNotFound = Code(.nodeNotFound)
        /// The relationship id does not name a live relationship.
        public static let relationshipNotFound = Code(.relationshipNotFound)
        /// A plain (non-detach) delete of a node that still has relationships.
        public static let nodeHasRelationships = Code(.nodeHasRelationships)
        /// An empty name, or one with a NUL character (labels, types, keys, constraints, indexes).
        public static let invalidName = Code(.invalidName)
        /// A schema rule that cannot be made: a TEXT index on several properties, a property named twice.
        public static let invalidSchema = Code(.invalidSchema)
        /// More ids or tokens than the store's fixed-width ids can hold.
        public static let capacityExceeded = Code(.capacityExceeded)
        /// An explicit transaction could not commit: another write committed after it began.
        public static let transactionConflict = Code(.transactionConflict)
        /// A write waited too long for the write lease an open transaction holds.
        public static let lockTimeout = Code(.lockTimeout)

        public var description: String { "\(value)" }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
