import CypherRuntime
import Engine
import Foundation
import GraphStore
import Persistence
import Synchronization


/// The schema form of `write-loop` (`--schema`), for the crash loop over indexes: one thread writes
/// `(:Item {key, ver, emb_a, emb_b})` nodes through Cypher (`ack <key>`), while another, in rounds, drops
/// and recreates a vector index on `emb_a` or `emb_b` and a range index on `key` (`index <name>` once a
/// CREATE returned, `dropping`/`dropped <name>` around a DROP) and re-embeds existing items
/// (`set <key> <ver>`). Every indexed property is written while indexes are being built.
enum SchemaWriteLoop {
    static let dimensions = 16

    /// The deterministic vector of item `key` at version `ver` for property `which` (0: emb_a, 1: emb_b).
    static func vector(_ key: Int64, _ ver: Int64, _ which: Int) -> [Double] {
        var state = UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: ver) << 20 ^ UInt64(which)
        return (0 ..< dimensions).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53) * 2 - 1
        }
    }

    static func parameter(_ v: [Double]) -> Value { .list(v.map(Value.float)) }

    static func int(_ db: Database, _ query: String) throws -> Int64? {
        if case .int(let i)? = try db.query(query).rows.first?.first { return i }
        return nil
    }

    /// Runs until killed; a new directory first gets `seedItems` items, in transactions of 1,000 (so that
    /// vector indexes are large enough to be trained, not only searched exactly).
    static func run(_ db: Database, seedItems: Int) throws {
        var first = try int(db, "MATCH (n:Item) RETURN max(n.key)").map { $0 + 1 } ?? 0
        while first < Int64(seedItems) {
            let keys = first ..< min(Int64(seedItems), first + 1000)
            _ = try db.query(
                "UNWIND range(0, size($k) - 1) AS i CREATE (:Item {key: $k[i], ver: 0, emb_a: $a[i], emb_b: $b[i]})",
                parameters: [
                    "k": .list(keys.map(Value.int)), "a": .list(keys.map { parameter(vector($0, 0, 0)) }),
                    "b": .list(keys.map { parameter(vector($0, 0, 1)) }),
                ])
            Output.write(1, keys.map { "ack \($0)\n" }.joined())
            first = keys.upperBound
        }
        let nextKey = KeyCounter(first)
        let schema = Thread {
            do { try rounds(db, nextKey: nextKey) } catch { Output.write(2, "schema: \(error)\n"); exit(1) }
        }
        schema.start()
        while true {
            let key = nextKey.take()
            _ = try db.query(
                "CREATE (:Item {key: $k, ver: 0, emb_a: $a, emb_b: $b})",
                parameters: ["k": .int(key), "a": parameter(vector(key, 0, 0)), "b": parameter(vector(key, 0, 1))])
            Output.write(1, "ack \(key)\n")
        }
    }

    /// Rounds of schema changes and re-embeddings, numbered on from the last round stored (names are never reused).
    static func rounds(_ db: Database, nextKey: KeyCounter) throws {
        var round = try int(db, "MATCH (r:Round) RETURN max(r.r)") ?? 0
        var rng = SystemRandomNumberGenerator()
        while true {
            round += 1
            _ = try db.query("MERGE (r:Round {id: 0}) SET r.r = $r", parameters: ["r": .int(round)])
            let property = round % 2 == 0 ? "emb_a" : "emb_b"
            for old in db.vectorIndexes.all where old.definition.property == property {
                try drop(db, old.definition.name)
            }
            _ = try db.query(
                "CREATE VECTOR INDEX vec_\(round) FOR (n:Item) ON n.\(property) OPTIONS {indexConfig: {`vector.dimensions`: \(dimensions)}}")
            Output.write(1, "index vec_\(round)\n")
            for old in db.graph.snapshot.propertyIndexes { try drop(db, old.name) }
            _ = try db.query("CREATE RANGE INDEX range_\(round) FOR (n:Item) ON (n.key)")
            Output.write(1, "index range_\(round)\n")
            let top = nextKey.current
            for _ in 0 ..< 20 where top > 0 {
                let key = Int64.random(in: 0 ..< top, using: &rng)
                guard let ver = try db.query("MATCH (n:Item {key: $k}) RETURN n.ver", parameters: ["k": .int(key)])
                    .rows.first?.first, case .int(let v) = ver else { continue }
                _ = try db.query(
                    "MATCH (n:Item {key: $k}) SET n.ver = $v, n.emb_a = $a, n.emb_b = $b",
                    parameters: ["k": .int(key), "v": .int(v + 1), "a": parameter(vector(key, v + 1, 0)), "b": parameter(vector(key, v + 1, 1))])
                Output.write(1, "set \(key) \(v + 1)\n")
            }
        }
    }

    static func drop(_ db: Database, _ name: String) throws {
        Output.write(1, "dropping \(name)\n")
        _ = try db.query("DROP INDEX \(name)")
        Output.write(1, "dropped \(name)\n")
    }
}

/// The next item key, shared by the two threads.
final class KeyCounter: Sendable {
    private let next: Atomic<Int64>
    init(_ first: Int64) { next = Atomic(first) }
    func take() -> Int64 { next.add(1, ordering: .relaxed).oldValue }
    var current: Int64 { next.load(ordering: .relaxed) }
}
