/// One change a transaction made, recorded in order so that a storage layer can make the same
/// change durable (and a mirror can replay it). Token creations come before their first use.
public enum GraphMutation: Sendable, Hashable {
    /// Which token table a new name went into.
    public enum TokenKind: UInt8, Sendable, Hashable {
        case label = 0
        case relationshipType = 1
        case propertyKey = 2
    }

    case createToken(TokenKind, id: UInt32, name: String)
    case createNode(NodeID, labels: [LabelID], properties: PropertyMap)
    case deleteNode(NodeID)
    /// Sets a node property; `.null` removes it.
    case setNodeProperty(NodeID, PropertyKeyID, PropertyValue)
    case addLabel(NodeID, LabelID)
    case removeLabel(NodeID, LabelID)
    case createRelationship(RelationshipID, type: RelationshipTypeID, source: NodeID, target: NodeID, properties: PropertyMap)
    case deleteRelationship(RelationshipID)
    /// Sets a relationship property; `.null` removes it.
    case setRelationshipProperty(RelationshipID, PropertyKeyID, PropertyValue)
    /// A uniqueness constraint on one property.
    case createConstraint(name: String, label: LabelID, key: PropertyKeyID)
    /// A node key, a uniqueness constraint on several properties, or an existence constraint.
    case createConstraintRule(ConstraintRule)
    case dropConstraint(name: String)
    case createIndex(name: String, kind: PropertyIndex.Kind, label: LabelID, key: PropertyKeyID)
    /// A RANGE index on several properties of one label.
    case createCompositeIndex(name: String, label: LabelID, keys: [PropertyKeyID])
    case dropIndex(name: String)
}
