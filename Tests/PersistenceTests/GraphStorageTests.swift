import Engine
import GraphStore
import Persistence
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite struct GraphStorageTests {
    @Test func everyKindOfWriteSurvivesAReopen() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        var expected: GraphSnapshot
        do {
            let db = try Database(directory: dir)
            try db.graph.write { txn in
                try txn.createUniqueConstraint(label: "Customer", key: "id")
                try txn.createUniqueConstraint(name: "temp", label: "Product", key: "sku")
                let a = try txn.createNode(labels: ["Customer", "VIP"], properties: ["id": "a", "tags": .list(["x", 1, 2.5])])
                let b = try txn.createNode(labels: ["Customer"], properties: ["id": "b", "emb": .vector([0.5, -1])])
                let p = try txn.createNode(labels: ["Product"], properties: ["sku": "p", "meta": .map(["k": true])])
                try txn.createRelationship(from: a, to: p, type: "PURCHASED", properties: ["q": 2])
                try txn.createRelationship(from: b, to: p, type: "PURCHASED")
                try txn.createRelationship(from: a, to: b, type: "REFERRED_BY")
            }
            try db.graph.write { txn in
                let s = txn.snapshot
                let a = s.lookup(label: "Customer", key: "id", value: "a")!
                let b = s.lookup(label: "Customer", key: "id", value: "b")!
                try txn.setProperty(a, "name", "Ann")
                try txn.removeProperty(a, "tags")
                try txn.removeLabel(a, "VIP")
                try txn.addLabel(b, "VIP")
                let r = s.relationships(of: a, type: s.catalog.relationshipType("PURCHASED"), direction: .outgoing)[0].relationship
                try txn.setProperty(r, "q", 3)
                try txn.deleteNode(b, detach: true)
                try txn.dropConstraint(named: "temp")
                try txn.createNode(labels: ["Customer"], properties: ["id": "c"])
            }
            expected = db.graph.snapshot
            #expect(db.storage?.lastSequence == 2)
        }
        let reopened = try Database(directory: dir)
        let s = reopened.graph.snapshot
        #expect(s.nodeCount == expected.nodeCount && s.relationshipCount == expected.relationshipCount)
        #expect(s.nodeIDLimit == expected.nodeIDLimit && s.relationshipIDLimit == expected.relationshipIDLimit)
        for n in 0..<expected.nodeIDLimit {
            let node = NodeID(n)
            #expect(s.contains(node) == expected.contains(node))
            #expect(Set(s.labelNames(of: node)) == Set(expected.labelNames(of: node)))
            #expect(s.propertyDictionary(of: node) == expected.propertyDictionary(of: node))
            #expect(s.relationships(of: node, type: nil, direction: .both).map(\.relationship)
                == expected.relationships(of: node, type: nil, direction: .both).map(\.relationship))
        }
        #expect(s.constraints.map(\.name) == ["constraint_Customer_id"])
        #expect(s.lookup(label: "Customer", key: "id", value: "c") != nil)
        #expect(s.checkInvariants().isEmpty)
        #expect(try reopened.check().isEmpty)
        // The log replays both transactions.
        let log = try reopened.storage!.mutations(after: 0, limit: 10)
        #expect(log.map(\.sequence) == [1, 2])
        #expect(log[1].mutations.contains(.dropConstraint(name: "temp")))
    }

    @Test func aFailedWriteIsNeitherStoredNorVisible() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        let db = try Database(directory: dir)
        try db.graph.write { txn in
            try txn.createUniqueConstraint(label: "C", key: "id")
            try txn.createNode(labels: ["C"], properties: ["id": 1])
        }
        #expect(throws: GraphStoreError.self) {
            try db.graph.write { txn in
                try txn.createNode(labels: ["C"], properties: ["id": 2])
                try txn.createNode(labels: ["C"], properties: ["id": 1])
            }
        }
        #expect(db.graph.snapshot.nodeCount == 1)
        #expect(db.storage?.lastSequence == 1)
    }

    @Test func aSecondOpenOfTheSameDirectoryIsRefused() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        let first = try GraphStorage(directory: dir)
        let err = #expect(throws: PersistenceError.self) { _ = try GraphStorage(directory: dir) }
        #expect(err?.code == .locked)
        #expect(err?.description.contains("in use by another process") == true)
        _ = first
    }

    @Test func aDamagedFileIsReportedWithItsName() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        do {
            let db = try Database(directory: dir)
            try db.graph.write { txn in
                for i in 0..<2_000 { try txn.createNode(labels: ["N"], properties: ["i": .int(Int64(i)), "pad": .string(String(repeating: "x", count: 200))]) }
            }
        }
        // Overwrite the middle of the file with garbage.
        let path = dir + "/graph.sqlite"
        let f = fopen(path, "r+b")!
        fseek(f, 8192, SEEK_SET)
        let junk = [UInt8](repeating: 0xA5, count: 65536)
        _ = junk.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
        let err = #expect(throws: PersistenceError.self) { _ = try Database(directory: dir) }
        #expect(err?.code == .corrupt)
        #expect(err?.file == path)
    }

    @Test func aFileThatIsNotADatabaseIsRefused() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        _ = mkdir(dir, 0o755)
        SharedData.write(String(repeating: "not a database\n", count: 1_000), to: dir + "/graph.sqlite")
        let err = #expect(throws: PersistenceError.self) { _ = try Database(directory: dir) }
        #expect(err?.code == .corrupt)
    }

    @Test func backupCopiesAConsistentDatabase() throws {
        let dir = SharedData.temporaryDirectory()
        let db = try Database(directory: dir + "/data")
        try db.graph.write { txn in
            let a = try txn.createNode(labels: ["A"], properties: ["k": 1])
            try txn.createRelationship(from: a, to: a, type: "SELF")
        }
        try db.storage!.backup(to: dir + "/backup")
        let copy = try Database(directory: dir + "/backup")
        #expect(copy.graph.snapshot.nodeCount == 1 && copy.graph.snapshot.relationshipCount == 1)
        #expect(throws: PersistenceError.self) { try db.storage!.backup(to: dir + "/backup") }
    }
}
