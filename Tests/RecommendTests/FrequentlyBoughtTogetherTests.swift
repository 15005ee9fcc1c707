import GraphImport
import GraphStore
import Recommend
import Testing
import TestSupport

@Suite struct FrequentlyBoughtTogetherTests {
    /// Three invoices: {a, b, c}, {a, b}, {a, d}; one customer buys a twice in the first invoice.
    func graph() throws -> GraphStore {
        let store = GraphStore()
        try store.write { txn in
            let c1 = try txn.createNode(labels: ["Customer"])
            let c2 = try txn.createNode(labels: ["Customer"])
            var p: [String: NodeID] = [:]
            for name in ["a", "b", "c", "d"] { p[name] = try txn.createNode(labels: ["Product"], properties: ["id": .string(name)]) }
            for (c, item, invoice) in [(c1, "a", "1"), (c1, "a", "1"), (c1, "b", "1"), (c1, "c", "1"), (c2, "a", "2"), (c2, "b", "2"),
                                       (c2, "a", "3"), (c2, "d", "3")] {
                try txn.createRelationship(from: c, to: p[item]!, type: "PURCHASED", properties: ["invoice": .string(invoice)])
            }
        }
        return store
    }

    @Test func measuresMatchHandCounts() throws {
        let s = try graph().snapshot
        let baskets = Baskets(snapshot: s, type: s.catalog.relationshipType("PURCHASED")!)
        #expect(baskets.count == 3)
        let all = FrequentlyBoughtTogether.mine(baskets, thresholds: MiningThresholds(minCount: 1, minLift: 0))
        #expect(all.distinctPairs == 4)  // ab, ac, bc, ad
        let id = { (n: NodeID) in s.property(n, "id")!.stringValue! }
        let ab = try #require(all.pairs.first { id($0.first) == "a" && id($0.second) == "b" })
        #expect(ab.count == 2)
        #expect(abs(ab.support - 2.0 / 3) < 1e-12)
        #expect(abs(ab.confidence - 2.0 / 3) < 1e-12)  // a is in 3 baskets
        #expect(abs(ab.reverseConfidence - 1) < 1e-12)  // b is in 2
        #expect(abs(ab.lift - (2.0 / 3) / ((3.0 / 3) * (2.0 / 3))) < 1e-12)
        let strict = FrequentlyBoughtTogether.mine(baskets, thresholds: MiningThresholds(minCount: 2, minLift: 0))
        #expect(strict.pairs.count == 1)
    }

    @Test func applyIsIncremental() throws {
        let store = try graph()
        let thresholds = MiningThresholds(minCount: 1, minLift: 0)
        func mineAndApply() throws -> FrequentlyBoughtTogether.Changes {
            try store.write { txn in
                let t = txn.snapshot.catalog.relationshipType("PURCHASED")!
                let r = FrequentlyBoughtTogether.mine(Baskets(snapshot: txn.snapshot, type: t), thresholds: thresholds)
                return try FrequentlyBoughtTogether.apply(r.pairs, to: &txn)
            }
        }
        #expect(try mineAndApply() == FrequentlyBoughtTogether.Changes(created: 4, updated: 0, deleted: 0, unchanged: 0))
        #expect(try mineAndApply() == FrequentlyBoughtTogether.Changes(created: 0, updated: 0, deleted: 0, unchanged: 4))
        // A new order {c, d}: pair cd appears, and every measure that depends on the basket total moves.
        try store.write { txn in
            let s = txn.snapshot
            let c = s.nodes(label: s.catalog.label("Customer")!)[0]
            for item in ["c", "d"] {
                let p = s.nodes(label: s.catalog.label("Product")!).first { s.property($0, "id")?.stringValue == item }!
                try txn.createRelationship(from: c, to: p, type: "PURCHASED", properties: ["invoice": "4"])
            }
        }
        let changes = try mineAndApply()
        #expect(changes.created == 1 && changes.deleted == 0 && changes.updated == 4)
        let s = store.snapshot
        #expect(s.relationshipCount(type: s.catalog.relationshipType("FREQUENTLY_BOUGHT_WITH")!) == 5)
        #expect(s.checkInvariants().isEmpty)
    }

    @Test(.enabled(if: SharedData.onlineRetail != nil, "needs datasets/online-retail"))
    func onlineRetailPairCountMatchesTheDatasetREADME() throws {
        let store = GraphStore()
        _ = try store.write { txn in try OnlineRetailImporter.run(path: SharedData.onlineRetail!, into: &txn) }
        let s = store.snapshot
        let baskets = Baskets(snapshot: s, type: s.catalog.relationshipType("PURCHASED")!)
        #expect(baskets.count == 18_532)
        let r = FrequentlyBoughtTogether.mine(baskets, thresholds: MiningThresholds(minCount: 50, minLift: 1))
        #expect(r.distinctPairs == 2_220_183)
        #expect(!r.pairs.isEmpty && r.pairs.allSatisfy { $0.count >= 50 && $0.lift >= 1 })
    }
}
