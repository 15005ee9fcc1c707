import GraphStore
import Recommend
import Testing

/// A model built before a write still answers from the catalogue as it is after it.
@Suite struct LiveCatalogueTests {
    func ids(_ recs: [Recommendation], _ s: GraphSnapshot) -> [String] {
        recs.map { s.property($0.product, "id")?.stringValue ?? "node \($0.product.rawValue)" }
    }

    @Test func deletionsPricesStockAndCategoriesAreReadFromTheLiveSnapshot() throws {
        let store = try RecommenderTests.graph()
        let old = store.snapshot
        var r = Recommender(model: try RecommenderModel(snapshot: old))  // never rebuilt below
        let c1 = try #require(old.lookup(label: "Customer", key: "id", value: "c1"))
        let all = RecommendationRequest(k: 10)
        #expect(Set(ids(try r.recommend(for: c1, in: old, all), old)) == ["c", "d", "e", "f"])

        // Delete c, restock e, reprice d, move f out of K2.
        try store.write { txn in
            let s = txn.snapshot
            try txn.deleteNode(s.lookup(label: "Product", key: "id", value: "c")!, detach: true)
            try txn.setProperty(s.lookup(label: "Product", key: "id", value: "e")!, "inStock", true)
            try txn.setProperty(s.lookup(label: "Product", key: "id", value: "d")!, "price", 5)
            let f = s.lookup(label: "Product", key: "id", value: "f")!
            var belongs: [RelationshipID] = []
            s.forEachRelationship(of: f, type: s.catalog.relationshipType("BELONGS_TO"), direction: .outgoing) {
                _, rel in belongs.append(rel)
            }
            for rel in belongs { try txn.deleteRelationship(rel) }
        }
        let s = store.snapshot
        for strategy in RecommendationRequest.Strategy.allCases where strategy != .embedding {
            let recs = try r.recommend(for: c1, in: s, RecommendationRequest(k: 10, strategy: strategy))
            #expect(recs.allSatisfy { s.contains($0.product) }, "\(strategy): \(ids(recs, s))")
            #expect(!ids(recs, s).contains("c"))
        }
        #expect(Set(ids(try r.recommend(for: c1, in: s, all), s)) == ["d", "e", "f"])
        let stocked = try r.recommend(for: c1, in: s, RecommendationRequest(k: 10, filter: .init(inStockOnly: true)))
        #expect(Set(ids(stocked, s)) == ["d", "e", "f"])  // e is back in stock
        let cheap = try r.recommend(for: c1, in: s, RecommendationRequest(k: 10, filter: .init(maxPrice: 10)))
        #expect(ids(cheap, s) == ["d"])  // d now costs 5
        let k2 = try #require(s.lookup(label: "Category", key: "id", value: "K2"))
        let inK2 = try r.recommend(for: c1, in: s, RecommendationRequest(k: 10, filter: .init(categories: [k2])))
        #expect(Set(ids(inK2, s)) == ["d", "e"])  // f left K2
        // Similar products too, and the unknown-customer path.
        let b = try #require(s.lookup(label: "Product", key: "id", value: "b"))
        let similar = try #require(try r.similar(to: b, in: s, k: 10))
        #expect(!ids(similar, s).contains("c") && similar.allSatisfy { s.contains($0.product) })
        #expect(try r.recommend(for: nil, in: s, all).allSatisfy { s.contains($0.product) })
    }

