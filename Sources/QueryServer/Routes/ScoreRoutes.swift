import Engine
import Hummingbird
import Recommend

#if canImport(Glibc)
import Glibc
#endif

/// `POST /db/{db}/score`: personalised top-k for a page of customer ids (`Database.score(customerIDs:)`), as
/// `ignitabull score` computes them: the client (the CLI through a server) sends the ids a page at a time and
/// writes the rows itself. `{customers: [id], k, strategy, diversity, explain, threads}` → `{customers: [{customer,
/// knownCustomer, coldStart, items: [{product, score, reason?}]}], modelVersion, selection, threads, seconds}`.
/// It writes nothing, so readers may call it; it waits for the recommender's first model build when there is none,
/// and runs on `BlockingWork`'s threads with `threads` workers (default and at most: every core).
struct ScoreRoutes: Sendable {
    /// The most ids one request may carry.
    static let maxCustomers = 10_000
    static let fields = ["customers", "k", "strategy", "diversity", "explain", "threads"]

    let scopes: DatabaseScopes
    let configuration: ServerConfiguration

    func register(on group: RouterGroup<ServerRequestContext>) {
        group.post("score") { request, context -> Response in
            let database = try scopes.database(context)
            var request = request
            let body = try await request.settings(Self.fields, configuration)
            guard let list = body["customers"]?.arrayValue, (1...Self.maxCustomers).contains(list.count) else {
                throw APIError.badRequest("`customers` must be an array of 1 to \(Self.maxCustomers) customer ids")
            }
            let ids = try list.map { v throws(APIError) -> String in
                guard let id = v.stringValue else { throw APIError.badRequest("`customers` holds ids as strings, not \(v.text)") }
                return id
            }
            let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
            let scoring = RecommendationRequest(
                k: try body.integer("k", default: 10, in: 1...1000),
                strategy: RecommendationRequest.Strategy(
                    rawValue: try body.choice("strategy", RecommendationRequest.Strategy.allCases.map(\.rawValue), default: "auto"))!,
                diversity: try body.number("diversity", default: nil, in: 0...1),
                explain: try body.flag("explain", default: false))
            let threads = try body.integer("threads", default: cores, in: 1...Int(Int32.max))
            let started = ContinuousClock.now
            return try await BlockingWork.run {
                let page: BatchScore
                do { page = try database.score(customerIDs: ids, scoring, workers: min(threads, cores)) } catch { throw APIError.from(error) }
                return [
                    "customers": .array(page.rows.map(\.json)), "modelVersion": .int(Int64(truncatingIfNeeded: page.modelVersion)),
                    "selection": scoring.strategy == .auto ? page.selection.map { .string($0.table) } ?? .null : .null,
                    "threads": .int(Int64(page.workers)), "seconds": .double((ContinuousClock.now - started) / .seconds(1)),
                ] as JSON
            }.response()
        }
    }
}

extension ScoreRoutes: DocumentedRoutes {
    static var openAPIPaths: [(String, JSON)] {
        typealias D = OpenAPIDocument
        let strategies = JSON.array(RecommendationRequest.Strategy.allCases.map { .string($0.rawValue) })
        let item: JSON = ["type": "object", "properties": [
            "product": ["type": "string"], "score": ["type": "number"], "reason": ["type": "string"],
        ]]
        let row: JSON = ["type": "object", "properties": [
            "customer": ["type": "string"], "knownCustomer": ["type": "boolean"], "coldStart": ["type": "boolean"],
            "items": ["type": "array", "items": item],
        ]]
        return [
            ("/db/{db}/score", ["post": D.operation(
                "Personalised top-k for a page of customers, as `ignitabull score` writes them", tag: "recommendations",
                parameters: [D.dbParameter],
                body: ["type": "object", "required": ["customers"], "additionalProperties": false, "properties": [
                    "customers": ["type": "array", "minItems": 1, "maxItems": .int(Int64(maxCustomers)), "items": ["type": "string"]],
                    "k": ["type": "integer", "minimum": 1, "maximum": 1000, "default": 10],
                    "strategy": ["type": "string", "enum": strategies, "default": "auto"],
                    "diversity": ["type": ["number", "null"], "minimum": 0, "maximum": 1],
                    "explain": ["type": "boolean", "default": false],
                    "threads": ["type": "integer", "minimum": 1, "description": "Worker threads (default and at most: every core)"],
                ]],
                responses: [("200", D.json(["type": "object", "properties": [
                    "customers": ["type": "array", "items": row], "modelVersion": ["type": "integer"],
                    "selection": ["type": ["string", "null"], "description": "The `auto` strategy's model selection, as text"],
                    "threads": ["type": "integer"], "seconds": ["type": "number"],
                ]])), D.badRequest("A bad setting or id list, or an unknown field"),
                ("404", D.json(D.ref("Error"), "Unknown database, or no PURCHASED relationships (`NoPurchases`)"))])]),
        ]
    }
}
