import CypherRuntime
import Engine
import GraphStore
import Testing

@testable import BoltServer

/// Drives a session message by message, as a driver would.
struct Conversation {
    let session: BoltSession

    init(_ db: Database = Database(), version: BoltVersion = BoltVersion(5, 6)) {
        session = BoltSession(database: db, version: version, connectionID: "bolt-test", advertisedAddress: "127.0.0.1:7687")
    }

    @discardableResult
    func send(_ tag: UInt8, _ fields: PackValue...) -> [PackValue] {
        var out: [PackValue] = []
        // Through the wire encoding, as over a socket.
        session.handle(PackStreamEncoder.encode(.structure(tag: tag, fields: fields))) { out.append($0) }
        return out
    }

    /// HELLO (and LOGON on 5.1+).
    func open() {
        let hello = send(BoltMessage.hello, ["user_agent": "test/1", "scheme": "basic", "principal": "neo4j", "credentials": "x"])
        #expect(tag(hello.last) == BoltMessage.success)
        if session.version.hasLogon {
            #expect(tag(send(BoltMessage.logon, ["scheme": "basic", "principal": "neo4j", "credentials": "anything"]).last) == BoltMessage.success)
        }
    }

    /// RUN then PULL all: the records' fields and the summary.
    func query(_ text: String, _ params: PackValue = [:]) -> (records: [[PackValue]], summary: PackValue) {
        let run = send(BoltMessage.run, .string(text), params, [:])
        guard tag(run.last) == BoltMessage.success else { return ([], run.last ?? .null) }
        let pulled = send(BoltMessage.pull, ["n": -1])
        let records = pulled.dropLast().compactMap { r -> [PackValue]? in
            if case .structure(BoltMessage.record, let f) = r { return f.first?.listValue }
            return nil
        }
        return (records, pulled.last ?? .null)
    }
}

func tag(_ v: PackValue?) -> UInt8? { if case .structure(let t, _) = v { t } else { nil } }
func metadata(_ v: PackValue?) -> PackValue? { if case .structure(_, let f) = v { f.first } else { nil } }

@Suite("Bolt session")
struct BoltSessionTests {
    @Test("HELLO, LOGON, RUN and PULL in batches with has_more, then the summary")
    func pullInBatches() {
        let c = Conversation()
        #expect(tag(c.send(BoltMessage.run, "RETURN 1", [:], [:]).last) == BoltMessage.failure)  // before HELLO
        #expect(c.session.isDefunct)
        let c2 = Conversation()
        c2.open()
        let run = c2.send(BoltMessage.run, "UNWIND range(1, 5) AS x RETURN x", [:], [:])
        #expect(metadata(run.last)?["fields"] == ["x"])
        #expect(metadata(run.last)?["t_first"]?.intValue != nil)
        let first = c2.send(BoltMessage.pull, ["n": 2])
        #expect(first.count == 3)
        #expect(metadata(first.last)?["has_more"] == true)
        let discard = c2.send(BoltMessage.discard, ["n": 1])
        #expect(discard.count == 1 && metadata(discard.last)?["has_more"] == true)
        let rest = c2.send(BoltMessage.pull, ["n": 100])
        #expect(rest.count == 3)
        #expect(rest.first == .structure(tag: BoltMessage.record, fields: [[4]]))
        let summary = metadata(rest.last)
        #expect(summary?["type"] == "r")
        #expect(summary?["bookmark"]?.stringValue?.hasPrefix("ignitabull:") == true)
        #expect(summary?["t_last"]?.intValue != nil)
        #expect(summary?["has_more"] == nil)
    }

    @Test("write counters, query type and bookmarks after commits")
    func writes() {
        let c = Conversation()
        c.open()
        let created = c.query("CREATE (a:Person {name: 'Ann'})-[:KNOWS {since: 2020}]->(b:Person {name: 'Bo'})")
        let stats = metadata(created.summary)?["stats"]
        #expect(stats?["nodes-created"] == 2 && stats?["relationships-created"] == 1 && stats?["properties-set"] == 3)
        #expect(stats?["labels-added"] == 2)
        #expect(metadata(created.summary)?["type"] == "w")
        let set = c.query("MATCH (p:Person {name: 'Ann'}) SET p.age = 30")
        #expect(metadata(set.summary)?["type"] == "rw")
        let schema = c.query("CREATE CONSTRAINT person_name FOR (p:Person) REQUIRE p.name IS UNIQUE")
        #expect(metadata(schema.summary)?["type"] == "s")
        #expect(metadata(schema.summary)?["stats"]?["constraints-added"] == 1)
    }

