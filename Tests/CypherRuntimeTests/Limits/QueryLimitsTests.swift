import Foundation
import GraphStore
import Synchronization
import Testing

@testable import CypherRuntime

/// The time limit, cancellation and the memory budget reach inside functions and loops.
@Suite struct QueryLimitsTests {
    func expectError(
        _ code: CypherRuntimeError.Code, _ query: String, limits: QueryLimits, within: Duration = .seconds(5)
    ) {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try CypherEngine.execute(query, on: GraphStore(), limits: limits)
            Issue.record("expected \(code) for \(query)")
        } catch let e as CypherRuntimeError {
            #expect(e.code == code, "\(query): \(e)")
        } catch {
            Issue.record("\(query): \(error)")
        }
        #expect(clock.now - start < within, "\(query) took \(clock.now - start)")
    }

    @Test func doublingAStringGetsTheMemoryError() {
        expectError(
            .memoryLimit, "RETURN size(reduce(s = 'x', i IN range(1, 34) | s + s)) AS n",
            limits: QueryLimits(memoryBytes: 64 << 20))
        // Lists too, and with the default limit.
        expectError(.memoryLimit, "RETURN size(reduce(l = [1], i IN range(1, 40) | l + l)) AS n", limits: QueryLimits())
        expectError(.memoryLimit, "RETURN size(range(1, 9223372036854775807)) AS n", limits: QueryLimits())
        expectError(
            .memoryLimit, "RETURN size(replace(reduce(s = 'x', i IN range(1, 20) | s + s), 'x', 'yyyyyyyyyy')) AS n",
            limits: QueryLimits(memoryBytes: 8 << 20))
    }

    @Test func theMemoryErrorIsNeo4jsCode() {
        #expect("\(CypherRuntimeError.Code.memoryLimit)" == "TransientError.General.MemoryPoolOutOfMemoryError")
    }

    @Test func intermediateRowsAreCounted() throws {
        // 200,000 rows of about 112 bytes pass a 64 MiB limit but not a 16 MiB one.
        let q = "UNWIND range(1, 200000) AS i WITH i WHERE i > 0 RETURN count(*) AS n"
        let r = try CypherEngine.execute(q, on: GraphStore(), limits: QueryLimits(memoryBytes: 64 << 20))
        #expect(r.rows == [[.int(200_000)]])
        expectError(.memoryLimit, q, limits: QueryLimits(memoryBytes: 16 << 20))
    }

    @Test func aHeavyQueryHandsTheFreedMemoryBackAfterItEnds() async throws {
        // About 22 MB of intermediate rows: past the 16 MiB mark, so the allocator is trimmed a second later.
        let before = QueryMemory.trims.load(ordering: .relaxed)
        let q = "UNWIND range(1, 200000) AS i WITH i WHERE i > 0 RETURN count(*) AS n"
        _ = try CypherEngine.execute(q, on: GraphStore(), limits: QueryLimits(memoryBytes: 64 << 20))
        for _ in 0..<50 where QueryMemory.trims.load(ordering: .relaxed) == before {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(QueryMemory.trims.load(ordering: .relaxed) > before)
        #if os(Linux)
            #expect(QueryMemory.canTrim, "the CMemory shim must reach glibc's malloc_trim")
        #endif
    }

    @Test func theSharedPoolBoundsConcurrentQueriesAndIsGivenBack() throws {
        let pool = MemoryPool(limit: 16 << 20)
        let q = "UNWIND range(1, 200000) AS i WITH i WHERE i > 0 RETURN count(*) AS n"
        expectError(.memoryLimit, q, limits: QueryLimits(memoryBytes: 1 << 30, memoryPool: pool))
        #expect(pool.reserved == 0)
        _ = try CypherEngine.execute(
            "UNWIND range(1, 1000) AS i RETURN i", on: GraphStore(),
            limits: QueryLimits(memoryPool: pool))
        #expect(pool.reserved == 0)
    }

    @Test func timeLimitStopsLoopsInsideFunctions() {
        let slow = QueryLimits(budget: .max, timeLimit: .milliseconds(200))
        // reduce over string building, nested list comprehensions, range and quantifiers.
        expectError(
            .resourceLimit, "RETURN size(reduce(s = '', i IN range(1, 3000000) | s + 'ab')) AS n", limits: slow)
        expectError(
            .resourceLimit, "RETURN size([x IN range(1, 3000) | size([y IN range(1, 3000) WHERE y % 7 = x % 7])]) AS n",
            limits: slow)
        expectError(.resourceLimit, "RETURN any(x IN range(1, 5000000) WHERE x < 0) AS n", limits: slow)
        expectError(
            .resourceLimit, "RETURN size(reduce(l = [], i IN range(1, 200000) | l + [i])) AS n",
            limits: QueryLimits(budget: .max, timeLimit: .milliseconds(200), memoryBytes: 1 << 30))
    }

    @Test func cancellationStopsARunningQuery() async throws {
        let cancellation = QueryCancellation()
        let text = String(repeating: "ab", count: 1_000_000)
        let started = Atomic<Bool>(false)
        // When the query stopped, taken on its own thread (resuming the awaiting task can take seconds more
        // when the whole suite shares two cores).
        let stoppedAt = Mutex<ContinuousClock.Instant?>(nil)
        // On a thread of its own: the test runner's cooperative threads may all be busy with other tests.
        async let outcome: CypherRuntimeError? = withCheckedContinuation { continuation in
            Thread.detachNewThread {
                started.store(true, ordering: .relaxed)
                do {
                    _ = try CypherEngine.execute(
                        "UNWIND range(1, 1000) AS i RETURN $s =~ '(a|b|ab)*c' AS m", parameters: ["s": .string(text)],
                        on: GraphStore(), limits: QueryLimits(budget: .max, cancellation: cancellation))
                    continuation.resume(returning: nil)
                } catch {
                    stoppedAt.withLock { $0 = ContinuousClock.now }
                    continuation.resume(returning: error as? CypherRuntimeError)
                }
            }
        }
        while !started.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(10)) }
        try await Task.sleep(for: .milliseconds(200))
        let clock = ContinuousClock()
        let cancelledAt = clock.now
        cancellation.cancel()
        let error = await outcome
        #expect(error?.code == .cancelled)
        let stopped = stoppedAt.withLock { $0 } ?? clock.now
        // Without a check inside the match, the 1,000 matches over 2M characters run for minutes.
        #expect(stopped - cancelledAt < .seconds(3), "stopped \(stopped - cancelledAt) after cancel()")
    }

    @Test func theSlowHookRunsOnceForLongQueriesOnly() throws {
        let calls = Atomic<Int>(0)
        let hook: @Sendable () -> Void = { calls.add(1, ordering: .relaxed) }
        _ = try CypherEngine.execute(
            "RETURN 1", on: GraphStore(), limits: QueryLimits(slowAfter: .milliseconds(50), onSlow: hook))
        #expect(calls.load(ordering: .relaxed) == 0)
        _ = try CypherEngine.execute(
            "RETURN size([x IN range(1, 2000000) WHERE x % 3 = 0]) AS n", on: GraphStore(),
            limits: QueryLimits(slowAfter: .milliseconds(1), onSlow: hook))
        #expect(calls.load(ordering: .relaxed) == 1)
    }
}
