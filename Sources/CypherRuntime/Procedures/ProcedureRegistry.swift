import CypherSyntax

/// The procedures a query can call by name: the built-in introspection procedures, then the caller's (which
/// replace a built-in of the same name), with their signatures for the semantic checker.
///
/// Built once where the procedures are known (`Database` keeps one and rebuilds it when a procedure is
/// registered) and shared by every query, so that a statement does not assemble the table afresh.
public struct ProcedureRegistry: Sendable, ExpressibleByArrayLiteral {
    /// The procedures by qualified name.
    let byName: [String: Procedure]
    /// Their signatures, for `SemanticChecker`.
    let signatures: [String: SemanticChecker.ProcedureSignature]

    /// The built-in procedures only.
    public static let builtIn = ProcedureRegistry([])

    /// The built-ins and `procedures`; a later procedure of a name replaces an earlier one.
    public init(_ procedures: [Procedure]) {
        byName = Dictionary(
            (IntrospectionProcedures.all + [Procedure.setNodeVectorProperty] + procedures).map { ($0.name, $0) },
            uniquingKeysWith: { $1 })
        signatures = byName.mapValues(\.signature)
    }

    public init(arrayLiteral procedures: Procedure...) { self.init(procedures) }
}
