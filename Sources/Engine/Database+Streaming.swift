public import CypherRuntime
public import GraphStore

extension Database {
    /// Runs a Cypher query as `query(_:parameters:timeLimit:)` does, except that a large read that streams
    /// answers a `QueryCursor` producing its rows as they are read (see `CypherEngine.open`): a protocol
    /// that sends results in batches (Bolt) then never holds a large result whole. The time limit counts the
    /// time spent producing rows, not the time the reader takes between batches.
    public func open(
        _ text: String, parameters: [String: Value] = [:], timeLimit: Duration? = .seconds(30), wholeRows: Int = 1000
    ) throws -> QueryOutput {
        try CypherEngine.open(
            text, parameters: parameters, procedures: procedureRegistry, on: graph,
            vectorIndexes: DatabaseVectorCatalog(database: self), limits: limits(timeLimit: timeLimit),
            wholeRows: wholeRows, planCache: planCache)
    }

    /// `open` inside an explicit transaction: a streaming read sees the transaction's writes so far and leaves
    /// `txn` unchanged; other queries run as `query(_:parameters:in:timeLimit:)`.
    public func open(
        _ text: String, parameters: [String: Value] = [:], in txn: inout GraphTransaction,
        timeLimit: Duration? = .seconds(30), wholeRows: Int = 1000
    ) throws -> QueryOutput {
        let limits = limits(timeLimit: timeLimit)
        return try allowingSchemaCommand(in: &txn) { txn in
            try underWriteLease(&txn, limits: limits) { txn in
                try CypherEngine.open(
                    text, parameters: parameters, procedures: procedureRegistry, in: &txn,
                    vectorIndexes: DatabaseVectorCatalog(database: self), limits: limits,
                    wholeRows: wholeRows, planCache: planCache)
            }
        } alone: {
            .result(try query(text, parameters: parameters, limits: limits))
        }
    }
}
