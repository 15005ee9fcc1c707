public import CypherSyntax

/// A procedure callable with `CALL name(args) [YIELD ...]`: a signature for the checker and a body that maps
/// argument values to output rows (one value per declared output, in order).
public struct Procedure: Sendable {
    public var name: String
    public var signature: SemanticChecker.ProcedureSignature
    public var body: @Sendable ([Value]) throws -> [[Value]]

    public init(
        name: String, signature: SemanticChecker.ProcedureSignature,
        body: @escaping @Sendable ([Value]) throws -> [[Value]]
    ) {
        self.name = name
        self.signature = signature
        self.body = body
    }
}
