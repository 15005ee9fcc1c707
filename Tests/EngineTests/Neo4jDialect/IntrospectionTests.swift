import CypherRuntime
import CypherSyntax
import Engine
import GraphStore
import Testing

/// The procedures and SHOW commands schema readers (py2neo, Browser-style tools, LangChain's Neo4jGraph) call,
/// with Neo4j's column names (pages cited in docs/cypher.md).
@Suite struct IntrospectionTests {
    func shop() throws -> Database {
        let db = Database()
        _ = try db.query(
            """
            CREATE (c:Customer {id: 'c1', name: 'Ada'})-[:PURCHASED {qty: 2}]->(p:Product {id: 'p1', unitPrice: 3.5}),
                   (c)-[:VIEWED]->(p), (:Category {title: 'Tea'})
            """)
        _ = try db.query("CREATE CONSTRAINT customer_id FOR (c:Customer) REQUIRE c.id IS UNIQUE")
        // A label and a type used once and then deleted are not listed; their tokens remain.
        _ = try db.query("CREATE (:Gone)-[:GONE]->(:Gone)")
        _ = try db.query("MATCH (g:Gone) DETACH DELETE g")
        return db
    }

    func column(_ r: QueryResult, _ name: String) -> [Value] {
        guard let i = r.columns.firstIndex(of: name) else { return [] }
        return r.rows.map { $0[i] }
    }

    @Test func labelsTypesAndPropertyKeys() throws {
        let db = try shop()
        let labels = try db.query("CALL db.labels()")
        #expect(labels.columns == ["label"])
        #expect(Set(column(labels, "label")) == [.string("Customer"), .string("Product"), .string("Category")])
        let types = try db.query("CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType ORDER BY relationshipType")
        #expect(types.rows == [[.string("PURCHASED")], [.string("VIEWED")]])
        let keys = try db.query("CALL db.propertyKeys() YIELD propertyKey RETURN collect(propertyKey) AS keys")
        guard case .list(let k) = keys.rows[0][0] else { Issue.record("keys"); return }
        #expect(Set(k).isSuperset(of: [.string("id"), .string("name"), .string("unitPrice"), .string("qty"), .string("title")]))
        // Inside an explicit transaction the procedures see its own writes.
        var txn = db.beginTransaction()
        _ = try db.query("CREATE (:Draft)", in: &txn)
        let inside = try db.query("CALL db.labels() YIELD label WHERE label = 'Draft' RETURN label", in: &txn)
        #expect(inside.rows == [[.string("Draft")]])
        #expect(try db.query("CALL db.labels() YIELD label WHERE label = 'Draft' RETURN label").rows.isEmpty)
    }

