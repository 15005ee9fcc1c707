import Hummingbird

/// `GET /health`.
struct HealthResponse: ResponseEncodable {
    let status: String
    /// Of the default database, `neo4j`.
    let nodes: Int
    let relationships: Int
    /// How many graph databases the server has (`system` not counted).
    let databases: Int
}

/// One recommended or related product.
struct ProductScore: ResponseEncodable {
    let id: String
    let description: String?
    let score: Double
    /// Why it was recommended, when asked for (`explain=true`).
    let reason: String?
}

/// A list of products for one subject (a product or a customer).
struct ProductList: ResponseEncodable {
    let subject: String
    let strategy: String
    let items: [ProductScore]
}

/// A response body the recommendation routes write with the server's own JSON writer (quicker than
/// `JSONEncoder`, and the bytes can be cached). Optional fields that are nil are left out, as
/// `Encodable` does.
protocol JSONBody {
    var json: JSON { get }
}

extension ProductScore {
    var json: JSON {
        var o: [(String, JSON)] = [("id", .string(id))]
        if let description { o.append(("description", .string(description))) }
        o.append(("score", .double(score)))
        if let reason { o.append(("reason", .string(reason))) }
        return .object(o)
    }
}

extension ProductList: JSONBody {
    var json: JSON {
        .object([("subject", .string(subject)), ("strategy", .string(strategy)), ("items", .array(items.map(\.json)))])
    }
}
