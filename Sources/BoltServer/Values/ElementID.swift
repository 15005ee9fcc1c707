import GraphStore

/// The element ids Bolt sends for nodes and relationships: the same strings Neo4j's HTTP API routes in
/// QueryServer send (`ValueRenderer.elementID` in `QueryServer/Values/JSON+Value.swift`), so an id read over
/// one protocol can be used over the other. Defined once here because QueryServer (which imports Hummingbird)
/// is not a dependency of this module; keep the two in step.
enum ElementID {
    static func node(_ n: NodeID) -> String { "4:ignitabull:\(n.rawValue)" }
    static func relationship(_ r: RelationshipID) -> String { "5:ignitabull:\(r.rawValue)" }
}
