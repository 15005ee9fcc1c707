import Engine
import Logging
import NIOCore
import NIOPosix

/// One Bolt connection on the wire: the handshake, then chunked messages handed one at a time to a
/// `BoltSession` on the blocking thread pool (queries are synchronous), with responses written back in
/// batches of `writeBatchBytes` that wait for the client to read (so a large result never piles up in memory
/// as encoded bytes).
final class BoltChannelHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let databases: Databases
    private let configuration: BoltConfiguration
    private let logger: Logger
    private let connectionID: String
    private let threadPool: NIOThreadPool
    private var handshake: [UInt8] = []
    private var framer: ChunkFramer
    private var session: BoltSession?
    private var queue: [[UInt8]] = []
    private var busy = false
    private var closing = false
    private var handshakeTimer: Scheduled<Void>?

    init(databases: Databases, configuration: BoltConfiguration, logger: Logger, connectionID: String, threadPool: NIOThreadPool) {
        self.databases = databases
        self.configuration = configuration
        self.logger = logger
        self.connectionID = connectionID
        self.threadPool = threadPool
        self.framer = ChunkFramer(maxMessageBytes: configuration.maxMessageBytes)
    }

    func channelActive(context: ChannelHandlerContext) {
        let channel = context.channel
        let id = connectionID
        let log = logger
        handshakeTimer = context.eventLoop.scheduleTask(in: .seconds(configuration.handshakeTimeout)) {
            log.info("bolt \(id): no handshake in time; closing")
            channel.close(promise: nil)
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        handshakeTimer?.cancel()
        closing = true
        queue = []
        session?.abandon()
        if !busy { session?.close() }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        var buffer = unwrapInboundIn(data)
        if session == nil {
            let need = 20 - handshake.count
            handshake += buffer.readBytes(length: min(need, buffer.readableBytes)) ?? []
            guard handshake.count == 20 else { return }
            handshakeTimer?.cancel()
            let version: BoltVersion?
            do {
                version = try BoltVersion.negotiate(handshake)
            } catch {
                logger.info("bolt \(connectionID): \(error.message); closing")
                closeNow(context)
                return
            }
            var reply = context.channel.allocator.buffer(capacity: 4)
            reply.writeBytes(BoltVersion.response(version))
            context.writeAndFlush(wrapOutboundOut(reply), promise: nil)
            guard let version else {
                logger.info("bolt \(connectionID): no common Bolt version in the handshake; closing")
                closeNow(context)
                return
            }
            let local = context.channel.localAddress
            let address = "\(local?.ipAddress ?? "127.0.0.1"):\(local?.port ?? 7687)"
            let log = logger
            session = BoltSession(
                databases: databases, version: version, connectionID: connectionID, advertisedAddress: address,
                log: { log.notice("\($0)") }, authentication: configuration.authentication,
                source: context.channel.remoteAddress?.ipAddress ?? "local", system: configuration.system)
            logger.debug("bolt \(connectionID): Bolt \(version)")
        }
        guard buffer.readableBytes > 0 else { return }
        do {
            queue += try framer.feed(buffer.readableBytesView)
        } catch {
            logger.info("bolt \(connectionID): \(error.message); closing")
            writeFailureAndClose(context, error)
            return
        }
        drain(context)
    }

    private func closeNow(_ context: ChannelHandlerContext) {
        closing = true
        context.close(promise: nil)
    }

    private func writeFailureAndClose(_ context: ChannelHandlerContext, _ error: BoltError) {
        closing = true
        queue = []
        var out = context.channel.allocator.buffer(capacity: 256)
        out.writeBytes(ChunkFramer.frame(PackStreamEncoder.encode(BoltMessage.failure(error, session?.version ?? BoltVersion(4, 4)))))
        let close = context.channel
        if busy {
            // The session is still writing a response; fail after it, from the event loop's queue.
            let failure = out
            context.eventLoop.execute { close.writeAndFlush(failure).whenComplete { _ in close.close(promise: nil) } }
        } else {
            session?.close()
            context.writeAndFlush(wrapOutboundOut(out)).whenComplete { _ in close.close(promise: nil) }
        }
    }

    /// Runs the queued messages one after another (pipelined RUN + PULL keep their order), all that have arrived
    /// in one job on the thread pool: a driver sends RUN and PULL together, and one hop to the pool and back for
    /// both costs half of one per message.
    private func drain(_ context: ChannelHandlerContext) {
        guard !busy, !closing, !queue.isEmpty, let session else { return }
        let messages = queue
        queue = []
        busy = true
        let channel = context.channel
        let batch = configuration.writeBatchBytes
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        threadPool.runIfActive(eventLoop: context.eventLoop) {
            var out = ByteBuffer()
            var writable = true
            func flush(waiting: Bool) {
                guard writable, out.readableBytes > 0 else { return }
                let sent = out
                out = ByteBuffer()
                guard waiting else {
                    // The job's last bytes: the event loop writes them before it runs the job's completion.
                    channel.writeAndFlush(sent, promise: nil)
                    return
                }
                // Wait for the bytes to reach the socket: back-pressure for large results.
                do {
                    try channel.writeAndFlush(sent).wait()
                } catch {
                    writable = false
                    session.abandon()  // the client is gone: stop reading a streaming result
                }
            }
            for message in messages where !session.isDefunct && writable {
                session.handle(message) { response in
                    guard writable else { return }
                    out.writeBytes(ChunkFramer.frame(PackStreamEncoder.encode(response)))
                    if out.readableBytes >= batch { flush(waiting: true) }
                }
            }
            flush(waiting: false)
        }.whenComplete { _ in
            let (handler, context) = bound.value
            handler.busy = false
            if handler.closing {
                session.close()
            } else if session.isDefunct {
                handler.closeNow(context)
            } else {
                handler.drain(context)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.debug("bolt \(connectionID): \(error); closing")
        closeNow(context)
    }
}
