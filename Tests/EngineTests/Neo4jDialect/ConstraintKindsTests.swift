import CypherRuntime
import CypherSyntax
import Engine
import GraphStore
import Testing
import TestSupport

/// Node keys, uniqueness over several properties, and property existence constraints on nodes and relationships,
/// in Neo4j 5 syntax (https://neo4j.com/docs/cypher-manual/current/constraints/managing-constraints/), with
/// Neo4j's codes: a write that breaks one fails with `Schema.ConstraintValidationFailed` and applies nothing; a
/// constraint that existing data breaks fails with `Schema.ConstraintCreationFailed`.
@Suite struct ConstraintKindsTests {
    func code(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let e as CypherRuntimeError {
            return e.code.description
        } catch let e as GraphStoreError {
            return "GraphStore.\(e.code)"
        } catch {
            return "\(error)"
        }
    }

    func count(_ db: Database, _ q: String) throws -> Value { try db.query(q).rows[0][0] }

    @Test func existenceIsCheckedAtCommitAndBreakingWritesApplyNothing() throws {
        let db = Database()
        _ = try db.query("CREATE CONSTRAINT product_title FOR (p:Product) REQUIRE p.title IS NOT NULL")
        _ = try db.query("CREATE (:Product {title: 'lamp'})")
        // Neo4j checks existence at commit: a later clause of the same statement may supply the property.
        _ = try db.query("CREATE (p:Product) SET p.title = 'mug'")
        #expect(code { _ = try db.query("CREATE (:Product {id: 1})") } == "ConstraintVerificationFailed.ConstraintValidationFailed")
        #expect(code { _ = try db.query("MATCH (p:Product {title: 'lamp'}) REMOVE p.title") } != nil)
        #expect(code { _ = try db.query("MATCH (p:Product {title: 'lamp'}) SET p.title = null") } != nil)
        #expect(code { _ = try db.query("CREATE (:Other) WITH 1 AS x MATCH (o:Other) SET o:Product") } != nil)
        #expect(try count(db, "MATCH (n) RETURN count(n)") == .int(2))  // nothing from the failed statements
        #expect(try count(db, "MATCH (p:Product) WHERE p.title IS NULL RETURN count(p)") == .int(0))
        // In an explicit transaction the check is at commit, and a failed commit applies nothing.
        var txn = db.beginTransaction()
        _ = try db.query("CREATE (:Product {id: 2})", in: &txn)
        _ = try db.query("MATCH (p:Product {id: 2}) SET p.title = 'fixed later'", in: &txn)
        try db.commit(txn)
        var bad = db.beginTransaction()
        _ = try db.query("CREATE (:Product {id: 3})", in: &bad)
        #expect(code { try db.commit(bad) } != nil)
        #expect(try count(db, "MATCH (p:Product) RETURN count(p)") == .int(3))
        // Deleting a constrained node is fine.
        _ = try db.query("MATCH (p:Product {title: 'mug'}) DELETE p")
        // Creation over data that breaks it fails with Neo4j's code and leaves no constraint.
        _ = try db.query("CREATE (:Customer {id: 1}), (:Customer)")
        #expect(code { _ = try db.query("CREATE CONSTRAINT FOR (c:Customer) REQUIRE c.id IS NOT NULL") } == "SchemaError.ConstraintCreationFailed")
        #expect(try db.query("SHOW CONSTRAINTS").rows.count == 1)
    }

