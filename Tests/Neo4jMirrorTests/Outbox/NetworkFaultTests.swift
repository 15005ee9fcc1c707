import Engine
import Foundation
import Neo4jMirror
import Persistence
import Synchronization
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The mirror through a fault-injecting TCP proxy (`FaultProxy`: dropped connections in both directions,
/// stalls longer than the request timeout), and log compaction while a mirror lags.
@Suite(.serialized) struct NetworkFaultTests {
    let live = LiveTargetTests()

    @Test(.enabled(if: TargetServer.binary != nil, "needs .build/debug/ignitabull (swift build)"))
    func droppedAndStalledConnectionsLoseAndRepeatNothing() throws {
        let root = SharedData.temporaryDirectory()
        let source = try Database(directory: root + "/source")
        try Workload.prepare(source)
        var w = Workload(seed: 7)
        try w.run(source, steps: 100)
        let server = try TargetServer(directory: root + "/target")
        let proxy = try FaultProxy(target: server.port, every: 0.3, stall: 2.5)
        defer { proxy.stop() }
        var c = live.configuration(proxy.url)
        c.maxMutationsPerBatch = 200
        c.maxRowsPerRequest = 200
        proxy.chaos.store(true, ordering: .relaxed)
        let following = FollowingMirror(
            try Neo4jMirror(database: source, target: try Neo4jHTTPTarget(url: proxy.url, timeoutSeconds: 1), configuration: c))
        let mirror = following.mirror
        // Writes keep coming while the network misbehaves.
        for _ in 0..<6 {
            try w.run(source, steps: LiveTargetTests.steps / 6)
            usleep(400_000)
        }
        let deadline = ContinuousClock.now + .seconds(LiveTargetTests.heavy ? 1800 : 120)
        while (proxy.drops.load(ordering: .relaxed) < 4 || proxy.stalls.load(ordering: .relaxed) < 2) && ContinuousClock.now < deadline {
            try w.run(source, steps: 20)
            usleep(100_000)
        }
        proxy.chaos.store(false, ordering: .relaxed)
        let failure = try following.catchUpAndStop(within: deadline - ContinuousClock.now)
        #expect(failure == nil, "\(String(describing: failure))")
        #expect(try mirror.status().lagEntries == 0)
        let mutations = try Workload.mutationCount(source)
        print(
            "mirror through the fault proxy: \(mutations) mutations, \(proxy.drops.load(ordering: .relaxed)) drops "
                + "(\(proxy.droppedAnswers.load(ordering: .relaxed)) of them answers) and "
                + "\(proxy.stalls.load(ordering: .relaxed)) stalls injected, \(mirror.statistics.retries) retries, "
                + "\(mirror.statistics.deliveredBatches) batches")
        #expect(proxy.drops.load(ordering: .relaxed) >= 4 && proxy.stalls.load(ordering: .relaxed) >= 2)
        #expect(mirror.statistics.retries > 0, "the faults were noticed")
        try live.compare(source, server)
    }

    /// After the workload and a checkpoint, the log holds only what the lagging mirror has not passed; the
    /// source reopens to the same graph, and the mirror then catches up from its cursor to an identical target.
    @Test(.enabled(if: TargetServer.binary != nil, "needs .build/debug/ignitabull (swift build)"))
    func compactionKeepsWhatTheMirrorHasNotPassed() throws {
        let root = SharedData.temporaryDirectory()
        let server = try TargetServer(directory: root + "/target")
        let configuration = live.configuration(server.url)
        var w = Workload(seed: 11)
        let cursor: Int64
        do {
            let source = try Database(directory: root + "/source")
            try Workload.prepare(source)
            try w.run(source, steps: 300)
            let mirror = try Neo4jMirror(database: source, target: try Neo4jHTTPTarget(url: server.url), configuration: configuration)
            try mirror.run()
            cursor = try #require(try mirror.status().cursor)
            try w.run(source, steps: 300)  // the mirror is not running: it lags
            let storage = try #require(source.storage)
            let r = try source.checkpoint()
            #expect(r.logStartsAfter == cursor, "compaction stops at the mirror's cursor")
            #expect(r.logEntriesRemoved > 0)
            #expect(try storage.mutations(after: cursor, limit: 1).first?.sequence == cursor + 1)
            #expect(throws: (any Error).self) { _ = try storage.mutations(after: cursor - 1, limit: 1) }
            #expect(try storage.verify() == [])
        }
        let source = try Database(directory: root + "/source")
        #expect(try source.storage!.verify() == [])
        let mirror = try Neo4jMirror(database: source, target: try Neo4jHTTPTarget(url: server.url), configuration: configuration)
        try mirror.run()
        #expect(try mirror.status().lagEntries == 0)
        try live.compare(source, server)
        // Caught up: the next checkpoint empties the log.
        let r = try source.checkpoint()
        #expect(r.logStartsAfter == source.storage!.lastSequence)
    }
}
