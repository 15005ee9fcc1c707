import Engine
import Foundation
import Logging
import Persistence

extension Ignitabull.Serve {
    /// Checkpoints the database in the background while serving: every `seconds`, when at least
    /// `entries` log entries were written since the last one, it saves the vector indexes and
    /// compacts the mutation log past every reader (`Database.checkpoint()`). On its own thread:
    /// saving an index file is blocking work.
    final class Checkpointer: Sendable {
        private let stopped = NSCondition()
        nonisolated(unsafe) private var stopping = false

        init(_ db: Database, every seconds: Double, entries: Int64, logger: Logger) {
            guard let storage = db.storage, seconds > 0 else { return }
            Thread.detachNewThread { [self] in
                var last = storage.lastSequence
                while waitOrStop(seconds) {
                    let now = storage.lastSequence
                    guard now - last >= entries else { continue }
                    do {
                        let r = try db.checkpoint()
                        last = r.logEnd
                        logger.info(
                            "checkpoint: \(r.indexesSaved) vector index(es) saved, \(r.logEntriesRemoved) log entries compacted; \(r.logDescription)")
                    } catch {
                        logger.error("checkpoint failed: \(error)")
                    }
                }
            }
        }

        /// Sleeps `seconds`; false once `stop()` was called.
        private func waitOrStop(_ seconds: Double) -> Bool {
            stopped.lock()
            defer { stopped.unlock() }
            let deadline = Date(timeIntervalSinceNow: seconds)
            while !stopping { if !stopped.wait(until: deadline) { break } }
            return !stopping
        }

        func stop() {
            stopped.lock()
            stopping = true
            stopped.broadcast()
            stopped.unlock()
        }
    }
}
