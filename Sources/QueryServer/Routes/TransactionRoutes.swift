import Foundation
import Access
import CypherRuntime
import Engine
import GraphStore
import HTTPTypes
import Hummingbird

/// Neo4j's transactional HTTP API: `POST /db/{db}/tx/commit`, `POST /db/{db}/tx`,
/// `POST /db/{db}/tx/{id}`, `POST /db/{db}/tx/{id}/commit`, `DELETE /db/{db}/tx/{id}`, and the
/// discovery document at `GET /`. Statement errors come back in the `errors` array with HTTP 200,
/// as from Neo4j, and roll the transaction back. The legacy `/db/data/transaction…` paths of
/// Neo4j 3 (used by clients given no database name) reach the default database.
struct TransactionRoutes: Sendable {
    let scopes: DatabaseScopes
    let configuration: ServerConfiguration
    let metrics: RequestMetrics

    func register(on router: Router<ServerRequestContext>) {
        router.get("/") { request, _ in discovery(request) }
        let db = router.group("db/:db")
        db.post("tx/commit") { request, context in try await implicitCommit(request, context) }
        db.post("tx") { request, context in try await begin(request, context) }
        db.post("tx/:txid") { request, context in try await run(request, context) }
        db.post("tx/:txid/commit") { request, context in try await commit(request, context) }
        db.delete("tx/:txid") { request, context in try await rollback(request, context) }
        let legacy = router.group("db/data")
        legacy.get("/") { request, _ in legacyDiscovery(request) }
        legacy.post("transaction/commit") { request, context in try await implicitCommit(request, context) }
        legacy.post("transaction") { request, context in try await begin(request, context) }
        legacy.post("transaction/:txid") { request, context in try await run(request, context) }
        legacy.post("transaction/:txid/commit") { request, context in try await commit(request, context) }
        legacy.delete("transaction/:txid") { request, context in try await rollback(request, context) }
    }

    // MARK: - Helpers

    private static func origin(_ request: Request) -> String {
        "http://" + (request.head.authority ?? "localhost:7474")
    }

    /// The database name of the path (`data` for the legacy paths means the default database).
    private func databaseName(_ context: ServerRequestContext) -> String {
        context.parameters.get("db") ?? QueryServer.defaultDatabase
    }

    /// The path prefix of this database's transactions, as the client addressed it.
    private func txPrefix(_ request: Request, _ context: ServerRequestContext) -> String {
        context.parameters.get("db") == nil ? "/db/data/transaction" : "/db/\(databaseName(context))/tx"
    }

    private static func body(_ results: [JSON], _ error: Neo4jError?, extra: [(String, JSON)] = []) -> JSON {
        .object([("results", .array(results)), ("errors", .array(error.map { [$0.json] } ?? []))] + extra)
    }

    private static func failure(_ status: HTTPResponse.Status, _ error: Neo4jError) -> Response {
        body([], error).response(status: status)
    }

    /// The statements of a request and the database they run on, or the response that refuses them.
    enum Prepared {
        case success(StatementBatch, DatabaseScope)
        case failure(Response)
    }

    /// The database of the path (the legacy paths: the default one), or the 404 `DatabaseNotFound` to send.
    private enum Resolved {
        case success(DatabaseScope)
        case failure(Response)
    }

    private func scope(_ context: ServerRequestContext) -> Resolved {
        let name = databaseName(context)
        guard let scope = scopes.scope(named: name) else {
            let e = APIError.databaseNotFound(name)
            return .failure(Self.failure(.notFound, Neo4jError(e.code, e.message)))
        }
        return .success(scope)
    }

    /// Checks the database and reads the statements; on failure, the error response to send.
    private func prepare(_ request: inout Request, _ context: ServerRequestContext) async -> Prepared {
        let scope: DatabaseScope
        switch self.scope(context) {
        case .failure(let response): return .failure(response)
        case .success(let s): scope = s
        }
        let statements = scope.statements
        let bytes: [UInt8]
        do { bytes = try await request.bodyBytes(limit: configuration.maxBodyBytes, timeout: configuration.bodyTimeout) } catch {
            return .failure(Self.failure(error.status, Neo4jError.invalidFormat(error.message)))
        }
        let batch: StatementBatch
        do { batch = try StatementBatch(body: bytes, maxQueryBytes: configuration.maxQueryBytes) } catch {
            return .failure(Self.failure(.badRequest, error))
        }
        for s in batch.statements {
            do throws(AccessError) { try statements.authorise(s.text, parameters: s.parameters.keys, context: context) } catch {
                return .failure(Self.failure(error.status, Neo4jError(error.neo4jCode, error.message)))
            }
        }
        return .success(batch, scope)
    }

