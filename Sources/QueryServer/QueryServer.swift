public import Access
public import Engine
import CypherRuntime
import HummingbirdCore
import NIOCore
public import Hummingbird
public import Logging
import GraphStore

/// The HTTP server: REST routes over a `Database`, the Cypher route, Neo4j's HTTP transaction API,
/// plus `/health` and `/metrics`.
public enum QueryServer {
    /// The name of the default database, as in Neo4j: routes live under `/db/neo4j/…`.
    public static let defaultDatabase = "neo4j"

    /// The router, without a listening socket (tests drive it in-process): `database` is `neo4j`, the only
    /// database at first (CREATE DATABASE adds others in memory).
    public static func router(
        database: Database, metrics: RequestMetrics = RequestMetrics(),
        configuration: ServerConfiguration = ServerConfiguration()
    ) -> Router<ServerRequestContext> {
        router(databases: Databases(default: database), metrics: metrics, configuration: configuration)
    }

    /// The router over every database of `databases`: `/db/{db}/…` resolves `{db}` to that database (its own
    /// response cache, statement runner and open transactions); an unknown name is 404 `DatabaseNotFound`.
    public static func router(
        databases: Databases, metrics: RequestMetrics = RequestMetrics(),
        configuration: ServerConfiguration = ServerConfiguration()
    ) -> Router<ServerRequestContext> {
        let router = Router(context: ServerRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        let routeTable = RouteTable()
        router.add(middleware: NotFoundMiddleware(table: routeTable))
        router.add(middleware: RequestGuardMiddleware(allowedOrigins: configuration.allowedOrigins))
        if let access = configuration.access { router.add(middleware: AuthenticationMiddleware(access: access)) }
        let scopes = DatabaseScopes(registry: databases, configuration: configuration)
        router.get("/hello") { _, _ in "hello" }
        let openAPI = OpenAPIDocument.document.serialized()
        router.get("/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: openAPI)))
        }
        router.get("/health") { _, _ in
            let s = databases.defaultDatabase.graph.snapshot
            return HealthResponse(status: "ok", nodes: s.nodeCount, relationships: s.relationshipCount, databases: databases.names.count)
        }
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: Self.metricsText(scopes, metrics: metrics, configuration: configuration))))
        }
        SystemRoutes(access: configuration.access, databases: databases, configuration: configuration).register(on: router)
        let db = router.group("db/:db")
        RecommendationRoutes.register(on: db, scopes: scopes)
        RecommenderRoutes(scopes: scopes).register(on: db)
        CountRoutes(scopes: scopes).register(on: db)
        MaintenanceRoutes(scopes: scopes, directory: configuration.backupDirectory).register(on: db)
        StatisticsRoutes(scopes: scopes).register(on: db)
        MiningRoutes(scopes: scopes, configuration: configuration).register(on: db)
        ScoreRoutes(scopes: scopes, configuration: configuration).register(on: db)
        CypherRoutes(scopes: scopes, configuration: configuration, metrics: metrics).register(on: db)
        BulkRoutes(scopes: scopes, configuration: configuration).register(on: db)
        SearchRoutes(
            scopes: scopes, configuration: configuration,
            embedders: TextEmbedderCache(directory: configuration.modelDirectory)
        ).register(on: db)
        TransactionRoutes(scopes: scopes, configuration: configuration, metrics: metrics).register(on: router)
        ConsoleRoutes().register(on: router)
        routeTable.fill(router.routes.map { ($0.method.rawValue, $0.path.description) })
        return router
    }

    /// The application: the router on `host:port`. `runService()` serves until SIGINT or SIGTERM,
    /// then finishes in-flight requests and returns.
    public static func application(
        database: Database, host: String = "127.0.0.1", port: Int = 7474,
        configuration: ServerConfiguration = ServerConfiguration(), logger: Logger? = nil,
        onRunning: @escaping @Sendable () async -> Void = {}
    ) -> some ApplicationProtocol {
        application(
            databases: Databases(default: database), host: host, port: port, configuration: configuration, logger: logger,
            onRunning: onRunning)
    }

    /// The application over every database of `databases`.
    public static func application(
        databases: Databases, host: String = "127.0.0.1", port: Int = 7474,
        configuration: ServerConfiguration = ServerConfiguration(), logger: Logger? = nil,
        onRunning: @escaping @Sendable () async -> Void = {}
    ) -> some ApplicationProtocol {
        Application(
            router: router(databases: databases, configuration: configuration),
            server: HTTPServerBuilder { responder in
                LoopBoundHTTP1Channel(
                    inner: HTTP1Channel(
                        responder: responder,
                        configuration: .init(
                            additionalChannelHandlers: [DisconnectWatcher()],
                            idleTimeout: TimeAmount(configuration.idleTimeout))))
            },
            configuration: .init(
                address: .hostname(host, port: port), serverName: "ignitabull",
                availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections)),
            onServerRunning: { _ in await onRunning() }, logger: logger)
    }

    /// Serves `application(...)` until SIGINT or SIGTERM, then finishes in-flight requests and
    /// returns; the CLI calls this so that only QueryServer imports Hummingbird.
    public static func serve(
        database: Database, host: String = "127.0.0.1", port: Int = 7474,
        configuration: ServerConfiguration = ServerConfiguration(), logger: Logger? = nil,
        onRunning: @escaping @Sendable () async -> Void = {}
    ) async throws {
        try await serve(
            databases: Databases(default: database), host: host, port: port, configuration: configuration, logger: logger,
            onRunning: onRunning)
    }

    /// Serves every database of `databases`, as `serve(database:…)`.
    public static func serve(
        databases: Databases, host: String = "127.0.0.1", port: Int = 7474,
        configuration: ServerConfiguration = ServerConfiguration(), logger: Logger? = nil,
        onRunning: @escaping @Sendable () async -> Void = {}
    ) async throws {
        let app = application(
            databases: databases, host: host, port: port, configuration: configuration, logger: logger,
            onRunning: onRunning)
        try await app.runService()
    }

    /// Refuses a statement `principal` may not run on `database` (a reader's write, an editor's schema
    /// command) with `forbidden`, and audits schema commands: the check of the HTTP routes, for Bolt.
    public static func authorise(
        _ statement: String, parameters: Set<String>, principal: Principal, source: String, database: Database,
        name: String = defaultDatabase, access: AccessControl
    ) throws(AccessError) {
        try StatementGuard(database: database, name: name, access: access)
            .check(statement, parameters: parameters, principal: principal, source: source)
    }

    /// The OpenAPI 3.1 document served at `/openapi.json`.
    public static var openAPIDocument: JSON { OpenAPIDocument.document }
}
