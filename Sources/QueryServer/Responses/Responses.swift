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

/// A response body the recommendation routes write with `JSONWriter` (quicker than `JSONEncoder` or
/// a `JSON` tree, and the bytes can be cached). Optional fields that are nil are left out, as
/// `Encodable` does.
protocol JSONBody {
    func write(to w: inout JSONWriter)
}

extension JSONBody {
    /// The compact JSON text.
    var bytes: [UInt8] {
        var w = JSONWriter()
        write(to: &w)
        return w.bytes
    }
}

extension ProductScore {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("description", description)
        w.field("score", score)
        w.field("reason", reason)
        w.endObject()
    }
}

extension ProductList: JSONBody {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("subject", subject)
        w.field("strategy", strategy)
        w.key("items")
        w.beginArray()
        for item in items { item.write(to: &w) }
        w.endArray()
        w.endObject()
    }
}