    private func transactionID(_ context: ServerRequestContext) -> Int? {
        context.parameters.get("txid").flatMap { Int($0) }
    }

    private func openTransactionFields(_ request: Request, _ context: ServerRequestContext, id: Int, expires: Date) -> [(String, JSON)] {
        [
            ("commit", .string(Self.origin(request) + txPrefix(request, context) + "/\(id)/commit")),
            ("transaction", ["expires": .string(HTTPDate.format(expires))]),
        ]
    }

    private func entityBase(_ request: Request, _ context: ServerRequestContext) -> String {
        Self.origin(request) + "/db/" + databaseName(context)
    }

    // MARK: - Handlers

    func discovery(_ request: Request) -> Response {
        let origin = Self.origin(request)
        let body: JSON = [
            "transaction": .string(origin + "/db/{databaseName}/tx"),
            "neo4j_version": .string(configuration.reportedNeo4jVersion),
            "neo4j_edition": "community",
            "bolt_direct": .null, "bolt_routing": .null,
            "auth_config": ["oidc_providers": []],
            "server": .string("ignitabull/\(EngineInfo.version)"),
        ]
        return body.response()
    }

    func legacyDiscovery(_ request: Request) -> Response {
        let origin = Self.origin(request)
        let body: JSON = [
            "transaction": .string(origin + "/db/data/transaction"),
            "neo4j_version": .string(configuration.reportedNeo4jVersion),
        ]
        return body.response()
    }

    /// Runs a batch in `txn` off the cooperative threads, and counts its statements.
    private func execute(
        _ batch: StatementBatch, in txn: GraphTransaction, base: String, _ scope: DatabaseScope
    ) async -> (transaction: GraphTransaction, results: [JSON], error: Neo4jError?) {
        let (database, statements) = (scope.database, scope.statements)
        let out: (transaction: GraphTransaction, results: [JSON], error: Neo4jError?)
        do {
            out = try await statements.run { limits in batch.run(on: database, in: txn, base: base, limits: limits) }
        } catch {
            return (txn, [], Neo4jError.from(error))
        }
        for _ in out.results { metrics.recordQuery(endpoint: "tx", ok: true) }
        if out.error != nil { metrics.recordQuery(endpoint: "tx", ok: false) }
        return out
    }

    /// Commits `txn` durably unless it changed nothing.
    private func commitTransaction(_ txn: GraphTransaction, _ scope: DatabaseScope) async throws {
        guard !txn.mutations.isEmpty else { return }
        let database = scope.database
        try await BlockingWork.run { try database.commit(txn) }
    }

    /// `POST …/tx/commit`: the statements in one transaction, committed at the end.
    func implicitCommit(_ request: Request, _ context: ServerRequestContext) async throws -> Response {
        var request = request
        let (batch, scope): (StatementBatch, DatabaseScope)
        switch await prepare(&request, context) {
        case .failure(let response): return response
        case .success(let b, let s): (batch, scope) = (b, s)
        }
        let base = entityBase(request, context)
        if batch.statements.count == 1 {
            // One statement runs as the engine's own auto-commit query, which also runs schema commands.
            let s = batch.statements[0]
            do {
                let gone = await context.disconnectCancellation()
                let r = try await scope.statements.query(
                    s.text, parameters: s.parameters, cancellation: gone.map { g in QueryCancellation { g.isClosed } })
                let result = try StatementBatch.result(
                    r, s, base: base, limit: configuration.queryMemoryBytes, wrote: r.statistics.containsUpdates)
                metrics.recordQuery(endpoint: "tx", ok: true)
                return Self.body([result], nil).response()
            } catch let e as APIError where e.status == .serviceUnavailable {
                metrics.recordQuery(endpoint: "tx", ok: false)
                throw e
            } catch {
                metrics.recordQuery(endpoint: "tx", ok: false)
                return Self.body([], Neo4jError.from(error)).response()
            }
        }
        // Several statements share one optimistic transaction; a conflict with another writer
        // (nothing was applied) re-runs them, a few times.
        var attempt = 0
        while true {
            attempt += 1
            let (txn, results, error) = await execute(batch, in: scope.database.beginTransaction(), base: base, scope)
            if let error { return Self.body(results, error).response() }
            do {
                try await commitTransaction(txn, scope)
                return Self.body(results, nil).response()
            } catch let e as GraphStoreError where e.code == .transactionConflict && attempt < 5 {
                continue
            } catch {
                return Self.body(results, Neo4jError.from(error)).response()
            }
        }
    }

