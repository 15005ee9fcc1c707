import CypherRuntime
import GraphStore

/// The result data formats of Neo4j's HTTP API (`resultDataContents`).
enum ResultFormat: String, Sendable {
    /// `row` (with `meta`): entities as property maps.
    case row
    /// `graph`: the nodes and relationships of the row, with labels and types.
    case graph
    /// `rest`: the legacy REST representation (entities with `self` URLs), used by py2neo.
    case rest
}

extension ValueRenderer {
    // MARK: - row and meta

    /// A value in `row` format: nodes and relationships as property maps only.
    func row(_ v: Value) -> JSON {
        switch v {
        case .node(let n): properties(of: n)
        case .relationship(let r): properties(of: r)
        case .path(let nodes, let rels): .array(pathElements(nodes, rels).map(row))
        case .list(let l): .array(l.map(row))
        case .map(let m): .object(m.sorted { $0.key < $1.key }.map { ($0.key, row($0.value)) })
        default: Self.scalar(v)
        }
    }

    /// The `meta` entry of a value: entity ids and types, null for plain values.
    func meta(_ v: Value) -> JSON {
        switch v {
        case .node(let n):
            [
                "id": .int(Int64(n.rawValue)), "elementId": .string(Self.elementID(node: n)), "type": "node",
                "deleted": .bool(!snapshot.contains(n)),
            ]
        case .relationship(let r):
            [
                "id": .int(Int64(r.rawValue)), "elementId": .string(Self.elementID(relationship: r)),
                "type": "relationship", "deleted": .bool(!snapshot.contains(r)),
            ]
        case .path(let nodes, let rels): .array(pathElements(nodes, rels).map(meta))
        case .list(let l): .array(l.map(meta))
        default: .null
        }
    }

    private func pathElements(_ nodes: [NodeID], _ rels: [RelationshipID]) -> [Value] {
        var out: [Value] = []
        for (i, n) in nodes.enumerated() {
            out.append(.node(n))
            if i < rels.count { out.append(.relationship(rels[i])) }
        }
        return out
    }

    // MARK: - graph

    /// The `graph` entry of a row: every node and relationship it mentions, once each.
    func graph(_ row: [Value]) -> JSON {
        var nodes: [NodeID] = []
        var rels: [RelationshipID] = []
        var seenNodes = Set<NodeID>()
        var seenRels = Set<RelationshipID>()
        func collect(_ v: Value) {
            switch v {
            case .node(let n): if seenNodes.insert(n).inserted { nodes.append(n) }
            case .relationship(let r): if seenRels.insert(r).inserted { rels.append(r) }
            case .path(let ns, let rs):
                ns.forEach { collect(.node($0)) }
                rs.forEach { collect(.relationship($0)) }
            case .list(let l): l.forEach(collect)
            case .map(let m): m.values.forEach(collect)
            default: break
            }
        }
        row.forEach(collect)
        // Relationships' end nodes belong to the graph too, as Neo4j returns them.
        for r in rels where snapshot.contains(r) {
            for n in [snapshot.source(of: r), snapshot.target(of: r)] where seenNodes.insert(n).inserted { nodes.append(n) }
        }
        let nodeJSON: [JSON] = nodes.map { n in
            [
                "id": .string(String(n.rawValue)), "elementId": .string(Self.elementID(node: n)),
                "labels": .array(snapshot.contains(n) ? snapshot.labelNames(of: n).map(JSON.string) : []),
                "properties": properties(of: n),
            ]
        }
        let relJSON: [JSON] = rels.filter { snapshot.contains($0) }.map { r in
            let s = snapshot.source(of: r)
            let t = snapshot.target(of: r)
            return [
                "id": .string(String(r.rawValue)), "elementId": .string(Self.elementID(relationship: r)),
                "type": .string(snapshot.typeName(of: r)),
                "startNode": .string(String(s.rawValue)), "startNodeElementId": .string(Self.elementID(node: s)),
                "endNode": .string(String(t.rawValue)), "endNodeElementId": .string(Self.elementID(node: t)),
                "properties": properties(of: r),
            ]
        }
        return ["nodes": .array(nodeJSON), "relationships": .array(relJSON)]
    }

    // MARK: - rest

    /// A value in the legacy REST format: entities carry `self` URLs ending in their id.
    func rest(_ v: Value, base: String) -> JSON {
        switch v {
        case .node(let n):
            return [
                "self": .string("\(base)/node/\(n.rawValue)"),
                "metadata": [
                    "id": .int(Int64(n.rawValue)),
                    "labels": .array(snapshot.contains(n) ? snapshot.labelNames(of: n).map(JSON.string) : []),
                ],
                "data": properties(of: n),
            ]
        case .relationship(let r):
            guard snapshot.contains(r) else {
                return ["self": .string("\(base)/relationship/\(r.rawValue)"), "metadata": ["id": .int(Int64(r.rawValue))], "data": [:]]
            }
            let type = snapshot.typeName(of: r)
            return [
                "self": .string("\(base)/relationship/\(r.rawValue)"),
                "start": .string("\(base)/node/\(snapshot.source(of: r).rawValue)"),
                "end": .string("\(base)/node/\(snapshot.target(of: r).rawValue)"),
                "type": .string(type),
                "metadata": ["id": .int(Int64(r.rawValue)), "type": .string(type)],
                "data": properties(of: r),
            ]
        case .path(let nodes, let rels):
            var directions: [JSON] = []
            for (i, r) in rels.enumerated() {
                let forward = !snapshot.contains(r) || snapshot.source(of: r) == nodes[i]
                directions.append(.string(forward ? "->" : "<-"))
            }
            return [
                "start": .string("\(base)/node/\(nodes.first.map { String($0.rawValue) } ?? "")"),
                "end": .string("\(base)/node/\(nodes.last.map { String($0.rawValue) } ?? "")"),
                "length": .int(Int64(rels.count)),
                "nodes": .array(nodes.map { .string("\(base)/node/\($0.rawValue)") }),
                "relationships": .array(rels.map { .string("\(base)/relationship/\($0.rawValue)") }),
                "directions": .array(directions),
            ]
        case .list(let l):
            return .array(l.map { rest($0, base: base) })
        case .map(let m):
            return .object(m.sorted { $0.key < $1.key }.map { ($0.key, rest($0.value, base: base)) })
        default:
            return Self.scalar(v)
        }
    }
}
