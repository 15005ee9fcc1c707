import CypherSyntax
import Foundation
import GraphStore
import Synchronization
import Testing

@testable import CypherRuntime

/// `CypherEngine.open`: large reads stream through a `QueryCursor` with the same rows as `execute`.
@Suite struct QueryCursorTests {
    /// 50 `:P {n}` nodes in a chain `(n)-[:K]->(n + 1)`.
    func chain() throws -> GraphStore {
        let s = GraphStore()
        _ = try CypherEngine.execute("UNWIND range(1, 50) AS i CREATE (:P {n: i})", on: s)
        _ = try CypherEngine.execute("MATCH (a:P), (b:P) WHERE b.n = a.n + 1 CREATE (a)-[:K]->(b)", on: s)
        return s
    }

    /// Every row of `output`, read from the cursor in batches of `batch`.
    func rows(_ output: QueryOutput, batch: Int = 7) throws -> (columns: [String], rows: [[Value]], streamed: Bool) {
        switch output {
        case .result(let r): return (r.columns, r.rows, false)
        case .cursor(let c):
            var out: [[Value]] = []
            while true {
                let next = try c.next(batch)
                if next.isEmpty { break }
                out += next
            }
            return (c.columns, out, true)
        }
    }

    @Test("streamed rows equal execute's, in the same order, for every query shape that streams")
    func sameRowsAsExecute() throws {
        let s = try chain()
        let queries = [
            "UNWIND range(1, 2500) AS i RETURN i",
            "UNWIND range(10, 1, -3) AS i RETURN i * 2 AS d",
            "UNWIND [1, null, 'a'] AS x RETURN x",
            "UNWIND null AS x RETURN x",
            "MATCH (a:P)-[r:K]->(b) RETURN a.n AS a, b.n AS b, r",
            "MATCH (a:P) MATCH (a)-[:K]->(b) WITH a, b WHERE b.n > 20 RETURN a.n, b.n",
            "OPTIONAL MATCH (x:Missing) RETURN x",
            "MATCH (a:P) OPTIONAL MATCH (a)<-[:K]-(b) RETURN a.n, b.n",
            "MATCH (a:P), (b:P) WHERE a.n < b.n AND b.n < a.n + 4 RETURN a.n, b.n",
            "MATCH p = (a:P)-[:K*1..3]->(b) RETURN p, length(p) AS l",
            "MATCH (a:P) WHERE a.n % 7 = 0 RETURN *",
            "MATCH (a:P) UNWIND range(1, a.n) AS i RETURN a.n, i",
            "UNWIND range(1, 30) AS i MATCH (a:P {n: i}) RETURN a.n * 10 AS x",
            "UNWIND range($from, $to) AS i RETURN i",
        ]
        let parameters: [String: Value] = ["from": .int(5), "to": .int(1500)]
        for q in queries {
            let whole = try CypherEngine.execute(q, parameters: parameters, on: s)
            let streamed = try rows(
                CypherEngine.open(q, parameters: parameters, on: s, limits: QueryLimits(), wholeRows: 0))
            #expect(streamed.streamed || whole.rows.isEmpty, "\(q) did not stream")
            #expect(streamed.columns == whole.columns, "\(q)")
            #expect(streamed.rows == whole.rows, "\(q)")
        }
    }

    @Test("writes, aggregation, sorting, LIMIT, UNION and EXPLAIN are answered whole")
    func othersWhole() throws {
        let s = try chain()
        for q in [
            "MATCH (a:P) RETURN count(*)", "UNWIND range(1, 3000) AS i RETURN i ORDER BY i DESC",
            "UNWIND range(1, 3000) AS i RETURN DISTINCT i % 3", "UNWIND range(1, 3000) AS i RETURN i LIMIT 2000",
            "UNWIND range(1, 3000) AS i RETURN i UNION ALL RETURN 0 AS i", "EXPLAIN MATCH (a) RETURN a",
            "UNWIND range(1, 3) AS i CREATE (x:New {i: i}) RETURN x",
        ] {
            guard case .result = try CypherEngine.open(q, on: s, limits: QueryLimits(), wholeRows: 0) else {
                Issue.record("\(q) streamed")
                continue
            }
        }
        #expect(s.snapshot.nodeCount == 53)
    }

