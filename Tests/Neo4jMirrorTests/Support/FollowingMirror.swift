import Foundation
import Neo4jMirror
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A mirror following the log on a thread of its own, as `serve --mirror-to` runs it, while a test writes
/// and injects faults.
final class FollowingMirror: Sendable {
    let mirror: Neo4jMirror
    private let failure = Mutex<MirrorError?>(nil)
    private let done = Atomic<Bool>(false)

    init(_ mirror: Neo4jMirror) {
        self.mirror = mirror
        Thread.detachNewThread { [self] in
            do throws(MirrorError) { try mirror.run(follow: true) } catch {
                if error.code != .cancelled { failure.withLock { $0 = error } }
            }
            done.store(true, ordering: .relaxed)
        }
    }

    /// Waits until the mirror has caught up with the log (or `within` passed, or it stopped on an error),
    /// then stops it. - Returns: the error that stopped it, if any.
    func catchUpAndStop(within: Duration) throws -> MirrorError? {
        let deadline = ContinuousClock.now + within
        while try mirror.status().lagEntries > 0 && ContinuousClock.now < deadline && failure.withLock({ $0 }) == nil {
            usleep(100_000)
        }
        mirror.stop()
        while !done.load(ordering: .relaxed) { usleep(20_000) }
        return failure.withLock { $0 }
    }
}
