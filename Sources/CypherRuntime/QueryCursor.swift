import Foundation
public import GraphStore
import Synchronization

/// The rows of a read that is still running: a thread of its own executes the query and hands rows over
/// through a bounded buffer, so it runs at most `bufferRows` rows ahead of the reader and the result never
/// exists whole in memory. Dropping the cursor (or `close()`) stops the query.
///
/// Made by `CypherEngine.open`, which answers small results whole instead (`QueryOutput.result`).
public final class QueryCursor: Sendable {
    /// The column names, in order.
    public let columns: [String]
    /// The graph version the rows refer to (for reading node and relationship details).
    public let snapshot: GraphSnapshot
    let buffer: RowBuffer

    /// Streaming threads running now, and the most there may be (past it, results are built whole).
    private static let running = Atomic<Int>(0)
    static let maximumThreads = 64

    private init(columns: [String], snapshot: GraphSnapshot, buffer: RowBuffer) {
        self.columns = columns
        self.snapshot = snapshot
        self.buffer = buffer
    }

    deinit { buffer.close() }

    /// Up to `max` more rows, waiting until at least one is produced; empty once the result is read to the end.
    /// - Throws: the query's error (after the rows produced before it).
    public func next(_ max: Int) throws -> [[Value]] { try buffer.take(max) }

    /// Whether another row will come: waits until one is produced or the query has ended.
    /// - Throws: the query's error when it ended with one and every row before it has been read.
    public func hasMore() throws -> Bool { try buffer.hasMore() }

    /// Stops the query and drops the rows not read (also done when the cursor is dropped).
    public func close() { buffer.close() }

    /// Starts `run` on a thread of its own (`QueryThreads`, 8 MiB of stack, as the server's query threads), or returns nil when
    /// `maximumThreads` are already streaming.
    static func start(
        columns: [String], snapshot: GraphSnapshot, bufferRows: Int,
        run: @escaping @Sendable (RowBuffer) throws -> Void
    ) -> QueryCursor? {
        guard running.add(1, ordering: .relaxed).newValue <= maximumThreads else {
            running.subtract(1, ordering: .relaxed)
            return nil
        }
        let buffer = RowBuffer(capacity: bufferRows)
        QueryThreads.shared.run {
            defer { running.subtract(1, ordering: .relaxed) }
            do {
                try run(buffer)
                buffer.finish(nil)
            } catch {
                buffer.finish(error)
            }
        }
        return QueryCursor(columns: columns, snapshot: snapshot, buffer: buffer)
    }
}

/// What `CypherEngine.open` answers: a whole result (writes, small reads, queries that do not stream) or a
/// cursor over a read still running.
public enum QueryOutput: Sendable {
    case result(QueryResult)
    case cursor(QueryCursor)
}
