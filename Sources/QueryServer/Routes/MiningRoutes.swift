import Engine
import GraphStore
import Hummingbird
import Recommend

/// Derived relationships, rewritten on the live database (admins, as they rewrite part of the graph):
/// - `POST /db/{db}/mine`: frequently-bought-together mining (`Database.mineFrequentlyBoughtTogether`) with the
///   thresholds of `ignitabull mine` (`minCount`, `minSupport`, `minConfidence`, `minLift`; absent: its defaults),
///   answering the counts, the changes to FREQUENTLY_BOUGHT_WITH and the five pairs in most baskets.
/// - `POST /db/{db}/similar-to`: SIMILAR_TO materialised from item-kNN (`Database.materializeSimilarProducts`),
///   as `ignitabull score --similar-to K` (`k`, `minSimilarity`).
/// Each is one durable write that runs on `BlockingWork`'s threads; bad settings are a 400 before anything runs.
struct MiningRoutes: Sendable {
    let scopes: DatabaseScopes
    let configuration: ServerConfiguration

    func register(on group: RouterGroup<ServerRequestContext>) {
        group.post("mine") { request, context -> Response in
            let scope = try scopes.scope(context)
            try context.requireAdmin("mine frequently-bought-together pairs", on: scope.name)
            let database = scope.database
            var request = request
            let body = try await request.settings(["minCount", "minSupport", "minConfidence", "minLift"], configuration)
            let defaults = MiningThresholds()
            let thresholds = MiningThresholds(
                minCount: try body.integer("minCount", default: defaults.minCount, in: 1...Int(Int32.max)),
                minSupport: try body.number("minSupport", default: defaults.minSupport, in: 0...1)!,
                minConfidence: try body.number("minConfidence", default: defaults.minConfidence, in: 0...1)!,
                minLift: try body.number("minLift", default: defaults.minLift, in: 0...Double.greatestFiniteMagnitude)!)
            try Self.requirePurchases(database, "mine")
            let started = ContinuousClock.now
            return try await BlockingWork.run {
                do {
                    let (result, changes) = try database.mineFrequentlyBoughtTogether(thresholds: thresholds)
                    return Self.json(result, changes, thresholds, database.graph.snapshot, seconds: (ContinuousClock.now - started) / .seconds(1))
                } catch { throw APIError.from(error) }
            }.response()
        }
        group.post("similar-to") { request, context -> Response in
            let scope = try scopes.scope(context)
            try context.requireAdmin("materialise SIMILAR_TO", on: scope.name)
            let database = scope.database
            var request = request
            let body = try await request.settings(["k", "minSimilarity"], configuration)
            let k = try body.integer("k", default: 10, in: 1...1000)
            let minSimilarity = try body.number("minSimilarity", default: 0, in: 0...1)!
            try Self.requirePurchases(database, "materialise SIMILAR_TO from")
            let started = ContinuousClock.now
            return try await BlockingWork.run {
                do {
                    let c = try database.materializeSimilarProducts(k: k, minSimilarity: minSimilarity)
                    return [
                        "k": .int(Int64(k)), "created": .int(Int64(c.created)), "updated": .int(Int64(c.updated)),
                        "deleted": .int(Int64(c.deleted)), "unchanged": .int(Int64(c.unchanged)),
                        "seconds": .double((ContinuousClock.now - started) / .seconds(1)),
                    ] as JSON
                } catch { throw APIError.from(error) }
            }.response()
        }
    }

    private static func requirePurchases(_ database: Database, _ what: String) throws(APIError) {
        guard database.graph.snapshot.catalog.relationshipType("PURCHASED") != nil else {
            throw APIError(.notFound, code: "NoPurchases", "the graph has no PURCHASED relationships to \(what)")
        }
    }
}
