import Engine
import GraphStore
import Foundation
import Testing
import TestSupport

/// The registry of databases: names as Neo4j allows them, checked before anything becomes a path; create and drop
/// in the data directory; every database found again when the directory is opened again.
@Suite struct DatabasesTests {
    /// Every file and folder under `root`, relative to it.
    static func tree(_ root: String) -> Set<String> {
        Set((FileManager.default.subpaths(atPath: root) ?? []).filter { !$0.hasSuffix("-shm") && !$0.hasSuffix("-wal") })
    }

    @Test func namesFollowNeo4jsRules() throws {
        for good in ["shop", "Shop-2", "a.b-c", "abc", String(repeating: "x", count: 63)] {
            #expect(try DatabaseName(good).rawValue == good.lowercased())
        }
        for bad in [
            "", "ab", "../x", "..", "a/b", "%2e%2e", "%2F", "a%2Fb", "x\u{0}y", "\u{0}", String(repeating: "x", count: 64),
            String(repeating: "a", count: 200), "1abc", "-abc", ".abc", "a b", "a_b", "ünï", "a\\b", "~root",
        ] {
            #expect(throws: EngineError.self, "\(bad.debugDescription)") { try DatabaseName(bad) }
        }
    }

    @Test func hostileNamesCreateNothingAnywhere() throws {
        let root = SharedData.temporaryDirectory()
        let data = root + "/data"
        let databases = try Databases(directory: data, default: try Database(directory: data))
        let before = Self.tree(root)
        for bad in ["../x", "../../escape", "a/b", "%2e%2e", "%2Fetc", "x\u{0}y", String(repeating: "a", count: 200), "..", "/tmp/x"] {
            #expect(throws: EngineError.self, "\(bad.debugDescription)") { try databases.create(bad) }
            #expect(throws: EngineError.self, "\(bad.debugDescription)") { try databases.drop(bad) }
            #expect(databases.database(named: bad) == nil)
        }
        for reserved in ["system", "SYSTEM", "System", "data"] {
            let e = #expect(throws: EngineError.self) { try databases.create(reserved) }
            #expect(e?.code == .reserved)
        }
        #expect(Self.tree(root) == before)
        #expect(databases.names == ["neo4j"])
    }

    @Test func createDropAndReopenInTheDataDirectory() throws {
        let data = SharedData.temporaryDirectory()
        do {
            let databases = try Databases(directory: data, default: try Database(directory: data))
            #expect(try databases.create("Shop"))
            #expect(try databases.create("shop", ifNotExists: true) == false)
            let again = #expect(throws: EngineError.self) { try databases.create("SHOP") }
            #expect(again?.code == .databaseExists)
            #expect(again?.neo4jCode == "Neo.ClientError.Database.ExistingDatabaseFound")
            #expect(try databases.create("archive"))
            #expect(databases.names == ["neo4j", "archive", "shop"])
            #expect(FileManager.default.fileExists(atPath: data + "/databases/shop/graph.sqlite"))
            _ = try databases.database(named: "shop")!.query("CREATE (:Customer {id: 'only-in-shop'})")
            #expect(databases.defaultDatabase.graph.snapshot.nodeCount == 0)
            #expect(databases.database(named: "SHOP")?.graph.snapshot.nodeCount == 1)
            // Nothing half-made is left beside them.
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: data + "/databases")) == ["shop", "archive"])
            for name in ["neo4j", "system"] {
                let e = #expect(throws: EngineError.self) { try databases.drop(name) }
                #expect(e?.code == .reserved)
            }
            #expect(try databases.drop("archive"))
            #expect(try databases.drop("archive", ifExists: true) == false)
            let gone = #expect(throws: EngineError.self) { try databases.drop("archive") }
            #expect(gone?.neo4jCode == "Neo.ClientError.Database.DatabaseNotFound")
            #expect(!FileManager.default.fileExists(atPath: data + "/databases/archive"))
        }
        // Opened again (the earlier registry and its databases are gone): `shop` is found with its data.
        let reopened = try Databases(directory: data, default: try Database(directory: data, create: false))
        #expect(reopened.names == ["neo4j", "shop"])
        #expect(reopened.database(named: "shop")?.graph.snapshot.nodeCount == 1)
        #expect(reopened.warnings.isEmpty)
    }

    @Test func inMemoryRegistriesCreateInMemoryDatabases() throws {
        let databases = Databases(default: Database())
        #expect(try databases.create("shop"))
        #expect(databases.database(named: "shop")?.storage == nil)
        #expect(databases.database(named: "system") == nil)
        #expect(try databases.drop("shop"))
        #expect(databases.names == ["neo4j"])
    }
}
