import Engine
import Foundation
import GraphStore
@testable import Persistence
import Testing
import TestSupport

/// A data directory of schema version 6, one row per relationship, opens with its relationships
/// moved into blocks; a damaged row stops the move and leaves the file as it was. A damaged block
/// is refused, naming it.
@Suite struct RelationshipBlockMigrationTests {
    /// Turns `dir`'s database back into schema version 6: a `relationships` row (with its checksum)
    /// for every relationship of its blocks, and no blocks; `oldFile` also turns auto-vacuum off, as
    /// in a file made before the engine turned it on.
    static func unpack(_ dir: String, oldFile: Bool = false) throws {
        let db = try SQLiteConnection(path: dir + "/graph.sqlite", create: false)
        defer { db.close() }
        if oldFile { try db.execute("PRAGMA auto_vacuum=NONE; VACUUM;") }
        var entries: [RelationshipBlockReader.Entry] = []
        let s = try db.prepare("SELECT block, data FROM relationship_blocks ORDER BY block")
        while try s.step() {
            let block = s.int(0)
            entries += try s.withBlob(1) { try RelationshipBlockReader.read($0, block: block) }
        }
        try db.execute("""
            BEGIN;
            CREATE TABLE relationships(
                id INTEGER PRIMARY KEY, type INTEGER NOT NULL, source INTEGER NOT NULL, target INTEGER NOT NULL,
                properties BLOB NOT NULL, crc INTEGER);
            """)
        let insert = try db.prepare("INSERT INTO relationships(id, type, source, target, properties, crc) VALUES (?, ?, ?, ?, ?, ?)")
        for e in entries {
            let p = PropertyCodec.encode(e.properties)
            for (i, v) in [e.id, e.type, e.source, e.target].enumerated() { insert.bind(Int32(i + 1), v) }
            insert.bind(5, p)
            insert.bind(6, RowChecksum.relationship(id: e.id, type: e.type, source: e.source, target: e.target, properties: p))
            try insert.run()
        }
        try db.execute("DROP TABLE relationship_blocks; PRAGMA user_version = 6; COMMIT;")
    }

    static func scalar(_ dir: String, _ sql: String) throws -> Int64? {
        let db = try SQLiteConnection(path: dir + "/graph.sqlite", create: false)
        defer { db.close() }
        return try db.scalarInt(sql)
    }

    @Test func aVersion6FileIsPackedIntoBlocks() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        let expected = try RelationshipBlockTests.writeRandomly(dir, seed: 11)
        try Self.unpack(dir, oldFile: true)
        #expect(try Self.scalar(dir, "SELECT COUNT(*) FROM relationships") == Int64(expected.relationshipCount))
        #expect(try Self.scalar(dir, "PRAGMA auto_vacuum") == 0)
        let pages = try #require(try Self.scalar(dir, "PRAGMA page_count"))
        do {
            let db = try Database(directory: dir, create: false)
            RelationshipBlockTests.expectSame(db.graph.snapshot, expected, "(migrated)")
            #expect(try db.check().isEmpty)
        }
        #expect(try Self.scalar(dir, "PRAGMA user_version") == Int64(Schema.version))
        #expect(try Self.scalar(dir, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'relationships'") == 0)
        // The dropped table's pages went back (the file was rewritten once, now with incremental auto-vacuum).
        #expect(try Self.scalar(dir, "PRAGMA auto_vacuum") == 2)
        let after = try #require(try Self.scalar(dir, "PRAGMA page_count"))
        #expect(after * 10 < pages * 8, "\(pages) pages before, \(after) after")
        #expect(try Self.scalar(dir, "PRAGMA freelist_count") == 0)
        #expect(try RelationshipBlockTests.blockRows(dir) == RelationshipBlockTests.liveBlocks(expected))
        RelationshipBlockTests.expectSame(try Database(directory: dir, create: false).graph.snapshot, expected, "(reopened)")
    }

    @Test func aDamagedRowStopsTheMoveAndTheFileStaysAsItWas() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        let expected = try RelationshipBlockTests.writeRandomly(dir, seed: 12)
        try Self.unpack(dir)
        let victim = try #require(try Self.scalar(dir, "SELECT id FROM relationships ORDER BY id LIMIT 1 OFFSET 200"))
        try IntegrityTests.tamper(dir, "UPDATE relationships SET target = (target + 1) % 300 WHERE id = \(victim)")
        let e = try #require(IntegrityTests.openError(dir))
        #expect(e.code == .corrupt && e.message.contains("relationship \(victim): checksum mismatch"), "\(e.message)")
        #expect(try Self.scalar(dir, "PRAGMA user_version") == 6)
        #expect(try Self.scalar(dir, "SELECT COUNT(*) FROM relationships") == Int64(expected.relationshipCount))
        #expect(try Self.scalar(dir, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'relationship_blocks'") == 0)
    }

    /// Rewrites block 0 of `dir` through `change`, with a checksum that matches the new bytes.
    static func rewriteBlock(_ dir: String, _ change: ([UInt8]) -> [UInt8]) throws {
        let db = try SQLiteConnection(path: dir + "/graph.sqlite", create: false)
        defer { db.close() }
        let s = try db.prepare("SELECT data FROM relationship_blocks WHERE block = 0")
        #expect(try s.step())
        let data = change(s.withBlob(0) { Array($0) })
        s.reset()
        let u = try db.prepare("UPDATE relationship_blocks SET data = ?, crc = ? WHERE block = 0")
        u.bind(1, data)
        u.bind(2, data.withUnsafeBytes { RowChecksum.relationshipBlock(block: 0, data: $0) })
        try u.run()
    }

    @Test func aDamagedBlockIsRefusedNamingIt() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        try IntegrityTests.make(dir)
        let clean = dir + "-clean"
        try FileManager.default.copyItem(atPath: dir, toPath: clean)
        try IntegrityTests.tamper(dir, "UPDATE relationship_blocks SET data = data || X'00'")
        var e = try #require(IntegrityTests.openError(dir))
        #expect(e.code == .corrupt && e.message.contains("relationship block 0: checksum mismatch"), "\(e.message)")

        try FileManager.default.removeItem(atPath: dir)
        try FileManager.default.copyItem(atPath: clean, toPath: dir)
        try Self.rewriteBlock(dir) { $0 + [0] }
        e = try #require(IntegrityTests.openError(dir))
        #expect(e.message.contains("relationship block 0 is malformed"), "\(e.message)")

        // The one relationship's target (node 1, a zigzag difference of 2 at byte 4) now names node 7.
        try FileManager.default.removeItem(atPath: dir)
        try FileManager.default.copyItem(atPath: clean, toPath: dir)
        try Self.rewriteBlock(dir) { b in
            #expect(Array(b.prefix(5)) == [1, 0, 0, 0, 2])
            return Array(b.prefix(4)) + [14] + b.dropFirst(5)
        }
        e = try #require(IntegrityTests.openError(dir))
        #expect(e.message.contains("relationship 0 connects node 0 to node 7"), "\(e.message)")
    }
}
