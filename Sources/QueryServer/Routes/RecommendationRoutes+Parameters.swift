import Engine
import GraphStore
import Hummingbird
import HummingbirdCore
import Persistence
import Recommend
import VectorIndex

/// The recommendation routes' query parameters: `k`, `explain`, `strategy` and the filter.
extension RecommendationRoutes {
    /// A request's query parameters, parsed once per request (Hummingbird parses them on every access).
    typealias Query = FlatDictionary<Substring, Substring>

    func limit(_ q: Query) throws -> Int {
        guard let text = q["k"] else { return 10 }
        guard let k = Int(String(text)), (1...1000).contains(k) else {
            throw APIError.badRequest("k must be an integer in 1...1000, got `\(text)`")
        }
        return k
    }

    func explain(_ q: Query) throws -> Bool {
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


    /// The filter of `category`, `minPrice`, `maxPrice`, `inStock` and `exclude` (comma-separated product ids;
    /// unknown ids are ignored). `category` takes comma-separated Category ids or names.
    func filter(_ q: Query, _ s: GraphSnapshot) throws -> RecommendationFilter {
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
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
