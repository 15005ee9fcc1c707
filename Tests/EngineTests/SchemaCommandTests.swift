import CypherRuntime
import Engine
import GraphStore
import Testing
import TestSupport

@Suite struct SchemaCommandTests {
    func code(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let e as CypherRuntimeError {
            return e.code.description
        } catch {
            return "\(error)"
        }
    }

    @Test func uniqueConstraintsAreCreatedShownEnforcedAndDropped() throws {
        let dir = SharedData.temporaryDirectory()
        do {
            let db = try Database(directory: dir)
            let created = try db.query("CREATE CONSTRAINT customer_id FOR (c:Customer) REQUIRE c.id IS UNIQUE")
            #expect(created.statistics.constraintsAdded == 1)
            #expect(code { _ = try db.query("CREATE CONSTRAINT FOR (c:Customer) REQUIRE c.id IS UNIQUE") }
                == "SchemaError.EquivalentSchemaRuleAlreadyExists")
            let again = try db.query("CREATE CONSTRAINT customer_id IF NOT EXISTS FOR (c:Customer) REQUIRE c.id IS UNIQUE")
            #expect(again.statistics.constraintsAdded == 0)
            _ = try db.query("CREATE (:Customer {id: 'a'})")
            #expect(code { _ = try db.query("CREATE (:Customer {id: 'a'})") } != nil)
            let shown = try db.query("SHOW CONSTRAINTS")
            #expect(shown.columns.prefix(6) == ["id", "name", "type", "entityType", "labelsOrTypes", "properties"])
            #expect(shown.rows.count == 1)
            #expect(shown.rows[0][1] == .string("customer_id"))
            #expect(shown.rows[0][4] == .list([.string("Customer")]))
            #expect(shown.rows[0][5] == .list([.string("id")]))
            // The constraint's index is listed too, owned by it, as in Neo4j.
            let indexes = try db.query("SHOW INDEXES")
            #expect(indexes.rows.count == 1)
            #expect(indexes.rows[0][4] == .string("RANGE"))
            // Duplicates already present: the constraint cannot be created.
            _ = try db.query("CREATE (:Product {sku: 1}), (:Product {sku: 1})")
            #expect(code { _ = try db.query("CREATE CONSTRAINT FOR (p:Product) REQUIRE p.sku IS UNIQUE") }
                == "SchemaError.ConstraintCreationFailed")
            // Relationship uniqueness is not supported (node keys and composite ones are: ConstraintKindsTests).
            #expect(code { _ = try db.query("CREATE CONSTRAINT FOR ()-[r:R]-() REQUIRE (r.a, r.b) IS UNIQUE") }
                == "NotSupported.Unsupported")
            #expect(code { _ = try db.query("DROP CONSTRAINT nope") } == "SchemaError.SchemaRuleNotFound")
            _ = try db.query("DROP CONSTRAINT nope IF EXISTS")
            #expect(try db.query("EXPLAIN DROP CONSTRAINT customer_id").plan == ["SchemaCommand"])
        }
        do {
            // Durable: still there after reopening, then dropped for good.
            let db = try Database(directory: dir)
            #expect(try db.query("SHOW CONSTRAINTS").rows.count == 1)
            let dropped = try db.query("DROP CONSTRAINT customer_id")
            #expect(dropped.statistics.constraintsRemoved == 1)
            _ = try db.query("CREATE (:Customer {id: 'a'})")
        }
        let db = try Database(directory: dir)
        #expect(try db.query("SHOW CONSTRAINTS").rows.isEmpty)
        #expect(try db.query("MATCH (c:Customer {id: 'a'}) RETURN count(c)").rows == [[.int(2)]])
    }

    /// 200 products on the unit circle in 2-d (plus a third, zero axis): cosine between angles a and b is cos(a-b).
    func productsOnACircle(_ db: Database) throws {
        _ = try db.query(
            """
            UNWIND range(0, 199) AS i
            CREATE (:Product {id: i, embedding: [cos(i * pi() / 100), sin(i * pi() / 100), 0.0]})
            """)
    }

    @Test func vectorIndexesRunThroughCypherWithNeo4jScores() throws {
        let dir = SharedData.temporaryDirectory()
        do {
            let db = try Database(directory: dir)
            try productsOnACircle(db)
            _ = try db.query(
                """
                CREATE VECTOR INDEX product_embedding IF NOT EXISTS FOR (p:Product) ON (p.embedding)
                OPTIONS {indexConfig: {`vector.dimensions`: 3, `vector.similarity_function`: 'cosine'}}
                """)
            let shown = try db.query("SHOW INDEXES")
            let vector = try #require(shown.rows.first { $0[1] == .string("product_embedding") })
            #expect(vector[4] == .string("VECTOR"))
            #expect(vector[6] == .list([.string("Product")]))
            #expect(vector[7] == .list([.string("embedding")]))
            // Nearest to angle 0: id 0 (cos 1), then ids 1 and 199 (cos(pi/100)).
            let r = try db.query(
                """
                CALL db.index.vector.queryNodes('product_embedding', 3, [1.0, 0.0, 0.0]) YIELD node, score
                RETURN node.id AS id, score
                """)
            #expect(r.rows.count == 3)
            #expect(r.rows[0][0] == .int(0))
            #expect(r.rows.allSatisfy { row in if case .float(let s) = row[1] { s >= 0 && s <= 1 } else { false } })
            #expect(Set(r.rows[1...].map { $0[0] }) == [.int(1), .int(199)])
            let expected = (1 + _cos(Double.pi / 100)) / 2
            for row in r.rows[1...] {
                guard case .float(let s) = row[1] else { Issue.record("score is not a float"); continue }
                #expect(abs(s - expected) < 1e-5)
            }
            // The opposite direction scores near 0.
            let far = try db.query(
                "CALL db.index.vector.queryNodes('product_embedding', 1, [-1, 0, 0]) YIELD node, score RETURN node.id, score")
            #expect(far.rows[0][0] == .int(100))
            // Bad calls are errors, not crashes.
            #expect(code { _ = try db.query("CALL db.index.vector.queryNodes('nope', 3, [1.0, 0.0, 0.0])") }
                == "ProcedureError.ProcedureCallFailed")
            #expect(code { _ = try db.query("CALL db.index.vector.queryNodes('product_embedding', 3, [1.0, 0.0])") }
                == "ProcedureError.ProcedureCallFailed")
            #expect(code { _ = try db.query("CALL db.index.vector.queryNodes('product_embedding', 0, [1.0, 0.0, 0.0])") }
                == "ProcedureError.ProcedureCallFailed")
            #expect(code {
                _ = try db.query(
                    "CREATE VECTOR INDEX other FOR (p:Product) ON (p.other) OPTIONS {indexConfig: {`vector.similarity_function`: 'euclidean'}}")
            } == "NotSupported.Unsupported")
            #expect(code { _ = try db.query("CREATE VECTOR INDEX product_embedding FOR (p:Product) ON (p.embedding)") }
                == "SchemaError.EquivalentSchemaRuleAlreadyExists")
            // Writes after creation are indexed.
            _ = try db.query("CREATE (:Product {id: 1000, embedding: [0.0, 0.0, 1.0]})")
            let up = try db.query(
                "CALL db.index.vector.queryNodes('product_embedding', 1, [0, 0, 1]) YIELD node RETURN node.id")
            #expect(up.rows == [[.int(1000)]])
        }
        do {
            let db = try Database(directory: dir)
            let r = try db.query(
                "CALL db.index.vector.queryNodes('product_embedding', 1, [0, 0, 1]) YIELD node RETURN node.id")
            #expect(r.rows == [[.int(1000)]])
            _ = try db.query("DROP INDEX product_embedding")
            #expect(code { _ = try db.query("DROP INDEX product_embedding") } == "SchemaError.SchemaRuleNotFound")
            _ = try db.query("DROP INDEX product_embedding IF EXISTS")
        }
        let db = try Database(directory: dir)
        #expect(try db.query("SHOW INDEXES").rows.isEmpty)
    }

    @Test func vectorIndexWithoutVectorsExplainsWhy() throws {
        let db = Database()
        #expect(code { _ = try db.query("CREATE VECTOR INDEX v FOR (p:Product) ON (p.embedding)") }
            == "TypeError.InvalidArgumentValue")
    }
}
