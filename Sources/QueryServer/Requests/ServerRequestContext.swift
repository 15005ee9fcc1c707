public import Access
public import Hummingbird
public import NIOCore

/// The request context of the server's routes: Hummingbird's basic context plus the connection, so a
/// route can tell when its client has gone away (see `DisconnectWatcher`).
public struct ServerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    public let channel: any Channel
    /// Who the request runs as (set by `AuthenticationMiddleware`; nil without access control).
    public var principal: Principal?

    /// The client's address, for throttling failed logins and for the audit log ("local" in-process).
    var source: String { channel.remoteAddress?.ipAddress ?? "local" }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// A cancellation that fires when the client closes its side of the connection (nil in-process).
    func disconnectCancellation() async -> QueryCancellationProbe? {
        // On the connection's own loop (where routes run, see `LoopBoundHTTP1Channel`) the handler is read
        // directly; awaiting the pipeline's future would suspend the route for a turn of the loop.
        if channel.eventLoop.inEventLoop {
            return try? channel.pipeline.syncOperations.handler(type: DisconnectWatcher.self).state
        }
        return try? await channel.pipeline.handler(type: DisconnectWatcher.self).map(\.state).get()
    }
}
