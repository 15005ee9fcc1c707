import Engine
import GraphStore
import Hummingbird
import HummingbirdCore
import Persistence
import Recommend
import VectorIndex

/// `products/{id}/also-bought`, `frequently-bought-with` and `similar`.
extension RecommendationRoutes {
    func node(_ label: String, _ context: ServerRequestContext, _ s: GraphSnapshot) throws -> (String, NodeID) {
        let id = try PathParameter.require("id", in: context)
        guard let n = s.lookup(label: label, text: id) else {
            throw APIError.notFound("no \(label) with id `\(id)`")
        }
        return (id, n)
    }

    func item(_ s: GraphSnapshot, _ n: NodeID, _ score: Double, _ reason: String?) -> ProductScore {
        ProductScore(
            id: s.property(n, "id")?.stringValue ?? String(n.rawValue),
            description: s.property(n, "description")?.stringValue ?? s.property(n, "name")?.stringValue,
            score: score, reason: reason)
    }

    func purchased(_ s: GraphSnapshot) throws -> RelationshipTypeID {
        guard let t = s.catalog.relationshipType("PURCHASED") else {
            throw APIError(.notFound, code: "NoPurchases", "the graph has no PURCHASED relationships")
        }
        return t
    }


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
}
