/// Element ids in Neo4j 5's shape, `<kind>:<database>:<id>`: kind 4 for nodes and 5 for relationships (Neo4j
/// writes its database's UUID in the middle; we write `ignitabull`). `elementId()` in Cypher, the JSON of every
/// HTTP route and the id lookups all use these two functions, so an id read from a response finds its entity.
public enum ElementID {
    /// The middle part of every element id.
    public static let database = "ignitabull"

    /// `4:ignitabull:<id>`.
    public static func string(_ node: NodeID) -> String { "4:\(database):\(node.rawValue)" }
    /// `5:ignitabull:<id>`.
    public static func string(_ relationship: RelationshipID) -> String { "5:\(database):\(relationship.rawValue)" }

    /// The node a node element id names, or nil when `text` is not one (a relationship's id included).
    public static func node(_ text: String) -> NodeID? { parse(text, kind: "4").map(NodeID.init) }
    /// The relationship a relationship element id names, or nil when `text` is not one.
    public static func relationship(_ text: String) -> RelationshipID? {
        parse(text, kind: "5").map(RelationshipID.init)
    }

    private static func parse(_ text: String, kind: String) -> UInt32? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == kind, parts[1] == database else { return nil }
        return UInt32(parts[2])
    }
}
