public import CypherRuntime
public import GraphStore

/// A Cypher runtime value (inside `extension JSON`, `Value` names the dictionary-literal value type).
public typealias CypherValue = Value

extension JSON {
    /// The Cypher value of a JSON parameter: numbers without a fraction or exponent are INTEGERs,
    /// others FLOATs; objects are maps.
    public var cypherValue: CypherValue {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .float(d)
        case .string(let s): .string(s)
        case .array(let items): .list(items.map(\.cypherValue))
        case .object(let pairs): .map(Dictionary(pairs.map { ($0.0, $0.1.cypherValue) }, uniquingKeysWith: { $1 }))
        case .raw(let text): (try? JSONParser.parse(text))?.cypherValue ?? .null
        }
    }

    /// A stored property value: lists hold scalars only, and nested objects are refused.
    /// - Throws: a message saying what cannot be stored.
    func propertyValue() throws(APIError) -> PropertyValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .array(let items):
            var out: [PropertyValue] = []
            out.reserveCapacity(items.count)
            for item in items {
                switch item {
                case .bool, .int, .double, .string: out.append(try item.propertyValue())
                default: throw APIError.badRequest("a property list can hold only booleans, numbers and strings, not \(item.typeName)")
                }
            }
            return .list(out)
        case .object, .raw:
            throw APIError.badRequest("a property value cannot be an object")
        }
    }
}

/// Turns query results into JSON, resolving node and relationship ids against the result's snapshot.
struct ValueRenderer {
    let snapshot: GraphSnapshot

    static func elementID(node: NodeID) -> String { ElementID.string(node) }
    static func elementID(relationship: RelationshipID) -> String { ElementID.string(relationship) }

    /// A stored property as JSON (vectors become arrays of numbers, temporals strings).
    static func json(_ p: PropertyValue) -> JSON {
        switch p {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .list(let l): .array(l.map(json))
        case .vector(let v): .array(v.map { .double(Double($0)) })
        case .map: scalar(Value(p))
        }
    }

    /// A value that holds no graph entity.
    static func scalar(_ v: Value) -> JSON {
        switch v {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .float(let d): .double(d)
        case .string(let s): .string(s)
        case .temporal(let t): .string(t.text)
        case .list(let l): .array(l.map(scalar))
        case .map(let m): .object(m.sorted { $0.key < $1.key }.map { ($0.key, scalar($0.value)) })
        case .node(let n): .int(Int64(n.rawValue))
        case .relationship(let r): .int(Int64(r.rawValue))
        case .path: .null
        }
    }

    func properties(of node: NodeID) -> JSON {
        guard snapshot.contains(node) else { return .object([]) }
        let map = snapshot.properties(of: node)
        return .object(map.map { (snapshot.catalog.name(of: $0.key), Self.json($0.value)) })
    }

    func properties(of r: RelationshipID) -> JSON {
        guard snapshot.contains(r) else { return .object([]) }
        let map = snapshot.properties(of: r)
        return .object(map.map { (snapshot.catalog.name(of: $0.key), Self.json($0.value)) })
    }

    /// `{id, elementId, labels, properties}`.
    func node(_ n: NodeID) -> JSON {
        [
            "id": .int(Int64(n.rawValue)), "elementId": .string(Self.elementID(node: n)),
            "labels": .array(snapshot.contains(n) ? snapshot.labelNames(of: n).map(JSON.string) : []),
            "properties": properties(of: n),
        ]
    }

    /// `{id, elementId, type, startNode, endNode, …, properties}`.
    func relationship(_ r: RelationshipID) -> JSON {
        guard snapshot.contains(r) else {
            return ["id": .int(Int64(r.rawValue)), "elementId": .string(Self.elementID(relationship: r)), "properties": [:]]
        }
        let s = snapshot.source(of: r)
        let t = snapshot.target(of: r)
        return [
            "id": .int(Int64(r.rawValue)), "elementId": .string(Self.elementID(relationship: r)),
            "type": .string(snapshot.typeName(of: r)),
            "startNode": .int(Int64(s.rawValue)), "startNodeElementId": .string(Self.elementID(node: s)),
            "endNode": .int(Int64(t.rawValue)), "endNodeElementId": .string(Self.elementID(node: t)),
            "properties": properties(of: r),
        ]
    }

    /// Any value, with entities in full (the `/cypher` route's format).
    func entity(_ v: Value) -> JSON {
        switch v {
        case .node(let n): node(n)
        case .relationship(let r): relationship(r)
        case .path(let nodes, let rels): ["nodes": .array(nodes.map(node)), "relationships": .array(rels.map(relationship))]
        case .list(let l): .array(l.map(entity))
        case .map(let m): .object(m.sorted { $0.key < $1.key }.map { ($0.key, entity($0.value)) })
        default: Self.scalar(v)
        }
    }
}

extension QueryServer {
    /// A query value as the `/cypher` route renders it: nodes, relationships and paths in full,
    /// resolved against `snapshot`. The CLI's JSON output formats use the same rendering.
    public static func json(of value: Value, in snapshot: GraphSnapshot) -> JSON {
        ValueRenderer(snapshot: snapshot).entity(value)
    }
}
