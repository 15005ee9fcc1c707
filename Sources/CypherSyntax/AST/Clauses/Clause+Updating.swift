extension CallClause {
    /// Neo4j's `db.create.setNodeVectorProperty(node, key, vector)`: the one procedure that writes, so a
    /// query calling it runs as a write.
    public static let setNodeVectorPropertyName = "db.create.setNodeVectorProperty"
}

extension Clause {
    /// True for CREATE, MERGE, SET, REMOVE, DELETE and FOREACH, for a CALL subquery holding one of them, and
    /// for a call of `db.create.setNodeVectorProperty`.
    public var isUpdating: Bool {
        switch kind {
        case .create, .merge, .set, .remove, .delete, .foreach: true
        case .subquery(let s): s.query.parts.contains { $0.clauses.contains(where: \.isUpdating) }
        case .call(let c): c.qualifiedName.lowercased() == CallClause.setNodeVectorPropertyName.lowercased()
        default: false
        }
    }

    /// The clause keyword, for messages.
    public var keyword: String {
        switch kind {
        case .match(let m): m.optional ? "OPTIONAL MATCH" : "MATCH"
        case .unwind: "UNWIND"
        case .with: "WITH"
        case .return: "RETURN"
        case .create: "CREATE"
        case .merge: "MERGE"
        case .set: "SET"
        case .remove: "REMOVE"
        case .delete(let d): d.detach ? "DETACH DELETE" : "DELETE"
        case .call: "CALL"
        case .subquery: "CALL { ... }"
        case .foreach: "FOREACH"
        }
    }
}
