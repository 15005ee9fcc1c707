import CypherSyntax
public import GraphStore

/// The entry point: parse, check and execute a Cypher query on a store.
public enum CypherEngine {
    /// The default work budget of one query (rows produced plus relationships expanded).
    public static let defaultBudget = 5_000_000

    /// Runs `query` with `parameters` on `store`. A query with updating clauses runs in one write transaction:
    /// if anything fails, nothing is applied. Others read the store's current snapshot.
    /// Schema commands (constraints, vector indexes through `vectorIndexes`, SHOW) run each in their own write.
    /// `budget` bounds the work (rows produced plus relationships expanded) and `timeLimit` the wall-clock time;
    /// exceeding either raises `ResourceLimit`.
    /// - Throws: `CypherSyntaxError` for syntax and semantic errors, `CypherRuntimeError` at run time.
    public static func execute(
        _ query: String, parameters: [String: Value] = [:], procedures: ProcedureRegistry = .builtIn, on store: GraphStore,
        vectorIndexes: (any VectorIndexCatalog)? = nil, budget: Int = defaultBudget, timeLimit: Duration? = nil
    ) throws -> QueryResult {
        try execute(
            query, parameters: parameters, procedures: procedures, on: store, vectorIndexes: vectorIndexes,
            limits: QueryLimits(budget: budget, timeLimit: timeLimit))
    }

    /// Runs `query` under `limits`: work budget, time limit, memory limit and pool, cancellation and the
    /// slow-query hook. Exceeding the memory limit raises `MemoryPoolOutOfMemoryError`; cancellation and the
    /// time limit raise `ResourceLimit`.
    /// With a `planCache`, a statement already run with the same text and parameter types is not parsed or
    /// planned again.
    public static func execute(
        _ query: String, parameters: [String: Value] = [:], procedures: ProcedureRegistry = .builtIn, on store: GraphStore,
        vectorIndexes: (any VectorIndexCatalog)? = nil, limits: QueryLimits, planCache: PlanCache? = nil
    ) throws -> QueryResult {
        let registry = procedures.byName
        let statement = try prepare(
            query, parameters: parameters, procedures: procedures, cache: planCache,
            schemaVersion: store.snapshot.schemaVersion
        ).statement
        let q: Query
        switch statement.kind {
        case .query(let query): q = query
        case .schema(let command):
            if statement.mode == .explain {
                return QueryResult(
                    columns: [], rows: [], statistics: WriteStatistics(), propertiesRemoved: 0,
                    snapshot: store.snapshot, plan: ["SchemaCommand"])
            }
            defer { planCache?.removeAll() }
            return try SchemaExecution.run(command, parameters: parameters, on: store, vectorIndexes: vectorIndexes)
        }
        if statement.mode == .explain {
            return QueryResult(
                columns: [], rows: [], statistics: WriteStatistics(), propertiesRemoved: 0, snapshot: store.snapshot,
                plan: PlanDescription.describe(q, graph: store.snapshot))
        }
        var result = try run(
            q, parameters: parameters, procedures: registry, on: store, vectorIndexes: vectorIndexes, limits: limits)
        if statement.mode == .profile {
            result.plan = PlanDescription.describe(q, graph: result.snapshot) + ["Rows: \(result.rows.count)"]
        }
        return result
    }

    /// Runs `query` inside the explicit transaction `txn` (from `GraphStore.begin()`): reads see the
    /// transaction's earlier writes, and writes stay in `txn` until the caller commits it. If the
    /// query fails, `txn` is left as it was before the query. The result's statistics count this
    /// query's changes only.
    /// - Throws: as `execute(_:parameters:procedures:on:budget:timeLimit:)`; a schema command is refused here
    ///   with `schemaInWriteTransaction` (`Database` runs it on its own when the transaction has written nothing).
    public static func execute(
        _ query: String, parameters: [String: Value] = [:], procedures: ProcedureRegistry = .builtIn,
        in txn: inout GraphTransaction, vectorIndexes: (any VectorIndexCatalog)? = nil, budget: Int = defaultBudget,
        timeLimit: Duration? = nil
    ) throws -> QueryResult {
        try execute(
            query, parameters: parameters, procedures: procedures, in: &txn, vectorIndexes: vectorIndexes,
            limits: QueryLimits(budget: budget, timeLimit: timeLimit))
    }

