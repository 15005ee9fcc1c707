public import Engine
public import Logging
import NIOCore
import NIOPosix
import Synchronization

/// Neo4j's Bolt protocol (4.4 and 5.0–5.8) over TCP, next to the HTTP server, so Neo4j's official drivers
/// and the tools built on them connect to Ignitabull unchanged.
///
/// Only this module imports SwiftNIO for Bolt. Queries run on NIO's blocking thread pool, one message at
/// a time per connection. Access control is the starter's (`BoltConfiguration.authentication`, which the CLI
/// wires to the HTTP server's users and roles); without it any credentials are accepted, and the server
/// says so when it starts listening.
public final class BoltServer: Sendable {
    private let channel: any Channel
    /// The port actually bound (useful when asked for port 0).
    public let port: Int

    private init(channel: any Channel) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
    }

    /// Binds `host:port` and starts accepting Bolt connections to `database` (as `neo4j`, the only database).
    /// - Throws: the bind error (port in use, address not available).
    public static func start(
        database: Database, host: String = "127.0.0.1", port: Int = 7687,
        configuration: BoltConfiguration = BoltConfiguration(), logger: Logger = Logger(label: "ignitabull.bolt")
    ) async throws -> BoltServer {
        try await start(databases: Databases(default: database), host: host, port: port, configuration: configuration, logger: logger)
    }

    /// Binds `host:port` and starts accepting Bolt connections to every database of `databases` (BEGIN's and
    /// RUN's `db` choose one; the default is `neo4j`).
    /// - Throws: the bind error (port in use, address not available).
    public static func start(
        databases: Databases, host: String = "127.0.0.1", port: Int = 7687,
        configuration: BoltConfiguration = BoltConfiguration(), logger: Logger = Logger(label: "ignitabull.bolt")
    ) async throws -> BoltServer {
        let counter = Atomic<Int>(0)
        let pool = NIOThreadPool.singleton
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                let id = "bolt-\(counter.add(1, ordering: .relaxed).newValue)"
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        BoltChannelHandler(
                            databases: databases, configuration: configuration, logger: logger, connectionID: id,
                            threadPool: pool))
                }
            }
        let channel = try await bootstrap.bind(host: host, port: port).get()
        logger.notice(
            "bolt listening on \(host):\(channel.localAddress?.port ?? port) (Bolt 5.0-5.8, 4.4)\(configuration.authentication == nil ? "; no access control: any credentials are accepted" : "")")
        return BoltServer(channel: channel)
    }

    /// Stops accepting connections (open connections end when their clients close them or the process exits).
    public func shutdown() async throws {
        try await channel.close()
    }
}
