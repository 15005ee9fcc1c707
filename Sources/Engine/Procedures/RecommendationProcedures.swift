import CypherRuntime
import CypherSyntax
import GraphStore
import Recommend

/// The `rec.*` procedures: every recommendation strategy, callable from Cypher.
///
/// | procedure | arguments | yields |
/// |---|---|---|
/// | `rec.forCustomer(customer, k)` | customer id (STRING) or node; k | product, score, reason |
/// | `rec.forCustomerWith(customer, k, strategy)` | as above plus a strategy name (`blend`, `item-knn`, …) | product, score, reason |
/// | `rec.similar(product, k)` | product id or node; k | product, score, reason |
/// | `rec.alsoBought(product, k)` | product id or node; k | product, score, reason |
/// | `rec.frequentlyBoughtWith(product, k)` | product id or node; k | product, score, reason |
/// | `rec.popular(k)` | k | product, score, reason |
/// | `rec.trending(k)` | k | product, score, reason |
///
/// `k` is 1...1000. An unknown customer gets cold-start picks; an unknown product yields no rows.
/// The procedures read the latest committed snapshot.
extension Database {
    var recommendationProcedures: [Procedure] {
        let outputs: [(name: String, type: StaticType)] = [("product", .node), ("score", .float), ("reason", .string)]
        func procedure(
            _ name: String, _ inputs: [(name: String, type: StaticType)],
            _ body: @escaping @Sendable (Database, [Value]) throws -> [[Value]]
        ) -> Procedure {
            Procedure(name: name, signature: .init(inputs: inputs, outputs: outputs)) { [weak self] arguments in
                guard let db = self else {
                    throw CypherRuntimeError(.procedureNotFound, "the database of \(name) is closed")
                }
                guard arguments.count == inputs.count else {
                    throw CypherRuntimeError(
                        .invalidArgumentValue, "\(name) takes \(inputs.count) arguments, got \(arguments.count)")
                }
                do {
                    return try body(db, arguments)
                } catch let e as RecommendError {
                    throw CypherRuntimeError(.argumentOutOfRange, "\(name): \(e.message)")
                }
            }
        }
        return [
            procedure("rec.forCustomer", [("customer", .any), ("k", .integer)]) { db, a in
                try Self.forCustomer(db, a[0], a[1], .auto)
            },
            procedure("rec.forCustomerWith", [("customer", .any), ("k", .integer), ("strategy", .string)]) { db, a in
                guard case .string(let name) = a[2], let strategy = RecommendationRequest.Strategy(rawValue: name)
                else {
                    let names = RecommendationRequest.Strategy.allCases.map(\.rawValue).joined(separator: ", ")
                    throw CypherRuntimeError(.invalidArgumentValue, "strategy must be one of \(names)")
                }
                return try Self.forCustomer(db, a[0], a[1], strategy)
            },
            procedure("rec.similar", [("product", .any), ("k", .integer)]) { db, a in
                let s = db.graph.snapshot
                guard let p = try Self.node(a[0], "Product", s) else { return [] }
                let k = try Self.k(a[1])
                return try db.recommenderCache.withRecommender(snapshot: s, embeddings: db.productEmbeddings(in: s)) {
                    r in
                    try r.similar(to: p, in: s, k: k) ?? []
                }.map { Self.row($0, s) }
            },
            procedure("rec.alsoBought", [("product", .any), ("k", .integer)]) { db, a in
                let s = db.graph.snapshot
                guard let p = try Self.node(a[0], "Product", s), let t = s.catalog.relationshipType("PURCHASED") else {
                    return []
                }
                var also = AlsoBought(snapshot: s, type: t)
                return also.scores(for: p, limit: try Self.k(a[1])).map {
                    [
                        .node($0.product), .float($0.score),
                        .string("bought \($0.count) times by customers who bought this"),
                    ]
                }
            },
            procedure("rec.frequentlyBoughtWith", [("product", .any), ("k", .integer)]) { db, a in
                let s = db.graph.snapshot
                guard let p = try Self.node(a[0], "Product", s),
                    let t = s.catalog.relationshipType("FREQUENTLY_BOUGHT_WITH")
                else { return [] }
                let k = try Self.k(a[1])
                let lift = s.catalog.propertyKey("lift")
                let count = s.catalog.propertyKey("count")
                var pairs: [(product: NodeID, lift: Double, count: Int64)] = []
                s.forEachRelationship(of: p, type: t, direction: .both) { other, r in
                    pairs.append(
                        (
                            other, lift.flatMap { s.property(r, $0)?.numericValue } ?? 0,
                            count.flatMap { s.property(r, $0)?.intValue } ?? 0
                        ))
                }
                pairs.sort {
                    $0.count != $1.count
                        ? $0.count > $1.count : ($0.lift != $1.lift ? $0.lift > $1.lift : $0.product < $1.product)
                }
                return pairs.prefix(k).map {
                    [
                        .node($0.product), .float(Double($0.count)),
                        .string("in \($0.count) baskets together (lift \(Recommendation.format($0.lift)))"),
                    ]
                }
            },
            procedure("rec.popular", [("k", .integer)]) { db, a in
                try Self.forCustomer(db, .null, a[0], .popular)
            },
            procedure("rec.trending", [("k", .integer)]) { db, a in
                try Self.forCustomer(db, .null, a[0], .trending)
            },
        ]
    }

    private static func forCustomer(
        _ db: Database, _ customer: Value, _ k: Value, _ strategy: RecommendationRequest.Strategy
    ) throws -> [[Value]] {
        let s = db.graph.snapshot
        let c = customer.isNull ? nil : try node(customer, "Customer", s)
        let request = RecommendationRequest(k: try Self.k(k), strategy: strategy)
        return try db.recommenderCache.withRecommender(snapshot: s, embeddings: db.productEmbeddings(in: s)) { r in
            try r.recommend(for: c, in: s, request)
        }.map { row($0, s) }
    }

    private static func row(_ r: Recommendation, _ s: GraphSnapshot) -> [Value] {
        [.node(r.product), .float(r.score), .string(r.reason(in: s))]
    }

    private static func k(_ v: Value) throws -> Int {
        guard case .int(let k) = v, (1...1000).contains(k) else {
            throw CypherRuntimeError(.argumentOutOfRange, "k must be an integer in 1...1000")
        }
        return Int(k)
    }

    /// A node argument: the node itself, or the `id` of a node with `label`; nil when no such node exists.
    private static func node(_ v: Value, _ label: String, _ s: GraphSnapshot) throws -> NodeID? {
        switch v {
        case .node(let n): return s.contains(n) ? n : nil
        case .string(let id): return s.lookup(label: label, text: id)
        case .int(let id):
            return s.lookup(label: label, key: "id", value: .int(id)) ?? s.lookup(label: label, key: "id", value: .string(String(id)))
        default:
            throw CypherRuntimeError(.invalidArgumentType, "expected a \(label) node or its id, got \(v.typeName)")
        }
    }
}
