import CypherRuntime
import CypherSyntax
import Engine
import GraphStore
import Testing
import VectorIndex

/// The `SEARCH` subclause (Neo4j 2026.01) through `Database.query`: the same hits and scores as `queryNodes`,
/// filters applied inside the index (k results whenever k nodes match), graph-pattern filters, Neo4j's errors.
@Suite struct VectorSearchClauseTests {
    /// 12,000 clustered 16-d products (above the exact-search threshold, so the index is trained and calibrated),
    /// `bucket = row % 100`, and one customer who bought the 40 products nearest to the first query and 100 others.
    final class Fixture: Sendable {
        static let d = 16
        static let n = 12_000
        let db = Database()
        let flat: [Float]
        let queries: [[Float]]
        let rowOf: [NodeID: Int]
        let purchased: Set<Int>

        init() throws {
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            func uniform() -> Float {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Float(state >> 40) / Float(1 << 24) * 2 - 1
            }
            let d = Self.d
            let centers = (0..<40).map { _ in (0..<d).map { _ in uniform() } }
            var flat: [Float] = []
            flat.reserveCapacity(Self.n * d)
            for i in 0..<Self.n {
                let c = centers[(i * 7) % centers.count]
                for j in 0..<d { flat.append(c[j] + 0.45 * uniform()) }
            }
            self.flat = flat
            queries = (0..<24).map { i in centers[(i * 5) % centers.count].map { $0 + 0.45 * uniform() } }
            let nodes = try db.graph.write { txn in
                try (0..<Self.n).map { r in
                    try txn.createNode(
                        labels: ["Product"],
                        properties: [
                            "row": .int(Int64(r)), "bucket": .int(Int64(r % 100)),
                            "embedding": .vector(Array(flat[(r * d)..<((r + 1) * d)])),
                        ])
                }
            }
            var rowOf: [NodeID: Int] = [:]
            for (r, n) in nodes.enumerated() { rowOf[n] = r }
            self.rowOf = rowOf
            var bought = Set(Self.exact(queries[0], flat, k: 40) { _ in true })
            var r = 17
            while bought.count < 140 {
                bought.insert(r)
                r = (r * 31 + 7) % Self.n
            }
            purchased = bought
            try db.graph.write { txn in
                let c = try txn.createNode(labels: ["Customer"], properties: ["id": .string("c1")])
                for row in bought { try txn.createRelationship(from: c, to: nodes[row], type: "PURCHASED") }
            }
            _ = try db.query("CREATE VECTOR INDEX emb FOR (p:Product) ON (p.embedding)")
        }

        /// Exact top-k rows by cosine (Double) among rows `accept` passes; ties by row.
        static func exact(_ q: [Float], _ flat: [Float], k: Int, accept: (Int) -> Bool) -> [Int] {
            var scored: [(Double, Int)] = []
            for r in 0..<(flat.count / d) where accept(r) { scored.append((cosine(q, flat, r), r)) }
            scored.sort { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            return scored.prefix(k).map(\.1)
        }

        static func cosine(_ q: [Float], _ flat: [Float], _ r: Int) -> Double {
            var dot = 0.0, qq = 0.0, vv = 0.0
            for j in 0..<d {
                let x = Double(flat[r * d + j])
                dot += Double(q[j]) * x
                qq += Double(q[j]) * Double(q[j])
                vv += x * x
            }
            return dot / (qq.squareRoot() * vv.squareRoot())
        }
    }

    static let fixture = Result { try Fixture() }

    static func parameter(_ v: [Float]) -> Value { .list(v.map { .float(Double($0)) }) }

    /// (row, score) per result row of `[node, score]` rows.
    static func hits(_ result: QueryResult, _ f: Fixture) -> [(row: Int, score: Double)] {
        result.rows.compactMap { row in
            guard case .node(let n) = row[0], case .float(let s) = row[1], let r = f.rowOf[n] else { return nil }
            return (r, s)
        }
    }

