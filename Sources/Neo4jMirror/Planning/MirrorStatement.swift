public import GraphStore

/// One parameterised statement for the target: `UNWIND $rows AS row …` with its rows, or a schema
/// command (which Neo4j runs in a transaction of its own).
public struct MirrorStatement: Sendable, Hashable {
    public var text: String
    /// The `$rows` parameter: each row a map.
    public var rows: [[String: PropertyValue]]
    /// A schema command (constraint or index): sent alone, never in a data transaction.
    public var schema: Bool
    /// Parameters besides `$rows`.
    public var parameters: [String: PropertyValue]

    public init(
        _ text: String, rows: [[String: PropertyValue]] = [], schema: Bool = false, parameters: [String: PropertyValue] = [:]
    ) {
        self.text = text
        self.rows = rows
        self.schema = schema
        self.parameters = parameters
    }
}
