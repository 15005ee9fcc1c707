import GraphStore

/// The net effect of a run of log entries on each entity they touch: whether it was created or
/// deleted, its final labels and property values. Folding entries this way makes a batch a set of
/// absolute assignments ("node 7 has price 3", "relationship 9 is gone"), so applying it twice
/// leaves the target as applying it once, whatever order its statements are split in. It also holds
/// when an earlier delivery covered only a prefix of the batch (a batch is re-read from the cursor after
/// a restart and may then reach further): an entity created and deleted within the batch is still
/// deleted, and a label removed from a node created within it is still removed.
struct NetChanges {
    struct Node {
        var created = false
        var deleted = false
        /// Label additions (true) and removals (false); for a created node, true are its final labels.
        var labels: [LabelID: Bool] = [:]
        /// Final values of the properties set (a created node's full map); `.null` removes.
        var properties: [PropertyKeyID: PropertyValue] = [:]
    }

    struct Relationship {
        var created = false
        var deleted = false
        var type = RelationshipTypeID(0)
        var source = NodeID(0)
        var target = NodeID(0)
        var properties: [PropertyKeyID: PropertyValue] = [:]
    }

    private(set) var nodes: [NodeID: Node] = [:]
    private(set) var relationships: [RelationshipID: Relationship] = [:]
    /// First-touch order, so statements are emitted deterministically.
    private(set) var nodeOrder: [NodeID] = []
    private(set) var relationshipOrder: [RelationshipID] = []
    /// Schema changes, in log order.
    private(set) var schema: [GraphMutation] = []
    /// Mutations folded in.
    private(set) var count = 0

    var isEmpty: Bool { nodes.isEmpty && relationships.isEmpty && schema.isEmpty }

    private mutating func node(_ n: NodeID, _ body: (inout Node) -> Void) {
        if nodes[n] == nil { nodeOrder.append(n) }
        body(&nodes[n, default: Node()])
    }

    private mutating func relationship(_ r: RelationshipID, _ body: (inout Relationship) -> Void) {
        if relationships[r] == nil { relationshipOrder.append(r) }
        body(&relationships[r, default: Relationship()])
    }

    /// Folds one mutation in.
    mutating func apply(_ m: GraphMutation) {
        count += 1
        switch m {
        case .createToken: break
        case .createNode(let n, let labels, let props):
            node(n) { node in
                node = Node(created: true)
                for l in labels { node.labels[l] = true }
                for e in props { node.properties[e.key] = e.value }
            }
        case .deleteNode(let n):
            node(n) { node in
                node.deleted = true
                node.labels = [:]
                node.properties = [:]
            }
        case .setNodeProperty(let n, let k, let v):
            node(n) { node in
                if node.created && v.isNull { node.properties[k] = nil } else { node.properties[k] = v }
            }
        case .addLabel(let n, let l): node(n) { $0.labels[l] = true }
        case .removeLabel(let n, let l):
            node(n) { node in
                node.labels[l] = false
            }
        case .createRelationship(let r, let type, let source, let target, let props):
            relationship(r) { rel in
                rel = Relationship(created: true, type: type, source: source, target: target)
                for e in props { rel.properties[e.key] = e.value }
            }
        case .deleteRelationship(let r):
            relationship(r) { rel in
                rel.deleted = true
                rel.properties = [:]
            }
        case .setRelationshipProperty(let r, let k, let v):
            relationship(r) { rel in
                if rel.created && v.isNull { rel.properties[k] = nil } else { rel.properties[k] = v }
            }
        case .createConstraint, .createConstraintRule, .dropConstraint, .createIndex, .createCompositeIndex, .dropIndex:
            schema.append(m)
        }
    }

    /// Relationships changed or deleted here that were created before: their type and source must
    /// come from the consumer's directory.
    var relationshipsNeedingLookup: [RelationshipID] {
        relationshipOrder.filter { r in
            let rel = relationships[r]!
            return !rel.created && (rel.deleted || !rel.properties.isEmpty)
        }
    }
}
