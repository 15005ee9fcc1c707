/// A property value: the types a node or relationship property can hold.
///
/// Mirrors Neo4j's property types for the subset the engine stores, plus a dense
/// `Float` vector for embeddings (stored as 4 bytes a component, not as a list of doubles).
public enum PropertyValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case list([PropertyValue])
    case map([String: PropertyValue])
    case vector([Float])

    /// The type's name as Neo4j's `valueType()` spells it.
    public var typeName: String {
        switch self {
        case .null: "NULL"
        case .bool: "BOOLEAN"
        case .int: "INTEGER"
        case .double: "FLOAT"
        case .string: "STRING"
        case .list: "LIST<ANY>"
        case .map: "MAP"
        case .vector: "VECTOR<FLOAT32>"
        }
    }

    @inlinable public var isNull: Bool { if case .null = self { true } else { false } }

    @inlinable public var intValue: Int64? { if case .int(let v) = self { v } else { nil } }
    @inlinable public var stringValue: String? { if case .string(let v) = self { v } else { nil } }
    @inlinable public var boolValue: Bool? { if case .bool(let v) = self { v } else { nil } }

    /// The value as a double when it is numeric (an integer or a float).
    @inlinable public var numericValue: Double? {
        switch self {
        case .int(let v): Double(v)
        case .double(let v): v
        default: nil
        }
    }

    /// The key under which a uniqueness constraint compares values: numbers compare by value,
    /// so `1` and `1.0` collide as they do in Neo4j.
    public var indexKey: PropertyValue {
        switch self {
        case .double(let d) where d.rounded() == d && abs(d) < 9.2e18:
            .int(Int64(d))
        case .list(let items):
            .list(items.map(\.indexKey))
        case .vector(let v):
            .list(v.map { Double($0) }.map { PropertyValue.double($0).indexKey })
        default:
            self
        }
    }
}

extension PropertyValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
