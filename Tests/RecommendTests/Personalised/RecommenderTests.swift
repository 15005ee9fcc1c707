import GraphImport
import GraphStore
import Recommend
import Testing

@Suite struct RecommenderTests {
    /// Products a–f (a–c in category K1, d–f in K2), six customers, one influencer promoting f.
    /// c1 bought a then b; c2 a, b, c; c3 a, d; c4 b, c, e; c5 follows the influencer; c6 bought nothing.
    static func graph() throws -> GraphStore {
        let store = GraphStore()
        try store.write { txn in
            try txn.createUniqueConstraint(label: "Customer", key: "id")
            try txn.createUniqueConstraint(label: "Product", key: "id")
            try txn.createUniqueConstraint(label: "Category", key: "id")
            try txn.createUniqueConstraint(label: "Influencer", key: "id")
            let k1 = try txn.createNode(labels: ["Category"], properties: ["id": "K1", "name": "Kitchen"])
            let k2 = try txn.createNode(labels: ["Category"], properties: ["id": "K2", "name": "Garden"])
            var p: [String: NodeID] = [:]
            for (i, name) in ["a", "b", "c", "d", "e", "f"].enumerated() {
                var props: [String: PropertyValue] = ["id": .string(name), "price": .double(Double(10 * (i + 1)))]
                if name == "e" { props["inStock"] = .bool(false) }
                p[name] = try txn.createNode(labels: ["Product"], properties: props)
                try txn.createRelationship(from: p[name]!, to: i < 3 ? k1 : k2, type: "BELONGS_TO")
            }
            let influencer = try txn.createNode(labels: ["Influencer"], properties: ["id": "I1", "name": "Ivy"])
            try txn.createRelationship(from: p["f"]!, to: influencer, type: "PROMOTED_BY")
            var c: [String: NodeID] = [:]
            for name in ["c1", "c2", "c3", "c4", "c5", "c6"] {
                c[name] = try txn.createNode(labels: ["Customer"], properties: ["id": .string(name)])
            }
            try txn.createRelationship(from: c["c5"]!, to: influencer, type: "FOLLOWS")
            let purchases: [(String, String, Int64)] = [
                ("c1", "a", 100), ("c1", "b", 200), ("c2", "a", 50), ("c2", "b", 60), ("c2", "c", 70),
                ("c3", "a", 80), ("c3", "d", 90), ("c4", "b", 10), ("c4", "c", 20), ("c4", "e", 30),
            ]
            for (who, what, t) in purchases {
                try txn.createRelationship(
                    from: c[who]!, to: p[what]!, type: "PURCHASED", properties: ["timestamp": .int(t)])
            }
        }
        return store
    }

    struct Fixture {
        let s: GraphSnapshot
        var r: Recommender
        func node(_ label: String, _ id: String) -> NodeID { s.lookup(label: label, key: "id", value: .string(id))! }
        func ids(_ recs: [Recommendation]) -> [String] { recs.map { s.property($0.product, "id")!.stringValue! } }
    }

    func fixture() throws -> Fixture {
        let s = try Self.graph().snapshot
        return Fixture(s: s, r: Recommender(model: try RecommenderModel(snapshot: s)))
    }

    @Test func itemKNNIsRecencyWeightedAndExplained() throws {
        var f = try fixture()
        let recs = try f.r.recommend(
            for: f.node("Customer", "c1"), in: f.s, RecommendationRequest(k: 3, strategy: .itemKNN))
        // c: 1·cos(b,c) + w1·cos(a,c) = 0.816 + 0.974·0.408; e: cos(b,e) = 0.577 (b is the latest purchase);
        // d: w1·cos(a,d) = 0.974·0.577.
        #expect(f.ids(recs) == ["c", "e", "d"])
        let top = try #require(recs.first?.contributions.first)
        #expect(top.signal == .itemKNN)
        #expect(top.because == f.node("Product", "b"))
        #expect(abs(top.detail - 2 / 6.0.squareRoot()) < 1e-5)
        #expect(recs[0].reason(in: f.s).contains("b"))
        #expect(!recs[0].coldStart)
    }

    @Test func purchasedProductsAreNeverRecommended() throws {
        var f = try fixture()
        for c in ["c1", "c2", "c3", "c4"] {
            let customer = f.node("Customer", c)
            let owned = Set(
                f.s.neighbors(of: customer, type: f.s.catalog.relationshipType("PURCHASED"), direction: .outgoing))
            for strategy in RecommendationRequest.Strategy.allCases {
                let recs = try f.r.recommend(for: customer, in: f.s, RecommendationRequest(k: 6, strategy: strategy))
                #expect(recs.allSatisfy { !owned.contains($0.product) }, "\(c) \(strategy)")
                #expect(recs.count == 6 - owned.count, "\(c) \(strategy): every unowned product is returned")
                #expect(Set(recs.map(\.product)).count == recs.count)
            }
        }
    }

