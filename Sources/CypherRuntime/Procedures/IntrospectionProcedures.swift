import CypherSyntax
import GraphStore

/// The built-in procedures that describe the database, with Neo4j's names and output columns:
/// `db.labels()`, `db.relationshipTypes()`, `db.propertyKeys()`
/// (https://neo4j.com/docs/operations-manual/current/procedures/), `db.schema.visualization()`, the deprecated
/// `db.indexes()` of Neo4j 4.x (https://neo4j.com/docs/operations-manual/4.4/reference/procedures/), and the
/// internal procedures that `SHOW INDEXES / CONSTRAINTS / PROCEDURES / FUNCTIONS` run as (`ShowCatalog`).
/// Every query can call them; a registered procedure of the same name replaces one.
public enum IntrospectionProcedures {
    public static let all: [Procedure] = [
        labels, relationshipTypes, propertyKeys, schemaVisualization, indexes,
        show(.indexes), show(.constraints), show(.procedures), show(.functions),
    ]

    /// Labels carried by at least one node, in the order they were first used.
    static let labels = Procedure(
        name: "db.labels", signature: .init(inputs: [], outputs: [("label", .string)]),
        description: "List all labels attached to nodes within a database."
    ) { context, _ in
        let g = context.graph
        return g.catalog.labelNames.indices.compactMap { i in
            let label = LabelID(UInt16(i))
            return g.nodeCount(label: label) > 0 ? [.string(g.catalog.name(of: label))] : nil
        }
    }

    /// Relationship types of at least one relationship, in the order they were first used.
    static let relationshipTypes = Procedure(
        name: "db.relationshipTypes", signature: .init(inputs: [], outputs: [("relationshipType", .string)]),
        description: "List all types attached to relationships within a database."
    ) { context, _ in
        let g = context.graph
        return g.catalog.typeNames.indices.compactMap { i in
            let type = RelationshipTypeID(UInt16(i))
            return g.relationshipCount(type: type) > 0 ? [.string(g.catalog.name(of: type))] : nil
        }
    }

    /// Every property key the database has seen (Neo4j keeps keys once created, and lists them all).
    static let propertyKeys = Procedure(
        name: "db.propertyKeys", signature: .init(inputs: [], outputs: [("propertyKey", .string)]),
        description: "List all property keys in the database."
    ) { context, _ in
        context.graph.catalog.keyNames.map { [.string($0)] }
    }

    /// The schema as one entry per label and per (start label, type, end label) seen on a relationship.
    /// Neo4j returns virtual nodes and relationships; we have no virtual entities, so the entries are maps:
    /// nodes `{name, indexes, constraints}` and relationships `{name, startNode, endNode}` naming labels.
    /// Relationships are found by reading every relationship once.
    static let schemaVisualization = Procedure(
        name: "db.schema.visualization",
        signature: .init(inputs: [], outputs: [("nodes", .list(.map)), ("relationships", .list(.map))]),
        description: "Visualizes the schema of the data: one entry per label and per relationship type between labels."
    ) { context, _ in
        let g = context.graph
        var nodes: [Value] = []
        let indexRows = SchemaExecution.indexTable(g, vectorIndexes: context.vectorIndexes)
        for i in g.catalog.labelNames.indices where g.nodeCount(label: LabelID(UInt16(i))) > 0 {
            let name = g.catalog.labelNames[i]
            func on(_ row: [String: Value]) -> Bool { row["labelsOrTypes"] == .list([.string(name)]) }
            let indexes = indexRows.filter(on).flatMap { row -> [Value] in
                if case .list(let p) = row["properties"] { p } else { [] }
            }
            let constraints = SchemaExecution.constraintTable(g).filter(on).compactMap { $0["createStatement"] }
            nodes.append(.map(["name": .string(name), "indexes": .list(indexes), "constraints": .list(constraints)]))
        }
        struct Edge: Hashable { var from: LabelID, type: RelationshipTypeID, to: LabelID }
        var seen = Set<Edge>()
        var relationships: [Value] = []
        for type in g.relationshipTypes {
            g.forEachNode { source in
                guard g.degree(of: source, type: type, direction: .outgoing) > 0 else { return }
                let from = g.labels(of: source)
                g.forEachRelationship(of: source, type: type, direction: .outgoing) { target, _ in
                    for a in from {
                        for b in g.labels(of: target) where seen.insert(Edge(from: a, type: type, to: b)).inserted {
                            relationships.append(
                                .map([
                                    "name": .string(g.catalog.name(of: type)), "startNode": .string(g.catalog.name(of: a)),
                                    "endNode": .string(g.catalog.name(of: b)),
                                ]))
                        }
                    }
                }
            }
        }
        return [[.list(nodes), .list(relationships)]]
    }

