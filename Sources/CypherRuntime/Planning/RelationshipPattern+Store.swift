import CypherSyntax
import GraphStore

/// The graph store's direction (inside the extension, `Direction` names the pattern's own enum).
typealias StoreDirection = Direction

extension RelationshipPattern {
    /// The pattern's direction, read left to right, as the store names it.
    var storeDirection: StoreDirection {
        switch direction {
        case .outgoing: .outgoing
        case .incoming: .incoming
        case .both: .both
        }
    }

    /// The type ids the pattern allows, each once: `[nil]` (any type) when it names none, and empty when none
    /// of the types it names exists in `graph` (nothing can match).
    func typeIDs(in graph: GraphSnapshot) -> [RelationshipTypeID?] {
        guard !types.isEmpty else { return [nil] }
        var ids: [RelationshipTypeID?] = []
        for t in types {
            if let id = graph.catalog.relationshipType(t), !ids.contains(id) { ids.append(id) }
        }
        return ids
    }
}
