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

/// Damage to a data directory is reported with the file and what it affects; it never loads as
/// data, never traps, and never turns into a new empty database.
@Suite struct IntegrityTests {
    static func make(_ dir: String) throws {
        let db = try Database(directory: dir)
        try db.graph.write { txn in
            try txn.createUniqueConstraint(label: "Customer", key: "id")
            let a = try txn.createNode(labels: ["Customer"], properties: ["id": "a", "note": "MARKER-ALPHA-0123456789"])
            let b = try txn.createNode(labels: ["Customer"], properties: ["id": "b", "quantity": 4])
            try txn.createRelationship(from: a, to: b, type: "KNOWS", properties: ["since": 2020])
        }
    }

    /// Runs `sql` on the closed directory's database, as damage from outside would.
    static func tamper(_ dir: String, _ sql: String) throws {
        let db = try SQLiteConnection(path: dir + "/graph.sqlite", create: false)
        try db.execute(sql)
        db.close()
    }

    static func openError(_ dir: String) -> PersistenceError? {
        do {
            _ = try Database(directory: dir, create: false)
            return nil
        } catch let e as PersistenceError {
            return e
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func aChangedValueIsACorruptRowNamingIt() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        try Self.make(dir)
        // quantity 4 → -5, as a flipped bit did: the row's bytes change, its checksum does not.
        try Self.tamper(dir, "UPDATE nodes SET properties = replace(properties, X'0308', X'0309') WHERE id = 1")
        let e = try #require(Self.openError(dir))
        #expect(e.code == .corrupt && e.file == dir + "/graph.sqlite")
        #expect(e.message.contains("node 1: checksum mismatch"), "\(e.message)")
    }

    @Test func aFlippedBitInTheFileIsDetected() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        try Self.make(dir)
        let path = dir + "/graph.sqlite"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let marker = Array("MARKER-ALPHA".utf8)
        let at = try #require((0...(bytes.count - marker.count)).first { Array(bytes[$0..<($0 + marker.count)]) == marker })
        bytes[at + 7] ^= 0x02  // 'A' → 'C': still a valid string, a different value
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let e = try #require(Self.openError(dir))
        #expect(e.code == .corrupt && e.message.contains("node 0"), "\(e.message)")
    }

    @Test func aMissingTokenIsAnErrorNotATrap() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        try Self.make(dir)
        // Remove the `quantity` key from the token table and keep the recorded count in step, so
        // only the reference check can notice (the probe's directory that crashed the server).
        let count = RowChecksum.meta(key: "token_count", value: "5")
        try Self.tamper(
            dir, """
            DELETE FROM tokens WHERE kind = 2 AND id = (SELECT MAX(id) FROM tokens WHERE kind = 2);
            UPDATE meta SET value = '5', crc = \(count) WHERE key = 'token_count';
            """)
        let e = try #require(Self.openError(dir))
        #expect(e.code == .corrupt)
        #expect(e.message.contains("not in the token table"), "\(e.message)")
    }

    @Test func aDanglingRelationshipOrVanishedRowIsReported() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        try Self.make(dir)
        try Self.tamper(dir, "DELETE FROM constraints")
        #expect(Self.openError(dir)?.message.contains("constraints but holds 0") == true)

        let other = SharedData.temporaryDirectory() + "/data"
        try Self.make(other)
        let n = RowChecksum.meta(key: "node_count", value: "1")
        try Self.tamper(other, "DELETE FROM nodes WHERE id = 1; UPDATE meta SET value = '1', crc = \(n) WHERE key = 'node_count'")
        let e = try #require(Self.openError(other))
        #expect(e.message.contains("relationship 0 connects node 0 to node 1"), "\(e.message)")
    }

    @Test func checkReportsDamageToTheLog() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        try Self.make(dir)
        try Self.tamper(dir, "UPDATE mutation_log SET committed_at = committed_at + 1")
        let db = try Database(directory: dir, create: false)
        let problems = try db.check()
        #expect(problems.contains { $0.contains("mutation-log entry 1: checksum mismatch") }, "\(problems)")
    }

    @Test func aDamagedLogEntryAnIndexNeedsRebuildsTheIndexAndCheckReportsIt() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        do {
            let db = try Database(directory: dir)
            _ = try db.query("UNWIND range(1, 12) AS i CREATE (:P {v: [toFloat(i % 3), 1.0, toFloat(i % 4)]})")
            try db.createVectorIndex(name: "v", label: "P", property: "v", dimensions: 3, lists: 2)
            _ = try db.query("CREATE (:P {v: [0.0, 0.0, 1.0]})")  // entry 2: replayed into the index on open
        }
        try Self.tamper(dir, "UPDATE mutation_log SET committed_at = committed_at + 1 WHERE seq = 2")
        let db = try Database(directory: dir, create: false)
        #expect(db.vectorIndexes.index(named: "v")?.index.count == 13)
        #expect(db.warnings.count == 1 && db.warnings[0].contains("cannot be replayed"), "\(db.warnings)")
        let problems = try db.check()
        #expect(problems.contains { $0.contains("mutation-log entry 2: checksum mismatch") }, "\(problems)")
    }

    @Test func textIsBoundAndReadWithItsLength() throws {
        let path = SharedData.temporaryDirectory() + "/t.sqlite"
        let db = try SQLiteConnection(path: path)
        try db.execute("CREATE TABLE t(v TEXT NOT NULL)")
        let insert = try db.prepare("INSERT INTO t(v) VALUES (?)")
        for v in ["A\u{0}B", "", "\u{0}", "é\u{0}😀"] {
            insert.bind(1, v)
            try insert.run()
        }
        let read = try db.prepare("SELECT v, length(CAST(v AS BLOB)) FROM t ORDER BY rowid")
        var got: [String] = []
        while try read.step() { got.append(try #require(read.validText(0))) }
        #expect(got == ["A\u{0}B", "", "\u{0}", "é\u{0}😀"])
    }

    @Test func aMissingOrEmptyDatabaseIsAnErrorNotANewDatabase() throws {
        let root = SharedData.temporaryDirectory()
        // A directory that does not exist is not created.
        let typo = root + "/dtaa"
        #expect(Self.openError(typo)?.code == .missing)
        #expect(!FileManager.default.fileExists(atPath: typo))

        let dir = root + "/data"
        try Self.make(dir)
        try FileManager.default.moveItem(atPath: dir + "/graph.sqlite", toPath: root + "/saved.sqlite")
        let missing = try #require(Self.openError(dir))
        #expect(missing.code == .missing && missing.file == dir + "/graph.sqlite")
        #expect(!FileManager.default.fileExists(atPath: dir + "/graph.sqlite"))

        #expect(FileManager.default.createFile(atPath: dir + "/graph.sqlite", contents: Data()))
        let empty = try #require(Self.openError(dir))
        #expect(empty.code == .corrupt && empty.message.contains("empty"), "\(empty.message)")

        // Restored, it opens with its data.
        try FileManager.default.removeItem(atPath: dir + "/graph.sqlite")
        try FileManager.default.moveItem(atPath: root + "/saved.sqlite", toPath: dir + "/graph.sqlite")
        #expect(try Database(directory: dir, create: false).graph.snapshot.nodeCount == 2)
    }
}
