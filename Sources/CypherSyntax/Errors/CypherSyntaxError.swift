/// The one error type of the CypherSyntax module: a lexing, parsing or compile-time semantic error.
///
/// It carries a TCK-style classification (`SyntaxError`, `SemanticError`, ...), a detail code named as in the
/// openCypher TCK (`UndefinedVariable`, `InvalidNumberLiteral`, ...), a message and the span of the offending
/// text. `description` prints the message, the position and the source line with a caret under the column.
public struct CypherSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error class, as named in the TCK's `Then a <Class> should be raised` steps.
    public struct Classification: Sendable, Hashable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public static let syntaxError = Classification("SyntaxError")
        public static let semanticError = Classification("SemanticError")
        public static let typeError = Classification("TypeError")
        public static let argumentError = Classification("ArgumentError")
        public static let parameterMissing = Classification("ParameterMissing")
        public static let procedureError = Classification("ProcedureError")
        public var description: String { name }
    }

    /// The detail code, named as in the TCK (`Then a SyntaxError should be raised at compile time: <Code>`).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        public static let unexpectedSyntax = Code("UnexpectedSyntax")
        public static let invalidNumberLiteral = Code("InvalidNumberLiteral")
        public static let integerOverflow = Code("IntegerOverflow")
        public static let floatingPointOverflow = Code("FloatingPointOverflow")
        public static let invalidUnicodeLiteral = Code("InvalidUnicodeLiteral")
        public static let invalidUnicodeCharacter = Code("InvalidUnicodeCharacter")
        public static let invalidParameterUse = Code("InvalidParameterUse")
        public static let undefinedVariable = Code("UndefinedVariable")
        public static let variableAlreadyBound = Code("VariableAlreadyBound")
        public static let variableTypeConflict = Code("VariableTypeConflict")
        public static let noVariablesInScope = Code("NoVariablesInScope")
        public static let noExpressionAlias = Code("NoExpressionAlias")
        public static let columnNameConflict = Code("ColumnNameConflict")
        public static let nestedAggregation = Code("NestedAggregation")
        public static let invalidAggregation = Code("InvalidAggregation")
        public static let ambiguousAggregationExpression = Code("AmbiguousAggregationExpression")
        public static let invalidArgumentType = Code("InvalidArgumentType")
        public static let invalidNumberOfArguments = Code("InvalidNumberOfArguments")
        public static let unknownFunction = Code("UnknownFunction")
        public static let negativeIntegerArgument = Code("NegativeIntegerArgument")
        public static let nonConstantExpression = Code("NonConstantExpression")
        public static let noSingleRelationshipType = Code("NoSingleRelationshipType")
        public static let requiresDirectedRelationship = Code("RequiresDirectedRelationship")
        public static let creatingVarLength = Code("CreatingVarLength")
        public static let invalidRelationshipPattern = Code("InvalidRelationshipPattern")
        public static let invalidDelete = Code("InvalidDelete")
        public static let differentColumnsInUnion = Code("DifferentColumnsInUnion")
        public static let invalidClauseComposition = Code("InvalidClauseComposition")
        public static let relationshipUniquenessViolation = Code("RelationshipUniquenessViolation")
        public static let invalidArgumentPassingMode = Code("InvalidArgumentPassingMode")
        public static let missingParameter = Code("MissingParameter")
        public static let procedureNotFound = Code("ProcedureNotFound")
        /// A `SEARCH` subclause that binds a variable from another clause, a relationship, or whose query vector
        /// depends on the variable it binds (Neo4j's GQL 42I69, 42I75).
        public static let invalidSearchClause = Code("InvalidSearchClause")
    }

    public var classification: Classification
    public var code: Code
    public var message: String
    /// Where the error is in the query text.
    public var location: SourceSpan
    /// The query text, kept to print the offending line; may be empty.
    public var source: String

    public init(
        _ code: Code, _ message: String, at location: SourceSpan, classification: Classification = .syntaxError,
        source: String = ""
    ) {
        self.classification = classification
        self.code = code
        self.message = message
        self.location = location
        self.source = source
    }

    /// The message, `line L, column C`, the source line and a caret under the column.
    public var description: String {
        var text =
            "\(classification).\(code): \(message) (line \(location.start.line), column \(location.start.column))"
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let index = location.start.line - 1
        if index >= 0, index < lines.count {
            let line = String(lines[index])
            text += "\n" + line + "\n" + String(repeating: " ", count: max(0, location.start.column - 1)) + "^"
        }
        return text
    }
}
