import Engine
import Foundation
import GraphStore
import HTTPTypes
import Persistence
import QueryServer
import Synchronization
import Testing
import TestSupport

/// `POST /db/{db}/backup` while a writer keeps committing: the backup opens to one point in the source's
/// history (every item up to some n and none after, its checksums and counts sound), and the server never stops.
@Suite struct BackupRoutesTests {
    @Test func anOnlineBackupDuringWritesIsOnePointInTime() async throws {
        let root = SharedData.temporaryDirectory()
        let db = try Database(directory: root + "/data")
        var config = ServerConfiguration()
        config.backupDirectory = root + "/backups"
        let written = Atomic<Int>(0)
        let total = 600
        Thread.detachNewThread {
            for i in 0..<total {
                _ = try? db.query("CREATE (:Item {n: \(i)})-[:OF]->(:Tag {n: \(i)})")
                written.store(i + 1, ordering: .releasing)
            }
        }
        while written.load(ordering: .acquiring) < 100 { try await Task.sleep(for: .milliseconds(5)) }
        let answer = Mutex("")
        try await TestServer(database: db, configuration: config).run { c in
            let r = try await c.post("/db/neo4j/backup", "")
            #expect(r.status == .ok, "\(r.text)")
            answer.withLock { $0 = r.json["path"]?.stringValue ?? "" }
            #expect(try await c.get("/health").status == .ok)
        }
        let path = answer.withLock { $0 }
        #expect(path.hasPrefix(root + "/backups/neo4j-"))
        while written.load(ordering: .acquiring) < total { try await Task.sleep(for: .milliseconds(5)) }
        let copy = try Database(directory: path)
        #expect(try copy.storage!.verify() == [])
        let s = copy.graph.snapshot
        let items = s.nodes(label: s.catalog.label("Item")!).compactMap { s.property($0, "n")?.intValue }.sorted()
        #expect(items.count >= 100 && items.count <= total)
        #expect(items == Array(0..<Int64(items.count)), "a prefix of the writes: no gap, nothing half-applied")
        #expect(s.nodeCount == 2 * items.count && s.relationshipCount == items.count)
        #expect(db.graph.snapshot.relationshipCount == total)
    }

    @Test func withoutABackupDirectoryItIsA404() async throws {
        try await TestServer().run { c in
            let r = try await c.post("/db/neo4j/backup", "")
            #expect(r.status == .notFound)
            #expect(r.json["code"] == "BackupNotConfigured")
        }
    }
}
