import Engine
import GraphStore
import Neo4jMirror
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `serve --mirror-to` as the source, killed with SIGKILL and restarted while clients write to it:
/// every acknowledged write reaches the target once.
@Suite(.serialized) struct SourceKillTests {
    /// Whether the mirror's cursor has reached the log's end (the source must be stopped).
    static func caughtUp(_ directory: String, consumer: String) throws -> Bool {
        let s = try Database(directory: directory)
        let status = try Neo4jMirror.status(of: s.storage!, consumer: consumer)
        return status.lagEntries == 0 && status.cursor != nil
    }

    @Test(.enabled(if: TargetServer.binary != nil, "needs .build/debug/ignitabull (swift build)"))
    func sourceKilledAndRestartedLosesAndRepeatsNothing() throws {
        let root = SharedData.temporaryDirectory()
        let target = try TargetServer(directory: root + "/target")
        let source = try TargetServer(directory: root + "/source", extra: ["--mirror-to", target.url])
        let client = try Neo4jHTTPTarget(url: source.url, timeoutSeconds: 10)
        var n = 0
        var rounds = 0
        func write() throws {
            let rows: [[String: PropertyValue]] = (0..<20).map { i in ["n": .int(Int64(n + i)), "v": .double(Double(n + i) / 3)] }
            try client.run([
                MirrorStatement("UNWIND $rows AS r CREATE (:Item {n: r.n, v: r.v})", rows: rows),
                MirrorStatement(
                    "UNWIND $rows AS r MATCH (a:Item {n: r.n - 1}), (b:Item {n: r.n}) CREATE (a)-[:NEXT {w: r.v}]->(b)", rows: rows),
                MirrorStatement("UNWIND $rows AS r MATCH (a:Item {n: r.n - 7}) SET a.v = null, a:Old", rows: rows),
                MirrorStatement("UNWIND $rows AS r MATCH (a:Item {n: r.n - 13}) DETACH DELETE a", rows: Array(rows.prefix(3))),
            ])
            n += 20
        }
        let kills = 3
        for _ in 0..<kills {
            for _ in 0..<25 { try write() }
            source.kill9()
            try source.start()
            rounds += 1
        }
        for _ in 0..<25 { try write() }
        // Caught up when the target has as many items as the source.
        var caughtUp = false
        for _ in 0..<600 where !caughtUp {
            source.stop()
            caughtUp = try Self.caughtUp(source.directory, consumer: MirrorConfiguration.consumerName(url: target.url, database: "neo4j"))
            if !caughtUp {
                try source.start()
                usleep(300_000)
            }
        }
        #expect(caughtUp)
        target.stop()
        let s = try Database(directory: source.directory)
        let t = try Database(directory: target.directory)
        let want = GraphDigest(source: s.graph.snapshot)
        let got = GraphDigest(target: t.graph.snapshot)
        #expect(want.nodes.count > 300)
        #expect(got.duplicates == 0 && got.unkeyed == 0)
        #expect(got == want, "source \(want), target \(got)")
        print("mirror: source killed \(rounds) times; compared \(want)")
    }
}
