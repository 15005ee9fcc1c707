import Foundation
import Synchronization
import Testing

@testable import CypherRuntime

/// Statement threads are reused, never shared: a job waits for no other job, an idle thread takes the next job,
/// and threads idle past their time exit.
@Suite struct QueryThreadsTests {
    /// Runs `job` on `pool` and waits for it.
    func runAndWait(_ pool: QueryThreads, _ job: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        pool.run {
            job()
            done.signal()
        }
        done.wait()
    }

    @Test func sequentialJobsReuseOneThread() {
        let pool = QueryThreads(idleSeconds: 30)
        let threads = Mutex(Set<String>())
        for _ in 0..<50 {
            runAndWait(pool) { threads.withLock { _ = $0.insert("\(pthread_self())") } }
            // The worker parks itself just after the job; give it the moment to do so.
            for _ in 0..<200 where pool.started == 1 && !pool.hasIdleWorker { usleep(100) }
        }
        #expect(pool.started <= 2, "\(pool.started) threads for 50 sequential jobs")
        #expect(threads.withLock { $0.count } == pool.started)
    }

    @Test func concurrentJobsEachGetAThread() {
        let pool = QueryThreads(idleSeconds: 30)
        // Four jobs that can only finish together: each waits until all four run.
        let arrived = Atomic<Int>(0)
        let group = DispatchGroup()
        for _ in 0..<4 {
            group.enter()
            pool.run {
                arrived.add(1, ordering: .relaxed)
                while arrived.load(ordering: .relaxed) < 4 { usleep(100) }
                group.leave()
            }
        }
        #expect(group.wait(timeout: .now() + 10) == .success)
        #expect(pool.started == 4)
    }

    @Test func idleThreadsExit() {
        let pool = QueryThreads(idleSeconds: 0.05)
        runAndWait(pool) {}
        usleep(300_000)
        #expect(!pool.hasIdleWorker)
        runAndWait(pool) {}
        #expect(pool.started == 2)
    }
}
