import CypherRuntime
import Foundation
import HTTPTypes
import Synchronization

/// Admission control for Cypher statements: two lanes of worker threads and a bounded queue.
///
/// Every statement starts in the *light* lane (`lightWorkers` threads' worth of slots). A statement that is
/// still running after `heavyAfter` is heavy: at its next checkpoint it gives its light slot back and
/// continues only once it holds one of the `heavyWorkers` slots of the heavy lane (waiting, parked, until one
/// is free or its time limit passes). So heavy statements can never hold more than `heavyWorkers` cores, and
/// light statements (`RETURN 1`, key lookups) always find the light lane free within `heavyAfter`. Statements
/// run on threads of their own (`QueryThreads`, reused), not on Swift's cooperative pool or a dispatch queue (both are as wide as the
/// machine has cores, which two heavy statements fill). Statements waiting for a light slot queue in order;
/// beyond `maxQueued` statements in flight above the two lanes' capacity, a request gets 503 with
/// `Retry-After`.
final class QueryAdmission: Sendable {
    struct Settings: Sendable {
        var lightWorkers: Int
        var heavyWorkers: Int
        var maxQueued: Int
        var heavyAfter: Duration
    }

    let settings: Settings

    private struct State {
        var light = 0
        var heavy = 0
        var inFlight = 0
        var lightWaiters: [CheckedContinuation<Void, Never>] = []
        var heavyWaiters = 0
        var rejected = 0
    }

    private let state = Mutex(State())
    /// Threads of statements waiting for a heavy slot park here.
    private let heavyLane: DispatchSemaphore

    init(_ settings: Settings) {
        self.settings = settings
        heavyLane = DispatchSemaphore(value: settings.heavyWorkers)
    }

    /// Statements running or waiting, light slots in use, heavy slots in use, statements refused with 503.
    var counts: (inFlight: Int, light: Int, heavy: Int, rejected: Int) {
        state.withLock { ($0.inFlight, $0.light, $0.heavy, $0.rejected) }
    }

    /// 503 with `Retry-After: 1`: the queue is full.
    static let overloaded = APIError(
        .serviceUnavailable, code: "ServiceUnavailable",
        "the server is busy: too many Cypher statements are running or queued; retry shortly",
        headers: [.retryAfter: "1"])

    /// Runs `body` under admission control, with `limits` extended by the heavy-lane hook.
    func run<T: Sendable>(
        limits: QueryLimits, _ body: @escaping @Sendable (QueryLimits) throws -> T
    ) async throws -> T {
        let capacity = settings.lightWorkers + settings.heavyWorkers + settings.maxQueued
        let admitted = state.withLock { s -> Bool in
            guard s.inFlight < capacity else {
                s.rejected += 1
                return false
            }
            s.inFlight += 1
            return true
        }
        guard admitted else { throw Self.overloaded }
        await acquireLight()
        let ticket = Ticket()
        var limits = limits
        limits.slowAfter = settings.heavyAfter
        let timeLimit = limits.timeLimit
        limits.onSlow = { [self] in
            // Once per admission, though every statement of a transaction (and every executor of a statement)
            // reports itself slow: a second move would wait for the slot its own statement holds.
            guard ticket.lane.compareExchange(expected: 1, desired: 3, ordering: .relaxed).exchanged else { return }
            let deadline = timeLimit.map { DispatchTime.now() + .nanoseconds(Self.nanoseconds($0)) } ?? .distantFuture
            releaseLight()
            state.withLock { $0.heavyWaiters += 1 }
            let got = heavyLane.wait(timeout: deadline) == .success
            state.withLock {
                $0.heavyWaiters -= 1
                if got { $0.heavy += 1 }
            }
            ticket.lane.store(got ? 2 : 0, ordering: .relaxed)
        }
        let statementLimits = limits
        return try await withCheckedThrowingContinuation { continuation in
            QueryThreads.shared.run { [self] in
                let result = Result { try body(statementLimits) }
                switch ticket.lane.load(ordering: .relaxed) {
                case 1: releaseLight()
                case 2:
                    state.withLock { $0.heavy -= 1 }
                    heavyLane.signal()
                default: break
                }
                state.withLock { $0.inFlight -= 1 }
                continuation.resume(with: result)
            }
        }
    }

    /// Runs `body` on the calling thread when a light slot is free at once, or returns nil (the caller then
    /// queues through `run`). For statements known to be cheap (`CheapStatements`): the hop to a statement
    /// thread and back costs more than they do. An inline statement never moves to the heavy lane (that move
    /// can block, and the caller's thread is not the statement's own), but keeps its time and memory limits.
    func runInline<T>(limits: QueryLimits, _ body: (QueryLimits) throws -> T) throws -> T? {
        let admitted = state.withLock { s -> Bool in
            guard s.light < settings.lightWorkers, s.lightWaiters.isEmpty else { return false }
            s.light += 1
            s.inFlight += 1
            return true
        }
        guard admitted else { return nil }
        defer {
            releaseLight()
            state.withLock { $0.inFlight -= 1 }
        }
        var limits = limits
        limits.onSlow = nil
        return try body(limits)
    }

    private static func nanoseconds(_ d: Duration) -> Int {
        let (s, atto) = d.components
        return Int(clamping: s) &* 1_000_000_000 &+ Int(atto / 1_000_000_000)
    }

    private func acquireLight() async {
        let now = state.withLock { s -> Bool in
            if s.light < settings.lightWorkers {
                s.light += 1
                return true
            }
            return false
        }
        if now { return }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { s -> Bool in
                // A slot may have been freed between the two locks.
                if s.light < settings.lightWorkers {
                    s.light += 1
                    return true
                }
                s.lightWaiters.append(c)
                return false
            }
            if resumeNow { c.resume() }
        }
    }

    /// Gives a light slot back, handing it straight to the first waiter if there is one.
    private func releaseLight() {
        let next = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if !s.lightWaiters.isEmpty { return s.lightWaiters.removeFirst() }
            s.light -= 1
            return nil
        }
        next?.resume()
    }

    /// Which slot a statement holds: 1 light, 2 heavy, 0 none (it timed out waiting for a heavy slot); 3 while
    /// its thread moves from the light lane to the heavy one.
    private final class Ticket: Sendable {
        let lane = Atomic<Int>(1)
    }
}
