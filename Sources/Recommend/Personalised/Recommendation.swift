public import GraphStore

/// One recommended product, with the signals that put it there.
public struct Recommendation: Sendable {
    /// A signal's share of a recommendation's score.
    public struct Contribution: Sendable, Hashable {
        public enum Signal: String, Sendable, Hashable {
            case itemKNN = "item-knn"
            case embedding, influencer, category, popular, trending
            /// The model the automatic selection chose (EASE, ALS, item-kNN, RP3β).
            case model
        }
        public var signal: Signal
        /// The weighted, normalised value this signal added to the score.
        public var value: Double
        /// What led to it: a purchased product (item-kNN), an influencer, a category; nil otherwise.
        public var because: NodeID?
        /// A raw figure for the explanation: the cosine similarity, the buyer count, …
        public var detail: Double
    }

    public var product: NodeID
    public var score: Double
    /// Signals, largest contribution first.
    public var contributions: [Contribution]
    /// Whether it came from the cold-start path (no history to personalise from).
    public var coldStart: Bool
}

extension Recommendation {
    /// A one-line explanation, naming products, influencers and categories by their `id` or `name`.
    public func reason(in s: GraphSnapshot) -> String {
        func name(_ n: NodeID) -> String {
            let id = s.property(n, "id")?.stringValue ?? "n\(n.rawValue)"
            if let d = s.property(n, "description")?.stringValue ?? s.property(n, "name")?.stringValue, d != id {
                return "\(id) (\(d))"
            }
            return id
        }
        let parts = contributions.map { c -> String in
            let who = c.because.map(name) ?? ""
            switch c.signal {
            case .itemKNN:
                return "bought together with \(who), which you purchased (similarity \(Self.format(c.detail)))"
            case .embedding: return "close to the products you bought (embedding cosine \(Self.format(c.detail)))"
            case .influencer: return "promoted by \(who), whom you follow"
            case .category:
                return "popular in \(who), a category you buy from (\(Self.format(c.detail * 100))% of your purchases)"
            case .popular: return "popular: bought by \(Int(c.detail)) customers"
            case .trending: return "trending: \(Self.format(c.detail)) recent purchases (decayed)"
            case .model:
                return c.because == nil
                    ? "ranked by the selected model (score \(Self.format(c.value)))"
                    : "the selected model links it to \(who), which you purchased (weight \(Self.format(c.detail)))"
            }
        }
        return parts.isEmpty ? "ranked by popularity" : parts.joined(separator: "; ")
    }

    /// A number for an explanation: at most two decimals, no trailing `.0`.
    public static func format(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
