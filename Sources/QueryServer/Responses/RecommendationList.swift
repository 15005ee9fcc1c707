import Hummingbird

/// Personalised or similar products for one subject.
struct RecommendationList: ResponseEncodable {
    let subject: String
    let strategy: String
    /// Whether the cold-start ranking was used (no history to personalise from).
    let coldStart: Bool
    /// Whether the subject exists in the graph (an unknown customer still gets cold-start picks).
    let knownSubject: Bool
    /// Distinct products in the customer's history.
    let historySize: Int?
    /// `ready` when a recommender model answered, `building` while the first build runs (the answer
    /// then comes from the live graph without a model); nil for answers that need no model.
    let model: String?
    /// Why the answer is cold start: `unknown-customer`, `no-purchases` or `model-building`.
    let coldStartReason: String?
    let items: [RecommendedProduct]
}

extension RecommendationList: JSONBody {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("subject", subject)
        w.field("strategy", strategy)
        w.key("coldStart")
        w.bool(coldStart)
        w.key("knownSubject")
        w.bool(knownSubject)
        w.field("coldStartReason", coldStartReason)
        if let historySize {
            w.key("historySize")
            w.int(historySize)
        }
        w.field("model", model)
        w.key("items")
        w.beginArray()
        for item in items { item.write(to: &w) }
        w.endArray()
        w.endObject()
    }
}

/// One product of a `RecommendationList`; `reason` and `signals` come with `explain=true`.
struct RecommendedProduct: Encodable {
    struct Signal: Encodable {
        let signal: String
        let value: Double
        /// The purchased product, influencer or category behind the signal.
        let because: String?
    }
    let id: String
    let description: String?
    let score: Double
    let reason: String?
    let signals: [Signal]?
}

extension RecommendedProduct {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("description", description)
        w.field("score", score)
        w.field("reason", reason)
        if let signals {
            w.key("signals")
            w.beginArray()
            for g in signals {
                w.beginObject()
                w.field("signal", g.signal)
                w.field("value", g.value)
                w.field("because", g.because)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
    }
}
