import Engine
import GraphImport
import GraphStore
import Recommend

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 21's batch-scoring figures, the way `ignitabull score` computes them, at each scale: the model
/// build (the default `auto` model: candidates scored on a holdout, the winner refitted) and top-10 for
/// customers per second on 1 and 2 worker threads, through `Database.score(customerIDs:_:workers:)`.
///   cd Benchmarks && swift run -c release RecommendBenchmarks --scaling [--largest PURCHASES]
/// Scales: Online Retail, then the synthetic generator at 1M purchases (50k customers, 20k products)
/// and 10M (1M customers, 200k products: the issue's top scale); `--largest` stops earlier.
func scaling(onlineRetailPath: String, largest: Int) throws {
    var scales: [(String, (inout GraphTransaction) throws -> Void)] = [
        ("Online Retail", { txn in _ = try OnlineRetailImporter.run(path: onlineRetailPath, into: &txn) })
    ]
    for (purchases, customers, products) in [(1_000_000, 50_000, 20_000), (10_000_000, 1_000_000, 200_000)]
    where purchases <= largest {
        let config = SyntheticGraphConfig(customers: customers, products: products, purchases: purchases)
        scales.append(("synthetic \(purchases / 1_000_000)M", { txn in _ = try SyntheticGraphGenerator.run(config, into: &txn) }))
    }
    print("| scale | customers | products | purchases | load | model (auto) | build wall | build CPU | customers/s, 1 thread | customers/s, 2 threads | speed-up | CPU per customer |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for (name, load) in scales {
        let db = Database()
        var t = clock.now
        try db.graph.write { txn in try load(&txn) }
        let loadSeconds = seconds(clock.now - t)
        let s = db.graph.snapshot
        var ids: [String] = []
        let id = s.catalog.propertyKey("id")!
        s.forEachNode(label: s.catalog.label("Customer")!) { n in
            if let v = s.property(n, id) { ids.append(v.stringValue ?? "\(v)") }
        }
        let products = s.nodes(label: s.catalog.label("Product")!).count
        let purchases = s.relationshipCount(type: s.catalog.relationshipType("PURCHASED")!)

        t = clock.now
        let c0 = cpu(CLOCK_PROCESS_CPUTIME_ID)
        let selection = try db.modelSelectionBuildingIfNeeded()
        let buildSeconds = seconds(clock.now - t)
        let buildCPU = cpu(CLOCK_PROCESS_CPUTIME_ID) - c0

        // Up to 100,000 customers (a fixed sample at 1M customers), each timing the best of two runs.
        var rng = SplitMix64(seed: 21)
        let sample = ids.count <= 100_000 ? ids : (0..<100_000).map { _ in ids[rng.below(ids.count)] }
        let request = RecommendationRequest(k: 10, explain: false)
        var rate: [Int: Double] = [:]
        var cpuPerCustomer = Double.infinity
        for workers in [1, 2] {
            for _ in 0..<2 {
                let c0 = cpu(CLOCK_PROCESS_CPUTIME_ID)
                t = clock.now
                let out = try db.score(customerIDs: sample, request, workers: workers)
                let wall = seconds(clock.now - t)
                precondition(out.rows.count == sample.count && out.workers == workers)
                rate[workers] = max(rate[workers] ?? 0, Double(sample.count) / wall)
                cpuPerCustomer = min(cpuPerCustomer, (cpu(CLOCK_PROCESS_CPUTIME_ID) - c0) / Double(sample.count))
            }
        }
        let chosen = selection.map { "\($0.chosen)" } ?? "fixed"
        print(
            "| \(name) | \(ids.count) | \(products) | \(purchases) | \(format1(loadSeconds)) s | \(chosen) | \(format1(buildSeconds)) s"
                + " | \(format1(buildCPU)) s | \(Int(rate[1]!)) | \(Int(rate[2]!)) | \(format2(rate[2]! / rate[1]!))×"
                + " | \(ms(cpuPerCustomer)) |")
    }
}

func format1(_ x: Double) -> String {
    let r = Int((x * 10).rounded())
    return "\(r / 10).\(r % 10)"
}
func format2(_ x: Double) -> String {
    let r = Int((x * 100).rounded())
    return "\(r / 100).\(r % 100 < 10 ? "0" : "")\(r % 100)"
}
