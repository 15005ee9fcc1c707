import Benchmark
import CypherRuntime
import Engine
import GraphImport
import GraphStore

#if canImport(Glibc)
import Glibc
#endif

// Issue targets (release build): load Online Retail-sized data <= 1 s and the synthetic 1M-purchase
// graph <= 5 s; report durable single-transaction writes per second and batched import rows per second.
// Run from this folder: `swift package benchmark --target StorageBenchmarks`.

let repositoryRoot: String = {
    var dir = String(#filePath)
    for _ in 0..<3 { dir = String(dir[..<dir.lastIndex(of: "/")!]) }
    return dir
}()

func freshDirectory() -> String {
    var template = Array("/tmp/ignitabull-bench-XXXXXX".utf8CString)
    let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    return String(cString: p!) + "/data"
}

/// Data directories written once, then reopened by the load benchmarks.
nonisolated(unsafe) var onlineRetailDirectory: String?
nonisolated(unsafe) var syntheticDirectory: String?

func onlineRetailData() -> String {
    if let d = onlineRetailDirectory { return d }
    let d = freshDirectory()
    let db = try! Database(directory: d)
    _ = try! db.importOnlineRetail(path: repositoryRoot + "/datasets/online-retail/online_retail.csv.gz")
    onlineRetailDirectory = d
    return d
}

func syntheticData() -> String {
    if let d = syntheticDirectory { return d }
    let d = freshDirectory()
    let db = try! Database(directory: d)
    _ = try! db.generate(.reference)
    syntheticDirectory = d
    return d
}

nonisolated(unsafe) var writer: Database?
nonisolated(unsafe) var cypherWriter: Database?
nonisolated(unsafe) var cypherCount: Int64 = 0

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds, warmupIterations: 1,
        maxDuration: .seconds(60), maxIterations: 10)

    Benchmark("Load Online Retail data directory (8k nodes, 398k relationships)") { benchmark in
        let dir = onlineRetailData()
        benchmark.startMeasurement()
        let db = try Database(directory: dir)
        benchmark.stopMeasurement()
        blackHole(db)
    }

    Benchmark("Load synthetic data directory (70.6k nodes, 1.79M relationships)") { benchmark in
        let dir = syntheticData()
        benchmark.startMeasurement()
        let db = try Database(directory: dir)
        benchmark.stopMeasurement()
        blackHole(db)
    }

    Benchmark(
        "Durable import of Online Retail (rows/s = 397,884 relationships + 8,003 nodes per run)",
        configuration: .init(metrics: [.wallClock, .throughput], timeUnits: .milliseconds, maxIterations: 5)
    ) { benchmark in
        let db = try Database(directory: freshDirectory())
        benchmark.startMeasurement()
        blackHole(try db.importOnlineRetail(path: repositoryRoot + "/datasets/online-retail/online_retail.csv.gz"))
        benchmark.stopMeasurement()
    }

    Benchmark(
        "Durable single write transaction (1 node, 1 relationship, 1 property; fsync per commit)",
        configuration: .init(metrics: [.wallClock, .throughput], timeUnits: .microseconds, maxDuration: .seconds(20), maxIterations: 2_000)
    ) { benchmark in
        if writer == nil {
            writer = try Database(directory: freshDirectory())
            try writer!.graph.write { txn in _ = try txn.createNode(labels: ["Hub"], properties: ["count": 0]) }
        }
        let db = writer!
        let hub = NodeID(0)
        benchmark.startMeasurement()
        try db.graph.write { txn in
            let n = try txn.createNode(labels: ["Write"])
            try txn.createRelationship(from: hub, to: n, type: "HAS")
            try txn.setProperty(hub, "count", .int(Int64(n.rawValue)))
        }
        benchmark.stopMeasurement()
    }

    Benchmark(
        "Durable single-row Cypher CREATE per request (parse, check, execute, commit with fsync)",
        configuration: .init(metrics: [.wallClock, .throughput], timeUnits: .microseconds, maxDuration: .seconds(20), maxIterations: 2_000)
    ) { benchmark in
        if cypherWriter == nil { cypherWriter = try Database(directory: freshDirectory()) }
        let db = cypherWriter!
        cypherCount += 1
        let n = cypherCount
        benchmark.startMeasurement()
        let r = try db.query("CREATE (:Event {n: $n, kind: 'view'})", parameters: ["n": .int(n)])
        benchmark.stopMeasurement()
        blackHole(r)
    }
}
