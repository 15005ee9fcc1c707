import CypherRuntime
import Engine
import Foundation
import Synchronization
import Testing

@testable import QueryServer

/// A statement that qualified to run on the request's thread and then meets parameters that make it heavy is
/// stopped there at `CheapStatements.overrun` and finished on a statement thread, with the right answer. (The
/// tests mark their task as a request on its event loop, where `LoopBoundHTTP1Channel` runs requests.)
@Suite struct InlineStatementTests {
    static func runner() -> StatementRunner {
        StatementRunner(
            database: Database(), name: "neo4j",
            admission: QueryAdmission(.init(lightWorkers: 4, heavyWorkers: 2, maxQueued: 16, heavyAfter: .milliseconds(200))),
            memoryPool: MemoryPool(limit: 1 << 30), configuration: ServerConfiguration())
    }

    /// Cheap at a small `$n`, heavy at a large one.
    static let text = "UNWIND range(1, $n) AS i RETURN count(i) AS c"

    /// A runner on which `text` has run cheaply until it qualified (the first run parses and plans, which may
    /// pass `cheap` on a debug build and start the count again).
    static func qualifiedRunner() async throws -> StatementRunner {
        let runner = runner()
        for _ in 0..<20 where !runner.cheapStatements.mayInline(text, parameters: ["n"], database: runner.database) {
            let r = try await runner.query(text, parameters: ["n": .int(10)])
            #expect(r.rows == [[.int(10)]])
        }
        #expect(runner.cheapStatements.mayInline(text, parameters: ["n"], database: runner.database))
        return runner
    }

    @Test func aCheapStatementThatTurnsHeavyLeavesTheRequestThreadAtTheOverrun() async throws {
        try await CheapStatements.$onEventLoop.withValue(true) { try await heavyAfterCheap() }
    }

    func heavyAfterCheap() async throws {
        let runner = try await Self.qualifiedRunner()
        let text = Self.text
        // The probe runs at every checkpoint of the statement, on the thread that runs it.
        let seen = Mutex<[(thread: UInt, at: ContinuousClock.Instant)]>([])
        let probe = QueryCancellation {
            let thread = UInt(pthread_self())
            let now = ContinuousClock.now
            seen.withLock { $0.append((thread: thread, at: now)) }
            return false
        }
        let n = 300_000
        let r = try await runner.query(text, parameters: ["n": .int(Int64(n))], cancellation: probe)
        #expect(r.rows == [[.int(Int64(n))]])
        let calls = seen.withLock { $0 }
        let threads = calls.reduce(into: [UInt]()) { if !$0.contains($1.thread) { $0.append($1.thread) } }
        #expect(threads.count == 2, "ran on \(threads.count) thread(s): the inline run was not stopped")
        if threads.count == 2 {
            let inline = calls.filter { $0.thread == threads[0] }
            let held = inline.last!.at - inline.first!.at
            #expect(held < .milliseconds(100), "the request's thread was held \(held)")
        }
        #expect(!runner.cheapStatements.mayInline(text, parameters: ["n"], database: runner.database))
    }

    @Test func aClientCancellationStillStopsAnInlineStatement() async throws {
        try await CheapStatements.$onEventLoop.withValue(true) { try await cancelledInline() }
    }

    func cancelledInline() async throws {
        let runner = try await Self.qualifiedRunner()
        let text = Self.text
        let gone = QueryCancellation()
        gone.cancel()
        await #expect(throws: (any Error).self) {
            try await runner.query(text, parameters: ["n": .int(300_000)], cancellation: gone)
        }
    }
}
