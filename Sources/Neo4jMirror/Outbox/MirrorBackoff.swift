/// Exponential back-off with jitter: attempt `n` waits a random time between half and all of
/// `min(cap, base · 2ⁿ)` ("equal jitter", after Marc Brooker, "Exponential Backoff And Jitter",
/// AWS Architecture Blog, 2015). The randomness keeps several mirrors from retrying in step; the
/// lower half keeps a retry from following immediately, so a down target never sees a busy loop.
struct MirrorBackoff {
    let base: Duration
    let cap: Duration

    func delay(attempt: Int) -> Duration {
        let baseMs = max(1, Self.milliseconds(base))
        let capMs = max(baseMs, Self.milliseconds(cap))
        let ceiling = attempt >= 30 ? capMs : min(capMs, baseMs << attempt)
        let half = ceiling / 2
        return .milliseconds(half + Int64.random(in: 0...max(0, ceiling - half)))
    }

    static func milliseconds(_ d: Duration) -> Int64 {
        d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
    }
}
