import Engine
import Foundation
import GraphStore
import Neo4jMirror
import Synchronization
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The mirror against a second `ignitabull serve` over HTTP: a mixed workload, then both graphs
/// compared (counts per label and type, a checksum over every entity); then the same while the
/// target is killed with SIGKILL and restarted. `IGNITABULL_MIRROR_HEAVY=1` runs 100,000+ mutations.
@Suite(.serialized) struct LiveTargetTests {
    static let heavy = ProcessInfo.processInfo.environment["IGNITABULL_MIRROR_HEAVY"] == "1"
    static let steps = heavy ? 40_000 : 1_200

    func configuration(_ url: String) -> MirrorConfiguration {
        var c = MirrorConfiguration(consumer: MirrorConfiguration.consumerName(url: url, database: "neo4j"))
        c.initialBackoff = .milliseconds(50)
        c.maxBackoff = .seconds(1)
        c.maxRowsPerRequest = 1_000
        return c
    }

    /// Stops the target, opens its data directory and compares it with the source.
    func compare(_ source: Database, _ server: TargetServer) throws {
        server.stop()
        let target = try Database(directory: server.directory)
        let want = GraphDigest(source: source.graph.snapshot)
        let got = GraphDigest(target: target.graph.snapshot)
        #expect(got.duplicates == 0, "entities applied twice")
        #expect(got.unkeyed == 0)
        #expect(got.labelCounts == want.labelCounts)
        #expect(got.typeCounts == want.typeCounts)
        #expect(got.checksum == want.checksum, "source \(want), target \(got)")
        #expect(got == want)
        // Counted under the target's uniqueness constraint on the mirror key.
        #expect(target.graph.snapshot.constraint(named: "ignitabull_mirror_key")?.count == want.nodes.count)
        print("mirror: compared \(want)")
    }

    @Test(.enabled(if: TargetServer.binary != nil, "needs .build/debug/ignitabull (swift build)"))
    func mixedWorkloadEndsIdentical() throws {
        let root = SharedData.temporaryDirectory()
        let source = try Database(directory: root + "/source")
        try Workload.prepare(source)
        var w = Workload(seed: 42)
        try w.run(source, steps: Self.steps / 2)
        let server = try TargetServer(directory: root + "/target")
        let mirror = try Neo4jMirror(
            database: source, target: try Neo4jHTTPTarget(url: server.url), configuration: configuration(server.url))
        let clock = ContinuousClock()
        let start = clock.now
        try mirror.run()
        try w.run(source, steps: Self.steps / 2)
        try mirror.run()
        let elapsed = clock.now - start
        let mutations = try Workload.mutationCount(source)
        print("mirror: \(mutations) mutations in the log, \(mirror.statistics.deliveredBatches) batches, \(elapsed)")
        #expect(mutations >= (Self.heavy ? 100_000 : 2_000))
        try compare(source, server)
    }

    @Test(.enabled(if: TargetServer.binary != nil, "needs .build/debug/ignitabull (swift build)"))
    func targetKilledAndRestartedLosesAndRepeatsNothing() throws {
        let root = SharedData.temporaryDirectory()
        let source = try Database(directory: root + "/source")
        try Workload.prepare(source)
        var w = Workload(seed: 99)
        try w.run(source, steps: 100)
        let server = try TargetServer(directory: root + "/target")
        var c = configuration(server.url)
        c.maxMutationsPerBatch = 500
        let following = FollowingMirror(
            try Neo4jMirror(database: source, target: try Neo4jHTTPTarget(url: server.url, timeoutSeconds: 5), configuration: c))
        let mirror = following.mirror
        let kills = 4
        for _ in 0..<kills {
            try w.run(source, steps: Self.steps / kills)
            server.kill9()
            usleep(300_000)
            try server.start()
        }
        let failure = try following.catchUpAndStop(within: .seconds(Self.heavy ? 1800 : 180))
        #expect(failure == nil, "\(String(describing: failure))")
        #expect(try mirror.status().lagEntries == 0)
        let mutations = try Workload.mutationCount(source)
        print("mirror: \(mutations) mutations, \(kills) target kills, \(mirror.statistics.retries) retries, \(mirror.statistics.deliveredBatches) batches")
        #expect(mirror.statistics.retries > 0, "the kills were noticed")
        try compare(source, server)
    }
}
