import CypherRuntime
import Engine
import GraphStore
import Testing
import VectorIndex

/// `SEARCH … WHERE` when a range index answers part of the WHERE: the index's nodes narrow the search, and the
/// answer is the exact filtered top k when they are few (scored one by one), and the calibrated filtered search
/// through an id bitmap in the scan when they are more.
@Suite struct VectorSearchNarrowingTests {
    /// 24,000 clustered 16-d products, `bucket = row % 100`, a range index on `bucket` and a vector index.
    final class Fixture: Sendable {
        static let d = 16
        static let n = 24_000
        let db = Database()
        let flat: [Float]
        let queries: [[Float]]
        let rowOf: [NodeID: Int]

        init() throws {
            var state: UInt64 = 0x2545_F491_4F6C_DD1D
            func uniform() -> Float {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Float(state >> 40) / Float(1 << 24) * 2 - 1
            }
            let d = Self.d
            let centres = (0..<60).map { _ in (0..<d).map { _ in uniform() } }
            var flat: [Float] = []
            flat.reserveCapacity(Self.n * d)
            for i in 0..<Self.n {
                let c = centres[(i * 7) % centres.count]
                for j in 0..<d { flat.append(c[j] + 0.5 * uniform()) }
            }
            self.flat = flat
            queries = (0..<16).map { i in centres[(i * 5) % centres.count].map { $0 + 0.5 * uniform() } }
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
            // A product without a vector in bucket 7: the range index names it, the vector index does not hold it.
            try db.graph.write { txn in _ = try txn.createNode(labels: ["Product"], properties: ["bucket": .int(7)]) }
            var rowOf: [NodeID: Int] = [:]
            for (r, n) in nodes.enumerated() { rowOf[n] = r }
            self.rowOf = rowOf
            _ = try db.query("CREATE INDEX bucket FOR (p:Product) ON (p.bucket)")
            _ = try db.query("CREATE VECTOR INDEX emb FOR (p:Product) ON (p.embedding)")
        }

        /// Exact top-k rows by cosine (Double) among rows `accept` passes; ties by row.
        func exact(_ q: [Float], k: Int, accept: (Int) -> Bool) -> [(row: Int, cosine: Double)] {
            var scored: [(row: Int, cosine: Double)] = []
            for r in 0..<Self.n where accept(r) {
                var dot = 0.0, qq = 0.0, vv = 0.0
                for j in 0..<Self.d {
                    let x = Double(flat[r * Self.d + j])
                    dot += Double(q[j]) * x
                    qq += Double(q[j]) * Double(q[j])
                    vv += x * x
                }
                scored.append((r, dot / (qq.squareRoot() * vv.squareRoot())))
            }
            scored.sort { $0.cosine > $1.cosine || ($0.cosine == $1.cosine && $0.row < $1.row) }
            return Array(scored.prefix(k))
        }

        func rows(_ query: String, _ q: [Float]) throws -> [(row: Int, score: Double)] {
            try db.query(query, parameters: ["q": .list(q.map { .float(Double($0)) })]).rows.compactMap { row in
                guard case .node(let n) = row[0], case .float(let s) = row[1], let r = rowOf[n] else { return nil }
                return (r, s)
            }
        }
    }

    static let fixture = Result { try Fixture() }