    /// Runs `query` inside `txn` under `limits` (see `execute(_:parameters:procedures:on:vectorIndexes:limits:)`).
    public static func execute(
        _ query: String, parameters: [String: Value] = [:], procedures: ProcedureRegistry = .builtIn,
        in txn: inout GraphTransaction, vectorIndexes: (any VectorIndexCatalog)? = nil, limits: QueryLimits,
        planCache: PlanCache? = nil
    ) throws -> QueryResult {
        let registry = procedures.byName
        let statement = try prepare(
            query, parameters: parameters, procedures: procedures, cache: planCache,
            schemaVersion: txn.snapshot.schemaVersion
        ).statement
        guard case .query(let q) = statement.kind else {
            throw CypherRuntimeError(
                .schemaInWriteTransaction,
                "a schema command cannot run in a transaction that has written data: commit it first, or run the command on its own")
        }
        if statement.mode == .explain {
            return QueryResult(
                columns: [], rows: [], statistics: WriteStatistics(), propertiesRemoved: 0, snapshot: txn.snapshot,
                plan: PlanDescription.describe(q, graph: txn.snapshot))
        }
        let before = txn.statistics
        let executor = QueryExecutor(
            snapshot: txn.snapshot, transaction: txn, parameters: parameters, procedures: registry, limits: limits)
        executor.vectorIndexes = vectorIndexes
        let (columns, rows) = try executor.run(q)
        txn = executor.transaction!
        var result = QueryResult(
            columns: columns, rows: rows, statistics: txn.statistics.subtracting(before),
            propertiesRemoved: executor.propertiesRemoved, snapshot: txn.snapshot)
        if statement.mode == .profile {
            result.plan = PlanDescription.describe(q, graph: txn.snapshot) + ["Rows: \(rows.count)"]
        }
        return result
    }

    /// The statement for `query`: from `cache` when it holds one for this text and these parameter types under
    /// this schema, else parsed, checked and planned (and cached).
    static func prepare(
        _ query: String, parameters: [String: Value], procedures: ProcedureRegistry, cache: PlanCache?,
        schemaVersion: UInt64
    ) throws -> PreparedStatement {
        func make() throws -> PreparedStatement {
            PreparedStatement(
                try SemanticChecker.compile(query, procedures: procedures.signatures, parameters: Set(parameters.keys)))
        }
        guard let cache else { return try make() }
        return try cache.plan(PlanCache.key(query, parameters: parameters), schemaVersion: schemaVersion, prepare: make)
    }

    private static func run(
        _ q: Query, parameters: [String: Value], procedures registry: [String: Procedure], on store: GraphStore,
        vectorIndexes: (any VectorIndexCatalog)?, limits: QueryLimits
    ) throws -> QueryResult {
        let updating = q.parts.contains { $0.clauses.contains { $0.isUpdating } }
        if !updating {
            let executor = QueryExecutor(
                snapshot: store.snapshot, transaction: nil, parameters: parameters, procedures: registry, limits: limits)
            executor.vectorIndexes = vectorIndexes
            let (columns, rows) = try executor.run(q)
            return QueryResult(
                columns: columns, rows: rows, statistics: WriteStatistics(), propertiesRemoved: 0,
                snapshot: store.snapshot)
        }
        // A commit checks the properties existence constraints and node keys require: Neo4j's validation error.
        let result: ([String], [[Value]], Int, WriteStatistics, GraphSnapshot)
        do {
            result = try write(q, on: store, parameters: parameters, registry: registry, limits: limits, vectorIndexes: vectorIndexes)
        } catch let e as GraphStoreError where e.code == .constraintViolation {
            throw CypherRuntimeError(.constraintViolation, e.message)
        }
        return QueryResult(
            columns: result.0, rows: result.1, statistics: result.3, propertiesRemoved: result.2, snapshot: result.4)
    }

    private static func write(
        _ q: Query, on store: GraphStore, parameters: [String: Value], registry: [String: Procedure], limits: QueryLimits,
        vectorIndexes: (any VectorIndexCatalog)?
    ) throws -> ([String], [[Value]], Int, WriteStatistics, GraphSnapshot) {
        try store.write { txn, checkpoint in
            let executor = QueryExecutor(
                snapshot: txn.snapshot, transaction: txn, parameters: parameters, procedures: registry, limits: limits)
            executor.vectorIndexes = vectorIndexes
            let (columns, rows) = try withoutActuallyEscaping(checkpoint) { publish in
                executor.commitBatch = publish
                defer { executor.commitBatch = nil }
                return try executor.run(q)
            }
            txn = executor.transaction!
            return (
                columns, rows, executor.propertiesRemoved, executor.checkpointedStatistics.adding(txn.statistics),
                txn.snapshot
            )
        }
    }
}
