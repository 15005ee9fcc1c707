// Report-style benchmark of the IVF-flat index on GloVe-50 (390k base rows, 10k queries):
// build time and memory, the recall@10-vs-QPS curve (one query at a time, one thread),
// batch throughput, and exact search. Run: `swift run -c release VectorBenchmarks [datasetDir]`.
// Output lines starting with `RESULT` are parsed by peers/vector_vs_faiss.sh.
// Environment: LISTS (default 1000), REPEATS (best of, default 3); for profiling,
// PROFILE_SINGLE=<probes> times only the single-query loop (HOT=1: the same query each time).
// `--mixture [rows]`: the synthetic 1M×128 Gaussian mixture instead (Mixture.swift).
import Foundation
import VectorIndex
import VectorKernels

// OpenBLAS 0.3.21 falls back to SSE3 kernels on processors it does not know: restart with a better family first.
BLAS.restartWithPreferredCoreIfNeeded()
let arguments = CommandLine.arguments
if let i = arguments.firstIndex(of: "--mixture") {
    try mixtureBenchmark(rows: i + 1 < arguments.count ? Int(arguments[i + 1]) ?? 1_000_000 : 1_000_000)
    exit(0)
}
let dataDir = arguments.count > 1 ? arguments[1] : "../../shared/datasets/glove-6b-50d"
let probesList = (arguments.count > 2 ? arguments[2] : "8,12,16,24,32,48,64").split(separator: ",").map { Int($0)! }
let lists = Int(ProcessInfo.processInfo.environment["LISTS"] ?? "1000")!
// The machine is shared: each timing is repeated and the best run kept (the peer script does the same).
let repeats = Int(ProcessInfo.processInfo.environment["REPEATS"] ?? "3")!
let d = 50

func load<T>(_ path: String, as: T.Type) -> [T] {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write("cannot read \(path)\n".data(using: .utf8)!)
        exit(2)
    }
    return data.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
}

