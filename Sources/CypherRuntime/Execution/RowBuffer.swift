import Foundation
import Synchronization

/// The bounded queue between a streaming query's thread (the producer) and its reader: the producer waits
/// while `capacity` rows are waiting to be read, the reader while none are. Closing it (the reader went away)
/// makes the producer's next `put` throw, and `isClosed` stops a producer that is still searching.
final class RowBuffer: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var batches: [[[Value]]] = []
    private var head = 0  // rows of batches[0] already read
    private var buffered = 0
    private var finished = false
    private var failure: (any Error)?
    private let closed = Atomic<Bool>(false)

    init(capacity: Int) { self.capacity = max(1, capacity) }

    var isClosed: Bool { closed.load(ordering: .relaxed) }

    /// Whether the producer has ended (all rows put, failed, or stopped by `close`).
    var isFinished: Bool {
        condition.lock()
        defer { condition.unlock() }
        return finished
    }

    /// Adds a batch, waiting while the buffer is full. Throws `cancelled` once the reader has closed it.
    func put(_ rows: [[Value]]) throws(CypherRuntimeError) {
        condition.lock()
        defer { condition.unlock() }
        while buffered >= capacity && !isClosed { condition.wait() }
        if isClosed { throw CypherRuntimeError(.cancelled, "the result was closed before it was read to the end") }
        batches.append(rows)
        buffered += rows.count
        condition.broadcast()
    }

    /// The producer is done: every row was put, or `error` stopped it.
    func finish(_ error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// Up to `max` rows, waiting until at least one is there or the query ended; empty at the end. Throws
    /// the query's error once the rows before it have been read.
    func take(_ max: Int) throws -> [[Value]] {
        condition.lock()
        defer { condition.unlock() }
        while buffered == 0 && !finished { condition.wait() }
        if buffered == 0 {
            if let failure {
                self.failure = nil
                throw failure
            }
            return []
        }
        var out: [[Value]] = []
        out.reserveCapacity(Swift.min(max, buffered))
        while out.count < max, !batches.isEmpty {
            let batch = batches[0]
            let n = Swift.min(max - out.count, batch.count - head)
            out += batch[head ..< head + n]
            head += n
            if head == batch.count {
                batches.removeFirst()
                head = 0
            }
        }
        buffered -= out.count
        condition.broadcast()
        return out
    }

    /// Whether another row will come (waits until one is buffered or the query ended); throws the query's
    /// error when it ended with one and no rows are left.
    func hasMore() throws -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while buffered == 0 && !finished { condition.wait() }
        if buffered == 0, let failure {
            self.failure = nil
            throw failure
        }
        return buffered > 0
    }

    /// The reader is gone: drops the buffered rows and wakes the producer so that it stops.
    func close() {
        condition.lock()
        closed.store(true, ordering: .relaxed)
        batches = []
        buffered = 0
        head = 0
        condition.broadcast()
        condition.unlock()
    }
}
