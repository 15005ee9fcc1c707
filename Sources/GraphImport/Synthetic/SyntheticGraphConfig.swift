/// The shape of a synthetic recommendation graph. Every count not given is derived from the
/// three main ones, so `customers`, `products` and `purchases` set the scale.
public struct SyntheticGraphConfig: Sendable, Hashable {
    public var customers: Int
    public var products: Int
    public var purchases: Int
    public var seed: UInt64 = 42
    /// Zipf exponent of product popularity (how strongly purchases concentrate on top products).
    public var productSkew = 0.7
    /// Zipf exponent of customer activity.
    public var customerSkew = 0.5

    public var categories: Int { max(5, products / 200) }
    public var influencers: Int { max(5, customers / 100) }
    public var views: Int { purchases / 2 }
    public var reviews: Int { purchases / 20 }
    public var followsPerCustomer: Int { 2 }
    public var referralFraction: Double { 0.1 }
    public var similarPerProduct: Int { 3 }
    public var boughtWithPerProduct: Int { 2 }
    public var promotionsPerInfluencer: Int { 20 }
    public var collaborationsPerInfluencer: Int { 2 }
    public var specialitiesPerInfluencer: Int { 2 }

    public init(customers: Int, products: Int, purchases: Int, seed: UInt64 = 42) {
        self.customers = customers
        self.products = products
        self.purchases = purchases
        self.seed = seed
    }

    /// The reference scale: 50k customers, 20k products, 1M purchases.
    public static let reference = SyntheticGraphConfig(customers: 50_000, products: 20_000, purchases: 1_000_000)

    /// Checks the limits: at least one customer and product, at most 1M customers and 10M purchases.
    public func validate() throws(ImportError) {
        func bad(_ m: String) -> ImportError { ImportError(.invalidArgument, file: "<generate>", m) }
        guard customers >= 1 && customers <= 1_000_000 else { throw bad("customers must be in 1...1,000,000") }
        guard products >= 1 && products <= 1_000_000 else { throw bad("products must be in 1...1,000,000") }
        guard purchases >= 0 && purchases <= 10_000_000 else { throw bad("purchases must be in 0...10,000,000") }
        guard productSkew >= 0 && productSkew <= 3 && customerSkew >= 0 && customerSkew <= 3 else {
            throw bad("skew exponents must be in 0...3")
        }
    }
}
