import CypherRuntime
import Foundation
import GraphImport
import GraphStore

// Times the co-purchase recommendation in Cypher for a list of customer ids, one query at a time, on the
// synthetic 1M-purchase graph (the same one `ignitabull generate` writes) or on Online Retail.
// Usage: CypherCompare synthetic|online-retail IDS_FILE   (one id per line). Prints `RESULT ours ...` lines.
// Benchmarks/peers/cypher_vs_kuzu.sh runs it next to Kuzu on the same ids.

let query = """
    MATCH (c:Customer {id:$id})-[:PURCHASED]->(p:Product)<-[:PURCHASED]-(o:Customer)-[:PURCHASED]->(rec:Product)
    WHERE NOT (c)-[:PURCHASED]->(rec)
    RETURN rec.id, count(*) AS score ORDER BY score DESC LIMIT 10
    """

let arguments = CommandLine.arguments
guard arguments.count == 3, let text = try? String(contentsOfFile: arguments[2], encoding: .utf8) else {
    print("usage: CypherCompare synthetic|online-retail IDS_FILE")
    exit(2)
}
let ids = text.split(separator: "\n").map { String($0) }.filter { !$0.isEmpty }
let store = GraphStore()
_ = try store.write { txn in
    if arguments[1] == "synthetic" {
        _ = try SyntheticGraphGenerator.run(.reference, into: &txn)
    } else {
        var dir = String(#filePath)
        for _ in 0..<3 { dir = String(dir[..<dir.lastIndex(of: "/")!]) }
        _ = try OnlineRetailImporter.run(path: dir + "/datasets/online-retail/online_retail.csv.gz", into: &txn)
    }
}
let clock = ContinuousClock()
// Warm up on the first ids.
for id in ids.prefix(5) { _ = try CypherEngine.execute(query, parameters: ["id": .string(id)], on: store) }
var times: [Double] = []
for id in ids {
    let start = clock.now
    let r = try CypherEngine.execute(query, parameters: ["id": .string(id)], on: store, budget: 100_000_000)
    let d = clock.now - start
    times.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15)
    // Top products, for comparing answers with the peer.
    print("TOP ours \(id) " + r.rows.map { if case .string(let s) = $0[0] { s } else { "\($0[0])" } }.joined(separator: ","))
}
times.sort()
let sorted = times
let p50 = sorted[sorted.count / 2]
let p90 = sorted[min(sorted.count - 1, sorted.count * 9 / 10)]
let p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
print("RESULT ours queries \(sorted.count) p50_ms \(p50) p90_ms \(p90) p99_ms \(p99)")