    @Test("explicit transactions: qids, commit with a bookmark, rollback leaves nothing")
    func transactions() {
        let db = Database()
        let c = Conversation(db)
        c.open()
        #expect(tag(c.send(BoltMessage.begin, ["mode": "w"]).last) == BoltMessage.success)
        let run1 = c.send(BoltMessage.run, "CREATE (n:T {v: 1}) RETURN n.v AS v", [:], [:])
        #expect(metadata(run1.last)?["qid"] == 0)
        let run2 = c.send(BoltMessage.run, "MATCH (n:T) RETURN count(n) AS c", [:], [:])
        #expect(metadata(run2.last)?["qid"] == 1)
        let pulled2 = c.send(BoltMessage.pull, ["n": -1, "qid": 1])
        #expect(pulled2.first == .structure(tag: BoltMessage.record, fields: [[1]]))
        #expect(metadata(pulled2.last)?["bookmark"] == nil)
        let pulled1 = c.send(BoltMessage.pull, ["n": -1, "qid": 0])
        #expect(pulled1.first == .structure(tag: BoltMessage.record, fields: [[1]]))
        #expect(db.graph.snapshot.nodeCount == 0)  // not yet committed
        let commit = c.send(BoltMessage.commit)
        #expect(metadata(commit.last)?["bookmark"]?.stringValue?.hasPrefix("ignitabull:") == true)
        #expect(db.graph.snapshot.nodeCount == 1)

        c.send(BoltMessage.begin, [:])
        _ = c.send(BoltMessage.run, "CREATE (:T {v: 2})", [:], [:])
        _ = c.send(BoltMessage.pull, ["n": -1])
        #expect(tag(c.send(BoltMessage.rollback).last) == BoltMessage.success)
        #expect(db.graph.snapshot.nodeCount == 1)
        #expect(!c.session.hasOpenTransaction)
    }

    @Test("a failure moves to FAILED: IGNORED until RESET, which rolls the transaction back")
    func failureAndReset() {
        let db = Database()
        let c = Conversation(db)
        c.open()
        c.send(BoltMessage.begin, [:])
        _ = c.query("CREATE (:T)")
        let failure = c.send(BoltMessage.run, "RETURN 1 +", [:], [:])
        #expect(tag(failure.last) == BoltMessage.failure)
        #expect(metadata(failure.last)?["code"] == "Neo.ClientError.Statement.SyntaxError")
        #expect(metadata(failure.last)?["message"]?.stringValue?.contains("line 1, column") == true)
        #expect(c.send(BoltMessage.pull, ["n": -1]) == [BoltMessage.ignoredMessage])
        #expect(c.send(BoltMessage.commit) == [BoltMessage.ignoredMessage])
        #expect(tag(c.send(BoltMessage.reset).last) == BoltMessage.success)
        #expect(!c.session.hasOpenTransaction)
        #expect(db.graph.snapshot.nodeCount == 0)
        #expect(c.query("RETURN 2 AS x").records == [[2]])
    }

    @Test("constraint violations and other errors carry Neo4j status codes")
    func statusCodes() {
        let c = Conversation()
        c.open()
        _ = c.query("CREATE CONSTRAINT customer_id FOR (c:Customer) REQUIRE c.id IS UNIQUE")
        let again = c.query("CREATE CONSTRAINT customer_id FOR (c:Customer) REQUIRE c.id IS UNIQUE")
        #expect(metadata(again.summary)?["code"] == "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists")
        c.send(BoltMessage.reset)
        _ = c.query("CREATE (:Customer {id: 'c1'})")
        let dup = c.query("CREATE (:Customer {id: 'c1'})")
        #expect(metadata(dup.summary)?["code"] == "Neo.ClientError.Schema.ConstraintValidationFailed")
        c.send(BoltMessage.reset)
        let db = c.send(BoltMessage.run, "RETURN 1", [:], ["db": "other"])
        #expect(metadata(db.last)?["code"] == "Neo.ClientError.Database.DatabaseNotFound")
        c.send(BoltMessage.reset)
        let bytes = c.send(BoltMessage.run, "RETURN $b", ["b": .bytes([1])], [:])
        #expect(metadata(bytes.last)?["code"] == "Neo.ClientError.Statement.TypeError")
        c.send(BoltMessage.reset)
        let missing = c.query("RETURN $nope")
        #expect(metadata(missing.summary)?["code"] == "Neo.ClientError.Statement.ParameterMissing")
    }

    @Test("an unknown message tag fails and closes the connection")
    func unknownTag() {
        let c = Conversation()
        c.open()
        let out = c.send(0x55)
        #expect(tag(out.last) == BoltMessage.failure)
        #expect(c.session.isDefunct)
    }

