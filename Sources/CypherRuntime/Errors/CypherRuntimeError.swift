/// An error raised while executing a Cypher query, classified as in the openCypher TCK.
public struct CypherRuntimeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The TCK error code (`DeleteConnectedNode`) and its class (`ConstraintVerificationFailed`).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let name: String
        public let classification: String
        public init(_ name: String, classification: String) {
            self.name = name
            self.classification = classification
        }
        public var description: String { "\(classification).\(name)" }

        public static let invalidArgumentValue = Code("InvalidArgumentValue", classification: "TypeError")
        public static let invalidArgumentType = Code("InvalidArgumentType", classification: "TypeError")
        public static let invalidPropertyType = Code("InvalidPropertyType", classification: "TypeError")
        public static let mapElementAccessByNonString = Code("MapElementAccessByNonString", classification: "TypeError")
        public static let rangeArgumentType = Code("InvalidArgumentType", classification: "ArgumentError")
        public static let numberOutOfRange = Code("NumberOutOfRange", classification: "ArgumentError")
        public static let argumentOutOfRange = Code("InvalidArgumentValue", classification: "ArgumentError")
        public static let integerOverflow = Code("IntegerOverflow", classification: "ArithmeticError")
        public static let divisionByZero = Code("DivisionByZero", classification: "ArithmeticError")
        public static let negativeIntegerArgument = Code("NegativeIntegerArgument", classification: "SyntaxError")
        public static let nonConstantArgument = Code("InvalidArgumentType", classification: "SyntaxError")
        public static let deletedEntityAccess = Code("DeletedEntityAccess", classification: "EntityNotFound")
        public static let deleteConnectedNode = Code(
            "DeleteConnectedNode", classification: "ConstraintVerificationFailed")
        public static let constraintViolation = Code(
            "ConstraintValidationFailed", classification: "ConstraintVerificationFailed")
        public static let mergeReadOwnWrites = Code("MergeReadOwnWrites", classification: "SemanticError")
        public static let missingParameter = Code("MissingParameter", classification: "ParameterMissing")
        public static let procedureNotFound = Code("ProcedureNotFound", classification: "ProcedureError")
        public static let procedureCallFailed = Code("ProcedureCallFailed", classification: "ProcedureError")
        public static let unsupported = Code("Unsupported", classification: "NotSupported")
        /// A schema command in an explicit transaction that has already written data (Neo4j's
        /// `Neo.ClientError.Transaction.ForbiddenDueToTransactionType`).
        public static let schemaInWriteTransaction = Code("ForbiddenDueToTransactionType", classification: "Transaction")
        public static let resourceLimit = Code("ResourceLimit", classification: "ResourceLimit")
        /// The query's memory limit or the shared pool was exceeded (Neo4j's
        /// `Neo.TransientError.General.MemoryPoolOutOfMemoryError`).
        public static let memoryLimit = Code("MemoryPoolOutOfMemoryError", classification: "TransientError.General")
        /// The query was cancelled (its client went away) or ran past its time limit.
        public static let cancelled = Code("Terminated", classification: "ResourceLimit")
        public static let schemaRuleAlreadyExists = Code(
            "EquivalentSchemaRuleAlreadyExists", classification: "SchemaError")
        public static let schemaRuleNotFound = Code("SchemaRuleNotFound", classification: "SchemaError")
        /// `SEARCH` names an index that does not exist (Neo4j's `Neo.ClientError.Schema.IndexNotFound`).
        public static let indexNotFound = Code("IndexNotFound", classification: "SchemaError")
        /// A `SEARCH` query vector whose dimension is not the index's (Neo4j's GQL 51N65).
        public static let vectorDimensionMismatch = Code("VectorDimensionMismatch", classification: "ArgumentError")
        public static let constraintCreationFailed = Code("ConstraintCreationFailed", classification: "SchemaError")
        /// An empty name or one with a NUL character, for a label, type, key, constraint or index.
        public static let invalidTokenName = Code("InvalidTokenName", classification: "SyntaxError")
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
