import Engine
import GraphStore
import Persistence
import Hummingbird
import Recommend
import VectorIndex

/// `/db/{db}/products/{id}/…` and `/db/{db}/customers/{id}/…`.
struct RecommendationRoutes: Sendable {
    let database: Database

    func register(on group: RouterGroup<BasicRequestContext>) {
        group.get("products/:id/also-bought") { request, context in try alsoBought(request, context) }
        group.get("products/:id/frequently-bought-with") { request, context in try frequentlyBoughtWith(request, context) }
        group.get("products/:id/similar") { request, context in try similar(request, context) }
        group.get("customers/:id/recommendations") { request, context in try recommendations(request, context) }
    }

    // MARK: - Parameters

    private func checkDatabase(_ context: BasicRequestContext) throws {
        let name = context.parameters.get("db") ?? ""
        guard name == QueryServer.defaultDatabase else {
            throw APIError(.notFound, code: "DatabaseNotFound", "database `\(name)` does not exist (this server has `\(QueryServer.defaultDatabase)`)")
        }
    }

    private func limit(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters["k"] else { return 10 }
        guard let k = Int(String(text)), (1...1000).contains(k) else {
            throw APIError.badRequest("k must be an integer in 1...1000, got `\(text)`")
        }
        return k
    }

    private func explain(_ request: Request) -> Bool {
        request.uri.queryParameters["explain"].map { $0 == "true" || $0 == "1" } ?? false
    }

    private func node(_ label: String, _ context: BasicRequestContext, _ s: GraphSnapshot) throws -> (String, NodeID) {
        let id = try context.parameters.require("id")
        guard let n = s.lookup(label: label, key: "id", value: .string(id)) else {
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

    func alsoBought(_ request: Request, _ context: BasicRequestContext) throws -> ProductList {
        try checkDatabase(context)
        let s = database.graph.snapshot
        let (id, product) = try node("Product", context, s)
        let k = try limit(request)
        var strategy = AlsoBought(snapshot: s, type: try purchased(s))
        let why = explain(request)
        let items = strategy.scores(for: product, limit: k).map {
            item(s, $0.product, $0.score, why ? "bought \($0.count) times by customers who bought \(id)" : nil)
        }
        return ProductList(subject: id, strategy: "also-bought", items: items)
    }

    func frequentlyBoughtWith(_ request: Request, _ context: BasicRequestContext) throws -> ProductList {
        try checkDatabase(context)
        let s = database.graph.snapshot
        let (id, product) = try node("Product", context, s)
        let k = try limit(request)
        guard let t = s.catalog.relationshipType("FREQUENTLY_BOUGHT_WITH") else {
            return ProductList(subject: id, strategy: "frequently-bought-with", items: [])
        }
        let why = explain(request)
        let liftKey = s.catalog.propertyKey("lift")
        let countKey = s.catalog.propertyKey("count")
        var pairs: [(NodeID, Double, Int)] = []
        s.forEachRelationship(of: product, type: t, direction: .both) { other, r in
            let lift = liftKey.flatMap { s.property(r, $0)?.numericValue } ?? 0
            let count = Int(countKey.flatMap { s.property(r, $0)?.intValue } ?? 0)
            pairs.append((other, lift, count))
        }
        pairs.sort { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0 < $1.0 }
        let items = pairs.prefix(k).map { p in
            item(s, p.0, Double(p.2), why ? "in \(p.2) baskets with \(id) (lift \(Double(Int(p.1 * 100)) / 100))" : nil)
        }
        return ProductList(subject: id, strategy: "frequently-bought-with", items: items)
    }

    func similar(_ request: Request, _ context: BasicRequestContext) throws -> ProductList {
        try checkDatabase(context)
        let s = database.graph.snapshot
        let (id, product) = try node("Product", context, s)
        let k = try limit(request)
        guard let e = database.vectorIndexes.all.first(where: { $0.definition.label == "Product" }) else {
            throw APIError(.notFound, code: "NoVectorIndex", "no vector index over Product nodes; create one with `ignitabull index create`")
        }
        guard case .vector(let v)? = s.property(product, e.definition.property) else {
            throw APIError.notFound("product `\(id)` has no `\(e.definition.property)` vector")
        }
        let hits: [SearchHit]
        do {
            hits = try e.index.search(v, k: k + 1, filter: .allow { $0 != product.rawValue })
        } catch {
            throw APIError.badRequest(error.message)
        }
        let why = explain(request)
        let items = hits.prefix(k).map { item(s, NodeID($0.id), Double($0.score), why ? "cosine similarity of `\(e.definition.property)`" : nil) }
        return ProductList(subject: id, strategy: "similar", items: items)
    }

    func recommendations(_ request: Request, _ context: BasicRequestContext) throws -> ProductList {
        try checkDatabase(context)
        let s = database.graph.snapshot
        let (id, customer) = try node("Customer", context, s)
        let k = try limit(request)
        if let strategy = request.uri.queryParameters["strategy"], strategy != "co-purchase" {
            throw APIError.badRequest("unknown strategy `\(strategy)` (available: co-purchase)")
        }
        var counter = CoPurchase(snapshot: s, type: try purchased(s))
        let r = counter.scores(for: customer, limit: k)
        let why = explain(request)
        let items = r.top.map {
            item(s, $0.product, Double($0.count), why ? "bought \($0.count) times by customers who share purchases with \(id)" : nil)
        }
        return ProductList(subject: id, strategy: "co-purchase", items: items)
    }
}
