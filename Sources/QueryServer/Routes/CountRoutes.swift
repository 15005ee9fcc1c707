import Engine
import GraphStore
import Hummingbird

/// `GET /db/{db}/counts` → `{nodes, relationships, labels: [{label, count}], relationshipTypes: [{type, count}]}`:
/// live nodes per label and relationships per type, read from the snapshot's own counts in O(labels + types).
/// (`MATCH ()-[r:T]->() RETURN count(r)` would visit every relationship.)
struct CountRoutes: Sendable {
    let scopes: DatabaseScopes

    func register(on group: RouterGroup<ServerRequestContext>) {
        group.get("counts") { _, context -> Response in
            Self.json(try scopes.database(context).graph.snapshot).response()
        }
    }

    static func json(_ s: GraphSnapshot) -> JSON {
        let labels: [JSON] = s.catalog.labelNames.indices.compactMap { i in
            let n = s.nodeCount(label: LabelID(UInt16(i)))
            return n > 0 ? ["label": .string(s.catalog.labelNames[i]), "count": .int(Int64(n))] : nil
        }
        let types: [JSON] = s.catalog.typeNames.indices.compactMap { i in
            let n = s.relationshipCount(type: RelationshipTypeID(UInt16(i)))
            return n > 0 ? ["type": .string(s.catalog.typeNames[i]), "count": .int(Int64(n))] : nil
        }
        return [
            "nodes": .int(Int64(s.nodeCount)), "relationships": .int(Int64(s.relationshipCount)),
            "labels": .array(labels), "relationshipTypes": .array(types),
        ]
    }
}
