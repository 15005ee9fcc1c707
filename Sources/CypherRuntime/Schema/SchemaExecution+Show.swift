import CypherSyntax
import GraphStore

extension SchemaExecution {
    /// One row per constraint, sorted by name, keyed by the columns of `ShowCatalog.constraints`.
    static func constraintTable(_ s: GraphSnapshot) -> [[String: Value]] {
        var rows: [[String: Value]] = []
        for c in s.constraints {
            let label = s.catalog.name(of: c.label)
            let keys = c.keys.map { s.catalog.name(of: $0) }
            let props = keys.map { "n.\(quoted($0))" }.joined(separator: ", ")
            rows.append([
                "name": .string(c.name), "type": .string(c.isNodeKey ? "NODE_KEY" : "UNIQUENESS"),
                "entityType": .string("NODE"), "labelsOrTypes": .list([.string(label)]),
                "properties": .list(keys.map { .string($0) }), "ownedIndex": .string(c.name), "propertyType": .null,
                "options": .map(["indexProvider": .string("range-1.0"), "indexConfig": .map([:])]),
                "createStatement": .string(
                    "CREATE CONSTRAINT \(quoted(c.name)) FOR (n:\(quoted(label))) REQUIRE (\(props))"
                        + (c.isNodeKey ? " IS NODE KEY" : " IS UNIQUE")),
            ])
        }
        for c in s.existenceConstraints {
            let key = s.catalog.name(of: c.key)
            let (type, entity, token, pattern): (String, String, String, String)
            switch c.target {
            case .label(let l):
                let name = s.catalog.name(of: l)
                (type, entity, token, pattern) = ("NODE_PROPERTY_EXISTENCE", "NODE", name, "(n:\(quoted(name)))")
            case .relationshipType(let t):
                let name = s.catalog.name(of: t)
                (type, entity, token, pattern) = ("RELATIONSHIP_PROPERTY_EXISTENCE", "RELATIONSHIP", name, "()-[n:\(quoted(name))]-()")
            }
            rows.append([
                "name": .string(c.name), "type": .string(type), "entityType": .string(entity),
                "labelsOrTypes": .list([.string(token)]), "properties": .list([.string(key)]), "ownedIndex": .null,
                "propertyType": .null, "options": .null,
                "createStatement": .string("CREATE CONSTRAINT \(quoted(c.name)) FOR \(pattern) REQUIRE (n.\(quoted(key))) IS NOT NULL"),
            ])
        }
        func name(_ row: [String: Value]) -> String { if case .string(let s) = row["name"] { s } else { "" } }
        rows.sort { name($0) < name($1) }
        for i in rows.indices { rows[i]["id"] = .int(Int64(i + 1)) }
        return rows
    }

    /// One row per index (a constraint's own index included, as a RANGE index it owns), sorted by name, keyed by
    /// the columns of `ShowCatalog.indexes`. We keep no read statistics: `lastRead`, `readCount` and
    /// `trackedSince` are null.
    static func indexTable(_ s: GraphSnapshot, vectorIndexes: (any VectorIndexCatalog)?) -> [[String: Value]] {
        var all: [[String: Value]] = []
        for c in s.constraints {
            all.append([
                "name": .string(c.name), "state": .string("ONLINE"), "populationPercent": .float(100),
                "type": .string("RANGE"), "entityType": .string("NODE"),
                "labelsOrTypes": .list([.string(s.catalog.name(of: c.label))]),
                "properties": .list(c.keys.map { .string(s.catalog.name(of: $0)) }), "indexProvider": .string("range-1.0"),
                "owningConstraint": .string(c.name), "options": .map([:]), "failureMessage": .string(""),
                "createStatement": .null,
            ])
        }
        for i in s.propertyIndexes {
            let label = s.catalog.name(of: i.label)
            let keys = i.keys.map { s.catalog.name(of: $0) }
            all.append([
                "name": .string(i.name), "state": .string("ONLINE"), "populationPercent": .float(100),
                "type": .string(i.kind.name), "entityType": .string("NODE"), "labelsOrTypes": .list([.string(label)]),
                "properties": .list(keys.map { .string($0) }),
                "indexProvider": .string(i.kind == .text ? "text-2.0" : "range-1.0"), "owningConstraint": .null,
                "options": .map([
                    "indexProvider": .string(i.kind == .text ? "text-2.0" : "range-1.0"), "indexConfig": .map([:]),
                ]),
                "failureMessage": .string(""),
                "createStatement": .string(
                    "CREATE \(i.kind.name) INDEX \(quoted(i.name)) FOR (n:\(quoted(label))) ON ("
                        + keys.map { "n.\(quoted($0))" }.joined(separator: ", ") + ")"),
            ])
        }
        for v in vectorIndexes?.vectorIndexDescriptions() ?? [] {
            let config: [String: Value] = [
                "vector.dimensions": .int(Int64(v.dimensions)),
                "vector.similarity_function": .string(v.similarity.uppercased()),
                "vector.quantization.enabled": .bool(v.quantization),
                "vector.recall_target": .float(v.recallTarget),
                "vector.ivf.lists": .int(Int64(v.lists)),
            ]
            // How searches meet the target now: every vector (small index) or the calibrated probes.
            let search: [String: Value] = [
                "mode": .string(v.exact ? "EXACT" : "IVF"),
                "probes": v.probes.map { .int(Int64($0)) } ?? .null,
                "expectedRecall": v.expectedRecall.map { .float($0) } ?? .null,
            ]
            all.append([
                "name": .string(v.name), "state": .string("ONLINE"), "populationPercent": .float(100),
                "type": .string("VECTOR"), "entityType": .string("NODE"), "labelsOrTypes": .list([.string(v.label)]),
                "properties": .list([.string(v.property)]), "indexProvider": .string("ivfflat-1.0"),
                "owningConstraint": .null,
                "options": .map([
                    "indexProvider": .string("ivfflat-1.0"), "indexConfig": .map(config), "entries": .int(Int64(v.count)),
                    "search": .map(search),
                ]),
                "failureMessage": .string(""),
                "createStatement": .string(
                    "CREATE VECTOR INDEX \(quoted(v.name)) FOR (n:\(quoted(v.label))) ON (n.\(quoted(v.property)))"
                        + " OPTIONS {indexConfig: {`vector.dimensions`: \(v.dimensions),"
                        + " `vector.similarity_function`: '\(v.similarity.lowercased())'}}"),
            ])
        }
        func name(_ row: [String: Value]) -> String { if case .string(let s) = row["name"] { s } else { "" } }
        all.sort { name($0) < name($1) }
        for i in all.indices {
            all[i]["id"] = .int(Int64(i + 1))
            for key in ["lastRead", "readCount", "trackedSince"] { all[i][key] = .null }
        }
        return all
    }

    /// A name in backquotes (inner backquotes doubled), as Neo4j writes names in `createStatement`.
    static func quoted(_ name: String) -> String { "`" + name.split(separator: "`", omittingEmptySubsequences: false).joined(separator: "``") + "`" }
}
