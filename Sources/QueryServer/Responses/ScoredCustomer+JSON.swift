public import Recommend

/// `ScoredCustomer` as `POST /db/{db}/score` sends it, and back: `ignitabull score` through a server decodes
/// with the same code the server encodes with, and writes what a local `score` writes.
extension ScoredCustomer {
    public var json: JSON {
        [
            "customer": .string(customer), "knownCustomer": .bool(knownCustomer), "coldStart": .bool(coldStart),
            "items": .array(
                items.map { i in
                    .object(
                        [("product", .string(i.product)), ("score", .double(i.score))]
                            + (i.reason.map { [("reason", JSON.string($0))] } ?? []))
                }),
        ]
    }

    /// Reads `json`; nil when a field is missing or has the wrong type.
    public init?(json: JSON) {
        guard let customer = json["customer"]?.stringValue, let known = json["knownCustomer"]?.boolValue,
            let coldStart = json["coldStart"]?.boolValue, let list = json["items"]?.arrayValue
        else { return nil }
        var items: [Item] = []
        for i in list {
            guard let product = i["product"]?.stringValue, let score = i["score"]?.doubleValue else { return nil }
            items.append(Item(product: product, score: score, reason: i["reason"]?.stringValue))
        }
        self.init(customer: customer, knownCustomer: known, coldStart: coldStart, items: items)
    }
}
