import Synchronization

/// Failed logins per source (an IP address): after `freeFailures` failures in a row, the source is locked
/// for `baseLock`, doubling with each further failure up to `maxLock`. A locked source's guesses are refused
/// without hashing anything (429 with `Retry-After`); a success from the source clears its record. Other
/// sources are unaffected.
public final class LoginThrottle: Sendable {
    struct Entry {
        var failures = 0
        var lockedUntil: ContinuousClock.Instant?
        var lastSeen: ContinuousClock.Instant
    }

    public let freeFailures: Int
    public let baseLock: Duration
    public let maxLock: Duration
    private let entries = Mutex<[String: Entry]>([:])
    private let clock = ContinuousClock()
    /// Sources kept at most; the oldest are forgotten beyond this.
    private let capacity = 100_000

    public init(freeFailures: Int = 5, baseLock: Duration = .seconds(1), maxLock: Duration = .seconds(300)) {
        self.freeFailures = freeFailures
        self.baseLock = baseLock
        self.maxLock = maxLock
    }

    /// Seconds `source` must still wait, or nil when it may try now.
    public func wait(_ source: String) -> Int? {
        let now = clock.now
        return entries.withLock { e -> Int? in
            guard let until = e[source]?.lockedUntil, until > now else { return nil }
            let left = now.duration(to: until).components
            return Int(left.seconds) + (left.attoseconds > 0 ? 1 : 0)
        }
    }

    /// Counts a failure from `source`.
    public func failed(_ source: String) {
        let now = clock.now
        entries.withLock { e in
            if e.count >= capacity {
                let cutoff = now - maxLock
                e = e.filter { $0.value.lastSeen > cutoff }
                if e.count >= capacity { e.removeAll() }
            }
            var entry = e[source] ?? Entry(lastSeen: now)
            entry.failures += 1
            entry.lastSeen = now
            let over = entry.failures - freeFailures
            if over >= 0 {
                let lock = baseLock * (1 << min(over, 20))
                entry.lockedUntil = now + min(lock, maxLock)
            }
            e[source] = entry
        }
    }

    /// A success from `source`: forgets its failures.
    public func succeeded(_ source: String) {
        entries.withLock { e in _ = e.removeValue(forKey: source) }
    }
}
