import Engine
import GraphStore
import Hummingbird
import HummingbirdCore
import Persistence
import Recommend
import VectorIndex

/// `/db/{db}/products/{id}/…` and `/db/{db}/customers/{id}/…`. One value per request, for the database the
/// path names (with that database's response cache).
struct RecommendationRoutes: Sendable {
    let database: Database
    /// Answers already computed at the current `ResultVersion`, for this database.
    let cache: ResponseCache

    /// Every handler computes on `BlockingWork`'s threads, not on Swift's cooperative pool (one thread
    /// per core), so a slow answer never holds up other requests; the personalised and similar-product
    /// routes never wait for a model build either (they answer from `FallbackRanking` meanwhile).
    static func register(on group: RouterGroup<ServerRequestContext>, scopes: DatabaseScopes) {
        @Sendable func routes(_ context: ServerRequestContext) throws(APIError) -> RecommendationRoutes {
            let scope = try scopes.scope(context)
            return RecommendationRoutes(database: scope.database, cache: scope.cache)
        }
        group.get("products/:id/also-bought") { request, context in
            let r = try routes(context)
            return try await r.cached(request, context) { try r.alsoBought(request, context).bytes }
        }
        group.get("products/:id/frequently-bought-with") { request, context in
            let r = try routes(context)
            return try await r.cached(request, context) { try r.frequentlyBoughtWith(request, context).bytes }
        }
        group.get("products/:id/similar") { request, context in
            let r = try routes(context)
            return try await r.cached(request, context) { try r.similar(request, context).bytes }
        }
        group.get("customers/:id/recommendations") { request, context in
            let r = try routes(context)
            return try await r.cached(request, context) { try r.recommendations(request, context).bytes }
        }
    }

    /// The body `compute` gives, from the cache when the same path and query were answered at the
    /// current version, else computed on `BlockingWork`'s threads. Errors are not cached.
    func cached(
        _ request: Request, _ context: ServerRequestContext, _ compute: @escaping @Sendable () throws -> [UInt8]
    ) async throws -> Response {
        guard cache.isEnabled else {
            // No cache: no version to take (it reads the model's and the indexes' state under their locks).
            let body = try await BlockingWork.run { ByteBuffer(bytes: try compute()) }
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
        }
        let version = database.resultVersion(of: database.graph.snapshot)
        let key = request.uri.description
        let body: ByteBuffer
        if let hit = cache.body(for: key, at: version) {
            body = hit
        } else {
            body = try await BlockingWork.run { ByteBuffer(bytes: try compute()) }
            cache.store(body, for: key, at: version)
        }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
    }
}
