/// What a `SHOW … [YIELD …] [WHERE …] [RETURN …]` command lists, with Neo4j 5's column names.
///
/// The parser turns such a command into a query over an internal procedure (`procedureName`) whose outputs are
/// `allColumns`, so YIELD, WHERE, ORDER BY, SKIP, LIMIT and RETURN run as they do after any CALL.
/// Columns: https://neo4j.com/docs/cypher-manual/current/indexes/search-performance-indexes/list-indexes/,
/// https://neo4j.com/docs/cypher-manual/current/constraints/list-constraints/,
/// https://neo4j.com/docs/operations-manual/current/procedures/show-procedures/ and
/// https://neo4j.com/docs/cypher-manual/current/functions/show-functions/.
public enum ShowCatalog: String, Sendable, Hashable, CaseIterable {
    case indexes, constraints, procedures, functions

    /// The procedure the command runs as; hidden from SHOW PROCEDURES.
    public var procedureName: String { "internal.show.\(rawValue)" }

    /// The columns without YIELD (our bare `SHOW INDEXES` / `SHOW CONSTRAINTS` keep their long-standing columns).
    public var defaultColumns: [String] {
        switch self {
        case .indexes:
            ["id", "name", "state", "populationPercent", "type", "entityType", "labelsOrTypes", "properties",
             "indexProvider", "owningConstraint", "options"]
        case .constraints:
            ["id", "name", "type", "entityType", "labelsOrTypes", "properties", "ownedIndex", "propertyType"]
        case .procedures: ["name", "description", "mode", "worksOnSystem"]
        case .functions: ["name", "category", "description"]
        }
    }

    /// Every column (`YIELD *`).
    public var allColumns: [String] {
        switch self {
        case .indexes:
            defaultColumns + ["lastRead", "readCount", "trackedSince", "failureMessage", "createStatement"]
        case .constraints: defaultColumns + ["options", "createStatement"]
        case .procedures:
            defaultColumns + [
                "signature", "argumentDescription", "returnDescription", "admin", "rolesExecution",
                "rolesBoostedExecution", "isDeprecated", "option",
            ]
        case .functions:
            defaultColumns + [
                "signature", "isBuiltIn", "argumentDescription", "returnDescription", "aggregating", "rolesExecution",
                "rolesBoostedExecution", "isDeprecated",
            ]
        }
    }
}
