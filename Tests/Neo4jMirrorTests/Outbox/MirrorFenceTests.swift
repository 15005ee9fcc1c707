import CypherRuntime
import Engine
import GraphStore
import Neo4jMirror
import Testing
import TestSupport

/// The fence (`MirrorFence`): a late copy of an older request changes nothing once a newer one applied;
/// the same request sent again still applies; one fence node per consumer.
@Suite struct MirrorFenceTests {
    func set(_ value: Int64) -> [MirrorStatement] {
        [MirrorStatement("UNWIND $rows AS row MERGE (n:Item {id: row.id}) SET n.v = row.v", rows: [["id": .int(1), "v": .int(value)]])]
    }

    func int(_ db: Database, _ query: String) throws -> Int64? {
        let r = try db.query(query)
        guard let v = r.rows.first?.first else { return nil }
        switch v {
        case .int(let i): return i
        default: return nil
        }
    }

    func value(_ db: Database) throws -> Int64? { try int(db, "MATCH (n:Item {id: 1}) RETURN n.v") }

    @Test func aLateOlderRequestChangesNothing() throws {
        let target = DatabaseTarget()
        let fence = MirrorFence(consumer: "c1")
        try target.run([fence.constraintStatement])
        try target.run(fence.fenced(set(10), number: 100))
        try target.run(fence.fenced(set(20), number: 200))
        #expect(try value(target.database) == 20)
        // Request 100 arrives again, late (its first answer was lost): refused, the newer value stays.
        #expect(throws: MirrorError.self) { try target.run(fence.fenced(set(10), number: 100)) }
        #expect(try value(target.database) == 20)
        // Request 200 sent again (an unknown outcome): it applies, to the same effect.
        try target.run(fence.fenced(set(20), number: 200))
        #expect(try value(target.database) == 20)
        // Another consumer has a fence of its own.
        try target.run(MirrorFence(consumer: "c2").fenced(set(30), number: 50))
        #expect(try value(target.database) == 30)
        #expect(try int(target.database, "MATCH (f:IgnitabullMirror) RETURN count(f)") == 2)
    }

    @Test func theMirrorFencesEveryDataRequest() throws {
        let source = try Database(directory: SharedData.temporaryDirectory() + "/source")
        _ = try source.query("UNWIND range(1, 20) AS i CREATE (:Item {n: i})")
        let target = DatabaseTarget()
        let mirror = try Neo4jMirror(database: source, target: target, configuration: MirrorConfiguration(consumer: "t"))
        try mirror.run()
        let fence = try int(target.database, "MATCH (f:IgnitabullMirror {consumer: 't'}) RETURN f.seq")
        #expect((fence ?? 0) > 1_700_000_000_000_000, "a wall-clock number in microseconds")
    }
}
