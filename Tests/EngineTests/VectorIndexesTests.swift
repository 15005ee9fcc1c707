#if canImport(Glibc)
import Glibc
#endif
import Engine
import GraphStore
import Persistence
import Testing
import TestSupport
import VectorIndex

@Suite struct VectorIndexesTests {
    /// 600 products with 8-d vectors pointing in one of 6 directions (plus a little noise).
    func fill(_ db: Database, from: Int = 0, count: Int = 600) throws {
        try db.graph.write { txn in
            for i in from..<(from + count) {
                var v = [Float](repeating: 0.01 * Float(i % 7), count: 8)
                v[i % 6] += 1
                try txn.createNode(labels: ["Product"], properties: ["id": .string("p\(i)"), "embedding": .vector(v)])
            }
        }
    }

    @Test func searchFindsTheNearestDirection() throws {
        let db = Database()
        try fill(db)
        let e = try db.createVectorIndex(name: "emb", label: "Product", property: "embedding", dimensions: 8, lists: 4)
        #expect(e.index.count == 600)
        var q = [Float](repeating: 0, count: 8)
        q[2] = 1
        let hits = try db.similarNodes(index: "emb", to: q, k: 10, probes: 4)
        let s = db.graph.snapshot
        #expect(hits.count == 10)
        for h in hits { #expect(Int(s.property(h.node, "id")!.stringValue!.dropFirst())! % 6 == 2) }
        // Writes after creation are indexed; deletes are removed. No product points along axis 7.
        var axis7 = [Float](repeating: 0, count: 8)
        axis7[7] = 1
        try db.graph.write { txn in
            let n = try txn.createNode(labels: ["Product"], properties: ["id": "new", "embedding": .vector(axis7)])
            try txn.deleteNode(hits[0].node)
            _ = n
        }
        let again = try db.similarNodes(index: "emb", to: axis7, k: 1, probes: 4)
        #expect(db.graph.snapshot.property(again[0].node, "id") == "new")
        #expect(db.vectorIndexes.index(named: "emb")!.index.count == 600)
    }

    @Test func aStoredIndexIsLoadedAndCaughtUpNotRetrained() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        var q = [Float](repeating: 0, count: 8)
        q[7] = 1  // no product points along axis 7
        do {
            let db = try Database(directory: dir)
            try fill(db)
            try db.createVectorIndex(name: "emb", label: "Product", property: "embedding", dimensions: 8, lists: 4)
            // Written after the index file was saved: must be replayed from the log on open.
            try db.graph.write { txn in
                try txn.createNode(labels: ["Product"], properties: ["id": "late", "embedding": .vector(q)])
            }
        }
        let path = dir + "/indexes/1.ivf"  // files are numbered, never named after the index
        var before = stat()
        stat(path, &before)
        let db = try Database(directory: dir)
        let e = try #require(db.vectorIndexes.index(named: "emb"))
        #expect(e.index.count == 601)
        #expect(e.definition.lists == 4)
        let top = try db.similarNodes(index: "emb", to: q, k: 1, probes: 4)
        #expect(db.graph.snapshot.property(top[0].node, "id") == "late")
        var after = stat()
        stat(path, &after)
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_size == before.st_size, "the file was rewritten on open")
    }

    @Test func aDamagedIndexFileIsRebuiltFromTheGraphWithAWarning() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        do {
            let db = try Database(directory: dir)
            try fill(db)
            try db.createVectorIndex(name: "emb", label: "Product", property: "embedding", dimensions: 8, lists: 2)
        }
        let path = dir + "/indexes/1.ivf"
        let f = try #require(fopen(path, "r+b"))
        fseek(f, 200, SEEK_SET)
        let junk = [UInt8](repeating: 0x5A, count: 64)
        _ = junk.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
        do {
            // The database opens; the index is rebuilt from the graph, and the repair is reported.
            let db = try Database(directory: dir)
            #expect(db.warnings.count == 1)
            #expect(db.warnings.first?.contains(path) == true && db.warnings.first?.contains("rebuilt") == true, "\(db.warnings)")
            #expect(db.vectorIndexes.index(named: "emb")?.index.count == 600)
            let problems = try db.check()
            #expect(problems.contains { $0.contains("repaired on open") && $0.contains("emb") }, "\(problems)")
            var q = [Float](repeating: 0, count: 8)
            q[3] = 1
            let hits = try db.similarNodes(index: "emb", to: q, k: 5, probes: 2)
            #expect(hits.count == 5)
        }
        // The rebuilt file was saved: the next open is clean.
        let db = try Database(directory: dir)
        #expect(db.warnings.isEmpty)
        #expect(try db.check().isEmpty)
    }

    @Test func aMissingIndexFileIsRebuiltAndAnIndexWithNothingToTrainOnIsReported() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        do {
            let db = try Database(directory: dir)
            try fill(db)
            try db.createVectorIndex(name: "emb", label: "Product", property: "embedding", dimensions: 8, lists: 2)
        }
        unlink(dir + "/indexes/1.ivf")
        do {
            let db = try Database(directory: dir)
            #expect(db.vectorIndexes.index(named: "emb")?.index.count == 600)
            #expect(db.warnings.count == 1)
            _ = try db.query("MATCH (p:Product) DETACH DELETE p")
        }
        unlink(dir + "/indexes/1.ivf")
        let db = try Database(directory: dir)
        #expect(db.vectorIndexes.index(named: "emb") == nil)
        #expect(db.warnings.first?.contains("unavailable") == true, "\(db.warnings)")
        #expect(try !db.check().isEmpty)
    }
}
