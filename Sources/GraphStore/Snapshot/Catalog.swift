/// The token tables: names of labels, relationship types and property keys, and their ids.
///
/// Tokens are created on first use by a write and never removed, as in Neo4j.
public struct Catalog: Sendable {
    /// One kind of token: names in id order, and the id of each name.
    private struct TokenTable: Sendable {
        var names: [String] = []
        var ids: [String: Int] = [:]

        /// The id of `name`, creating it (up to `limit` tokens) if new.
        mutating func intern(_ name: String, kind: String, limit: Int) throws(GraphStoreError) -> Int {
            if let id = ids[name] { return id }
            try TokenName.validate(name, kind: kind)
            guard names.count < limit else {
                throw GraphStoreError(.capacityExceeded, "too many \(kind)s (limit \(limit))")
            }
            ids[name] = names.count
            names.append(name)
            return names.count - 1
        }
    }

    private var labels = TokenTable()
    private var types = TokenTable()
    private var keys = TokenTable()

    public init() {}

    public var labelNames: [String] { labels.names }
    public var typeNames: [String] { types.names }
    public var keyNames: [String] { keys.names }

    public func label(_ name: String) -> LabelID? { labels.ids[name].map { LabelID(UInt16($0)) } }
    public func relationshipType(_ name: String) -> RelationshipTypeID? {
        types.ids[name].map { RelationshipTypeID(UInt16($0)) }
    }
    public func propertyKey(_ name: String) -> PropertyKeyID? { keys.ids[name].map { PropertyKeyID(UInt32($0)) } }

    public func name(of label: LabelID) -> String { labels.names[label.index] }
    public func name(of type: RelationshipTypeID) -> String { types.names[type.index] }
    public func name(of key: PropertyKeyID) -> String { keys.names[Int(key.rawValue)] }

    mutating func internLabel(_ name: String) throws(GraphStoreError) -> LabelID {
        LabelID(UInt16(try labels.intern(name, kind: "label", limit: Int(UInt16.max))))
    }

    mutating func internType(_ name: String) throws(GraphStoreError) -> RelationshipTypeID {
        RelationshipTypeID(UInt16(try types.intern(name, kind: "relationship type", limit: Int(UInt16.max))))
    }

    mutating func internKey(_ name: String) throws(GraphStoreError) -> PropertyKeyID {
        PropertyKeyID(UInt32(try keys.intern(name, kind: "property key", limit: Int(UInt32.max))))
    }
}