    /// `POST …/tx`: opens a transaction (201 with its URL in `Location`), running any statements in it.
    func begin(_ request: Request, _ context: ServerRequestContext) async throws -> Response {
        var request = request
        let (batch, scope): (StatementBatch, DatabaseScope)
        switch await prepare(&request, context) {
        case .failure(let response): return response
        case .success(let b, let s): (batch, scope) = (b, s)
        }
        let registry = scope.transactions
        let id: Int
        do { id = try registry.open() } catch { return Self.body([], error).response() }
        let (txn, results, error) = await execute(
            batch, in: scope.database.beginTransaction(), base: entityBase(request, context), scope)
        if let error {
            registry.close(id)
            return Self.body(results, error).response()
        }
        let expires = registry.checkIn(id, txn)
        let location = Self.origin(request) + txPrefix(request, context) + "/\(id)"
        return Self.body(results, nil, extra: openTransactionFields(request, context, id: id, expires: expires))
            .response(status: .created, headers: [.location: location])
    }

    /// An open transaction checked out for a request, with the request's statements.
    private enum CheckedOut {
        case success(StatementBatch, id: Int, GraphTransaction, DatabaseScope)
        case failure(Response)
    }

    /// Reads the statements and checks out the transaction named in the path.
    private func checkOut(_ request: inout Request, _ context: ServerRequestContext) async -> CheckedOut {
        let (batch, scope): (StatementBatch, DatabaseScope)
        switch await prepare(&request, context) {
        case .failure(let response): return .failure(response)
        case .success(let b, let s): (batch, scope) = (b, s)
        }
        guard let id = transactionID(context) else { return .failure(Self.failure(.notFound, .transactionNotFound)) }
        do { return .success(batch, id: id, try scope.transactions.checkOut(id), scope) } catch {
            return .failure(Self.failure(.notFound, error))
        }
    }

    /// `POST …/tx/{id}`: runs statements in an open transaction (none: just keeps it alive).
    func run(_ request: Request, _ context: ServerRequestContext) async throws -> Response {
        var request = request
        let (batch, id, before, scope): (StatementBatch, Int, GraphTransaction, DatabaseScope)
        switch await checkOut(&request, context) {
        case .failure(let response): return response
        case .success(let b, let i, let t, let s): (batch, id, before, scope) = (b, i, t, s)
        }
        let registry = scope.transactions
        let (txn, results, error) = await execute(batch, in: before, base: entityBase(request, context), scope)
        if let error {
            registry.close(id)
            return Self.body(results, error).response()
        }
        let expires = registry.checkIn(id, txn)
        return Self.body(results, nil, extra: openTransactionFields(request, context, id: id, expires: expires)).response()
    }

    /// `POST …/tx/{id}/commit`: runs any final statements, then commits.
    func commit(_ request: Request, _ context: ServerRequestContext) async throws -> Response {
        var request = request
        let (batch, id, before, scope): (StatementBatch, Int, GraphTransaction, DatabaseScope)
        switch await checkOut(&request, context) {
        case .failure(let response): return response
        case .success(let b, let i, let t, let s): (batch, id, before, scope) = (b, i, t, s)
        }
        let registry = scope.transactions
        defer { registry.close(id) }
        let (txn, results, error) = await execute(batch, in: before, base: entityBase(request, context), scope)
        if let error { return Self.body(results, error).response() }
        do {
            try await commitTransaction(txn, scope)
        } catch {
            return Self.body(results, Neo4jError.from(error)).response()
        }
        return Self.body(results, nil).response()
    }

    /// `DELETE …/tx/{id}`: rolls back.
    func rollback(_ request: Request, _ context: ServerRequestContext) async throws -> Response {
        let registry: TransactionRegistry
        switch scope(context) {
        case .failure(let response): return response
        case .success(let s): registry = s.transactions
        }
        guard let id = transactionID(context) else { return Self.failure(.notFound, .transactionNotFound) }
        do { _ = try registry.checkOut(id) } catch { return Self.failure(.notFound, error) }
        registry.close(id)
        return Self.body([], nil).response()
    }
}