    @Test func schemaVisualizationAndComponents() throws {
        let db = try shop()
        let schema = try db.query("CALL db.schema.visualization()")
        #expect(schema.columns == ["nodes", "relationships"])
        guard case .list(let nodes) = schema.rows[0][0], case .list(let rels) = schema.rows[0][1] else {
            Issue.record("shape \(schema.rows)"); return
        }
        #expect(nodes.count == 3)
        #expect(
            Set(rels) == [
                .map(["name": .string("PURCHASED"), "startNode": .string("Customer"), "endNode": .string("Product")]),
                .map(["name": .string("VIEWED"), "startNode": .string("Customer"), "endNode": .string("Product")]),
            ])
        let customer = nodes.first { if case .map(let m) = $0 { m["name"] == .string("Customer") } else { false } }
        guard case .map(let c) = customer else { Issue.record("no Customer entry"); return }
        #expect(c["indexes"] == .list([.string("id")]))
        let components = try db.query(
            "CALL dbms.components() YIELD name, versions, edition UNWIND versions AS version RETURN name, version, edition")
        #expect(components.columns == ["name", "version", "edition"])
        #expect(components.rows.first == [.string("Neo4j Kernel"), .string(EngineInfo.neo4jCompatibility), .string("community")])
    }

    @Test func deprecatedDbIndexesKeepsNeo4jFourColumns() throws {
        let db = try shop()
        let r = try db.query("CALL db.indexes()")
        #expect(
            r.columns == [
                "id", "name", "state", "populationPercent", "uniqueness", "type", "entityType", "labelsOrTypes",
                "properties", "provider",
            ])
        #expect(r.rows.count == 1)
        #expect(column(r, "uniqueness") == [.string("UNIQUE")])
        #expect(column(r, "labelsOrTypes") == [.list([.string("Customer")])])
    }

    @Test func showCommandsTakeYieldWhereAndReturn() throws {
        let db = try shop()
        let bare = try db.query("SHOW INDEXES")
        #expect(bare.columns == ShowCatalog.indexes.defaultColumns)
        let all = try db.query("SHOW INDEXES YIELD *")
        #expect(all.columns == ShowCatalog.indexes.allColumns)
        #expect(all.columns.contains("createStatement"))
        let filtered = try db.query(
            "SHOW INDEXES YIELD name, type, owningConstraint AS owner WHERE type = 'RANGE' RETURN name, owner")
        #expect(filtered.columns == ["name", "owner"])
        #expect(filtered.rows == [[.string("customer_id"), .string("customer_id")]])
        #expect(try db.query("SHOW INDEXES WHERE type = 'VECTOR'").rows.isEmpty)
        let constraints = try db.query("SHOW CONSTRAINTS YIELD name, createStatement")
        #expect(
            constraints.rows == [[
                .string("customer_id"),
                .string("CREATE CONSTRAINT `customer_id` FOR (n:`Customer`) REQUIRE (n.`id`) IS UNIQUE"),
            ]])
        let procedures = try db.query("SHOW PROCEDURES")
        #expect(procedures.columns == ["name", "description", "mode", "worksOnSystem"])
        let names = column(procedures, "name")
        for name in ["db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization", "db.indexes",
            "dbms.components", "db.index.vector.queryNodes"] {
            #expect(names.contains(.string(name)), "\(name)")
        }
        #expect(!names.contains { if case .string(let n) = $0 { n.hasPrefix("internal.") } else { true } })
        let sorted = try db.query(
            "SHOW PROCEDURES YIELD name, signature, isDeprecated ORDER BY name SKIP 1 LIMIT 2 WHERE name STARTS WITH 'db.'")
        #expect(sorted.columns == ["name", "signature", "isDeprecated"])
        let labels = try db.query("SHOW PROCEDURES YIELD name, signature WHERE name = 'db.labels' RETURN signature")
        #expect(labels.rows == [[.string("db.labels() :: (label :: STRING)")]])
        let deprecated = try db.query("SHOW PROCEDURES YIELD name, isDeprecated WHERE isDeprecated RETURN name")
        #expect(deprecated.rows == [[.string("db.indexes")]])
        let functions = try db.query("SHOW FUNCTIONS")
        #expect(functions.columns == ["name", "category", "description"])
        #expect(functions.rows.count > 80)
        let aggregating = try db.query(
            "SHOW FUNCTIONS YIELD name, aggregating WHERE aggregating RETURN collect(name) AS names")
        guard case .list(let agg) = aggregating.rows[0][0] else { Issue.record("aggregating"); return }
        #expect(Set(agg) == Set(["avg", "collect", "count", "max", "min", "percentileCont", "percentileDisc", "stDev", "stDevP", "sum"].map { Value.string($0) }))
        #expect(try db.query("SHOW USER DEFINED FUNCTIONS").rows.isEmpty)
        #expect(try db.query("SHOW BUILT IN FUNCTIONS YIELD name WHERE name = 'elementId'").rows.count == 1)
    }

    @Test func everyListedFunctionIsOneTheCheckerKnows() throws {
        let db = Database()
        let names = try db.query("SHOW FUNCTIONS YIELD name, category").rows
        for row in names {
            guard case .string(let name) = row[0] else { continue }
            // An unknown function is a syntax error (UnknownFunction) at compile time, whatever its arguments.
            do {
                _ = try db.query("EXPLAIN RETURN \(name)(1)")
            } catch let e as CypherSyntaxError {
                #expect(e.code != .unknownFunction, "\(name): \(e)")
            } catch {}
        }
    }

    @Test func badShowCommandsAreSyntaxErrorsWithPositions() throws {
        let db = Database()
        for q in ["SHOW TABLES", "SHOW INDEXES YIELD", "SHOW PROCEDURES YIELD nope", "SHOW USER DEFINED INDEXES"] {
            #expect(throws: CypherSyntaxError.self, "\(q)") { _ = try db.query(q) }
        }
    }
}