    /// Neo4j 4.x's `db.indexes()` (removed in Neo4j 5 in favour of SHOW INDEXES; old drivers and tools still call it).
    static let indexes = Procedure(
        name: "db.indexes",
        signature: .init(
            inputs: [],
            outputs: [
                ("id", .integer), ("name", .string), ("state", .string), ("populationPercent", .float),
                ("uniqueness", .string), ("type", .string), ("entityType", .string),
                ("labelsOrTypes", .list(.string)), ("properties", .list(.string)), ("provider", .string),
            ]),
        description: "List all indexes in the database (deprecated: use SHOW INDEXES)."
    ) { context, _ in
        SchemaExecution.indexTable(context.graph, vectorIndexes: context.vectorIndexes).map { row in
            let unique = row["owningConstraint"].map { !$0.isNull } ?? false
            return [
                row["id"] ?? .null, row["name"] ?? .null, row["state"] ?? .null, row["populationPercent"] ?? .null,
                .string(unique ? "UNIQUE" : "NONUNIQUE"), row["type"] ?? .null, row["entityType"] ?? .null,
                row["labelsOrTypes"] ?? .null, row["properties"] ?? .null, row["indexProvider"] ?? .null,
            ]
        }
    }

    /// The procedure a SHOW command runs as: every column of `catalog`, one row per entry.
    static func show(_ catalog: ShowCatalog) -> Procedure {
        let inputs: [(name: String, type: StaticType)] = catalog == .functions ? [("builtIn", .boolean)] : []
        return Procedure(
            name: catalog.procedureName,
            signature: .init(inputs: inputs, outputs: catalog.allColumns.map { ($0, .any) }),
            description: "The rows of SHOW \(catalog.rawValue.uppercased()).", listed: false
        ) { context, arguments in
            let rows: [[String: Value]]
            switch catalog {
            case .indexes: rows = SchemaExecution.indexTable(context.graph, vectorIndexes: context.vectorIndexes)
            case .constraints: rows = SchemaExecution.constraintTable(context.graph)
            case .procedures: rows = context.procedures.filter(\.isListed).map(procedureRow)
            case .functions: rows = arguments.first == .bool(false) ? [] : BuiltInFunctions.rows
            }
            return rows.map { row in catalog.allColumns.map { row[$0] ?? .null } }
        }
    }

    /// A procedure as SHOW PROCEDURES lists it.
    static func procedureRow(_ p: Procedure) -> [String: Value] {
        func describe(_ fields: [(name: String, type: StaticType)]) -> [Value] {
            fields.map { f in
                .map([
                    "name": .string(f.name), "type": .string(typeName(f.type)), "description": .string(""),
                    "isDeprecated": .bool(false),
                ])
            }
        }
        let inputs = p.signature.inputs.map { "\($0.name) :: \(typeName($0.type))" }.joined(separator: ", ")
        let outputs = p.signature.outputs.map { "\($0.name) :: \(typeName($0.type))" }.joined(separator: ", ")
        let deprecated = p.name == "db.indexes"
        return [
            "name": .string(p.name), "description": .string(p.description), "mode": .string(p.mode),
            "worksOnSystem": .bool(false),
            "signature": .string("\(p.name)(\(inputs))" + (outputs.isEmpty ? " :: VOID" : " :: (\(outputs))")),
            "argumentDescription": .list(describe(p.signature.inputs)),
            "returnDescription": .list(describe(p.signature.outputs)), "admin": .bool(false),
            "rolesExecution": .null, "rolesBoostedExecution": .null, "isDeprecated": .bool(deprecated),
            "option": .map(["deprecated": .bool(deprecated)]),
        ]
    }

    /// Neo4j's spelling of a static type (`LIST<STRING>`, `INTEGER`, ...).
    static func typeName(_ t: StaticType) -> String {
        switch t {
        case .any, .null: "ANY"
        case .boolean: "BOOLEAN"
        case .integer: "INTEGER"
        case .float: "FLOAT"
        case .string: "STRING"
        case .list(let e): "LIST<\(typeName(e))>"
        case .map: "MAP"
        case .node: "NODE"
        case .relationship: "RELATIONSHIP"
        case .path: "PATH"
        }
    }
}
