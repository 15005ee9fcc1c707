#if canImport(Glibc)
import Glibc
#endif
import CypherRuntime
import Engine
import Foundation
import GraphStore
import Persistence
import Testing
import TestSupport
import VectorIndex

/// Names a client chooses never become paths, and a name that could not be stored exactly is
/// refused before anything is written; after every accepted write the directory reopens.
@Suite struct HostileNameTests {
    /// Every file under `root`, relative to it, except those under `except`.
    static func files(under root: String, except: String? = nil) -> Set<String> {
        var out = Set<String>()
        let e = FileManager.default.enumerator(atPath: root)
        while let p = e?.nextObject() as? String {
            if let except, p == except || p.hasPrefix(except + "/") { continue }
            out.insert(p)
        }
        return out
    }

    static func fill(_ db: Database) throws {
        try db.graph.write { txn in
            for i in 0..<40 {
                var v = [Float](repeating: 0.1, count: 4)
                v[i % 4] = 1
                try txn.createNode(labels: ["Item"], properties: ["id": .int(Int64(i)), "emb": .vector(v)])
            }
        }
    }

    @Test func aPathLikeIndexNameStaysAName() throws {
        let root = SharedData.temporaryDirectory()
        let dir = root + "/a/b/c/data"
        try FileManager.default.createDirectory(atPath: root + "/a/b/c", withIntermediateDirectories: true)
        // Where `indexes/<name>.ivf` would land for this name, with a file a user cares about.
        let target = root + "/a/outside.ivf"
        try "precious".write(toFile: target, atomically: true, encoding: .utf8)
        let name = "../../../../outside"
        do {
            let db = try Database(directory: dir)
            try Self.fill(db)
            _ = try db.query(
                "CREATE VECTOR INDEX `\(name)` FOR (n:Item) ON n.emb OPTIONS {indexConfig: {`vector.dimensions`: 4}}")
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious")
            #expect(Self.files(under: root, except: "a/b/c/data") == ["a", "a/b", "a/b/c", "a/outside.ivf"])
            #expect(FileManager.default.fileExists(atPath: dir + "/indexes/1.ivf"))
            let shown = try db.query("SHOW INDEXES")
            #expect(shown.rows.map { $0[1] } == [.string(name)])
        }
        do {
            let db = try Database(directory: dir)
            #expect(db.vectorIndexes.index(named: name)?.index.count == 40)
            #expect(try db.check().isEmpty)
            _ = try db.query("DROP INDEX `\(name)`")
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious")
            #expect(!FileManager.default.fileExists(atPath: dir + "/indexes/1.ivf"))
        }
        #expect(try Database(directory: dir).vectorIndexes.all.isEmpty)
    }

    @Test func aNulInAnIndexOrConstraintNameIsRefused() throws {
        let root = SharedData.temporaryDirectory()
        let dir = root + "/data"
        do {
            let db = try Database(directory: dir)
            try Self.fill(db)
            let before = Self.files(under: root)
            for query in [
                "CREATE VECTOR INDEX `../x\u{0}y` FOR (n:Item) ON n.emb OPTIONS {indexConfig: {`vector.dimensions`: 4}}",
                "CREATE VECTOR INDEX `\u{0}` FOR (n:Item) ON n.emb OPTIONS {indexConfig: {`vector.dimensions`: 4}}",
                "CREATE VECTOR INDEX v FOR (n:`It\u{0}em`) ON n.emb OPTIONS {indexConfig: {`vector.dimensions`: 4}}",
                "CREATE CONSTRAINT `c\u{0}d` FOR (n:Item) REQUIRE n.id IS UNIQUE",
                "CREATE CONSTRAINT c FOR (n:Item) REQUIRE n.`i\u{0}d` IS UNIQUE",
            ] {
                let e = #expect(throws: CypherRuntimeError.self, "\(query)") { _ = try db.query(query) }
                #expect(e?.code == .invalidTokenName, "\(query): \(String(describing: e))")
                #expect(e?.message.contains("NUL") == true)
            }
            #expect(throws: GraphStoreError.self) {
                try db.createVectorIndex(name: "a\u{0}b", label: "Item", property: "emb", dimensions: 4)
            }
            #expect(Self.files(under: root) == before)
            #expect(db.vectorIndexes.all.isEmpty && db.graph.snapshot.constraints.isEmpty)
        }
        #expect(try Database.reopen(dir).graph.snapshot.nodeCount == 40)
    }

    @Test func aNulInALabelTypeOrKeyIsRefusedAndTheDirectoryStillOpens() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        do {
            let db = try Database(directory: dir)
            let refused: [(String, [String: Value])] = [
                ("CREATE (n:`\u{0}`)", [:]),
                ("CREATE (n:`A\u{0}B`)", [:]),
                ("CREATE (n:Ok:`A\u{0}`)", [:]),
                ("CREATE ()-[:`T\u{0}`]->()", [:]),
                ("CREATE ({`k\u{0}`: 1})", [:]),
                ("CREATE (n) SET n += $m", ["m": .map(["a\u{0}b": .int(1)])]),
                ("CREATE (n) SET n.`\u{0}x` = 1", [:]),
                ("CREATE (n:X) SET n:`L\u{0}`", [:]),
            ]
            for (query, parameters) in refused {
                let e = #expect(throws: CypherRuntimeError.self, "\(query)") { _ = try db.query(query, parameters: parameters) }
                #expect(e?.code == .invalidTokenName, "\(query): \(String(describing: e))")
            }
            #expect(db.graph.snapshot.nodeCount == 0)
            // What is accepted comes back exactly, including a NUL inside a property *value*.
            _ = try db.query(
                "CREATE (:`Ünïcode label`:`a b`:`../etc` {`key with spaces`: $v, `ключ`: 'x'})", parameters: ["v": .string("A\u{0}B")])
        }
        let reopened = try Database.reopen(dir)
        let s = reopened.graph.snapshot
        #expect(s.nodeCount == 1)
        let label = try #require(s.catalog.label("Ünïcode label"))
        let n = try #require(s.nodes(label: label).first)
        #expect(Set(s.labelNames(of: n)) == ["Ünïcode label", "a b", "../etc"])
        #expect(s.property(n, "key with spaces") == .string("A\u{0}B"))
        #expect(s.property(n, "ключ") == .string("x"))
        #expect(try reopened.check().isEmpty)
    }
}

extension Database {
    /// Opens `dir` again as a separate database (the caller's copy must be dropped first, or the
    /// lock refuses it); the tests use a fresh instance so that nothing is read from memory.
    static func reopen(_ dir: String) throws -> Database { try Database(directory: dir, create: false) }
}
