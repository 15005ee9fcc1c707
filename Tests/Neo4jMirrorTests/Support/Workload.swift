import CypherRuntime
import Engine
import Persistence

/// A mixed write load on a source graph, through Cypher: creates (single and batched), merges,
/// property sets and removals, label additions and removals, relationship creates, updates and
/// deletes, detach deletes, under a uniqueness constraint. Seeded, so a run can be repeated.
struct Workload {
    private var rng: SplitMix
    private var nextSku = 0
    private var skus: [Int] = []
    private var customers = 0

    init(seed: UInt64) { rng = SplitMix(seed) }

    static func prepare(_ db: Database) throws {
        _ = try db.query("CREATE CONSTRAINT product_sku IF NOT EXISTS FOR (p:Product) REQUIRE p.sku IS UNIQUE")
        _ = try db.query("CREATE INDEX customer_id IF NOT EXISTS FOR (c:Customer) ON (c.id)")
    }

    private mutating func sku() -> Value { skus.isEmpty ? .int(-1) : .int(Int64(skus[rng.below(skus.count)])) }
    private mutating func customer() -> Value { .int(Int64(rng.below(max(1, customers)))) }

    /// Runs `steps` write statements (each one transaction).
    mutating func run(_ db: Database, steps: Int) throws {
        for _ in 0..<steps {
            let pick = rng.below(100)
            switch pick {
            case 0..<14:
                var rows: [Value] = []
                for _ in 0..<(1 + rng.below(12)) {
                    rows.append(.map([
                        "sku": .int(Int64(nextSku)), "price": .float(Double(rng.below(100_000)) / 100),
                        "name": .string("Prod \"\(nextSku)\" é✓\n"), "tags": .list([.string("t\(rng.below(5))"), .string("x")]),
                        "stock": .bool(rng.below(2) == 0),
                    ]))
                    skus.append(nextSku)
                    nextSku += 1
                }
                _ = try db.query(
                    "UNWIND $rows AS r CREATE (p:Product {sku: r.sku, price: r.price, name: r.name, tags: r.tags, stock: r.stock})",
                    parameters: ["rows": .list(rows)])
            case 14..<24:
                let id = Int64(rng.below(customers + 3))
                customers = max(customers, Int(id) + 1)
                _ = try db.query(
                    "MERGE (c:Customer {id: $id}) SET c.visits = coalesce(c.visits, 0) + 1, c.score = $s",
                    parameters: ["id": .int(id), "s": .float(Double(rng.below(1000)) / 7)])
            case 24..<36:
                _ = try db.query(
                    "MATCH (p:Product {sku: $sku}) SET p.price = $price", parameters: ["sku": sku(), "price": .float(Double(rng.below(9999)) / 10)])
            case 36..<40:
                _ = try db.query("MATCH (p:Product {sku: $sku}) REMOVE p.tags", parameters: ["sku": sku()])
            case 40..<46:
                _ = try db.query("MATCH (p:Product {sku: $sku}) SET p:Featured, p.rank = $r", parameters: ["sku": sku(), "r": .int(Int64(pick))])
            case 46..<49:
                _ = try db.query("MATCH (p:Featured {sku: $sku}) REMOVE p:Featured", parameters: ["sku": sku()])
            case 49..<72:
                _ = try db.query(
                    "MATCH (c:Customer {id: $c}) MATCH (p:Product {sku: $sku}) CREATE (c)-[:BOUGHT {qty: $q, note: $n}]->(p)",
                    parameters: ["c": customer(), "sku": sku(), "q": .int(Int64(1 + rng.below(5))), "n": .string("n\(rng.below(50))")])
            case 72..<78:
                _ = try db.query(
                    "MATCH (:Customer {id: $c})-[r:BOUGHT]->() SET r.qty = r.qty + 1, r.seen = true", parameters: ["c": customer()])
            case 78..<82:
                _ = try db.query("MATCH (:Customer {id: $c})-[r:BOUGHT]->() REMOVE r.note", parameters: ["c": customer()])
            case 82..<88:
                _ = try db.query("MATCH (:Customer {id: $c})-[r:BOUGHT]->() WITH r LIMIT 1 DELETE r", parameters: ["c": customer()])
            case 88..<92:
                _ = try db.query(
                    "MATCH (a:Product {sku: $a}), (b:Product {sku: $b}) MERGE (a)-[r:SIMILAR]->(b) SET r.w = $w",
                    parameters: ["a": sku(), "b": sku(), "w": .float(Double(rng.below(100)) / 100)])
            default:
                guard !skus.isEmpty else { continue }
                let i = rng.below(skus.count)
                let victim = skus.remove(at: i)
                _ = try db.query("MATCH (p:Product {sku: $sku}) DETACH DELETE p", parameters: ["sku": .int(Int64(victim))])
                // Its key is given to a new product in the same transaction now and then.
                if rng.below(3) == 0 {
                    _ = try db.query("CREATE (:Product:Reissued {sku: $sku, price: 1.5})", parameters: ["sku": .int(Int64(victim))])
                    skus.append(victim)
                }
            }
        }
    }

    /// Mutations in the source's log.
    static func mutationCount(_ db: Database) throws -> Int {
        var n = 0
        var after: Int64 = 0
        while true {
            let batch = try db.storage!.mutations(after: after, limit: 4096)
            guard let last = batch.last else { return n }
            n += batch.reduce(0) { $0 + $1.mutations.count }
            after = last.sequence
        }
    }
}

/// SplitMix64: a small seeded generator.
struct SplitMix {
    private var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
}
