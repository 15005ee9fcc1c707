import CypherSyntax
import GraphStore

/// Runs the schema commands (Neo4j 5 syntax): unique constraints on the graph store, vector indexes through a
/// `VectorIndexCatalog`, and `SHOW CONSTRAINTS` / `SHOW INDEXES` with Neo4j's columns.
enum SchemaExecution {
    static func run(
        _ command: SchemaCommand, parameters: [String: Value], on store: GraphStore,
        vectorIndexes: (any VectorIndexCatalog)?
    ) throws -> QueryResult {
        var statistics = WriteStatistics()
        var columns: [String] = []
        var rows: [[Value]] = []
        switch command.kind {
        case .createUniqueConstraint(let name, let ifNotExists, _, let label, let properties):
            statistics = try createConstraint(
                name: name, ifNotExists: ifNotExists, target: .label(label), properties: properties,
                requirement: .unique, on: store, vectorIndexes: vectorIndexes)
        case .createConstraint(let name, let ifNotExists, _, let target, let properties, let requirement):
            statistics = try createConstraint(
                name: name, ifNotExists: ifNotExists, target: target, properties: properties,
                requirement: requirement, on: store, vectorIndexes: vectorIndexes)
        case .dropConstraint(let name, let ifExists):
            statistics = try store.write { txn in
                guard txn.snapshot.hasConstraint(named: name) else {
                    if ifExists { return WriteStatistics() }
                    throw CypherRuntimeError(.schemaRuleNotFound, "no constraint named `\(name)`")
                }
                try txn.dropConstraint(named: name)
                return txn.statistics
            }
        case .createVectorIndex(let name, let ifNotExists, _, let label, let property, let options):
            guard let vectorIndexes else {
                throw CypherRuntimeError(.unsupported, "vector indexes need a database (Engine.Database)")
            }
            let indexName = name ?? "index_\(label)_\(property)"
            try validate([(indexName, "index"), (label, "label"), (property, "property key")])
            let existing = vectorIndexes.vectorIndexDescriptions()
            if existing.contains(where: { $0.name == indexName || ($0.label == label && $0.property == property) }) {
                if ifNotExists { break }
                throw CypherRuntimeError(
                    .schemaRuleAlreadyExists, "a vector index named `\(indexName)` or on :\(label)(\(property)) already exists")
            }
            if store.snapshot.hasConstraint(named: indexName) || store.snapshot.propertyIndex(named: indexName) != nil {
                throw CypherRuntimeError(.schemaRuleAlreadyExists, "a constraint named `\(indexName)` already exists")
            }
            let config = try VectorIndexOptions(options, parameters: parameters)
            do {
                try vectorIndexes.createVectorIndex(name: indexName, label: label, property: property, options: config)
            } catch let e as CypherRuntimeError where e.code == .schemaRuleAlreadyExists && ifNotExists {
                break  // a concurrent create of the same index won
            }
        case .createPropertyIndex(let name, let ifNotExists, let text, _, let label, let properties):
            if text && properties.count > 1 {
                throw CypherRuntimeError(
                    .unsupported, "a TEXT index is on one property, not (\(properties.joined(separator: ", ")))")
            }
            guard Set(properties).count == properties.count else {
                throw CypherRuntimeError(.schemaRuleAlreadyExists, "an index names each property once")
            }
            try validate([(name, "index"), (label, "label")] + properties.map { ($0, "property key") })
            let kind: PropertyIndex.Kind = text ? .text : .range
            let suffix = properties.joined(separator: "_")
            let indexName = name ?? (text ? "text_index_\(label)_\(suffix)" : "index_\(label)_\(suffix)")
            if vectorIndexes?.vectorIndexDescriptions().contains(where: { $0.name == indexName }) == true {
                if ifNotExists { break }
                throw CypherRuntimeError(.schemaRuleAlreadyExists, "an index named `\(indexName)` already exists")
            }
            try store.write { txn in
                let s = txn.snapshot
                let same = s.propertyIndexes.first { i in
                    i.kind == kind && s.catalog.name(of: i.label) == label
                        && i.keys.map { s.catalog.name(of: $0) } == properties
                }
                if let same {
                    if ifNotExists { return }
                    throw CypherRuntimeError(
                        .schemaRuleAlreadyExists,
                        "index `\(same.name)` already indexes :\(label)(\(properties.joined(separator: ", "))) as \(kind.name)")
                }
                if s.propertyIndex(named: indexName) != nil || s.hasConstraint(named: indexName) {
                    if ifNotExists { return }
                    throw CypherRuntimeError(
                        .schemaRuleAlreadyExists, "an index or constraint named `\(indexName)` already exists")
                }
                try txn.createPropertyIndex(name: indexName, kind: kind, label: label, keys: properties)
            }
        case .dropIndex(let name, let ifExists):
            if store.snapshot.propertyIndex(named: name) != nil {
                try store.write { txn in try txn.dropPropertyIndex(named: name) }
            } else if let vectorIndexes, vectorIndexes.vectorIndexDescriptions().contains(where: { $0.name == name }) {
                try vectorIndexes.dropVectorIndex(name: name)
            } else if store.snapshot.hasConstraint(named: name) {
                throw CypherRuntimeError(
                    .schemaRuleNotFound, "`\(name)` is owned by a constraint: drop it with DROP CONSTRAINT \(name)")
            } else if !ifExists {
                throw CypherRuntimeError(.schemaRuleNotFound, "no index named `\(name)`")
            }
        case .dropIndexOn(let label, let properties):
            // Neo4j 4's form names the schema, not the index: the range index on exactly these properties.
            let match = indexTable(store.snapshot, vectorIndexes: nil).first { row in
                row["type"] == .string("RANGE") && row["owningConstraint"] ?? .null == .null
                    && row["labelsOrTypes"] == .list([.string(label)])
                    && row["properties"] == .list(properties.map { .string($0) })
            }
            guard case .string(let name)? = match?["name"] else {
                throw CypherRuntimeError(
                    .schemaRuleNotFound, "no index on :\(label)(\(properties.joined(separator: ", ")))")
            }
            try store.write { txn in try txn.dropPropertyIndex(named: name) }
        case .dropConstraintOn(let target, let properties, let requirement):
            let token: String
            switch target {
            case .label(let l): token = l
            case .relationshipType(let t): token = t
            }
            let types: Set<String>
            switch requirement {
            case .unique: types = ["UNIQUENESS", "RELATIONSHIP_UNIQUENESS"]
            case .key: types = ["NODE_KEY", "RELATIONSHIP_KEY"]
            case .notNull: types = ["NODE_PROPERTY_EXISTENCE", "RELATIONSHIP_PROPERTY_EXISTENCE"]
            }
            let match = constraintTable(store.snapshot).first { row in
                guard case .string(let type)? = row["type"] else { return false }
                return types.contains(type) && row["labelsOrTypes"] == .list([.string(token)])
                    && row["properties"] == .list(properties.map { .string($0) })
            }
            guard case .string(let name)? = match?["name"] else {
                throw CypherRuntimeError(
                    .schemaRuleNotFound, "no such constraint on \(token)(\(properties.joined(separator: ", ")))")
            }
            statistics = try store.write { txn in
                try txn.dropConstraint(named: name)
                return txn.statistics
            }
        case .showConstraints:
            columns = ShowCatalog.constraints.defaultColumns
            rows = constraintTable(store.snapshot).map { row in columns.map { row[$0] ?? .null } }
        case .showIndexes:
            columns = ShowCatalog.indexes.defaultColumns
            rows = indexTable(store.snapshot, vectorIndexes: vectorIndexes).map { row in columns.map { row[$0] ?? .null } }
        }
        return QueryResult(
            columns: columns, rows: rows, statistics: statistics, propertiesRemoved: 0, snapshot: store.snapshot)
    }

    /// Refuses a name that could not be stored exactly (empty, or with a NUL character) before
    /// anything is created.
    static func validate(_ names: [(String?, String)]) throws {
        for case (let name?, let kind) in names {
            do { try TokenName.validate(name, kind: kind) } catch {
                throw CypherRuntimeError(.invalidTokenName, error.message)
            }
        }
    }
}
