import Access
import CypherRuntime
import Engine

/// Checks each Cypher statement against the principal's roles before it runs: a reader's write or schema
/// statement, or an editor's schema statement, is refused with `Neo.ClientError.Security.Forbidden` and
/// nothing runs. Schema commands that pass are written to the audit log. Without access control (or for
/// an admin) nothing is parsed twice, except CREATE/DROP statements, which may be schema commands to audit.
struct StatementGuard: Sendable {
    let database: Database
    /// The database's name: the principal's roles on it apply.
    let name: String
    let access: AccessControl?

    func check(_ text: String, parameters: Set<String>, context: ServerRequestContext) throws(AccessError) {
        guard let principal = context.principal else { return }
        try check(text, parameters: parameters, principal: principal, source: context.source)
    }

    func check(_ text: String, parameters: Set<String>, principal: Principal, source: String) throws(AccessError) {
        guard let access else { return }
        let mayChangeSchema = principal.allows(.schema, on: name)
        if mayChangeSchema && !Self.mayBeSchema(text) { return }
        // A statement that does not compile is reported by the run itself, with its position.
        guard let need = try? database.access(of: text, parameters: parameters) else { return }
        switch need {
        case .read: return
        case .write: try principal.require(.write, on: name, "Writing")
        case .schema:
            try principal.require(.schema, on: name, "Schema operations")
            access.audit.record("schema_command", user: principal.name, source: source, name == "neo4j" ? text : "[\(name)] \(text)")
        }
    }

    /// Whether the statement's first keyword (after EXPLAIN or PROFILE) is CREATE or DROP.
    static func mayBeSchema(_ text: String) -> Bool {
        var words = text.split(whereSeparator: { $0.isWhitespace || $0 == "(" }).prefix(2).map { $0.uppercased() }[...]
        if words.first == "EXPLAIN" || words.first == "PROFILE" { words = words.dropFirst() }
        return words.first == "CREATE" || words.first == "DROP"
    }
}
