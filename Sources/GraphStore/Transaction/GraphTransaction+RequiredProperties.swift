extension GraphTransaction {
    /// Checks the properties that existence constraints and node keys require, on the nodes and relationships this
    /// transaction created, relabelled or removed a property from. Called when the transaction commits (as Neo4j
    /// checks them at commit), so a statement may create a node and set the property in a later clause.
    /// - Throws: `constraintViolation` naming the first entity that lacks a required property.
    /// - Complexity: O(mutations) when the graph has such constraints; nothing otherwise.
    public func checkRequiredProperties() throws(GraphStoreError) {
        let s = snapshot
        let keys = s.constraints.filter(\.isNodeKey)
        guard !s.existenceConstraints.isEmpty || !keys.isEmpty else { return }
        var nodes = Set<NodeID>()
        var relationships = Set<RelationshipID>()
        for m in mutations {
            switch m {
            case .createNode(let n, _, _), .addLabel(let n, _): nodes.insert(n)
            case .setNodeProperty(let n, _, let v) where v.isNull: nodes.insert(n)
            case .createRelationship(let r, _, _, _, _): relationships.insert(r)
            case .setRelationshipProperty(let r, _, let v) where v.isNull: relationships.insert(r)
            default: break
            }
        }
        for n in nodes.sorted() where s.contains(n) {
            let props = s.nodeProperties[n.index]
            for c in s.existenceConstraints {
                guard case .label(let l) = c.target, s.hasLabel(n, l), props[c.key] == nil else { continue }
                throw GraphStoreError(.constraintViolation, missing(node: n, l, [c.key]))
            }
            for c in keys where s.hasLabel(n, c.label) && c.tuple(props) == nil {
                throw GraphStoreError(.constraintViolation, missing(node: n, c.label, c.keys))
            }
        }
        for r in relationships.sorted() where s.contains(r) {
            for c in s.existenceConstraints {
                guard case .relationshipType(let t) = c.target, s.type(of: r) == t, s.property(r, c.key) == nil else { continue }
                throw GraphStoreError(.constraintViolation, missing(relationship: r, t, c.key))
            }
        }
    }

    /// The first entity that breaks `c`, described as Neo4j words it; nil when every one complies.
    func firstMissing(_ c: ExistenceConstraint) -> String? {
        let s = snapshot
        var found: String?
        switch c.target {
        case .label(let l):
            s.forEachNode(label: l) { n in
                if found == nil, s.nodeProperties[n.index][c.key] == nil { found = missing(node: n, l, [c.key]) }
            }
        case .relationshipType(let t):
            s.relAlive.forEach { i in
                let r = RelationshipID(UInt32(i))
                if found == nil, s.type(of: r) == t, s.property(r, c.key) == nil { found = missing(relationship: r, t, c.key) }
            }
        }
        return found
    }

    private func missing(node n: NodeID, _ l: LabelID, _ keys: [PropertyKeyID]) -> String {
        let label = snapshot.catalog.name(of: l)
        let names = keys.map { "`\(snapshot.catalog.name(of: $0))`" }
        return keys.count == 1
            ? "Node(\(n.rawValue)) with label `\(label)` must have the property \(names[0])"
            : "Node(\(n.rawValue)) with label `\(label)` must have the properties (\(names.joined(separator: ", ")))"
    }

    private func missing(relationship r: RelationshipID, _ t: RelationshipTypeID, _ key: PropertyKeyID) -> String {
        "Relationship(\(r.rawValue)) with type `\(snapshot.catalog.name(of: t))` must have the property"
            + " `\(snapshot.catalog.name(of: key))`"
    }
}
