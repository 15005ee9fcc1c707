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
                if let name, vectorIndexes?.vectorIndexDescriptions().contains(where: { $0.name == name }) == true {
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
            if store.snapshot.constraint(named: indexName) != nil {
                throw CypherRuntimeError(.schemaRuleAlreadyExists, "a constraint named `\(indexName)` already exists")
            }
            let config = try VectorIndexOptions(options, parameters: parameters)
            try vectorIndexes.createVectorIndex(
                name: indexName, label: label, property: property, dimensions: config.dimensions, lists: config.lists)
        case .dropIndex(let name, let ifExists):
            if let vectorIndexes, vectorIndexes.vectorIndexDescriptions().contains(where: { $0.name == name }) {
                try vectorIndexes.dropVectorIndex(name: name)
            } else if store.snapshot.constraint(named: name) != nil {
                throw CypherRuntimeError(
                    .schemaRuleNotFound, "`\(name)` is owned by a constraint: drop it with DROP CONSTRAINT \(name)")
            } else if !ifExists {
                throw CypherRuntimeError(.schemaRuleNotFound, "no index named `\(name)`")
            }
        case .showConstraints:
            columns = ["id", "name", "type", "entityType", "labelsOrTypes", "properties", "ownedIndex", "propertyType"]
            let s = store.snapshot
            for (i, c) in s.constraints.sorted(by: { $0.name < $1.name }).enumerated() {
                rows.append([
                    .int(Int64(i + 1)), .string(c.name), .string("UNIQUENESS"), .string("NODE"),
                    .list([.string(s.catalog.name(of: c.label))]), .list([.string(s.catalog.name(of: c.key))]),
                    .string(c.name), .null,
                ])
            }
        case .showIndexes:
            columns = [
                "id", "name", "state", "populationPercent", "type", "entityType", "labelsOrTypes", "properties",
                "indexProvider", "owningConstraint", "options",
            ]
            let s = store.snapshot
            var all: [(name: String, row: [Value])] = []
            for c in s.constraints {
                all.append((c.name, [
                    .string(c.name), .string("ONLINE"), .float(100), .string("RANGE"), .string("NODE"),
                    .list([.string(s.catalog.name(of: c.label))]), .list([.string(s.catalog.name(of: c.key))]),
                    .string("range-1.0"), .string(c.name), .map([:]),
                ]))
            }
            for v in vectorIndexes?.vectorIndexDescriptions() ?? [] {
                let config: [String: Value] = [
                    "vector.dimensions": .int(Int64(v.dimensions)),
                    "vector.similarity_function": .string(v.similarity.uppercased()),
                    "vector.ivf.lists": .int(Int64(v.lists)),
                ]
                all.append((v.name, [
                    .string(v.name), .string("ONLINE"), .float(100), .string("VECTOR"), .string("NODE"),
                    .list([.string(v.label)]), .list([.string(v.property)]), .string("ivfflat-1.0"), .null,
                    .map(["indexConfig": .map(config), "entries": .int(Int64(v.count))]),
                ]))
            }
            for (i, entry) in all.sorted(by: { $0.name < $1.name }).enumerated() {
                rows.append([.int(Int64(i + 1))] + entry.row)
            }
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
