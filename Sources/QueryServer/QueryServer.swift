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

    /// The router, without a listening socket (tests drive it in-process).
    public static func router(
        database: Database, metrics: RequestMetrics = RequestMetrics(),
        configuration: ServerConfiguration = ServerConfiguration()
    ) -> Router<ServerRequestContext> {
        let router = Router(context: ServerRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        let routeTable = RouteTable()
        router.add(middleware: NotFoundMiddleware(table: routeTable))
        router.add(middleware: RequestGuardMiddleware(allowedOrigins: configuration.allowedOrigins))
        if let access = configuration.access { router.add(middleware: AuthenticationMiddleware(access: access)) }
        let admission = QueryAdmission(
            .init(
                lightWorkers: configuration.lightWorkers, heavyWorkers: configuration.heavyWorkers,
                maxQueued: configuration.maxQueuedQueries, heavyAfter: configuration.heavyQueryAfter))
        let statements = StatementRunner(
            database: database, admission: admission,
            memoryPool: MemoryPool(limit: configuration.queryMemoryPoolBytes), configuration: configuration)
        let transactions = TransactionRegistry(
            timeout: configuration.transactionTimeout, capacity: configuration.maxOpenTransactions)
        router.get("/hello") { _, _ in "hello" }
        let openAPI = OpenAPIDocument.document.serialized()
        router.get("/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: openAPI)))
        }
        router.get("/health") { _, _ in
            let s = database.graph.snapshot
            return HealthResponse(status: "ok", nodes: s.nodeCount, relationships: s.relationshipCount)
        }
        let cache = ResponseCache(budget: configuration.responseCacheBytes)
        router.get("/metrics") { _, _ -> Response in
            let s = database.graph.snapshot
            let text = metrics.render(
                counters: [
                    ("ignitabull_response_cache_hits_total", "Recommendation answers served from the response cache.", cache.hits),
                    ("ignitabull_response_cache_misses_total", "Recommendation answers computed (not found in the response cache).", cache.misses),
                    ("ignitabull_key_rate_limited_total", "Requests refused with 429: an API key over its requests per second.",
                     configuration.access?.limiter.rateLimited ?? 0),
                    ("ignitabull_key_concurrency_limited_total", "Requests refused with 429: an API key over its requests in flight.",
                     configuration.access?.limiter.concurrencyLimited ?? 0),
                ],
                extra: [
                    ("ignitabull_graph_nodes", "Live nodes in the graph.", s.nodeCount),
                    ("ignitabull_graph_relationships", "Live relationships in the graph.", s.relationshipCount),
                    ("ignitabull_open_transactions", "Open explicit transactions of the Neo4j HTTP API.", transactions.count),
                    ("ignitabull_response_cache_bytes", "Bytes held by the response cache.", cache.size),
                    ("ignitabull_cypher_in_flight", "Cypher statements running or queued.", admission.counts.inFlight),
                    ("ignitabull_cypher_heavy", "Cypher statements running in the heavy lane.", admission.counts.heavy),
                    ("ignitabull_cypher_rejected_total", "Cypher requests refused with 503 (queue full).", admission.counts.rejected),
                    ("ignitabull_query_memory_bytes", "Memory held by running Cypher statements (estimated).", statements.memoryPool.reserved),
                ])
                + (configuration.extraMetrics?() ?? "")
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        if let access = configuration.access { SystemRoutes(access: access, configuration: configuration).register(on: router) }
        let db = router.group("db/:db")
        RecommendationRoutes(database: database, cache: cache).register(on: db)
        RecommenderRoutes(database: database).register(on: db)
        CountRoutes(database: database).register(on: db)
        MaintenanceRoutes(database: database, directory: configuration.backupDirectory).register(on: db)
        StatisticsRoutes(database: database).register(on: db)
        MiningRoutes(database: database, configuration: configuration).register(on: db)
        ScoreRoutes(database: database, configuration: configuration).register(on: db)
        CypherRoutes(statements: statements, configuration: configuration, metrics: metrics).register(on: db)
        BulkRoutes(database: database, configuration: configuration).register(on: db)
        SearchRoutes(
            database: database, configuration: configuration,
            embedders: TextEmbedderCache(directory: configuration.modelDirectory)
        ).register(on: db)
        TransactionRoutes(
            database: database, configuration: configuration, registry: transactions, metrics: metrics,
            statements: statements
        ).register(on: router)
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
        Application(
            router: router(database: database, configuration: configuration),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [DisconnectWatcher()], idleTimeout: TimeAmount(configuration.idleTimeout))),
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
        let app = application(
            database: database, host: host, port: port, configuration: configuration, logger: logger,
            onRunning: onRunning)
        try await app.runService()
    }

    /// Refuses a statement `principal` may not run on `database` (a reader's write, an editor's schema
    /// command) with `forbidden`, and audits schema commands: the check of the HTTP routes, for Bolt.
    public static func authorise(
        _ statement: String, parameters: Set<String>, principal: Principal, source: String, database: Database, access: AccessControl
    ) throws(AccessError) {
        try StatementGuard(database: database, access: access).check(statement, parameters: parameters, principal: principal, source: source)
    }

    /// The OpenAPI 3.1 document served at `/openapi.json`.
    public static var openAPIDocument: JSON { OpenAPIDocument.document }

    /// Throws 404 `DatabaseNotFound` unless the path names the default database.
    static func checkDatabase(_ context: ServerRequestContext) throws(APIError) {
        let name = context.parameters.get("db") ?? ""
        guard name == defaultDatabase else { throw APIError.databaseNotFound(name) }
    }
}
