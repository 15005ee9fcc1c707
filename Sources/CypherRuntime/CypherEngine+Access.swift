import CypherSyntax

/// What a statement needs to run, for access control: a reader may run `read` statements only.
public enum StatementAccess: Sendable, Comparable {
    /// Reads only (MATCH, RETURN, SHOW INDEXES, read procedures, EXPLAIN of anything).
    case read
    /// Changes data: updating clauses, `db.create.setNodeVectorProperty`, a procedure in `WRITE` mode.
    case write
    /// Changes the schema: CREATE/DROP CONSTRAINT and INDEX, a procedure in `SCHEMA` mode.
    case schema
}

extension CypherEngine {
    /// What `query` needs, without running it (it is parsed and checked as `execute` would).
    /// - Throws: `CypherSyntaxError` as `execute` does, so a bad statement is reported the same way.
    public static func access(
        of query: String, parameters: Set<String> = [], procedures: ProcedureRegistry = .builtIn
    ) throws -> StatementAccess {
        let registry = procedures.byName
        let statement = try SemanticChecker.compile(query, procedures: procedures.signatures, parameters: parameters)
        if statement.mode == .explain { return .read }
        switch statement.kind {
        case .schema(let command):
            switch command.kind {
            case .showConstraints, .showIndexes: return .read
            default: return .schema
            }
        case .query(let q):
            return access(of: q, registry)
        }
    }

    private static func access(of q: Query, _ registry: [String: Procedure]) -> StatementAccess {
        var need = StatementAccess.read
        for clause in q.parts.flatMap(\.clauses) {
            if clause.isUpdating { need = max(need, .write) }
            switch clause.kind {
            case .call(let c):
                switch registry[c.qualifiedName]?.mode.uppercased() {
                case "WRITE": need = max(need, .write)
                case "SCHEMA": need = max(need, .schema)
                default: break
                }
            case .subquery(let s): need = max(need, access(of: s.query, registry))
            default: break
            }
        }
        return need
    }
}
