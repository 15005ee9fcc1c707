/// The token tables: names of labels, relationship types and property keys, and their ids.
///
/// Tokens are created on first use by a write and never removed, as in Neo4j.
public struct Catalog: Sendable {
    public private(set) var labelNames: [String] = []
    public private(set) var typeNames: [String] = []
    public private(set) var keyNames: [String] = []
    private var labelIDs: [String: LabelID] = [:]
    private var typeIDs: [String: RelationshipTypeID] = [:]
    private var keyIDs: [String: PropertyKeyID] = [:]

    public init() {}

    public func label(_ name: String) -> LabelID? { labelIDs[name] }
    public func relationshipType(_ name: String) -> RelationshipTypeID? { typeIDs[name] }
    public func propertyKey(_ name: String) -> PropertyKeyID? { keyIDs[name] }

    public func name(of label: LabelID) -> String { labelNames[label.index] }
    public func name(of type: RelationshipTypeID) -> String { typeNames[type.index] }
    public func name(of key: PropertyKeyID) -> String { keyNames[Int(key.rawValue)] }

    mutating func internLabel(_ name: String) throws(GraphStoreError) -> LabelID {
        if let id = labelIDs[name] { return id }
        try Self.validate(name, kind: "label")
        guard labelNames.count < Int(UInt16.max) else {
            throw GraphStoreError(.capacityExceeded, "too many labels (limit \(UInt16.max))")
        }
        let id = LabelID(UInt16(labelNames.count))
        labelNames.append(name)
        labelIDs[name] = id
        return id
    }

    mutating func internType(_ name: String) throws(GraphStoreError) -> RelationshipTypeID {
        if let id = typeIDs[name] { return id }
        try Self.validate(name, kind: "relationship type")
        guard typeNames.count < Int(UInt16.max) else {
            throw GraphStoreError(.capacityExceeded, "too many relationship types (limit \(UInt16.max))")
        }
        let id = RelationshipTypeID(UInt16(typeNames.count))
        typeNames.append(name)
        typeIDs[name] = id
        return id
    }

    mutating func internKey(_ name: String) throws(GraphStoreError) -> PropertyKeyID {
        if let id = keyIDs[name] { return id }
        try Self.validate(name, kind: "property key")
        let id = PropertyKeyID(UInt32(keyNames.count))
        keyNames.append(name)
        keyIDs[name] = id
        return id
    }

    private static func validate(_ name: String, kind: String) throws(GraphStoreError) {
        if name.isEmpty { throw GraphStoreError(.invalidName, "a \(kind) name cannot be empty") }
    }
}
