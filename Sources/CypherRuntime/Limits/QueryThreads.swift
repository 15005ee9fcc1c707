import Foundation
import Synchronization

/// The threads statements run on: each job gets a thread to itself (8 MiB of stack, for deep expressions), as
/// a thread started for it would, but a thread that finished a job waits for the next one instead of exiting.
/// Starting a thread (its stack mapped, then unmapped at exit) costs more than a short statement itself; a
/// parked thread is woken with one signal. Threads idle for `idleSeconds` exit, so a burst leaves nothing behind.
public final class QueryThreads: Sendable {
    /// The threads every statement of this process shares.
    public static let shared = QueryThreads()

    private final class Worker: Sendable {
        let wake = DispatchSemaphore(value: 0)
        let job = Mutex<(@Sendable () -> Void)?>(nil)
    }

    private struct State {
        var idle: [Worker] = []
        var started = 0
    }

    private let state = Mutex(State())
    private let idleSeconds: Double
    private let stackSize: Int

    public init(idleSeconds: Double = 30, stackSize: Int = 8 << 20) {
        self.idleSeconds = idleSeconds
        self.stackSize = stackSize
    }

    /// Threads started since this pool was made (a measure of reuse for tests).
    public var started: Int { state.withLock { $0.started } }

    /// Whether a thread is parked, waiting for a job.
    var hasIdleWorker: Bool { state.withLock { !$0.idle.isEmpty } }

    /// Runs `job` on a thread of its own: a parked one when there is one, else a new one.
    public func run(_ job: @escaping @Sendable () -> Void) {
        let parked = state.withLock { s -> Worker? in
            if let worker = s.idle.popLast() { return worker }
            s.started += 1
            return nil
        }
        if let worker = parked {
            worker.job.withLock { $0 = job }
            worker.wake.signal()
            return
        }
        let worker = Worker()
        worker.job.withLock { $0 = job }
        let thread = Thread { [self] in loop(worker) }
        thread.stackSize = stackSize
        thread.start()
    }

    private func loop(_ worker: Worker) {
        while true {
            if let job = worker.job.withLock({ j -> (@Sendable () -> Void)? in defer { j = nil }; return j }) { job() }
            state.withLock { $0.idle.append(worker) }
            if worker.wake.wait(timeout: .now() + idleSeconds) == .timedOut {
                let retired = state.withLock { s -> Bool in
                    guard let i = s.idle.firstIndex(where: { $0 === worker }) else { return false }
                    s.idle.remove(at: i)
                    return true
                }
                if retired { return }
                // Handed a job just as the wait ended: its signal is on the way.
                worker.wake.wait()
            }
        }
    }
}
