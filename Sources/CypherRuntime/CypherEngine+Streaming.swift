import CypherSyntax
public import GraphStore

extension CypherEngine {
    /// Runs `query` on `store` as `execute` does, except that a large read streams: when the query is a read
    /// whose clauses map rows one at a time (a MATCH or UNWIND, then MATCH, UNWIND and WITH/RETURN without
    /// aggregates, DISTINCT, ORDER BY, SKIP or LIMIT) and it has more than `wholeRows` rows, the answer is a
    /// `QueryCursor` that produces rows as they are read, at most `bufferRows` ahead, so memory stays flat
    /// however many rows there are. Everything else (writes, schema commands, EXPLAIN/PROFILE, sorting,
    /// aggregation, small results) is answered whole.
    /// With a `planCache`, a statement already run with the same text and parameter types is not compiled again.
    /// - Throws: as `execute`; errors found after the first `wholeRows` rows come from the cursor.
    public static func open(
        _ query: String, parameters: [String: Value] = [:], procedures: ProcedureRegistry = .builtIn, on store: GraphStore,
        vectorIndexes: (any VectorIndexCatalog)? = nil, limits: QueryLimits, wholeRows: Int = 1000,
        bufferRows: Int = 4096, planCache: PlanCache? = nil
    ) throws -> QueryOutput {
        let registry = procedures.byName
        let statement = try prepare(
            query, parameters: parameters, procedures: procedures, cache: planCache,
            schemaVersion: store.snapshot.schemaVersion
        ).statement
        guard statement.mode == .run, case .query(let q) = statement.kind, QueryExecutor.streams(q) else {
            return .result(
                try execute(
                    query, parameters: parameters, procedures: procedures, on: store, vectorIndexes: vectorIndexes,
                    limits: limits, planCache: planCache))
        }
        let reading = Reading(
            query: q.parts[0], parameters: parameters, procedures: registry, snapshot: store.snapshot,
            vectorIndexes: vectorIndexes, limits: limits)
        return try reading.open(wholeRows: wholeRows, bufferRows: bufferRows)
    }

    /// `open` inside the explicit transaction `txn`: a read that streams reads the transaction's state as of
    /// now (its earlier writes included) and leaves `txn` as it is; anything else runs as `execute(…in:…)`.
    public static func open(
        _ query: String, parameters: [String: Value] = [:], procedures: ProcedureRegistry = .builtIn,
        in txn: inout GraphTransaction, vectorIndexes: (any VectorIndexCatalog)? = nil, limits: QueryLimits,
        wholeRows: Int = 1000, bufferRows: Int = 4096, planCache: PlanCache? = nil
    ) throws -> QueryOutput {
        let registry = procedures.byName
        let statement = try prepare(
            query, parameters: parameters, procedures: procedures, cache: planCache,
            schemaVersion: txn.snapshot.schemaVersion
        ).statement
        guard statement.mode == .run, case .query(let q) = statement.kind, QueryExecutor.streams(q) else {
            return .result(
                try execute(
                    query, parameters: parameters, procedures: procedures, in: &txn, vectorIndexes: vectorIndexes,
                    limits: limits, planCache: planCache))
        }
        let reading = Reading(
            query: q.parts[0], parameters: parameters, procedures: registry, snapshot: txn.snapshot,
            vectorIndexes: vectorIndexes, limits: limits)
        return try reading.open(wholeRows: wholeRows, bufferRows: bufferRows)
    }

    /// A read that can stream, with everything its executors need.
    private struct Reading: Sendable {
        let query: SingleQuery
        let parameters: [String: Value]
        let procedures: [String: Procedure]
        let snapshot: GraphSnapshot
        let vectorIndexes: (any VectorIndexCatalog)?
        let limits: QueryLimits

        /// Rows handed from the executor at a time.
        static let batchRows = 256

        private struct TooManyRows: Error {}

        func executor(_ limits: QueryLimits) -> QueryExecutor {
            let e = QueryExecutor(
                snapshot: snapshot, transaction: nil, parameters: parameters, procedures: procedures, limits: limits)
            e.vectorIndexes = vectorIndexes
            return e
        }

        func result(_ columns: [String], _ rows: [[Value]]) -> QueryOutput {
            .result(
                QueryResult(
                    columns: columns, rows: rows, statistics: WriteStatistics(), propertiesRemoved: 0,
                    snapshot: snapshot))
        }

        /// Runs the query here until it has given more than `wholeRows` rows (most results end before: they
        /// are answered whole, with no thread); a larger one starts again on a thread of its own behind a cursor.
        func open(wholeRows: Int, bufferRows: Int) throws -> QueryOutput {
            let probe = executor(limits)
            let columns = try probe.columns(of: query)
            var rows: [[Value]] = []
            do {
                try probe.stream(query, batchRows: Self.batchRows) { batch in
                    rows += batch
                    if rows.count > wholeRows { throw TooManyRows() }
                }
                return result(columns, rows)
            } catch is TooManyRows {
                rows = []
            }
            let outer = limits.cancellation
            let cursor = QueryCursor.start(columns: columns, snapshot: snapshot, bufferRows: bufferRows) { buffer in
                var limits = self.limits
                limits.cancellation = QueryCancellation { buffer.isClosed || outer?.isCancelled == true }
                try executor(limits).stream(query, batchRows: Self.batchRows) { try buffer.put($0) }
            }
            if let cursor { return .cursor(cursor) }
            // Every streaming thread is busy: build this result whole.
            try executor(limits).stream(query, batchRows: Self.batchRows) { rows += $0 }
            return result(columns, rows)
        }
    }
}