func residentBytes() -> Int {
    guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let parts = s.split(separator: " ")
    return (Int(parts[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// CPU time of the calling thread: on a shared machine it is far steadier than wall time.
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Wall and thread-CPU seconds of `body`.
func timed(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    let c0 = threadCPUSeconds()
    let t0 = DispatchTime.now().uptimeNanoseconds
    try body()
    return (Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9, threadCPUSeconds() - c0)
}

func seconds(_ body: () throws -> Void) rethrows -> Double { try timed(body).wall }

let all = load("\(dataDir)/vectors.400000x50.f32", as: Float.self)
let queryIDs = load("\(dataDir)/bench/query_ids.10000.i32", as: Int32.self)
let truth = load("\(dataDir)/bench/gt_ids.10000x100.i32", as: Int32.self)
let isQuery = Set(queryIDs)
var baseIDs: [VectorID] = []
var base: [Float] = []
base.reserveCapacity((400_000 - queryIDs.count) * d)
for r in 0..<400_000 where !isQuery.contains(Int32(r)) {
    baseIDs.append(VectorID(r))
    base.append(contentsOf: all[(r * d)..<((r + 1) * d)])
}
var queries: [Float] = []
for q in queryIDs { queries.append(contentsOf: all[(Int(q) * d)..<((Int(q) + 1) * d)]) }
let nq = queryIDs.count
let queryRows = (0..<nq).map { Array(queries[($0 * d)..<(($0 + 1) * d)]) }

func recallAt10(_ results: [[SearchHit]]) -> Double {
    var hit = 0
    for (i, r) in results.enumerated() {
        let t = Set(truth[(i * 100)..<(i * 100 + 10)].map { VectorID($0) })
        hit += r.prefix(10).filter { t.contains($0.id) }.count
    }
    return Double(hit) / Double(results.count * 10)
}

// The exact re-rank reads the float32 rows (ids are row numbers of the full file), as the engine reads the graph's.
let source = RowVectorSource(vectors: all, dimension: d)

// THRESHOLD=1: exhaustive scan against a calibrated IVF search at recall 0.95 on the first N base rows, to
// choose the size below which an index is searched exactly (IVFFlatIndex.exactSearchThreshold).
if ProcessInfo.processInfo.environment["THRESHOLD"] != nil {
    for n in [2_000, 5_000, 10_000, 20_000, 50_000, 100_000] {
        let small = try IVFFlatIndex(dimension: d)
        let l = max(1, n / 1000)
        try small.build(ids: Array(baseIDs.prefix(n)), vectors: Array(base.prefix(n * d)), lists: l)
        try small.calibrate()
        let p = small.calibration?.probes(for: 0.95) ?? l
        let sample = queryRows.prefix(2000)
        var best = (exact: Double.infinity, ivf: Double.infinity)
        for _ in 0..<3 {
            let te = try timed { for q in sample { _ = try small.search(q, k: 10, options: SearchOptions(exact: true), vectors: source) } }
            let ti = try timed { for q in sample { _ = try small.search(q, k: 10, options: SearchOptions(probes: p), vectors: source) } }
            best = (min(best.exact, te.cpu), min(best.ivf, ti.cpu))
        }
        print(String(
            format: "THRESHOLD rows %d lists %d probes@0.95 %d exact_us %.1f ivf_us %.1f exact/ivf %.2f", n, l, p,
            1e6 * best.exact / Double(sample.count), 1e6 * best.ivf / Double(sample.count), best.exact / best.ivf))
    }
    exit(0)
}

print("dataset: \(baseIDs.count) base × \(d), \(nq) queries, lists \(lists)")
let rawBytes = baseIDs.count * d * MemoryLayout<Float>.stride
let rssBefore = residentBytes()
let index = try IVFFlatIndex(dimension: d)
var trainTime = 0.0, addTime = 0.0
trainTime = try seconds { try index.train(base, lists: lists) }
addTime = try seconds { try index.add(ids: baseIDs, vectors: base) }
let rssAfter = residentBytes()
print(String(format: "RESULT ours build train_s %.3f add_s %.3f total_s %.3f", trainTime, addTime, trainTime + addTime))
print(String(
    format: "RESULT ours memory index_bytes %d raw_bytes %d ratio %.3f rss_delta_bytes %d",
    index.memoryBytes, rawBytes, Double(index.memoryBytes) / Double(rawBytes), rssAfter - rssBefore))
print(String(format: "imbalance (largest list / mean): %.2f", index.imbalance))

do {
    // Recall by default: calibration time, the probes it picks, and the recall and speed at the default target.
    let t = try timed { try index.calibrate() }
    for target in [0.95, 0.99] {
        let p = index.calibratedProbes(for: target) ?? 0
        var results = [[SearchHit]]()
        let tq = try timed {
            for q in queryRows { results.append(try index.search(q, k: 10, options: SearchOptions(recall: target), vectors: source)) }
        }
        print(String(
            format: "RESULT ours calibrated target %.2f probes %d recall %.4f qps %.1f cpu_qps %.1f calibrate_s %.2f",
            target, p, recallAt10(results), Double(nq) / tq.wall, Double(nq) / tq.cpu, t.wall))
    }
}

if let only = ProcessInfo.processInfo.environment["PROFILE_SINGLE"], let probes = Int(only) {
    for _ in 0..<5 {
        let hot = ProcessInfo.processInfo.environment["HOT"] != nil  // same query again and again: cache-hot
        let t = try timed { for q in queryRows { _ = try index.search(hot ? queryRows[0] : q, k: 10, probes: probes) } }
        print(String(format: "profile single probes %d qps %.1f cpu_qps %.1f", probes, Double(nq) / t.wall, Double(nq) / t.cpu))
    }
    exit(0)
}
for probes in probesList {
    var results = [[SearchHit]]()
    var wall = Double.infinity, cpu = Double.infinity
    for _ in 0..<repeats {
        results = []
        results.reserveCapacity(nq)
        // With the exact re-rank on the float32 rows: every returned score is an exact cosine.
        let options = SearchOptions(probes: probes)
        let t = try timed {
            for q in queryRows { results.append(try index.search(q, k: 10, options: options, vectors: source)) }
        }
        wall = min(wall, t.wall)
        cpu = min(cpu, t.cpu)
    }
    print(String(
        format: "RESULT ours single probes %d recall %.4f qps %.1f cpu_qps %.1f", probes, recallAt10(results),
        Double(nq) / wall, Double(nq) / cpu))
    var codes = (wall: Double.infinity, cpu: Double.infinity)
    for _ in 0..<repeats {
        let t = try timed { for q in queryRows { _ = try index.search(q, k: 10, probes: probes) } }
        codes = (min(codes.wall, t.wall), min(codes.cpu, t.cpu))
    }
    print(String(
        format: "RESULT ours single_codes probes %d recall %.4f qps %.1f cpu_qps %.1f (scores from the codes, no float32 re-rank)",
        probes, recallAt10(results), Double(nq) / codes.wall, Double(nq) / codes.cpu))
}
for probes in probesList {
    var results = [[SearchHit]]()
    var wall = Double.infinity, cpu = Double.infinity
    for _ in 0..<repeats {
        let t = try timed { results = try index.search(queries: queries, k: 10, probes: probes) }
        wall = min(wall, t.wall)
        cpu = min(cpu, t.cpu)
    }
    print(String(
        format: "RESULT ours batch probes %d recall %.4f qps %.1f cpu_qps %.1f", probes, recallAt10(results),
        Double(nq) / wall, Double(nq) / cpu))
}
do {
    let sample = 1000
    var results = [[SearchHit]]()
    let t = try timed {
        for q in queryRows.prefix(sample) { results.append(try index.exactSearch(q, k: 10)) }
    }
    print(String(
        format: "RESULT ours exact probes 0 recall %.4f qps %.1f cpu_qps %.1f", recallAt10(results),
        Double(sample) / t.wall, Double(sample) / t.cpu))
}
