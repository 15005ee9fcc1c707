import NIOCore
import Synchronization

/// Whether a connection's client has closed its side (set on the event loop, read by statement threads).
final class QueryCancellationProbe: Sendable {
    private let closed = Atomic<Bool>(false)
    var isClosed: Bool { closed.load(ordering: .relaxed) }
    func close() { closed.store(true, ordering: .relaxed) }
}

/// A handler in each HTTP/1 connection's pipeline that notices the client going away: end of input (the
/// server allows half-closed connections, so a client's close arrives as `inputClosed`) or the channel
/// closing. Routes reach it through `ServerRequestContext` and stop their running statement.
final class DisconnectWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    let state = QueryCancellationProbe()

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let e = event as? ChannelEvent, case .inputClosed = e { state.close() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        state.close()
        context.fireChannelInactive()
    }
}
