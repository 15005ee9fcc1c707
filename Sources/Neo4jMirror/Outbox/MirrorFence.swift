public import GraphStore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Keeps the target from applying an old request after a newer one.
///
/// A request whose answer never came (a timeout, a cut connection) is sent again, which idempotent
/// statements make harmless. But the first copy may still be on its way: held in a network buffer or a
/// proxy, it can reach the target after the mirror has moved on, and its absolute `SET`s would then
/// overwrite newer values. The fault-injecting proxy in the tests produced exactly that (counts equal,
/// properties older) before this fence existed.
///
/// So every data request starts with a statement on one node per consumer, `(:IgnitabullMirror {consumer})`:
/// it raises the node's `seq` to the request's number, or fails the whole transaction (a division by zero,
/// the one error plain Cypher can raise on a condition) when the node already holds a higher number. The
/// `SET` takes the node's write lock, so requests of one consumer commit one at a time on the target. The
/// same request sent again carries the same number and still applies (its effect is the same); a late
/// copy of an older request changes nothing.
///
/// Numbers are microseconds of the wall clock, kept strictly increasing within the process, so a restarted
/// mirror numbers above everything it sent before. Should the clock go back further than the mirror was
/// down, its requests fail with a message saying so rather than being skipped unnoticed.
public struct MirrorFence: Sendable {
    public static let label = "IgnitabullMirror"
    public let consumer: String

    public init(consumer: String) { self.consumer = consumer }

    /// The constraint that keeps one fence node per consumer (a schema command, sent alone).
    public var constraintStatement: MirrorStatement {
        MirrorStatement(
            "CREATE CONSTRAINT ignitabull_mirror_fence IF NOT EXISTS FOR (f:\(Cypher.name(Self.label))) REQUIRE f.consumer IS UNIQUE",
            schema: true)
    }

    /// `request` with the fence statement for `number` in front.
    public func fenced(_ request: [MirrorStatement], number: Int64) -> [MirrorStatement] {
        let check = MirrorStatement(
            "MERGE (f:\(Cypher.name(Self.label)) {consumer: $consumer}) "
                + "SET f.seq = CASE WHEN coalesce(f.seq, -1) > $fence THEN $fence / (f.seq - f.seq) ELSE $fence END",
            parameters: ["consumer": .string(consumer), "fence": .int(number)])
        return [check] + request
    }

    /// Whether `error` is the fence refusing a request (the target holds a newer number).
    static func refused(_ error: MirrorError) -> Bool {
        error.message.contains("ArithmeticError") || error.message.contains("/ by zero") || error.message.contains("division by zero")
    }
}

/// Request numbers for a fence: wall-clock microseconds, strictly increasing within the process.
final class FenceClock: Sendable {
    private let last = Mutex<Int64>(0)

    func next() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let micros = Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec / 1000)
        return last.withLock { last in
            last = max(last + 1, micros)
            return last
        }
    }
}
