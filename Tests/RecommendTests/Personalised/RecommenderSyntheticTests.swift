import GraphImport
import GraphStore
import Recommend
import Testing

/// The recommender on a small synthetic graph, which has all eleven relationship types.
@Suite struct RecommenderSyntheticTests {
    static let store: GraphStore = {
        let store = GraphStore()
        _ = try! store.write { txn in
            try SyntheticGraphGenerator.run(
                SyntheticGraphConfig(customers: 400, products: 300, purchases: 6_000), into: &txn)
        }
        return store
    }()

    @Test func neighboursMatchABruteForceCosine() throws {
        let s = Self.store.snapshot
        var settings = RecommenderModel.Settings()
        settings.neighbours = 10_000
        settings.workers = 2
        let model = try RecommenderModel(snapshot: s, settings: settings)
        let purchased = try #require(s.catalog.relationshipType("PURCHASED"))
        func buyers(_ p: NodeID) -> Set<NodeID> { Set(s.neighbors(of: p, type: purchased, direction: .incoming)) }
        for j in stride(from: 0, to: model.itemCount, by: 37) {
            let bj = buyers(model.products[j])
            let got = Dictionary(uniqueKeysWithValues: model.neighbours(of: j).map { ($0.item, $0.similarity) })
            var expected: [Int: Float] = [:]
            for t in 0..<model.itemCount where t != j {
                let bt = buyers(model.products[t])
                let shared = bj.intersection(bt).count
                if shared > 0 { expected[t] = Float(shared) / Float(bj.count * bt.count).squareRoot() }
            }
            #expect(Set(got.keys) == Set(expected.keys), "item \(j)")
            for (t, v) in expected { #expect(abs((got[t] ?? -1) - v) < 1e-5) }
        }
    }

    @Test func everyCustomerGetsKUnownedExplainedProducts() throws {
        let s = Self.store.snapshot
        let model = try RecommenderModel(snapshot: s)
        var r = Recommender(model: model)
        let purchased = try #require(s.catalog.relationshipType("PURCHASED"))
        var signals = Set<Recommendation.Contribution.Signal>()
        let customers = s.nodes(label: try #require(s.catalog.label("Customer")))
        for c in customers {
            let owned = Set(s.neighbors(of: c, type: purchased, direction: .outgoing))
            let recs = try r.recommend(for: c, in: s, RecommendationRequest(k: 10, strategy: .blend))
            #expect(recs.count == 10)
            #expect(recs.allSatisfy { !owned.contains($0.product) && !$0.contributions.isEmpty })
            // The default (`auto`) keeps the rules too.
            let auto = try r.recommend(for: c, in: s, RecommendationRequest(k: 10))
            #expect(auto.count == 10 && auto.allSatisfy { !owned.contains($0.product) })
            #expect(zip(recs, recs.dropFirst()).allSatisfy { $0.score >= $1.score })
            for rec in recs { for c in rec.contributions { signals.insert(c.signal) } }
        }
        // The blend draws on the graph's co-purchase, influencer and category signals.
        #expect(signals.isSuperset(of: [.itemKNN, .influencer, .category]))
    }

    @Test func filtersHoldOnEveryResult() throws {
        let s = Self.store.snapshot
        var r = Recommender(model: try RecommenderModel(snapshot: s))
        let category = try #require(s.lookup(label: "Category", key: "id", value: "K2"))
        let belongs = try #require(s.catalog.relationshipType("BELONGS_TO"))
        let filter = RecommendationFilter(categories: [category], minPrice: 5, maxPrice: 200)
        let c = try #require(s.lookup(label: "Customer", key: "id", value: "C1"))
        let recs = try r.recommend(for: c, in: s, RecommendationRequest(k: 10, filter: filter))
        #expect(recs.count == 10)
        for rec in recs {
            #expect(s.neighbors(of: rec.product, type: belongs, direction: .outgoing) == [category])
            let price = try #require(s.property(rec.product, "price")?.numericValue)
            #expect((5...200).contains(price))
        }
    }
}
