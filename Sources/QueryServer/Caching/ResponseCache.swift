import Engine
import Hummingbird
import Synchronization

/// Encoded JSON bodies of the read-only recommendation routes, keyed by the request's path and
/// query and tagged with the `ResultVersion` they were computed at.
///
/// A hit needs the same path and query *and* the same current version, so any write to the graph,
/// a new recommender model or a change to a vector index makes older entries unreachable: a cached
/// answer is always the answer the route would compute now. Entries live in shards (one lock each)
/// within a byte budget; a full shard drops entries of older versions first, then arbitrary ones,
/// until it is at three quarters of its share. A budget of 0 turns the cache off.
final class ResponseCache: Sendable {
    private struct Entry {
        let version: ResultVersion
        let body: ByteBuffer
    }

    private struct Shard: ~Copyable {
        var entries: [String: Entry] = [:]
        var bytes = 0
    }

    private final class Lock: Sendable {
        let shard = Mutex(Shard())
    }

    private let shards: [Lock]
    private let shardBudget: Int
    private let hitCount = Atomic<Int>(0)
    private let missCount = Atomic<Int>(0)

    /// - Parameter budget: the most bytes of keys and bodies kept (0: no caching).
    init(budget: Int) {
        let n = budget > 0 ? 16 : 0
        shards = (0..<n).map { _ in Lock() }
        shardBudget = n > 0 ? budget / n : 0
    }

    var isEnabled: Bool { !shards.isEmpty }
    var hits: Int { hitCount.load(ordering: .relaxed) }
    var misses: Int { missCount.load(ordering: .relaxed) }
    /// Bytes held now.
    var size: Int { shards.reduce(0) { total, l in total + l.shard.withLock { $0.bytes } } }

    private func lock(for key: String) -> Lock {
        shards[Int(UInt(bitPattern: key.hashValue) % UInt(shards.count))]
    }

    /// The cached body of `key` at `version`, if there is one.
    func body(for key: String, at version: ResultVersion) -> ByteBuffer? {
        guard isEnabled else { return nil }
        let found = lock(for: key).shard.withLock { s -> ByteBuffer? in
            guard let e = s.entries[key], e.version == version else { return nil }
            return e.body
        }
        if found == nil {
            missCount.add(1, ordering: .relaxed)
        } else {
            hitCount.add(1, ordering: .relaxed)
        }
        return found
    }

    /// Keeps `body` as the answer to `key` at `version` (unless it alone exceeds a shard's share).
    func store(_ body: ByteBuffer, for key: String, at version: ResultVersion) {
        guard isEnabled else { return }
        let cost = Self.cost(key, body)
        guard cost <= shardBudget / 4 else { return }
        let budget = shardBudget
        lock(for: key).shard.withLock { s in
            if let old = s.entries.updateValue(Entry(version: version, body: body), forKey: key) {
                s.bytes -= Self.cost(key, old.body)
            }
            s.bytes += cost
            guard s.bytes > budget else { return }
            var drop = s.entries.filter { $0.value.version != version }.map(\.key)
            var left = s.bytes - drop.reduce(0) { $0 + Self.cost($1, s.entries[$1]!.body) }
            if left > budget * 3 / 4 {
                for (k, e) in s.entries where e.version == version && k != key {
                    drop.append(k)
                    left -= Self.cost(k, e.body)
                    if left <= budget * 3 / 4 { break }
                }
            }
            for k in drop {
                if let e = s.entries.removeValue(forKey: k) { s.bytes -= Self.cost(k, e.body) }
            }
        }
    }

    private static func cost(_ key: String, _ body: ByteBuffer) -> Int {
        key.utf8.count + body.readableBytes + 64
    }
}
