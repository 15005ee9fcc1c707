import HTTPTypes
import Engine
import GraphStore
import Hummingbird

/// `POST /db/{db}/nodes` and `POST /db/{db}/relationships`: bulk upserts with MERGE semantics,
/// keyed on unique constraints. The body is a JSON array of items or JSON lines (one item per line).
/// All items are checked first; if any is invalid, nothing is applied and the response lists each
/// bad item's index. Otherwise all of them are applied in one transaction: one durable write.
struct BulkRoutes: Sendable {
    let scopes: DatabaseScopes
    let configuration: ServerConfiguration

    func register(on group: RouterGroup<ServerRequestContext>) {
        group.post("nodes") { request, context in try await nodes(request, context) }
        group.post("relationships") { request, context in try await relationships(request, context) }
    }

    /// The error that aborts the write when applying items fails.
    private struct Abort: Error { let errors: [BulkItemError] }

    private func items(_ request: inout Request) async throws(APIError) -> [JSON] {
        let bytes = try await request.bodyBytes(limit: configuration.maxBodyBytes, timeout: configuration.bodyTimeout)
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            throw APIError(.badRequest, code: "InvalidJSON", "the body is empty: send a JSON array of items or JSON lines")
        }
        do {
            if first == UInt8(ascii: "[") {
                guard case .array(let items) = try JSONParser.parse(bytes) else { return [] }
                return items
            }
            return try JSONParser.parseLines(bytes)
        } catch {
            throw APIError(.badRequest, code: "InvalidJSON", "the body is neither a JSON array nor JSON lines: \(error)")
        }
    }

    /// Unique constraints by label name: the key names.
    private func constraints(_ s: GraphSnapshot) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for c in s.constraints where c.isSingleKey { out[s.catalog.name(of: c.label), default: []].append(s.catalog.name(of: c.key)) }
        return out
    }

    private static func invalidItems(_ errors: [BulkItemError], total: Int) -> APIError {
        APIError(
            .badRequest, code: "InvalidItems",
            "\(errors.count) of \(total) items are invalid; nothing was applied",
            details: [("errors", .array(errors.prefix(1000).map(\.json)))])
    }

    private static func itemError(_ index: Int, _ error: any Error) -> BulkItemError {
        let e = APIError.from(error)
        return BulkItemError(index: index, code: e.code, message: e.message)
    }

    private static func summary(_ total: Int, created: Int, updated: Int, _ w: WriteStatistics) -> Response {
        let body: JSON = [
            "items": .int(Int64(total)), "created": .int(Int64(created)), "updated": .int(Int64(updated)),
            "stats": [
                "nodesCreated": .int(Int64(w.nodesCreated)), "relationshipsCreated": .int(Int64(w.relationshipsCreated)),
                "propertiesSet": .int(Int64(w.propertiesSet)), "labelsAdded": .int(Int64(w.labelsAdded)),
            ],
        ]
        return body.response()
    }

    /// Whether an item made something new or changed what was there.
    private enum Outcome { case created, updated }

    /// Parses every item (all errors reported, nothing applied if any), then applies them all in one
    /// durable write; an item that fails there aborts the write and is reported with its index.
    private func upsert<U: Sendable>(
        _ request: Request, _ context: ServerRequestContext,
        parse: (JSON, Int, [String: [String]]) throws(BulkItemError) -> U,
        apply: @escaping @Sendable (inout GraphTransaction, Int, U) throws -> Outcome
    ) async throws -> Response {
        let database = try scopes.database(context)
        var request = request
        let items = try await items(&request)
        let keys = constraints(database.graph.snapshot)
        var upserts: [U] = []
        var errors: [BulkItemError] = []
        for (i, item) in items.enumerated() {
            do { upserts.append(try parse(item, i, keys)) } catch { errors.append(error) }
        }
        guard errors.isEmpty else { throw Self.invalidItems(errors, total: items.count) }
        do {
            let (created, updated, stats) = try await BlockingWork.run { [database, upserts] in try database.graph.write { txn in
                var created = 0
                var updated = 0
                var failures: [BulkItemError] = []
                for (i, u) in upserts.enumerated() {
                    do {
                        switch try apply(&txn, i, u) {
                        case .created: created += 1
                        case .updated: updated += 1
                        }
                    } catch let e as BulkItemError {
                        failures.append(e)
                    } catch {
                        failures.append(Self.itemError(i, error))
                    }
                }
                if !failures.isEmpty { throw Abort(errors: failures) }
                return (created, updated, txn.statistics)
            } }
            return Self.summary(items.count, created: created, updated: updated, stats)
        } catch let abort as Abort {
            throw Self.invalidItems(abort.errors, total: items.count)
        } catch {
            throw APIError.from(error)
        }
    }

    func nodes(_ request: Request, _ context: ServerRequestContext) async throws -> Response {
        try await upsert(request, context, parse: BulkItemParser.node) { txn, _, u in
            if let n = txn.snapshot.lookup(label: u.keyLabel, key: u.key, value: u.keyValue) {
                for (k, v) in u.properties where k != u.key {
                    if v.isNull { try txn.removeProperty(n, k) } else { try txn.setProperty(n, k, v) }
                }
                for l in u.labels { try txn.addLabel(n, l) }
                return .updated
            }
            var props: [String: PropertyValue] = [:]
            for (k, v) in u.properties where !v.isNull { props[k] = v }
            try txn.createNode(labels: u.labels, properties: props)
            return .created
        }
    }

    func relationships(_ request: Request, _ context: ServerRequestContext) async throws -> Response {
        try await upsert(request, context, parse: BulkItemParser.relationship) { txn, i, u in
            guard let a = txn.snapshot.lookup(label: u.from.label, key: u.from.key, value: u.from.value) else {
                throw BulkItemError(index: i, code: "NodeNotFound", message: "no node \(u.from.description)")
            }
            guard let b = txn.snapshot.lookup(label: u.to.label, key: u.to.key, value: u.to.value) else {
                throw BulkItemError(index: i, code: "NodeNotFound", message: "no node \(u.to.description)")
            }
            let s = txn.snapshot
            var existing: RelationshipID?
            if let t = s.catalog.relationshipType(u.type) {
                let keyID = u.key.flatMap { s.catalog.propertyKey($0) }
                let keyValue = u.key.flatMap { k in u.properties.first { $0.0 == k }?.1 }
                if u.key == nil || keyID != nil {
                    s.forEachRelationship(of: a, type: t, direction: .outgoing) { other, r in
                        guard existing == nil, other == b else { return }
                        if let keyID, let keyValue, s.property(r, keyID) != keyValue { return }
                        existing = r
                    }
                }
            }
            if let r = existing {
                for (k, v) in u.properties {
                    if v.isNull { try txn.removeProperty(r, k) } else { try txn.setProperty(r, k, v) }
                }
                return .updated
            }
            var props: [String: PropertyValue] = [:]
            for (k, v) in u.properties where !v.isNull { props[k] = v }
            try txn.createRelationship(from: a, to: b, type: u.type, properties: props)
            return .created
        }
    }
}
