import Access
import CypherRuntime
import HTTPTypes
import Hummingbird

/// The `system` database: admin commands (`CREATE USER`, `GRANT ROLE`, `SHOW USERS`, …) through Neo4j's
/// HTTP API (`POST /db/system/tx/commit`) and the Cypher route (`POST /db/system/cypher`). Registered only
/// with access control; without it `system` does not exist (404 like any unknown database).
struct SystemRoutes: Sendable {
    let access: AccessControl
    let configuration: ServerConfiguration

    func register(on router: Router<ServerRequestContext>) {
        let system = router.group("db/system")
        system.post("tx/commit") { request, context in try await commit(request, context) }
        system.post("cypher") { request, context in try await cypher(request, context) }
    }

    /// Runs one command off the cooperative pool (a password is hashed on the way).
    private func run(_ text: String, _ parameters: [String: Value], _ context: ServerRequestContext) async throws(AccessError) -> AdminResult {
        guard let principal = context.principal else { throw AccessError(.unauthorized, "No authentication header supplied.") }
        let secrets = parameters.compactMapValues { v -> String? in if case .string(let s) = v { s } else { nil } }
        let (access, source) = (access, context.source)
        let result: Result<AdminResult, AccessError> = await BlockingWork.run {
            do throws(AccessError) { return .success(try access.runAdmin(text, parameters: secrets, as: principal, source: source)) } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    static func json(_ v: AdminResult.Value) -> JSON {
        switch v {
        case .string(let s): .string(s)
        case .bool(let b): .bool(b)
        case .strings(let l): .array(l.map(JSON.string))
        case .null: .null
        }
    }

    /// `POST /db/system/tx/commit`: the statements in order, stopping at the first error (as Neo4j does).
    func commit(_ request: Request, _ context: ServerRequestContext) async throws -> Response {
        var request = request
        let bytes = try await request.bodyBytes(limit: configuration.maxBodyBytes, timeout: configuration.bodyTimeout)
        let batch: StatementBatch
        do { batch = try StatementBatch(body: bytes, maxQueryBytes: configuration.maxQueryBytes) } catch {
            return JSON.object([("results", []), ("errors", .array([error.json]))]).response(status: .badRequest)
        }
        var results: [JSON] = []
        for s in batch.statements {
            do throws(AccessError) {
                let r = try await run(s.text, s.parameters, context)
                let data: [JSON] = r.rows.map { row in
                    .object([("row", .array(row.map(Self.json))), ("meta", .array(row.map { _ in JSON.null }))])
                }
                results.append(.object([("columns", .array(r.columns.map(JSON.string))), ("data", .array(data))]))
            } catch {
                let entry: JSON = ["code": .string(error.neo4jCode), "message": .string(error.message)]
                let status: HTTPResponse.Status = error.code == .forbidden ? .forbidden : .ok
                return JSON.object([("results", .array(results)), ("errors", .array([entry]))]).response(status: status)
            }
        }
        return JSON.object([("results", .array(results)), ("errors", [])]).response()
    }

    /// `POST /db/system/cypher {query, parameters}` → `{columns, rows}`; errors as `{code, message}` with
    /// 400 (syntax, arguments) or 403.
    func cypher(_ request: Request, _ context: ServerRequestContext) async throws -> Response {
        var request = request
        let body = try await request.jsonBody(limit: configuration.maxBodyBytes, timeout: configuration.bodyTimeout)
        guard let query = body["query"]?.stringValue else { throw APIError.badRequest("`query` (a string) is required") }
        let r: AdminResult
        do { r = try await run(query, try body.parameters("parameters"), context) } catch let e as AccessError { throw e.apiError }
        return JSON.object([
            ("columns", .array(r.columns.map(JSON.string))), ("rows", .array(r.rows.map { .array($0.map(Self.json)) })),
        ]).response()
    }
}
