import HTTPTypes
import Foundation
import Embeddings
import Engine
import GraphStore
import Hummingbird
import Persistence
import VectorIndex

/// `POST /db/{db}/search {text | vector, k, filter, index?, probes?}`: semantic search over a
/// vector index (by default the one over `Product` nodes). `text` is embedded with MiniLM;
/// `filter` keeps nodes whose properties equal the given values (an array value means any of them).
struct SearchRoutes: Sendable {
    let scopes: DatabaseScopes
    let configuration: ServerConfiguration
    let embedders: TextEmbedderCache

    func register(on group: RouterGroup<ServerRequestContext>) {
        group.post("search") { request, context in try await search(request, context) }
    }

    private func index(named name: String?, in database: Database) throws(APIError) -> VectorIndexes.Entry {
        if let name {
            guard let e = database.vectorIndexes.index(named: name) else {
                throw APIError(.notFound, code: "NoVectorIndex", "no vector index named `\(name)`")
            }
            return e
        }
        let all = database.vectorIndexes.all
        guard let e = all.first(where: { $0.definition.label == "Product" }) ?? (all.count == 1 ? all.first : nil) else {
            throw APIError(
                .notFound, code: "NoVectorIndex",
                all.isEmpty
                    ? "no vector index; embed the products (`ignitabull serve --demo` does when the model is present) "
                        + "or create one with `ignitabull index create`"
                    : "several vector indexes and none over Product; name one in `index`")
        }
        return e
    }

    /// The predicate of a `filter` object.
    static func filter(_ json: JSON?, snapshot s: GraphSnapshot) throws(APIError) -> SearchFilter? {
        guard let json, json != .null else { return nil }
        guard case .object(let pairs) = json else { throw APIError.badRequest("`filter` must be an object of property values") }
        var conditions: [(PropertyKeyID?, [PropertyValue])] = []
        for (key, value) in pairs {
            let options = value.arrayValue ?? [value]
            var allowed: [PropertyValue] = []
            for o in options {
                do { allowed.append(try o.propertyValue()) } catch {
                    throw APIError.badRequest("filter `\(key)`: \(error.message)")
                }
            }
            conditions.append((s.catalog.propertyKey(key), allowed))
        }
        let rules = conditions
        return .allow { id in
            let node = NodeID(id)
            for (key, allowed) in rules {
                guard let key, let v = s.property(node, key) else { return false }
                let matches = allowed.contains { a in
                    if let x = a.numericValue, let y = v.numericValue { return x == y }
                    return a == v
                }
                if !matches { return false }
            }
            return true
        }
    }

    func search(_ request: Request, _ context: ServerRequestContext) async throws -> Response {
        let database = try scopes.database(context)
        var request = request
        let body = try await request.jsonBody(limit: configuration.maxBodyBytes, timeout: configuration.bodyTimeout)
        guard case .object = body else { throw APIError.badRequest("the body must be a JSON object {text | vector, k, filter}") }
        let k: Int
        switch body["k"] {
        case nil, .null?: k = 10
        case let v?:
            guard let i = v.intValue, (1...1000).contains(i) else { throw APIError.badRequest("`k` must be an integer in 1...1000") }
            k = Int(i)
        }
        var probes: Int?
        if let p = body["probes"], p != .null {
            guard let i = p.intValue, i >= 1, i <= 65_536 else { throw APIError.badRequest("`probes` must be a positive integer") }
            probes = Int(i)
        }
        let name: String?
        switch body["index"] {
        case nil, .null?: name = nil
        case .string(let text)? where !text.isEmpty: name = text
        case _?: throw APIError.badRequest("`index` must be a non-empty string (an index name)")
        }
        let entry = try index(named: name, in: database)
        let query: [Float]
        switch (body["text"], body["vector"]) {
        case (let t?, nil):
            guard let text = t.stringValue, text.unicodeScalars.contains(where: { !$0.properties.isWhitespace && $0 != "\u{FEFF}" }) else {
                throw APIError.badRequest("`text` must be a non-empty string")
            }
            let embedder = try embedders.embedder()
            guard embedder.dimension == entry.definition.dimensions else {
                throw APIError(
                    .conflict, code: "DimensionMismatch",
                    "index `\(entry.definition.name)` holds \(entry.definition.dimensions)-d vectors, but text embeds to "
                        + "\(embedder.dimension)-d; search it by `vector`")
            }
            query = await BlockingWork.run { embedder.encode([text])[0] }
        case (nil, let v?):
            guard let items = v.arrayValue else { throw APIError.badRequest("`vector` must be an array of numbers") }
            var out: [Float] = []
            out.reserveCapacity(items.count)
            for x in items {
                guard let d = x.doubleValue else { throw APIError.badRequest("`vector` must be an array of numbers") }
                out.append(Float(d))
            }
            guard out.count == entry.definition.dimensions else {
                throw APIError.badRequest(
                    "`vector` has \(out.count) numbers; index `\(entry.definition.name)` holds \(entry.definition.dimensions)-d vectors")
            }
            query = out
        default:
            throw APIError.badRequest("give exactly one of `text` and `vector`")
        }
        let s = database.graph.snapshot
        let hits: [SearchHit]
        do {
            // Exact cosine scores from the stored vectors; without `probes`, the index's recall target applies.
            hits = try entry.search(
                query, k: k, options: SearchOptions(probes: probes), filter: try Self.filter(body["filter"], snapshot: s),
                snapshot: s)
        } catch let e as APIError {
            throw e
        } catch {
            throw APIError.from(error)
        }
        let renderer = ValueRenderer(snapshot: s)
        let vectorKey = entry.definition.property
        let items: [JSON] = hits.compactMap { h in
            let n = NodeID(h.id)
            guard s.contains(n) else { return nil }
            var properties: [(String, JSON)] = []
            if case .object(let pairs) = renderer.properties(of: n) { properties = pairs.filter { $0.0 != vectorKey } }
            return [
                "id": s.property(n, "id").map(ValueRenderer.json) ?? .int(Int64(n.rawValue)),
                "description": (s.property(n, "description") ?? s.property(n, "name")).map(ValueRenderer.json) ?? .null,
                "score": .double(Double(h.score)),
                "labels": .array(s.labelNames(of: n).map(JSON.string)),
                "properties": .object(properties),
            ]
        }
        let out: JSON = ["index": .string(entry.definition.name), "items": .array(items)]
        return out.response()
    }
}
