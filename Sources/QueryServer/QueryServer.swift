public import Engine
public import Hummingbird
import GraphStore

/// The HTTP server: REST routes for recommendations over a `Database`, plus `/health` and `/metrics`.
public enum QueryServer {
    /// The name of the default database, as in Neo4j: routes live under `/db/neo4j/…`.
    public static let defaultDatabase = "neo4j"

    /// The router, without a listening socket (tests drive it in-process).
    public static func router(
        database: Database, metrics: RequestMetrics = RequestMetrics()
    ) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.get("/health") { _, _ in
            let s = database.graph.snapshot
            return HealthResponse(status: "ok", nodes: s.nodeCount, relationships: s.relationshipCount)
        }
        router.get("/metrics") { _, _ -> Response in
            let s = database.graph.snapshot
            let text = metrics.render(extra: [
                ("ignitabull_graph_nodes", "Live nodes in the graph.", s.nodeCount),
                ("ignitabull_graph_relationships", "Live relationships in the graph.", s.relationshipCount),
            ])
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        RecommendationRoutes(database: database).register(on: router.group("db/:db"))
        return router
    }

    /// The application: the router on `host:port`. `runService()` serves until SIGINT or SIGTERM,
    /// then finishes in-flight requests and returns.
    public static func application(
        database: Database, host: String = "127.0.0.1", port: Int = 7474,
        onRunning: @escaping @Sendable () async -> Void = {}
    ) -> some ApplicationProtocol {
        Application(
            router: router(database: database),
            configuration: .init(address: .hostname(host, port: port), serverName: "ignitabull"),
            onServerRunning: { _ in await onRunning() })
    }
}
