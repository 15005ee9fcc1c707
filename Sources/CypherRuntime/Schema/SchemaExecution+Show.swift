import CypherSyntax
import GraphStore

extension SchemaExecution {
    /// One row per constraint, sorted by name, keyed by the columns of `ShowCatalog.constraints`.
    static func constraintTable(_ s: GraphSnapshot) -> [[String: Value]] {
        s.constraints.sorted { $0.name < $1.name }.enumerated().map { i, c in
            let label = s.catalog.name(of: c.label)
            let key = s.catalog.name(of: c.key)
            return [
                "id": .int(Int64(i + 1)), "name": .string(c.name), "type": .string("UNIQUENESS"),
                "entityType": .string("NODE"), "labelsOrTypes": .list([.string(label)]),
                "properties": .list([.string(key)]), "ownedIndex": .string(c.name), "propertyType": .null,
                "options": .map(["indexProvider": .string("range-1.0"), "indexConfig": .map([:])]),
                "createStatement": .string(
                    "CREATE CONSTRAINT \(quoted(c.name)) FOR (n:\(quoted(label))) REQUIRE (n.\(quoted(key))) IS UNIQUE"),
            ]
        }
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
                "properties": .list([.string(s.catalog.name(of: c.key))]), "indexProvider": .string("range-1.0"),
                "owningConstraint": .string(c.name), "options": .map([:]), "failureMessage": .string(""),
                "createStatement": .null,
            ])
        }
        for i in s.propertyIndexes {
            let label = s.catalog.name(of: i.label)
            let key = s.catalog.name(of: i.key)
            all.append([
                "name": .string(i.name), "state": .string("ONLINE"), "populationPercent": .float(100),
                "type": .string(i.kind.name), "entityType": .string("NODE"), "labelsOrTypes": .list([.string(label)]),
                "properties": .list([.string(key)]),
                "indexProvider": .string(i.kind == .text ? "text-2.0" : "range-1.0"), "owningConstraint": .null,
                "options": .map([
                    "indexProvider": .string(i.kind == .text ? "text-2.0" : "range-1.0"), "indexConfig": .map([:]),
                ]),
                "failureMessage": .string(""),
                "createStatement": .string(
                    "CREATE \(i.kind.name) INDEX \(quoted(i.name)) FOR (n:\(quoted(label))) ON (n.\(quoted(key)))"),
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
