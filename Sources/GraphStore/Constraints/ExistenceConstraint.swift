/// A property existence constraint (Neo4j's `REQUIRE n.p IS NOT NULL`): every node with a label, or every
/// relationship of a type, must have the property. Checked when a transaction commits
/// (`GraphTransaction.checkRequiredProperties()`), so a statement may create a node and set the property later.
public struct ExistenceConstraint: Sendable, Hashable {
    /// What the constraint applies to.
    public enum Target: Sendable, Hashable {
        case label(LabelID)
        case relationshipType(RelationshipTypeID)
    }

    public let name: String
    public let target: Target
    public let key: PropertyKeyID

    init(name: String, target: Target, key: PropertyKeyID) {
        self.name = name
        self.target = target
        self.key = key
    }
}

/// A constraint other than a single-property uniqueness constraint, as the mutation log records its creation.
public struct ConstraintRule: Sendable, Hashable {
    public enum Kind: UInt8, Sendable, Hashable {
        /// Uniqueness over several properties (one property is `GraphMutation.createConstraint`).
        case uniqueness = 0
        case nodeKey = 1
        case nodeExistence = 2
        case relationshipExistence = 3
    }

    public var name: String
    public var kind: Kind
    /// The label, or for `relationshipExistence` the relationship type.
    public var token: UInt32
    public var keys: [PropertyKeyID]

    public init(name: String, kind: Kind, token: UInt32, keys: [PropertyKeyID]) {
        self.name = name
        self.kind = kind
        self.token = token
        self.keys = keys
    }
}
