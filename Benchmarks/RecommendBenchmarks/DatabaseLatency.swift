import Engine
import GraphStore
import Recommend

#if canImport(Glibc)
    import Glibc
#endif

/// What the server's recommendation routes compute on a miss (the default `auto` model), timed through the `Database` façade
/// on an existing data directory (with its vector index, when it has one), one call at a time on
/// one thread: top-10 for every customer with purchases, and the 10 products most similar to every
/// product with a vector.
///   cd Benchmarks && swift run -c release RecommendBenchmarks --data DIR
func databaseLatency(directory: String) throws {
    let clock = ContinuousClock()
    let db = try Database(directory: directory)
    let s = db.graph.snapshot
    var customers: [String] = []
    var products: [String] = []
    if let c = s.catalog.label("Customer"), let p = s.catalog.label("Product"), let id = s.catalog.propertyKey("id"),
        let purchased = s.catalog.relationshipType("PURCHASED")
    {
        s.forEachNode(label: c) { n in
            var any = false
            s.forEachRelationship(of: n, type: purchased, direction: .outgoing) { _, _ in any = true }
            if any, let v = s.property(n, id)?.stringValue { customers.append(v) }
        }
        s.forEachNode(label: p) { n in if let v = s.property(n, id)?.stringValue { products.append(v) } }
    }
    let hasVectors = db.productEmbeddings(in: s) != nil
    print("\(directory): \(customers.count) customers with purchases, \(products.count) products, vector index: \(hasVectors)")
    var t = clock.now
    _ = try db.recommend(customerID: customers.first ?? "")
    print("first call (builds the recommender model): \(ms(seconds(clock.now - t)))")
    let model = db.modelSelection.map { "auto: \($0.chosen)" } ?? "no model selection"
    print("served model: \(model)")

    func time(_ name: String, _ ids: [String], _ body: (String) throws -> Void) rethrows {
        var lat: [Double] = []
        lat.reserveCapacity(ids.count)
        let c0 = cpu(CLOCK_THREAD_CPUTIME_ID)
        for id in ids {
            t = clock.now
            try body(id)
            lat.append(seconds(clock.now - t))
        }
        let total = cpu(CLOCK_THREAD_CPUTIME_ID) - c0
        lat.sort()
        let mean = lat.reduce(0, +) / Double(max(lat.count, 1))
        print(
            "\(name): \(ids.count) calls, mean \(ms(mean)), p50 \(ms(percentile(lat, 0.5))), p99 \(ms(percentile(lat, 0.99))),"
                + " max \(ms(lat.last ?? 0)); thread CPU \(ms(total / Double(max(ids.count, 1)))) per call")
    }
    // As REST serves it by default (no reasons), and with the reasons (`?explain=true`, `score --explain`).
    try time("recommendations top-10 (\(model))", customers) {
        blackHole(try db.recommend(customerID: $0, RecommendationRequest(k: 10, explain: false)))
    }
    try time("recommendations top-10 with reasons", customers) { blackHole(try db.recommend(customerID: $0)) }
    try time("similar products top-10 (hybrid)", products) { blackHole(try db.similarProducts(productID: $0, k: 10)) }
}
