import GraphStore

/// What the TCK's side-effect counts compare: the live nodes and relationships, the label names in use and the
/// set of (entity, key, value) property triples. Side effects are differences between two states, so changing a
/// property's value counts as one property removed and one added, as in the TCK.
struct GraphState {
    var nodes: Set<NodeID> = []
    var relationships: Set<RelationshipID> = []
    var labels: Set<String> = []
    var properties: Set<String> = []

    init(_ g: GraphSnapshot) {
        g.forEachNode { n in
            nodes.insert(n)
            for l in g.labelNames(of: n) { labels.insert(l) }
            for (k, v) in g.propertyDictionary(of: n) { properties.insert("n\(n.rawValue).\(k)=\(v)") }
        }
        for i in 0..<g.relationshipIDLimit {
            let r = RelationshipID(i)
            guard g.contains(r) else { continue }
            relationships.insert(r)
            for entry in g.properties(of: r).entries {
                properties.insert("r\(i).\(g.catalog.name(of: entry.key))=\(entry.value)")
            }
        }
    }

    static func sideEffects(from a: GraphState, to b: GraphState) -> [String: Int] {
        [
            "+nodes": b.nodes.subtracting(a.nodes).count, "-nodes": a.nodes.subtracting(b.nodes).count,
            "+relationships": b.relationships.subtracting(a.relationships).count,
            "-relationships": a.relationships.subtracting(b.relationships).count,
            "+labels": b.labels.subtracting(a.labels).count, "-labels": a.labels.subtracting(b.labels).count,
            "+properties": b.properties.subtracting(a.properties).count,
            "-properties": a.properties.subtracting(b.properties).count,
        ]
    }
}
