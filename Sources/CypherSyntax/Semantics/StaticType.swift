/// The type a compile-time check can infer for an expression; `any` when it cannot tell.
public indirect enum StaticType: Sendable, Hashable, CustomStringConvertible {
    case any
    case null
    case boolean
    case integer
    case float
    case string
    case list(StaticType)
    case map
    case node
    case relationship
    case path

    /// True when a value of this type may be used where a boolean is expected.
    var mayBeBoolean: Bool {
        switch self {
        case .any, .null, .boolean: true
        default: false
        }
    }

    var isNumber: Bool { self == .integer || self == .float }

    /// True when the type is known and is not a number.
    var isKnownNonNumber: Bool {
        switch self {
        case .any, .null, .integer, .float: false
        default: true
        }
    }

    var isEntity: Bool { self == .node || self == .relationship }

    public var description: String {
        switch self {
        case .any: "Any"
        case .null: "Null"
        case .boolean: "Boolean"
        case .integer: "Integer"
        case .float: "Float"
        case .string: "String"
        case .list(let e): "List<\(e)>"
        case .map: "Map"
        case .node: "Node"
        case .relationship: "Relationship"
        case .path: "Path"
        }
    }

    /// The common type of two types (for list elements and CASE branches).
    func joined(with other: StaticType) -> StaticType {
        if self == other { return self }
        if self == .null { return other }
        if other == .null { return self }
        if isNumber, other.isNumber { return .any }
        return .any
    }
}