    @Test(arguments: [
        ("p.bucket = 7", 1), ("p.bucket IN [3, 4]", 2), ("p.bucket < 10 AND p.row % 2 = 0", 3),
        ("p.bucket = b", 1), ("p.bucket >= 10", 4), ("p.bucket < 5", 5),
    ])
    func aRangeIndexNarrowsTheSearchToTheExactAnswer(filter: String, kind: Int) throws {
        let f = try Self.fixture.get()
        let accept: (Int) -> Bool =
            switch kind {
            case 1: { $0 % 100 == 7 }
            case 2: { $0 % 100 == 3 || $0 % 100 == 4 }
            case 3: { $0 % 100 < 10 && $0 % 2 == 0 }
            case 5: { $0 % 100 < 5 }
            default: { $0 % 100 >= 10 }
            }
        var recall = 0.0
        for q in f.queries {
            let got = try f.rows(
                "WITH 7 AS b MATCH (p:Product) SEARCH p IN (VECTOR INDEX emb FOR $q WHERE \(filter) LIMIT 10) SCORE AS s RETURN p, s",
                q)
            let truth = f.exact(q, k: 10, accept: accept)
            #expect(got.count == 10)
            for (row, score) in got {
                #expect(accept(row))
                let cosine = f.exact(q, k: 1) { $0 == row }[0].cosine
                #expect(abs(score - (1 + cosine) / 2) <= 1e-6)
            }
            if kind == 1 {
                // 240 candidates, within `narrowedExactLimit` (256): scored one by one, the exact answer.
                #expect(got.map(\.row) == truth.map(\.row), "\(filter)")
            }
            // More candidates (480 to 21,600): the scan runs with their bitmap, at the index's recall.
            recall += Double(got.filter { g in truth.contains { $0.row == g.row } }.count) / 10
        }
        #expect(recall / Double(f.queries.count) >= 0.95, "\(filter)")
    }

    /// `p.bucket = 7` alone is answered by the seek (its nodes are not tested again): inside a transaction, the
    /// transaction's own writes decide which nodes the seek names.
    @Test func aTransactionsOwnWritesDecideWhatAnEqualitySeekNames() throws {
        let f = try Self.fixture.get()
        let search =
            "MATCH (p:Product) SEARCH p IN (VECTOR INDEX emb FOR $q WHERE p.bucket = 7 LIMIT 10) SCORE AS s RETURN p, s"
        for q in f.queries.prefix(3) {
            let before = try f.rows(search, q)
            #expect(before.count == 10)
            let out = before[0].row
            let into = f.exact(q, k: 1) { $0 % 100 != 7 }[0].row
            var txn = f.db.beginTransaction()
            _ = try f.db.query(
                "MATCH (a:Product {row: $a}) SET a.bucket = 8 WITH count(*) AS done MATCH (b:Product {row: $b}) SET b.bucket = 7",
                parameters: ["a": .int(Int64(out)), "b": .int(Int64(into))], in: &txn)
            let got = try f.db.query(search, parameters: ["q": .list(q.map { .float(Double($0)) })], in: &txn).rows
                .compactMap { row -> Int? in
                    guard case .node(let n) = row[0] else { return nil }
                    return f.rowOf[n]
                }
            let truth = f.exact(q, k: 10) { ($0 % 100 == 7 && $0 != out) || $0 == into }.map(\.row)
            #expect(got == truth)
            #expect(!got.contains(out))
        }
        // Outside the transaction nothing changed.
        #expect(try f.rows(search, f.queries[0]).count == 10)
    }

    @Test func thePatternsPropertyMapStillFiltersAfterTheSearch() throws {
        let f = try Self.fixture.get()
        for q in f.queries.prefix(6) {
            let got = try f.rows(
                "MATCH (p:Product {bucket: 7}) SEARCH p IN (VECTOR INDEX emb FOR $q WHERE p.bucket < 50 LIMIT 10) SCORE AS s RETURN p, s",
                q)
            // The same search without the map, then its bucket-7 rows: the map does not change which 10 are found.
            let all = try f.rows(
                "MATCH (p:Product) SEARCH p IN (VECTOR INDEX emb FOR $q WHERE p.bucket < 50 LIMIT 10) SCORE AS s RETURN p, s", q)
            #expect(all.count == 10)
            #expect(got.map(\.row) == all.filter { $0.row % 100 == 7 }.map(\.row))
        }
    }

    @Test func aWhereNoIndexAnswersStillFiltersInTheScan() throws {
        let f = try Self.fixture.get()
        for q in f.queries.prefix(6) {
            let got = try f.rows(
                "MATCH (p:Product) SEARCH p IN (VECTOR INDEX emb FOR $q WHERE p.bucket = 7 OR p.bucket = 8 LIMIT 10) SCORE AS s RETURN p, s",
                q)
            let truth = Set(f.exact(q, k: 10) { $0 % 100 == 7 || $0 % 100 == 8 }.map(\.row))
            #expect(got.count == 10)
            #expect(Double(got.filter { truth.contains($0.row) }.count) >= 9)
        }
    }
}
