import GraphStore
import Recommend
import Testing

@Suite struct SimilarToMaterializerTests {
    @Test func writesTopKNeighboursAndKeepsOtherMethods() throws {
        let store = try RecommenderTests.graph()
        // A curated SIMILAR_TO without a method must survive.
        let s0 = store.snapshot
        let a = try #require(s0.lookup(label: "Product", key: "id", value: "a"))
        let f = try #require(s0.lookup(label: "Product", key: "id", value: "f"))
        try store.write { txn in
            _ = try txn.createRelationship(from: a, to: f, type: "SIMILAR_TO", properties: ["score": 0.9])
        }

        let model = try RecommenderModel(snapshot: store.snapshot)
        let first = try store.write { txn in try SimilarToMaterializer.apply(model, k: 2, to: &txn) }
        let s = store.snapshot
        let type = try #require(s.catalog.relationshipType("SIMILAR_TO"))
        var expected = 0
        for j in 0..<model.itemCount { expected += min(2, model.neighbours(of: j).count) }
        #expect(first.created == expected && first.deleted == 0)
        #expect(s.relationshipCount(type: type) == expected + 1)
        // b's two nearest: c (cos 0.816) then a (0.667).
        let b = try #require(s.lookup(label: "Product", key: "id", value: "b"))
        let out = s.relationships(of: b, type: type, direction: .outgoing)
        #expect(out.map { s.property($0.neighbor, "id")!.stringValue! }.sorted() == ["a", "c"])

        // Again: nothing changes. With k = 1: the second neighbours go, the curated one stays.
        let again = try store.write { txn in try SimilarToMaterializer.apply(model, k: 2, to: &txn) }
        #expect(again.created == 0 && again.updated == 0 && again.deleted == 0 && again.unchanged == expected)
        let fewer = try store.write { txn in try SimilarToMaterializer.apply(model, k: 1, to: &txn) }
        #expect(fewer.created == 0 && fewer.deleted == expected - fewer.unchanged)
        #expect(store.snapshot.relationships(of: a, type: type, direction: .outgoing).contains { $0.neighbor == f })
    }
}
