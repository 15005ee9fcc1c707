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
    private func cached(
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

    // MARK: - Parameters

    /// A request's query parameters, parsed once per request (Hummingbird parses them on every access).
    typealias Query = FlatDictionary<Substring, Substring>

    private func limit(_ q: Query) throws -> Int {
        guard let text = q["k"] else { return 10 }
        guard let k = Int(String(text)), (1...1000).contains(k) else {
            throw APIError.badRequest("k must be an integer in 1...1000, got `\(text)`")
        }
        return k
    }

    private func explain(_ q: Query) throws -> Bool {
        try Self.flag("explain", in: q) ?? false
    }

    /// A boolean query parameter: `true`/`1` or `false`/`0`; anything else is a 400.
    static func flag(_ name: String, in q: Query) throws(APIError) -> Bool? {
        guard let text = q[Substring(name)] else { return nil }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: throw APIError.badRequest("\(name) must be true or false, got `\(text)`")
        }
    }

    /// The `strategy` values of the similar-products route (the first is the default).
    static let similarStrategies = ["hybrid", "item-knn", "embedding"]
    /// The `strategy` values of the customer route (the first is the default).
    static var customerStrategies: [String] { RecommendationRequest.Strategy.allCases.map(\.rawValue) + ["co-purchase"] }

    private func node(_ label: String, _ context: ServerRequestContext, _ s: GraphSnapshot) throws -> (String, NodeID) {
        let id = try PathParameter.require("id", in: context)
        guard let n = s.lookup(label: label, text: id) else {
            throw APIError.notFound("no \(label) with id `\(id)`")
        }
        return (id, n)
    }

    private func item(_ s: GraphSnapshot, _ n: NodeID, _ score: Double, _ reason: String?) -> ProductScore {
        ProductScore(
            id: s.property(n, "id")?.stringValue ?? String(n.rawValue),
            description: s.property(n, "description")?.stringValue ?? s.property(n, "name")?.stringValue,
            score: score, reason: reason)
    }

    private func purchased(_ s: GraphSnapshot) throws -> RelationshipTypeID {
        guard let t = s.catalog.relationshipType("PURCHASED") else {
            throw APIError(.notFound, code: "NoPurchases", "the graph has no PURCHASED relationships")
        }
        return t
    }

    // MARK: - Handlers

    func alsoBought(_ request: Request, _ context: ServerRequestContext) throws -> ProductList {
        let q = request.uri.queryParameters
        let s = database.graph.snapshot
        let (id, product) = try node("Product", context, s)
        let k = try limit(q)
        var strategy = AlsoBought(snapshot: s, type: try purchased(s))
        let why = try explain(q)
        let items = strategy.scores(for: product, limit: k).map {
            item(s, $0.product, $0.score, why ? "bought \($0.count) times by customers who bought \(id)" : nil)
        }
        return ProductList(subject: id, strategy: "also-bought", items: items)
    }

    func frequentlyBoughtWith(_ request: Request, _ context: ServerRequestContext) throws -> ProductList {
        let q = request.uri.queryParameters
        let s = database.graph.snapshot
        let (id, product) = try node("Product", context, s)
        let k = try limit(q)
        guard let t = s.catalog.relationshipType("FREQUENTLY_BOUGHT_WITH") else {
            return ProductList(subject: id, strategy: "frequently-bought-with", items: [])
        }
        let why = try explain(q)
        let liftKey = s.catalog.propertyKey("lift")
        let countKey = s.catalog.propertyKey("count")
        // The k partners with the most shared baskets (ties: the older node); the lifts, which only
        // the explanations show, are read for those alone.
        var top = TopK(capacity: k)
        s.forEachRelationship(of: product, type: t, direction: .both) { other, r in
            top.offer(other.rawValue, score: Float(countKey.flatMap { s.property(r, $0)?.intValue } ?? 0))
        }
        let ranked = top.sorted()
        var lift: [UInt32: Double] = [:]
        if why {
            let chosen = Set(ranked.map(\.item))
            s.forEachRelationship(of: product, type: t, direction: .both) { other, r in
                guard chosen.contains(other.rawValue), lift[other.rawValue] == nil else { return }
                lift[other.rawValue] = liftKey.flatMap { s.property(r, $0)?.numericValue } ?? 0
            }
        }
        let items = ranked.map { p in
            let count = Int(p.score)
            let l = lift[p.item] ?? 0
            return item(
                s, NodeID(p.item), Double(count), why ? "in \(count) baskets with \(id) (lift \(Double(Int(l * 100)) / 100))" : nil)
        }
        return ProductList(subject: id, strategy: "frequently-bought-with", items: items)
    }

    func similar(_ request: Request, _ context: ServerRequestContext) throws -> RecommendationList {
        let q = request.uri.queryParameters
        let s = database.graph.snapshot
        let (id, _) = try node("Product", context, s)
        let k = try limit(q)
        let why = try explain(q)
        let filter = try filter(q, s)
        let mode = q["strategy"].map(String.init) ?? Self.similarStrategies[0]
        guard Self.similarStrategies.contains(mode) else {
            throw APIError.badRequest(
                "unknown strategy `\(mode)` (available: \(Self.similarStrategies.joined(separator: ", ")))")
        }
        if mode == "embedding" && database.productEmbeddings(in: s) == nil {
            throw APIError(
                .notFound, code: "NoVectorIndex",
                "no vector index over Product nodes; create one with `ignitabull index create`")
        }
        let found = try mapped {
            try database.similarProducts(
                productID: id, k: k, filter: filter, useEmbeddings: mode != "item-knn", useItemKNN: mode != "embedding",
                waitForModel: false)
        }
        let r = try found ?? { throw APIError.notFound("no Product with id `\(id)`") }()
        return RecommendationList(
            subject: id, strategy: mode, coldStart: false, knownSubject: true, historySize: nil,
            model: r.modelReady ? "ready" : "building", coldStartReason: nil,
            items: products(r.items, r.snapshot, explain: why))
    }

    func recommendations(_ request: Request, _ context: ServerRequestContext) throws -> RecommendationList {
        let q = request.uri.queryParameters
        let s = database.graph.snapshot
        let id = try PathParameter.require("id", in: context)
        let k = try limit(q)
        let name = q["strategy"].map(String.init) ?? "auto"
        let why = try explain(q)
        if name == "co-purchase" {
            guard let customer = s.lookup(label: "Customer", text: id) else {
                throw APIError.notFound("no Customer with id `\(id)` (the co-purchase strategy needs a known customer)")
            }
            var counter = CoPurchase(snapshot: s, type: try purchased(s))
            let r = counter.scores(for: customer, limit: k)
            let items = r.top.map {
                RecommendedProduct(
                    id: s.property($0.product, "id")?.stringValue ?? String($0.product.rawValue),
                    description: description(s, $0.product),
                    score: Double($0.count),
                    reason: why ? "bought \($0.count) times by customers who share purchases with \(id)" : nil,
                    signals: nil)
            }
            return RecommendationList(
                subject: id, strategy: name, coldStart: false, knownSubject: true, historySize: nil, model: nil,
                coldStartReason: nil, items: items)
        }
        guard let strategy = RecommendationRequest.Strategy(rawValue: name) else {
            throw APIError.badRequest(
                "unknown strategy `\(name)` (available: \(Self.customerStrategies.joined(separator: ", ")))")
        }
        var diversity: Double? = nil
        if let text = q["diversity"] {
            guard let d = Double(String(text)), (0...1).contains(d) else {
                throw APIError.badRequest("diversity must be a number in 0...1, got `\(text)`")
            }
            diversity = d
        }
        let req = RecommendationRequest(
            k: k, strategy: strategy, filter: try filter(q, s), diversity: diversity, explain: why)
        let r = try mapped { try database.recommend(customerID: id, req, waitForModel: false, in: s) }
        return RecommendationList(
            subject: id, strategy: name, coldStart: r.coldStartReason != nil, knownSubject: r.knownCustomer,
            historySize: r.historySize, model: r.modelReady ? "ready" : "building",
            coldStartReason: r.coldStartReason?.rawValue, items: products(r.items, r.snapshot, explain: why))
    }

    // MARK: - Personalised helpers

    /// The filter of `category`, `minPrice`, `maxPrice`, `inStock` and `exclude` (comma-separated product ids;
    /// unknown ids are ignored). `category` takes comma-separated Category ids or names.
    private func filter(_ q: Query, _ s: GraphSnapshot) throws -> RecommendationFilter {
        var f = RecommendationFilter()
        if let text = q["category"] {
            var set = Set<NodeID>()
            for key in text.split(separator: ",").map({ String($0).trimmingSpaces }) where !key.isEmpty {
                guard let c = database.category(named: key, in: s) else {
                    throw APIError.badRequest("no category `\(key)` (give a Category id or name)")
                }
                set.insert(c)
            }
            f.categories = set
        }
        func price(_ name: String) throws -> Double? {
            guard let text = q[Substring(name)] else { return nil }
            guard let v = Double(String(text)), v.isFinite, v >= 0 else {
                throw APIError.badRequest("\(name) must be a number ≥ 0, got `\(text)`")
            }
            return v
        }
        f.minPrice = try price("minPrice")
        f.maxPrice = try price("maxPrice")
        if let inStock = try Self.flag("inStock", in: q) { f.inStockOnly = inStock }
        if let text = q["exclude"] {
            for key in text.split(separator: ",") {
                if let n = s.lookup(label: "Product", text: String(key).trimmingSpaces) {
                    f.excluded.insert(n)
                }
            }
        }
        return f
    }

    /// Runs `body`, turning the recommender's errors into 400s.
    private func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as RecommendError where e.code == .invalidArgument {
            throw APIError.badRequest(e.message)
        } catch let e as RecommendError {
            throw APIError(.notFound, code: "NoPurchases", e.message)
        }
    }

    private func description(_ s: GraphSnapshot, _ n: NodeID) -> String? {
        s.property(n, "description")?.stringValue ?? s.property(n, "name")?.stringValue
    }

    /// The answer's items, with the property keys looked up once for all of them.
    private func products(_ items: [Recommendation], _ s: GraphSnapshot, explain: Bool) -> [RecommendedProduct] {
        let idKey = s.catalog.propertyKey("id")
        let descriptionKey = s.catalog.propertyKey("description")
        let nameKey = s.catalog.propertyKey("name")
        var out: [RecommendedProduct] = []
        out.reserveCapacity(items.count)
        for r in items {
            var id: String?
            var description: String?
            if let idKey { id = s.property(r.product, idKey)?.stringValue }
            if let descriptionKey { description = s.property(r.product, descriptionKey)?.stringValue }
            if description == nil, let nameKey { description = s.property(r.product, nameKey)?.stringValue }
            out.append(RecommendedProduct(
                id: id ?? String(r.product.rawValue),
                description: description,
                score: r.score, reason: explain ? r.reason(in: s) : nil,
                signals: explain
                    ? r.contributions.map {
                        RecommendedProduct.Signal(
                            signal: $0.signal.rawValue, value: $0.value,
                            because: $0.because.map { n in idKey.flatMap { s.property(n, $0)?.stringValue } ?? String(n.rawValue) })
                    } : nil))
        }
        return out
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
