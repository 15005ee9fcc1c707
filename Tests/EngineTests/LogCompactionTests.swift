import Foundation
import Engine
import GraphStore
import Persistence
import Testing
import TestSupport
import VectorIndex

/// Log compaction (issue 17): a checkpoint keeps the mutation log only as far back as its slowest reader
/// (a vector index file, a mirror's cursor, a pinned sync) needs, and the data directory reopens to the
/// same graph.
@Suite struct LogCompactionTests {
    func write(_ db: Database, _ range: Range<Int>) throws {
        for i in range {
            try db.graph.write { txn in
                var v = [Float](repeating: 0, count: 4)
                v[i % 4] = 1
                try txn.createNode(labels: ["Item"], properties: ["id": .string("i\(i)"), "v": .vector(v), "n": .int(Int64(i))])
            }
        }
    }

    func entries(_ storage: GraphStorage) throws -> [Int64] {
        var out: [Int64] = []
        var after = try storage.compactedThrough()
        while true {
            let batch = try storage.mutations(after: after, limit: 512)
            guard let last = batch.last else { return out }
            out += batch.map(\.sequence)
            after = last.sequence
        }
    }

    @Test func aCheckpointKeepsWhatTheSlowestReaderHasNotPassed() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        let digest: [String]
        do {
            let db = try Database(directory: dir)
            let storage = try #require(db.storage)
            try write(db, 0..<300)
            try db.createVectorIndex(name: "v", label: "Item", property: "v", dimensions: 4, lists: 1)
            try write(db, 300..<600)
            // A mirror consumer that acknowledged entry 250.
            try storage.acknowledge(consumer: "slow", through: 250)
            let end = storage.lastSequence
            #expect(end >= 600)
            let r = try db.checkpoint()
            #expect(r.logStartsAfter == 250, "the slow consumer's cursor bounds the compaction")
            #expect(r.logEntriesRemoved == 250)
            #expect(try entries(storage) == Array(251...end))
            #expect(try storage.verify() == [])
            // Reading from before the compacted point is an error that says so, never a silent gap.
            #expect(throws: PersistenceError.self) { _ = try storage.mutations(after: 100, limit: 10) }
            // The consumer catches up: the next checkpoint keeps only the entry after the index file's.
            try storage.acknowledge(consumer: "slow", through: end)
            let r2 = try db.checkpoint()
            #expect(r2.logStartsAfter == end)
            #expect(try entries(storage) == [])
            digest = db.graph.snapshot.nodes(label: db.graph.snapshot.catalog.label("Item")!).map {
                db.graph.snapshot.property($0, "id")!.stringValue!
            }.sorted()
        }
        // Reopened: the same graph, the log continues numbering after the compacted point, the index answers.
        let db = try Database(directory: dir)
        let storage = try #require(db.storage)
        let s = db.graph.snapshot
        #expect(s.nodes(label: s.catalog.label("Item")!).map { s.property($0, "id")!.stringValue! }.sorted() == digest)
        #expect(try storage.verify() == [])
        #expect(db.vectorIndexes.index(named: "v")?.index.count == 600)
        let before = storage.lastSequence
        try write(db, 600..<601)
        #expect(storage.lastSequence == before + 1)
        #expect(try entries(storage) == [before + 1])
    }

    @Test func aPinnedSyncKeepsTheLogAfterItsSequence() throws {
        let db = try Database(directory: SharedData.temporaryDirectory() + "/data")
        let storage = try #require(db.storage)
        try write(db, 0..<50)
        let pin = storage.pinLog()
        try write(db, 50..<80)
        var r = try db.checkpoint()
        #expect(r.logStartsAfter == pin, "entries after a pinned sequence stay")
        #expect(try entries(storage).first == pin + 1)
        storage.unpinLog(pin)
        r = try db.checkpoint()
        #expect(r.logStartsAfter == storage.lastSequence)
    }

    /// A bulk write repeats every row in its log entry; once compacted, the file gives those pages back (a
    /// file keeps freed pages unless it was created with incremental auto-vacuum) and reopens to the same graph.
    @Test func compactingABulkWriteGivesItsPagesBack() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        do {
            let db = try Database(directory: dir)
            let storage = try #require(db.storage)
            try db.graph.write { txn in
                let c = try txn.createNode(labels: ["Customer"], properties: ["id": "c"])
                let p = try txn.createNode(labels: ["Product"], properties: ["id": "p"])
                for i in 0..<20_000 {
                    try txn.createRelationship(
                        from: c, to: p, type: "PURCHASED", properties: ["quantity": .int(Int64(i)), "note": .string("line \(i)")])
                }
            }
            let before = try storage.fileSpace()
            #expect(before.free == 0)
            let r = try db.checkpoint()
            #expect(r.logEntriesRemoved == 1)
            let after = try storage.fileSpace()
            #expect(after.free * 8 <= after.pages, "free pages \(after.free) of \(after.pages)")
            #expect(after.pages * 10 < before.pages * 8, "\(before.pages) pages before compaction, \(after.pages) after")
            let bytes = try #require(try? FileManager.default.attributesOfItem(atPath: dir + "/graph.sqlite")[.size] as? Int)
            #expect(bytes == after.pages * after.pageSize, "the file is truncated to its pages")
        }
        let db = try Database(directory: dir)
        #expect(db.graph.snapshot.relationshipCount == 20_000)
        #expect(try db.check().isEmpty)
    }
}
