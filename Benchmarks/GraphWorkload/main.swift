import CypherRuntime
import Engine
import GraphImport
import GraphStore

#if canImport(Glibc)
    import Glibc
#endif

// Issue 21's workload in process: the statements Neo4j users run against a recommendation graph, each through
// `Database.query` (parse, cached plan, execution, rows as values) on one thread, on the synthetic graph at each
// scale `Benchmarks/compare` uses (customers N/20, products N/50). Prints, per scale, p50 / p99 / max over the
// samples and the rows per call, then a table of how each p50 grows with the scale.
//   cd Benchmarks && swift run -c release GraphWorkload [--purchases 1000000,10000000] [--samples 500]
//     [--only 'fbw,filtered scan']
// Target: the one-hop statements (lookup, fbw, recent) at p50 <= 0.2 ms in process.

func option(_ name: String) -> String? {
    CommandLine.arguments.firstIndex(of: name).flatMap {
        $0 + 1 < CommandLine.arguments.count ? CommandLine.arguments[$0 + 1] : nil
    }
}
let scales = (option("--purchases") ?? "1000000,10000000").split(separator: ",").compactMap { Int($0) }
let samples = option("--samples").flatMap(Int.init) ?? 500
/// `--only "filtered scan,fbw"` runs just those statements.
let only = option("--only").map { Set($0.split(separator: ",").map(String.init)) }

/// (name, statement, parameter drawn from: customers or products or none).
let allStatements: [(String, String, String?)] = [
    ("lookup", "MATCH (c:Customer {id: $id}) RETURN c.id AS id, c.country AS country", "c"),
    ("fbw", """
        MATCH (p:Product {id: $id})-[f:FREQUENTLY_BOUGHT_WITH]->(q:Product)
        RETURN q.id AS id, f.support AS score ORDER BY score DESC, id LIMIT 10
        """, "p"),
    ("recent", """
        MATCH (c:Customer {id: $id})-[r:PURCHASED]->(p:Product)
        RETURN p.id AS id, r.timestamp AS at ORDER BY at DESC, id LIMIT 5
        """, "c"),
    ("degree", "MATCH (p:Product {id: $id})<-[:PURCHASED]-(c) RETURN count(*) AS buyers", "p"),
    ("personal", """
        MATCH (c:Customer {id: $id})-[:PURCHASED]->(p:Product)-[f:FREQUENTLY_BOUGHT_WITH]->(rec:Product)
        WHERE NOT (c)-[:PURCHASED]->(rec)
        RETURN rec.id AS id, sum(f.support) AS score ORDER BY score DESC, id LIMIT 10
        """, "c"),
    ("category", """
        MATCH (p:Product {id: $id})-[:BELONGS_TO]->(:Category)<-[:BELONGS_TO]-(q:Product)
        RETURN q.id AS id, q.price AS price ORDER BY price, id LIMIT 10
        """, "p"),
    ("influencer", """
        MATCH (c:Customer {id: $id})-[:FOLLOWS]->(:Influencer)<-[:PROMOTED_BY]-(p:Product)
        RETURN p.id AS id, count(*) AS n ORDER BY n DESC, id LIMIT 10
        """, "c"),
    ("copurchase", """
        MATCH (c:Customer {id: $id})-[:PURCHASED]->(p:Product)<-[:PURCHASED]-(o:Customer)-[:PURCHASED]->(rec:Product)
        WHERE NOT (c)-[:PURCHASED]->(rec)
        RETURN rec.id AS id, count(*) AS score ORDER BY score DESC, id LIMIT 10
        """, "c"),
    ("count label", "MATCH (c:Customer) RETURN count(c) AS n", nil),
    ("count type", "MATCH ()-[r:PURCHASED]->() RETURN count(r) AS n", nil),
    ("count all", "MATCH ()-[r]->() RETURN count(r) AS n", nil),
    ("price range", "MATCH (p:Product) WHERE p.price >= 99.0 AND p.price < 100.0 RETURN count(p) AS n", nil),
    // No index on either key: a filtered label scan over every customer (the cost per node checked).
    ("filtered scan", "MATCH (c:Customer) WHERE c.age = 30 AND c.country = 'Germany' RETURN count(c) AS n", nil),
    // The same scan inside a write transaction (the SET writes the value already there).
    ("filtered write", "MATCH (c:Customer) WHERE c.age = 30 AND c.country = 'Germany' SET c.age = 30 RETURN count(c) AS n", nil),
    ("scan expand", """
        MATCH (c:Customer)-[r:PURCHASED]->(p:Product) WHERE c.age = 30 AND r.quantity > 3
        RETURN count(p) AS n
        """, nil),
]

let workload = allStatements.filter { only?.contains($0.0) ?? true }

let clock = ContinuousClock()
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
func ms(_ x: Double) -> String {
    let r = (x * 1_000_000).rounded() / 1000
    return String(r)
}
func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

var growth: [String: [Double]] = [:]
for purchases in scales {
    let config = SyntheticGraphConfig(
        customers: min(1_000_000, purchases / 20), products: min(1_000_000, purchases / 50), purchases: purchases)
    let db = Database()
    var t = clock.now
    try db.graph.write { txn in _ = try SyntheticGraphGenerator.run(config, into: &txn) }
    let load = seconds(clock.now - t)
    _ = try db.query("CREATE INDEX product_price IF NOT EXISTS FOR (p:Product) ON (p.price)")
    print("== synthetic \(purchases) purchases: \(config.customers) customers, \(config.products) products, generated in \(ms(load / 1000)) s")
    var rng = UInt64(2024)
    func draw(_ n: Int) -> Int {
        rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((rng >> 33) % UInt64(n)) + 1
    }
    print("| statement | p50 ms | p99 ms | max ms | rows per call |")
    print("|---|---|---|---|---|")
    for (name, text, parameter) in workload {
        let ids: [Value] = (0..<samples).map { _ in
            switch parameter {
            case "c": .string("C\(draw(config.customers))")
            case "p": .string("P\(draw(config.products))")
            default: .null
            }
        }
        for id in ids.prefix(20) { _ = try db.query(text, parameters: ["id": id]) }
        var times: [Double] = []
        var rows = 0
        for id in ids {
            t = clock.now
            let r = try db.query(text, parameters: ["id": id])
            times.append(seconds(clock.now - t))
            rows += r.rows.count
        }
        times.sort()
        growth[name, default: []].append(percentile(times, 0.5))
        print("| \(name) | \(ms(percentile(times, 0.5))) | \(ms(percentile(times, 0.99))) | \(ms(times.last!)) | \(Double(rows) / Double(ids.count)) |")
    }
}
if scales.count > 1 {
    print("\n| statement | " + scales.map { "p50 at \($0)" }.joined(separator: " | ") + " | last / first |")
    print("|---|" + scales.map { _ in "---|" }.joined() + "---|")
    for (name, _, _) in workload {
        let g = growth[name]!
        print("| \(name) | " + g.map(ms).joined(separator: " | ") + " | \(String(format2(g.last! / g.first!)))× |")
    }
}

func format2(_ x: Double) -> String {
    let r = Int((x * 100).rounded())
    return "\(r / 100).\(r % 100 < 10 ? "0" : "")\(r % 100)"
}