    @Test func searchReturnsTheSameNodesAndScoresAsQueryNodes() throws {
        let f = try Self.fixture.get()
        let e = try #require(f.db.vectorIndexes.index(named: "emb"))
        #expect(!e.index.searchesExactly, "the index should be past the exact-search threshold")
        #expect(e.index.calibratedProbes() != nil)
        for q in f.queries.prefix(12) {
            let search = try f.db.query(
                "MATCH (p:Product) SEARCH p IN (VECTOR INDEX emb FOR $q LIMIT 10) SCORE AS score RETURN p, score",
                parameters: ["q": Self.parameter(q)])
            let procedure = try f.db.query(
                "CALL db.index.vector.queryNodes('emb', 10, $q) YIELD node, score RETURN node, score",
                parameters: ["q": Self.parameter(q)])
            #expect(search.columns == ["p", "score"])
            #expect(search.rows.count == 10)
            #expect(search.rows == procedure.rows)
            for (row, score) in Self.hits(search, f) {
                #expect(abs(score - (1 + Fixture.cosine(q, f.flat, row)) / 2) <= 1e-6)
            }
        }
    }

    @Test(arguments: [
        ("p.bucket = 7", 1), ("p.bucket < 10", 10), ("p.bucket >= 50", 50), ("10 > p.bucket AND p.bucket <> 10", 10),
        ("50 <= p.bucket AND p.bucket + 0 >= 50", 50),
    ])
    func aFilterIsAppliedInsideTheIndex(filter: String, percent: Int) throws {
        let f = try Self.fixture.get()
        let accept: (Int) -> Bool =
            switch percent {
            case 1: { $0 % 100 == 7 }
            case 10: { $0 % 100 < 10 }
            default: { $0 % 100 >= 50 }
            }
        var recall = 0.0
        var postFiltered = 0
        for q in f.queries {
            let result = try f.db.query(
                "MATCH (p:Product) SEARCH p IN (VECTOR INDEX emb FOR $q WHERE \(filter) LIMIT 10) SCORE AS s RETURN p, s",
                parameters: ["q": Self.parameter(q)])
            let got = Self.hits(result, f)
            #expect(got.count == 10, "\(filter): \(got.count) results")
            #expect(got.allSatisfy { accept($0.row) })
            for (row, score) in got { #expect(abs(score - (1 + Fixture.cosine(q, f.flat, row)) / 2) <= 1e-6) }
            let truth = Set(Fixture.exact(q, f.flat, k: 10, accept: accept))
            recall += Double(got.filter { truth.contains($0.row) }.count) / 10
            // What a post-filter of the unfiltered top 10 keeps (queryNodes with YIELD … WHERE, or SEARCH then WHERE).
            let post = try f.db.query(
                "CALL db.index.vector.queryNodes('emb', 10, $q) YIELD node AS p, score WHERE \(filter) RETURN p",
                parameters: ["q": Self.parameter(q)])
            let after = try f.db.query(
                "MATCH (p:Product) SEARCH p IN (VECTOR INDEX emb FOR $q LIMIT 10) WHERE \(filter) RETURN p",
                parameters: ["q": Self.parameter(q)])
            #expect(post.rows == after.rows)
            postFiltered += post.rows.count
        }
        recall /= Double(f.queries.count)
        #expect(recall >= 0.95, "\(filter): recall@10 \(recall) against exact filtered search")
        if percent <= 10 {
            #expect(postFiltered < f.queries.count * 10 / 2, "post-filtering kept \(postFiltered)")
        }
    }

    @Test func aGraphPatternFilterExcludesWhatTheCustomerBought() throws {
        let f = try Self.fixture.get()
        var total = 0.0
        for (i, q) in f.queries.enumerated() {
            let result = try f.db.query(
                """
                MATCH (c:Customer {id: $id})
                MATCH (p:Product)
                  SEARCH p IN (VECTOR INDEX emb FOR $q WHERE NOT (c)-[:PURCHASED]->(p) LIMIT 10) SCORE AS s
                RETURN p, s
                """, parameters: ["id": .string("c1"), "q": Self.parameter(q)])
            let got = Self.hits(result, f)
            #expect(got.count == 10)
            #expect(got.allSatisfy { !f.purchased.contains($0.row) })
            let truth = Fixture.exact(q, f.flat, k: 10) { !f.purchased.contains($0) }
            let recall = Double(got.filter { truth.contains($0.row) }.count) / 10
            total += recall
            if i == 0 {
                // The 40 nearest products were bought: the answer lies beyond them, and is still found.
                #expect(recall >= 0.9, "query 0: \(got.map(\.row)) vs \(truth)")
            }
        }
        total /= Double(f.queries.count)
        #expect(total >= 0.95, "recall@10 \(total) against brute force")
        // Combined with a property predicate and a post-filter on the score.
        let q = f.queries[1]
        let both = try f.db.query(
            """
            MATCH (c:Customer {id: 'c1'}) MATCH (p:Product)
            SEARCH p IN (VECTOR INDEX emb FOR $q WHERE p.bucket < 50 AND NOT (c)-[:PURCHASED]->(p) LIMIT 5) SCORE AS s
            WHERE s > 0
            RETURN p, s
            """, parameters: ["q": Self.parameter(q)])
        let truth = Fixture.exact(q, f.flat, k: 5) { $0 % 100 < 50 && !f.purchased.contains($0) }
        #expect(Self.hits(both, f).map(\.row) == truth)
    }

    /// The examples of Neo4j's SEARCH page (https://neo4j.com/docs/cypher-manual/current/clauses/search/), with
    /// lists for its `vector(...)` values.
    @Test func neo4jsDocumentedExamples() throws {
        let db = Database()
        _ = try db.query("""
            CREATE (:Movie {title: 'Aladdin', releaseDate: date('1992-11-08'), rating: 8.0}),
                   (:Movie {title: 'Cinderella', embedding: [1, 3, 4], releaseDate: date('1950-02-15'), rating: 7.3}),
                   (:Movie:Favorite {title: 'Frozen', embedding: [1, 3, 3], releaseDate: date('2013-11-10'), rating: 7.4}),
                   (:Movie {title: 'Lilo & Stitch', embedding: [1, 1, 3], releaseDate: date('2002-06-16'), rating: 7.4}),
                   (:Movie:Favorite {title: 'Lion King', embedding: [2, 5, 2], releaseDate: date('1994-06-12'), rating: 8.5}),
                   (:Movie:Favorite {title: 'Mulan', embedding: [2, 3, 3], releaseDate: date('1998-06-05'), rating: 7.7}),
                   (:Movie {title: 'Snow White', embedding: [1, 2, 3], releaseDate: date('1937-12-21'), rating: 7.6})
            """)
        _ = try db.query("""
            CREATE VECTOR INDEX moviePlots IF NOT EXISTS
            FOR (m:Movie) ON m.embedding
            WITH [m.releaseDate, m.rating]
            OPTIONS {indexConfig: {`vector.similarity_function`: 'cosine', `vector.dimensions`: 3, `vector.quantization.enabled`: false}}
            """)
        func titles(_ q: String) throws -> [Value] { try db.query(q).rows.map { $0[0] } }
        let four: [Value] = ["Snow White", "Cinderella", "Frozen", "Mulan"].map { .string($0) }
        #expect(try titles("MATCH (movie:Movie) SEARCH movie IN (VECTOR INDEX moviePlots FOR [1, 2, 3] LIMIT 4) RETURN movie.title AS title") == four)
        let scored = try db.query("""
            MATCH (snowWhite:Movie {title: 'Snow White'})
            MATCH (movie:Movie)
              SEARCH movie IN (VECTOR INDEX moviePlots FOR snowWhite.embedding LIMIT 4) SCORE AS similarityScore
            RETURN movie.title AS title, similarityScore
            """)
        #expect(scored.rows.map { $0[0] } == four)
        let documented = [1.0, 0.9979352951049805, 0.9905114769935608, 0.9843324422836304]
        for (row, expected) in zip(scored.rows, documented) {
            guard case .float(let s) = row[1] else { Issue.record("no score"); continue }
            #expect(abs(s - expected) <= 1e-6, "\(row[0]): \(s) vs \(expected)")
        }
        #expect(try titles("""
            MATCH (movie:Movie) SEARCH movie IN (VECTOR INDEX moviePlots FOR [1, 2, 3] WHERE movie.releaseDate > date('1990') LIMIT 4)
            RETURN movie.title AS title
            """) == ["Frozen", "Mulan", "Lilo & Stitch", "Lion King"].map { .string($0) })
        #expect(try titles("""
            MATCH (movie:Movie) SEARCH movie IN (VECTOR INDEX moviePlots FOR [1, 2, 3] LIMIT 4) WHERE movie.releaseDate > date('1990')
            RETURN movie.title AS title
            """) == ["Frozen", "Mulan"].map { .string($0) })
        #expect(try titles("""
            MATCH (movie:Movie) WHERE movie.releaseDate > date('1990') SEARCH movie IN (VECTOR INDEX moviePlots FOR [1, 2, 3] LIMIT 4)
            RETURN movie.title AS title
            """) == ["Frozen", "Mulan"].map { .string($0) })
        #expect(try titles("""
            MATCH (movie:Movie {releaseDate: date('2013-11-10')}) SEARCH movie IN (VECTOR INDEX moviePlots FOR [1, 2, 3] LIMIT 4)
            RETURN movie.title AS title
            """) == [.string("Frozen")])
        #expect(try titles("""
            MATCH (snowWhite:Movie {title: 'Snow White'}) MATCH (movie:Movie)
            SEARCH movie IN (VECTOR INDEX moviePlots FOR snowWhite.embedding WHERE movie.releaseDate < date('2000') AND movie.rating >= snowWhite.rating LIMIT 4)
            RETURN movie.title AS title
            """) == ["Snow White", "Mulan", "Lion King"].map { .string($0) })
        // A null query vector: no rows from MATCH, one row of nulls from OPTIONAL MATCH.
        #expect(try titles("""
            MATCH (snowWhite:Movie {title: 'Snow White'}) MATCH (movie:Movie)
            SEARCH movie IN (VECTOR INDEX moviePlots FOR snowWhite.prop LIMIT 4) RETURN movie.title AS title
            """).isEmpty)
        let optional = try db.query("""
            MATCH (snowWhite:Movie {title: 'Snow White'}) OPTIONAL MATCH (movie:Movie)
            SEARCH movie IN (VECTOR INDEX moviePlots FOR snowWhite.prop LIMIT 4) SCORE AS s RETURN movie.title AS title, s
            """)
        #expect(optional.rows == [[.null, .null]])
        #expect(try titles("MATCH (m:Movie) SEARCH m IN (VECTOR INDEX moviePlots FOR [1, 2, 3] LIMIT 0) RETURN m").isEmpty)
        #expect(try db.query("MATCH (m:Movie) SEARCH m IN (VECTOR INDEX moviePlots FOR [1, 2, 3] LIMIT $k) RETURN m",
            parameters: ["k": .int(2)]).rows.count == 2)
        let plan = try db.query("EXPLAIN MATCH (m:Movie) SEARCH m IN (VECTOR INDEX moviePlots FOR [1, 2, 3] WHERE m.rating > 7 LIMIT 2) RETURN m")
        #expect(plan.plan.contains { $0.contains("VectorSearch(moviePlots, filtered in index)") }, "\(plan.plan)")
    }

    @Test func errorsAreNeo4jClientErrors() throws {
        let db = Database()
        _ = try db.query("CREATE (:P {v: [1.0, 0.0], n: 1}), (:P {v: [0.0, 1.0], n: 2}), (:P {v: [1.0, 1.0], n: 3})")
        _ = try db.query("CREATE VECTOR INDEX emb FOR (p:P) ON (p.v)")
        func failure(_ q: String, _ parameters: [String: Value] = [:]) -> (any Error)? {
            do { _ = try db.query(q, parameters: parameters) } catch { return error }
            return nil
        }
        func status(_ q: String, _ parameters: [String: Value] = [:]) -> String? {
            failure(q, parameters).flatMap { Neo4jStatus.of($0)?.code }
        }
        #expect(status("MATCH (p:P) SEARCH p IN (VECTOR INDEX nope FOR [1.0, 0.0] LIMIT 2) RETURN p")
            == "Neo.ClientError.Schema.IndexNotFound")
        let wrong = failure("MATCH (p:P) SEARCH p IN (VECTOR INDEX emb FOR [1.0, 0.0, 2.0] LIMIT 2) RETURN p")
        #expect((wrong as? CypherRuntimeError)?.code == .vectorDimensionMismatch)
        #expect(wrong.flatMap { Neo4jStatus.of($0)?.code } == "Neo.ClientError.Statement.ArgumentError")
        #expect((wrong as? CypherRuntimeError)?.message.contains("dimensionality of 2") == true)
        #expect(status("MATCH (p:P) SEARCH p IN (VECTOR INDEX emb FOR [1.0, 0.0] LIMIT -2) RETURN p")
            == "Neo.ClientError.Statement.SyntaxError")
        #expect((failure("MATCH (p:P) SEARCH p IN (VECTOR INDEX emb FOR [1.0, 0.0] LIMIT $k) RETURN p", ["k": .int(-1)])
            as? CypherRuntimeError)?.code == .negativeIntegerArgument)
        #expect(status("MATCH (p:P) SEARCH p IN (VECTOR INDEX emb FOR 'x' LIMIT 2) RETURN p") == "Neo.ClientError.Statement.TypeError")
        #expect(status("MATCH (p:P) SEARCH p IN (VECTOR INDEX emb FOR [0.0, 0.0] LIMIT 2) RETURN p") == "Neo.ClientError.Statement.TypeError")
        // An error inside the in-index filter stops the query.
        #expect(status("MATCH (p:P) SEARCH p IN (VECTOR INDEX emb FOR [1.0, 0.0] WHERE p.n / 0 > 1 LIMIT 2) RETURN p")
            == "Neo.ClientError.Statement.ArithmeticError")
        // A malformed SEARCH: Neo4j's syntax error with line, column and caret.
        let syntax = failure("MATCH (p:P)\nSEARCH p IN (VECTOR INDEX emb FOR [1.0, 0.0] LIMT 2) RETURN p")
        let mapped = try #require(syntax.flatMap { Neo4jStatus.of($0) })
        #expect(mapped.code == "Neo.ClientError.Statement.SyntaxError")
        #expect(mapped.message.contains("(line 2, column 46 (offset: 57))"), "\(mapped.message)")
        #expect(mapped.message.hasSuffix("\n" + String(repeating: " ", count: 46) + "^"))
        #expect(status("MATCH (m:P) MATCH (p:P) SEARCH m IN (VECTOR INDEX emb FOR [1.0, 0.0] LIMIT 2) RETURN p")
            == "Neo.ClientError.Statement.SyntaxError")
        // The database keeps working.
        #expect(try db.query("MATCH (p:P) SEARCH p IN (VECTOR INDEX emb FOR [1.0, 0.1] LIMIT 2) RETURN p.n AS n").rows
            == [[.int(1)], [.int(3)]])
    }
}
