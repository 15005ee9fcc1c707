/// A PackStream value: the wire form of everything Bolt carries (parameters, records, metadata).
///
/// Graph entities and temporals are `structure`s with a one-byte tag; `BoltValueEncoder` and
/// `BoltValueDecoder` translate them to and from the runtime's `Value`.
public indirect enum PackValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case bytes([UInt8])
    case string(String)
    case list([PackValue])
    /// Entries in wire order (PackStream maps are ordered on the wire; keys are unique).
    case map([(String, PackValue)])
    case structure(tag: UInt8, fields: [PackValue])

    public static func == (a: PackValue, b: PackValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.float(let x), .float(let y)): x.bitPattern == y.bitPattern || x == y
        case (.bytes(let x), .bytes(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.list(let x), .list(let y)): x == y
        case (.map(let x), .map(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.structure(let t1, let f1), .structure(let t2, let f2)): t1 == t2 && f1 == f2
        default: false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .null: h.combine(0)
        case .bool(let b): h.combine(b)
        case .int(let i): h.combine(i)
        case .float(let d): h.combine(d.bitPattern)
        case .bytes(let b): h.combine(b)
        case .string(let s): h.combine(s)
        case .list(let l): h.combine(l)
        case .map(let m):
            for (k, v) in m {
                h.combine(k)
                h.combine(v)
            }
        case .structure(let t, let f):
            h.combine(t)
            h.combine(f)
        }
    }

    /// The value under `key` of a map, else nil.
    public subscript(key: String) -> PackValue? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.0 == key }?.1
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var intValue: Int64? { if case .int(let i) = self { i } else { nil } }
    public var listValue: [PackValue]? { if case .list(let l) = self { l } else { nil } }
    public var mapEntries: [(String, PackValue)]? { if case .map(let m) = self { m } else { nil } }
}

extension PackValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: PackValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, PackValue)...) { self = .map(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(floatLiteral value: Double) { self = .float(value) }
}
