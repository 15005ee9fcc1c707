import GraphStore
import Recommend
import TestSupport
import Testing

/// The `auto` strategy through the recommender: what is served is the selected model's ranking.
@Suite struct RecommenderAutoTests {
    /// 240 customers (plus one without purchases), 60 products (every 7th out of stock).
    static func graph() throws -> GraphStore {
        let store = GraphStore()
        try store.write { txn in
            try txn.createUniqueConstraint(label: "Customer", key: "id")
            try txn.createUniqueConstraint(label: "Product", key: "id")
            var products: [NodeID] = []
            for p in 0..<60 {
                products.append(
                    try txn.createNode(
                        labels: ["Product"], properties: ["id": .string("p\(p)"), "inStock": .bool(p % 7 != 3)]))
            }
            var customers: [NodeID] = []
            for c in 0..<241 {
                customers.append(try txn.createNode(labels: ["Customer"], properties: ["id": .string("c\(c)")]))
            }
            for (c, p, t) in PlantedPurchases.generate(customers: 240, products: 60, seed: 5) {
                try txn.createRelationship(
                    from: customers[c], to: products[p], type: "PURCHASED", properties: ["timestamp": .int(t)])
            }
        }
        return store
    }

    static var settings: RecommenderModel.Settings {
        var s = RecommenderModel.Settings()
        var o = ModelSelector.Options()
        o.candidates = [
            ModelCandidate(.itemKNN, neighbours: 20), ModelCandidate(.ease, lambda: 20),
            ModelCandidate(.als, lambda: 0.1, factors: 8, alpha: 10, iterations: 8),
        ]
        s.selection = o
        return s
    }

    /// The model is not rebuilt: a product deleted or out of stock after the build is left out by
    /// the very next answer, read from the live snapshot.
    @Test func theSelectedModelReadsTheLiveCatalogue() throws {
        let store = try Self.graph()
        let model = try RecommenderModel(snapshot: store.snapshot, settings: Self.settings)
        #expect(model.selection?.chosen.kind != .blend)
        var r = Recommender(model: model)
        let customer = store.snapshot.lookup(label: "Customer", key: "id", value: .string("c17"))!
        let before = try r.recommend(for: customer, in: store.snapshot, RecommendationRequest(k: 10))
        let (gone, sold) = (before[0].product, before[1].product)
        try store.write { txn in
            try txn.deleteNode(gone, detach: true)
            try txn.setProperty(sold, "inStock", .bool(false))
        }
        let s = store.snapshot
        let after = try r.recommend(
            for: customer, in: s, RecommendationRequest(k: 10, filter: RecommendationFilter(inStockOnly: true)))
        #expect(after.count == 10)
        #expect(!after.contains { $0.product == gone || $0.product == sold })
        #expect(after.allSatisfy { s.contains($0.product) && s.property($0.product, "inStock")?.boolValue == true })
        // Without the stock filter the out-of-stock product may come back; the deleted one never.
        let unfiltered = try r.recommend(for: customer, in: s, RecommendationRequest(k: 10))
        #expect(!unfiltered.contains { $0.product == gone })
        #expect(unfiltered.contains { $0.product == sold })
    }

    @Test func reasonsAreFoundOnlyWhenAsked() throws {
        let s = try Self.graph().snapshot
        let model = try RecommenderModel(snapshot: s, settings: Self.settings)
        var r = Recommender(model: model)
        let customer = s.lookup(label: "Customer", key: "id", value: .string("c17"))!
        let explained = try r.recommend(for: customer, in: s, RecommendationRequest(k: 10))
        let plain = try r.recommend(for: customer, in: s, RecommendationRequest(k: 10, explain: false))
        #expect(plain.map(\.product) == explained.map(\.product))
        #expect(plain.map(\.score) == explained.map(\.score))
        #expect(explained.contains { $0.contributions.first?.because != nil })
        #expect(plain.allSatisfy { $0.contributions.allSatisfy { $0.because == nil } })
    }

    @Test func autoServesTheSelectedModelsRankingWithRulesAndExplanations() throws {
        let s = try Self.graph().snapshot
        let model = try RecommenderModel(snapshot: s, settings: Self.settings)
        let selected = try #require(model.selected)
        #expect(model.selection?.chosen == selected.candidate)
        var r = Recommender(model: model)
        for id in ["c0", "c17", "c101"] {
            let customer = s.lookup(label: "Customer", key: "id", value: .string(id))!
            let history = r.history(of: customer, in: s)
            let recs = try r.recommend(for: customer, in: s, RecommendationRequest(k: 10))
            #expect(recs.count == 10)
            // The same ranking as the model scores the history (owned products left out).
            var scores = [Float](repeating: 0, count: model.itemCount)
            scores.withUnsafeMutableBufferPointer { selected.score(history: history.map { UInt32($0.item) }, into: $0) }
            for h in history { scores[h.item] = -.infinity }
            var top = TopK(capacity: 10)
            for (t, v) in scores.enumerated() where v != -.infinity { top.offer(UInt32(t), score: v) }
            #expect(recs.map { model.item(of: $0.product)! } == top.sorted().map { Int($0.item) })
            let owned = Set(history.map { model.products[$0.item] })
            #expect(recs.allSatisfy { !owned.contains($0.product) && !$0.coldStart })
            for rec in recs {
                #expect(rec.contributions.first?.signal == .model)
                if let because = rec.contributions.first?.because { #expect(owned.contains(because)) }
                #expect(rec.reason(in: s).contains("selected model"))
            }
            // Filters apply: nothing out of stock, k still returned.
            let inStock = try r.recommend(
                for: customer, in: s, RecommendationRequest(k: 10, filter: RecommendationFilter(inStockOnly: true)))
            #expect(inStock.count == 10)
            #expect(inStock.allSatisfy { s.property($0.product, "inStock")?.boolValue == true })
            let diverse = try r.recommend(for: customer, in: s, RecommendationRequest(k: 5, diversity: 0.5))
            #expect(diverse.count == 5 && diverse.allSatisfy { !owned.contains($0.product) })
        }
        // No purchases: the cold-start ranking.
        let newcomer = s.lookup(label: "Customer", key: "id", value: .string("c240"))!
        #expect(try r.recommend(for: newcomer, in: s).allSatisfy(\.coldStart))
    }

    @Test func aNewPurchaseChangesTheNextAutoRecommendation() throws {
        let store = try Self.graph()
        let model = try RecommenderModel(snapshot: store.snapshot, settings: Self.settings)
        var r = Recommender(model: model)
        let customer = store.snapshot.lookup(label: "Customer", key: "id", value: .string("c3"))!
        let before = try r.recommend(for: customer, in: store.snapshot, RecommendationRequest(k: 5))
        try store.write { txn in
            try txn.createRelationship(
                from: customer, to: before[0].product, type: "PURCHASED", properties: ["timestamp": .int(9_999_999)])
        }
        let after = try r.recommend(for: customer, in: store.snapshot, RecommendationRequest(k: 5))
        #expect(!after.contains { $0.product == before[0].product })
    }

    @Test func explicitStrategiesStayAvailable() throws {
        let s = try Self.graph().snapshot
        var r = Recommender(model: try RecommenderModel(snapshot: s, settings: Self.settings))
        let customer = s.lookup(label: "Customer", key: "id", value: .string("c5"))!
        let blend = try r.recommend(for: customer, in: s, RecommendationRequest(k: 5, strategy: .blend))
        #expect(blend.allSatisfy { $0.contributions.allSatisfy { $0.signal != .model } })
        #expect(!blend.isEmpty)
    }
}
