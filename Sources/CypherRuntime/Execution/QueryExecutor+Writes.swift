import CypherSyntax
import GraphStore

extension QueryExecutor {
    func requireTransaction() throws -> GraphTransaction {
        guard let t = transaction else { throw CypherRuntimeError(.unsupported, "a write outside a transaction") }
        return t
    }

    /// Runs `body` on the transaction, turning store errors into runtime errors.
    func write<R>(_ body: (inout GraphTransaction) throws(GraphStoreError) -> R) throws -> R {
        guard transaction != nil else { throw CypherRuntimeError(.unsupported, "a write outside a transaction") }
        do {
            return try body(&transaction!)
        } catch {
            switch error.code {
            case .nodeHasRelationships: throw CypherRuntimeError(.deleteConnectedNode, error.message)
            case .constraintViolation: throw CypherRuntimeError(.constraintViolation, error.message)
            case .nodeNotFound, .relationshipNotFound: throw CypherRuntimeError(.deletedEntityAccess, error.message)
            case .invalidName: throw CypherRuntimeError(.invalidTokenName, error.message)
            default: throw CypherRuntimeError(.unsupported, error.description)
            }
        }
    }

    /// The properties of a CREATE/MERGE pattern element, without nulls.
    private func propertyMap(_ e: Expression?, _ row: Row) throws -> [String: PropertyValue] {
        guard let e else { return [:] }
        let v = try eval(e, row)
        guard case .map(let m) = v else {
            if v.isNull { return [:] }
            throw typeError("properties must be a map")
        }
        var out: [String: PropertyValue] = [:]
        for (k, value) in m where !value.isNull { out[k] = try value.propertyValue() }
        return out
    }

    /// CREATE: creates the unbound nodes and every relationship of each part, binding their variables in `row`.
    func create(_ pattern: Pattern, _ row: inout Row) throws {
        for part in pattern.parts { try createPart(part, &row) }
    }

    func createPart(_ part: PatternPart, _ row: inout Row) throws {
        var nodeIDs: [NodeID] = []
        for node in part.element.nodes {
            if let v = node.variable, let existing = row[v] {
                guard case .node(let n) = existing else {
                    throw typeError("\(v) is a \(existing.typeName), not a node")
                }
                nodeIDs.append(n)
                continue
            }
            let props = try propertyMap(node.properties, row)
            let labels = node.labels
            let n = try write { txn throws(GraphStoreError) in try txn.createNode(labels: labels, properties: props) }
            if let v = node.variable { row[v] = .node(n) }
            nodeIDs.append(n)
        }
        var rels: [RelationshipID] = []
        for (j, step) in part.element.chain.enumerated() {
            let rel = step.relationship
            guard let type = rel.types.first else { throw typeError("CREATE needs a relationship type") }
            let props = try propertyMap(rel.properties, row)
            let (a, b) = rel.direction == .incoming ? (nodeIDs[j + 1], nodeIDs[j]) : (nodeIDs[j], nodeIDs[j + 1])
            let r = try write { txn throws(GraphStoreError) in
                try txn.createRelationship(from: a, to: b, type: type, properties: props)
            }
            if let v = rel.variable { row[v] = .relationship(r) }
            rels.append(r)
        }
        if let pv = part.variable { row[pv] = .path(nodes: nodeIDs, relationships: rels) }
    }

    /// MERGE: matches the pattern or creates it, then applies ON MATCH / ON CREATE.
    func merge(_ m: MergeClause, _ rows: [Row]) throws -> [Row] {
        var out: [Row] = []
        for row in rows {
            // Null property values cannot be merged on.
            let maps =
                m.pattern.element.nodes.map(\.properties) + m.pattern.element.chain.map(\.relationship.properties)
            for expression in maps {
                if case .map(let m) = try expression.map({ try eval($0, row) }) ?? .null,
                    m.values.contains(where: \.isNull)
                {
                    throw CypherRuntimeError(.mergeReadOwnWrites, "cannot merge on a null property value")
                }
            }
            let found = try matchPart(m.pattern, row, limit: nil)
            if found.isEmpty {
                var r = row
                try createPart(m.pattern, &r)
                for item in m.onCreate { try set(item, r) }
                out.append(r)
            } else {
                for r in found {
                    for item in m.onMatch { try set(item, r) }
                    out.append(r)
                }
            }
        }
        return out
    }