    @Test func theFallbackNeedsNoModelAndExcludesWhatWasBought() throws {
        let s = try RecommenderTests.graph().snapshot
        let c4 = try #require(s.lookup(label: "Customer", key: "id", value: "c4"))  // bought b, c, e
        let recs = try FallbackRanking.recommend(for: c4, in: s, RecommendationRequest(k: 3))
        #expect(ids(recs, s) == ["a", "d", "f"])  // a: 3 purchases, d: 1, f: none (in the catalogue all the same)
        #expect(recs.allSatisfy { $0.coldStart })
        #expect(recs.first?.reason(in: s) == "popular: bought by 3 customers")
        let stocked = try FallbackRanking.recommend(
            for: nil, in: s, RecommendationRequest(k: 6, filter: .init(inStockOnly: true)))
        #expect(!ids(stocked, s).contains("e") && stocked.count == 5)
        let a = try #require(s.lookup(label: "Product", key: "id", value: "a"))
        let similar = try FallbackRanking.similar(to: a, in: s, k: 2, filter: .init(maxPrice: 35))
        #expect(ids(similar, s) == ["b", "c"])
        #expect(throws: RecommendError.self) { try FallbackRanking.recommend(for: nil, in: s, RecommendationRequest(k: 0)) }
    }
}

@Suite struct RecommenderCacheReadinessTests {
    @Test func readyModelNeverWaitsAndTheFirstBuildRunsOnce() async throws {
        let store = try RecommenderTests.graph()
        let cache = RecommenderCache()
        cache.buildsHeld = true  // the first build cannot finish until released
        defer { cache.buildsHeld = false }
        #expect(try cache.readyModel(for: store.snapshot) == nil)
        #expect(try cache.readyModel(for: store.snapshot) == nil)
        #expect(cache.isBuilding && cache.modelVersion == nil)
        // A caller that waits gets the running build's model once it is let go.
        let release = Task {
            try await Task.sleep(for: .milliseconds(200))
            cache.buildsHeld = false
        }
        let m = try cache.model(for: store.snapshot)
        try await release.value
        #expect(m.version == store.snapshot.version && !cache.isBuilding)
        #expect(try cache.readyModel(for: store.snapshot)?.version == m.version)
    }

    @Test func withDefaultSettingsAWriteReachesTheModelWithinSeconds() async throws {
        let store = try RecommenderTests.graph()
        let cache = RecommenderCache()
        let first = try cache.model(for: store.snapshot)
        let c6 = try #require(store.snapshot.lookup(label: "Customer", key: "id", value: "c6"))
        let f = try #require(store.snapshot.lookup(label: "Product", key: "id", value: "f"))
        try store.write { txn in
            _ = try txn.createRelationship(from: c6, to: f, type: "PURCHASED", properties: ["timestamp": 400])
        }
        // The old model answers at once; a rebuild starts once it is a second old (not a minute, as before).
        #expect(try cache.readyModel(for: store.snapshot)?.version == first.version)
        try await Task.sleep(for: .milliseconds(1500))
        _ = try cache.readyModel(for: store.snapshot)
        #expect(cache.isBuilding || cache.modelVersion == store.snapshot.version)
        // Wait for the background build (generously: the whole suite may be running on 2 cores).
        let clock = ContinuousClock()
        let start = clock.now
        var latest = first
        while latest.version == first.version && clock.now - start < .seconds(120) {
            try await Task.sleep(for: .milliseconds(100))
            latest = try #require(try cache.readyModel(for: store.snapshot))
        }
        #expect(latest.version == store.snapshot.version, "no rebuild after \(clock.now - start)")
        #expect(latest.popularity[latest.item(of: f)!] == 1)
    }

    @Test func aGraphWithoutPurchasesReportsItsErrorWithoutRebuildingEachTime() async throws {
        let store = GraphStore()
        try store.write { txn in _ = try txn.createNode(labels: ["Product"], properties: ["id": "a"]) }
        let cache = RecommenderCache()
        #expect(try cache.readyModel(for: store.snapshot) == nil)  // starts the build, which fails
        for _ in 0..<200 where cache.isBuilding { try await Task.sleep(for: .milliseconds(10)) }
        let err = #expect(throws: RecommendError.self) { try cache.readyModel(for: store.snapshot) }
        #expect(err?.code == .emptyData)
        #expect(throws: RecommendError.self) { try cache.model(for: store.snapshot) }
    }
}
