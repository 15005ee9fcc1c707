import Engine
import GraphStore
import Hummingbird
import HummingbirdCore
import Persistence
import Recommend
import VectorIndex

/// `customers/{id}/recommendations`, and the answer's items with their properties and reasons.
extension RecommendationRoutes {
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


    /// Runs `body`, turning the recommender's errors into 400s.
    func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as RecommendError where e.code == .invalidArgument {
            throw APIError.badRequest(e.message)
        } catch let e as RecommendError {
            throw APIError(.notFound, code: "NoPurchases", e.message)
        }
    }

    func description(_ s: GraphSnapshot, _ n: NodeID) -> String? {
        s.property(n, "description")?.stringValue ?? s.property(n, "name")?.stringValue
    }

    /// The answer's items, with the property keys looked up once for all of them.
    func products(_ items: [Recommendation], _ s: GraphSnapshot, explain: Bool) -> [RecommendedProduct] {
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
