import Access
import CypherRuntime
import Engine
import GraphStore
import Synchronization

/// Runs Cypher statements for the routes: through admission control, under the server's time limit,
/// memory limit and memory pool.
struct StatementRunner: Sendable {
    let database: Database
    /// The database's name (whose roles apply).
    let name: String
    let admission: QueryAdmission
    /// Statement texts that run on the request's thread (`CheapStatements`).
    let cheapStatements = CheapStatements()
    let memoryPool: MemoryPool
    let configuration: ServerConfiguration

    /// Refuses `text` (before it runs) when the request's principal may not run it; see `StatementGuard`.
    func authorise(_ text: String, parameters: some Collection<String>, context: ServerRequestContext) throws(AccessError) {
        try StatementGuard(database: database, name: name, access: configuration.access).check(text, parameters: Set(parameters), context: context)
    }

    /// The limits of one statement (the database's work budget, the server's time and memory limits).
    func limits(cancellation: QueryCancellation? = nil) -> QueryLimits {
        var limits = database.limits(timeLimit: configuration.queryTimeLimit)
        limits.memoryBytes = configuration.queryMemoryBytes
        limits.memoryPool = memoryPool
        limits.cancellation = cancellation
        return limits
    }

    /// One auto-commit statement.
    func query(
        _ text: String, parameters: [String: Value], cancellation: QueryCancellation? = nil
    ) async throws -> QueryResult {
        let (database, cheap) = (database, cheapStatements)
        let limits = limits(cancellation: cancellation)
        let clock = ContinuousClock()
        if CheapStatements.onEventLoop, cheap.mayInline(text, parameters: Set(parameters.keys), database: database) {
            // Inline, the statement may hold the request's thread for `overrun` at most: past it, the statement is
            // stopped at its next checkpoint (as a cancellation) and, since it only reads, run again from the
            // start on a statement thread with its own limits; the text does not run inline again.
            let deadline = clock.now + CheapStatements.overrun
            let overran = Atomic<Bool>(false)
            let client = limits.cancellation
            var inline = limits
            inline.cancellation = QueryCancellation {
                if client?.isCancelled == true { return true }
                guard clock.now > deadline else { return false }
                overran.store(true, ordering: .relaxed)
                return true
            }
            do {
                if let result = try admission.runInline(limits: inline, { limits in
                    let start = clock.now
                    defer { cheap.record(text, elapsed: clock.now - start, inline: true) }
                    return try database.query(text, parameters: parameters, limits: limits)
                }) {
                    return result
                }
            } catch where overran.load(ordering: .relaxed) {
                cheap.disqualify(text)
            }
        }
        return try await admission.run(limits: limits) { limits in
            let start = clock.now
            defer { cheap.record(text, elapsed: clock.now - start, inline: false) }
            return try database.query(text, parameters: parameters, limits: limits)
        }
    }

    /// Work on an explicit transaction (a batch of statements), admitted as one unit.
    func run<T: Sendable>(_ body: @escaping @Sendable (QueryLimits) throws -> T) async throws -> T {
        try await admission.run(limits: limits(), body)
    }
}