    @Test func filtersApplyDuringGenerationAndStillFillK() throws {
        var f = try fixture()
        let c1 = f.node("Customer", "c1")
        // c costs 30: a price cap of 25 removes the best candidate; e, d and then the filler f remain.
        var request = RecommendationRequest(k: 3, strategy: .itemKNN, filter: RecommendationFilter(maxPrice: 25))
        #expect(f.ids(try f.r.recommend(for: c1, in: f.s, request)).isEmpty)  // only a and b cost ≤ 25, both owned
        request.filter = RecommendationFilter(minPrice: 35)
        #expect(f.ids(try f.r.recommend(for: c1, in: f.s, request)) == ["e", "d", "f"])
        request.filter = RecommendationFilter(inStockOnly: true)
        #expect(f.ids(try f.r.recommend(for: c1, in: f.s, request)) == ["c", "d", "f"])
        request.filter = RecommendationFilter(
            categories: [f.node("Category", "K2")], excluded: [f.node("Product", "d")])
        request.k = 10
        #expect(f.ids(try f.r.recommend(for: c1, in: f.s, request)) == ["e", "f"])
    }

    @Test func coldStartUsesPopularityAndTrending() throws {
        var f = try fixture()
        let popular = try f.r.recommend(for: nil, in: f.s, RecommendationRequest(k: 4, strategy: .popular))
        #expect(f.ids(popular) == ["a", "b", "c", "d"])  // 3, 3, 2, 1 buyers; ties by creation order
        let unknown = try f.r.recommend(for: nil, in: f.s, RecommendationRequest(k: 6))
        #expect(unknown.count == 6)
        #expect(unknown.allSatisfy { $0.coldStart })
        let none = try f.r.recommend(for: f.node("Customer", "c6"), in: f.s, RecommendationRequest(k: 3))
        #expect(none.allSatisfy { $0.coldStart })
        #expect(none.first?.contributions.contains { $0.signal == .trending || $0.signal == .popular } == true)
    }

    @Test func influencerPromotionsReachFollowers() throws {
        var f = try fixture()
        let recs = try f.r.recommend(for: f.node("Customer", "c5"), in: f.s, RecommendationRequest(k: 3))
        #expect(f.ids(recs).first == "f")
        let top = try #require(recs.first?.contributions.first)
        #expect(top.signal == .influencer && top.because == f.node("Influencer", "I1"))
        #expect(recs[0].reason(in: f.s).contains("Ivy"))
    }

    @Test func categoryAffinityFavoursTheCustomersCategories() throws {
        var f = try fixture()
        // c3 bought a (K1) and d (K2, latest); the category signal alone ranks K2's and K1's popular products.
        let recs = try f.r.recommend(
            for: f.node("Customer", "c3"), in: f.s, RecommendationRequest(k: 4, strategy: .category))
        #expect(Set(f.ids(recs)) == ["b", "c", "e", "f"])
        #expect(recs.allSatisfy { $0.contributions.first?.signal == .category })
    }

    @Test func diversityOneKeepsTheRankingAndBadRequestsThrow() throws {
        var f = try fixture()
        let c1 = f.node("Customer", "c1")
        let plain = try f.r.recommend(for: c1, in: f.s, RecommendationRequest(k: 3))
        let mmr = try f.r.recommend(for: c1, in: f.s, RecommendationRequest(k: 3, diversity: 1))
        #expect(f.ids(plain) == f.ids(mmr))
        let diverse = try f.r.recommend(for: c1, in: f.s, RecommendationRequest(k: 3, diversity: 0.2))
        #expect(Set(f.ids(diverse)).count == 3)
        #expect(throws: RecommendError.self) { try f.r.recommend(for: c1, in: f.s, RecommendationRequest(k: 0)) }
        // An empty price range is not a mistake: it selects nothing (as SQL's BETWEEN 5 AND 1 does).
        let empty = try f.r.recommend(
            for: c1, in: f.s, RecommendationRequest(filter: RecommendationFilter(minPrice: 5, maxPrice: 1)))
        #expect(empty.isEmpty)
        #expect(throws: RecommendError.self) {
            try f.r.recommend(for: c1, in: f.s, RecommendationRequest(diversity: 2))
        }
    }

    @Test func liveHistoryChangesTheNextAnswer() throws {
        let store = try Self.graph()
        let model = try RecommenderModel(snapshot: store.snapshot)
        var r = Recommender(model: model)
        let c1 = store.snapshot.lookup(label: "Customer", key: "id", value: "c1")!
        let c = store.snapshot.lookup(label: "Product", key: "id", value: "c")!
        #expect(try r.recommend(for: c1, in: store.snapshot).first?.product == c)
        try store.write { txn in
            _ = try txn.createRelationship(from: c1, to: c, type: "PURCHASED", properties: ["timestamp": 300])
        }
        // The model is from before the write; the history is read live, so c is now excluded.
        #expect(try r.recommend(for: c1, in: store.snapshot).contains { $0.product == c } == false)
    }

    @Test func similarProductsComeFromNeighboursWithFilters() throws {
        var f = try fixture()
        let b = f.node("Product", "b")
        let sims = try #require(try f.r.similar(to: b, in: f.s, k: 5))
        #expect(f.ids(sims).prefix(2) == ["c", "a"])  // cos(b,c) = 0.816 > cos(b,a) = 0.667
        #expect(!f.ids(sims).contains("b"))
        #expect(sims.count == 5)
        let cheap = try #require(try f.r.similar(to: b, in: f.s, k: 5, filter: RecommendationFilter(maxPrice: 15)))
        #expect(f.ids(cheap) == ["a"])
    }
}

