import Engine
import GraphImport
import GraphStore
import Recommend
import Testing
import TestSupport

@Suite struct DatabaseTests {
    @Test func coPurchaseCountsEveryPathAndExcludesOwnedProducts() throws {
        let db = Database()
        // c buys p1, p2; o1 buys p1, p2, p3; o2 buys p1, p4, p4 (twice); o3 buys only p5.
        try db.graph.write { txn in
            try txn.createUniqueConstraint(label: "Customer", key: "id")
            var ids: [String: NodeID] = [:]
            for c in ["c", "o1", "o2", "o3"] { ids[c] = try txn.createNode(labels: ["Customer"], properties: ["id": .string(c)]) }
            for p in ["p1", "p2", "p3", "p4", "p5"] { ids[p] = try txn.createNode(labels: ["Product"], properties: ["id": .string(p)]) }
            for (c, p) in [("c", "p1"), ("c", "p2"), ("o1", "p1"), ("o1", "p2"), ("o1", "p3"), ("o2", "p1"), ("o2", "p4"),
                           ("o2", "p4"), ("o3", "p5")] {
                try txn.createRelationship(from: ids[c]!, to: ids[p]!, type: "PURCHASED")
            }
        }
        let r = try #require(db.coPurchases(customerID: "c", limit: 10))
        let s = db.graph.snapshot
        let named = r.top.map { (s.property($0.product, "id")!.stringValue!, $0.count) }
        // Paths c->p->o->rec: via p1: o1 (p1,p2,p3) + o2 (p1,p4,p4); via p2: o1 (p1,p2,p3). p3 = 2 paths, p4 = 2.
        #expect(named.map(\.0) == ["p3", "p4"])
        #expect(named.map(\.1) == [2, 2])
        #expect(r.paths == 9)
        #expect(db.coPurchases(customerID: "nobody") == nil)
    }

    @Test func failedImportLeavesDatabaseUnchanged() throws {
        let db = Database()
        let dir = SharedData.temporaryDirectory()
        SharedData.write("id:ID,n:int\na,1\nb,oops\n", to: dir + "/n.csv")
        #expect(throws: ImportError.self) { _ = try db.importCSV(nodes: [NodeFile(path: dir + "/n.csv")], relationships: []) }
        #expect(db.statistics().nodes == 0)
    }

    @Test func statisticsReportAdjacencyWithinBudget() throws {
        let db = Database()
        _ = try db.generate(SyntheticGraphConfig(customers: 5_000, products: 2_000, purchases: 100_000))
        let stats = db.statistics()
        #expect(stats.relationships > 100_000)
        #expect(stats.adjacencyBytesPerRelationship <= 24)
        #expect(stats.nodesByLabel.count == 4)
        #expect(stats.relationshipsByType.count == 11)
    }
}
