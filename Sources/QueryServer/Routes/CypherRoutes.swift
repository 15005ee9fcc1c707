import HTTPTypes
import CypherRuntime
import Engine
import GraphStore
import Hummingbird

/// `POST /db/{db}/cypher {query, parameters}` → `{columns, rows, stats}`: one Cypher query in its
/// own transaction (durable before the response when it writes). Nodes come back as
/// `{id, elementId, labels, properties}`, relationships as `{id, elementId, type, startNode, endNode,
/// properties}`, paths as `{nodes, relationships}`, temporal values as ISO 8601 strings.
struct CypherRoutes: Sendable {
    let scopes: DatabaseScopes
    let configuration: ServerConfiguration
    let metrics: RequestMetrics

    func register(on group: RouterGroup<ServerRequestContext>) {
        group.post("cypher") { request, context in try await cypher(request, context) }
    }

    func cypher(_ request: Request, _ context: ServerRequestContext) async throws -> Response {
        let statements = try scopes.scope(context).statements
        var request = request
        let body = try await request.jsonBody(limit: configuration.maxBodyBytes, timeout: configuration.bodyTimeout)
        guard case .object = body else { throw APIError.badRequest("the body must be a JSON object {query, parameters}") }
        guard let query = body["query"]?.stringValue else {
            throw APIError.badRequest("`query` (a string) is required")
        }
        guard query.utf8.count <= configuration.maxQueryBytes else {
            throw APIError(
                .badRequest, code: "QueryTooLong",
                "the query is \(query.utf8.count) bytes long; the limit is \(configuration.maxQueryBytes)")
        }
        let parameters = try body.parameters("parameters")
        do { try statements.authorise(query, parameters: parameters.keys, context: context) } catch { throw error.apiError }
        let result: QueryResult
        do {
            // A client that disconnects stops its statement at the next checkpoint.
            let gone = await context.disconnectCancellation()
            result = try await statements.query(
                query, parameters: parameters, cancellation: gone.map { g in QueryCancellation { g.isClosed } })
            metrics.recordQuery(endpoint: "cypher", ok: true)
        } catch {
            metrics.recordQuery(endpoint: "cypher", ok: false)
            throw APIError.from(error)
        }
        do { return try Self.json(result, limit: configuration.queryMemoryBytes).response() } catch { throw APIError.from(error) }
    }

    /// `{columns, rows, stats}` (plus `plan` for EXPLAIN and PROFILE); rows past `limit` bytes of JSON are
    /// refused (see `JSON.rows`).
    static func json(_ r: QueryResult, limit: Int) throws(CypherRuntimeError) -> JSON {
        let renderer = ValueRenderer(snapshot: r.snapshot)
        let w = r.statistics
        let stats: JSON = [
            "containsUpdates": .bool(w.containsUpdates || r.propertiesRemoved > 0),
            "nodesCreated": .int(Int64(w.nodesCreated)), "nodesDeleted": .int(Int64(w.nodesDeleted)),
            "relationshipsCreated": .int(Int64(w.relationshipsCreated)),
            "relationshipsDeleted": .int(Int64(w.relationshipsDeleted)),
            "propertiesSet": .int(Int64(w.propertiesSet)), "propertiesRemoved": .int(Int64(r.propertiesRemoved)),
            "labelsAdded": .int(Int64(w.labelsAdded)), "labelsRemoved": .int(Int64(w.labelsRemoved)),
            "constraintsAdded": .int(Int64(w.constraintsAdded)), "constraintsRemoved": .int(Int64(w.constraintsRemoved)),
        ]
        var out: [(String, JSON)] = [
            ("columns", .array(r.columns.map(JSON.string))),
            ("rows", try JSON.rows(r.rows, limit: limit, wrote: w.containsUpdates) { .array($0.map(renderer.entity)) }),
            ("stats", stats),
        ]
        if !r.plan.isEmpty { out.append(("plan", .array(r.plan.map(JSON.string)))) }
        return .object(out)
    }
}