@Suite struct RecommenderCacheTests {
    @Test func rebuildsInTheBackgroundAfterWrites() async throws {
        let store = try RecommenderTests.graph()
        let cache = RecommenderCache(maxAge: .zero)
        let first = try cache.model(for: store.snapshot)
        #expect(try cache.model(for: store.snapshot).version == first.version)
        let c6 = store.snapshot.lookup(label: "Customer", key: "id", value: "c6")!
        let f = store.snapshot.lookup(label: "Product", key: "id", value: "f")!
        try store.write { txn in
            _ = try txn.createRelationship(from: c6, to: f, type: "PURCHASED", properties: ["timestamp": 400])
        }
        // The stale model keeps serving while the new one is built.
        #expect(try cache.model(for: store.snapshot).version == first.version)
        var latest = first
        for _ in 0..<200 where latest.version == first.version {
            try await Task.sleep(for: .milliseconds(10))
            latest = try cache.model(for: store.snapshot)
        }
        #expect(latest.version == store.snapshot.version)
        #expect(latest.popularity[latest.item(of: f)!] == 1)
    }

    @Test func easeNeighboursAreAnOption() throws {
        let s = try RecommenderTests.graph().snapshot
        var settings = RecommenderModel.Settings()
        settings.easeLambda = 1
        let model = try RecommenderModel(snapshot: s, settings: settings)
        var r = Recommender(model: model)
        let c1 = s.lookup(label: "Customer", key: "id", value: "c1")!
        let recs = try r.recommend(for: c1, in: s, RecommendationRequest(k: 4, strategy: .itemKNN))
        #expect(recs.count == 4)
        #expect(recs.first.map { s.property($0.product, "id")!.stringValue! } == "c")  // the strongest co-purchase
        settings.easeLambda = -1
        #expect(throws: RecommendError.self) { try RecommenderModel(snapshot: s, settings: settings) }
    }
}

/// Exact cosine search over fixed vectors, standing in for the engine's vector index.
struct BruteForceEmbeddings: ProductEmbeddings {
    let vectors: [NodeID: [Float]]
    func vector(of product: NodeID) -> [Float]? { vectors[product] }
    func nearest(to query: [Float], k: Int) -> [(product: NodeID, similarity: Float)] {
        func norm(_ v: [Float]) -> Float { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let q = norm(query)
        return vectors.map { p, v in (p, zip(v, query).reduce(0) { $0 + $1.0 * $1.1 } / (norm(v) * q)) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(k).map { ($0.0, $0.1) }
    }
}

@Suite struct RecommenderEmbeddingTests {
    @Test func theCentroidOfTheHistoryFindsNearbyProducts() throws {
        let s = try RecommenderTests.graph().snapshot
        let id = { (name: String) in s.lookup(label: "Product", key: "id", value: .string(name))! }
        // a and b (c1's purchases) point one way; f points the same way, c and d elsewhere.
        let vectors: [NodeID: [Float]] = [
            id("a"): [1, 0, 0], id("b"): [0.9, 0.1, 0], id("c"): [0, 1, 0], id("d"): [0, 0, 1], id("e"): [0, 0.7, 0.7],
            id("f"): [0.95, 0.05, 0.05],
        ]
        var r = Recommender(
            model: try RecommenderModel(snapshot: s), embeddings: BruteForceEmbeddings(vectors: vectors))
        let c1 = s.lookup(label: "Customer", key: "id", value: "c1")!
        let recs = try r.recommend(for: c1, in: s, RecommendationRequest(k: 2, strategy: .embedding))
        #expect(recs.first?.product == id("f"))
        let top = try #require(recs.first?.contributions.first)
        #expect(top.signal == .embedding && top.detail > 0.99)
        // In the blend, f (never co-purchased with a or b) now competes with the item-kNN picks.
        let blend = try r.recommend(for: c1, in: s, RecommendationRequest(k: 4))
        #expect(blend.contains { $0.product == id("f") && $0.contributions.contains { $0.signal == .embedding } })
        #expect(recs.allSatisfy { $0.product != id("a") && $0.product != id("b") })
    }
}