    @Test("nodes, relationships and paths carry element ids shared with the HTTP API (Bolt 5) and none on 4.4")
    func entities() throws {
        let db = Database()
        _ = try db.query("CREATE (:A {k: 1})-[:R {w: 0.5}]->(:B {k: 2})")
        let c = Conversation(db)
        c.open()
        let rows = c.query("MATCH p = (a:A)-[r:R]->(b:B) RETURN a, r, p").records
        #expect(rows.count == 1)
        let row = rows[0]
        guard case .structure(StructureTag.node, let a) = row[0], case .structure(StructureTag.relationship, let r) = row[1],
            case .structure(StructureTag.path, let p) = row[2]
        else {
            Issue.record("unexpected shapes \(rows)")
            return
        }
        #expect(a.count == 4 && a[1] == ["A"] && a[2] == ["k": 1] && a[3] == .string("4:ignitabull:\(a[0].intValue!)"))
        #expect(r.count == 8 && r[3] == "R" && r[4] == ["w": 0.5] && r[5] == .string("5:ignitabull:\(r[0].intValue!)"))
        #expect(r[6] == a[3])
        #expect(p[0].listValue?.count == 2 && p[1].listValue?.count == 1 && p[2] == [1, 1])
        let reversed = c.query("MATCH p = (b:B)<-[:R]-(a:A) RETURN p").records
        if case .structure(_, let q) = reversed.first?.first { #expect(q[2] == [-1, 1]) }

        let old = Conversation(db, version: BoltVersion(4, 4))
        old.open()
        let legacy = old.query("MATCH (a:A)-[r]->() RETURN a, r").records
        if case .structure(_, let n) = legacy.first?[0] { #expect(n.count == 3) }
        if case .structure(_, let rel) = legacy.first?[1] { #expect(rel.count == 5) }
    }

    @Test("temporal parameters round-trip exactly; 4.4 uses the legacy date-times unless the utc patch is on")
    func temporals() {
        let c = Conversation()
        c.open()
        let values: [PackValue] = [
            .structure(tag: StructureTag.date, fields: [19_000]), .structure(tag: StructureTag.date, fields: [-800_000]),
            .structure(tag: StructureTag.localTime, fields: [45_296_000_000_123]),
            .structure(tag: StructureTag.time, fields: [45_296_000_000_123, 3600]),
            .structure(tag: StructureTag.localDateTime, fields: [1_700_000_000, 999_999_999]),
            .structure(tag: StructureTag.localDateTime, fields: [-1, 5]),
            .structure(tag: StructureTag.dateTime, fields: [1_700_000_000, 1, -18_000]),
            .structure(tag: StructureTag.dateTimeZoneID, fields: [1_700_000_000, 2, "Europe/Stockholm"]),
            .structure(tag: StructureTag.dateTimeZoneID, fields: [1_690_000_000, 2, "America/New_York"]),
            .structure(tag: StructureTag.duration, fields: [14, 3, 7200, 5]),
        ]
        for v in values {
            let out = c.query("RETURN $v AS v", ["v": v])
            #expect(out.records == [[v]], "\(v)")
        }
        let text = c.query("RETURN toString($v) AS s", ["v": values[7]]).records
        #expect(text == [["2023-11-14T23:13:20.000000002+01:00[Europe/Stockholm]"]])

        let legacy = Conversation(version: BoltVersion(4, 4))
        legacy.open()
        let local = legacy.query("RETURN datetime('2024-06-01T12:00:00+02:00') AS d").records
        #expect(local == [[.structure(tag: StructureTag.legacyDateTime, fields: [1_717_243_200, 0, 7200])]])
        let patched = Conversation(version: BoltVersion(4, 4))
        let hello = patched.send(BoltMessage.hello, ["patch_bolt": ["utc"], "scheme": "none"])
        #expect(metadata(hello.last)?["patch_bolt"] == ["utc"])
        let utc = patched.query("RETURN datetime('2024-06-01T12:00:00+02:00') AS d").records
        #expect(utc == [[.structure(tag: StructureTag.dateTime, fields: [1_717_236_000, 0, 7200])]])
    }

    @Test("ROUTE names this server for WRITE, READ and ROUTE")
    func route() {
        let c = Conversation()
        c.open()
        let out = c.send(BoltMessage.route, ["address": "localhost:7687"], [], ["db": nil])
        let rt = metadata(out.last)?["rt"]
        #expect(rt?["db"] == "neo4j" && rt?["ttl"] == 300)
        let roles = rt?["servers"]?.listValue?.compactMap { $0["role"]?.stringValue }
        #expect(roles == ["WRITE", "READ", "ROUTE"])
        #expect(rt?["servers"]?.listValue?.first?["addresses"] == ["127.0.0.1:7687"])
        #expect(tag(c.send(BoltMessage.telemetry, 0).last) == BoltMessage.success)
        #expect(tag(c.send(BoltMessage.logoff).last) == BoltMessage.success)
        #expect(tag(c.send(BoltMessage.run, "RETURN 1", [:], [:]).last) == BoltMessage.failure)
    }
}
