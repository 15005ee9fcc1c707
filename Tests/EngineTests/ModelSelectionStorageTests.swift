import Engine
import Glibc
import GraphStore
import Recommend
import Synchronization
import Testing
import TestSupport

@Suite struct ModelSelectionStorageTests {
    /// 200 customers and 50 products with planted tastes, written durably.
    static func load(_ db: Database) throws {
        try db.graph.write { txn in
            try txn.createUniqueConstraint(label: "Customer", key: "id")
            try txn.createUniqueConstraint(label: "Product", key: "id")
            let products = try (0..<50).map {
                try txn.createNode(labels: ["Product"], properties: ["id": .string("p\($0)")])
            }
            let customers = try (0..<200).map {
                try txn.createNode(labels: ["Customer"], properties: ["id": .string("c\($0)")])
            }
            for (c, p, t) in PlantedPurchases.generate(customers: 200, products: 50, seed: 11) {
                try txn.createRelationship(
                    from: customers[c], to: products[p], type: "PURCHASED", properties: ["timestamp": .int(t)])
            }
        }
    }

    @Test func theSelectionIsStoredLoggedAndItsChoiceRefittedAfterReopening() throws {
        let dir = SharedData.temporaryDirectory()
        let chosen: ModelSelection
        do {
            let db = try Database(directory: dir)
            try Self.load(db)
            #expect(db.storedModelSelection == nil)
            let lines = Mutex<[String]>([])
            db.logModelSelections { line in lines.withLock { $0.append(line) } }
            let r = try db.recommend(customerID: "c1")
            #expect(r.items.count == 10 && r.knownCustomer)
            chosen = try #require(db.recommenderCache.selection)
            #expect(!chosen.reused && chosen.customers == 200 && chosen.products == 50)
            #expect(db.storedModelSelection == chosen)
            #expect(lines.withLock { $0 }.count == 1)
            #expect(lines.withLock { $0 }.first?.contains("auto chose \(chosen.chosen)") == true)
        }
        // A background model build started by the first database may still hold its storage for a
        // moment after the database is gone; the reopen waits for it (at most 60 s).
        var reopened: Database?
        for _ in 0..<600 where reopened == nil {
            reopened = try? Database(directory: dir)
            if reopened == nil { usleep(100_000) }
        }
        let db = try #require(reopened)
        #expect(db.storedModelSelection == chosen)
        #expect(db.modelSelection == chosen)
        _ = try db.recommend(customerID: "c2")
        let again = try #require(db.recommenderCache.selection)
        #expect(again.reused && again.chosen == chosen.chosen && again.rows == chosen.rows)
    }

    @Test func inMemoryDatabasesReportTheirSelectionToo() throws {
        let db = Database()
        try Self.load(db)
        #expect(db.modelSelection == nil)
        let s = try #require(try db.modelSelectionBuildingIfNeeded())
        #expect(s.rows.count == ModelSelector.defaultCandidates.count)
        #expect(db.modelSelection == s)
    }
}
