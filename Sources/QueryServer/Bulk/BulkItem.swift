import GraphStore

/// A per-item error of a bulk request: which item (0-based) and why.
struct BulkItemError: Error {
    let index: Int
    let code: String
    let message: String

    var json: JSON { ["index": .int(Int64(index)), "code": .string(code), "message": .string(message)] }
}

/// A node to upsert: found by its unique key (`label`.`key` = value), else created.
struct NodeUpsert: Sendable {
    var labels: [String]
    /// The label whose unique constraint identifies the node.
    var keyLabel: String
    var key: String
    var keyValue: PropertyValue
    var properties: [(String, PropertyValue)]
}

/// A node named by a unique key: `{"label": "Customer", "id": "c1"}`.
struct NodeReference: Sendable {
    var label: String
    var key: String
    var value: PropertyValue

    var description: String { "(:\(label) {\(key): \(value)})" }
}

/// A relationship to upsert between two nodes named by their keys.
struct RelationshipUpsert: Sendable {
    var type: String
    var from: NodeReference
    var to: NodeReference
    /// When set, an existing relationship matches only if this property equals the item's value,
    /// so that one pair can hold several relationships of a type (one per invoice, say).
    var key: String?
    var properties: [(String, PropertyValue)]
}

enum BulkItemParser {
    static func invalid(_ index: Int, _ message: String) -> BulkItemError {
        BulkItemError(index: index, code: "InvalidItem", message: message)
    }

    static func properties(_ json: JSON?, _ index: Int) throws(BulkItemError) -> [(String, PropertyValue)] {
        switch json {
        case nil, .null?: return []
        case .object(let pairs)?:
            var out: [(String, PropertyValue)] = []
            for (k, v) in pairs {
                guard !k.isEmpty else { throw invalid(index, "a property name cannot be empty") }
                do { out.append((k, try v.propertyValue())) } catch {
                    throw invalid(index, "property `\(k)`: \(error.message)")
                }
            }
            return out
        case let other?: throw invalid(index, "`properties` must be an object, not \(other.typeName)")
        }
    }

    /// Reads `{"labels": [..] | "label": "..", "key"?: "..", "properties": {..}}`; the key defaults
    /// to the property of the (only, or `id`) unique constraint on the item's labels.
    static func node(_ item: JSON, _ index: Int, constraints: [String: [String]]) throws(BulkItemError) -> NodeUpsert {
        guard case .object = item else { throw invalid(index, "an item must be an object, not \(item.typeName)") }
        var labels: [String] = []
        if let l = item["label"] {
            guard let s = l.stringValue, !s.isEmpty else { throw invalid(index, "`label` must be a non-empty string") }
            labels.append(s)
        }
        if let ls = item["labels"] {
            guard let array = ls.arrayValue else { throw invalid(index, "`labels` must be an array of strings") }
            for l in array {
                guard let s = l.stringValue, !s.isEmpty else { throw invalid(index, "`labels` must be an array of non-empty strings") }
                if !labels.contains(s) { labels.append(s) }
            }
        }
        guard !labels.isEmpty else { throw invalid(index, "an item needs a `label` (or `labels`)") }
        let props = try properties(item["properties"], index)
        var keyLabel: String?
        var key: String?
        if let k = item["key"] {
            guard let s = k.stringValue else { throw invalid(index, "`key` must be a string") }
            keyLabel = labels.first { constraints[$0]?.contains(s) == true }
            guard keyLabel != nil else {
                throw BulkItemError(
                    index: index, code: "NoUniqueConstraint",
                    message: "no unique constraint on `\(s)` for labels \(labels.map { ":" + $0 }.joined()); "
                        + "create one with CREATE CONSTRAINT FOR (n:\(labels[0])) REQUIRE n.\(s) IS UNIQUE")
            }
            key = s
        } else {
            let candidates = labels.flatMap { l in (constraints[l] ?? []).map { (l, $0) } }
            let pick = candidates.count == 1 ? candidates.first : candidates.first { $0.1 == "id" }
            guard let pick else {
                throw BulkItemError(
                    index: index, code: candidates.isEmpty ? "NoUniqueConstraint" : "AmbiguousKey",
                    message: candidates.isEmpty
                        ? "no unique constraint on \(labels.map { ":" + $0 }.joined()) to key the upsert on; create one "
                            + "with CREATE CONSTRAINT FOR (n:\(labels[0])) REQUIRE n.id IS UNIQUE"
                        : "several unique keys apply (\(candidates.map { "\($0.0).\($0.1)" }.joined(separator: ", "))); name one in `key`")
            }
            keyLabel = pick.0
            key = pick.1
        }
        guard let value = props.first(where: { $0.0 == key! })?.1, !value.isNull else {
            throw invalid(index, "`properties` must hold the key `\(key!)`")
        }
        return NodeUpsert(labels: labels, keyLabel: keyLabel!, key: key!, keyValue: value, properties: props)
    }

    static func reference(_ json: JSON?, _ field: String, _ index: Int, constraints: [String: [String]]) throws(BulkItemError) -> NodeReference {
        guard let json, case .object(let pairs) = json else {
            throw invalid(index, "`\(field)` must be an object like {\"label\": \"Customer\", \"id\": \"c1\"}")
        }
        guard let label = json["label"]?.stringValue else { throw invalid(index, "`\(field).label` must be a string") }
        let rest = pairs.filter { $0.0 != "label" }
        guard rest.count == 1, let (key, raw) = rest.first else {
            throw invalid(index, "`\(field)` must hold `label` and exactly one key property")
        }
        guard constraints[label]?.contains(key) == true else {
            throw BulkItemError(
                index: index, code: "NoUniqueConstraint", message: "`\(field)`: no unique constraint on :\(label)(\(key))")
        }
        let value: PropertyValue
        do { value = try raw.propertyValue() } catch { throw invalid(index, "`\(field).\(key)`: \(error.message)") }
        guard !value.isNull else { throw invalid(index, "`\(field).\(key)` cannot be null") }
        return NodeReference(label: label, key: key, value: value)
    }

    /// Reads `{"type": "..", "from": {label, <key>: v}, "to": {..}, "key"?: "..", "properties": {..}}`.
    static func relationship(_ item: JSON, _ index: Int, constraints: [String: [String]]) throws(BulkItemError) -> RelationshipUpsert {
        guard case .object = item else { throw invalid(index, "an item must be an object, not \(item.typeName)") }
        guard let type = item["type"]?.stringValue, !type.isEmpty else { throw invalid(index, "`type` must be a non-empty string") }
        let from = try reference(item["from"], "from", index, constraints: constraints)
        let to = try reference(item["to"], "to", index, constraints: constraints)
        let props = try properties(item["properties"], index)
        var key: String?
        if let k = item["key"] {
            guard let s = k.stringValue else { throw invalid(index, "`key` must be a string") }
            guard props.contains(where: { $0.0 == s && !$0.1.isNull }) else {
                throw invalid(index, "`properties` must hold the key `\(s)`")
            }
            key = s
        }
        return RelationshipUpsert(type: type, from: from, to: to, key: key, properties: props)
    }
}
