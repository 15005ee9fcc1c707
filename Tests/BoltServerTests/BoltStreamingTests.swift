import CypherRuntime
import Engine
import GraphStore
import Testing

@testable import BoltServer

/// Large reads stream from the runtime through PULL; Bolt 5.7+ sends GQL status objects in FAILURE.
@Suite("Bolt streaming and GQL failures")
struct BoltStreamingTests {
    func records(_ out: [PackValue]) -> [[PackValue]] {
        out.compactMap { r -> [PackValue]? in
            if case .structure(BoltMessage.record, let f) = r { return f.first?.listValue }
            return nil
        }
    }

    @Test("a large result streams in PULL batches of n, in order, with has_more until the end")
    func pullBatches() {
        let c = Conversation()
        c.open()
        let run = c.send(BoltMessage.run, "UNWIND range(1, 2500) AS x RETURN x", [:], [:])
        #expect(metadata(run.last)?["fields"] == ["x"])
        var seen: [PackValue] = []
        for expectMore in [true, true, false] {
            let out = c.send(BoltMessage.pull, ["n": 1000])
            seen += records(out).map { $0[0] }
            #expect(tag(out.last) == BoltMessage.success)
            #expect((metadata(out.last)?["has_more"] == true) == expectMore)
            if !expectMore { #expect(metadata(out.last)?["type"] == "r") }
        }
        #expect(seen == (1...2500).map { PackValue.int(Int64($0)) })
        #expect(c.query("RETURN 1 AS one").records == [[1]])
    }

    @Test("an error after the first batch comes as FAILURE after the records before it; RESET recovers")
    func failureMidStream() {
        let c = Conversation()
        c.open()
        #expect(tag(c.send(BoltMessage.run, "UNWIND range(1, 5000) AS x RETURN 10 / (x - 3000) AS y", [:], [:]).last) == BoltMessage.success)
        let out = c.send(BoltMessage.pull, ["n": -1])
        #expect(records(out).count == 2999)
        #expect(tag(out.last) == BoltMessage.failure)
        #expect(metadata(out.last)?["code"] == "Neo.ClientError.Statement.ArithmeticError")
        #expect(c.send(BoltMessage.pull, ["n": -1]) == [BoltMessage.ignoredMessage])
        #expect(tag(c.send(BoltMessage.reset).last) == BoltMessage.success)
        #expect(c.query("RETURN 2 AS x").records == [[2]])
    }

    @Test("DISCARD of a running result stops it; a transaction's streamed read and its qid")
    func discardAndTransactions() throws {
        let db = Database()
        _ = try db.query("UNWIND range(1, 3000) AS i CREATE (:N {i: i})")
        let c = Conversation(db)
        c.open()
        c.send(BoltMessage.run, "MATCH (n:N) RETURN n.i", [:], [:])
        #expect(records(c.send(BoltMessage.pull, ["n": 1000])).count == 1000)
        let discarded = c.send(BoltMessage.discard, ["n": -1])
        #expect(discarded.count == 1 && tag(discarded[0]) == BoltMessage.success && metadata(discarded[0])?["has_more"] == nil)
        #expect(tag(c.send(BoltMessage.begin, [:]).last) == BoltMessage.success)
        c.send(BoltMessage.run, "CREATE (:N {i: 0})", [:], [:])
        c.send(BoltMessage.pull, ["n": -1])
        let run = c.send(BoltMessage.run, "MATCH (n:N) RETURN n.i", [:], [:])
        #expect(metadata(run.last)?["qid"] == 1)
        let all = c.send(BoltMessage.pull, ["n": -1, "qid": 1])
        #expect(records(all).count == 3001)
        #expect(tag(c.send(BoltMessage.commit).last) == BoltMessage.success)
        #expect(db.graph.snapshot.nodeCount == 3001)
    }

    @Test("Bolt 5.8 FAILURE: a GQL status object with the Neo4j code in neo4j_code")
    func gqlFailure() throws {
        let c = Conversation(version: BoltVersion(5, 8))
        c.open()
        let syntax = metadata(c.send(BoltMessage.run, "RETURN 1 +", [:], [:]).last)
        #expect(syntax?["gql_status"] == "42001")
        #expect(syntax?["neo4j_code"] == "Neo.ClientError.Statement.SyntaxError")
        #expect(syntax?["description"] == "error: syntax error or access rule violation - invalid syntax")
        #expect(syntax?["message"]?.stringValue?.contains("line 1, column") == true)
        #expect(syntax?["diagnostic_record"]?["_classification"] == "CLIENT_ERROR")
        #expect(syntax?["diagnostic_record"]?["CURRENT_SCHEMA"] == "/")
        #expect(syntax?["code"] == nil)
        c.send(BoltMessage.reset)
        _ = c.query("CREATE CONSTRAINT FOR (c:C) REQUIRE c.id IS UNIQUE")
        _ = c.query("CREATE (:C {id: 1})")
        let duplicate = metadata(c.query("CREATE (:C {id: 1})").summary)
        #expect(duplicate?["neo4j_code"] == "Neo.ClientError.Schema.ConstraintValidationFailed")
        #expect(duplicate?["gql_status"] == "22000")
        c.send(BoltMessage.reset)
        let zero = metadata(c.query("RETURN 1 / 0").summary)
        #expect(zero?["gql_status"] == "22012" && zero?["neo4j_code"] == "Neo.ClientError.Statement.ArithmeticError")
        let old = Conversation(version: BoltVersion(5, 6))
        old.open()
        let before57 = metadata(old.send(BoltMessage.run, "RETURN 1 +", [:], [:]).last)
        #expect(before57?["code"] == "Neo.ClientError.Statement.SyntaxError" && before57?["gql_status"] == nil)
    }

    @Test("the classification follows the Neo4j code's: transient and database errors")
    func gqlClassification() {
        #expect(BoltError("Neo.TransientError.Transaction.Outdated", "x").gqlClassification == "TRANSIENT_ERROR")
        #expect(BoltError("Neo.TransientError.Transaction.Outdated", "x").gqlStatus.code == "50N42")
        #expect(BoltError("Neo.DatabaseError.Statement.ExecutionFailed", "x").gqlClassification == "DATABASE_ERROR")
        #expect(BoltError.invalid("x").gqlStatus.code == "50N42")
    }
}