    @Test("a result of at most wholeRows rows comes whole; one more row streams")
    func threshold() throws {
        let s = GraphStore()
        let small = try CypherEngine.open("UNWIND range(1, 1000) AS i RETURN i", on: s, limits: QueryLimits())
        guard case .result(let r) = small else {
            Issue.record("1,000 rows streamed")
            return
        }
        #expect(r.rows.count == 1000)
        let large = try rows(CypherEngine.open("UNWIND range(1, 1001) AS i RETURN i", on: s, limits: QueryLimits()))
        #expect(large.streamed && large.rows.count == 1001 && large.rows.last == [.int(1001)])
    }

    @Test("an error after the first rows comes from the cursor, after the rows before it")
    func errorMidStream() throws {
        let s = GraphStore()
        let output = try CypherEngine.open(
            "UNWIND range(1, 5000) AS x RETURN 10 / (x - 3000) AS y", on: s, limits: QueryLimits(), wholeRows: 100)
        guard case .cursor(let cursor) = output else {
            Issue.record("did not stream")
            return
        }
        var read = 0
        do {
            while true {
                let batch = try cursor.next(500)
                if batch.isEmpty { break }
                read += batch.count
            }
            Issue.record("no error")
        } catch let e as CypherRuntimeError {
            #expect(e.code == .divisionByZero)
        }
        #expect(read == 2999)
    }

    @Test("the query runs at most a buffer ahead of the reader, and stops when the cursor is dropped")
    func backPressure() throws {
        let s = GraphStore()
        let checks = Atomic<Int>(0)
        // The executor consults the cancellation about every 4,096 work units: a count of the work done.
        let counting = QueryCancellation {
            checks.add(1, ordering: .relaxed)
            return false
        }
        var buffer: RowBuffer?
        do {
            let output = try CypherEngine.open(
                "UNWIND range(1, 2000000) AS i RETURN i", on: s, limits: QueryLimits(cancellation: counting),
                wholeRows: 10, bufferRows: 1000)
            guard case .cursor(let cursor) = output else {
                Issue.record("did not stream")
                return
            }
            #expect(try cursor.next(5).map { $0[0] } == (1...5).map { .int($0) })
            Thread.sleep(forTimeInterval: 0.3)
            // 1,000 rows buffered plus one batch in hand are about 4,000 work units: under 3 checks. An
            // unbounded producer would have done all 6,000,000 units (about 1,500 checks) by now.
            #expect(checks.load(ordering: .relaxed) <= 3)
            buffer = cursor.buffer
            #expect(buffer?.isFinished == false)
        }
        // The cursor is gone: its thread ends.
        let deadline = Date().addingTimeInterval(5)
        while buffer?.isFinished == false && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(buffer?.isFinished == true)
    }

    @Test("time the reader takes between batches does not count against the time limit")
    func slowReader() throws {
        let s = GraphStore()
        let output = try CypherEngine.open(
            "UNWIND range(1, 50000) AS i RETURN i", on: s, limits: QueryLimits(timeLimit: .milliseconds(500)),
            wholeRows: 10, bufferRows: 1000)
        guard case .cursor(let cursor) = output else {
            Issue.record("did not stream")
            return
        }
        #expect(try cursor.next(100).count == 100)
        Thread.sleep(forTimeInterval: 1)
        var n = 100
        while true {
            let batch = try cursor.next(5000)
            if batch.isEmpty { break }
            n += batch.count
        }
        #expect(n == 50000)
    }

    @Test("inside a transaction, a streamed read sees the transaction's writes and leaves it unchanged")
    func inTransaction() throws {
        let s = try chain()
        var txn = s.begin()
        _ = try CypherEngine.execute("UNWIND range(1, 1500) AS i CREATE (:Q {i: i})", in: &txn)
        let streamed = try rows(CypherEngine.open("MATCH (q:Q) RETURN q.i", in: &txn, limits: QueryLimits(), wholeRows: 0))
        #expect(streamed.streamed && streamed.rows.count == 1500)
        #expect(txn.snapshot.nodeCount == 1550)
        #expect(s.snapshot.nodeCount == 50)
    }
}
