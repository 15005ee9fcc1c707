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
            guard properties.count == 1 else {
                throw CypherRuntimeError(
                    .unsupported, "only single-property uniqueness constraints are supported, not (\(properties.joined(separator: ", ")))")
            }
            let key = properties[0]
            try validate([(name, "constraint"), (label, "label"), (key, "property key")])
            statistics = try store.write { txn in
                let s = txn.snapshot
                let existing = s.constraints.first { c in
                    s.catalog.name(of: c.label) == label && s.catalog.name(of: c.key) == key
                }
                if let existing {
                    if ifNotExists { return WriteStatistics() }
                    throw CypherRuntimeError(
                        .schemaRuleAlreadyExists,
                        "constraint `\(existing.name)` already requires :\(label)(\(key)) to be unique")
                }
                if let name, s.constraint(named: name) != nil {
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
                    try txn.createUniqueConstraint(name: name, label: label, key: key)
                } catch let e as GraphStoreError where e.code == .constraintViolation {
                    throw CypherRuntimeError(.constraintCreationFailed, e.message)
                }
                return txn.statistics
            }
        case .dropConstraint(let name, let ifExists):
            statistics = try store.write { txn in
                guard txn.snapshot.constraint(named: name) != nil else {
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
            if store.snapshot.constraint(named: indexName) != nil || store.snapshot.propertyIndex(named: indexName) != nil {
                throw CypherRuntimeError(.schemaRuleAlreadyExists, "a constraint named `\(indexName)` already exists")
            }
            let config = try VectorIndexOptions(options, parameters: parameters)
            do {
                try vectorIndexes.createVectorIndex(name: indexName, label: label, property: property, options: config)
            } catch let e as CypherRuntimeError where e.code == .schemaRuleAlreadyExists && ifNotExists {
                break  // a concurrent create of the same index won
            }
        case .createPropertyIndex(let name, let ifNotExists, let text, _, let label, let properties):
            guard properties.count == 1 else {
                throw CypherRuntimeError(
                    .unsupported, "only single-property indexes are supported, not (\(properties.joined(separator: ", ")))")
            }
            let key = properties[0]
            let kind: PropertyIndex.Kind = text ? .text : .range
            let indexName = name ?? (text ? "text_index_\(label)_\(key)" : "index_\(label)_\(key)")
            if vectorIndexes?.vectorIndexDescriptions().contains(where: { $0.name == indexName }) == true {
                if ifNotExists { break }
                throw CypherRuntimeError(.schemaRuleAlreadyExists, "an index named `\(indexName)` already exists")
            }
            try store.write { txn in
                let s = txn.snapshot
                let same = s.propertyIndexes.first { i in
                    i.kind == kind && s.catalog.name(of: i.label) == label && s.catalog.name(of: i.key) == key
                }
                if let same {
                    if ifNotExists { return }
                    throw CypherRuntimeError(
                        .schemaRuleAlreadyExists,
                        "index `\(same.name)` already indexes :\(label)(\(key)) as \(kind.name)")
                }
                if s.propertyIndex(named: indexName) != nil || s.constraint(named: indexName) != nil {
                    if ifNotExists { return }
                    throw CypherRuntimeError(
                        .schemaRuleAlreadyExists, "an index or constraint named `\(indexName)` already exists")
                }
                try txn.createPropertyIndex(name: indexName, kind: kind, label: label, key: key)
            }
        case .dropIndex(let name, let ifExists):
            if store.snapshot.propertyIndex(named: name) != nil {
                try store.write { txn in try txn.dropPropertyIndex(named: name) }
            } else if let vectorIndexes, vectorIndexes.vectorIndexDescriptions().contains(where: { $0.name == name }) {
                try vectorIndexes.dropVectorIndex(name: name)
            } else if store.snapshot.constraint(named: name) != nil {
                throw CypherRuntimeError(
                    .schemaRuleNotFound, "`\(name)` is owned by a constraint: drop it with DROP CONSTRAINT \(name)")
            } else if !ifExists {
                throw CypherRuntimeError(.schemaRuleNotFound, "no index named `\(name)`")
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
    private static func validate(_ names: [(String?, String)]) throws {
        for case (let name?, let kind) in names {
            do { try TokenName.validate(name, kind: kind) } catch {
                throw CypherRuntimeError(.invalidTokenName, error.message)
            }
        }
    }
}
