import CypherSyntax
import GraphStore

extension SchemaExecution {
    /// `CREATE CONSTRAINT`: uniqueness (one or several properties), node keys and property existence on nodes,
    /// and existence on relationships. Relationship uniqueness and keys are refused as unsupported.
    static func createConstraint(
        name: String?, ifNotExists: Bool, target: SchemaCommand.ConstraintTarget, properties: [String],
        requirement: SchemaCommand.ConstraintRequirement, on store: GraphStore, vectorIndexes: (any VectorIndexCatalog)?
    ) throws -> WriteStatistics {
        let token: String
        switch target {
        case .label(let l): token = l
        case .relationshipType(let t):
            token = t
            guard requirement == .notNull else {
                throw CypherRuntimeError(
                    .unsupported, "relationship uniqueness and key constraints are not supported; existence (IS NOT NULL) is")
            }
        }
        if requirement == .notNull && properties.count != 1 {
            throw CypherRuntimeError(
                .unsupported, "an existence constraint is on one property, not (\(properties.joined(separator: ", ")))")
        }
        guard Set(properties).count == properties.count else {
            throw CypherRuntimeError(.schemaRuleAlreadyExists, "a constraint names each property once")
        }
        try validate([(name, "constraint"), (token, "label or type")] + properties.map { ($0, "property key") })
        let listed = properties.map { "`\($0)`" }.joined(separator: ", ")
        return try store.write { txn in
            let s = txn.snapshot
            if let existing = equivalent(in: s, target: target, properties: properties, requirement: requirement) {
                if ifNotExists { return WriteStatistics() }
                throw CypherRuntimeError(
                    .schemaRuleAlreadyExists, "constraint `\(existing)` already constrains \(token)(\(listed))")
            }
            if let name, s.hasConstraint(named: name) {
                if ifNotExists { return WriteStatistics() }
                throw CypherRuntimeError(.schemaRuleAlreadyExists, "a constraint named `\(name)` already exists")
            }
            if let name,
                vectorIndexes?.vectorIndexDescriptions().contains(where: { $0.name == name }) == true
                    || s.propertyIndex(named: name) != nil
            {
                throw CypherRuntimeError(.schemaRuleAlreadyExists, "an index named `\(name)` already exists")
            }
            do {
                switch (target, requirement) {
                case (.label(let l), .unique): try txn.createUniqueConstraint(name: name, label: l, keys: properties, nodeKey: false)
                case (.label(let l), .key): try txn.createUniqueConstraint(name: name, label: l, keys: properties, nodeKey: true)
                case (.label(let l), .notNull): try txn.createExistenceConstraint(name: name, label: l, key: properties[0])
                case (.relationshipType(let t), _): try txn.createExistenceConstraint(name: name, type: t, key: properties[0])
                }
            } catch let e as GraphStoreError where e.code == .constraintViolation {
                throw CypherRuntimeError(.constraintCreationFailed, e.message)
            } catch let e as GraphStoreError where e.code == .constraintAlreadyExists {
                if ifNotExists { return WriteStatistics() }
                throw CypherRuntimeError(.schemaRuleAlreadyExists, e.message)
            }
            return txn.statistics
        }
    }

    /// The name of a constraint that already covers the same rule (the same kind on the same properties), or of a
    /// uniqueness constraint or node key on the same properties (one index per property list), if any.
    private static func equivalent(
        in s: GraphSnapshot, target: SchemaCommand.ConstraintTarget, properties: [String],
        requirement: SchemaCommand.ConstraintRequirement
    ) -> String? {
        switch (target, requirement) {
        case (.label(let l), .unique), (.label(let l), .key):
            return s.constraints.first { c in
                s.catalog.name(of: c.label) == l && c.keys.map { s.catalog.name(of: $0) } == properties
            }?.name
        case (.label(let l), .notNull):
            return s.existenceConstraints.first { c in
                guard case .label(let id) = c.target else { return false }
                return s.catalog.name(of: id) == l && s.catalog.name(of: c.key) == properties[0]
            }?.name
        case (.relationshipType(let t), _):
            return s.existenceConstraints.first { c in
                guard case .relationshipType(let id) = c.target else { return false }
                return s.catalog.name(of: id) == t && s.catalog.name(of: c.key) == properties[0]
            }?.name
        }
    }
}
