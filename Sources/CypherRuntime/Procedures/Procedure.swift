public import CypherSyntax
public import GraphStore

/// A procedure callable with `CALL name(args) [YIELD ...]`: a signature for the checker and a body that maps
/// argument values to output rows (one value per declared output, in order).
public struct Procedure: Sendable {
    public var name: String
    public var signature: SemanticChecker.ProcedureSignature
    /// One sentence for `SHOW PROCEDURES`.
    public var description: String
    /// `READ`, `WRITE`, `SCHEMA` or `DBMS`, as Neo4j's `SHOW PROCEDURES` reports it.
    public var mode: String
    /// Whether `SHOW PROCEDURES` lists it (false for the internal procedures the SHOW commands run as).
    public var isListed: Bool
    let run: @Sendable (ProcedureContext, [Value]) throws -> [[Value]]

    public init(
        name: String, signature: SemanticChecker.ProcedureSignature, description: String = "", mode: String = "READ",
        body: @escaping @Sendable ([Value]) throws -> [[Value]]
    ) {
        self.name = name
        self.signature = signature
        self.description = description
        self.mode = mode
        self.isListed = true
        self.run = { _, arguments in try body(arguments) }
    }

    /// A procedure that reads the graph the query runs on (its own writes included, inside a transaction).
    public init(
        name: String, signature: SemanticChecker.ProcedureSignature, description: String, mode: String = "READ",
        listed: Bool = true, reading body: @escaping @Sendable (ProcedureContext, [Value]) throws -> [[Value]]
    ) {
        self.name = name
        self.signature = signature
        self.description = description
        self.mode = mode
        self.isListed = listed
        self.run = body
    }

    /// Runs the procedure without a query context (an empty graph).
    public func body(_ arguments: [Value]) throws -> [[Value]] {
        try run(ProcedureContext(graph: GraphSnapshot(), vectorIndexes: nil, procedures: []), arguments)
    }
}

/// What a procedure sees of the query calling it.
public struct ProcedureContext: Sendable {
    /// The graph the query reads (a transaction's working copy when it writes).
    public var graph: GraphSnapshot
    /// The database's vector indexes, when the query runs on a database.
    public var vectorIndexes: (any VectorIndexCatalog)?
    /// Every procedure the query can call.
    public var procedures: [Procedure]

    public init(graph: GraphSnapshot, vectorIndexes: (any VectorIndexCatalog)?, procedures: [Procedure]) {
        self.graph = graph
        self.vectorIndexes = vectorIndexes
        self.procedures = procedures
    }
}