    @Test func relationshipExistence() throws {
        let db = Database()
        _ = try db.query("CREATE CONSTRAINT bought_qty FOR ()-[b:PURCHASED]-() REQUIRE b.quantity IS NOT NULL")
        _ = try db.query("CREATE (:C)-[:PURCHASED {quantity: 2}]->(:P)")
        #expect(code { _ = try db.query("MATCH (c:C), (p:P) CREATE (c)-[:PURCHASED]->(p)") } == "ConstraintVerificationFailed.ConstraintValidationFailed")
        #expect(code { _ = try db.query("MATCH ()-[b:PURCHASED]->() REMOVE b.quantity") } != nil)
        _ = try db.query("MATCH (c:C), (p:P) CREATE (c)-[:VIEWED]->(p)")  // another type is not constrained
        #expect(try count(db, "MATCH ()-[b:PURCHASED]->() RETURN count(b)") == .int(1))
        #expect(code { _ = try db.query("CREATE CONSTRAINT FOR ()-[v:VIEWED]->() REQUIRE v.at IS NOT NULL") } == "SchemaError.ConstraintCreationFailed")
        #expect(code { _ = try db.query("CREATE CONSTRAINT FOR ()-[b:PURCHASED]-() REQUIRE b.x IS UNIQUE") } == "NotSupported.Unsupported")
        let row = try db.query("SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties, ownedIndex").rows
        #expect(row == [[.string("bought_qty"), .string("RELATIONSHIP_PROPERTY_EXISTENCE"), .string("RELATIONSHIP"),
                         .list([.string("PURCHASED")]), .list([.string("quantity")]), .null]])
    }

    @Test func nodeKeysAndCompositeUniqueness() throws {
        let db = Database()
        _ = try db.query("CREATE CONSTRAINT person_key FOR (p:Person) REQUIRE (p.first, p.last) IS NODE KEY")
        _ = try db.query("CREATE CONSTRAINT sku FOR (p:Product) REQUIRE (p.vendor, p.code) IS UNIQUE")
        _ = try db.query("CREATE (:Person {first: 'Ada', last: 'Lovelace'}), (:Person {first: 'Ada', last: 'Byron'})")
        // The combination is unique; 1 and 1.0 are one value, as Cypher compares them.
        #expect(code { _ = try db.query("CREATE (:Person {first: 'Ada', last: 'Byron'})") } == "ConstraintVerificationFailed.ConstraintValidationFailed")
        // A node key also requires every property; a composite uniqueness constraint does not.
        #expect(code { _ = try db.query("CREATE (:Person {first: 'Bob'})") } == "ConstraintVerificationFailed.ConstraintValidationFailed")
        #expect(code { _ = try db.query("MATCH (p:Person {last: 'Byron'}) REMOVE p.first") } != nil)
        _ = try db.query("CREATE (:Product {vendor: 'v', code: 1}), (:Product {vendor: 'v'}), (:Product {vendor: 'v'})")
        #expect(code { _ = try db.query("CREATE (:Product {vendor: 'v', code: 1.0})") } == "ConstraintVerificationFailed.ConstraintValidationFailed")
        // Changing one property of the tuple moves the node's entry: the old combination is free again.
        _ = try db.query("MATCH (p:Person {last: 'Byron'}) SET p.last = 'King'")
        _ = try db.query("CREATE (:Person {first: 'Ada', last: 'Byron'})")
        #expect(code { _ = try db.query("MATCH (p:Person {last: 'King'}) SET p.last = 'Lovelace'") } != nil)
        // A single-property node key is a unique index the planner seeks through.
        _ = try db.query("CREATE CONSTRAINT customer_key FOR (c:Customer) REQUIRE c.id IS NODE KEY")
        _ = try db.query("UNWIND range(1, 50) AS i CREATE (:Customer {id: i})")
        #expect(try db.query("EXPLAIN MATCH (c:Customer {id: 7}) RETURN c").plan.joined().contains("NodeUniqueIndexSeek"))
        #expect(code { _ = try db.query("CREATE (:Customer)") } != nil)
        // Creation over duplicate or incomplete data fails; the same rule twice is Neo4j's equivalent-rule error.
        _ = try db.query("CREATE (:Pet {name: 'a'}), (:Pet {name: 'a', kind: 'cat'})")
        #expect(code { _ = try db.query("CREATE CONSTRAINT FOR (p:Pet) REQUIRE (p.name, p.kind) IS NODE KEY") } == "SchemaError.ConstraintCreationFailed")
        #expect(code { _ = try db.query("CREATE CONSTRAINT FOR (p:Pet) REQUIRE p.name IS UNIQUE") } == "SchemaError.ConstraintCreationFailed")
        #expect(code { _ = try db.query("CREATE CONSTRAINT FOR (p:Person) REQUIRE (p.first, p.last) IS NODE KEY") } == "SchemaError.EquivalentSchemaRuleAlreadyExists")
        _ = try db.query("CREATE CONSTRAINT IF NOT EXISTS FOR (p:Person) REQUIRE (p.first, p.last) IS NODE KEY")
        let shown = try db.query("SHOW CONSTRAINTS YIELD name, type, properties, ownedIndex, createStatement").rows
        #expect(shown.map { $0[0] } == ["customer_key", "person_key", "sku"].map { Value.string($0) })
        #expect(shown.map { $0[1] } == ["NODE_KEY", "NODE_KEY", "UNIQUENESS"].map { Value.string($0) })
        #expect(shown[1][2] == .list([.string("first"), .string("last")]) && shown[1][3] == .string("person_key"))
        #expect(shown[1][4] == .string("CREATE CONSTRAINT `person_key` FOR (n:`Person`) REQUIRE (n.`first`, n.`last`) IS NODE KEY"))
        // Each owns an index, listed by SHOW INDEXES; DROP CONSTRAINT removes it and its rule.
        #expect(try db.query("SHOW INDEXES YIELD name, owningConstraint WHERE owningConstraint = 'sku' RETURN name").rows == [[.string("sku")]])
        _ = try db.query("DROP CONSTRAINT person_key")
        _ = try db.query("CREATE (:Person {first: 'Solo'})")
    }

    @Test func compositeRangeIndexesSeekOnEveryProperty() throws {
        let plain = Database()
        let indexed = Database()
        for db in [plain, indexed] {
            _ = try db.query(
                "UNWIND range(1, 3000) AS i CREATE (:Product {id: i, category: i % 30, price: i % 7, tag: toString(i % 5)})")
            _ = try db.query("CREATE (:Product {id: 0, category: 3})")
        }
        _ = try indexed.query("CREATE INDEX cat_price FOR (p:Product) ON (p.category, p.price)")
        let queries = [
            "MATCH (p:Product) WHERE p.category = 3 AND p.price = 4 RETURN p.id ORDER BY p.id",
            "MATCH (p:Product {price: 4.0, category: 3}) RETURN p.id ORDER BY p.id",
            "MATCH (p:Product) WHERE p.price = $price AND p.category = $cat AND p.tag = '3' RETURN p.id ORDER BY p.id",
        ]
        for q in queries {
            let a = try plain.query(q, parameters: ["price": .int(4), "cat": .int(3)])
            let b = try indexed.query(q, parameters: ["price": .int(4), "cat": .int(3)])
            #expect(!a.rows.isEmpty && a.rows == b.rows, "\(q)")
            let text = try indexed.query("EXPLAIN " + q, parameters: ["price": .int(4), "cat": .int(3)]).plan.joined()
            #expect(text.contains("NodeIndexSeek(p:Product {category, price} RANGE INDEX cat_price)"), "\(text)")
        }
        // Equality on only one of its properties cannot use it.
        #expect(try indexed.query("EXPLAIN MATCH (p:Product) WHERE p.category = 3 RETURN p").plan.joined().contains("NodeByLabelScan"))
        // Kept in step with writes.
        _ = try indexed.query("MATCH (p:Product {id: 0}) SET p.price = 4")
        _ = try indexed.query("MATCH (p:Product {id: 7}) SET p.category = 3, p.price = 4")
        _ = try indexed.query("MATCH (p:Product {id: 3}) DETACH DELETE p")
        let after = try indexed.query(queries[0]).rows.map { $0[0] }
        #expect(after.first == .int(0) && after.contains(.int(7)) && !after.contains(.int(3)))
        let shown = try indexed.query("SHOW INDEXES YIELD name, properties, createStatement").rows
        #expect(shown == [[.string("cat_price"), .list([.string("category"), .string("price")]),
                           .string("CREATE RANGE INDEX `cat_price` FOR (n:`Product`) ON (n.`category`, n.`price`)")]])
    }

    @Test func everyKindIsDurable() throws {
        let dir = SharedData.temporaryDirectory()
        do {
            let db = try Database(directory: dir)
            _ = try db.query("CREATE CONSTRAINT person_key FOR (p:Person) REQUIRE (p.first, p.last) IS NODE KEY")
            _ = try db.query("CREATE CONSTRAINT title FOR (p:Product) REQUIRE p.title IS NOT NULL")
            _ = try db.query("CREATE CONSTRAINT qty FOR ()-[b:PURCHASED]-() REQUIRE b.quantity IS NOT NULL")
            _ = try db.query("CREATE CONSTRAINT pair FOR (p:Product) REQUIRE (p.vendor, p.code) IS UNIQUE")
            _ = try db.query("CREATE INDEX cat_price FOR (p:Product) ON (p.category, p.price)")
            _ = try db.query(
                "CREATE (:Person {first: 'Ada', last: 'L'})-[:PURCHASED {quantity: 1}]->(:Product {title: 't', category: 1, price: 2, vendor: 'v', code: 1})")
        }
        let db = try Database(directory: dir)
        #expect(try db.query("SHOW CONSTRAINTS YIELD name RETURN collect(name)").rows == [[.list(["pair", "person_key", "qty", "title"].map { .string($0) })]])
        #expect(code { _ = try db.query("CREATE (:Person {first: 'Ada', last: 'L'})") } != nil)
        #expect(code { _ = try db.query("CREATE (:Product)") } != nil)
        #expect(code { _ = try db.query("MATCH (a:Person), (p:Product) CREATE (a)-[:PURCHASED]->(p)") } != nil)
        #expect(code { _ = try db.query("CREATE (:Product {title: 'u', vendor: 'v', code: 1})") } != nil)
        let q = "MATCH (p:Product) WHERE p.category = 1 AND p.price = 2 RETURN p.title"
        #expect(try db.query("EXPLAIN " + q).plan.joined().contains("NodeIndexSeek(p:Product {category, price}"))
        #expect(try db.query(q).rows == [[.string("t")]])
        #expect(try db.check().isEmpty)
    }
}
