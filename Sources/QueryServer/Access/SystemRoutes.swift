import Access
import Engine
import CypherRuntime
import HTTPTypes
import Hummingbird

/// The `system` database: admin commands (`CREATE USER`, `GRANT ROLE`, `SHOW USERS`, `CREATE DATABASE`, `DROP
/// DATABASE`, `SHOW DATABASES`, …) through Neo4j's HTTP API (`POST /db/system/tx/commit`) and the Cypher route
/// (`POST /db/system/cypher`). Without access control every caller may run the database commands, and the user
/// commands are refused (there are no users).
struct SystemRoutes: Sendable {
    let access: AccessControl?
    let databases: Databases
    let configuration: ServerConfiguration

    func register(on router: Router<ServerRequestContext>) {
        let system = router.group("db/system")
        system.post("tx/commit") { request, context in try await commit(request, context) }
        system.post("cypher") { request, context in try await cypher(request, context) }
    }

    /// Runs one command off the cooperative pool (a password is hashed on the way).
    private func run(_ text: String, _ parameters: [String: Value], _ context: ServerRequestContext) async throws(AccessError) -> AdminResult {
        let secrets = parameters.compactMapValues { v -> String? in if case .string(let s) = v { s } else { nil } }
        let (access, source, principal) = (access, context.source, context.principal)
        let databases = databases
        let result: Result<AdminResult, AccessError> = await BlockingWork.run {
            do throws(AccessError) {
                return .success(
                    try QueryServer.runSystemCommand(
                        text, parameters: secrets, principal: principal, source: source, access: access, databases: databases))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Without access control: the database commands, run for anyone; the user commands are refused.
    static func runWithoutAccessControl(_ text: String, _ catalog: RegistryCatalog) throws(AccessError) -> AdminResult {
        guard let result = try AdminCommand.parse(text).runDatabaseCommand(on: catalog) else {
            throw AccessError(.invalidArgument, "This server runs without access control (--no-auth): there are no users or roles to manage.")
        }
        return result
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

extension SystemRoutes: DocumentedRoutes {
    static var openAPIPaths: [(String, JSON)] {
        typealias D = OpenAPIDocument
        let statements: JSON = ["type": "object", "required": ["statements"], "properties": [
            "statements": ["type": "array", "items": ["type": "object", "required": ["statement"], "properties": [
                "statement": ["type": "string"], "parameters": ["type": "object"],
            ]]],
        ]]
        let results: JSON = ["type": "object", "properties": ["results": ["type": "array"], "errors": ["type": "array"]]]
        let table: JSON = ["type": "object", "properties": ["columns": ["type": "array"], "rows": ["type": "array"]]]
        let query: JSON = ["type": "object", "required": ["query"], "properties": ["query": ["type": "string"], "parameters": ["type": "object"]]]
        return [
            ("/db/system/tx/commit", ["post": D.operation(
                "Admin commands of the system database (users, roles, CREATE/DROP/SHOW DATABASE) in Neo4j's transaction format",
                tag: "system", body: statements,
                responses: [("200", D.json(results)), D.badRequest("Malformed body"), ("403", D.json(results, "Not an admin"))])]),
            ("/db/system/cypher", ["post": D.operation(
                "One admin command of the system database", tag: "system", body: query,
                responses: [("200", D.json(table)), D.badRequest("Bad command or argument"), ("403", D.json(D.ref("Error"), "Not an admin")),
                    ("404", D.json(D.ref("Error"), "DROP DATABASE of a database that does not exist"))])]),
        ]
    }
}
