import Hummingbird

/// `GET /health`.
struct HealthResponse: ResponseEncodable {
    let status: String
    let nodes: Int
    let relationships: Int
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