    /// One SET item.
    func set(_ item: SetItem, _ row: Row) throws {
        switch item {
        case .property(let target, let key, let valueExpr, _):
            let t = try eval(target, row)
            let v = try eval(valueExpr, row)
            try setProperty(t, key, v)
        case .replace(let variable, let valueExpr, _), .merge(let variable, let valueExpr, _):
            let t = row[variable] ?? .null
            if t.isNull { return }
            var replace = false
            if case .replace = item { replace = true }
            var v = try eval(valueExpr, row)
            if case .node = v { v = try properties(of: v) }
            if case .relationship = v { v = try properties(of: v) }
            guard case .map(let m) = v else {
                if v.isNull, replace { v = .map([:]) } else { throw typeError("SET needs a map") }
                return try set(item, row.merging([variable: t]) { $1 })
            }
            if replace, case .map(let existing) = try properties(of: t) {
                for k in existing.keys where m[k] == nil { try setProperty(t, k, .null) }
            }
            for (k, value) in m.sorted(by: { $0.key < $1.key }) { try setProperty(t, k, value) }
        case .labels(let variable, let labels, _):
            let t = row[variable] ?? .null
            if t.isNull { return }
            guard case .node(let n) = t else { throw typeError("labels can only be set on nodes") }
            for l in labels {
                try write { txn throws(GraphStoreError) in try txn.addLabel(n, l) }
            }
        }
    }

    func setProperty(_ target: Value, _ key: String, _ value: Value) throws {
        let p = try value.propertyValue()
        switch target {
        case .null: return
        case .node(let n):
            if p.isNull {
                guard graph.property(n, key) != nil else { return }
                propertiesRemoved += 1
                try write { txn throws(GraphStoreError) in try txn.removeProperty(n, key) }
            } else {
                try write { txn throws(GraphStoreError) in try txn.setProperty(n, key, p) }
            }
        case .relationship(let r):
            if p.isNull {
                guard case .some(let old) = try? property(of: target, key), !old.isNull else { return }
                propertiesRemoved += 1
                try write { txn throws(GraphStoreError) in try txn.removeProperty(r, key) }
            } else {
                try write { txn throws(GraphStoreError) in try txn.setProperty(r, key, p) }
            }
        default:
            throw typeError("cannot set a property on a \(target.typeName)")
        }
    }

    func remove(_ item: RemoveItem, _ row: Row) throws {
        switch item {
        case .property(let target, let key, _):
            try setProperty(try eval(target, row), key, .null)
        case .labels(let variable, let labels, _):
            let t = row[variable] ?? .null
            if t.isNull { return }
            guard case .node(let n) = t else { throw typeError("labels can only be removed from nodes") }
            for l in labels {
                guard let id = graph.catalog.label(l), graph.hasLabel(n, id) else { continue }
                try write { txn throws(GraphStoreError) in try txn.removeLabel(n, l) }
            }
        }
    }

    /// DELETE / DETACH DELETE: relationships first, then nodes, so that a clause may delete a node together
    /// with its relationships.
    func delete(_ d: DeleteClause, _ rows: [Row]) throws {
        var nodes: [NodeID] = []
        var rels: [RelationshipID] = []
        func collect(_ v: Value) throws {
            switch v {
            case .null: break
            case .node(let n): nodes.append(n)
            case .relationship(let r): rels.append(r)
            case .path(let ns, let rs):
                rels += rs
                nodes += ns
            case .list(let items): for item in items { try collect(item) }
            default: throw typeError("DELETE needs a node, relationship or path, not \(v.typeName)")
            }
        }
        for row in rows { for e in d.expressions { try collect(try eval(e, row)) } }
        for r in rels where !deletedRelationships.contains(r) && graph.contains(r) {
            try write { txn throws(GraphStoreError) in try txn.deleteRelationship(r) }
            deletedRelationships.insert(r)
        }
        for n in nodes where !deletedNodes.contains(n) && graph.contains(n) {
            if d.detach {
                graph.forEachRelationship(of: n, type: nil, direction: .both) { _, r in deletedRelationships.insert(r) }
            }
            let detach = d.detach
            try write { txn throws(GraphStoreError) in try txn.deleteNode(n, detach: detach) }
            deletedNodes.insert(n)
        }
    }
}
