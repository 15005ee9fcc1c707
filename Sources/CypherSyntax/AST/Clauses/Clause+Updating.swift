extension Clause {
    /// True for CREATE, MERGE, SET, REMOVE, DELETE and FOREACH, and for a CALL subquery holding one of them.
    public var isUpdating: Bool {
        switch kind {
        case .create, .merge, .set, .remove, .delete, .foreach: true
        case .subquery(let s): s.query.parts.contains { $0.clauses.contains(where: \.isUpdating) }
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
