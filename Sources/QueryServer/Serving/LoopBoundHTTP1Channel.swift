import HummingbirdCore
import Logging
import NIOCore

/// Runs Hummingbird's HTTP/1 connection handler with the connection's own event loop as its task executor.
///
/// Without it a request crosses threads twice before a statement even starts: the event loop reads it and
/// wakes a thread of Swift's cooperative pool for the route, and that thread hands the response back to the
/// loop to be written. On two cores a cross-thread wake-up costs tens of microseconds, and a sequential
/// client pays them on every round trip. Bound to its loop, the route runs on the thread that read the
/// request and writes its answer without waking anything; statements still run on their own threads
/// (`StatementRunner`), so the loop is not held by a query.
struct LoopBoundHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        inner.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        let executor = EventLoopTaskExecutor(eventLoop: value.channel.eventLoop)
        await CheapStatements.$onEventLoop.withValue(true) {
            await withTaskExecutorPreference(executor) {
                await inner.handle(value: value, logger: logger)
            }
        }
    }
}

/// A task executor that runs its jobs on one NIO event loop (in order, on that loop's thread).
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute {
            job.runSynchronously(on: executor)
        }
    }
}
