import Foundation
import Engine
import GraphStore
import Persistence
import Testing
import TestSupport

/// A bulk write (65,536 mutations or more) that no reader of the mutation log would read leaves the
/// log compacted through it instead of an entry as large as the write; with a reader (a pin here, or
/// a vector index or a mirror's cursor) the entry is written as before.
@Suite struct BulkWriteLogTests {
    func bulkWrite(_ db: Database, _ count: Int) throws {
        try db.graph.write { txn in
            let c = try txn.createNode(labels: ["Customer"], properties: ["id": .string("c\(count)")])
            let p = try txn.createNode(labels: ["Product"], properties: ["id": .string("p\(count)")])
            for i in 0..<count {
                try txn.createRelationship(from: c, to: p, type: "PURCHASED", properties: ["quantity": .int(Int64(i))])
            }
        }
    }

    @Test func aBulkWriteNobodyReadsLeavesNoEntry() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        do {
            let db = try Database(directory: dir)
            let storage = try #require(db.storage)
            try db.graph.write { txn in _ = try txn.createNode(labels: ["Customer"], properties: ["id": "first"]) }
            #expect(try storage.mutations(after: 0, limit: 10).map(\.sequence) == [1])
            try bulkWrite(db, 70_000)
            #expect(try storage.lastSequence == 2 && storage.compactedThrough() == 2)
            #expect(try storage.mutations(after: 2, limit: 10).isEmpty)
            #expect(throws: PersistenceError.self) { _ = try storage.mutations(after: 1, limit: 10) }
            // A small write after it is logged as before.
            try db.graph.write { txn in _ = try txn.createNode(labels: ["Customer"], properties: ["id": "after"]) }
            #expect(try storage.mutations(after: 2, limit: 10).map(\.sequence) == [3])
            #expect(try storage.verify().isEmpty)
        }
        let db = try Database(directory: dir, create: false)
        #expect(db.graph.snapshot.relationshipCount == 70_000 && db.graph.snapshot.nodeCount == 4)
        #expect(db.storage?.lastSequence == 3)
        #expect(try db.check().isEmpty)
    }

    @Test func aBulkWriteWithAReaderIsLogged() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        let db = try Database(directory: dir)
        let storage = try #require(db.storage)
        let pin = storage.pinLog()
        try bulkWrite(db, 70_000)
        let entries = try storage.mutations(after: pin, limit: 10)
        #expect(entries.map(\.sequence) == [pin + 1])
        #expect(entries.first?.mutations.count == 70_000 + 2 + 5)  // and the tokens: 2 labels, a type, 2 keys
        storage.unpinLog(pin)
        // Below the bulk size, a write with no reader is logged too.
        try bulkWrite(db, 1_000)
        #expect(try storage.mutations(after: pin + 1, limit: 10).map(\.sequence) == [pin + 2])
    }
}
