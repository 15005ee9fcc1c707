public import GraphStore

/// A Cypher runtime value.
///
/// Swift equality (`==`) and hashing implement Cypher *equivalence* (used by DISTINCT and grouping): null is
/// equivalent to null and `1` to `1.0`. Cypher's three-valued `=` is `Value.equals(_:_:)`.
public indirect enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(String)
    case list([Value])
    case map([String: Value])
    case node(NodeID)
    case relationship(RelationshipID)
    /// Alternating nodes and relationships: `nodes.count == relationships.count + 1`.
    case path(nodes: [NodeID], relationships: [RelationshipID])
    case temporal(Temporal)

    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The type name used in error messages.
    public var typeName: String {
        switch self {
        case .null: "NULL"
        case .bool: "BOOLEAN"
        case .int: "INTEGER"
        case .float: "FLOAT"
        case .string: "STRING"
        case .list: "LIST"
        case .map: "MAP"
        case .node: "NODE"
        case .relationship: "RELATIONSHIP"
        case .path: "PATH"
        case .temporal(let t): t.kind.rawValue
        }
    }

    /// The value of a stored property.
    public init(_ p: PropertyValue) {
        switch p {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .float(d)
        case .string(let s): self = .string(s)
        case .list(let l): self = .list(l.map(Value.init))
        case .map(let m): self = Temporal(stored: m).map(Value.temporal) ?? .map(m.mapValues(Value.init))
        case .vector(let v): self = .list(v.map { .float(Double($0)) })
        }
    }

    /// The value as a storable property, or a TypeError for maps, entities and mixed lists.
    public func propertyValue() throws(CypherRuntimeError) -> PropertyValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .double(d)
        case .string(let s): return .string(s)
        case .temporal(let t): return t.propertyValue
        case .list(let items):
            var out: [PropertyValue] = []
            for item in items {
                switch item {
                case .bool, .int, .float, .string, .temporal: out.append(try item.propertyValue())
                case .null:
                    throw CypherRuntimeError(.invalidPropertyType, "a property list cannot hold null")
                default:
                    throw CypherRuntimeError(.invalidPropertyType, "a property list cannot hold a \(item.typeName)")
                }
            }
            return .list(out)
        default:
            throw CypherRuntimeError(.invalidPropertyType, "a \(typeName) cannot be stored as a property")
        }
    }
}

extension Value: Hashable {
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y || (x.isNaN && y.isNaN)
        case (.int(let x), .float(let y)), (.float(let y), .int(let x)): return Double(x) == y
        case (.string(let x), .string(let y)): return x == y
        case (.list(let x), .list(let y)): return x == y
        case (.map(let x), .map(let y)): return x == y
        case (.node(let x), .node(let y)): return x == y
        case (.relationship(let x), .relationship(let y)): return x == y
        case (.path(let n1, let r1), .path(let n2, let r2)): return n1 == n2 && r1 == r2
        case (.temporal(let x), .temporal(let y)): return x == y
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .null: h.combine(0)
        case .bool(let b): h.combine(b)
        case .int(let i): h.combine(Double(i))
        case .float(let d):
            h.combine(d.isNaN ? Double.nan.bitPattern : d.bitPattern == (-0.0).bitPattern ? 0 : d.bitPattern)
        case .string(let s): h.combine(s)
        case .list(let l): h.combine(l)
        case .map(let m): h.combine(m)
        case .node(let n):
            h.combine(1)
            h.combine(n)
        case .relationship(let r):
            h.combine(2)
            h.combine(r)
        case .path(let n, let r):
            h.combine(n)
            h.combine(r)
        case .temporal(let t): h.combine(t)
        }
    }
}
