import Synchronization

/// Limits per API key: requests per second (a token bucket holding one second's worth) and requests in
/// flight at once. A request over either gets 429 with `Retry-After`; the counters feed `/metrics`.
public final class KeyLimiter: Sendable {
    struct Bucket {
        var tokens: Double
        var refilled: ContinuousClock.Instant
        var inFlight = 0
    }

    private let buckets = Mutex<[String: Bucket]>([:])
    private let clock = ContinuousClock()
    private let rateRefusals = Atomic<Int>(0)
    private let concurrencyRefusals = Atomic<Int>(0)

    /// Requests refused for a key's rate since the start.
    public var rateLimited: Int { rateRefusals.load(ordering: .relaxed) }
    /// Requests refused for a key's requests in flight since the start.
    public var concurrencyLimited: Int { concurrencyRefusals.load(ordering: .relaxed) }

    public init() {}

    /// Admits one request of `principal` (always, when it has no limits); the caller must `leave` after an
    /// admitted request.
    /// - Throws: `limitExceeded` with `retryAfter` seconds.
    public func enter(_ principal: Principal) throws(AccessError) {
        guard let limits = principal.limits else { return }
        let now = clock.now
        let refusal: AccessError? = buckets.withLock { all in
            let rate = Double(limits.requestsPerSecond ?? Int.max)
            var b = all[principal.name] ?? Bucket(tokens: rate, refilled: now)
            let gap = b.refilled.duration(to: now).components
            let elapsed = Double(gap.seconds) + Double(gap.attoseconds) / 1e18
            b.tokens = min(rate, b.tokens + elapsed * rate)
            b.refilled = now
            if let max = limits.maxConcurrent, b.inFlight >= max {
                all[principal.name] = b
                return AccessError(.limitExceeded, "This key already has \(max) requests in flight, its limit.", retryAfter: 1)
            }
            if limits.requestsPerSecond != nil, b.tokens < 1 {
                all[principal.name] = b
                return AccessError(
                    .limitExceeded, "This key's limit of \(limits.requestsPerSecond ?? 0) requests per second is reached.",
                    retryAfter: 1)
            }
            if limits.requestsPerSecond != nil { b.tokens -= 1 }
            b.inFlight += 1
            all[principal.name] = b
            return nil
        }
        if let refusal {
            if refusal.message.contains("in flight") {
                concurrencyRefusals.add(1, ordering: .relaxed)
            } else {
                rateRefusals.add(1, ordering: .relaxed)
            }
            throw refusal
        }
    }

    /// Ends a request `enter` admitted.
    public func leave(_ principal: Principal) {
        guard principal.limits != nil else { return }
        buckets.withLock { all in all[principal.name]?.inFlight -= 1 }
    }
}
