import Benchmark
import GraphImport
import GraphStore
import Recommend

// Issue targets (release build): Online Retail import <= 1.5 s; synthetic 50k/20k/1M build <= 2 s;
// adjacency <= 24 bytes per relationship; co-purchase traversal p50 <= 5 ms over 200 random customers;
// frequently-bought-with mining over Online Retail <= 2 s.
// Run from this folder: `swift package benchmark --target GraphBenchmarks`.

/// The bundled Online Retail file, found from this source file's location.
let onlineRetailPath: String = {
    var dir = String(#filePath)
    for _ in 0..<3 { dir = String(dir[..<dir.lastIndex(of: "/")!]) }
    return dir + "/datasets/online-retail/online_retail.csv.gz"
}()

func buildSynthetic() -> GraphSnapshot {
    let store = GraphStore()
    _ = try! store.write { txn in try SyntheticGraphGenerator.run(.reference, into: &txn) }
    return store.snapshot
}

func buildOnlineRetail() -> GraphSnapshot {
    let store = GraphStore()
    _ = try! store.write { txn in try OnlineRetailImporter.run(path: onlineRetailPath, into: &txn) }
    return store.snapshot
}

// Built once, on first use (in a benchmark's setup, outside the measurement).
nonisolated(unsafe) var syntheticGraph: GraphSnapshot?
nonisolated(unsafe) var onlineRetailGraph: GraphSnapshot?
/// The harness calls a benchmark's closure once per iteration, so the sample position lives outside it.
nonisolated(unsafe) var nextCustomer = 0

/// 200 customers drawn with a fixed seed.
func sampleCustomers(_ s: GraphSnapshot, count: Int = 200) -> [NodeID] {
    let all = s.nodes(label: s.catalog.label("Customer")!)
    var rng = SplitMix64(seed: 2024)
    return (0..<count).map { _ in all[rng.below(all.count)] }
}

func traversalBenchmark(_ name: String, graph: @escaping @Sendable () -> GraphSnapshot) {
    Benchmark(
        name,
        configuration: .init(
            metrics: [.wallClock, .throughput, .custom("paths per customer", polarity: .prefersLarger, useScalingFactor: false)],
            timeUnits: .microseconds, warmupIterations: 5,
            maxDuration: .seconds(60), maxIterations: 200)
    ) { benchmark in
        let s = graph()
        let customers = sampleCustomers(s)
        var counter = CoPurchase(snapshot: s, type: s.catalog.relationshipType("PURCHASED")!)
        var paths = 0
        // One customer per iteration: the p50 reported is the per-customer latency.
        for _ in benchmark.scaledIterations {
            let customer = customers[nextCustomer % customers.count]
            nextCustomer += 1
            benchmark.startMeasurement()
            let r = counter.scores(for: customer, limit: 10)
            benchmark.stopMeasurement()
            paths += r.paths
            blackHole(r)
        }
        benchmark.measurement(.custom("paths per customer", polarity: .prefersLarger, useScalingFactor: false),
                              paths / max(1, benchmark.scaledIterations.count))
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds, warmupIterations: 1,
        maxDuration: .seconds(60), maxIterations: 10)

    Benchmark("Online Retail import (541,909 lines, gzip)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(buildOnlineRetail()) }
    }

    Benchmark(
        "Synthetic build (50k customers, 20k products, 1M purchases, 11 types)",
        configuration: .init(
            metrics: [.wallClock, .peakMemoryResident, .custom("relationships", useScalingFactor: false),
                      .custom("adjacency bytes per relationship x100", useScalingFactor: false)],
            timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(60), maxIterations: 10)
    ) { benchmark in
        var last: GraphSnapshot?
        for _ in benchmark.scaledIterations {
            benchmark.startMeasurement()
            last = buildSynthetic()
            benchmark.stopMeasurement()
        }
        let stats = last!.statistics()
        benchmark.measurement(.custom("relationships", useScalingFactor: false), stats.relationships)
        benchmark.measurement(.custom("adjacency bytes per relationship x100", useScalingFactor: false),
                              Int((stats.adjacencyBytesPerRelationship * 100).rounded()))
    }

    Benchmark("Frequently-bought-with mining, Online Retail (18,532 baskets, 2.2M pairs)") { benchmark in
        if onlineRetailGraph == nil { onlineRetailGraph = buildOnlineRetail() }
        let s = onlineRetailGraph!
        let purchased = s.catalog.relationshipType("PURCHASED")!
        benchmark.startMeasurement()
        let baskets = Baskets(snapshot: s, type: purchased)
        let result = FrequentlyBoughtTogether.mine(baskets)
        benchmark.stopMeasurement()
        blackHole(result)
    }

    traversalBenchmark("Co-purchase 2-hop per customer, synthetic 1M purchases") {
        if syntheticGraph == nil { syntheticGraph = buildSynthetic() }
        return syntheticGraph!
    }
    traversalBenchmark("Co-purchase 2-hop per customer, Online Retail") {
        if onlineRetailGraph == nil { onlineRetailGraph = buildOnlineRetail() }
        return onlineRetailGraph!
    }
}
