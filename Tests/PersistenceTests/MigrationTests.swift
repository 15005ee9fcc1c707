#if canImport(Glibc)
import Glibc
#endif
import Engine
import Foundation
import GraphStore
@testable import Persistence
import Testing
import TestSupport
import VectorIndex

/// A data directory written by schema version 2 (no checksums, index files named after the
/// index) opens with this engine: rows get their checksums, and index files move to numbered
/// names, except that an old name pointing out of `indexes/` is not followed (that index is
/// rebuilt from the graph instead).
@Suite struct MigrationTests {
    static func version2(_ dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir + "/indexes", withIntermediateDirectories: true)
        let db = try SQLiteConnection(path: dir + "/graph.sqlite")
        _ = try db.scalarText("PRAGMA journal_mode=WAL")
        try db.execute(Schema.migrations[0])
        try db.execute(Schema.migrations[1])
        try db.execute("PRAGMA user_version = 2")
        try db.execute("INSERT INTO tokens(kind, id, name) VALUES (0, 0, 'Item'), (2, 0, 'id'), (2, 1, 'emb')")
        let node = try db.prepare("INSERT INTO nodes(id, labels, properties) VALUES (?, ?, ?)")
        var ids: [VectorID] = []
        var flat: [Float] = []
        for i in 0..<30 {
            var v = [Float](repeating: 0.1, count: 4)
            v[i % 4] = 1
            ids.append(UInt32(i))
            flat += v
            node.bind(1, i)
            node.bind(2, PropertyCodec.encode(labels: [LabelID(0)]))
            node.bind(3, PropertyCodec.encode(PropertyMap([
                PropertyEntry(key: PropertyKeyID(0), value: .int(Int64(i))), PropertyEntry(key: PropertyKeyID(1), value: .vector(v)),
            ])))
            try node.run()
        }
        try db.execute(
            "UPDATE meta SET value = '30' WHERE key = 'node_count'; "
                + "INSERT INTO meta(key, value) VALUES ('node_id_limit', '30'), ('relationship_id_limit', '0')")
        let index = try IVFFlatIndex(dimension: 4)
        try index.train(flat, lists: 2)
        try index.add(ids: ids, vectors: flat)
        try index.save(to: dir + "/indexes/emb.ivf")
        try index.save(to: dir + "/evil.ivf")  // where `indexes/../evil.ivf` pointed
        try db.execute("""
            INSERT INTO vector_indexes(name, label, key, dimensions, similarity, file, lists, sequence) VALUES
              ('emb', 'Item', 'emb', 4, 'cosine', 'indexes/emb.ivf', 2, 0),
              ('../evil', 'Item', 'emb', 4, 'cosine', 'indexes/../evil.ivf', 2, 0)
            """)
        db.close()
    }

    @Test func aVersion2DirectoryOpensAndIsMigrated() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        try Self.version2(dir)
        let evil = try Data(contentsOf: URL(fileURLWithPath: dir + "/evil.ivf"))
        do {
            let db = try Database(directory: dir, create: false)
            #expect(db.graph.snapshot.nodeCount == 30)
            #expect(db.vectorIndexes.index(named: "emb")?.index.count == 30)
            #expect(db.vectorIndexes.index(named: "../evil")?.index.count == 30)
            // "../evil" sorts first and gets file 1, "emb" file 2; only "../evil" was rebuilt.
            #expect(db.warnings.count == 1 && db.warnings[0].contains("`../evil`"), "\(db.warnings)")
            #expect(FileManager.default.fileExists(atPath: dir + "/indexes/1.ivf"))
            #expect(FileManager.default.fileExists(atPath: dir + "/indexes/2.ivf"))
            #expect(!FileManager.default.fileExists(atPath: dir + "/indexes/emb.ivf"))
            let problems = try db.check()
            #expect(problems.count == 1 && problems[0].contains("repaired on open"), "\(problems)")
            _ = try db.query("CREATE (:Item {id: 99, emb: [0.0, 0.0, 0.0, 1.0]})")
        }
        // The file outside `indexes/` was neither read as the index nor moved nor changed.
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/evil.ivf")) == evil)
        let db = try Database(directory: dir, create: false)
        #expect(db.warnings.isEmpty)
        #expect(try db.check().isEmpty)
        #expect(db.vectorIndexes.index(named: "emb")?.index.count == 31)
    }
}
