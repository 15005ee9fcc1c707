import CypherRuntime
import Engine
import Testing

/// `WHERE v.key = e` and `WHERE v.key IN e` on a key with a uniqueness constraint seek the constraint's index
/// (in MATCH and inside SEARCH), with the answers a scan gives before the constraint exists.
@Suite struct ConstraintSeekTests {
    static let queries = [
        "MATCH (p:Product) WHERE p.id IN [3, 7.0, 3, null, '8', 301] RETURN p.name ORDER BY p.name",
        "MATCH (p:Product) WHERE p.id IN $ids RETURN p.name",
        "UNWIND [[1, 2], [2, 250], null] AS ks MATCH (p:Product) WHERE p.id IN ks RETURN ks, p.name",
        "MATCH (p:Product) WHERE p.id IN $ids AND p.id <> 9 RETURN count(p)",
        "MATCH (p:Product) SEARCH p IN (VECTOR INDEX emb FOR $q WHERE p.id IN $ids LIMIT 10) SCORE AS s RETURN p.name, s",
        "MATCH (p:Product) SEARCH p IN (VECTOR INDEX emb FOR $q WHERE p.id = 42 LIMIT 10) SCORE AS s RETURN p.name, s",
    ]

    @Test func seeksAnswerAsScans() throws {
        let db = Database()
        _ = try db.query(
            "UNWIND range(1, 300) AS i CREATE (:Product {id: i, name: 'p' + toString(i), "
                + "embedding: [toFloat(i % 7), toFloat(i % 11), toFloat(i % 13), 1.0]})")
        _ = try db.query(
            "CREATE VECTOR INDEX emb FOR (p:Product) ON p.embedding OPTIONS {indexConfig: {`vector.dimensions`: 4}}")
        let parameters: [String: Value] = [
            "ids": .list([.int(9), .int(42), .int(42), .int(400)]),
            "q": .list([.float(1), .float(2), .float(3), .float(1)]),
        ]
        let scanned = try Self.queries.map { try db.query($0, parameters: parameters).rows }
        #expect(throws: (any Error).self) { try db.query("MATCH (p:Product) WHERE p.id IN 5 RETURN p") }
        _ = try db.query("CREATE CONSTRAINT product_id FOR (p:Product) REQUIRE p.id IS UNIQUE")
        for (q, rows) in zip(Self.queries, scanned) {
            #expect(try db.query(q, parameters: parameters).rows == rows, "\(q)")
        }
        for q in Self.queries.prefix(4) {
            let plan = try db.query("EXPLAIN " + q, parameters: parameters).plan.joined(separator: " ")
            #expect(plan.contains("NodeUniqueIndexSeek(p:Product {id})"), "\(plan)")
        }
        #expect(throws: (any Error).self) { try db.query("MATCH (p:Product) WHERE p.id IN 5 RETURN p") }
        #expect(scanned[0].count == 2 && scanned[1].count == 2 && scanned[2].count == 4 && scanned[3] == [[.int(1)]])
        #expect(scanned[4].count == 2 && scanned[5].count == 1)
    }
}
